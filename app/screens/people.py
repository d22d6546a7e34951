"""People: a paged table of the workspace's profiles, with search.

Pages of 100 are read on demand (the store's `page`), so a workspace with a
million people opens as fast as one with a thousand. One extra row is read
to know whether a next page exists without counting matches.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QToolButton

from app.files.model import local_time
from app.icons import icon
from app.screens.common import Page

PAGE_SIZE = 100
COLUMNS = ("ID", "Email", "First name", "Plan", "Country", "Created at")


class PeopleModel(QAbstractTableModel):
    def __init__(self, people, parent=None):
        super().__init__(parent)
        self._people = people
        self._rows: list = []
        self.offset = 0
        self.search = ""
        self.has_next = False

    def load(self, offset: int = 0, search: str | None = None) -> None:
        if search is not None:
            self.search = search
        self.beginResetModel()
        rows = self._people.page(offset=max(0, offset), limit=PAGE_SIZE + 1, search=self.search)
        self.offset = max(0, offset)
        self.has_next = len(rows) > PAGE_SIZE
        self._rows = rows[:PAGE_SIZE]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        p = self._rows[index.row()]
        attrs = p.attributes or {}
        col = index.column()
        if col == 0:
            return p.external_id or p.cio_id
        if col == 1:
            return p.email or attrs.get("email", "")
        if col == 2:
            return str(attrs.get("first_name", ""))
        if col == 3:
            return str(attrs.get("plan", ""))
        if col == 4:
            return str(attrs.get("country", ""))
        return local_time(p.created_at)


class PeopleScreen(Page):
    def __init__(self, workspace, parent=None):
        super().__init__("People", "", parent)
        self.ws = workspace
        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setPlaceholderText("Search email, ID or attributes")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.search_icon = self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.header.addWidget(self.search)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(lambda: self.model.load(0, self.search.text().strip()) or self._update_pager())
        self.search.textChanged.connect(lambda _t: self._timer.start())

        self.model = PeopleModel(workspace.people, self)
        self.table = QTableView()
        self.table.setObjectName("peopleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        head = self.table.horizontalHeader()
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 150), (2, 120), (3, 100), (4, 90), (5, 150)):
            self.table.setColumnWidth(col, width)
        self.outer.addWidget(self.table, 1)

        self.prev_button = QToolButton()
        self.prev_button.setIcon(icon("previous"))
        self.prev_button.setToolTip("Previous page")
        self.prev_button.clicked.connect(lambda: self._go(-PAGE_SIZE))
        self.next_button = QToolButton()
        self.next_button.setIcon(icon("next"))
        self.next_button.setToolTip("Next page")
        self.next_button.clicked.connect(lambda: self._go(PAGE_SIZE))
        self.pager_label = QLabel()
        self.pager_label.setObjectName("peoplePager")
        from PySide6.QtWidgets import QHBoxLayout

        pager = QHBoxLayout()
        pager.addStretch(1)
        pager.addWidget(self.pager_label)
        pager.addWidget(self.prev_button)
        pager.addWidget(self.next_button)
        self.outer.addLayout(pager)
        self.refresh()

    def _go(self, delta: int) -> None:
        self.model.load(self.model.offset + delta)
        self._update_pager()

    def refresh(self) -> None:
        self.model.load(self.model.offset)
        self._update_pager()

    def _update_pager(self) -> None:
        total = self.ws.people.count()
        first = self.model.offset + 1 if self.model.rowCount() else 0
        last = self.model.offset + self.model.rowCount()
        if self.model.search:
            self.pager_label.setText(f"Matches {first:,}–{last:,}" if last else "No matches")
        else:
            self.pager_label.setText(f"{first:,}–{last:,} of {total:,}" if last else "No people yet")
        self.subtitle.setText(f"{total:,} profiles")
        self.prev_button.setEnabled(self.model.offset > 0)
        self.next_button.setEnabled(self.model.has_next)

    def refresh_icons(self) -> None:
        self.search_icon.setIcon(icon("search"))
        self.prev_button.setIcon(icon("previous"))
        self.next_button.setIcon(icon("next"))
