"""The email editor window with real widgets: typing, preview, autosave, undo, tabs, problems."""
from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from editor.window import DIRTY, EditorWindow
from engine.store import Workspace
from tests.gui_helpers import find_file, settings, workspace  # noqa: F401


def js(qtbot, page, expression: str):
    """Evaluate in the page's application world (the preview disables page JavaScript)."""
    box = []
    page.runJavaScript(f"JSON.stringify({expression})", 1, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0]) if box[0] else None


def focus(qtbot, ed):
    ed.focus_editor()
    qtbot.waitUntil(ed.has_editor_focus, timeout=5000)


def type_at(qtbot, ed, line: int, column: int, text: str):
    ed.go_to(line, column)
    qtbot.waitUntil(lambda: ed.cursor_position() == (line, column), timeout=5000)
    focus(qtbot, ed)
    qtbot.keyClicks(ed.view.focusProxy(), text)


def click(widget, pos=None):
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())


def click_tab(qtbot, w, page):
    """Click the window's tab that shows `page` (HTML, Text, AMP, Transformers)."""
    bar = w.tabs.tabBar()
    click(bar, bar.tabRect(w.tabs.indexOf(page)).center())
    qtbot.waitUntil(lambda: w.tabs.currentWidget() is page, timeout=3000)


def toggle(qtbot, box):
    """A checkable group box or check box, toggled from the keyboard as a user tabbing to it would."""
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    QTest.keyClick(box, Qt.Key.Key_Space)


def preview_text(qtbot, w):
    return js(qtbot, w.preview.page, "document.body ? document.body.innerText : ''") or ""


@pytest.fixture
def open_editor(qtbot, workspace, settings):
    made = []

    def make(name: str = "Welcome") -> EditorWindow:
        info = find_file(workspace, name)
        w = EditorWindow(workspace, f"{info.kind}:{info.id}", settings=settings, dark=False)
        qtbot.addWidget(w)
        w.resize(1440, 900)
        w.show()
        qtbot.waitUntil(w.editors["source"].is_ready, timeout=20000)
        qtbot.waitUntil(lambda: "Welcome" in preview_text(qtbot, w) or name != "Welcome", timeout=10000)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close_document()


def test_typing_in_the_editor_changes_the_preview(qtbot, open_editor):
    w = open_editor()
    assert "Your promo code is inside." in preview_text(qtbot, w)
    type_at(qtbot, w.editors["source"], 4, 44, " Hurry")  # after "Your promo code is inside."
    qtbot.waitUntil(lambda: "inside. Hurry" in preview_text(qtbot, w), timeout=5000)


def test_autosave_reaches_an_independent_connection_within_two_seconds(qtbot, open_editor, workspace):
    w = open_editor()
    info = find_file(workspace, "Welcome")
    type_at(qtbot, w.editors["source"], 3, 32, " friend")
    typed = time.monotonic()
    other = Workspace.open(workspace.url)  # a second, independent store connection; no explicit save anywhere
    try:
        def saved():
            return "Welcome aboard friend" in other.files.source(info.ref)
        qtbot.waitUntil(saved, timeout=2000)
        assert time.monotonic() - typed < 2.0
    finally:
        other.close()


def test_dirty_marker_while_unsaved_then_clean_after_the_pause(qtbot, open_editor):
    w = open_editor()
    titles = []
    w.tab_title_changed.connect(lambda t: titles.append(t))
    assert w.tab_title() == "Welcome"
    type_at(qtbot, w.editors["source"], 3, 32, "!!")
    qtbot.waitUntil(lambda: "Welcome" + DIRTY in titles, timeout=3000)  # shown while the edit is not yet written
    qtbot.waitUntil(lambda: w.tab_title() == "Welcome", timeout=3000)
    assert w.stack.count() == 1 and w.stack.undoText() == "Typing in HTML"  # one chunk for the burst


