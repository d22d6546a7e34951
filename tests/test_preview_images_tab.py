"""The editor's Images tab on the sample newsletter, offline: workspace images are found and read (issue 10.8)."""
from __future__ import annotations

from editor.window import EditorWindow
from engine.sample import create_sample
from engine.store import Workspace
from tests.gui_helpers import settings  # noqa: F401


def test_images_tab_reads_the_sample_newsletters_workspace_images(qtbot, tmp_path, settings):  # noqa: F811
    ws = Workspace.open(tmp_path / "s.db")
    create_sample(ws, people=2)
    info = next(f for f in ws.files.all() if f.name == "Newsletter")
    w = EditorWindow(ws, f"{info.kind}:{info.id}", settings=settings, dark=False)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    try:
        qtbot.waitUntil(w.editors["source"].is_ready, timeout=20000)
        qtbot.waitUntil(lambda: w.devtools.report is not None, timeout=10000)
        images = w.devtools.images
        w.devtools.show_tab("images")
        qtbot.waitUntil(lambda: images.state() == "in-sync", timeout=20000)
        rows = {images.tree.topLevelItem(i).text(0): images.tree.topLevelItem(i)
                for i in range(images.tree.topLevelItemCount())}
        assert len([u for u in rows if u.startswith("asset:")]) == 11
        hero = rows["asset:newsletter/hero.png"]
        assert hero.text(3) == "1200 × 560"
        assert not any(rows[u].text(4).startswith("broken") for u in rows)
        assert images.thumbnails["asset:newsletter/hero.png"].width() == 44  # drawn from the workspace's bytes
    finally:
        w.close_document()
        ws.close()
