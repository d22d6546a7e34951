"""The Recent files strip: up to five cards, most recently opened first.

The hosted product shows thumbnails; offline we show the kind icon and the
name (a rendered thumbnail needs the compiler and a web view, too slow for a
dashboard that must open instantly). [inf] decision, revisit with the preview.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.icons import icon, kind_icon
from app.files.model import KIND_LABELS, local_time


class RecentFiles(QWidget):
    openRequested = Signal(object)  # FileInfo

    def __init__(self, parent=None):
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(8)
        self._files: list = []

    def set_files(self, files) -> None:
        self._files = list(files)
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        title = QLabel("Recent")
        title.setStyleSheet("font-weight: 600;")
        title.setMinimumWidth(52)
        self._layout.addWidget(title)
        if not self._files:
            empty = QLabel("Files you open appear here.")
            empty.setStyleSheet("color: palette(placeholder-text);")
            self._layout.addWidget(empty)
        for info in self._files:
            card = QToolButton()
            card.setObjectName("recentCard")
            card.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            card.setIcon(kind_icon(info.kind))
            card.setIconSize(QSize(22, 22))
            name = info.name if len(info.name) <= 28 else info.name[:27] + "…"
            card.setText(f"{name}\n{KIND_LABELS.get(info.kind, info.kind)}")
            card.setToolTip(f"{info.name}\nopened {local_time(info.opened_at)}")
            card.setMinimumWidth(150)
            card.clicked.connect(lambda _=False, i=info: self.openRequested.emit(i))
            self._layout.addWidget(card)
        self._layout.addStretch(1)

    def names(self) -> list[str]:
        return [f.name for f in self._files]