def test_window_undo_restores_the_text_and_saves_it(qtbot, open_editor, workspace):
    w = open_editor()
    info = find_file(workspace, "Welcome")
    original = workspace.files.source(info.ref)
    type_at(qtbot, w.editors["source"], 3, 32, " X")
    qtbot.waitUntil(lambda: not w.is_modified(), timeout=3000)
    click(w.envelope.edits["bcc"])  # focus outside Monaco: Edit ▸ Undo acts on the window's stack
    qtbot.waitUntil(lambda: not w.editors["source"].has_editor_focus(), timeout=3000)
    w.undo()
    assert w.editors["source"].text() == original
    qtbot.waitUntil(lambda: workspace.files.source(info.ref) == original, timeout=3000)
    w.redo()
    qtbot.waitUntil(lambda: "Welcome aboard X" in workspace.files.source(info.ref), timeout=3000)


def test_undo_inside_monaco_uses_monaco_history(qtbot, open_editor):
    w = open_editor()
    ed = w.editors["source"]
    original = ed.text()
    type_at(qtbot, ed, 3, 32, "ab")
    qtbot.waitUntil(lambda: "aboardab" in ed.text(), timeout=3000)
    w.undo()  # focus is in Monaco: the menu does what Ctrl+Z does there
    qtbot.waitUntil(lambda: ed.text() == original, timeout=3000)


def test_envelope_edits_are_stored_in_the_row_and_checked(qtbot, open_editor, workspace):
    w = open_editor()
    info = find_file(workspace, "Welcome")
    subject = w.envelope.edits["subject"]
    click(subject)
    qtbot.keyClicks(subject, "Hi {{ customer.first_name }}")
    click(w.envelope.edits["from"])
    qtbot.keyClicks(w.envelope.edits["from"], "team@example.com")
    qtbot.mouseClick(w.envelope.add_header, Qt.MouseButton.LeftButton)
    click(w.envelope.header_rows[0].name)
    qtbot.keyClicks(w.envelope.header_rows[0].name, "Content-Type")
    qtbot.waitUntil(lambda: workspace.files.email(info.id).subject == "Hi {{ customer.first_name }}", timeout=3000)
    row = workspace.files.email(info.id)
    assert row.envelope["from"] == "team@example.com"
    assert row.envelope["headers"] == [{"name": "Content-Type", "value": ""}]
    messages = [p.message for area, p in w.problems.rows if area == "Envelope"]
    assert "header 'Content-Type' cannot be set to a custom value" in messages
    assert "To is required" not in messages  # a blank To is Customer.io's default, {{customer.email}}
    assert "#d93025" in w.envelope.header_rows[0].name.styleSheet()
    click(w.envelope.edits["bcc"])
    w.undo()  # adding the header and typing its name was one burst: one undo takes both back
    assert w.envelope.header_rows == []
    qtbot.waitUntil(lambda: workspace.files.email(info.id).envelope["headers"] == [], timeout=3000)
    assert workspace.files.email(info.id).envelope["from"] == "team@example.com"


