"""The editor's collapsible file panel (spec §7.1): the workspace's Design Studio files.

Choosing a file emits `file_chosen(key)`; the host decides what that means
(the main window switches the current editor tab to that file, or brings
its tab forward when it is already open elsewhere — see app/documents.py).
The filter matches names as one types. The panel reads the store each time
`refresh()` is called (opening, renames), never per keystroke of the editor.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QStyle, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

KIND_SUFFIX = {"email": "", "template": "  (template)", "component": ""}


class FilePanel(QWidget):
    file_chosen = Signal(str)

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.ws = workspace
        self.current = ""
        self.setObjectName("editorFilePanel")
        self.filter = QLineEdit(placeholderText="Filter files…")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.itemActivated.connect(self._chosen)
        self.tree.itemClicked.connect(self._chosen)
        self.filter.textChanged.connect(lambda _t: self.refresh())
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 6, 0, 6)
        box.setSpacing(6)
        box.addWidget(self.filter)
        box.addWidget(self.tree, 1)

    def refresh(self) -> None:
        infos = self.ws.files.all()
        needle = self.filter.text().strip().lower()
        style = self.style()
        folder_icon = style.standardIcon(QStyle.StandardPixmap.SP_DirIcon)
        file_icon = style.standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        self.tree.clear()
        folders = {i.id: i for i in infos if i.kind == "folder"}
        items: dict[int | None, QTreeWidgetItem] = {}

        def folder_item(folder_id):
            if folder_id is None or folder_id not in folders:
                return self.tree.invisibleRootItem()
            if folder_id not in items:
                info = folders[folder_id]
                parent = folder_item(info.folder_id)
                item = QTreeWidgetItem([info.name])
                item.setIcon(0, folder_icon)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                parent.addChild(item)
                items[folder_id] = item
            return items[folder_id]

        for info in sorted((i for i in infos if i.kind != "folder"), key=lambda i: (i.kind == "component", i.name.lower())):
            if needle and needle not in info.name.lower():
                continue
            key = f"{info.kind}:{info.id}"
            item = QTreeWidgetItem([info.name + KIND_SUFFIX.get(info.kind, "")])
            item.setIcon(0, file_icon)
            item.setData(0, Qt.ItemDataRole.UserRole, key)
            item.setToolTip(0, f"{info.name} ({info.kind})")
            folder_item(info.folder_id).addChild(item)
            if key == self.current:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
                self.tree.setCurrentItem(item)
        self.tree.expandAll()

    def set_current(self, key: str) -> None:
        self.current = key
        self.refresh()

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole)
        if key and key != self.current:
            self.file_chosen.emit(key)
