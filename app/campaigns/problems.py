"""The problems list: `validate()` results, errors first; activating one focuses its block.

Each row says where: the block's label (a click selects and shows it), "Campaign settings" (a click
opens the Campaign tab) or "Workflow" for problems of the graph as a whole (nothing to open).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from engine.problems import Severity

BLOCK_ROLE = Qt.ItemDataRole.UserRole + 1
SETTINGS_ROLE = Qt.ItemDataRole.UserRole + 2  # a campaign-settings problem: a click opens the Campaign tab


class ProblemsList(QListWidget):
    blockRequested = Signal(str)
    settingsRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("problemsList")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)

    def show_problems(self, problems, labels: dict[str, str]) -> None:
        self.clear()
        ordered = sorted(problems, key=lambda p: (p.severity != Severity.ERROR,))
        for p in ordered:
            block = p.extra.get("block")
            on_workflow = str(p.extra.get("path", "")).startswith("workflow")
            where = labels.get(block, "Workflow") if block else ("Workflow" if on_workflow else "Campaign settings")
            mark = "●" if p.severity == Severity.ERROR else "▲"
            item = QListWidgetItem(f"{mark} {where}\n{p.message}")
            item.setData(BLOCK_ROLE, block or "")
            item.setData(SETTINGS_ROLE, not block and not on_workflow)
            item.setForeground(QBrush(QColor("#d64545" if p.severity == Severity.ERROR else "#c7791f")))
            item.setToolTip(f"{p.rule}: {p.message}")
            self.addItem(item)
        if not problems:
            item = QListWidgetItem("✓ No problems: this campaign is ready to start.")
            item.setForeground(QBrush(QColor("#2e9d5b")))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)

    def _activate(self, item) -> None:
        block = item.data(BLOCK_ROLE)
        if block:
            self.blockRequested.emit(block)
        elif item.data(SETTINGS_ROLE):
            self.settingsRequested.emit()
