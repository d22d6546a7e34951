"""Full-page captures (`Snapshotter`, used by the screenshot button, `shot` and the QA matrix), rendered for real."""
from __future__ import annotations

import pytest

from engine.preview import PreviewMode


@pytest.fixture(scope="module")
def snap(qapp):
    from editor.preview.snapshot import Snapshotter

    s = Snapshotter()
    yield s
    s.close()


def _rgb(image, x, y):
    return image.pixelColor(x, y).getRgb()[:3]


@pytest.mark.parametrize("scheme", ["forced-dark-outlook", "forced-dark-google"])
def test_forced_dark_has_no_band_below_a_short_email(snap, scheme):
    """Issue 10.13: the reading-pane colour was set on <html>, which stopped the body's (recoloured)
    background from covering the canvas; where the document is taller than the body (a collapsed
    bottom margin here, as in the sample at 320 px) a band of the pane colour showed below the email."""
    html = ('<!doctype html><html><head><style>body{margin:0}</style></head>'
            '<body style="background:#F3F1FB"><div style="margin:0 40px 60px;padding:20px;'
            'background:#FFFFFF;color:#1F2330">Short email</div></body></html>')
    image = snap.capture(html, PreviewMode(width=320, scheme=scheme))
    assert image.height() >= 100
    body = _rgb(image, 2, 4)  # the recoloured body background beside the card
    bottom = {_rgb(image, x, image.height() - 1 - dy) for x in (2, 160, 317) for dy in range(0, 40, 5)}
    assert bottom == {body}, f"bottom rows {bottom} differ from the email's background {body}"
    assert max(body) < 90  # it is the forced-dark colour, not the light one
