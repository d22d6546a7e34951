"""`shot` and `matrix` as a user runs them, and the QA matrix dialog."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NEWSLETTER = ROOT / "resources/sample/emails/newsletter.html"
STYLES = ROOT / "resources/sample/global-styles.json"
COMPONENTS = ROOT / "resources/sample/components"  # the newsletter uses the sample <promo-card>


def run(*args):
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the command sets the offscreen platform itself
    env.pop("QTWEBENGINE_REMOTE_DEBUGGING", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_shot_writes_a_full_page_png_of_the_right_width(tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "mobile-dark.png"
    r = run("shot", NEWSLETTER, "--styles", STYLES, "--components", COMPONENTS, "--width", 320, "--scheme", "dark", "--out", out)
    assert r.returncode == 0, r.stderr
    # stderr is for located problems: no GL/Vulkan/D-Bus chatter from Chromium (only its own DevTools line)
    assert [line for line in r.stderr.splitlines() if line.strip() and not line.startswith("DevTools listening")] == []
    image = QImage(str(out))
    assert image.width() == 320 and image.height() > 1500  # the whole email, not one viewport
    # dark: the page background is the email's dark colour #15131F, not its light #F3F1FB
    assert image.pixelColor(2, 2).getRgb()[:3] == (0x15, 0x13, 0x1F)


def test_shot_errors_are_located_and_never_tracebacks(tmp_path):
    r = run("shot", tmp_path / "missing.html", "--out", tmp_path / "x.png")
    assert r.returncode == 2 and "missing.html:0:0: cannot read email" in r.stderr and "Traceback" not in r.stderr
    bad = tmp_path / "data.json"
    bad.write_text('{\n  "customer": {,}\n}')
    r = run("shot", NEWSLETTER, "--data", bad, "--out", tmp_path / "x.png")
    assert r.returncode == 2 and f"{bad}:2:16: invalid JSON" in r.stderr and "Traceback" not in r.stderr
    r = run("shot", NEWSLETTER, "--scheme", "sepia", "--out", tmp_path / "x.png")
    assert r.returncode == 2 and "invalid choice" in r.stderr


def test_matrix_command_writes_the_sheet(tmp_path):
    from PySide6.QtGui import QImage

    out = tmp_path / "sheet.png"
    r = run("matrix", NEWSLETTER, "--styles", STYLES, "--components", COMPONENTS, "--out", out)
    assert r.returncode == 0, r.stderr
    sheet = QImage(str(out))
    assert sheet.width() > 5 * 128 and sheet.height() > 1000


def test_matrix_has_ten_labelled_cells_and_opens_full_size(qtbot, qapp):
    from editor.preview.qa_matrix import COLUMNS, QaMatrixDialog, compose_sheet, render_matrix
    from editor.preview.snapshot import Snapshotter

    html = ('<html><body style="margin:0;background:#ffffff"><h1 style="color:#000000">Hi</h1>'
            '<style>@media (prefers-color-scheme: dark){body{background:#000000 !important}}</style></body></html>')
    snap = Snapshotter()
    try:
        cells = render_matrix(html, snap)
    finally:
        snap.close()
    labels = [c.label for c in cells]
    assert len(cells) == 10 and len(set(labels)) == 10
    assert sum("Desktop 700" in l for l in labels) == 6 and sum("Mobile 320" in l for l in labels) == 4
    assert {c.image.width() for c in cells} == {700, 320}
    by_label = {c.label: c for c in cells}
    light = by_label["Desktop 700 · Light"].image.pixelColor(650, 5).getRgb()[:3]
    dark = by_label["Desktop 700 · Dark"].image.pixelColor(650, 5).getRgb()[:3]
    forced = by_label["Desktop 700 · Forced dark (Outlook) (emulation)"].image.pixelColor(650, 5).getRgb()[:3]
    assert light == (255, 255, 255) and dark == (0, 0, 0) and max(forced) < 70
    dialog = QaMatrixDialog(cells)
    qtbot.addWidget(dialog)
    assert len(dialog.thumbs) == 10
    full = dialog.open_full_size(3)
    assert full.windowTitle() == labels[3]
    sheet = compose_sheet(cells, "QA")
    assert sheet.width() > COLUMNS * 128


def test_shot_shows_workspace_images_and_alt_text_when_blocked(tmp_path):
    """Issue 10.8 on the command line: `asset:NAME` comes from --workspace (offline), and
    --block-images draws the alt text in a box of the image's width, as the help says."""
    from PIL import Image
    from PySide6.QtGui import QImage

    from engine.store import Workspace

    red = tmp_path / "red.png"
    Image.new("RGB", (200, 100), (220, 20, 20)).save(red)
    ws_path = tmp_path / "w.db"
    with Workspace.open(ws_path) as ws:
        ws.assets.add("promo/red.png", red.read_bytes())
    email = tmp_path / "e.html"
    email.write_text('<x-base background="#FFFFFF"><x-section padding="0">'
                     '<x-image src="asset:promo/red.png" alt="Red promo banner" width="200px" align="left"/>'
                     '</x-section></x-base>')
    out = tmp_path / "with.png"
    r = run("shot", email, "--workspace", ws_path, "--width", 600, "--out", out)
    assert r.returncode == 0, r.stderr
    shot = QImage(str(out))
    left = (600 - 600) // 2  # the 600 px section fills the width
    assert shot.pixelColor(left + 100, 50).getRgb()[:3] == (220, 20, 20)  # the workspace's image, offline
    r = run("shot", email, "--workspace", ws_path, "--width", 600, "--block-images", "--out", out)
    assert r.returncode == 0, r.stderr
    blocked = QImage(str(out))
    box = blocked.pixelColor(left + 100, 3).getRgb()[:3]
    assert box == (244, 243, 248)  # the alt box's fill, where the image was
    dark_pixels = sum(1 for x in range(left + 4, left + 196) for y in range(4, 22)
                      if max(blocked.pixelColor(x, y).getRgb()[:3]) < 140)
    assert dark_pixels > 40  # the alt text is drawn in it
