"""Block and campaign settings edited as a user does — keystrokes and clicks on every field — then saved with
the toolbar's Save button, reopened from the store and compared with what was typed.

The fields come from the block registry and the settings classes (the same definitions the forms are
generated from), so a new block type or field is covered without touching this file.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from canvas_helpers import drop, make_workspace, open_doc  # noqa: E402
from canvas_helpers import CTRL, click, fill_form, type_number, type_text  # noqa: E402
from engine.journeys import REGISTRY, TRIGGER, campaign_from_parts  # noqa: E402
from engine.journeys.settings import TRIGGERS, CampaignSettings  # noqa: E402


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path)


def save_with_button(doc) -> None:
    click(doc.toolbar.widgetForAction(doc.save_action))
    assert not doc.modified, doc.last_refusal


def reopened(ws, cid):
    row = ws.campaigns.get(cid)
    return campaign_from_parts(row.name, row.settings, row.workflow)


def canonical(cls, data: dict) -> dict:
    from app.campaigns.forms import _drop_nones

    return cls.from_json(_drop_nones(data), "settings").to_json()


@pytest.mark.parametrize("type_id", list(REGISTRY))
def test_every_field_of_every_block_type_typed_saved_and_reopened(qtbot, ws, type_id):
    cid = ws.campaigns.create(f"Edit {type_id}").id
    doc = open_doc(qtbot, ws, cid)
    block_id = drop(doc, type_id, TRIGGER)
    doc.scene.select_only([block_id])
    form = doc.block_form
    assert form is not None and form.block_id == block_id
    start = doc.campaign.workflow.block(block_id).settings.to_json()
    expected = fill_form(form.form, doc.block_scroll, start)
    type_text(form.name, f"My {type_id}", doc.block_scroll)
    QTest.keyClick(form.name, Qt.Key.Key_Return)
    assert doc.block_form is form, "the form was rebuilt under the user's hands"
    assert not form.error.isVisible(), form.error.text()
    save_with_button(doc)
    block = reopened(ws, cid).workflow.block(block_id)
    assert block.name == f"My {type_id}"
    kind = REGISTRY[type_id]
    assert block.settings.to_json() == canonical(kind.settings, expected)
    assert block.settings.to_json() != start or not form.form.editors  # something really changed
    again = open_doc(qtbot, ws, cid)  # a second tab shows what was saved
    assert again.campaign.workflow.block(block_id).settings.to_json() == block.settings.to_json()


@pytest.mark.parametrize("trigger_type", list(TRIGGERS))
def test_every_campaign_setting_typed_saved_and_reopened(qtbot, ws, trigger_type):
    cid = ws.campaigns.create(f"Settings {trigger_type}").id
    doc = open_doc(qtbot, ws, cid)
    doc.side.setCurrentIndex(1)
    panel = doc.settings_panel
    scroll = doc.side.widget(1)
    box = panel.trigger_type
    index = box.findData(trigger_type)
    if box.currentIndex() != index:
        box.setFocus()
        QTest.keyClick(box, Qt.Key.Key_Home)
        for _ in range(index):
            QTest.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: doc.campaign.settings.trigger.TYPE == trigger_type, timeout=2000)
    qtbot.waitUntil(lambda: panel.trigger_form is not None and panel.trigger_form.cls is TRIGGERS[trigger_type])
    qtbot.wait(10)
    data = doc.campaign.settings.to_json()
    trigger = fill_form(panel.trigger_form, scroll, {k: v for k, v in data["trigger"].items() if k != "type"})
    rest = fill_form(panel.rest_form, scroll, {k: v for k, v in panel.rest_form.data.items()})
    type_text(panel.name, "Renamed campaign", scroll)
    QTest.keyClick(panel.name, Qt.Key.Key_Return)
    expected = canonical(CampaignSettings, {**data, **rest, "trigger": {"type": trigger_type, **trigger}})
    if panel.error.isVisible():  # a blocking rule refused the last edit: the model keeps the last good settings
        pytest.fail(panel.error.text())
    save_with_button(doc)
    saved = reopened(ws, cid)
    assert saved.name == "Renamed campaign"
    assert saved.settings.to_json() == expected


def test_a_typing_burst_is_one_undo_step_and_a_click_is_another(qtbot, ws):
    cid = ws.campaigns.create("Burst").id
    doc = open_doc(qtbot, ws, cid)
    delay = drop(doc, "time_delay", TRIGGER)
    doc.scene.select_only([delay])
    editors = doc.block_form.form.editors
    steps = doc.stack.count()
    type_number(editors["amount"].spin, 125, doc.block_scroll)  # three keystrokes
    assert doc.campaign.workflow.block(delay).settings.amount == 125
    assert doc.stack.count() == steps + 1
    editors["unit"].box.setFocus()
    QTest.keyClick(editors["unit"].box, Qt.Key.Key_Up)
    assert doc.stack.count() == steps + 2
    doc.stack.undo()
    doc.stack.undo()
    assert doc.campaign.workflow.block(delay).settings.to_json() == {"amount": 0, "unit": "days"} or \
        doc.campaign.workflow.block(delay).settings.amount == 0


# ---- in the real main window ------------------------------------------------------------------------

def test_ctrl_z_ctrl_y_and_ctrl_shift_z_on_the_canvas_in_the_main_window(qtbot, ws, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui_helpers import open_main_window

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_main_window(qtbot, ws, settings)
    cid = ws.campaigns.create("Shortcuts").id
    doc = window.open_document(f"campaign:{cid}")
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is doc)
    window.windowHandle().requestActivate()
    QApplication.setActiveWindow(window)  # offscreen: activation requests are not always honoured
    qtbot.waitUntil(window.isActiveWindow)
    delay = drop(doc, "time_delay", TRIGGER)
    doc.scene.select_only([delay])
    type_number(doc.block_form.form.editors["amount"].spin, 3, doc.block_scroll)
    wf = doc.campaign.workflow
    assert wf.block(delay).settings.amount == 3
    click(doc.view.viewport())  # back on the canvas
    doc.view.setFocus()
    qtbot.waitUntil(lambda: doc.view.hasFocus())
    QTest.keyClick(doc.view, Qt.Key.Key_Z, CTRL)
    assert delay in wf.blocks and wf.block(delay).settings.amount == 0
    QTest.keyClick(doc.view, Qt.Key.Key_Z, CTRL)
    assert delay not in wf.blocks
    QTest.keyClick(doc.view, Qt.Key.Key_Y, CTRL)
    assert delay in wf.blocks
    QTest.keyClick(doc.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert wf.block(delay).settings.amount == 3
    QTest.keyClick(doc.view, Qt.Key.Key_S, CTRL)
    assert not doc.modified
    assert reopened(ws, cid).workflow.block(delay).settings.amount == 3


# ---- problems -------------------------------------------------------------------------------------------

def test_problems_name_an_empty_trigger_and_the_unsendable_email_and_click_through(qtbot, ws):
    from canvas_helpers import choose

    bare = ws.files.create_email("Bare draft", source="<x-base></x-base>")  # no From, no Subject, no To
    cid = ws.campaigns.create("Problems").id
    doc = open_doc(qtbot, ws, cid)
    email = drop(doc, "email", TRIGGER)
    doc.scene.select_only([email])
    picker = doc.block_form.form.editors["email_id"].box
    choose(picker, picker.findData(bare.id), doc.block_scroll)
    assert doc.campaign.workflow.block(email).settings.email_id == bare.id
    qtbot.waitUntil(lambda: any("From is required" in p.message for p in doc.last_problems), timeout=2000)
    texts = [doc.problems.item(i).text() for i in range(doc.problems.count())]
    assert not any("No problems" in t for t in texts)
    assert any("Campaign settings" in t and "add a condition" in t for t in texts)
    envelope = [t for t in texts if "Bare draft" in t]
    assert len(envelope) == 2 and all(t.startswith("● Email") for t in envelope)  # named after the block
    assert not any("To is required" in t for t in texts)
    doc.scene.clearSelection()
    doc.side.setCurrentWidget(doc.problems)
    item = next(doc.problems.item(i) for i in range(doc.problems.count()) if "From is required" in doc.problems.item(i).text())
    doc.problems.scrollToItem(item)
    QTest.mouseClick(doc.problems.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     doc.problems.visualItemRect(item).center())
    assert doc.scene.selected_node_ids() == [email]
    assert doc.side.currentIndex() == 0 and doc.block_form.block_id == email
    doc.side.setCurrentWidget(doc.problems)
    item = next(doc.problems.item(i) for i in range(doc.problems.count()) if "add a condition" in doc.problems.item(i).text())
    QTest.mouseClick(doc.problems.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     doc.problems.visualItemRect(item).center())
    assert doc.side.currentIndex() == 1  # the trigger lives in the Campaign tab


def test_a_workflow_problem_is_labelled_workflow_not_campaign_settings(qtbot, ws):
    doc = open_doc(qtbot, ws, ws.campaigns.create("Empty").id)
    texts = [doc.problems.item(i).text() for i in range(doc.problems.count())]
    assert any(t.startswith("▲ Workflow") and "no blocks yet" in t for t in texts)


def test_the_trigger_block_reads_the_segment_names_the_settings_show(qtbot, ws):
    from engine.journeys import Campaign
    from engine.journeys import conditions as c
    from engine.journeys.settings import SegmentTrigger
    from canvas_helpers import store

    signed_up = next(s.id for s in ws.people.segments() if s.name == "Signed up")
    campaign = Campaign("By id", settings=CampaignSettings(trigger=SegmentTrigger(c.all_of(c.in_segment(signed_up)))))
    doc = open_doc(qtbot, ws, store(ws, campaign))
    assert doc.scene.nodes[TRIGGER].subtitle == "in Signed up"
    from widgets.condition_editor.editor import LeafRow

    row = doc.settings_panel.trigger_form.editors["conditions"].findChildren(LeafRow)[0]
    assert row.segment.currentText() == "Signed up"
    branch = drop(doc, "true_false_branch", TRIGGER)  # a block's summary uses the same names
    from app.campaigns import commands as cmd

    doc.push(cmd.SetBlockSettings(doc.campaign, branch, {"conditions": {"and": [{"segment": {"id": signed_up}}]}}))
    assert doc.scene.nodes[branch].subtitle == "in Signed up"


# ---- toolbar and minimap -----------------------------------------------------------------------------

def _main_window_doc(qtbot, ws, tmp_path, cid):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from gui_helpers import open_main_window

    window = open_main_window(qtbot, ws, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    doc = window.open_document(f"campaign:{cid}")
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is doc)
    window.windowHandle().requestActivate()
    QApplication.setActiveWindow(window)
    return window, doc


def test_toolbar_buttons_stay_put_as_the_undo_text_changes(qtbot, ws, tmp_path):
    cid = ws.campaigns.create("Toolbar").id
    _window, doc = _main_window_doc(qtbot, ws, tmp_path, cid)
    buttons = [doc.toolbar.widgetForAction(a) for a in (doc.undo_action, doc.redo_action, doc.tidy_action,
                                                         doc.fit_action, doc.minimap_action, doc.export_action)]
    before = [b.geometry() for b in buttons]
    drop(doc, "time_delay", TRIGGER)  # "Undo Add Time delay"
    qtbot.wait(20)
    assert "Add Time delay" in doc.undo_action.toolTip()
    assert [b.geometry() for b in buttons] == before
    fit = doc.toolbar.widgetForAction(doc.fit_action)
    doc.view.set_zoom(2.0)
    click(fit)  # the click aimed at Fit zooms to fit (and does not open the Export dialog)
    assert doc.view.zoom() <= 1.0


def test_the_minimap_hides_no_block_after_fit_and_can_be_switched_off(qtbot, ws, tmp_path):
    from PySide6.QtCore import QRect

    from canvas_helpers import SAMPLES, load_sample, store

    path = next(p for p in SAMPLES if p.name.startswith("abandoned-cart"))
    cid = store(ws, load_sample(path))
    _window, doc = _main_window_doc(qtbot, ws, tmp_path, cid)
    qtbot.wait(50)
    click(doc.toolbar.widgetForAction(doc.fit_action))
    view, minimap = doc.view, doc.view.minimap
    assert minimap.isVisible()
    area = QRect(minimap.pos(), minimap.size())
    for node_id, item in doc.scene.nodes.items():
        rect = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        assert not rect.intersects(area), f"{node_id} is under the minimap"
    click(doc.toolbar.widgetForAction(doc.minimap_action))
    assert not minimap.isVisible()


def test_choices_come_from_the_field_definitions_not_from_a_bare_field_name(qtbot, ws):
    """A webhook response mapping's `source` is a response path (free text); only an update's
    assignment `source` is the value-source dropdown."""
    from PySide6.QtWidgets import QPushButton

    from app.campaigns.forms import ChoiceEditor, TextEditor

    doc = open_doc(qtbot, ws, ws.campaigns.create("Choices").id)
    hook = drop(doc, "webhook", TRIGGER)
    doc.scene.select_only([hook])
    mappings = doc.block_form.form.editors["response_mapping"]
    click(next(b for b in mappings.findChildren(QPushButton) if b.objectName() == "addListItem"), doc.block_scroll)
    row = mappings.rows[-1]
    assert isinstance(row.editors["source"], TextEditor)
    assert [d for d, _ in _choices(row.editors["scope"])] == ["customer", "journey"]
    person = drop(doc, "update_person", hook)
    doc.scene.select_only([person])
    attributes = doc.block_form.form.editors["attributes"]
    click(next(b for b in attributes.findChildren(QPushButton) if b.objectName() == "addListItem"), doc.block_scroll)
    assert isinstance(attributes.rows[-1].editors["source"], ChoiceEditor)


def _choices(editor):
    return [(editor.box.itemData(i), editor.box.itemText(i)) for i in range(editor.box.count())]


def test_fields_do_not_move_when_the_work_to_do_note_goes_and_a_new_block_is_clear_of_the_minimap(qtbot, ws, tmp_path):
    from PySide6.QtCore import QRect

    from canvas_helpers import SAMPLES, load_sample, store

    path = next(p for p in SAMPLES if p.name.startswith("abandoned-cart"))
    _window, doc = _main_window_doc(qtbot, ws, tmp_path, store(ws, load_sample(path)))
    qtbot.wait(50)
    click(doc.toolbar.widgetForAction(doc.fit_action))
    delay = drop(doc, "time_delay", "email-last-call")
    item = doc.scene.nodes[delay]
    area = QRect(doc.view.minimap.pos(), doc.view.minimap.size())
    rect = doc.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    assert doc.view.viewport().rect().contains(rect) and not rect.intersects(area)
    unit = doc.block_form.form.editors["unit"]
    before = unit.mapTo(doc.block_form, unit.rect().topLeft())
    type_number(doc.block_form.form.editors["amount"].spin, 3, doc.block_scroll)
    qtbot.wait(20)
    assert not doc.block_form.missing.isVisible()
    assert unit.mapTo(doc.block_form, unit.rect().topLeft()) == before


def test_the_frequency_form_shows_only_what_the_chosen_mode_uses_and_saves_only_that(qtbot, ws):
    """An event trigger's frequency: "once per period" asks for a period and nothing else; "once" asks for nothing."""
    from canvas_helpers import choose

    cid = ws.campaigns.create("Frequency").id
    doc = open_doc(qtbot, ws, cid)
    doc.side.setCurrentIndex(1)
    panel, scroll = doc.settings_panel, doc.side.widget(1)
    box = panel.trigger_type
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(box.findData("event")):
        QTest.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: doc.campaign.settings.trigger.TYPE == "event", timeout=2000)
    frequency = panel.rest_form.editors["frequency"].form
    rows = {key: frequency.form.isRowVisible(editor) for key, editor in frequency.editors.items()}
    assert rows == {"mode": True, "min_wait": False, "interval": False, "period": False}  # every event
    mode = frequency.editors["mode"].box
    choose(mode, mode.findData("once_per_period"), scroll)
    shown = [key for key, editor in frequency.editors.items() if frequency.form.isRowVisible(editor)]
    assert shown == ["mode", "period"]
    period = frequency.editors["period"]
    if period.on is not None and not period.on.isChecked():
        click(period.on, scroll)
    type_number(period.amount, 2, scroll)
    choose(mode, mode.findData("once"), scroll)
    assert [k for k, e in frequency.editors.items() if frequency.form.isRowVisible(e)] == ["mode"]
    save_with_button(doc)
    assert reopened(ws, cid).settings.to_json()["frequency"] == {"mode": "once"}