def test_transformer_group_off_and_on_keeps_its_options(qtbot, open_editor, workspace):
    w = open_editor()
    info = find_file(workspace, "Welcome")
    click_tab(qtbot, w, w.transformers)
    box = w.transformers.boxes["css_inliner"]
    toggle(qtbot, box)
    assert box.isChecked()
    from PySide6.QtWidgets import QCheckBox

    preserve = next(c for c in box.findChildren(QCheckBox) if c.text() == "Preserve important")
    w.transformers.ensureWidgetVisible(preserve)  # scrolled to, as a user would
    click(preserve, QPoint(8, preserve.height() // 2))  # on its box
    assert preserve.isChecked()
    toggle(qtbot, box)
    toggle(qtbot, box)
    qtbot.waitUntil(lambda: (workspace.files.email(info.id).transformers or {}).get("css_inliner", {}).get("enabled") is True, timeout=3000)
    stored = workspace.files.email(info.id).transformers["css_inliner"]
    assert stored["preserve_important"] is True  # App-API field name, option kept across off/on
    assert w.stack.count() == 4
    qtbot.waitUntil(lambda: 'style="' in w.build.html and "<style" not in w.build.html.split("<body", 1)[1], timeout=5000)


def test_text_tab_generated_until_edited_then_regenerate(qtbot, open_editor, workspace):
    w = open_editor()
    info = find_file(workspace, "Welcome")
    click_tab(qtbot, w, w.pages["text"])
    ed = w.editor_for("text")
    qtbot.waitUntil(ed.is_ready, timeout=20000)
    assert "Welcome aboard" in ed.text() and "Your promo code is inside." in ed.text()
    assert not w.regenerate_button.isEnabled()
    ed.go_to(1, 1)
    focus(qtbot, ed)
    qtbot.keyClicks(ed.view.focusProxy(), "Hello! ")
    qtbot.waitUntil(lambda: (workspace.files.email(info.id).text or "").startswith("Hello! "), timeout=3000)
    assert w.regenerate_button.isEnabled()
    click(w.regenerate_button)
    qtbot.waitUntil(lambda: workspace.files.email(info.id).text is None, timeout=3000)
    assert not ed.text().startswith("Hello! ")


def test_problems_panel_lists_liquid_errors_and_jumps(qtbot, open_editor):
    w = open_editor()
    ed = w.editors["source"]
    type_at(qtbot, ed, 4, 5, "{% if %}")
    qtbot.waitUntil(lambda: any(a == "HTML" and p.line == 4 for a, p in w.problems.rows), timeout=5000)
    area, problem = next((a, p) for a, p in w.problems.rows if a == "HTML" and p.line == 4)
    assert ed.markers()  # squiggles in the editor
    ed.go_to(1, 1)
    qtbot.waitUntil(lambda: ed.cursor_position() == (1, 1), timeout=3000)
    tree = w.problems.tree
    item = tree.topLevelItem(w.problems.rows.index((area, problem)))
    qtbot.waitUntil(tree.isVisible, timeout=3000)  # the Problems tab is the drawer's first
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: ed.cursor_position()[0] == 4, timeout=3000)


def test_inspect_element_jumps_to_the_source_line(qtbot, open_editor):
    w = open_editor()
    pane = w.preview
    QTest.mouseClick(pane.inspect_button, Qt.MouseButton.LeftButton)
    assert pane.inspect_button.isChecked()
    # where the second paragraph (source line 5) is drawn, in the view's pixels
    rect = js(qtbot, pane.page, "(function(r){return {x:r.x+r.width/2, y:r.y+r.height/2};})"
                                "(document.querySelector('[data-cs-src^=\"5:\"]').getBoundingClientRect())")
    zoom = pane.view.zoomFactor()
    target = pane.view.focusProxy()
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(round(rect["x"] * zoom), round(rect["y"] * zoom)))
    qtbot.waitUntil(lambda: w.editors["source"].cursor_position()[0] == 5, timeout=3000)
    assert w.tabs.currentWidget() is w.pages["source"]


def test_inspect_in_fit_zoom_below_100_percent_jumps_to_the_clicked_element(qtbot, open_editor):
    """Fit scales the page by the zoom factor: a click in view pixels must be probed in CSS pixels."""
    w = open_editor()
    w.resize(900, 700)  # the pane gets narrower than the 700 px desktop device: Fit scales down
    pane = w.preview
    qtbot.waitUntil(lambda: pane.view.zoomFactor() < 0.9, timeout=5000)
    qtbot.waitUntil(lambda: pane.view.zoomFactor() == pane.zoom, timeout=5000)
    QTest.mouseClick(pane.inspect_button, Qt.MouseButton.LeftButton)
    zoom = pane.view.zoomFactor()
    box = js(qtbot, pane.page, "(function(r){return {x:r.x+r.width/2, y:r.y+r.height/2};})"
                               "(document.querySelector('[data-cs-src^=\"5:\"]').getBoundingClientRect())")
    view_point = QPoint(round(box["x"] * zoom), round(box["y"] * zoom))
    # the element an unscaled probe of those view pixels finds is another one: the test tells the two apart
    wrong = js(qtbot, pane.page, f"(function(e){{var m=e&&e.closest('[data-cs-src]');return m?m.getAttribute("
                                 f"'data-cs-src'):null;}})(document.elementFromPoint({view_point.x()},{view_point.y()}))")
    assert not (wrong or "").startswith("5:")
    ed = w.editors["source"]
    ed.go_to(1, 1)
    qtbot.waitUntil(lambda: ed.cursor_position() == (1, 1), timeout=3000)
    QTest.mouseClick(pane.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, view_point)
    qtbot.waitUntil(lambda: ed.cursor_position()[0] == 5, timeout=3000)


