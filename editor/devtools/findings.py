"""Pieces every developer-tools tab shares: severity dots, the state strip, a findings tree.

A finding "with a line" is one whose `Problem.line` is set: clicking its row
emits `jump(line, column)`, and the window moves the HTML editor there
(`CodeEditor.go_to`). Rows without a line (a feature found only in a
compiled component's CSS, an MJML source) do nothing on click.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTreeWidget, QTreeWidgetItem, QWidget

from engine.problems import Problem, Severity

COLORS = {Severity.ERROR: "#d93025", Severity.WARNING: "#e8a400", Severity.INFO: "#4a90d9"}
OK_COLOR = "#1e8e3e"
GREY = "#9aa0a6"
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 1

_icons: dict[str, QIcon] = {}


def dot(color: str) -> QIcon:
    if color not in _icons:
        pix = QPixmap(12, 12)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(color))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(1, 1, 10, 10)
        p.end()
        _icons[color] = QIcon(pix)
    return _icons[color]


def severity_dot(p: Problem) -> QIcon:
    return dot(COLORS.get(p.severity, GREY))


def where(p: Problem) -> str:
    return f"line {p.line}" if p.line else ""


class StateStrip(QWidget):
    """"In Sync" / "Out of sync — re-check" / "Checking…" on the left, the action button on the right."""

    def __init__(self, button_text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("devtoolsState")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(8)
        self.badge = QLabel()
        self.badge.setObjectName("syncBadge")
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.button = QPushButton(button_text)
        self.button.setObjectName("devtoolsAction")
        row.addWidget(self.badge)
        row.addWidget(self.label, 1)
        self._extra = row
        row.addWidget(self.button)

    def add_widget(self, w: QWidget) -> None:
        self._extra.insertWidget(self._extra.count() - 1, w)

    def set_state(self, badge: str, text: str, tone: str = "neutral") -> None:
        colors = {"ok": ("#e6f4ea", "#137333"), "stale": ("#fef7e0", "#8a5a00"), "busy": ("#e8f0fe", "#1a56c4"),
                  "bad": ("#fce8e6", "#b3261e"), "neutral": ("palette(alternate-base)", "palette(text)")}
        bg, fg = colors[tone]
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        self.badge.setStyleSheet(f"QLabel{{background:{bg};color:{fg};border-radius:8px;padding:1px 8px;font-weight:600}}")
        self.label.setText(text)
        self.label.setToolTip(text)


class FindingTree(QTreeWidget):
    """A tree of findings; a click on a finding with a line emits `jump`."""

    jump = Signal(int, int)

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.setHeaderLabels(headers)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    def add_finding(self, parent, texts: list[str], p: Problem | None, icon: QIcon | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem(texts)
        if icon is not None:
            item.setIcon(0, icon)
        if p is not None:
            item.setData(0, PROBLEM_ROLE, p)
            item.setToolTip(0, p.message + (f"\n{where(p)}, column {p.column} — click to show it in the code" if p.line else ""))
        (parent.addChild(item) if parent is not None else self.addTopLevelItem(item))
        return item

    def finding_at(self, item: QTreeWidgetItem) -> Problem | None:
        return item.data(0, PROBLEM_ROLE)

    def click(self, item: QTreeWidgetItem) -> None:
        """What a user's click does (tests call it as `itemClicked` would)."""
        self._clicked(item, 0)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        p = self.finding_at(item)
        if p is not None and p.line:
            self.jump.emit(p.line, max(1, p.column))
