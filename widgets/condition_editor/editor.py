"""Condition editor widgets: a group (All / At least one / None of) holding rows and nested groups.

`changed` carries no argument; Qt's own value signals (`textChanged(str)` …) reach it through
`_emit`, which drops theirs — connecting them straight to `changed.emit` raised a TypeError
in the slot and lost the edit.
"""
from __future__ import annotations

import copy
import json
from datetime import datetime, timezone

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateTimeEdit, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QToolButton,
    QVBoxLayout, QWidget,
)

from engine.journeys.conditions import CONTEXTS, COUNT_OPS, MESSAGE_STATUSES, MESSAGE_TYPES, OPERATOR_LABELS, OPERATORS
from engine.journeys.values import UNITS

KIND_LABELS = {
    "attribute": "Attribute", "segment": "Segment", "event": "Event", "message": "Message", "device": "Device",
    "relationship": "Relationship", "trigger_object": "Trigger object", "event_attribute": "Trigger event attribute",
    "journey_attribute": "Journey attribute", "page": "Page visit", "screen": "Screen view", "form": "Form submission",
    "object_attribute": "Object attribute", "relationship_attribute": "Relationship attribute",
}
FIELD_KINDS = {"attribute", "device", "trigger_object", "event_attribute", "journey_attribute", "object_attribute",
               "relationship_attribute"}
EVENT_KINDS = {"event", "page", "screen", "form"}


def _combo(items: list[tuple[str, object]], current=None) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if current is not None:
        i = box.findData(current)
        box.setCurrentIndex(max(0, i))
    return box


def _scalar(text: str):
    """'42' → 42, 'true' → True, anything else stays text (attribute values are loosely typed, §2.3)."""
    t = text.strip()
    if t in ("true", "false"):
        return t == "true"
    try:
        return int(t)
    except ValueError:
        pass
    try:
        return float(t)
    except ValueError:
        return text


def _unix_edit(value) -> QDateTimeEdit:
    edit = QDateTimeEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    moment = datetime.fromtimestamp(value, timezone.utc) if isinstance(value, int) else datetime.now(timezone.utc)
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())))
    return edit


