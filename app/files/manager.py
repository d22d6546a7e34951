"""The Design Studio dashboard: folders, files, Create, search, filter, recent.

Layout (spec design-studio §0.3): a header with Create and the search field,
the type filter and breadcrumbs, the Recent strip, then a folder tree beside
the files table (or the search results while a query is typed). Every change
goes through `ws.files`; after it the views reload from the store.

Signals let the main window react without this screen knowing about tabs:
`openRequested(FileInfo, line)`, `fileRenamed(FileInfo)`, `fileDeleted(FileRef)`,
`contentChanged()` (counts in the status bar), `statusMessage(str)`.

The screen stays current by itself: the main window hands it the workspace's
change signal (`store_changed`), so "Used in" follows an email that starts or
stops using a component, or a campaign that starts or stops sending an email,
without F5; when hidden it re-reads on its next show.

A created email, template or component opens in its editor at once, as in
Customer.io (the user creates a file to write it); a created folder is only
selected in the list.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QMenu,
    QMessageBox, QSplitter, QStackedWidget, QTableView, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from app.files.breadcrumbs import Breadcrumbs
from app.files.dialogs import ask_name
from app.files.model import EDITED, KIND, NAME, USED_IN, FilesTableModel
from app.files.recent import RecentFiles
from app.files.search_view import SearchResultsView
from app.icons import contrast_icon, icon, kind_icon
from engine.store.files import COMPONENT, EMAIL, FOLDER, TEMPLATE, FileError

FILTER_LABELS = (("all", "All"), ("messages", "Messages"), ("templates", "Templates"), ("components", "Components"))
_CREATE_TITLES = {EMAIL: "New email", TEMPLATE: "New template", COMPONENT: "New component", FOLDER: "New folder"}
FOLDER_ROLE = Qt.ItemDataRole.UserRole + 3


class FileManager(QWidget):
    openRequested = Signal(object, int)
    fileRenamed = Signal(object)
    fileDeleted = Signal(object)
    contentChanged = Signal()
    statusMessage = Signal(str)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.setObjectName("fileManager")
        self.ws = workspace
        self.files = workspace.files
        self.model = FilesTableModel(self.files, self)
        self.model.renameFailed.connect(lambda msg: QMessageBox.warning(self, "Cannot rename", msg))
        self.model.renamed.connect(self._after_rename)
        self._build()
        self._build_actions()
        self.navigate(None)
        self.refresh_recent()

    # ---- construction --------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 8)
        outer.setSpacing(10)

        header = QHBoxLayout()
        header.setSpacing(10)
        title = QLabel("Design Studio")
        title.setObjectName("screenTitle")
        header.addWidget(title)
        header.addStretch(1)
        self.search = QLineEdit()
        self.search.setObjectName("fileSearch")
        self.search.setPlaceholderText("Search names and content   (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(320)
        self.search_icon = self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        header.addWidget(self.search)
        self.create_button = QToolButton()
        self.create_button.setObjectName("createButton")
        self.create_button.setText("Create")
        self.create_button.setIcon(contrast_icon("create"))
        self.create_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.create_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.create_menu = QMenu(self.create_button)
        self.create_button.setMenu(self.create_menu)
        header.addWidget(self.create_button)
        outer.addLayout(header)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.run_search)

        bar = QHBoxLayout()
        bar.setSpacing(0)
        self.filter_group = QButtonGroup(self)
        self.filter_group.setExclusive(True)
        self.filter_buttons: dict[str, QToolButton] = {}
        for n, (key, label) in enumerate(FILTER_LABELS):
            b = QToolButton()
            b.setObjectName(f"filter_{key}")
            b.setText(label)
            b.setCheckable(True)
            b.setChecked(key == "all")
            b.setProperty("segment", "first" if n == 0 else "last" if n == len(FILTER_LABELS) - 1 else "middle")
            self.filter_group.addButton(b, n)
            self.filter_buttons[key] = b
            b.clicked.connect(lambda _=False, k=key: self.set_type_filter(k))
            bar.addWidget(b)
        bar.addSpacing(16)
        self.breadcrumbs = Breadcrumbs()
        self.breadcrumbs.folderClicked.connect(self.navigate)
        bar.addWidget(self.breadcrumbs, 1)
        outer.addLayout(bar)

        self.recent = RecentFiles()
        self.recent.openRequested.connect(lambda info: self.openRequested.emit(info, 0))
        outer.addWidget(self.recent)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.tree = QTreeWidget()
        self.tree.setObjectName("folderTree")
        self.tree.setHeaderLabel("Folders")
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(180)
        self.tree.itemClicked.connect(lambda item, _c: self.navigate(item.data(0, FOLDER_ROLE)))
        self.tree.itemActivated.connect(lambda item, _c: self.navigate(item.data(0, FOLDER_ROLE)))
        split.addWidget(self.tree)

        self.pages = QStackedWidget()
        self.table = QTableView()
        self.table.setObjectName("filesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setIconSize(QSize(18, 18))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        head = self.table.horizontalHeader()
        head.setHighlightSections(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((KIND, 110), (USED_IN, 130), (EDITED, 150)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.empty_label = QLabel("This folder is empty. Use Create to add an email, template, component or folder.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        table_page = QWidget()
        tl = QVBoxLayout(table_page)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.table)
        tl.addWidget(self.empty_label)
        self.pages.addWidget(table_page)
        self.results = SearchResultsView()
        self.results.openRequested.connect(self.openRequested)
        self.pages.addWidget(self.results)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 900])
        outer.addWidget(split, 1)

    def _build_actions(self) -> None:
        def action(name, text, icon_name, shortcut, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut):
            a = QAction(icon(icon_name) if icon_name else None, text, self)
            a.setObjectName(name)
            a.setIconText(icon_name or "")
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(context)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        self.new_email_action = action("newEmail", "Email", "email", "Ctrl+N", lambda: self.create(EMAIL))
        self.new_template_action = action("newTemplate", "Template", "template", None, lambda: self.create(TEMPLATE))
        self.new_component_action = action("newComponent", "Component", "component", None, lambda: self.create(COMPONENT))
        self.new_folder_action = action("newFolder", "New Folder", "new-folder", "Ctrl+Shift+N", lambda: self.create(FOLDER))
        for a in (self.new_email_action, self.new_template_action, self.new_component_action):
            self.create_menu.addAction(a)
        self.create_menu.addSeparator()
        self.create_menu.addAction(self.new_folder_action)
        self.open_action = action("openFile", "Open", "open", None, lambda: self._activated(self.table.currentIndex()))
        self.rename_action = action("renameFile", "Rename", "rename", "F2", self.rename_selected)
        self.duplicate_action = action("duplicateFile", "Duplicate", "duplicate", "Ctrl+D", self.duplicate_selected)
        self.delete_action = action("deleteFile", "Delete…", "delete", "Del", self.delete_selected)
        self.references_action = action("findReferences", "Find Component References", "search", None,
                                        self.find_references_selected)
        self.find_action = action("findFiles", "Search files", "search", "Ctrl+F", self.focus_search)
        self.up_action = action("folderUp", "Up one folder", None, "Alt+Up", self.go_up)
        self.clear_search_action = QAction("Clear search", self)
        self.clear_search_action.setShortcut(QKeySequence("Escape"))
        self.clear_search_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.clear_search_action.triggered.connect(self.search.clear)
        self.search.addAction(self.clear_search_action)

    def shortcut_actions(self) -> list[QAction]:
        return [self.new_email_action, self.new_folder_action, self.rename_action, self.duplicate_action,
                self.delete_action, self.find_action, self.up_action]

    def refresh_icons(self) -> None:
        for a in self.findChildren(QAction):
            if a.iconText() and a.iconText() in ("email", "template", "component"):
                a.setIcon(kind_icon(a.iconText()))
            elif a.iconText():
                try:
                    a.setIcon(icon(a.iconText()))
                except KeyError:
                    pass
        self.create_button.setIcon(contrast_icon("create"))
        self.search_icon.setIcon(icon("search"))
        self.breadcrumbs.set_path(self.files.folder_path(self.folder_id))
        self.refresh()

    # ---- navigation ----------------------------------------------------
    @property
    def folder_id(self) -> int | None:
        return self.model.folder_id

    def navigate(self, folder_id: int | None) -> None:
        if self.search.text():
            self.search.clear()
        try:
            chain = self.files.folder_path(folder_id)
        except FileError:
            chain, folder_id = [], None
        if folder_id is not None and not chain:
            folder_id = None  # it was deleted meanwhile
        self.model.set_folder(folder_id)
        self.breadcrumbs.set_path(chain)
        self._rebuild_tree()
        self._update_empty()

    def go_up(self) -> None:
        chain = self.files.folder_path(self.folder_id)
        if chain:
            self.navigate(chain[-1].folder_id)

    def set_type_filter(self, key: str) -> None:
        self.filter_buttons[key].setChecked(True)
        self.model.set_type_filter(key)
        self._update_empty()
        if self.search.text().strip():
            self.run_search()

    @property
    def type_filter(self) -> str:
        return self.model.type_filter

    def refresh(self) -> None:
        """Re-read everything from the store (after a change here or elsewhere)."""
        selected = self.selected_file()
        self.model.reload()
        self._rebuild_tree()
        self.refresh_recent()
        self._update_empty()
        if selected is not None:
            self.select(selected.kind, selected.id)
        if self.search.text().strip():
            self.run_search()

    def store_changed(self, _tables=None) -> None:
        """The workspace changed (another tab's autosave, a campaign saved): re-read now or when next shown.

        Never while a name is being edited inline: the reload would drop the editor and the typing.
        """
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if self.isVisible() and not editing:
            self._stale = False
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.refresh()

    def refresh_recent(self) -> None:
        self.recent.set_files(self.files.recent())

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0
        had_focus = self.table.hasFocus()
        self.empty_label.setVisible(empty)
        self.table.setVisible(not empty)
        if had_focus and empty:
            self.tree.setFocus()  # keep the keyboard in the screen (Alt+Up, Ctrl+N) when an empty folder opens

    def _rebuild_tree(self) -> None:
        folders = [f for f in self.files.all() if f.kind == FOLDER]
        expanded = {
            it.data(0, FOLDER_ROLE) for it in self._tree_items() if it.isExpanded()
        }
        self.tree.clear()
        root = QTreeWidgetItem(["All files"])
        root.setIcon(0, icon("home"))
        root.setData(0, FOLDER_ROLE, None)
        self.tree.addTopLevelItem(root)
        by_parent: dict = {}
        for f in folders:
            by_parent.setdefault(f.folder_id, []).append(f)
        current = self.folder_id
        ancestors = {f.id for f in self.files.folder_path(current)} if current is not None else set()

        def add(parent_item, parent_id):
            for f in sorted(by_parent.get(parent_id, []), key=lambda f: f.name.lower()):
                item = QTreeWidgetItem([f.name])
                item.setIcon(0, kind_icon(FOLDER))
                item.setData(0, FOLDER_ROLE, f.id)
                parent_item.addChild(item)
                add(item, f.id)
                if f.id in expanded or f.id in ancestors:
                    item.setExpanded(True)
                if f.id == current:
                    self.tree.setCurrentItem(item)

        add(root, None)
        root.setExpanded(True)
        if current is None:
            self.tree.setCurrentItem(root)

    def _tree_items(self):
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            yield item
            stack += [item.child(i) for i in range(item.childCount())]

    # ---- selection -----------------------------------------------------
    def selected_file(self):
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.file_at(index.row())

    def select(self, kind: str, file_id: int) -> bool:
        row = self.model.row_of(kind, file_id)
        if row < 0:
            return False
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, NAME),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, NAME))
        return True

    def select_name(self, name: str) -> bool:
        for info in self.model.files():
            if info.name == name:
                return self.select(info.kind, info.id)
        return False

    def _activated(self, index) -> None:
        if not index.isValid():
            return
        info = self.model.file_at(index.row())
        if info.kind == FOLDER:
            self.navigate(info.id)
        else:
            self.openRequested.emit(info, 0)

    def _context_menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            self.table.selectRow(index.row())
            menu.addAction(self.open_action)
            menu.addAction(self.rename_action)
            menu.addAction(self.duplicate_action)
            if self.model.file_at(index.row()).kind == COMPONENT:
                menu.addAction(self.references_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
        else:
            menu.addActions(self.create_menu.actions())
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # ---- commands ------------------------------------------------------
    def create(self, kind: str) -> None:
        label = {FOLDER: "Folder name:", COMPONENT: "Component name:"}.get(kind, f"{kind.capitalize()} name:")
        name = ask_name(self, _CREATE_TITLES[kind], label)
        if name is None:
            return
        try:
            if kind == FOLDER:
                info = self.files.create_folder(name, self.folder_id)
            elif kind == COMPONENT:
                info = self.files.create_component(name, self.folder_id)
            else:
                source = self._starting_source(kind)
                if source is False:
                    return
                info = self.files.create_email(name, self.folder_id, kind=kind, source=source)
        except FileError as exc:
            QMessageBox.warning(self, f"Cannot create {kind}", str(exc))
            return
        self.search.clear()
        self.refresh()
        self.select(info.kind, info.id)
        self.contentChanged.emit()
        self.statusMessage.emit(f"Created {kind} “{info.name}”")
        if kind != FOLDER:
            self.openRequested.emit(info, 0)  # as in Customer.io: a new file opens straight in its editor

    def _starting_source(self, kind: str):
        """Spec §0.3: emails and templates start from scratch or from a template.

        Returns the template's source, None for scratch, False when cancelled.
        Asked only when the workspace has templates (otherwise scratch is the only choice).
        """
        templates = sorted((f for f in self.files.all() if f.kind == TEMPLATE), key=lambda f: f.name.lower())
        if not templates:
            return None
        choices = ["From scratch"] + [f"Template: {t.name}" for t in templates]
        choice, ok = QInputDialog.getItem(self, f"New {kind}", "Start from:", choices, 0, False)
        if not ok:
            return False
        if choice == choices[0] or choice not in choices:
            return None
        return self.files.source(templates[choices.index(choice) - 1].ref)

    def rename_selected(self) -> None:
        if self.selected_file() is None:
            return
        index = self.model.index(self.table.currentIndex().row(), NAME)
        self.table.setFocus()
        self.table.edit(index)

    def _after_rename(self, info) -> None:
        self._rebuild_tree()
        if info.kind == FOLDER:
            self.breadcrumbs.set_path(self.files.folder_path(self.folder_id))
        self.fileRenamed.emit(info)
        self.refresh_recent()
        self.statusMessage.emit(f"Renamed to “{info.name}”")

    def duplicate_selected(self) -> None:
        info = self.selected_file()
        if info is None:
            return
        try:
            copy = self.files.duplicate(info.ref)
        except FileError as exc:
            QMessageBox.warning(self, "Cannot duplicate", str(exc))
            return
        self.refresh()
        self.select(copy.kind, copy.id)
        self.contentChanged.emit()
        self.statusMessage.emit(f"Duplicated as “{copy.name}”")

    def delete_selected(self) -> None:
        info = self.selected_file()
        if info is None:
            return
        if info.kind == COMPONENT and info.tag:
            self._delete_component(info)
            return
        what = "folder and everything inside it" if info.kind == FOLDER else info.kind
        answer = QMessageBox.question(
            self,
            "Delete permanently?",
            f"Delete the {what} “{info.name}”?\n\nThis cannot be undone.",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Ok:
            self.statusMessage.emit("Nothing deleted")
            return
        try:
            self.files.delete(info.ref)
        except FileError as exc:
            QMessageBox.warning(self, "Cannot delete", str(exc))
            return
        self.refresh()
        self.fileDeleted.emit(info.ref)
        self.contentChanged.emit()
        self.statusMessage.emit(f"Deleted {info.kind} “{info.name}”")

    def _delete_component(self, info) -> None:
        """§4.14: refused while the component is used, unless the user chooses Delete anyway."""
        from editor.references import confirm_delete_in_use
        from engine.components.operations import ComponentInUse, delete_component, find_references

        refs = find_references(self.ws, info.tag)
        force = False
        if refs:
            if not confirm_delete_in_use(self, self.ws, ComponentInUse(info.tag, refs), info.name):
                self.statusMessage.emit(f"Nothing deleted: <{info.tag}> is still used")
                return
            force = True
        elif QMessageBox.question(
                self, "Delete permanently?",
                f"Delete the component “{info.name}” (<{info.tag}>)? No email uses it.\n\nThis cannot be undone.",
                QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Ok:
            self.statusMessage.emit("Nothing deleted")
            return
        try:
            delete_component(self.ws, info.ref, force=force)
        except ComponentInUse as exc:  # a use was added meanwhile (another tab's autosave)
            if not confirm_delete_in_use(self, self.ws, exc, info.name):
                self.statusMessage.emit(f"Nothing deleted: <{info.tag}> is still used")
                return
            delete_component(self.ws, info.ref, force=True)
        except FileError as exc:
            QMessageBox.warning(self, "Cannot delete", str(exc))
            return
        self.refresh()
        self.fileDeleted.emit(info.ref)
        self.contentChanged.emit()
        self.statusMessage.emit(f"Deleted component “{info.name}”")

    def find_references_selected(self):
        """Find Component References (§4.14): a modeless list; activating a row opens that file at that line."""
        info = self.selected_file()
        if info is None or info.kind != COMPONENT or not info.tag:
            return None
        from editor.references import ReferencesDialog

        dialog = ReferencesDialog(self.ws, info.tag, info.name, self)
        dialog.open_requested.connect(self.openRequested)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.references_dialog = dialog
        return dialog

    # ---- search --------------------------------------------------------
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        self._search_timer.stop()
        query = self.search.text().strip()
        if not query:
            self.pages.setCurrentIndex(0)
            return
        self.results.show_result(self.files.search(query, type_filter=self.type_filter))
        self.pages.setCurrentIndex(1)

    @property
    def showing_search(self) -> bool:
        return self.pages.currentIndex() == 1