def test_amp_tab_skeleton_validates_and_is_stored(qtbot, open_editor, workspace):
    w = open_editor()
    info = find_file(workspace, "Welcome")
    click_tab(qtbot, w, w.pages["amp"])
    click(w.amp_skeleton_button)
    qtbot.waitUntil(lambda: (workspace.files.email(info.id).amp or "").startswith("<!doctype html>"), timeout=3000)
    qtbot.waitUntil(lambda: not [p for a, p in w.problems.rows if a == "AMP"], timeout=3000)
    ed = w.editor_for("amp")
    qtbot.waitUntil(ed.is_ready, timeout=20000)
    focus(qtbot, ed)
    QTest.keyClick(ed.view.focusProxy(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # select all, type over
    qtbot.keyClicks(ed.view.focusProxy(), "<html><body>")
    qtbot.waitUntil(lambda: (workspace.files.email(info.id).amp or "").startswith("<html><body>"), timeout=3000)
    qtbot.waitUntil(lambda: any("⚡4email" in p.message for a, p in w.problems.rows if a == "AMP"), timeout=3000)


def test_component_gets_html_and_preview_only(qtbot, open_editor):
    w = open_editor("Promo card")
    assert w.tabs.count() == 1 and not w.envelope.isVisible()
    qtbot.waitUntil(lambda: "Card" in preview_text(qtbot, w), timeout=5000)


def test_preview_toggle_and_file_panel(qtbot, open_editor, workspace):
    w = open_editor()
    assert w.preview.isVisible()
    ed = w.editors["source"]
    focus(qtbot, ed)
    QTest.keyClick(ed.view.focusProxy(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not w.preview.isVisible(), timeout=3000)
    QTest.mouseClick(w.files_button, Qt.MouseButton.LeftButton)
    assert w.file_panel.isVisible()
    chosen = []
    w.switch_requested.connect(chosen.append)
    news = find_file(workspace, "Newsletter")
    tree = w.file_panel.tree
    item = tree.findItems("Newsletter", Qt.MatchFlag.MatchRecursive)[0]
    tree.scrollToItem(item)
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: bool(chosen), timeout=3000)
    assert chosen == [f"email:{news.id}"]
    w.load(chosen[0])
    assert w.title == "Newsletter" and w.editors["source"].text() == workspace.files.source(news.ref)


def test_main_window_opens_the_editor_marks_the_tab_and_saves_on_close(qtbot, workspace, settings):
    from app.main_window import MainWindow

    mw = MainWindow(workspace, settings=settings, theme=None)
    qtbot.addWidget(mw)
    mw.resize(1280, 800)
    mw.show()
    info = find_file(workspace, "Newsletter")
    doc = mw.open_document(f"email:{info.id}")
    assert isinstance(doc, EditorWindow)
    index = mw.tabs.indexOf(doc)
    subject = doc.envelope.edits["subject"]
    click(subject)
    qtbot.keyClicks(subject, "Draft")
    mw.undo_action.trigger()  # Edit ▸ Undo with the focus outside Monaco: the window's stack
    assert subject.text() == ""
    qtbot.keyClicks(subject, "May news")
    assert mw.tabs.tabText(index) == "Newsletter" + DIRTY  # dirty marker in the tab title
    mw.close_tab(index)  # closing writes at once, without waiting for the pause
    assert workspace.files.email(info.id).subject == "May news"