class LeafRow(QFrame):
    """One condition: a kind chooser and the fields of that kind."""

    changed = Signal()
    removeRequested = Signal(QWidget)

    def __init__(self, data: dict, kinds: list[str], segments: list[tuple[int, str]], equality_only=False, parent=None):
        super().__init__(parent)
        self.setObjectName("conditionRow")
        self.segments = segments
        self.equality_only = equality_only
        (kind, body), = data.items()
        self.kind, self.body = kind, copy.deepcopy(body)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 6, 6)
        lay.setSpacing(4)
        top = QHBoxLayout()
        self.kind_box = _combo([(KIND_LABELS.get(k, k), k) for k in kinds], kind)
        if self.kind_box.findData(kind) < 0:
            self.kind_box.addItem(KIND_LABELS.get(kind, kind), kind)
            self.kind_box.setCurrentIndex(self.kind_box.count() - 1)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        top.addWidget(self.kind_box, 1)
        remove = QToolButton()
        remove.setText("✕")
        remove.setToolTip("Remove this condition")
        remove.setAutoRaise(True)
        remove.clicked.connect(lambda: self.removeRequested.emit(self))
        top.addWidget(remove)
        lay.addLayout(top)
        self.fields = QWidget()
        lay.addWidget(self.fields)
        self._build_fields()

    # -- building
    def _kind_changed(self, *_args) -> None:
        self.kind = self.kind_box.currentData()
        self.body = default_body(self.kind)
        old = self.fields
        self.fields = QWidget()
        self.layout().replaceWidget(old, self.fields)
        old.deleteLater()
        self._build_fields()
        self.changed.emit()

    def _line(self, *widgets, stretch_first=True) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        for i, w in enumerate(widgets):
            row.addWidget(w, 1 if (i == 0 and stretch_first) else 0)
        self._fields_layout.addLayout(row)
        return row

    def _build_fields(self) -> None:
        self._fields_layout = QVBoxLayout(self.fields)
        self._fields_layout.setContentsMargins(0, 0, 0, 0)
        self._fields_layout.setSpacing(4)
        k, b = self.kind, self.body
        emit = self._emit
        if k in FIELD_KINDS:
            self.field = QLineEdit(b.get("field", ""))
            self.field.setPlaceholderText("attribute name, e.g. plan or address.city")
            ops = [(OPERATOR_LABELS[o], o) for o in OPERATORS if not self.equality_only or o in ("eq", "neq", "exists", "not_exists")]
            self.operator = _combo(ops, b.get("operator", "eq"))
            self._line(self.field)
            self._line(self.operator)
            self.value_box = QWidget()
            self._fields_layout.addWidget(self.value_box)
            self._build_value()
            self.field.textChanged.connect(emit)
            self.operator.currentIndexChanged.connect(self._operator_changed)
        elif k == "segment":
            self.segment = QComboBox()
            self.segment.setEditable(True)
            for sid, name in self.segments:
                self.segment.addItem(name, sid)
            current = b.get("id")
            i = self.segment.findData(current) if current is not None else self.segment.findText(b.get("name") or "")
            if i < 0 and (b.get("name") or current is not None):
                self.segment.addItem(b.get("name") or f"Segment {current}", current)
                i = self.segment.count() - 1
            self.segment.setCurrentIndex(i)
            self.member = _combo([("is in", True), ("is not in", False)], b.get("in", True))
            self._line(self.member, self.segment, stretch_first=False)
            self.segment.currentTextChanged.connect(emit)
            self.member.currentIndexChanged.connect(emit)
        elif k in EVENT_KINDS:
            self.name = QLineEdit(b.get("name", ""))
            self.name.setPlaceholderText({"page": "URL pattern", "screen": "screen name", "form": "form id"}.get(k, "event name"))
            self.performed = _combo([("has performed", True), ("has not performed", False)], b.get("performed", True))
            self._line(self.performed, self.name, stretch_first=False)
            self.count_op = _combo([("any number of times", None)] + [(o.replace("_", " "), o) for o in COUNT_OPS], b.get("count_op"))
            self.count = QSpinBox()
            self.count.setRange(0, 100000)
            self.count.setValue(b.get("count") or 1)
            self._line(self.count_op, self.count)
            self.within_on = QCheckBox("within the last")
            within = b.get("within") or {"amount": 30, "unit": "days"}
            self.within_on.setChecked(b.get("within") is not None)
            self.within_amount = QSpinBox()
            self.within_amount.setRange(1, 100000)
            self.within_amount.setValue(within["amount"])
            self.within_unit = _combo([(u, u) for u in UNITS], within["unit"])
            self._line(self.within_on, self.within_amount, self.within_unit)
            self.since_wait = QCheckBox("only after the person started waiting")
            self.since_wait.setChecked(bool(b.get("since_wait_start")))
            self._fields_layout.addWidget(self.since_wait)
            for w in (self.name.textChanged, self.performed.currentIndexChanged, self.count_op.currentIndexChanged,
                      self.count.valueChanged, self.within_on.toggled, self.within_amount.valueChanged,
                      self.within_unit.currentIndexChanged, self.since_wait.toggled):
                w.connect(emit)
        elif k == "message":
            self.msg_type = _combo([(t, t) for t in MESSAGE_TYPES], b.get("type", "email"))
            self.status = _combo([(s, s) for s in MESSAGE_STATUSES], b.get("status", "opened"))
            self.mode = _combo([("has ever been", "has_ever"), ("is currently", "is")], b.get("mode", "has_ever"))
            self.ref = QLineEdit(str(b.get("message_ref", "any")))
            self.ref.setToolTip("'any', a message id, or the id of a message block of this campaign")
            self._line(self.msg_type, self.mode, self.status, stretch_first=False)
            self._line(QLabel("message"), self.ref, stretch_first=False)
            for w in (self.msg_type.currentIndexChanged, self.status.currentIndexChanged, self.mode.currentIndexChanged,
                      self.ref.textChanged):
                w.connect(emit)
        elif k == "relationship":
            self.exists = _combo([("is related to", True), ("is not related to", False)], b.get("exists", True))
            self.object_type = QSpinBox()
            self.object_type.setRange(1, 10000)
            self.object_type.setPrefix("object type ")
            self.object_type.setValue(b.get("object_type_id", 1))
            self._line(self.exists, self.object_type)
            self.exists.currentIndexChanged.connect(emit)
            self.object_type.valueChanged.connect(emit)

    def _emit(self, *_args) -> None:
        """Qt's value signals carry an argument; `changed` carries none."""
        self.changed.emit()

    def _operator_changed(self, *_args) -> None:
        self.body["value"] = None
        self._build_value()
        self.changed.emit()

    def _build_value(self) -> None:
        if self.value_box.layout() is None:
            QHBoxLayout(self.value_box).setContentsMargins(0, 0, 0, 0)
        lay = self.value_box.layout()
        while lay.count():
            w = lay.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        shape = OPERATORS.get(self.operator.currentData(), "none")
        value = self.body.get("value")
        emit = self._emit
        self.value_widgets = []
        if shape in ("scalar", "number"):
            edit = QLineEdit("" if value is None else (json.dumps(value) if isinstance(value, bool) else str(value)))
            edit.setPlaceholderText("a number" if shape == "number" else "value")
            edit.textChanged.connect(emit)
            self.value_widgets = [edit]
        elif shape == "relative":
            v = value if isinstance(value, dict) else {"amount": 7, "unit": "days", "direction": "ago"}
            amount = QSpinBox()
            amount.setRange(0, 100000)
            amount.setValue(v.get("amount", 7))
            unit = _combo([(u, u) for u in UNITS], v.get("unit", "days"))
            direction = _combo([("ago", "ago"), ("from now", "from_now")], v.get("direction", "ago"))
            for w, sig in ((amount, amount.valueChanged), (unit, unit.currentIndexChanged), (direction, direction.currentIndexChanged)):
                sig.connect(emit)
            self.value_widgets = [amount, unit, direction]
        elif shape == "absolute":
            edit = _unix_edit(value)
            edit.dateTimeChanged.connect(emit)
            self.value_widgets = [edit]
        elif shape == "range":
            pair = value if isinstance(value, list) and len(value) == 2 else [None, None]
            self.value_widgets = [_unix_edit(pair[0]), _unix_edit(pair[1])]
            for w in self.value_widgets:
                w.dateTimeChanged.connect(emit)
        for w in self.value_widgets:
            lay.addWidget(w, 1)
        self.value_box.setVisible(bool(self.value_widgets))

    # -- reading
    def value(self) -> dict:
        k, b = self.kind, copy.deepcopy(self.body)
        if k in FIELD_KINDS:
            b["field"] = self.field.text().strip()
            b["operator"] = self.operator.currentData()
            shape = OPERATORS.get(b["operator"], "none")
            ws = self.value_widgets
            b.pop("value", None)
            if shape == "scalar":
                b["value"] = _scalar(ws[0].text())
            elif shape == "number":
                v = _scalar(ws[0].text())
                b["value"] = v if ws[0].text().strip() else None
            elif shape == "relative":
                b["value"] = {"amount": ws[0].value(), "unit": ws[1].currentData(), "direction": ws[2].currentData()}
            elif shape == "absolute":
                b["value"] = int(ws[0].dateTime().toSecsSinceEpoch())
            elif shape == "range":
                b["value"] = [int(ws[0].dateTime().toSecsSinceEpoch()), int(ws[1].dateTime().toSecsSinceEpoch())]
            if b.get("value") is None:
                b.pop("value", None)
        elif k == "segment":
            text = self.segment.currentText().strip()
            i = self.segment.findText(text)
            sid = self.segment.itemData(i) if i >= 0 else None
            b = {"in": self.member.currentData()}
            if isinstance(sid, int):
                b["id"] = sid
            else:
                b["name"] = text
        elif k in EVENT_KINDS:
            b["name"] = self.name.text().strip()
            b["performed"] = self.performed.currentData()
            op = self.count_op.currentData()
            b.pop("count_op", None)
            b.pop("count", None)
            if op:
                b["count_op"], b["count"] = op, self.count.value()
            b.pop("within", None)
            if self.within_on.isChecked():
                b["within"] = {"amount": self.within_amount.value(), "unit": self.within_unit.currentData()}
            b.pop("since_wait_start", None)
            if self.since_wait.isChecked():
                b["since_wait_start"] = True
        elif k == "message":
            ref = self.ref.text().strip() or "any"
            b.update(type=self.msg_type.currentData(), status=self.status.currentData(), mode=self.mode.currentData(),
                     message_ref=int(ref) if ref.isdigit() else ref)
        elif k == "relationship":
            b.update(exists=self.exists.currentData(), object_type_id=self.object_type.value())
        return {k: b}


