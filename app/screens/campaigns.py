"""Campaigns: the workspace's journeys; opening one shows its workflow JSON in a tab."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem

from app.files.model import local_time
from app.icons import kind_icon
from app.screens.common import Page

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_COLORS = {"running": "#2e9d5b", "draft": "#8a8c96", "stopped": "#d64545", "archived": "#8a8c96"}


class CampaignsScreen(Page):
    openRequested = Signal(str)  # document key

    def __init__(self, workspace, parent=None):
        super().__init__("Campaigns", "Double-click a campaign to open its workflow.", parent)
        self.ws = workspace
        self.list = QTreeWidget()
        self.list.setObjectName("campaignList")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(18, 18))
        self.list.setColumnCount(4)
        self.list.setHeaderLabels(["Name", "Status", "Steps", "Updated"])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        head = self.list.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 110), (2, 80), (3, 150)):
            self.list.setColumnWidth(col, width)
        self.list.itemActivated.connect(lambda item, _c: self.openRequested.emit(item.data(0, KEY_ROLE)))
        self.outer.addWidget(self.list, 1)
        self.empty = QLabel("No campaigns in this workspace yet.")
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.empty)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        campaigns = self.ws.campaigns.list()
        for c in campaigns:
            workflow = c.workflow or {}
            steps = workflow.get("nodes") or workflow.get("steps") or workflow.get("blocks") or []
            item = QTreeWidgetItem([c.name, c.status, str(len(steps)) if isinstance(steps, (list, dict)) else "", local_time(c.updated_at)])
            item.setIcon(0, kind_icon("campaign"))
            item.setForeground(1, QColor(STATUS_COLORS.get(c.status, "#8a8c96")))
            item.setData(0, KEY_ROLE, f"campaign:{c.id}")
            self.list.addTopLevelItem(item)
        self.empty.setVisible(not campaigns)
        self.list.setVisible(bool(campaigns))

    def refresh_icons(self) -> None:
        self.refresh()

    def names(self) -> list[str]:
        return [self.list.topLevelItem(i).text(0) for i in range(self.list.topLevelItemCount())]
