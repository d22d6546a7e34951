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


# ---- the sample's images, offline (issue 10.8) -------------------------------------------------------
ALT_TEXTS = ["Lumen", "A dashboard glowing on a laptop at dusk", "The Fernwood finance team around a whiteboard",
             "Pipeline template preview", "Churn template preview", "Forecast template preview",
             "Lumen on LinkedIn", "Lumen on X", "Lumen on Instagram"]
BROKEN = "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))"


@pytest.fixture(scope="module")
def sample_ws(tmp_path_factory):
    from engine.sample import create_sample
    from engine.store import Workspace

    ws = Workspace.open(tmp_path_factory.mktemp("sample") / "s.db")
    create_sample(ws, people=3)
    yield ws
    ws.close()


def newsletter(ws, marked: bool = False) -> str:
    from engine.preview import compile_for_preview
    from engine.styles import GlobalStyles

    info = next(f for f in ws.files.all() if f.name == "Newsletter")
    built = compile_for_preview(ws.files.source(info.ref), styles=GlobalStyles.from_json(ws.styles.get()),
                                components=ws)
    return built.marked_html if marked else built.html


def test_sample_workspace_carries_its_images_small(sample_ws):
    from engine.assets import asset_names

    names = asset_names(newsletter(sample_ws))
    assert len(names) == 11
    stored = {n: sample_ws.assets.get(n) for n in sample_ws.assets.names()}
    assert set(names) <= set(stored)
    assert all(a.mime_type == "image/png" and a.width and a.height for a in stored.values())
    assert sum(len(a.data) for a in stored.values()) < 1024 * 1024


def test_sample_newsletter_has_no_broken_image_offline(snap, sample_ws):
    """A real WebEngine render (no network here): every image comes from the workspace."""
    from widgets.preview.assets import use_assets

    use_assets(sample_ws.assets)
    try:
        snap.capture(newsletter(sample_ws), PreviewMode(width=700))
        page = snap.harness
        assert page.evaluate("document.images.length") == 11
        assert page.evaluate(BROKEN) == []
        image = snap.capture(newsletter(sample_ws), PreviewMode(width=320))
        assert snap.harness.evaluate(BROKEN) == []
        assert image.width() == 320
    finally:
        use_assets(None)


def test_shot_without_a_workspace_finds_the_sample_images_bundled(snap, sample_ws):
    """`shot resources/sample/emails/newsletter.html`: no workspace, the shipped sample images answer."""
    snap.capture(newsletter(sample_ws), PreviewMode(width=700))
    assert snap.harness.evaluate("document.images.length") == 11 and snap.harness.evaluate(BROKEN) == []


def test_blocked_images_show_their_alt_text_in_a_box_of_their_width(snap, sample_ws):
    image = snap.capture(newsletter(sample_ws), PreviewMode(width=700, block_images=True))
    page = snap.harness
    assert page.evaluate("document.images.length") == 0
    text = page.evaluate("document.body.innerText")
    for alt in ALT_TEXTS:
        assert alt in text, alt
    boxes = page.evaluate("Array.from(document.querySelectorAll('[data-cs-alt-box]')).filter(b => b.offsetWidth > 0)"
                          ".map(b => [b.textContent, Math.round(b.getBoundingClientRect().width),"
                          " Math.round(b.getBoundingClientRect().height), b.getBoundingClientRect().y])")
    by_alt = {b[0]: b for b in boxes}
    assert by_alt["Lumen"][1] == 110 and by_alt["Lumen on X"][1] == 28
    assert by_alt["A dashboard glowing on a laptop at dusk"][1] == 600  # width:100% of the 600 px section
    # the pixels: the hero's alt box is painted (its light grey fill), not a collapsed broken-image icon
    hero = by_alt["A dashboard glowing on a laptop at dusk"]
    x, y = 50 + 10, int(hero[3]) + 3
    assert _rgb(image, x, y) == (244, 243, 248)


def test_checks_read_the_workspace_images(sample_ws):
    from engine.checks import build, check_images

    from engine.styles import GlobalStyles

    info = next(f for f in sample_ws.files.all() if f.name == "Newsletter")
    b = build(sample_ws.files.source(info.ref), styles=GlobalStyles.from_json(sample_ws.styles.get()),
              components=sample_ws, filename="newsletter.html")
    found = [p for p in check_images(b, offline=True, assets=sample_ws.assets) if p.extra.get("asset")]
    assert len(found) == 11 and {p.rule for p in found} == {"images/ok"}
    hero = next(p for p in found if p.extra["asset"] == "newsletter/hero.png")
    assert (hero.extra["width"], hero.extra["height"], hero.extra["format"]) == (1200, 560, "PNG")
    missing = build('<img src="asset:gone.png" alt="x">', filename="e.html")
    assert [p.rule for p in check_images(missing, offline=True, assets=sample_ws.assets)] == ["images/broken"]
    assert [p.rule for p in check_images(missing, offline=True)] == ["images/not-checked"]