def default_body(kind: str) -> dict:
    if kind in FIELD_KINDS:
        return {"field": "", "operator": "eq"}
    if kind == "segment":
        return {"in": True}
    if kind in EVENT_KINDS:
        return {"name": "", "performed": True}
    if kind == "message":
        return {"type": "email", "status": "opened", "message_ref": "any", "mode": "has_ever"}
    if kind == "relationship":
        return {"object_type_id": 1, "exists": True}
    return {}


class GroupWidget(QFrame):
    """`and` / `or` / `not(and)` of rows and nested groups."""

    changed = Signal()
    removeRequested = Signal(QWidget)

    def __init__(self, data: dict, editor: "ConditionEditor", nested: bool = False, parent=None):
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("conditionGroup" if nested else "conditionRoot")
        ctx = editor.ctx
        op, items = "and", []
        if "not" in data:
            inner = data["not"]
            op = "not"
            items = inner.get("and", [inner]) if isinstance(inner, dict) else []
        elif "and" in data or "or" in data:
            op = "and" if "and" in data else "or"
            items = data[op]
        else:
            items = [data]
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8 if nested else 0, 6 if nested else 0, 4 if nested else 0, 6 if nested else 0)
        lay.setSpacing(6)
        head = QHBoxLayout()
        choices = [("All of these conditions", "and")]
        if ctx.allow_or or op == "or":
            choices.append(("At least one of these", "or"))
        if ctx.allow_not or op == "not":
            choices.append(("None of these", "not"))
        self.op_box = _combo(choices, op)
        self.op_box.currentIndexChanged.connect(lambda *_: self.changed.emit())
        head.addWidget(self.op_box, 1)
        if nested:
            remove = QToolButton()
            remove.setText("✕")
            remove.setAutoRaise(True)
            remove.setToolTip("Remove this group")
            remove.clicked.connect(lambda: self.removeRequested.emit(self))
            head.addWidget(remove)
        lay.addLayout(head)
        self.rows = QVBoxLayout()
        self.rows.setSpacing(6)
        lay.addLayout(self.rows)
        buttons = QHBoxLayout()
        add = QPushButton("+ Condition")
        add.setObjectName("addCondition")
        add.clicked.connect(lambda: self.add_item(None))
        buttons.addWidget(add)
        if ctx.allow_or or ctx.allow_not:
            group = QPushButton("+ Group")
            group.clicked.connect(lambda: self.add_item({"and": []}))
            buttons.addWidget(group)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        for item in items:
            self.add_item(item, emit=False)

    def add_item(self, data: dict | None, emit: bool = True) -> QWidget:
        if data is None:
            data = {self.editor.kinds[0]: default_body(self.editor.kinds[0])}
        (kind, _), = data.items()
        if kind in ("and", "or", "not"):
            widget = GroupWidget(data, self.editor, nested=True)
        else:
            widget = LeafRow(data, self.editor.kinds, self.editor.segments, self.editor.ctx.equality_only)
        widget.changed.connect(self.changed.emit)
        widget.removeRequested.connect(self.remove_item)
        self.rows.addWidget(widget)
        if emit:
            self.changed.emit()
        return widget

    def remove_item(self, widget: QWidget) -> None:
        self.rows.removeWidget(widget)
        widget.setParent(None)
        widget.deleteLater()
        self.changed.emit()

    def items(self) -> list[QWidget]:
        return [self.rows.itemAt(i).widget() for i in range(self.rows.count())]

    def value(self) -> dict:
        op = self.op_box.currentData()
        children = [w.value() for w in self.items()]
        if op == "not":
            return {"not": {"and": children}}
        return {op: children}


