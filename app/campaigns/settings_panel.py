"""Campaign settings: trigger type and conditions, filters, frequency, start, goal, exit, schedule, time zone.

The forms are the same generated `RecordForm`s as block settings. Spec rules
are enforced where the marketer types: an edit whose settings break a rule
that makes a campaign unsavable (a trigger made only of "not in segment"
conditions, §5.2) is shown in red and not applied — the model's own
`trigger.problems()` decides, so the form and validation never disagree.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.campaigns.forms import RecordForm, _drop_nones
from engine.journeys.errors import FormatError
from engine.journeys.settings import FREQUENCIES, FREQUENCY_LABELS, TRIGGERS, CampaignSettings

BLOCKING = ("'not in segment'",)


class CampaignSettingsPanel(QWidget):
    """`changed(dict)` carries the new settings JSON (only when it passes the blocking rules)."""

    changed = Signal(dict, str)  # settings JSON, merge key (the field path of a typing edit, "" for a click)
    renamed = Signal(str)

    def __init__(self, campaign, segments: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.segments = segments
        self.emails: list[dict] = []
        self.campaign = campaign
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(10)
        head = QFormLayout()
        self.name = QLineEdit(campaign.name)
        self.name.setObjectName("campaignName")
        self.name.editingFinished.connect(lambda: self.renamed.emit(self.name.text().strip() or campaign.name))
        head.addRow("Name", self.name)
        self.trigger_type = QComboBox()
        self.trigger_type.setObjectName("triggerType")
        for type_id, cls in TRIGGERS.items():
            self.trigger_type.addItem(cls.LABEL, type_id)
        head.addRow("Trigger", self.trigger_type)
        self.lay.addLayout(head)
        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("QLabel#settingsError { color: #d64545; background: rgba(214,69,69,0.1); border-radius: 6px; padding: 6px 8px; }")
        self.error.hide()
        self.lay.addWidget(self.error)
        self.trigger_form: RecordForm | None = None
        self.rest_form: RecordForm | None = None
        self.load(campaign.settings.to_json())
        self.trigger_type.currentIndexChanged.connect(self._type_changed)

    # owner hooks for RecordForm
    def condition_context(self, cls, name: str) -> str:
        if name == "filters":
            return "filters"
        if name == "conditions" and cls.__name__ == "Goal":
            return "goal"
        if cls.__name__ == "Audience":
            return "trigger.object"
        return getattr(cls, "CONTEXT", "") or "segment"

    def choices_for(self, cls, name: str):
        """Choices that depend on another setting: the frequencies the chosen trigger type allows.
        Every fixed list is declared on the engine's field (`setting(..., choices=...)`)."""
        if cls.__name__ == "Frequency" and name == "mode":
            modes = FREQUENCIES.get(self.trigger_type.currentData(), ())
            return [(m, FREQUENCY_LABELS[m]) for m in modes]
        return None

    def load(self, data: dict) -> None:
        trigger = data.get("trigger", {"type": "segment"})
        self.trigger_type.blockSignals(True)
        self.trigger_type.setCurrentIndex(max(0, self.trigger_type.findData(trigger["type"])))
        self.trigger_type.blockSignals(False)
        for form in (self.trigger_form, self.rest_form):
            if form is not None:
                form.setParent(None)
                form.deleteLater()
        cls = TRIGGERS[trigger["type"]]
        self.trigger_form = RecordForm(cls, {k: v for k, v in trigger.items() if k != "type"}, self)
        self.trigger_form.changed.connect(lambda key: self._changed(f"trigger.{key}" if key else ""))
        exclude = ("trigger", "messages") + (() if cls.HAS_FILTERS else ("filters",)) + \
            (() if cls.HAS_START_AUDIENCE else ("start",))
        rest = {k: v for k, v in data.items() if k != "trigger"}
        rest.setdefault("frequency", {"mode": FREQUENCIES[trigger["type"]][0]})
        self.rest_form = RecordForm(CampaignSettings, rest, self, exclude=exclude)
        self.rest_form.changed.connect(lambda key: self._changed(key))
        self.lay.insertWidget(2, self.trigger_form)
        self.lay.insertWidget(3, self.rest_form)

    def _type_changed(self, *_args) -> None:
        data = self.campaign.settings.to_json()
        data["trigger"] = {"type": self.trigger_type.currentData()}
        data.pop("frequency", None)
        data.pop("filters", None) if not TRIGGERS[data["trigger"]["type"]].HAS_FILTERS else None
        self.load(data)
        self._changed()

    def settings_json(self) -> dict:
        trigger = {"type": self.trigger_type.currentData(), **self.trigger_form.value()}
        data = {**self.rest_form.value(), "trigger": trigger}
        data["messages"] = self.campaign.settings.messages.to_json()
        return CampaignSettings.from_json(_drop_nones(data), "settings").to_json()

    def _changed(self, key: str = "") -> None:
        try:
            data = self.settings_json()
        except FormatError as exc:
            self.show_error(str(exc))
            return
        settings = CampaignSettings.from_json(data, "settings")
        blocking = [m for _, m in settings.trigger.problems("trigger") if any(b in m for b in BLOCKING)]
        if blocking:
            self.show_error(blocking[0][0].upper() + blocking[0][1:])
            return
        self.error.hide()
        self.changed.emit(data, key)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
