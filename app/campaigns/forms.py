"""Block settings forms, generated from each settings class's fields and codecs.

One generator instead of 22 hand-written forms: every settings class is a
`Record` whose fields declare a JSON codec, which says which widget fits
(text, number, switch, duration, list of sub-records, condition tree, free
JSON). Closed lists of values are declared on the engine's field definitions
(`setting(..., choices=...)`), never guessed here from a field name; only the
widgets with no engine meaning go by name (`days` → seven toggles, `email_id`
→ the workspace's emails).

The form edits JSON and reports `changed(dict, key)` with the canonical
settings JSON (read back through the settings class, so a no-op edit gives
equal JSON) and a *merge key*.

Undo granularity — decision: every keystroke applies at once (the canvas and
the problems list follow the typing), and consecutive edits of the SAME field
by typing (a line edit, a number, free JSON) carry that field's path as merge
key, so the undo command merges them: a typing burst is one undo step. A click
(checkbox, dropdown, day toggle, add/remove row, condition structure) carries
an empty key and is always its own step. Committing on editingFinished was
rejected: the canvas summary and "Save" would lag behind what is typed.

Every Qt signal with arguments is adapted to `changed` through a lambda that
drops them: a zero-argument `Signal.emit` connected straight to `textChanged`
raised "changed() only accepts 0 argument(s)" and lost every edit.

Email thumbnails — decision: a compiled-preview image per email is too slow
for a list (a WebEngine render is ~36 ms each, plus start-up), so the picker
shows a *card*: the email's name, subject and preheader from the workspace
store, which is what a marketer checks when linking a message.
"""
from __future__ import annotations

import copy
import dataclasses
import json

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
    QToolButton, QVBoxLayout, QWidget,
)

from engine.journeys.blocks_delays import DAYS
from engine.journeys.conditions import _ConditionCodec
from engine.journeys.errors import FormatError
from engine.journeys.records import (
    _Any, BOOL, INT, NUM, STR, ListOf, Nested, OneOf, Optional, Record, field_applies, field_choices, field_default,
)
from engine.journeys.values import UNITS, Duration
from widgets.condition_editor import ConditionEditor

LABELS = {
    "email_id": "Email", "subject_override": "Subject override", "action_conditions": "Action conditions",
    "ab_test": "A/B test", "percent_b": "Variant B %", "variant_b": "Variant B changes (JSON)",
    "max_time": "Max time", "event_time": "Event time path", "url": "URL", "cohort_by": "Cohort by",
    "wait_before_continuing": "Wait for the response", "track_conversions": "Track conversions",
    "fallback_timezone": "Fallback time zone", "object_type_id": "Object type", "in_app": "In-app",
}
MULTILINE = {"body", "text"}
CONTEXT_OF = {"conditions": "branch", "action_conditions": "action", "matcher": "batch"}
HIDDEN = {"email"}  # the portable name is shown by the email picker
FIRST = {"email_id"}  # what the block sends comes before how it is sent