class ConditionEditor(QWidget):
    """The editor for one tree in one context (`"branch"`, `"trigger.segment"`, `"goal"` …)."""

    changed = Signal()

    def __init__(self, context: str, segments: list[tuple[int, str]] = (), parent=None, *, empty_is_none: bool = True):
        super().__init__(parent)
        self.ctx = CONTEXTS[context]
        self.context = context
        self.kinds = [k for k in KIND_LABELS if k in self.ctx.kinds]
        self.segments = list(segments)
        self.empty_is_none = empty_is_none
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.root: GroupWidget | None = None
        self.set_value(None)

    def set_value(self, data: dict | None) -> None:
        if self.root is not None:
            self._layout.removeWidget(self.root)
            self.root.setParent(None)
            self.root.deleteLater()
        # a lone leaf (`{"attribute": …}`) stays a lone leaf on the way out, as long as it is alone
        self._lone_leaf = bool(data) and next(iter(data)) not in ("and", "or", "not")
        self.root = GroupWidget(data or {"and": []}, self)
        self.root.changed.connect(self.changed.emit)
        self._layout.addWidget(self.root)

    def value(self) -> dict | None:
        """Canonical JSON; a lone leaf stays a lone leaf when it was given so, an empty tree is None."""
        data = self.root.value()
        op = next(iter(data))
        if op == "and" and not data["and"] and self.empty_is_none:
            return None
        if self._lone_leaf and op == "and" and len(data["and"]) == 1 and next(iter(data["and"][0])) not in ("and", "or", "not"):
            return data["and"][0]
        return data
