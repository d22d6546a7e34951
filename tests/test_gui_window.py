"""The main window: rail, screens, tabs, session restore, theme, shortcuts, startup."""
from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app.main_window import CAMPAIGNS, FILES, PEOPLE, SCREENS, SEGMENTS, SETTINGS, STYLES, MainWindow, session_group
from tests.gui_helpers import (  # noqa: F401
    double_click_file, find_file, make_workspace, row_point, settings, when_dialog, window, workspace,
)


def test_rail_switches_screens(qtbot, window):
    assert window.current_screen() == FILES  # first start shows the Design Studio files
    for index in (CAMPAIGNS, STYLES, PEOPLE, SEGMENTS, SETTINGS, FILES):
        qtbot.mouseClick(window.rail.buttons[index], Qt.MouseButton.LeftButton)
        assert window.current_screen() == index
        assert window.rail.current() == index
        assert window.tabs.tabText(0) == SCREENS[index][0]
        assert window.stack.currentWidget() is window.screen(index)


def test_ctrl_number_shortcuts_switch_screens(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == PEOPLE
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == CAMPAIGNS
    assert window.rail.current() == CAMPAIGNS


def test_rail_click_leaves_a_document_for_the_screen(qtbot, window, workspace):
    double_click_file(qtbot, window, "Newsletter")
    assert window.tabs.currentIndex() == 1
    qtbot.mouseClick(window.rail.buttons[STYLES], Qt.MouseButton.LeftButton)
    assert window.tabs.currentIndex() == 0 and window.current_screen() == STYLES


def click_tab(qtbot, window, index: int) -> None:
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def test_tabs_close_and_home_tab_stays(qtbot, window, workspace):
    news = find_file(workspace, "Newsletter")
    double_click_file(qtbot, window, "Newsletter")
    window.open_document("campaign:1")  # (the campaign list's own test double-clicks it)
    assert len(window.document_keys()) == 2
    assert window.tabs.tabBar().tabButton(0, window.tabs.tabBar().ButtonPosition.RightSide) is None  # no ✕ on it
    click_tab(qtbot, window, 0)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)  # Ctrl+W on the home tab
    assert window.tabs.count() == 3
    click_tab(qtbot, window, 2)
    qtbot.keyClick(window.tabs.tabBar(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.document_keys() == [f"email:{news.id}"]


def open_window(qtbot, workspace, settings, size=(760, 540)):
    w = MainWindow(workspace, settings=settings)
    qtbot.addWidget(w)
    w.show()
    w.resize(*size)  # the offscreen screen is 800×600; restoreGeometry keeps windows on screen
    qtbot.waitExposed(w)
    return w


def test_session_restored_in_a_new_window(qtbot, workspace, settings):
    first = open_window(qtbot, workspace, settings)
    news, welcome = find_file(workspace, "Newsletter"), find_file(workspace, "Welcome")
    double_click_file(qtbot, first, "Newsletter")
    double_click_file(qtbot, first, "Lifecycle")  # into the folder
    double_click_file(qtbot, first, "Welcome")
    first.open_document("campaign:1")
    qtbot.mouseClick(first.rail.buttons[PEOPLE], Qt.MouseButton.LeftButton)
    click_tab(qtbot, first, first.tabs.indexOf(first.document(f"email:{welcome.id}")))
    first.close()
    group = session_group(workspace.url)
    assert json.loads(settings.value(f"{group}/tabs")) == [f"email:{news.id}", f"email:{welcome.id}", "campaign:1"]

    second = open_window(qtbot, workspace, settings)
    assert second.document_keys() == [f"email:{news.id}", f"email:{welcome.id}", "campaign:1"]
    assert second.current_screen() == PEOPLE
    assert second.tabs.currentWidget().key == f"email:{welcome.id}"
    assert (second.width(), second.height()) == (760, 540)
    assert second.document(f"email:{news.id}").editors["source"].text() == workspace.files.source(news.ref)


def test_open_tabs_are_remembered_per_workspace(qtbot, workspace, settings, tmp_path):
    """Issue 10 #11: a fresh workspace does not reopen the tabs of another one (same ids, other files)."""
    first = open_window(qtbot, workspace, settings)
    double_click_file(qtbot, first, "Newsletter")
    first.close()
    other = make_workspace(tmp_path / "other.db")  # the same ids exist there: `email:2` is its own Newsletter
    try:
        fresh = open_window(qtbot, other, settings)
        assert fresh.document_keys() == []
        assert fresh.tabs.currentIndex() == 0
        double_click_file(qtbot, fresh, "Basic layout")
        fresh.close()
    finally:
        other.close()
    again = open_window(qtbot, workspace, settings)
    assert again.document_keys() == [f"email:{find_file(workspace, 'Newsletter').id}"]
    # the same workspace reached through another spelling of its path is the same workspace
    assert session_group(workspace.url) == session_group("sqlite:///" + str(tmp_path / "." / "ws.db"))


def test_restore_skips_tabs_whose_file_was_deleted(qtbot, workspace, settings):
    news = find_file(workspace, "Newsletter")
    group = session_group(workspace.url)
    settings.setValue(f"{group}/tabs", json.dumps([f"email:{news.id}", "email:9999", "bogus", "campaign:77"]))
    w = open_window(qtbot, workspace, settings)
    assert w.document_keys() == [f"email:{news.id}"]


def test_window_title_names_the_document_the_workspace_and_the_app_once(qtbot, window, workspace):
    """Issue 10 #14: Qt appends the display name unless the title already ends with it — so it says it once."""
    app = QApplication.instance()
    before = app.applicationDisplayName()
    app.setApplicationDisplayName("Campaign Studio")
    try:
        assert window.windowTitle() == "Design Studio[*] — ws.db — Campaign Studio"
        doc = double_click_file(qtbot, window, "Newsletter")
        assert window.windowTitle() == "Newsletter[*] — ws.db — Campaign Studio"
        assert window.windowTitle().count("Campaign Studio") == 1
        assert window.windowTitle().endswith(app.applicationDisplayName())  # so Qt adds nothing
        assert not window.isWindowModified()
        qtbot.mouseClick(window.rail.buttons[PEOPLE], Qt.MouseButton.LeftButton)
        assert window.windowTitle() == "People[*] — ws.db — Campaign Studio"
        click_tab(qtbot, window, window.tabs.indexOf(doc))
        assert window.windowTitle().startswith("Newsletter[*]")
    finally:
        app.setApplicationDisplayName(before)


def test_default_size_when_nothing_saved(qtbot, workspace, settings):
    w = MainWindow(workspace, settings=settings)
    qtbot.addWidget(w)
    assert (w.width(), w.height()) == (1280, 800)


def test_status_bar_shows_workspace_and_counts(window, workspace):
    assert window.workspace_label.text() == "Workspace: ws.db"
    assert "ws.db" in window.workspace_label.toolTip()
    counts = window.counts_label.text()
    assert counts == "3 emails · 1 template · 1 component · 1 campaign · 250 people"
    workspace.files.create_email("One more")
    window.reload()
    assert window.counts_label.text().startswith("4 emails")


def test_status_bar_counts_follow_a_campaign_created_on_the_campaigns_screen(qtbot, window, workspace):
    """Issue 10 #4: no F5 needed — the count follows the store's change signal."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPushButton

    assert "1 campaign ·" in window.counts_label.text()
    qtbot.mouseClick(window.rail.buttons[CAMPAIGNS], Qt.MouseButton.LeftButton)

    def name_it(dialog):
        edit = dialog.findChild(QLineEdit)
        QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(edit, "Winback")
        QTest.keyClick(edit, Qt.Key.Key_Return)

    answer = when_dialog(name_it)
    qtbot.mouseClick(window.screen(CAMPAIGNS).findChild(QPushButton, "newCampaign"), Qt.MouseButton.LeftButton)
    assert answer.done
    assert [c.name for c in workspace.campaigns.list()].count("Winback") == 1
    qtbot.waitUntil(lambda: "2 campaigns ·" in window.counts_label.text(), timeout=2000)


def test_status_bar_message_after_an_action(qtbot, window, workspace):
    fm = window.file_manager
    qtbot.mouseClick(fm.table.viewport(), Qt.MouseButton.LeftButton, pos=row_point(fm, "Newsletter"))
    qtbot.keyClick(fm.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Duplicated as “[Copy] Newsletter”"


def test_shortcuts_dialog_lists_every_shortcut(qtbot, window):
    rows = {}

    def read(dialog):
        rows["all"] = dialog.rows()
        dialog.reject()

    answer = when_dialog(read)
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)  # Ctrl+/ (F1 below)
    assert answer.done
    shortcuts = {r[2] for r in rows["all"]}
    for key in ("Ctrl+1", "Ctrl+6", "Ctrl+W", "F2", "Del", "Ctrl+D", "Ctrl+F", "F1 / Ctrl+/", "Ctrl+N"):
        assert any(key in s for s in shortcuts), key
    # every action with a shortcut in the window is listed
    listed = {r[1] for r in rows["all"]}
    for action in window.actions() + window.file_manager.actions():
        if not action.shortcut().isEmpty() and action.text() != "Clear search":
            assert action.text().rstrip("…") in listed, action.text()


def test_f1_opens_the_shortcuts_dialog(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    answer = when_dialog(lambda d: d.reject())
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert answer.done and answer.dialog.objectName() == "shortcutsDialog"


def test_about_box_shows_the_version(qtbot, window, monkeypatch):
    from tests.gui_helpers import choose_in_menu
    from engine import __version__

    seen = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: seen.append(text))
    help_menu = next(a for a in window.menuBar().actions() if a.text() == "&Help")
    keep = choose_in_menu("About Campaign Studio")
    qtbot.mouseClick(window.menuBar(), Qt.MouseButton.LeftButton,
                     pos=window.menuBar().actionGeometry(help_menu).center())
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    del keep
    assert seen and f"Campaign Studio {__version__}" in seen[0]


def test_system_scheme_followed_when_preference_is_system(qtbot, window):
    # Emitting colorSchemeChanged stands in for the OPERATING SYSTEM switching its scheme, not
    # for a user of this app: no input event can do that, and the offscreen platform has no
    # desktop scheme to flip. The user's own choice is driven through the Settings dropdown
    # with real clicks and keys in tests/test_gui_theme.py.
    hints = QApplication.styleHints()
    window.set_theme_preference("system")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert window.theme.dark is True
    assert QApplication.palette().window().color().lightness() < 128
    window.set_theme_preference("light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # an explicit preference wins over the system
    assert window.theme.dark is False
    window.set_theme_preference("system")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert window.theme.dark is False


def test_run_gui_reports_a_workspace_it_cannot_open(qapp, monkeypatch, tmp_path):
    from app import gui

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    status = gui.run_gui(str(blocker / "inside" / "ws.db"))
    assert status == 2
    assert shown and shown[0][0] == "Cannot open the workspace"
    assert "a-file" in shown[0][1]


def test_main_opens_a_new_workspace_on_the_sample(tmp_path):
    """`python main.py --workspace NEW` fills it with the sample and shows the window (in a real process)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CAMPAIGN_STUDIO_STARTUP_CHECK="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "main.py", "--workspace", str(tmp_path / "new.db")],
        cwd=root, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "startup: window shown" in done.stderr
    ws = make_workspace.__globals__["Workspace"].open(tmp_path / "new.db")
    try:
        assert ws.people.count() == 1000 and len(ws.campaigns.list()) == 2
        assert len([f for f in ws.files.all() if f.kind == "email"]) >= 3
    finally:
        ws.close()
    # the session was saved into the private config, not the user's
    assert list((tmp_path / "config").rglob("*.conf"))


def test_main_reports_a_bad_workspace_with_status_2(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    # QMessageBox.critical is modal: close it from a timer inside the child process
    code = (
        "import sys; sys.argv=['main.py','--workspace',sys.argv[1]];"
        "from PySide6.QtWidgets import QApplication, QMessageBox;"
        "QMessageBox.critical=staticmethod(lambda p,t,m: print('DIALOG:'+t+'|'+m));"
        "from app.cli import main; sys.exit(main())"
    )
    done = subprocess.run([sys.executable, "-c", code, str(blocker / "in" / "ws.db")], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "DIALOG:Cannot open the workspace|" in done.stdout and "a-file" in done.stdout
    assert "Traceback" not in done.stderr
