"""The main window: navigation rail, screens, document tabs, status bar.

The first tab holds the screen chosen in the rail (Campaigns, Design Studio,
Styles, People, Segments, Settings) and cannot be closed; every opened file
or campaign gets its own closable tab after it. Screens are built the first
time they are shown, so startup only pays for the one on screen.

Session state lives in QSettings (geometry, screen, open tabs as document
keys, the current tab, the theme preference) and is restored by a new window;
tests pass their own QSettings so they never touch the user's. Open tabs belong
to a workspace (a key such as `email:3` names another file, or nothing, in
another workspace), so they are kept per workspace, under a group named by a
hash of its resolved location (`session_group`); geometry, screen and theme
are the user's and shared.

The window title names what is in front, then the workspace, then the app,
once: "Newsletter — sample.db — Campaign Studio", with Qt's `[*]` marker for
an editor or canvas with unsaved changes. Qt appends the application display
name to a title unless the title already ends with it, so the title ends with
it itself and reads the same on every platform.

The lists stay current without F5: `app.workspace_events` turns the store's
commits into one Qt signal, which refreshes the status bar's counts and the
file list ("Used in" follows emails, components and campaigns as they change).
"""
from __future__ import annotations

import hashlib
import json
import os

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QStackedWidget, QTabBar, QTabWidget, QWidget,
)

from app.documents import DocumentView, build_document, connect_document, key_of, parse_key
from app import icons
from app.icons import icon, kind_icon
from app.screens.settings import display_location
from app.shortcuts_dialog import EXTRA, ShortcutsDialog, action_rows
from app.theme import ThemeController
from app.workspace_events import COUNT_TABLES, FILE_TABLES, WorkspaceEvents
from engine import __version__
from engine.store.files import FileError
from widgets.nav_rail import NavRail

# (title, icon name, tooltip) in rail order; Ctrl+1 … Ctrl+6 follow this order.
SCREENS = (
    ("Campaigns", "campaigns", "Campaigns (journeys)"),
    ("Design Studio", "files", "Design Studio files"),
    ("Styles", "styles", "Global styles"),
    ("People", "people", "People"),
    ("Segments", "segments", "Segments"),
    ("Settings", "settings", "Settings"),
)
CAMPAIGNS, FILES, STYLES, PEOPLE, SEGMENTS, SETTINGS = range(6)
DEFAULT_SIZE = (1280, 800)
APP_NAME = "Campaign Studio"


def session_group(url: str) -> str:
    """The QSettings group of one workspace's tabs: a hash of its resolved location."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        url = "sqlite:///" + os.path.realpath(url[len("sqlite:///"):])
    return "workspaces/" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def _is_modified(doc) -> bool:
    """Editors answer `is_modified()`, the canvas has a `modified` property."""
    check = getattr(doc, "is_modified", None)
    if callable(check):
        return bool(check())
    return bool(getattr(doc, "modified", False))

STYLE_SHEET = """
QLabel#screenTitle { font-size: 20px; font-weight: 600; padding-right: 8px; }
#navRail { border-right: 1px solid palette(mid); background: palette(window); }
#navRail QToolButton { border: none; border-radius: 10px; padding: 6px 2px; font-size: 11px; }
#navRail QToolButton:hover { background: palette(alternate-base); }
#navRail QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QToolButton#createButton { padding: 5px 12px; border-radius: 6px; background: palette(highlight);
    color: palette(highlighted-text); font-weight: 600; }
QToolButton#createButton::menu-indicator { subcontrol-position: right center; right: 4px; }
QToolButton[segment] { padding: 4px 12px; border: 1px solid palette(mid); background: palette(button); }
QToolButton[segment]:checked { background: palette(highlight); color: palette(highlighted-text); }
QToolButton[segment="first"] { border-top-left-radius: 6px; border-bottom-left-radius: 6px; }
QToolButton[segment="last"] { border-top-right-radius: 6px; border-bottom-right-radius: 6px; }
QToolButton#recentCard { padding: 4px 10px; border: 1px solid palette(mid); border-radius: 8px;
    background: palette(base); text-align: left; }
