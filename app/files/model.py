"""The files table: one folder's content from the store, filtered and sorted.

The model never caches more than the rows on screen and re-reads the store
on `reload()`; the store is the single source of truth, so a rename made by
the command line in another process shows up on the next reload.
Sorting delegates to `engine.store.files.sort_files` (folders stay first);
the Kind column, which the spec does not sort by, sorts by kind then name.
"""
from __future__ import annotations

from datetime import datetime, timezone

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from app.icons import kind_icon
from engine.store.files import FOLDER, FileError, FileInfo, sort_files

NAME, KIND, USED_IN, EDITED = range(4)
HEADERS = ("Name", "Kind", "Used in", "Last edited")
KIND_LABELS = {"folder": "Folder", "email": "Email", "template": "Template", "component": "Component"}
_SORT_KEYS = {NAME: "name", USED_IN: "used_in", EDITED: "last_edited"}

FILE_ROLE = Qt.ItemDataRole.UserRole + 1


def local_time(moment: datetime | None) -> str:
    """Store times are naive UTC; show them in the user's zone, minutes precision."""
    if moment is None:
        return ""
    return moment.replace(tzinfo=timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")


def used_in_text(info: FileInfo) -> str:
    if info.kind == "component":
        if info.used_in == 0:
            return "Not used"
        return "1 file" if info.used_in == 1 else f"{info.used_in} files"
    if info.kind != "email":
        return "—"
    if info.used_in == 0:
        return "Not used"
    return "1 campaign" if info.used_in == 1 else f"{info.used_in} campaigns"


class FilesTableModel(QAbstractTableModel):
    """Rows are `FileInfo`; the name column is editable (inline rename, F2)."""

    renameFailed = Signal(str)
    renamed = Signal(object)  # FileInfo

    def __init__(self, files, parent=None):
        super().__init__(parent)
        self._files = files
        self._rows: list[FileInfo] = []
        self.folder_id: int | None = None
        self.type_filter = "all"
        self.sort_column = NAME
        self.sort_order = Qt.SortOrder.AscendingOrder

    # ---- loading -------------------------------------------------------
    def set_folder(self, folder_id: int | None) -> None:
        self.folder_id = folder_id
        self.reload()

    def set_type_filter(self, type_filter: str) -> None:
        self.type_filter = type_filter
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        rows = self._files.list(self.folder_id, type_filter=self.type_filter)
        self._rows = self._sorted(rows)
        self.endResetModel()

    def _sorted(self, rows: list[FileInfo]) -> list[FileInfo]:
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if self.sort_column == KIND:
            folders = [r for r in rows if r.kind == FOLDER]
            files = sorted((r for r in rows if r.kind != FOLDER), key=lambda i: (i.kind, i.name.lower()), reverse=descending)
            return sort_files(folders, "name", descending) + files
        return sort_files(rows, _SORT_KEYS.get(self.sort_column, "name"), descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        self._rows = self._sorted(self._rows)
        self.layoutChanged.emit()

    # ---- access --------------------------------------------------------
    def file_at(self, row: int) -> FileInfo:
        return self._rows[row]

    def files(self) -> list[FileInfo]:
        return list(self._rows)

    def row_of(self, kind: str, file_id: int) -> int:
        for n, info in enumerate(self._rows):
            if info.kind == kind and info.id == file_id:
                return n
        return -1

    # ---- Qt model ------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index):
        base = super().flags(index)
        if index.isValid() and index.column() == NAME:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        info = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == NAME:
                return info.name
            if col == KIND:
                return KIND_LABELS.get(info.kind, info.kind)
            if col == USED_IN:
                return "" if info.kind == FOLDER else used_in_text(info)
            if col == EDITED:
                return local_time(info.updated_at)
        if role == Qt.ItemDataRole.DecorationRole and col == NAME:
            return kind_icon(info.kind)
        if role == Qt.ItemDataRole.ToolTipRole and col == NAME:
            extra = f" · <{info.tag}>" if info.tag else ""
            return f"{info.name}{extra}"
        if role == FILE_ROLE:
            return info
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != NAME:
            return False
        info = self._rows[index.row()]
        if str(value).strip() == info.name:
            return False
        try:
            new = self._files.rename(info.ref, str(value))
        except FileError as exc:
            self.renameFailed.emit(str(exc))
            return False
        new = self._files.get(info.ref)
        self._rows[index.row()] = new
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.renamed.emit(new)
        return True
