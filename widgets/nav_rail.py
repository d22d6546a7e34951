"""A vertical navigation rail: icon-over-label buttons, exactly one checked.

Reusable: the owner adds entries, listens to `currentChanged(int)` and calls
`set_icon` when the theme changes (icons are tinted glyphs).
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QButtonGroup, QFrame, QSizePolicy, QToolButton, QVBoxLayout


class NavRail(QFrame):
    currentChanged = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("navRail")
        self.setFixedWidth(100)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 10, 6, 10)
        self._layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(self._clicked)
        self._layout.addStretch(1)
        self._bottom = self._layout.count()
        self.buttons: list[QToolButton] = []

    def add_entry(self, label: str, icon: QIcon, tooltip: str = "") -> QToolButton:
        button = QToolButton()
        button.setObjectName(f"nav_{label.replace(' ', '')}")
        button.setText(label)
        button.setIcon(icon)
        button.setIconSize(QSize(24, 24))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setToolTip(tooltip or label)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.setMinimumHeight(58)
        self._group.addButton(button, len(self.buttons))
        self._layout.insertWidget(len(self.buttons), button)
        self.buttons.append(button)
        if len(self.buttons) == 1:
            button.setChecked(True)
        return button

    def set_icon(self, index: int, icon: QIcon) -> None:
        self.buttons[index].setIcon(icon)

    def current(self) -> int:
        return self._group.checkedId()

    def set_current(self, index: int) -> None:
        """Check entry `index` without announcing it (the owner already switched; clicks announce)."""
        if 0 <= index < len(self.buttons):
            self.buttons[index].setChecked(True)

    def _clicked(self, index: int) -> None:
        self.currentChanged.emit(index)
