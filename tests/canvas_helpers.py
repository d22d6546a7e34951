"""Helpers for the canvas tests: a workspace holding every email and segment the samples and
recipes name, `drop()` — a palette drag that goes through the view's real drop code path — and
a user filling in generated settings forms (`fill_form`, below).

A user filling in generated settings forms: real clicks and keystrokes on every field, with the value each
gesture is meant to produce (so a test can compare what was saved with what was typed).

`fill_form(form, scroll, data)` walks a `RecordForm`'s editors — the same field definitions the form was
generated from — and for each one acts as a person would: selects the text of a line edit and types, types
a number into a spin box, clicks a checkbox's box, steps a dropdown with the arrow keys, clicks day toggles,
clicks "+ Add …" and fills the new row, clicks "+ Condition" and fills the condition row. It returns the
settings JSON it expects to be saved.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QPushButton

import widgets.node_canvas  # noqa: F401  (applies the PySide6 None-refcount fix first)
from app.campaigns.document import CampaignDocument
from app.campaigns.palette import block_mime
from engine.journeys import campaign_to_parts, load_campaign
from app.campaigns.forms import (
    BoolEditor, ChoiceEditor, ConditionField, DaysEditor, DurationEditor, EmailPicker, JsonEditor, ListEditor,
    NumberEditor, RecordForm, SubRecordEditor, TextEditor,
)
from engine.store import Workspace
from widgets.condition_editor.editor import EVENT_KINDS, FIELD_KINDS, LeafRow

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "resources" / "sample" / "campaigns").glob("*.campaign.json"))
EMAILS = ["Welcome", "Newsletter", "Abandoned cart", "Tips", "Confirm your subscription", "7 days left", "1 day left",
          "Trial ended", "Happy anniversary", "Why set up your profile", "Level up"]
SEGMENTS = ["Signed up", "Has cart", "Needs opt-in", "Clicked opt-in", "Trial ending", "Free plan", "Trial users",
            "Incomplete profile"]


def make_workspace(path: Path) -> Workspace:
    ws = Workspace.open(path / "canvas.db")
    for name in EMAILS:  # sendable: From and Subject set (a blank To is {{customer.email}})
        info = ws.files.create_email(name, source="<x-base><x-paragraph>Hi</x-paragraph></x-base>")
        ws.files.update_email(info.id, subject=name, envelope={"from": "Lumen <hello@lumen.example>"})
    for name in SEGMENTS:
        ws.people.add_segment(name, {"and": [{"attribute": {"field": "created_at", "operator": "is_timestamp"}}]})
    return ws


def store(ws: Workspace, campaign) -> int:
    name, settings, workflow = campaign_to_parts(campaign)
    return ws.campaigns.create(name, settings=settings, workflow=workflow).id


def open_doc(qtbot, ws: Workspace, campaign_id: int) -> CampaignDocument:
    doc = CampaignDocument(ws, campaign_id)
    qtbot.addWidget(doc)
    doc.resize(1440, 900)
    doc.show()
    qtbot.waitExposed(doc)
    from PySide6.QtWidgets import QApplication

    doc.windowHandle().requestActivate()  # shortcuts (B, Del, Shift+N …) need the active window
    QApplication.setActiveWindow(doc)  # offscreen: activation requests are not always honoured
    qtbot.waitUntil(lambda: doc.isActiveWindow(), timeout=2000)
    return doc


def indicator_pos(doc: CampaignDocument, key) -> QPointF:
    """Where the "+" for `key` is: persistent path ends, or the drop point of an edge."""
    kind, (source, path) = key
    if kind == "end":
        doc.canvas.refresh_indicators()
        return doc.scene.indicators[key].pos()
    return doc.scene.edges[(source, path)].drop_point()


def drop(doc: CampaignDocument, type_id: str, source: str, path=None, on_edge: bool | None = None) -> str:
    """Drag `type_id` from the palette onto (source, path): the view's drop path, as a mouse drop would."""
    wf = doc.campaign.workflow
    edge = wf.edge_on(source, path)
    key = ("edge" if edge is not None else "end", (source, path))
    before = set(wf.blocks)
    doc.view.drop_mime(block_mime(type_id), indicator_pos(doc, key))
    added = set(wf.blocks) - before
    assert len(added) == 1, f"dropping {type_id} on {key} added {added} ({getattr(doc, 'last_refusal', '')})"
    return added.pop()


