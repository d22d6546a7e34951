"""Issue 7 acceptance: the three real-world emails look the same in Qt WebEngine after the
transformers that must not change appearance (inlining, cleanup, minify, variables).

Each email is rendered full page (DevTools `Page.captureScreenshot` beyond the
viewport, as `editor/preview/snapshot.py` does) with no transformer and with
each of those transformers, alone and all together, then compared pixel by
pixel. Tolerance: at most 0.5 % of pixels may differ by more than 16 in a
channel (anti-aliasing and sub-pixel text positioning when whitespace between
inline elements changes); the page height must be equal within 2 px.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.transformers import TransformerSettings, apply_transformers

DATA = Path(__file__).parent / "data" / "transformers"
EMAILS = ["retailer_newsletter.html", "outlook_vml.html", "welcome.mjml"]
WIDTH = 640
MAX_DIFFERENT = 0.005
CHANNEL_TOLERANCE = 16


def _settings(*names: str) -> TransformerSettings:
    s = TransformerSettings()
    for name in names:
        if name == "minify":
            s.formatter.type = "minify"
        else:
            getattr(s, name).enabled = True
    return s


CASES = {
    "css_variables": _settings("css_variables"),
    "css_inliner": _settings("css_inliner"),
    "remove_unused_css": _settings("remove_unused_css"),
    "minify": _settings("minify"),
    "all four": _settings("css_variables", "css_inliner", "remove_unused_css", "minify"),
}


def _capture(harness, html: str):
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QImage

    page = harness.render(html, width=WIDTH, scheme="light")
    height = int(page.js("Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)"))
    results: list = []
    harness.devtools.call(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "fromSurface": True,
         "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}},
        lambda result: (results.append(result), harness._wake()),
    )
    harness._wait(lambda: bool(results), 15.0, "DevTools screenshot")
    image = QImage.fromData(QByteArray.fromBase64(results[0]["data"].encode("ascii")), "PNG")
    return image.convertToFormat(QImage.Format.Format_RGB32), height


def _difference(a, b) -> float:
    """The share of pixels whose colour differs by more than the tolerance in a channel."""
    width, height = min(a.width(), b.width()), min(a.height(), b.height())
    pa, pb = a.constBits(), b.constBits()
    ba, bb = bytes(pa)[: a.sizeInBytes()], bytes(pb)[: b.sizeInBytes()]
    stride_a, stride_b = a.bytesPerLine(), b.bytesPerLine()
    different = 0
    for y in range(height):
        row_a = ba[y * stride_a: y * stride_a + width * 4]
        row_b = bb[y * stride_b: y * stride_b + width * 4]
        if row_a == row_b:
            continue
        for x in range(0, width * 4, 4):
            if (abs(row_a[x] - row_b[x]) > CHANNEL_TOLERANCE or abs(row_a[x + 1] - row_b[x + 1]) > CHANNEL_TOLERANCE
                    or abs(row_a[x + 2] - row_b[x + 2]) > CHANNEL_TOLERANCE):
                different += 1
    return different / float(width * height)


@pytest.fixture(scope="module")
def baselines(web_harness):
    out = {}
    for email in EMAILS:
        source = (DATA / email).read_text()
        html = apply_transformers(source, TransformerSettings(), filename=email).html
        out[email] = _capture(web_harness, html)
    return out


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("email", EMAILS)
def test_appearance_is_unchanged(web_harness, baselines, email, case):
    source = (DATA / email).read_text()
    result = apply_transformers(source, CASES[case], filename=email)
    assert not result.problems, result.problems
    assert result.html != baselines[email] and result.applied  # the transformer really ran
    before, before_height = baselines[email]
    after, after_height = _capture(web_harness, result.html)
    assert abs(after_height - before_height) <= 2, (before_height, after_height)
    assert before.height() > 200  # a real page, not a blank capture
    share = _difference(before, after)
    assert share <= MAX_DIFFERENT, f"{share:.2%} of pixels differ"


def test_the_comparison_notices_a_visible_change(web_harness, baselines):
    source = (DATA / "retailer_newsletter.html").read_text().replace("#ffffff", "#ffe0e0")
    html = apply_transformers(source, TransformerSettings(), filename="retailer_newsletter.html").html
    after, _ = _capture(web_harness, html)
    assert _difference(baselines["retailer_newsletter.html"][0], after) > MAX_DIFFERENT
