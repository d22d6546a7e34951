"""The Problems panel: every error and warning of the open file, click to jump.

Rows are `(area, Problem)`: the area says where the problem lives — the
HTML, Text or AMP tab (line and column in that editor), the Envelope (a
field, in `extra["field"]`) or Transformers. Errors sort before warnings,
then by area and position. `activated(area, problem)` fires on click or
Enter; the window does the jumping.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from engine.problems import Problem, Severity

AREAS = ("HTML", "Text", "AMP", "Envelope", "Transformers")
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_COLORS = {Severity.ERROR: "#d93025", Severity.WARNING: "#e8a400", Severity.INFO: "#4a90d9"}


def _dot(color: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(1, 1, 10, 10)
    p.end()
    return QIcon(pix)


class ProblemsPanel(QWidget):
    activated = Signal(str, object)  # area, Problem

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, Problem]] = []
        self.setObjectName("problemsPanel")
        self.summary = QLabel()
        self.summary.setObjectName("problemsSummary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("problemsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["Problem", "Where"])
        self.tree.setColumnWidth(0, 440)
        self.tree.setMaximumHeight(150)  # a strip under the editor; it hides while there is nothing to list
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        head = QHBoxLayout()
        head.setContentsMargins(8, 4, 8, 4)
        head.setSpacing(6)
        title = QLabel("Problems")
        title.setStyleSheet("font-weight: 600;")
        head.addWidget(title)
        head.addWidget(self.summary, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addLayout(head)
        box.addWidget(self.tree, 1)
        self.set_problems([])

    def set_problems(self, rows: list[tuple[str, Problem]]) -> None:
        order = {a: n for n, a in enumerate(AREAS)}
        self.rows = sorted(rows, key=lambda r: (_RANK.get(r[1].severity, 3), order.get(r[0], 9), r[1].line, r[1].column))
        self.tree.clear()
        for area, p in self.rows:
            where = area
            if p.extra.get("field"):
                where += f" · {p.extra['field']}"
            elif p.line:
                where += f" · line {p.line}, column {p.column}"
            item = QTreeWidgetItem([p.message, where])
            item.setIcon(0, _dot(_COLORS.get(p.severity, "#888")))
            item.setToolTip(0, p.message)
            self.tree.addTopLevelItem(item)
        errors = sum(1 for _a, p in self.rows if p.severity is Severity.ERROR)
        warnings = sum(1 for _a, p in self.rows if p.severity is Severity.WARNING)
        self.tree.setVisible(bool(self.rows))
        if not self.rows:
            self.summary.setText("— no problems")
        else:
            self.summary.setText(f"— {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self.rows):
            area, problem = self.rows[index]
            self.activated.emit(area, problem)