QToolButton#recentCard:hover { border-color: palette(highlight); }
QTabWidget#documentTabs::pane { border: none; border-top: 1px solid palette(mid); }
QStatusBar QLabel { padding: 0 8px; }
QTreeWidget#campaignList::item, QTreeWidget#segmentList::item { padding: 5px 0; }
"""


class MainWindow(QMainWindow):
    def __init__(
        self, workspace, settings: QSettings | None = None, theme: ThemeController | None = None,
        *, defer_icons: bool = False,
    ):
        super().__init__()
        self._warm_up_pending = defer_icons  # the app's own start (run_gui): warm the editor up after the first paint
        if defer_icons:
            icons.defer()
        else:
            icons.load()
        self.setObjectName("mainWindow")
        self.ws = workspace
        self.settings = settings if settings is not None else QSettings()
        app = QApplication.instance()
        self.theme = theme or ThemeController(app, str(self.settings.value("appearance/theme", "system")), parent=self)
        self.theme.changed.connect(self._theme_changed)
        self.workspace_name = display_location(workspace.url).rsplit("/", 1)[-1] or display_location(workspace.url)
        self.setWindowTitle(f"{APP_NAME} — {self.workspace_name}")
        self.setStyleSheet(STYLE_SHEET)
        self._screens: dict[int, QWidget] = {}
        self.events = WorkspaceEvents(workspace, self)
        self.events.changed.connect(self._workspace_changed)
        self._build()
        self._build_actions()
        self._build_menus()
        self.update_counts()
        self.restore_session()

    # ---- construction --------------------------------------------------
    def _build(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.rail = NavRail()
        for n, (title, icon_name, tip) in enumerate(SCREENS):
            self.rail.add_entry(title, icon(icon_name, on_color="#ffffff"), f"{tip}  (Ctrl+{n + 1})")
        self.rail.currentChanged.connect(self.show_screen)
        layout.addWidget(self.rail)
        self.stack = QStackedWidget()
        for _ in SCREENS:
            self.stack.addWidget(QWidget())  # placeholders, replaced on first show
        self.tabs = QTabWidget()
        self.tabs.setObjectName("documentTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.addTab(self.stack, "")
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.RightSide, None)
        self.tabs.tabBar().setTabButton(0, QTabBar.ButtonPosition.LeftSide, None)
        self.tabs.tabBar().tabMoved.connect(self._keep_home_first)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        bar = self.statusBar()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsLabel")
        self.workspace_label = QLabel()
        self.workspace_label.setObjectName("workspaceLabel")
        location = display_location(self.ws.url)
        self.workspace_label.setText(f"Workspace: {location.rsplit('/', 1)[-1]}")
        self.workspace_label.setToolTip(location)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.workspace_label)

    def _action(self, text, shortcuts, slot, icon_name=None) -> QAction:
        a = QAction(text, self)
        if icon_name:
            a.setIcon(icon(icon_name))
        if shortcuts:
            a.setShortcuts([QKeySequence(s) for s in shortcuts])
        a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        self.screen_actions = [
            self._action(f"Show {title}", [f"Ctrl+{n + 1}"], lambda _=False, i=n: self.show_screen(i))
            for n, (title, _i, _t) in enumerate(SCREENS)
        ]
        self.close_tab_action = self._action("Close tab", ["Ctrl+W"], lambda: self.close_tab(self.tabs.currentIndex()))
        self.next_tab_action = self._action("Next tab", ["Ctrl+Tab", "Ctrl+PgDown"], lambda: self._cycle_tab(1))
        self.prev_tab_action = self._action("Previous tab", ["Ctrl+Shift+Tab", "Ctrl+PgUp"], lambda: self._cycle_tab(-1))
        self.reload_action = self._action("Reload from workspace", ["F5"], self.reload)
        self.shortcuts_action = self._action("Keyboard shortcuts", ["F1", "Ctrl+/"], self.show_shortcuts, "keyboard")
        self.about_action = self._action("About Campaign Studio", [], self.show_about, "about")
        self.quit_action = self._action("Quit", ["Ctrl+Q"], self.close)
        self.undo_action = self._action("Undo", ["Ctrl+Z"], lambda: self._document_call("undo"))
        self.redo_action = self._action("Redo", ["Ctrl+Y", "Ctrl+Shift+Z"], lambda: self._document_call("redo"))

    def _build_menus(self) -> None:
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        files = self.file_manager
        file_menu.addAction(files.new_email_action)
        file_menu.addAction(files.new_template_action)
        file_menu.addAction(files.new_component_action)
        file_menu.addAction(files.new_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_tab_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit = menu.addMenu("&Edit")
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        view = menu.addMenu("&View")
        view.addActions(self.screen_actions)
        view.addSeparator()
        view.addAction(self.next_tab_action)
        view.addAction(self.prev_tab_action)
        view.addAction(self.reload_action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    # ---- screens -------------------------------------------------------
    def screen(self, index: int) -> QWidget:
        """The screen at `index`, built on first use."""
        if index not in self._screens:
            widget = self._make_screen(index)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, widget)
            self._screens[index] = widget
        return self._screens[index]

    def _make_screen(self, index: int) -> QWidget:
        if index == FILES:
            from app.files.manager import FileManager

            w = FileManager(self.ws)
            w.openRequested.connect(lambda info, line: self.open_document(key_of(info.kind, info.id), line))
            w.fileRenamed.connect(self._file_renamed)
            w.fileDeleted.connect(lambda _ref: self._close_missing_tabs())
            w.contentChanged.connect(self.update_counts)
            self.events.changed.connect(lambda tables: w.store_changed(tables) if tables & FILE_TABLES else None)
            w.statusMessage.connect(lambda m: self.statusBar().showMessage(m, 5000))
            return w
        if index == CAMPAIGNS:
            from app.screens.campaigns import CampaignsScreen

            w = CampaignsScreen(self.ws)
            w.openRequested.connect(self.open_document)
            return w
        if index == STYLES:
            from app.screens.styles import StylesScreen

            return StylesScreen(self.ws)
        if index == PEOPLE:
            from app.screens.people import PeopleScreen

            return PeopleScreen(self.ws)
        if index == SEGMENTS:
            from app.screens.segments import SegmentsScreen

            return SegmentsScreen(self.ws)
        from app.screens.settings import SettingsScreen

        w = SettingsScreen(self.ws, self.theme.preference)
        w.themeChosen.connect(self.set_theme_preference)
        return w

    @property
    def file_manager(self):
        return self.screen(FILES)

    def current_screen(self) -> int:
        return self.stack.currentIndex()

    def show_screen(self, index: int) -> None:
        if not 0 <= index < len(SCREENS):
            return
        widget = self.screen(index)
        self.stack.setCurrentIndex(index)
        self.rail.set_current(index)
        title, icon_name, _tip = SCREENS[index]
        self.tabs.setTabText(0, title)
        self.tabs.setTabIcon(0, icon(icon_name))
        self.tabs.setCurrentIndex(0)
        if index != FILES and hasattr(widget, "refresh"):
            widget.refresh()
        self.update_title()

    # ---- documents -----------------------------------------------------
    def document_keys(self) -> list[str]:
        return [self.tabs.widget(i).key for i in range(1, self.tabs.count())]

    def document(self, key: str) -> DocumentView | None:
        for i in range(1, self.tabs.count()):
            if self.tabs.widget(i).key == key:
                return self.tabs.widget(i)
        return None

    def open_document(self, key: str, line: int = 0, *, quiet: bool = False) -> DocumentView | None:
        existing = self.document(key)
        if existing is None:
            try:
                existing = build_document(self.ws, key, self.settings)
            except (LookupError, FileError) as exc:
                if not quiet:
                    QMessageBox.warning(self, "Cannot open", str(exc))
                return None
            index = self.tabs.addTab(existing, kind_icon(existing.kind), existing.title)
            self.tabs.setTabToolTip(index, existing.title)
            connect_document(self, existing)
        if not quiet:
            self._mark_opened(key)
        self.tabs.setCurrentWidget(existing)
        if line:
            existing.show_line(line)
        return existing

    def _mark_opened(self, key: str) -> None:
        kind, record_id = parse_key(key)
        try:
            if kind == "campaign":
                self.ws.campaigns.mark_opened(record_id)
            else:
                from engine.store.files import FileRef

                self.ws.files.mark_opened(FileRef(kind, record_id))
        except (LookupError, FileError):
            return
        if FILES in self._screens:
            self._screens[FILES].refresh_recent()

    def close_tab(self, index: int) -> None:
        if index <= 0 or index >= self.tabs.count():
            return
        widget = self.tabs.widget(index)
        if hasattr(widget, "close_document"):
            widget.close_document()  # the editor writes what is pending first
        self.tabs.removeTab(index)
        widget.deleteLater()

    def _document_call(self, name: str) -> None:
        """Edit ▸ Undo/Redo go to the editor in the current tab (see editor.window on the undo model)."""
        widget = self.tabs.currentWidget()
        if hasattr(widget, name):
            getattr(widget, name)()

    def _cycle_tab(self, step: int) -> None:
        if self.tabs.count() > 1:
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def _keep_home_first(self, _from: int, _to: int) -> None:
        home = self.tabs.indexOf(self.stack)
        if home != 0:
            self.tabs.tabBar().moveTab(home, 0)

    def _tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, DocumentView):
            self.statusBar().showMessage(f"{widget.title} — {widget.note_label.text().split(' — ')[0]}", 4000)
        self.update_title()

    def update_title(self) -> None:
        """"Newsletter[*] — sample.db — Campaign Studio": what is in front, the workspace, the app once."""
        widget = self.tabs.currentWidget()
        if widget is None or widget is self.stack:
            subject, modified = SCREENS[max(0, self.current_screen())][0], False
        else:
            subject, modified = getattr(widget, "title", ""), _is_modified(widget)
        self.setWindowTitle(f"{subject}[*] — {self.workspace_name} — {APP_NAME}")
        self.setWindowModified(modified)

    def _file_renamed(self, info) -> None:
        doc = self.document(key_of(info.kind, info.id))
        if doc is not None:
            doc.set_title(info.name)
            index = self.tabs.indexOf(doc)
            self.tabs.setTabText(index, info.name)
            self.tabs.setTabToolTip(index, info.name)
            self.update_title()

    def _close_missing_tabs(self) -> None:
        """After a delete: close the tabs of every file that no longer exists (a folder takes its content)."""
        from engine.store.files import FileRef

        for key in self.document_keys():
            kind, record_id = parse_key(key)
            try:
                if kind == "campaign":
                    self.ws.campaigns.get(record_id)
                else:
                    self.ws.files.get(FileRef(kind, record_id))
            except (LookupError, FileError):
                self.close_tab(self.tabs.indexOf(self.document(key)))

    # ---- status, theme, dialogs ----------------------------------------
    def update_counts(self) -> None:
        kinds: dict[str, int] = {}
        for info in self.ws.files.all():
            kinds[info.kind] = kinds.get(info.kind, 0) + 1

        def n(count, word):
            return f"{count:,} {word}{'' if count == 1 else 's'}"

        self.counts_label.setText(
            " · ".join([
                n(kinds.get("email", 0), "email"),
                n(kinds.get("template", 0), "template"),
                n(kinds.get("component", 0), "component"),
                n(len(self.ws.campaigns.list()), "campaign"),
                n(self.ws.people.count(), "person").replace("persons", "people"),
            ])
        )

    def _workspace_changed(self, tables) -> None:
        if tables & COUNT_TABLES:
            self.update_counts()

    def reload(self) -> None:
        for widget in self._screens.values():
            widget.refresh()
        self._close_missing_tabs()
        self.update_counts()
        self.statusBar().showMessage("Reloaded from the workspace", 3000)

    def set_theme_preference(self, preference: str) -> None:
        self.settings.setValue("appearance/theme", preference)
        self.theme.set_preference(preference)

    def _theme_changed(self, _dark: bool) -> None:
        for n, (_t, icon_name, _tip) in enumerate(SCREENS):
            self.rail.set_icon(n, icon(icon_name, on_color="#ffffff"))
        self.tabs.setTabIcon(0, icon(SCREENS[self.current_screen()][1]))
        for i in range(1, self.tabs.count()):
            doc = self.tabs.widget(i)
            self.tabs.setTabIcon(i, kind_icon(doc.kind))
            doc.refresh_icons()
        for widget in self._screens.values():
            widget.refresh_icons()
        for a in (self.shortcuts_action, self.about_action):
            a.setIcon(icon("keyboard" if a is self.shortcuts_action else "about"))

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        rows = action_rows("Anywhere", self.screen_actions + [
            self.close_tab_action, self.next_tab_action, self.prev_tab_action, self.reload_action,
            self.shortcuts_action, self.quit_action, self.undo_action, self.redo_action,
        ])
        rows += action_rows("Design Studio", self.file_manager.shortcut_actions())
        return rows + EXTRA

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.shortcut_rows(), self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Campaign Studio",
            f"<h3>Campaign Studio {__version__}</h3>"
            "<p>Design Studio emails and Journeys campaigns, offline on your desktop.</p>"
            f"<p>Workspace: {display_location(self.ws.url)}</p>",
        )

    # ---- session -------------------------------------------------------
    def restore_session(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(*DEFAULT_SIZE)
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                frame = self.frameGeometry()
                frame.moveCenter(screen.availableGeometry().center())
                self.move(frame.topLeft())
        try:
            screen_index = int(self.settings.value("session/screen", FILES))
        except (TypeError, ValueError):
            screen_index = FILES
        self.show_screen(screen_index if 0 <= screen_index < len(SCREENS) else FILES)
        group = session_group(self.ws.url)
        try:
            keys = json.loads(self.settings.value(f"{group}/tabs", "[]") or "[]")
        except (TypeError, ValueError):
            keys = []
        for key in keys if isinstance(keys, list) else []:
            if parse_key(key):
                self.open_document(key, quiet=True)
        current = self.settings.value(f"{group}/currentTab", "")
        doc = self.document(current) if current else None
        self.tabs.setCurrentIndex(self.tabs.indexOf(doc) if doc is not None else 0)
        self.update_title()

    def save_session(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("session/screen", self.current_screen())
        group = session_group(self.ws.url)
        self.settings.setValue(f"{group}/location", display_location(self.ws.url))  # for a human reading the file
        self.settings.setValue(f"{group}/tabs", json.dumps(self.document_keys()))
        current = self.tabs.currentWidget()
        self.settings.setValue(f"{group}/currentTab", getattr(current, "key", "") if current is not self.stack else "")
        for old in ("session/tabs", "session/currentTab"):  # before tabs were per workspace: whose were they?
            self.settings.remove(old)
        self.settings.sync()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not icons.ready():  # first paint done: now pay for the icon font
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.load_icons)
        if self._warm_up_pending:
            self._warm_up_pending = False
            from editor import warmup  # the code editor and preview start now, so the first email opens fast

            warmup.schedule(self.ws, self.settings, delay_ms=100)

    def load_icons(self) -> None:
        """Second half of startup: the icon font, then every icon holder refreshes."""
        if icons.ready():
            return
        icons.load()
        self._theme_changed(bool(self.theme.dark))

    def closeEvent(self, event) -> None:
        self.save_session()
        self.events.detach()
        for i in range(1, self.tabs.count()):
            if hasattr(self.tabs.widget(i), "close_document"):
                self.tabs.widget(i).close_document()
        super().closeEvent(event)
