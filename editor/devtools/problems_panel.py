"""The Problems tab: every error and warning of the open file, click to jump.

Its one home is the developer tools drawer under the preview, as in Design
Studio (§10: "Problems" is a drawer tool); the window keeps `window.problems`
pointing at it.

Rows are `(area, Problem)`: the area says where the problem lives — the
HTML, Text or AMP tab (line and column in that editor), the Envelope (a
field, in `extra["field"]`) or Transformers. Two sources feed it:
`set_problems(rows)` — what the window finds on each pause (compiler,
Liquid, envelope, transformer settings) — and `set_extra(problems)` — the
§10.1 checks the drawer runs in the background (invalid `<style>` CSS,
inlining on components, images without alt or over http), shown as HTML
rows and de-duplicated against the first source. Errors sort before
warnings, then by area and position. `activated(area, problem)` fires on
click or Enter; the window does the jumping.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.devtools.findings import COLORS, dot
from engine.problems import Problem, Severity

AREAS = ("HTML", "Text", "AMP", "Envelope", "Transformers")
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class ProblemsPanel(QWidget):
    activated = Signal(str, object)  # area, Problem
    counts_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, Problem]] = []
        self._base: list[tuple[str, Problem]] = []
        self._extra: list[Problem] = []
        self.setObjectName("problemsPanel")
        self.summary = QLabel()
        self.summary.setObjectName("problemsSummary")
        self.summary.setContentsMargins(8, 4, 8, 4)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("problemsList")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels(["Problem", "Where"])
        self.tree.setColumnWidth(0, 420)
        self.tree.itemActivated.connect(self._activate)
        self.tree.itemClicked.connect(self._activate)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.summary)
        box.addWidget(self.tree, 1)
        self.set_problems([])

    @property
    def errors(self) -> int:
        return sum(1 for _a, p in self.rows if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for _a, p in self.rows if p.severity is Severity.WARNING)

    def set_problems(self, rows: list[tuple[str, Problem]]) -> None:
        self._base = list(rows)
        self._show()

    def set_extra(self, problems: list[Problem]) -> None:
        self._extra = list(problems)
        self._show()

    def _show(self) -> None:
        seen = {(a, p.line, p.column, p.message) for a, p in self._base}
        rows = list(self._base) + [("HTML", p) for p in self._extra if ("HTML", p.line, p.column, p.message) not in seen]
        order = {a: n for n, a in enumerate(AREAS)}
        self.rows = sorted(rows, key=lambda r: (_RANK.get(r[1].severity, 3), order.get(r[0], 9), r[1].line, r[1].column))
        self.tree.clear()
        for area, p in self.rows:
            place = area
            if p.extra.get("field"):
                place += f" · {p.extra['field']}"
            elif p.line:
                place += f" · line {p.line}, column {p.column}"
            item = QTreeWidgetItem([p.message, place])
            item.setIcon(0, dot(COLORS.get(p.severity, "#888")))
            item.setToolTip(0, p.message)
            self.tree.addTopLevelItem(item)
        errors, warnings = self.errors, self.warnings
        if not self.rows:
            self.summary.setText("No problems: nothing likely to break rendering, no advice pending.")
        else:
            self.summary.setText(f"{errors} error{'s' * (errors != 1)} (likely to break rendering), "
                                 f"{warnings} warning{'s' * (warnings != 1)} (advice) — click one to see it in the code")
        self.counts_changed.emit()

    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = self.tree.indexOfTopLevelItem(item)
        if 0 <= index < len(self.rows):
            area, problem = self.rows[index]
            self.activated.emit(area, problem)
