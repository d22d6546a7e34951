"""Shared bits of the screens: a titled page layout."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    """A screen with a title row (title, subtitle, optional right-side widgets) above its body."""

    def __init__(self, title: str, subtitle: str = "", parent=None):
        super().__init__(parent)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(16, 12, 16, 8)
        self.outer.setSpacing(10)
        self.header = QHBoxLayout()
        self.header.setSpacing(10)
        title_label = QLabel(title)
        title_label.setObjectName("screenTitle")
        self.header.addWidget(title_label)
        self.subtitle = QLabel(subtitle)
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")
        self.header.addWidget(self.subtitle)
        self.header.addStretch(1)
        self.outer.addLayout(self.header)

    def refresh(self) -> None:  # screens re-read the store when shown
        pass

    def refresh_icons(self) -> None:
        pass