def doc_json(doc: CampaignDocument) -> str:
    return json.dumps(doc.campaign.to_json(), sort_keys=True)


def load_sample(path: Path):
    return load_campaign(path)


# ---- a user filling in settings forms ------------------------------------------------------------------

CTRL = Qt.KeyboardModifier.ControlModifier


def show(scroll, widget) -> None:
    if scroll is not None:
        scroll.ensureWidgetVisible(widget, 10, 10)
    QApplication.processEvents()


def click(widget, scroll=None, pos: QPoint | None = None) -> None:
    show(scroll, widget)
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pos if pos is not None else widget.rect().center())


def click_checkbox(box, scroll=None) -> None:
    """On the box itself (a wide checkbox's centre can lie outside its clickable text)."""
    click(box, scroll, QPoint(8, box.height() // 2))


def type_text(edit, text: str, scroll=None) -> None:
    """Click into the field, select what is there and type over it (Ctrl+A, then the keys)."""
    click(edit, scroll)
    QTest.keyClick(edit, Qt.Key.Key_A, CTRL)
    if text:
        for i, line in enumerate(text.split("\n")):  # QTest types no "\n": press Return between lines
            if i:
                QTest.keyClick(edit, Qt.Key.Key_Return)
            QTest.keyClicks(edit, line)
    else:
        QTest.keyClick(edit, Qt.Key.Key_Delete)


def type_number(spin, value: int, scroll=None) -> None:
    click(spin, scroll)
    QTest.keyClick(spin, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(spin, str(value))


def choose(box, index: int, scroll=None) -> None:
    """Step a dropdown to `index` with the keyboard (Home, then Down), as a user does on a focused combo."""
    show(scroll, box)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(index):
        QTest.keyClick(box, Qt.Key.Key_Down)
    assert box.currentIndex() == index, (box.currentIndex(), index)


def other_index(box) -> int:
    return (box.currentIndex() + 1) % box.count() if box.count() > 1 else 0


def fill_condition(field: ConditionField, scroll) -> dict:
    """Click "+ Condition" and fill the row it adds; returns the tree expected."""
    editor = field.editor
    old = field.value()
    button = next(b for b in editor.root.findChildren(QPushButton) if b.objectName() == "addCondition")
    before = set(editor.root.findChildren(LeafRow))
    click(button, scroll)
    row = (set(editor.root.findChildren(LeafRow)) - before).pop()
    kind = row.kind
    if kind in FIELD_KINDS:
        type_text(row.field, "plan", scroll)
        body = {"field": "plan", "operator": "eq"}
        if row.value_widgets and isinstance(row.value_widgets[0], QLineEdit):
            type_text(row.value_widgets[0], "pro", scroll)
            body["value"] = "pro"
    elif kind == "segment":
        show(scroll, row.segment)
        row.segment.setFocus()
        QTest.keyClick(row.segment, Qt.Key.Key_Down)  # an empty segment chooser: Down picks the first
        assert row.segment.currentIndex() == 0
        body = {"in": True, "id": row.segment.itemData(0)}
    elif kind in EVENT_KINDS:
        type_text(row.name, "signed_up", scroll)
        body = {"name": "signed_up", "performed": True}
    elif kind == "message":
        type_text(row.ref, "any", scroll)
        body = {"type": "email", "status": "opened", "message_ref": "any", "mode": "has_ever"}
    else:
        body = row.value()[kind]
    leaf = {kind: body}
    items = [] if not old else (old["and"] if "and" in old else [old])
    return {"and": [*items, leaf]}


def fill_editor(editor, scroll, key: str, current, owner_data: dict):
    """Act on one field editor; returns the JSON value expected for it."""
    if isinstance(editor, EmailPicker):
        index = 1 if editor.box.currentIndex() != 1 else 2
        choose(editor.box, index, scroll)
        return editor.box.itemData(index)
    if isinstance(editor, ChoiceEditor):
        box = editor.box
        if box.isEditable():
            target = box.itemText(other_index(box))
            type_text(box.lineEdit(), target, scroll)
            QTest.keyClick(box.lineEdit(), Qt.Key.Key_Return)
            return box.itemData(box.findText(target))
        index = other_index(box)
        choose(box, index, scroll)
        return box.itemData(index)
    if isinstance(editor, NumberEditor):
        spin = editor.spin
        value = 40 if spin.maximum() <= 100 else (current or 0) + 3
        type_number(spin, value, scroll)
        return value
    if isinstance(editor, BoolEditor):
        click_checkbox(editor.box, scroll)
        return not bool(current)
    if isinstance(editor, DurationEditor):
        if editor.on is not None and not editor.on.isChecked():
            click_checkbox(editor.on, scroll)
        type_number(editor.amount, 3, scroll)
        index = other_index(editor.unit)
        choose(editor.unit, index, scroll)
        return {"amount": 3, "unit": editor.unit.itemData(index)}
    if isinstance(editor, DaysEditor):
        click(editor.buttons["sat"], scroll)
        days = set(current or [])
        days ^= {"sat"}
        from engine.journeys.blocks_delays import DAYS

        return [d for d in DAYS if d in days]
    if isinstance(editor, JsonEditor):
        type_text(editor.edit, '{"edited": true}', scroll)
        return {"edited": True}
    if isinstance(editor, TextEditor):
        if isinstance(editor.edit, QPlainTextEdit):
            text = f"Edited {key}\nsecond line"
        elif "comma" in editor.edit.placeholderText():
            type_text(editor.edit, "alpha, beta", scroll)
            return ["alpha", "beta"]
        else:
            text = {"start": "08:30", "end": "18:45", "time": "07:15"}.get(key, f"edited-{key}")
        type_text(editor.edit, text, scroll)
        return text
    if isinstance(editor, ConditionField):
        return fill_condition(editor, scroll)
    if isinstance(editor, SubRecordEditor):
        if editor.on is not None and not editor.on.isChecked():
            click_checkbox(editor.on, scroll)
        base = copy.deepcopy(editor.form.data)
        return fill_form(editor.form, scroll, base)
    if isinstance(editor, ListEditor):
        add = next(b for b in editor.findChildren(QPushButton) if b.objectName() == "addListItem")
        click(add, scroll)
        items = [r.value() for r in editor.rows[:-1]]
        row = editor.rows[-1]
        items.append(fill_form(row, scroll, copy.deepcopy(row.data)))
        return items
    raise AssertionError(f"no user gesture for {type(editor).__name__} ({key})")


def fill_form(form: RecordForm, scroll, data: dict) -> dict:
    """Edit every field of `form`; returns `data` updated with the values expected to be saved."""
    expected = dict(data)
    for key, editor in list(form.editors.items()):
        if not form.form.isRowVisible(editor):  # a setting the chosen mode ignores (a frequency's interval)
            continue
        if isinstance(editor, EmailPicker):
            value = fill_editor(editor, scroll, key, data.get(key), data)
            expected.update({"email_id": value, "email": None})
            continue
        expected[key] = fill_editor(editor, scroll, key, editor.value(), data)
    hidden = [key for key, editor in form.editors.items() if not form.form.isRowVisible(editor)]
    return {k: v for k, v in expected.items() if v is not None and k not in hidden}
