"""The name dialog used by Create: OK stays disabled until the name is valid.

Validation mirrors the store's rules (required, at most 255 characters) so
the user sees the problem while typing; the store still has the last word and
its `FileError` message is shown if it refuses.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

MAX_NAME = 255


def name_problem(name: str) -> str | None:
    name = name.strip()
    if not name:
        return "A name is required."
    if len(name) > MAX_NAME:
        return f"A name can be at most {MAX_NAME} characters long ({len(name)} now)."
    return None


class NameDialog(QDialog):
    def __init__(
        self,
        title: str,
        label: str,
        text: str = "",
        parent: QWidget | None = None,
        extra_check: Callable[[str], str | None] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("nameDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._extra = extra_check
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(QLabel(label))
        self.edit = QLineEdit(text)
        self.edit.setMaxLength(MAX_NAME + 50)  # let an overlong paste show its error
        self.edit.selectAll()
        layout.addWidget(self.edit)
        self.error = QLabel()
        self.error.setObjectName("nameError")
        self.error.setStyleSheet("color: #d64545;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.edit.textChanged.connect(self._validate)
        self._validate(text)

    def _validate(self, text: str) -> None:
        problem = name_problem(text) or (self._extra(text.strip()) if self._extra else None)
        # An empty field on opening needs no scolding; the disabled OK says enough.
        self.error.setText(problem if problem and text else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(problem is None)

    def accept(self) -> None:
        if name_problem(self.edit.text()) is None:
            super().accept()

    def name(self) -> str:
        return self.edit.text().strip()


def ask_name(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    dialog = NameDialog(title, label, text, parent)
    try:
        return dialog.name() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
