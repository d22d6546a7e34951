"""The first email opens from the editor and preview warmed up after the app's first paint (issue 10 §17)."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor import warmup
from editor.window import EditorWindow
from tests.gui_helpers import settings, workspace  # noqa: F401


def _preview_text(qtbot, pane) -> str:
    box = []
    pane.page.runJavaScript("JSON.stringify(document.body ? document.body.innerText : '')", 1, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0]) if box[0] else ""


def test_double_click_opens_the_first_email_in_the_warmed_up_editor(qtbot, workspace, settings):
    from app.main_window import FILES, MainWindow

    window = MainWindow(workspace, settings=settings, theme=None, defer_icons=True)  # as `run_gui` starts it
    qtbot.addWidget(window)
    try:
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        # after the first paint the app warms up a hidden Monaco editor and preview page
        qtbot.waitUntil(lambda: warmup._state["editor"] is not None and warmup._state["editor"].is_ready()
                        and warmup._state["preview"] is not None, timeout=20000)
        spare_editor, spare_preview = warmup._state["editor"], warmup._state["preview"]

        window.show_screen(FILES)
        table = window.screen(FILES).table
        model = table.model()
        row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Newsletter")
        centre = table.visualRect(model.index(row, 0)).center()
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)

        doc = window.tabs.currentWidget()
        assert isinstance(doc, EditorWindow) and doc.title == "Newsletter"
        assert doc.editors["source"] is spare_editor and doc.preview is spare_preview
        assert doc.editors["source"].is_ready()  # editable at once: Monaco was already loaded
        qtbot.waitUntil(lambda: "Monthly news" in _preview_text(qtbot, doc.preview), timeout=10000)

        # the editor works as any: typing reaches the store
        ed = doc.editors["source"]
        ed.go_to(2, 28)  # after "Monthly news"
        qtbot.waitUntil(lambda: ed.cursor_position() == (2, 28), timeout=5000)
        ed.focus_editor()
        qtbot.waitUntil(ed.has_editor_focus, timeout=5000)
        qtbot.keyClicks(ed.view.focusProxy(), " now")
        info = next(i for i in workspace.files.all() if i.name == "Newsletter")
        qtbot.waitUntil(lambda: "Monthly news now" in workspace.files.source(info.ref), timeout=3000)
    finally:
        warmup.discard()
        for i in range(window.tabs.count() - 1, 0, -1):
            window.close_tab(i)
