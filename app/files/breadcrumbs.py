"""Breadcrumbs for the folder being shown: Design Studio › Folder › Subfolder.

Every crumb but the last is a flat button that navigates up to that folder.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.icons import icon

ROOT_LABEL = "All files"


class Breadcrumbs(QWidget):
    folderClicked = Signal(object)  # folder id or None for the top

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._chain: list = []

    def set_path(self, chain) -> None:
        """`chain`: FileInfo folders from the top down (store `folder_path`)."""
        self._chain = list(chain)
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        crumbs = [(None, ROOT_LABEL)] + [(f.id, f.name) for f in self._chain]
        for n, (folder_id, name) in enumerate(crumbs):
            last = n == len(crumbs) - 1
            if last:
                label = QLabel(name)
                label.setStyleSheet("font-weight: 600; padding: 3px 4px;")
                self._layout.addWidget(label)
            else:
                button = QToolButton()
                button.setText(name)
                button.setAutoRaise(True)
                if folder_id is None:
                    button.setIcon(icon("home"))
                    button.setToolButtonStyle(button.toolButtonStyle().ToolButtonTextBesideIcon)
                button.clicked.connect(lambda _=False, f=folder_id: self.folderClicked.emit(f))
                self._layout.addWidget(button)
                sep = QLabel("›")
                sep.setStyleSheet("padding: 0 2px; color: palette(placeholder-text);")
                self._layout.addWidget(sep)
        self._layout.addStretch(1)

    def labels(self) -> list[str]:
        return [ROOT_LABEL] + [f.name for f in self._chain]
