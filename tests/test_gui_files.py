"""The Design Studio file manager, driven through its real widgets on a temporary workspace."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit, QMessageBox, QToolButton

from app.files.model import EDITED, NAME, USED_IN
from app.main_window import FILES
from tests.gui_helpers import (  # noqa: F401  (fixtures)
    TEMPLATE_SOURCE, answer_name, click_tree_item, create_with_button, double_click_file, find_file, pick_item, retype,
    row_point, select_row, settings, type_name, when_dialog, window, workspace,
)


def table_names(fm) -> list[str]:
    return [info.name for info in fm.model.files()]


def create_menu_action(fm, text):
    return next(a for a in fm.create_menu.actions() if a.text() == text)


def test_create_menu_offers_the_four_kinds(window):
    fm = window.file_manager
    texts = [a.text() for a in fm.create_menu.actions() if not a.isSeparator()]
    assert texts == ["Email", "Template", "Component", "New Folder"]


def test_create_email_from_scratch_in_the_current_folder(qtbot, window, workspace, monkeypatch):
    fm = window.file_manager
    lifecycle = find_file(workspace, "Lifecycle")
    double_click_file(qtbot, window, "Lifecycle")
    # the workspace has a template, so the app asks where to start from
    asked = []
    monkeypatch.setattr(
        QInputDialog, "getItem", lambda *a, **k: (asked.append(a[3]) or ("From scratch", True))
    )
    answer = answer_name("Spring launch")
    create_with_button(qtbot, fm, "Email")
    assert answer.done
    assert asked and asked[0][0] == "From scratch" and "Template: Basic layout" in asked[0]
    created = find_file(workspace, "Spring launch")
    assert created is not None and created.kind == "email" and created.folder_id == lifecycle.id
    assert "Spring launch" in table_names(fm)
    assert fm.selected_file().name == "Spring launch"
    assert "<x-base>" in workspace.files.source(created.ref)


def test_created_email_opens_in_the_editor_with_the_default_recipient_as_a_hint(qtbot, window, workspace):
    """Issue 10 #7: Ctrl+N, a name, From scratch → the new email is the current editor tab."""
    from PySide6.QtGui import QPalette

    from editor.window import EditorWindow

    fm = window.file_manager
    window.activateWindow()
    viewport = fm.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=QPoint(10, viewport.height() - 10))  # focus the list
    answers = []
    named = type_name("Spring launch", then=lambda: answers.append(pick_item("From scratch")))
    qtbot.keyClick(fm.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: named.done and answers and answers[0].done, timeout=3000)
    created = find_file(workspace, "Spring launch")
    assert created is not None and created.kind == "email"
    editor = window.tabs.currentWidget()
    assert isinstance(editor, EditorWindow) and editor.key == f"email:{created.id}"
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("Spring launch")

    to = editor.envelope.edits["to"]
    assert to.text() == ""  # the default is not a value …
    assert to.placeholderText() == "Default: {{customer.email}}" and to.font().italic()  # … but a hint
    assert "{{customer.email}}" in to.toolTip()
    qtbot.mouseClick(to, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(to, "{{customer.work_email}}")
    assert not to.font().italic()
    assert to.palette().color(QPalette.ColorRole.Text) != to.palette().color(QPalette.ColorRole.PlaceholderText)


def test_create_email_from_a_template_copies_its_source(qtbot, window, workspace):
    fm = window.file_manager
    answers = []
    named = answer_name("From layout", then=lambda: answers.append(pick_item("Template: Basic layout")))
    create_with_button(qtbot, fm, "Email")
    qtbot.waitUntil(lambda: named.done and answers and answers[0].done, timeout=3000)
    created = find_file(workspace, "From layout")
    assert workspace.files.source(created.ref) == TEMPLATE_SOURCE


def test_create_folder_then_navigate_into_it(qtbot, window, workspace):
    fm = window.file_manager
    answer_name("Campaign assets")
    create_with_button(qtbot, fm, "New Folder")
    folder = find_file(workspace, "Campaign assets")
    assert folder is not None and folder.kind == "folder" and folder.folder_id is None
    assert fm.selected_file().name == "Campaign assets"  # a new folder is selected, not opened
    select_row(qtbot, fm, "Campaign assets")
    qtbot.keyClick(fm.table, Qt.Key.Key_Return)
    assert fm.folder_id == folder.id
    assert fm.breadcrumbs.labels() == ["All files", "Campaign assets"]
    assert fm.empty_label.isVisibleTo(fm)
    # folder tree shows it selected
    assert fm.tree.currentItem().text(0) == "Campaign assets"


def test_cancelled_create_creates_nothing(qtbot, window, workspace):
    before = len(workspace.files.all())
    answer = answer_name(None)
    create_with_button(qtbot, window.file_manager, "Component")
    assert answer.done
    assert len(workspace.files.all()) == before


def test_name_dialog_refuses_empty_and_overlong_names(qtbot, window, workspace):
    seen = {}

    def check(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["empty"] = ok.isEnabled()
        retype(dialog.edit, "   ")
        seen["blank"] = (ok.isEnabled(), dialog.error.text())
        retype(dialog.edit, "x" * 256)
        seen["long"] = (ok.isEnabled(), dialog.error.text())
        retype(dialog.edit, "Fine name")
        seen["fine"] = (ok.isEnabled(), dialog.error.text())

    answer_name("Fine name", check=check)
    create_with_button(qtbot, window.file_manager, "Component")
    assert seen["empty"] is False
    assert seen["blank"] == (False, "A name is required.")
    assert seen["long"][0] is False and "255" in seen["long"][1]
    assert seen["fine"] == (True, "")
    assert find_file(workspace, "Fine name").kind == "component"


def test_rename_inline_with_f2(qtbot, window, workspace):
    fm = window.file_manager
    select_row(qtbot, fm, "Newsletter")
    qtbot.keyClick(fm.table, Qt.Key.Key_F2)
    editor = fm.table.findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Monthly digest")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on a queued call
    qtbot.waitUntil(lambda: find_file(workspace, "Newsletter") is None, timeout=2000)
    assert find_file(workspace, "Monthly digest").kind == "email"
    assert "Monthly digest" in table_names(fm)


def rename_with_f2(qtbot, fm, name: str, new: str) -> None:
    select_row(qtbot, fm, name)
    qtbot.keyClick(fm.table, Qt.Key.Key_F2)
    editor = fm.table.findChild(QLineEdit)
    editor.selectAll()
    if new.strip():
        qtbot.keyClicks(editor, new)
    else:
        qtbot.keyClick(editor, Qt.Key.Key_Delete)
        qtbot.keyClicks(editor, new)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_rename_updates_an_open_tab(qtbot, window, workspace):
    fm = window.file_manager
    doc = double_click_file(qtbot, window, "Newsletter")
    qtbot.mouseClick(window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    rename_with_f2(qtbot, fm, "Newsletter", "Renamed news")
    qtbot.waitUntil(lambda: doc.title_label.text() == "Renamed news", timeout=2000)
    assert doc.title_label.text() == "Renamed news"
    assert window.tabs.tabText(window.tabs.indexOf(doc)) == "Renamed news"


def test_rename_to_blank_is_refused_with_a_message(qtbot, window, workspace, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    fm = window.file_manager
    rename_with_f2(qtbot, fm, "Newsletter", "   ")
    qtbot.waitUntil(lambda: bool(warnings), timeout=2000)
    assert warnings == ["A name is required."]
    assert find_file(workspace, "Newsletter") is not None


def test_search_by_content_shows_match_count_and_hits(qtbot, window):
    fm = window.file_manager
    qtbot.mouseClick(fm.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fm.search, "promo")
    qtbot.waitUntil(lambda: fm.showing_search, timeout=2000)
    # Welcome: "promo code" + "PROMO before" + "one promo" = 3 content hits; "Promo card": name match (1)
    assert fm.results.summary.text().startswith("4 matches in 2 files")
    hits = fm.results.hit_texts()
    assert [h.split(":")[0] for h in hits] == ["4", "5", "5"]
    assert "Your promo code is inside." in hits[0]
    # each hit carries the span to highlight: the matched text, whatever its case
    top = fm.results.tree.topLevelItem(0)
    assert top.text(0).startswith("Welcome")
    spans = [top.child(i).data(0, Qt.ItemDataRole.UserRole + 2) for i in range(top.childCount())]
    assert [e[s:t] for e, s, t, _line in spans] == ["promo", "PROMO", "promo"]
    second = fm.results.tree.topLevelItem(1)
    assert second.text(0).startswith("Promo card") and "(name)" in second.text(0)
    fm.search.clear()
    qtbot.waitUntil(lambda: not fm.showing_search, timeout=2000)


def test_search_with_no_match_says_so(qtbot, window):
    fm = window.file_manager
    qtbot.mouseClick(fm.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fm.search, "zebra-crossing")
    qtbot.waitUntil(lambda: fm.showing_search, timeout=2000)
    assert fm.results.summary.text() == "No matches for “zebra-crossing”"
    assert fm.results.tree.topLevelItemCount() == 0


def test_search_hit_opens_the_file_at_its_line(qtbot, window):
    fm = window.file_manager
    qtbot.mouseClick(fm.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fm.search, "Friday")
    qtbot.waitUntil(lambda: fm.showing_search, timeout=2000)
    hit = fm.results.tree.topLevelItem(0).child(0)
    click_tree_item(qtbot, fm.results.tree, hit, double=True)
    doc = window.tabs.currentWidget()
    assert doc.title == "Welcome"
    source = doc.editors["source"]
    qtbot.waitUntil(lambda: source.cursor_position()[0] == 5, timeout=5000)


def test_duplicate_file_and_folder(qtbot, window, workspace):
    fm = window.file_manager
    select_row(qtbot, fm, "Newsletter")
    qtbot.keyClick(fm.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    copy = find_file(workspace, "[Copy] Newsletter")
    assert copy is not None and copy.kind == "email"
    assert fm.selected_file().name == "[Copy] Newsletter"
    assert workspace.files.source(copy.ref) == workspace.files.source(find_file(workspace, "Newsletter").ref)

    select_row(qtbot, fm, "Archive")
    qtbot.keyClick(fm.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    folder_copy = find_file(workspace, "[Copy] Archive")
    assert folder_copy.kind == "folder"
    inside = [f.name for f in workspace.files.list(folder_copy.id)]
    assert sorted(inside) == ["Old", "Old notice"]


def test_delete_asks_for_confirmation(qtbot, window, workspace, monkeypatch):
    fm = window.file_manager
    questions = []

    def answer(result):
        def question(parent, title, text, *args, **kwargs):
            questions.append(text)
            return result
        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    select_row(qtbot, fm, "Newsletter")
    qtbot.keyClick(fm.table, Qt.Key.Key_Delete)
    assert len(questions) == 1 and "Newsletter" in questions[0]
    assert find_file(workspace, "Newsletter") is not None
    assert "Newsletter" in table_names(fm)

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Ok))
    select_row(qtbot, fm, "Newsletter")
    qtbot.keyClick(fm.table, Qt.Key.Key_Delete)
    assert len(questions) == 2
    assert find_file(workspace, "Newsletter") is None
    assert "Newsletter" not in table_names(fm)


def test_delete_folder_removes_its_content_and_closes_its_tabs(qtbot, window, workspace, monkeypatch):
    fm = window.file_manager
    old_notice = find_file(workspace, "Old notice")
    double_click_file(qtbot, window, "Archive")
    double_click_file(qtbot, window, "Old notice")
    assert window.document_keys() == [f"email:{old_notice.id}"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Ok)
    qtbot.mouseClick(window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    qtbot.keyClick(fm.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # back to All files
    select_row(qtbot, fm, "Archive")
    qtbot.keyClick(fm.table, Qt.Key.Key_Delete)
    assert find_file(workspace, "Archive") is None and find_file(workspace, "Old notice") is None
    assert window.document_keys() == []


def test_email_used_in_a_campaign_cannot_be_deleted(qtbot, window, workspace, monkeypatch):
    fm = window.file_manager
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Ok)
    refusals = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: refusals.append((title, text)))
    double_click_file(qtbot, window, "Lifecycle")
    select_row(qtbot, fm, "Welcome")
    qtbot.keyClick(fm.table, Qt.Key.Key_Delete)
    assert refusals and refusals[0][0] == "Cannot delete"
    assert "used in a campaign" in refusals[0][1]
    assert find_file(workspace, "Welcome") is not None


def test_type_filter_buttons(qtbot, window):
    fm = window.file_manager
    assert set(table_names(fm)) == {"Archive", "Lifecycle", "Newsletter", "Basic layout", "Promo card"}
    qtbot.mouseClick(fm.filter_buttons["messages"], Qt.MouseButton.LeftButton)
    assert table_names(fm) == ["Archive", "Lifecycle", "Newsletter"]
    qtbot.mouseClick(fm.filter_buttons["templates"], Qt.MouseButton.LeftButton)
    assert table_names(fm) == ["Archive", "Lifecycle", "Basic layout"]
    qtbot.mouseClick(fm.filter_buttons["components"], Qt.MouseButton.LeftButton)
    assert table_names(fm) == ["Archive", "Lifecycle", "Promo card"]
    # the filter applies to search too
    qtbot.mouseClick(fm.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(fm.search, "o")
    qtbot.waitUntil(lambda: fm.showing_search, timeout=2000)
    assert {m.file.kind for m in fm.results.result.matches} <= {"component", "folder"}
    qtbot.mouseClick(fm.filter_buttons["all"], Qt.MouseButton.LeftButton)
    assert len(table_names(fm)) == 5


def click_header(qtbot, fm, column):
    header = fm.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    from PySide6.QtCore import QPoint

    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_sort_by_header_clicks_keeps_folders_first(qtbot, window, workspace):
    fm = window.file_manager
    assert table_names(fm) == ["Archive", "Lifecycle", "Basic layout", "Newsletter", "Promo card"]
    click_header(qtbot, fm, NAME)  # second click on the sorted column: descending
    assert table_names(fm) == ["Lifecycle", "Archive", "Promo card", "Newsletter", "Basic layout"]
    # Last edited: touch Basic layout so it becomes the newest
    workspace.files.set_source(find_file(workspace, "Basic layout").ref, "<x-base></x-base>")
    fm.refresh()
    click_header(qtbot, fm, EDITED)
    order = table_names(fm)
    assert order[:2] == ["Lifecycle", "Archive"] or order[:2] == ["Archive", "Lifecycle"]
    first_files = order[2:]
    click_header(qtbot, fm, EDITED)
    assert table_names(fm)[2:] == list(reversed(first_files))
    assert "Basic layout" in (first_files[0], first_files[-1])


def test_sort_by_used_in(qtbot, window, workspace):
    fm = window.file_manager
    fm.search.clear()
    # make Newsletter used by a campaign: it must sort after unused files ascending
    news = find_file(workspace, "Newsletter")
    workspace.campaigns.create("News", workflow={"nodes": [{"email_id": news.id}]})
    fm.refresh()
    click_header(qtbot, fm, USED_IN)
    names = table_names(fm)
    assert names[-1] == "Newsletter"
    assert fm.model.data(fm.model.index(len(names) - 1, USED_IN)) == "1 campaign"
    click_header(qtbot, fm, USED_IN)
    assert table_names(fm)[2] == "Newsletter"


def test_open_file_creates_a_tab_with_its_source_and_updates_recent(qtbot, window, workspace):
    fm = window.file_manager
    assert fm.select_name("Newsletter")
    fm.table.setFocus()
    qtbot.keyClick(fm.table, Qt.Key.Key_Return)
    doc = window.tabs.currentWidget()
    assert doc.key == f"email:{find_file(workspace, 'Newsletter').id}"
    assert doc.editors["source"].text() == workspace.files.source(find_file(workspace, "Newsletter").ref)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Newsletter"
    assert fm.recent.names() == ["Newsletter"]
    # opening again does not duplicate the tab
    window.open_document(doc.key)
    assert window.document_keys() == [doc.key]


def test_recent_files_keep_five_most_recent_first(qtbot, window, workspace):
    fm = window.file_manager
    for n in range(7):
        info = workspace.files.create_email(f"Mail {n}")
        window.open_document(f"email:{info.id}")
    assert fm.recent.names() == ["Mail 6", "Mail 5", "Mail 4", "Mail 3", "Mail 2"]
    window.open_document(f"email:{find_file(workspace, 'Mail 3').id}")
    assert fm.recent.names()[0] == "Mail 3" and len(fm.recent.names()) == 5


def test_folder_tree_navigation_and_breadcrumbs(qtbot, window, workspace):
    fm = window.file_manager
    window.activateWindow()  # shortcuts (Alt+Up) reach the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    root = fm.tree.topLevelItem(0)
    archive = next(root.child(i) for i in range(root.childCount()) if root.child(i).text(0) == "Archive")
    click_tree_item(qtbot, fm.tree, archive)
    assert table_names(fm) == ["Old", "Old notice"]
    viewport = fm.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=row_point(fm, "Old"))
    qtbot.keyClick(fm.table, Qt.Key.Key_Return)
    assert fm.breadcrumbs.labels() == ["All files", "Archive", "Old"]
    assert fm.isAncestorOf(QApplication.focusWidget())  # "Old" is empty: the keyboard stays in the screen
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)  # up one folder
    assert fm.breadcrumbs.labels() == ["All files", "Archive"]
    def home_crumb():
        return next((b for b in fm.breadcrumbs.findChildren(QToolButton) if b.isVisible() and b.text() == "All files"),
                    None)

    qtbot.waitUntil(lambda: home_crumb() is not None, timeout=2000)  # new crumbs show on the next event loop turn
    home = home_crumb()
    qtbot.mouseClick(home, Qt.MouseButton.LeftButton)
    assert fm.folder_id is None and "Archive" in table_names(fm)
    # the folder tree opens folders on a keyboard activation too
    root = fm.tree.topLevelItem(0)  # the tree was rebuilt for the folder shown
    lifecycle = next(root.child(i) for i in range(root.childCount()) if root.child(i).text(0) == "Lifecycle")
    click_tree_item(qtbot, fm.tree, lifecycle, double=True)
    assert table_names(fm) == ["Welcome"]


def used_in(fm, name: str) -> str:
    row = next(n for n, info in enumerate(fm.model.files()) if info.name == name)
    return fm.model.data(fm.model.index(row, USED_IN))


def test_used_in_follows_an_email_that_starts_using_a_component_without_f5(qtbot, window, workspace):
    """Issue 10 #4: type <promo-card> into Newsletter, come back: "Used in" already says so."""
    from app.main_window import FILES

    fm = window.file_manager
    assert used_in(fm, "Promo card") == "Not used"
    editor = double_click_file(qtbot, window, "Newsletter")
    source = editor.editors["source"]
    qtbot.waitUntil(source.is_ready, timeout=20000)
    source.go_to(2, 3)
    qtbot.waitUntil(lambda: source.cursor_position() == (2, 3), timeout=5000)
    source.focus_editor()  # as a click into the code does
    qtbot.waitUntil(source.has_editor_focus, timeout=5000)
    qtbot.keyClicks(source.view.focusProxy(), "<promo-card></promo-card>")
    news = find_file(workspace, "Newsletter")
    qtbot.waitUntil(lambda: "<promo-card>" in workspace.files.source(news.ref), timeout=5000)
    qtbot.mouseClick(window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: used_in(fm, "Promo card") == "1 file", timeout=2000)
