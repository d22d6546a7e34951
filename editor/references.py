"""Find Component References and the delete that refuses while a component is used (spec §4.14).

Shared by the file manager (app/files) and the component editor (editor/components_gui):
it lives in editor/ because editor/ must not import app/.

- `ReferencesDialog`: every `<tag>` element in the workspace's emails,
  templates and other components (`engine.components.operations.find_references`),
  one row per use — file, line, the source line as an excerpt. Activating a
  row (double-click or Enter, or "Open") emits `open_requested(FileInfo, line)`;
  the host opens the file at that line. The dialog is modeless, so the author
  can work through the list while removing the uses.
- `confirm_delete_in_use(parent, error)`: the dialog shown when
  `delete_component` raised `ComponentInUse`: it lists the references and
  offers **Delete anyway** or **Cancel** (the default: deleting breaks those
  emails, §4.14 — the visual editor then shows an error).

Both read the store on the GUI thread (one parse per file that mentions the
tag: `references_in` skips the others by a substring test).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout,
)

REF_ROLE = Qt.ItemDataRole.UserRole + 7


def excerpt(source: str, line: int, width: int = 120) -> str:
    lines = source.split("\n")
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return text if len(text) <= width else text[:width - 1] + "…"


def reference_rows(workspace, references) -> list[tuple[object, str, str]]:
    """(reference, where, excerpt) per reference; each file's source is read once."""
    sources: dict = {}
    rows = []
    for r in references:
        key = (r.file.kind, r.file.id)
        if key not in sources:
            sources[key] = workspace.files.source(r.file.ref)
        rows.append((r, f"{r.file.name} ({r.file.kind})", excerpt(sources[key], r.line)))
    return rows


class ReferencesList(QTreeWidget):
    """File | Line | Excerpt rows; `activated_reference(Reference)` on double-click or Enter."""

    activated_reference = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("referencesList")
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHeaderLabels(["File", "Line", "Excerpt"])
        head = self.header()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.itemActivated.connect(self._activated)

    def set_rows(self, rows) -> None:
        self.clear()
        for ref, where, text in rows:
            item = QTreeWidgetItem([where, str(ref.line), text])
            item.setData(0, REF_ROLE, ref)
            item.setToolTip(2, text)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.addTopLevelItem(item)
        if self.topLevelItemCount():
            self.setCurrentItem(self.topLevelItem(0))

    def reference_at(self, row: int):
        item = self.topLevelItem(row)
        return item.data(0, REF_ROLE) if item is not None else None

    def current_reference(self):
        item = self.currentItem()
        return item.data(0, REF_ROLE) if item is not None else None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        ref = item.data(0, REF_ROLE)
        if ref is not None:
            self.activated_reference.emit(ref)


def _summary(tag: str, count: int, files: int) -> str:
    if not count:
        return f"<b>&lt;{tag}&gt;</b> is not used in any email, template or component."
    return (f"<b>&lt;{tag}&gt;</b> is used {count} time{'s' * (count != 1)} in {files} "
            f"file{'s' * (files != 1)}. Open a use to edit it.")


class ReferencesDialog(QDialog):
    open_requested = Signal(object, int)  # FileInfo, line

    def __init__(self, workspace, tag: str, name: str = "", parent=None):
        super().__init__(parent)
        self.ws = workspace
        self.tag = tag
        self.setObjectName("referencesDialog")
        self.setWindowTitle(f"References to {name or tag}")
        self.resize(760, 380)
        self.summary = QLabel()
        self.summary.setObjectName("referencesSummary")
        self.summary.setWordWrap(True)
        self.list = ReferencesList()
        self.list.activated_reference.connect(self._open)
        buttons = QDialogButtonBox()
        self.open_button = QPushButton("Open")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(lambda: self._open(self.list.current_reference()))
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.summary)
        box.addWidget(self.list, 1)
        box.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        from engine.components.operations import find_references

        refs = find_references(self.ws, self.tag)
        self.references = refs
        self.list.set_rows(reference_rows(self.ws, refs))
        self.summary.setText(_summary(self.tag, len(refs), len({(r.file.kind, r.file.id) for r in refs})))
        self.open_button.setEnabled(bool(refs))

    def _open(self, ref) -> None:
        if ref is not None:
            self.open_requested.emit(ref.file, ref.line)


class DeleteInUseDialog(QDialog):
    """"<tag> is still used in N places" with the list; Delete anyway or Cancel (default)."""

    def __init__(self, workspace, error, name: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("deleteInUseDialog")
        self.setWindowTitle("Component in use")
        self.resize(700, 360)
        count = len(error.references)
        files = len({(r.file.kind, r.file.id) for r in error.references})
        text = QLabel(
            f"<b>{name or error.tag}</b> (&lt;{error.tag}&gt;) is still used {count} time{'s' * (count != 1)} in "
            f"{files} file{'s' * (files != 1)}. Deleting it breaks those emails: remove it from each of them "
            "first, or delete anyway.")
        text.setWordWrap(True)
        self.list = ReferencesList()
        self.list.set_rows(reference_rows(workspace, error.references))
        buttons = QDialogButtonBox()
        self.delete_button = buttons.addButton("Delete anyway", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(text)
        box.addWidget(self.list, 1)
        box.addWidget(buttons)


def confirm_delete_in_use(parent, workspace, error, name: str = "") -> bool:
    """True when the user chose Delete anyway."""
    dialog = DeleteInUseDialog(workspace, error, name, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted
