"""Campaigns: the workspace's journeys — status, create, duplicate, delete, import/export.

Opening a campaign (double-click, Enter, Open) asks the main window for its
document tab, where the workflow canvas lives. Import/export use the
`*.campaign.json` file format (engine/journeys/fileformat.py); a file that
can't be read is reported with its line, column and field, never a traceback.
The list follows the store: a campaign saved on the canvas announces itself
(`app.campaigns.events`) and the list refreshes, so Steps and Updated are
never stale. Status changes here are bookkeeping only (draft, running, stopped, archived);
the simulator that runs campaigns is another issue.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QFileDialog, QHeaderView, QInputDialog, QLabel, QMenu, QMessageBox, QPushButton, QToolButton,
    QTreeWidget, QTreeWidgetItem,
)

from app.files.model import local_time
from app.icons import kind_icon
from app.screens.common import Page
from engine.journeys import CampaignFormatError, Campaign, campaign_from_parts, campaign_to_parts, load_campaign, save_campaign
from engine.journeys.errors import FormatError

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
STATUSES = ("draft", "running", "stopped", "archived")
STATUS_COLORS = {"running": "#2e9d5b", "draft": "#8a8c96", "stopped": "#d64545", "archived": "#8a8c96"}


def _steps(workflow) -> str:
    """The number of blocks; an empty workflow has 0 (not a blank: `[]` is falsy, which hid it)."""
    workflow = workflow or {}
    for key in ("blocks", "nodes", "steps"):  # older drafts too
        if isinstance(workflow.get(key), (list, dict)):
            return str(len(workflow[key]))
    return "0"


class CampaignsScreen(Page):
    openRequested = Signal(str)  # document key
    statusMessage = Signal(str)

    def __init__(self, workspace, parent=None):
        super().__init__("Campaigns", "Double-click a campaign to open its workflow.", parent)
        self.ws = workspace
        buttons = []
        for text, name, slot in (("New campaign", "newCampaign", self.create), ("Import…", "importCampaign", self.import_dialog)):
            b = QPushButton(text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            self.header.addWidget(b)
            buttons.append(b)
        self.more = QToolButton()
        self.more.setText("Selected ▾")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        menu.addAction("Open", self.open_selected)
        menu.addAction("Duplicate", self.duplicate_selected)
        menu.addAction("Export…", self.export_dialog)
        status = menu.addMenu("Set status")
        for s in STATUSES:
            status.addAction(s.capitalize(), lambda st=s: self.set_status(st))
        menu.addSeparator()
        menu.addAction("Delete…", self.delete_selected)
        self.more.setMenu(menu)
        self.header.addWidget(self.more)
        self.list = QTreeWidget()
        self.list.setObjectName("campaignList")
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setIconSize(QSize(18, 18))
        self.list.setColumnCount(4)
        self.list.setHeaderLabels(["Name", "Status", "Steps", "Updated"])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(lambda pos: menu.exec(self.list.viewport().mapToGlobal(pos)))
        head = self.list.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 110), (2, 80), (3, 150)):
            self.list.setColumnWidth(col, width)
        self.list.itemActivated.connect(lambda item, _c: self.openRequested.emit(item.data(0, KEY_ROLE)))
        self.outer.addWidget(self.list, 1)
        self.empty = QLabel("No campaigns in this workspace yet. Create one, or import a .campaign.json file.")
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addWidget(self.empty)
        from app.campaigns.events import campaign_events

        campaign_events(workspace).changed.connect(self._row_changed)  # a save on the canvas updates Steps at once
        self.refresh()

    def _row_changed(self, _campaign_id: int) -> None:
        self.refresh()

    # ---- listing -------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected_id()
        self.list.clear()
        campaigns = self.ws.campaigns.list()
        for c in campaigns:
            item = QTreeWidgetItem([c.name, c.status, _steps(c.workflow), local_time(c.updated_at)])
            item.setIcon(0, kind_icon("campaign"))
            item.setForeground(1, QColor(STATUS_COLORS.get(c.status, "#8a8c96")))
            item.setData(0, KEY_ROLE, f"campaign:{c.id}")
            item.setData(0, ID_ROLE, c.id)
            self.list.addTopLevelItem(item)
            if c.id == selected:
                self.list.setCurrentItem(item)
        self.empty.setVisible(not campaigns)
        self.list.setVisible(bool(campaigns))

    def refresh_icons(self) -> None:
        self.refresh()

    def names(self) -> list[str]:
        return [self.list.topLevelItem(i).text(0) for i in range(self.list.topLevelItemCount())]

    def selected_id(self) -> int | None:
        item = self.list.currentItem() if hasattr(self, "list") else None
        return item.data(0, ID_ROLE) if item is not None else None

    def select(self, campaign_id: int) -> None:
        for i in range(self.list.topLevelItemCount()):
            if self.list.topLevelItem(i).data(0, ID_ROLE) == campaign_id:
                self.list.setCurrentItem(self.list.topLevelItem(i))

    def _unique(self, name: str) -> str:
        taken = {c.name for c in self.ws.campaigns.list()}
        if name not in taken:
            return name
        n = 2
        while f"{name} ({n})" in taken:
            n += 1
        return f"{name} ({n})"

    # ---- actions -----------------------------------------------------------------------------
    def create(self, name: str | None = None) -> int | None:
        if not isinstance(name, str):
            name, ok = QInputDialog.getText(self, "New campaign", "Name", text="Untitled campaign")
            if not ok or not name.strip():
                return None
        campaign = Campaign(name.strip())
        n, settings, workflow = campaign_to_parts(campaign)
        row = self.ws.campaigns.create(self._unique(n), settings=settings, workflow=workflow)
        self.refresh()
        self.select(row.id)
        self.openRequested.emit(f"campaign:{row.id}")
        return row.id

    def open_selected(self) -> None:
        cid = self.selected_id()
        if cid is not None:
            self.openRequested.emit(f"campaign:{cid}")

    def duplicate_selected(self) -> int | None:
        cid = self.selected_id()
        if cid is None:
            return None
        row = self.ws.campaigns.get(cid)
        copy = self.ws.campaigns.create(self._unique(f"{row.name} copy"), settings=row.settings, workflow=row.workflow)
        self.refresh()
        self.select(copy.id)
        return copy.id

    def delete_selected(self, confirm: bool = True) -> bool:
        cid = self.selected_id()
        if cid is None:
            return False
        row = self.ws.campaigns.get(cid)
        if confirm and QMessageBox.question(self, "Delete campaign", f"Delete “{row.name}”? This can't be undone.") \
                != QMessageBox.StandardButton.Yes:
            return False
        self.ws.campaigns.delete(cid)
        self.refresh()
        return True

    def set_status(self, status: str) -> None:
        cid = self.selected_id()
        if cid is not None and status in STATUSES:
            self.ws.campaigns.update(cid, status=status)
            self.refresh()

    def import_file(self, path: str | Path) -> int:
        """Add a campaign from a file; raises CampaignFormatError with line and column on bad input."""
        campaign = load_campaign(Path(path))
        name, settings, workflow = campaign_to_parts(campaign)
        row = self.ws.campaigns.create(self._unique(name), settings=settings, workflow=workflow)
        self.refresh()
        self.select(row.id)
        return row.id

    def export_file(self, campaign_id: int, path: str | Path) -> None:
        row = self.ws.campaigns.get(campaign_id)
        save_campaign(campaign_from_parts(row.name, row.settings or {}, row.workflow or {}), path)

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import campaign", "", "Campaigns (*.campaign.json *.json)")
        if not path:
            return
        try:
            self.import_file(path)
        except CampaignFormatError as exc:
            QMessageBox.warning(self, "Can't import", str(exc))

    def export_dialog(self) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        row = self.ws.campaigns.get(cid)
        path, _ = QFileDialog.getSaveFileName(self, "Export campaign", f"{row.name}.campaign.json", "Campaigns (*.campaign.json)")
        if not path:
            return
        try:
            self.export_file(cid, path)
        except (FormatError, OSError) as exc:
            QMessageBox.warning(self, "Can't export", f"{row.name}: {exc}")