def label_for(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


class Editor(QWidget):
    """A field editor: `value()` gives JSON; `changed(key)` fires on user edits.

    `key` is "" for a click (never merged) or a non-empty merge key for typing.
    """

    changed = Signal(str)
    optional = False

    def typed(self, *_args) -> None:
        """A typing edit: merges with the previous typing edit of this field."""
        self.changed.emit("*")

    def clicked(self, *_args) -> None:
        """A discrete edit: its own undo step."""
        self.changed.emit("")

    def value(self):
        raise NotImplementedError


class TextEditor(Editor):
    def __init__(self, value: str, multiline: bool = False, placeholder: str = ""):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        if multiline:
            self.edit = QPlainTextEdit(value or "")
            self.edit.setMinimumHeight(70)
            self.edit.setMaximumHeight(140)
            self.edit.textChanged.connect(self.typed)
        else:
            self.edit = QLineEdit(value or "")
            self.edit.setPlaceholderText(placeholder)
            self.edit.textChanged.connect(self.typed)
        lay.addWidget(self.edit)

    def value(self):
        return self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()


class ChoiceEditor(Editor):
    def __init__(self, value, choices, editable: bool = False):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = QComboBox()
        self.box.setEditable(editable)
        for data, text in choices:
            self.box.addItem(text, data)
        i = next((n for n in range(self.box.count()) if self.box.itemData(n) == value and type(self.box.itemData(n)) is type(value)), -1)
        if i < 0:
            self.box.addItem(str(value), value)
            i = self.box.count() - 1
        self.box.setCurrentIndex(i)
        if editable:
            self.box.currentTextChanged.connect(self.typed)
        else:
            self.box.currentIndexChanged.connect(self.clicked)
        lay.addWidget(self.box)

    def value(self):
        if self.box.isEditable():
            text = self.box.currentText()
            i = self.box.findText(text)
            return self.box.itemData(i) if i >= 0 else text
        return self.box.currentData()


class NumberEditor(Editor):
    def __init__(self, value, minimum=-1_000_000, maximum=1_000_000, suffix=""):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.spin = QSpinBox()
        self.spin.setRange(minimum, maximum)
        self.spin.setSuffix(suffix)
        self.spin.setValue(int(value or 0))
        self.spin.valueChanged.connect(self.typed)
        lay.addWidget(self.spin)

    def value(self):
        return self.spin.value()


class BoolEditor(Editor):
    def __init__(self, value: bool, text: str):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(text)
        self.box.setChecked(bool(value))
        self.box.toggled.connect(self.clicked)
        lay.addWidget(self.box)

    def value(self):
        return self.box.isChecked()


class JsonEditor(Editor):
    """Free JSON (payloads, variables). Invalid text keeps the last valid value and says where it breaks."""

    def __init__(self, value):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(json.dumps(value, indent=2, ensure_ascii=False))
        self.edit.setMaximumHeight(110)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d64545;")
        self.error.hide()
        self._value = value
        self.edit.textChanged.connect(self._parse)
        lay.addWidget(self.edit)
        lay.addWidget(self.error)

    def _parse(self) -> None:
        try:
            self._value = json.loads(self.edit.toPlainText() or "{}")
            self.error.hide()
            self.typed()
        except json.JSONDecodeError as exc:
            self.error.setText(f"Invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
            self.error.show()

    def value(self):
        return self._value


class DurationEditor(Editor):
    def __init__(self, value: dict | None, optional: bool, text: str = "Set"):
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        given = value is not None
        value = value or {"amount": 1, "unit": "days"}
        self.on = QCheckBox(text) if optional else None
        if self.on is not None:
            self.on.setChecked(given)
            self.on.toggled.connect(self.clicked)
            lay.addWidget(self.on)
        self.amount = QSpinBox()
        self.amount.setRange(0, 100000)
        self.amount.setValue(value["amount"])
        self.unit = QComboBox()
        for u in UNITS:
            self.unit.addItem(u, u)
        self.unit.setCurrentIndex(max(0, self.unit.findData(value["unit"])))
        self.amount.valueChanged.connect(self.typed)
        self.unit.currentIndexChanged.connect(self.clicked)
        lay.addWidget(self.amount, 1)
        lay.addWidget(self.unit, 1)

    def value(self):
        if self.on is not None and not self.on.isChecked():
            return None
        return {"amount": self.amount.value(), "unit": self.unit.currentData()}


class DaysEditor(Editor):
    def __init__(self, value: list[str]):
        super().__init__()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.buttons = {}
        for day in DAYS:
            b = QToolButton()
            b.setText(day[:2].capitalize())
            b.setCheckable(True)
            b.setChecked(day in value)
            b.setObjectName("dayToggle")
            b.toggled.connect(self.clicked)
            self.buttons[day] = b
            lay.addWidget(b)
        lay.addStretch(1)

    def value(self):
        return [d for d in DAYS if self.buttons[d].isChecked()]


class ConditionField(Editor):
    def __init__(self, value, context: str, segments, optional: bool):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.optional = optional
        self.editor = ConditionEditor(context, segments, empty_is_none=optional)
        self.editor.set_value(value)
        self.editor.changed.connect(self.typed)  # a condition tree is one field: a burst of edits is one step
        lay.addWidget(self.editor)

    def value(self):
        v = self.editor.value()
        return v if v is not None or self.optional else {"and": []}


class EmailPicker(Editor):
    """The workspace's emails, with a card (name, subject, preheader) for the chosen one."""

    def __init__(self, email_id, email_name, emails: list[dict]):
        super().__init__()
        self.emails = {e["id"]: e for e in emails}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.box = QComboBox()
        self.box.setObjectName("emailPicker")
        self.box.addItem("Choose an email…", None)
        for e in emails:
            self.box.addItem(e["name"], e["id"])
        self.portable = email_name
        if email_id is not None:
            i = self.box.findData(email_id)
            if i < 0:
                self.box.addItem(f"Email #{email_id} (missing)", email_id)
                i = self.box.count() - 1
            self.box.setCurrentIndex(i)
        elif email_name:
            match = next((e for e in emails if e["name"] == email_name), None)
            if match is None:
                self.box.addItem(f"{email_name} (by name)", ("name", email_name))
            self.box.setCurrentIndex(self.box.findData(match["id"]) if match else self.box.count() - 1)
        self.card = QLabel()
        self.card.setObjectName("emailCard")
        self.card.setWordWrap(True)
        self.card.setStyleSheet("QLabel#emailCard { border: 1px solid palette(mid); border-radius: 8px; padding: 8px;"
                                " background: palette(base); }")
        self.box.currentIndexChanged.connect(self._changed)
        lay.addWidget(self.box)
        lay.addWidget(self.card)
        self._update_card()

    def _changed(self, *_args) -> None:
        self._touched = True
        self._update_card()
        self.changed.emit("")

    _touched = False

    def _update_card(self) -> None:
        data = self.box.currentData()
        e = self.emails.get(data) if isinstance(data, int) else None
        if e is None:
            self.card.setText("<i>Linked by name — import into this workspace to preview</i>" if isinstance(data, tuple)
                              else "<i>No email linked yet</i>")
            return
        subject = e.get("subject") or "<i>no subject</i>"
        pre = e.get("preheader") or ""
        self.card.setText(f"<b>{e['name']}</b><br>Subject: {subject}" + (f"<br><span style='color:gray'>{pre}</span>" if pre else ""))

    def values(self) -> dict:
        data = self.box.currentData()
        if isinstance(data, int) and self.portable and not self._touched:
            return {"email_id": None, "email": self.portable}  # a file's portable reference stays as written
        if isinstance(data, int):
            return {"email_id": data, "email": None}
        if isinstance(data, tuple):
            return {"email_id": None, "email": data[1]}
        return {"email_id": None, "email": None}

    def value(self):
        return self.values()


class ListEditor(Editor):
    """A list of sub-records (headers, attributes, paths, time ranges …), each a small form."""

    def __init__(self, items: list, cls, owner, field_name: str):
        super().__init__()
        self.cls, self.owner, self.field_name = cls, owner, field_name
        self.lay = QVBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(6)
        self.rows: list[RecordForm] = []
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(6)
        self.lay.addLayout(self.list_box)
        add = QPushButton(f"+ Add {label_for(field_name).lower().rstrip('s')}")
        add.setObjectName("addListItem")
        add.clicked.connect(self.add_row)
        self.lay.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        for item in items:
            self._append(item)

    def _append(self, data: dict) -> None:
        frame = QFrame()
        frame.setObjectName("listItem")
        frame.setStyleSheet("QFrame#listItem { border: 1px solid palette(mid); border-radius: 6px; }")
        fl = QHBoxLayout(frame)
        fl.setContentsMargins(6, 6, 4, 6)
        form = RecordForm(self.cls, data, self.owner)
        form.changed.connect(lambda key, f=form: self.changed.emit(f"[{self.rows.index(f)}].{key}" if key else ""))
        fl.addWidget(form, 1)
        remove = QToolButton()
        remove.setText("✕")
        remove.setAutoRaise(True)
        remove.setToolTip("Remove")
        remove.clicked.connect(lambda: self._remove(frame, form))
        fl.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        self.rows.append(form)
        self.list_box.addWidget(frame)

    def _remove(self, frame, form) -> None:
        self.rows.remove(form)
        frame.setParent(None)
        frame.deleteLater()
        self.changed.emit("")

    def add_row(self) -> None:
        self._append(new_item(self.cls, self.field_name, len(self.rows), self.owner))
        self.changed.emit("")

    def value(self):
        return [r.value() for r in self.rows]


def new_item(cls, field_name: str, index: int, owner) -> dict:
    """A fresh list entry with sensible required values (a unique path id, a 50% cohort …)."""
    names = {f.name for f in dataclasses.fields(cls)}
    item: dict = {}
    if "id" in names:
        item["id"] = f"path-{index + 1}"
    if "label" in names:
        item["label"] = f"Path {index + 1}"
    if "percent" in names:
        item["percent"] = 0
    if "name" in names:
        item["name"] = ""
    if "pattern" in names:
        item["pattern"] = "*"
    if "start" in names:
        item.update(start="09:00", end="17:00")
    if "source" in names and "target" in names:
        item.update(source="", target="")
    return item


class RecordForm(QWidget):
    """A form for one Record dataclass: a row per field with the widget its codec calls for.

    `changed(key)`: the field path of a typing edit (`paths[0].percent`), or "" for a click.
    """

    changed = Signal(str)

    def __init__(self, cls, data: dict, owner, parent=None, exclude: tuple[str, ...] = ()):
        super().__init__(parent)
        self.cls, self.owner = cls, owner
        self.data = copy.deepcopy(data)
        self.editors: dict[str, Editor] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form = form
        for f in sorted(dataclasses.fields(cls), key=lambda f: f.name not in FIRST):  # stable: otherwise field order
            if "codec" not in f.metadata or f.name in HIDDEN or f.name in exclude:
                continue
            key = f.metadata["key"] or f.name
            default = field_default(f)
            value = self.data.get(key, _json_default(f.metadata["codec"], default))
            editor = self._editor(f, value)
            if editor is None:
                continue
            editor.setObjectName(f"field_{key}")
            editor.changed.connect(lambda sub, key=key: self.changed.emit(_merge_key(key, sub)))
            self.editors[key] = editor
            if isinstance(editor, (BoolEditor, ConditionField, ListEditor)) and not isinstance(editor, BoolEditor):
                title = QLabel(label_for(f.name))
                title.setObjectName("fieldHeading")
                form.addRow(title)
                form.addRow(editor)
            elif isinstance(editor, BoolEditor):
                form.addRow(editor)
            else:
                form.addRow(label_for(f.name), editor)
        self._conditional = [f for f in dataclasses.fields(cls)
                             if f.metadata.get("applies_when") and (f.metadata["key"] or f.name) in self.editors]
        self._controllers = sorted({f.metadata["applies_when"][0] for f in self._conditional} & set(self.editors))
        for controller in self._controllers:
            self.editors[controller].changed.connect(lambda *_: self._show_applicable())
        self._show_applicable()

    def _show_applicable(self) -> None:
        """Only the rows the current values give a meaning to (a frequency's interval for its mode)."""
        current = self._current()
        for f in self._conditional:
            self.form.setRowVisible(self.editors[f.metadata["key"] or f.name], field_applies(f, current))

    def _current(self) -> dict:
        return {key: self.editors[key].value() for key in self._controllers}

    def _editor(self, f: dataclasses.Field, value) -> Editor | None:
        owner, name, codec = self.owner, f.name, f.metadata["codec"]
        optional = isinstance(codec, Optional)
        inner = codec.inner if optional else codec
        custom = getattr(owner, "choices_for", lambda cls, name: None)(self.cls, name)
        if custom is not None:  # choices that depend on other settings (the trigger type's frequencies)
            return ChoiceEditor(value, custom)
        choices = field_choices(f)
        if choices and not isinstance(inner, Nested):
            return ChoiceEditor(value, choices, editable=f.metadata.get("open_choices", False))
        if name == "email_id":
            return EmailPicker(value, self.data.get("email"), owner.emails)
        if name == "days":
            return DaysEditor(value or [])
        if isinstance(inner, _ConditionCodec):
            context = owner.condition_context(self.cls, name)
            return ConditionField(value, context, owner.segments, optional)
        if isinstance(inner, Nested) and inner.cls is Duration:
            return DurationEditor(value, optional, "Limit to" if name == "max_time" else "Set")
        if isinstance(inner, Nested):
            return SubRecordEditor(value, inner.cls, owner, optional, label_for(name))
        if isinstance(inner, ListOf) and isinstance(inner.inner, Nested):
            return ListEditor(value or [], inner.inner.cls, owner, name)
        if isinstance(inner, ListOf):
            return TextEditor(", ".join(value or []), placeholder="comma-separated")
        if inner is BOOL:
            return BoolEditor(value, label_for(name))
        if inner in (INT, NUM):
            if name == "percent" or name == "percent_b":
                return NumberEditor(value, 0, 100, " %")
            editor = NumberEditor(value if value is not None else 0, 0 if name != "priority" else -100)
            if optional:  # 0 stands for "not chosen"
                editor.spin.setSpecialValueText("Not set")
                editor.optional = True
            return editor
        if inner is STR:
            editor = TextEditor(value or "", name in MULTILINE)
            editor.optional = optional
            return editor
        if isinstance(inner, (_Any,)):
            return JsonEditor(value)
        if isinstance(inner, OneOf):
            return TextEditor(str(value))
        return None

    def value(self) -> dict:
        out = dict(self.data)
        for key, editor in self.editors.items():
            if isinstance(editor, EmailPicker):
                out.update(editor.values())
                continue
            v = editor.value()
            if editor.optional and v in ("", 0):
                v = None
            f = next((f for f in dataclasses.fields(self.cls) if (f.metadata.get("key") or f.name) == key), None)
            if isinstance(editor, TextEditor) and f is not None and isinstance(f.metadata["codec"], ListOf):
                v = [x.strip() for x in v.split(",") if x.strip()]
            out[key] = v
        for f in self._conditional:  # a setting the chosen mode ignores is not saved
            if not field_applies(f, out):
                out.pop(f.metadata["key"] or f.name, None)
        return {k: v for k, v in out.items() if v is not None or k in ("value",)}


class SubRecordEditor(Editor):
    def __init__(self, value, cls, owner, optional: bool, title: str):
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        wording = title if title[1:2].isupper() or title[1:2] == "/" else title[:1].lower() + title[1:]  # "A/B test" stays
        self.on = QCheckBox(f"Use {wording}") if optional else None
        start = value if value is not None else _record_defaults(cls)
        self.form = RecordForm(cls, start, owner)
        self.form.changed.connect(lambda key: self.changed.emit(key))
        if self.on is not None:
            self.on.setChecked(value is not None)
            self.on.toggled.connect(self._toggle)
            lay.addWidget(self.on)
            self.form.setVisible(value is not None)
        lay.addWidget(self.form)

    def _toggle(self, on: bool) -> None:
        self.form.setVisible(on)
        self.changed.emit("")

    def value(self):
        if self.on is not None and not self.on.isChecked():
            return None
        return self.form.value()


def _merge_key(key: str, sub: str) -> str:
    """`amount` + "*" → `amount`; `paths` + `[0].percent` → `paths[0].percent`; a click stays ""."""
    if not sub:
        return ""
    if sub == "*":
        return key
    return key + sub if sub.startswith("[") else f"{key}.{sub}"


def _record_defaults(cls) -> dict:
    out = {}
    for f in dataclasses.fields(cls):
        if "codec" in f.metadata:
            d = field_default(f)
            if d is dataclasses.MISSING:
                d = "" if f.metadata["codec"] is STR else 0
            out[f.metadata["key"] or f.name] = d.to_json() if isinstance(d, Record) else d
    return out


def _json_default(codec, default):
    if default is dataclasses.MISSING:
        return None
    if isinstance(default, Record):
        return default.to_json()
    if isinstance(default, list):
        return [d.to_json() if isinstance(d, Record) else d for d in default]
    if hasattr(default, "to_json"):
        return default.to_json()
    return default


class BlockForm(QWidget):
    """The settings form of one block: name, then its type's fields.

    `changed(dict, key)` carries canonical JSON and the merge key (see the module docstring).
    """

    changed = Signal(dict, str)
    renamed = Signal(str)

    CONTEXTS = {"WaitUntilSettings": "wait", "MultiSplitSettings": "split", "ConditionPath": "wait"}

    def __init__(self, block, emails: list[dict], segments: list[tuple[int, str]], parent=None):
        super().__init__(parent)
        self.block_id = block.id
        self.kind = block.kind
        self.emails, self.segments = emails, segments
        self._block_type = block.type
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(10)
        self.name = QLineEdit(block.name)
        self.name.setObjectName("blockName")
        self.name.setPlaceholderText(block.kind.label)
        self.name.editingFinished.connect(lambda: self.renamed.emit(self.name.text()))
        names = QFormLayout()
        names.addRow("Name", self.name)
        lay.addLayout(names)
        self.missing = QLabel()
        self.missing.setObjectName("missingNote")
        self.missing.setWordWrap(True)
        self.missing.setStyleSheet("QLabel#missingNote { color: #b86a1c; background: rgba(217,130,43,0.12);"
                                   " border-radius: 6px; padding: 6px 8px; }")
        self.form = RecordForm(block.kind.settings, block.settings.to_json(), self)
        self.form.changed.connect(self._changed)
        lay.addWidget(self.form)
        lay.addWidget(self.missing)  # below the fields: when it goes, the field being edited does not move
        lay.addStretch(1)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d64545;")
        self.error.setWordWrap(True)
        self.error.hide()
        lay.addWidget(self.error)
        self.show_missing(block)

    def condition_context(self, cls, name: str) -> str:
        if cls.__name__ == "ConditionPath":
            return "split" if self._block_type == "multi_split" else "wait"
        return CONTEXT_OF.get(name, "action")

    def show_missing(self, block) -> None:
        missing = block.missing()
        self.missing.setText("You still have work to do: " + "; ".join(missing) if missing else "")
        self.missing.setVisible(bool(missing))

    def settings_json(self) -> dict:
        data = self.form.value()
        return self.kind.settings.from_json(_drop_nones(data), "settings").to_json()

    def _changed(self, key: str = "") -> None:
        try:
            data = self.settings_json()
        except FormatError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.changed.emit(data, key)


def _drop_nones(data):
    if isinstance(data, dict):
        return {k: _drop_nones(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_drop_nones(v) for v in data]
    return data
