"""Segments: a read-only list (name, kind, description, condition summary)."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem

from app.screens.common import Page


def summarize(conditions) -> str:
    """A one-line gist of a segment's conditions in words, as the canvas words a trigger
    ("plan is not equal to free"); the full JSON is the tooltip. Conditions the journeys
    model cannot read fall back to their JSON, shortened, so nothing is hidden."""
    if not conditions:
        return "—"
    try:
        from engine.journeys.conditions import from_json
        from engine.journeys.summary import condition_text

        return condition_text(from_json(conditions), limit=4)
    except Exception:  # noqa: BLE001 — a segment from another tool: show what it holds
        text = json.dumps(conditions, ensure_ascii=False, separators=(", ", ": "))
        return text if len(text) <= 90 else text[:89] + "…"


class SegmentsScreen(Page):
    def __init__(self, workspace, parent=None):
        super().__init__("Segments", "Groups of people defined by attributes and events.", parent)
        self.ws = workspace
        self.list = QTreeWidget()
        self.list.setObjectName("segmentList")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels(["Name", "Kind", "Description", "Conditions"])
        head = self.list.header()
        head.setStretchLastSection(True)
        self.list.setColumnWidth(0, 220)
        self.list.setColumnWidth(1, 80)
        self.list.setColumnWidth(2, 300)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.outer.addWidget(self.list, 1)
        self.empty = QLabel("No segments in this workspace yet.")
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.empty)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        segments = self.ws.people.segments()
        for s in segments:
            item = QTreeWidgetItem([s.name, s.kind, s.description or "", summarize(s.conditions)])
            item.setToolTip(3, json.dumps(s.conditions, indent=2, ensure_ascii=False))
            self.list.addTopLevelItem(item)
        self.empty.setVisible(not segments)
        self.list.setVisible(bool(segments))

    def names(self) -> list[str]:
        return [self.list.topLevelItem(i).text(0) for i in range(self.list.topLevelItemCount())]
