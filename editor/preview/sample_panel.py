"""Preview with sample data (spec §3.6): a person from the workspace and event/trigger JSON.

The person list is searched in the store (`People.page(search=…)`, which
matches identifiers and attribute text) as the user types, a pause of 250 ms
apart so a large workspace is not queried per keystroke. The JSON editor holds
one object whose keys become Liquid namespaces (`event`, `trigger`, …).
`data_changed` fires with the merged data; JSON mistakes come back as
problems (line, column) for the pane's "Errors found" banner.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from engine.preview import parse_extra, sample_data


class SamplePanel(QWidget):
    data_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._workspace = None
        self._people: list = []
        self.problems: list = []
        self.search = QLineEdit(placeholderText="Search people by attribute…")
        self.search.setClearButtonEnabled(True)
        self.people = QComboBox()
        self.people.setMinimumContentsLength(18)
        self.people.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.json_button = QToolButton(text="Event / trigger JSON", checkable=True)
        self.json = QPlainTextEdit()
        self.json.setPlaceholderText('{"event": {"name": "purchase"}, "trigger": {}}')
        self.json.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.json.setMaximumHeight(110)
        self.json.setVisible(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Previewing as"))
        row.addWidget(self.search, 1)
        row.addWidget(self.people, 1)
        row.addWidget(self.json_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(6, 2, 6, 2)
        box.addLayout(row)
        box.addWidget(self.json)
        self._search_timer = QTimer(self, singleShot=True, interval=250, timeout=self._run_search)
        self._json_timer = QTimer(self, singleShot=True, interval=300, timeout=self.data_changed.emit)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.people.currentIndexChanged.connect(lambda _i: self.data_changed.emit())
        self.json.textChanged.connect(self._json_timer.start)
        self.json_button.toggled.connect(self.json.setVisible)
        self._fill([])

    def set_workspace(self, workspace) -> None:
        self._workspace = workspace
        self._run_search()

    def _run_search(self) -> None:
        if self._workspace is None:
            return
        self._fill(self._workspace.people.page(limit=50, search=self.search.text().strip()))

    def _fill(self, people: list) -> None:
        self._people = people
        self.people.blockSignals(True)
        self.people.clear()
        self.people.addItem("No sample person (Liquid shown as written)")
        for p in people:
            attrs = p.attributes or {}
            name = " ".join(str(attrs[k]) for k in ("first_name", "last_name") if attrs.get(k))
            self.people.addItem(" — ".join(x for x in (name, p.email or p.external_id or p.cio_id) if x))
        self.people.setCurrentIndex(1 if people else 0)
        self.people.blockSignals(False)
        self.data_changed.emit()

    def person(self):
        i = self.people.currentIndex()
        return self._people[i - 1] if 0 < i <= len(self._people) else None

    def set_json(self, text: str) -> None:
        self.json.setPlainText(text)
        self._json_timer.stop()
        self.data_changed.emit()

    def data(self) -> dict | None:
        """Liquid data, or None when nothing is chosen (Liquid then stays verbatim)."""
        extra, self.problems = parse_extra(self.json.toPlainText())
        person = self.person()
        if person is None and not extra:
            return None
        return sample_data(person, extra)
