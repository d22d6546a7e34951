"""The campaign canvas with real widgets: samples, recipes R1–R6 built from the palette, interactions."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from canvas_helpers import SAMPLES, doc_json, drop, load_sample, make_workspace, open_doc, store  # noqa: E402
from engine.journeys import TRIGGER, UNCONFIGURED, campaign_from_parts, validate  # noqa: E402
from test_journeys_recipes import r1, r1_multi_step, r2_event, r2_segment, r3, r4, r5, r6  # noqa: E402


@pytest.fixture
def ws(tmp_path):
    return make_workspace(tmp_path)


# ---- the samples ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_open_show_and_validate_clean(qtbot, ws, path):
    campaign = load_sample(path)
    doc = open_doc(qtbot, ws, store(ws, campaign))
    wf = doc.campaign.workflow
    assert set(doc.scene.nodes) == set(wf.blocks) | {TRIGGER}
    assert len(doc.scene.edges) == len(wf.edges)
    assert len(doc.scene.notes) == len(wf.notes)
    for block in wf.blocks.values():  # every block drawn where the file puts it, with its name
        item = doc.scene.nodes[block.id]
        assert (item.pos().x(), item.pos().y()) == (block.position.x, block.position.y)
        assert item.title == block.label and not item.warning
    branch_labels = {e.label for e in doc.scene.edges.values() if e.label}
    for block in wf.blocks.values():
        if len(block.outputs()) > 1:
            assert {label for p, label in block.outputs() if wf.edge_on(block.id, p)} <= branch_labels
    assert doc.revalidate() == []
    assert doc.problems_button.text() == "No problems"
    assert not doc.modified


def test_a_campaign_that_is_not_a_workflow_opens_an_explanation(qtbot, ws):
    cid = ws.campaigns.create("Old", workflow={"nodes": []}).id
    doc = open_doc(qtbot, ws, cid)
    assert doc.campaign is None and "unknown key 'nodes'" in doc.load_error


# ---- recipes from the palette -------------------------------------------------------------------

def build_from_palette(doc, recipe) -> None:
    """Rebuild `recipe` (a model-built campaign) on the canvas: blocks dropped from the palette in
    breadth-first order (the view's real drop path), settings applied as the undo commands the forms push.
    Typing into the forms themselves is covered field by field in test_canvas_forms.py."""
    from app.campaigns import commands as cmd
    from engine.journeys.settings import CampaignSettings

    wf = recipe.workflow
    changes = {k: getattr(recipe.settings, k) for k in CampaignSettings.__dataclass_fields__}
    assert doc.push(cmd.SetCampaign(doc.campaign, **changes))
    queue, seen, mapping = [TRIGGER], set(), {TRIGGER: TRIGGER}
    while queue:
        source = queue.pop(0)
        for target in wf.successors(source):
            edge = next(e for e in wf.outgoing(source) if e.target == target)
            if target in seen:
                continue
            seen.add(target)
            block = wf.block(target)
            new_id = drop(doc, block.type, mapping[source], edge.path)
            mapping[target] = new_id
            doc.scene.select_only([new_id])
            form = doc.block_form
            assert form is not None and form.block_id == new_id
            assert doc.push(cmd.SetBlockSettings(doc.campaign, new_id, block.settings.to_json()))
            if block.name:
                assert doc.push(cmd.RenameBlock(doc.campaign, new_id, block.name))
            queue.append(target)


def comparable(campaign_json: dict) -> dict:
    wf = campaign_json["workflow"]
    return {**campaign_json, "workflow": {
        "blocks": sorted(({k: v for k, v in b.items() if k != "position"} for b in wf["blocks"]), key=lambda b: b["id"]),
        "edges": sorted(wf["edges"], key=json.dumps), "notes": wf["notes"]}}


@pytest.mark.parametrize("recipe", [r1, r1_multi_step, r2_event, r2_segment, r3, r4, r5, r6], ids=lambda f: f.__name__)
def test_recipes_built_from_the_palette_save_and_reopen(qtbot, ws, recipe):
    expected = recipe()
    cid = ws.campaigns.create(expected.name).id
    doc = open_doc(qtbot, ws, cid)
    build_from_palette(doc, expected)
    assert doc.modified
    assert doc.save() and not doc.modified
    row = ws.campaigns.get(cid)
    reopened = campaign_from_parts(row.name, row.settings, row.workflow)
    assert comparable(reopened.to_json()) == comparable(expected.to_json())
    assert [p.message for p in validate(reopened, ws)] == []
    again = open_doc(qtbot, ws, cid)  # a second tab reads exactly what was saved
    assert comparable(again.campaign.to_json()) == comparable(expected.to_json())
    assert again.revalidate() == []


def test_dropping_on_an_edge_inserts_between_and_makes_room(qtbot, ws):
    doc = open_doc(qtbot, ws, ws.campaigns.create("R1").id)
    email = drop(doc, "email", TRIGGER)
    y_before = doc.campaign.workflow.block(email).position.y
    delay = drop(doc, "time_delay", TRIGGER)  # the trigger's path now leads to the email: drop on that edge
    wf = doc.campaign.workflow
    assert wf.successors(TRIGGER) == [delay] and wf.successors(delay) == [email]
    assert wf.block(email).position.y > y_before  # pushed down a row
    assert doc.scene.nodes[delay].warning == UNCONFIGURED  # "You still have work to do"
    doc.stack.undo()
    assert wf.successors(TRIGGER) == [email] and wf.block(email).position.y == y_before


def test_exit_cannot_go_on_an_edge_only_at_a_path_end(qtbot, ws):
    doc = open_doc(qtbot, ws, ws.campaigns.create("X").id)
    drop(doc, "email", TRIGGER)
    before = doc_json(doc)
    doc.view.drop_mime(__import__("app.campaigns.palette", fromlist=["block_mime"]).block_mime("exit"),
                       doc.scene.edges[(TRIGGER, None)].drop_point())
    assert doc_json(doc) == before and "Exit" in doc.last_refusal


# ---- interactions ------------------------------------------------------------------------------------

def sample_doc(qtbot, ws, name="welcome-series"):
    path = next(p for p in SAMPLES if p.name.startswith(name))
    return open_doc(qtbot, ws, store(ws, load_sample(path)))


def test_delete_heals_the_path_and_undo_restores_edges_and_position(qtbot, ws):
    doc = sample_doc(qtbot, ws)
    start = doc_json(doc)
    wf = doc.campaign.workflow
    doc.scene.select_only(["delay-2d", "email-welcome"])
    doc.view.setFocus()
    QTest.keyClick(doc.view, Qt.Key.Key_Delete)
    assert "delay-2d" not in wf.blocks and "email-welcome" not in wf.blocks
    assert wf.successors("delay-10m") == ["branch-plan"]
    assert doc.stack.count() == 1  # one macro for the two blocks
    doc.stack.undo()
    assert doc_json(doc) == start and not doc.modified


def test_a_branch_with_blocks_on_its_paths_cannot_be_deleted(qtbot, ws):
    doc = sample_doc(qtbot, ws)
    before = doc_json(doc)
    doc.scene.select_only(["branch-plan"])
    doc.delete_selection()
    assert doc_json(doc) == before and "empty the paths" in doc.last_refusal


def test_mouse_drag_of_a_block_is_one_command_on_release(qtbot, ws):
    doc = sample_doc(qtbot, ws)
    doc.view.set_zoom(1.0)
    item = doc.scene.nodes["update-person"]
    doc.view.centerOn(item)
    qtbot.wait(10)
    start = doc.view.mapFromScene(item.pos() + QPointF(0, 30))
    vp = doc.view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(vp, start + __import__("PySide6.QtCore", fromlist=["QPoint"]).QPoint(step * 60, step * 10))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + __import__("PySide6.QtCore", fromlist=["QPoint"]).QPoint(300, 50))
    block = doc.campaign.workflow.block("update-person")
    assert doc.stack.count() == 1 and block.position.x > 200
    doc.stack.undo()
    assert (block.position.x, block.position.y) == (0, 720)


def test_notes_follow_their_block_and_hide_with_shift_n(qtbot, ws):
    doc = sample_doc(qtbot, ws)
    wf = doc.campaign.workflow
    doc.scene.select_only(["email-welcome"])
    doc.add_note("Check the subject line")
    note = next(n for n in wf.notes.values() if n.text == "Check the subject line")
    assert note.block == "email-welcome"
    old = (note.position.x, note.position.y)
    doc.push(__import__("app.campaigns.commands", fromlist=["MoveItems"]).MoveItems(
        doc.campaign, {"email-welcome": __import__("engine.journeys.values", fromlist=["Position"]).Position(400, 240)}))
    assert (note.position.x, note.position.y) == (old[0] + 400, old[1])
    assert doc.scene.notes[note.id].pos() == QPointF(note.position.x, note.position.y)
    doc.view.setFocus()
    QTest.keyClick(doc.view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert not doc.scene.notes[note.id].isVisible()
    QTest.keyClick(doc.view, Qt.Key.Key_N, Qt.KeyboardModifier.ShiftModifier)
    assert doc.scene.notes[note.id].isVisible()


def test_b_opens_the_build_menu_grouped_as_the_spec(qtbot, ws):
    doc = sample_doc(qtbot, ws)
    doc.view.setFocus()
    QTest.keyClick(doc.view, Qt.Key.Key_B)
    assert doc.palette.isVisible()
    tree = doc.palette.tree
    assert [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())] == ["MESSAGES", "DATA", "DELAYS", "FLOW CONTROL"]
    assert sum(tree.topLevelItem(i).childCount() for i in range(4)) == 22


def test_copy_paste_between_two_campaigns_is_one_step(qtbot, ws):
    src = sample_doc(qtbot, ws)
    dst = open_doc(qtbot, ws, ws.campaigns.create("Target").id)
    src.scene.select_only(["delay-10m", "email-welcome"])
    src.copy_selection()
    dst.paste()
    wf = dst.campaign.workflow
    assert sorted(b.type for b in wf.blocks.values()) == ["email", "time_delay"]
    assert dst.stack.count() == 1
    dst.stack.undo()
    assert not wf.blocks


def test_trigger_of_only_not_in_segment_conditions_cannot_be_saved(qtbot, ws):
    from widgets.condition_editor.editor import LeafRow

    doc = sample_doc(qtbot, ws)
    doc.side.setCurrentIndex(1)
    panel = doc.settings_panel
    rows = panel.trigger_form.editors["conditions"].findChildren(LeafRow)
    assert len(rows) == 1 and rows[0].kind == "segment"
    member = rows[0].member
    doc.side.widget(1).ensureWidgetVisible(member)
    member.setFocus()
    QTest.keyClick(member, Qt.Key.Key_Down)  # "is in" → "is not in"
    assert member.currentData() is False
    assert panel.error.isVisibleTo(panel) and "not in segment" in panel.error.text()
    assert doc.campaign.settings.trigger.to_json()["conditions"]["and"][0]["segment"]["in"] is True
    assert doc.stack.count() == 0


def test_problems_list_focuses_the_block(qtbot, ws):
    doc = open_doc(qtbot, ws, ws.campaigns.create("P").id)
    delay = drop(doc, "time_delay", TRIGGER)
    doc.scene.clearSelection()
    doc.revalidate()
    item = next(doc.problems.item(i) for i in range(doc.problems.count()) if doc.problems.item(i).data(Qt.ItemDataRole.UserRole + 1) == delay)
    doc.side.setCurrentWidget(doc.problems)
    doc.problems.scrollToItem(item)
    QTest.mouseClick(doc.problems.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     doc.problems.visualItemRect(item).center())
    assert doc.scene.selected_node_ids() == [delay]


def test_tidy_is_one_command_and_export_png_covers_the_whole_workflow(qtbot, ws, tmp_path):
    doc = sample_doc(qtbot, ws, "abandoned-cart")
    before = doc_json(doc)
    doc.tidy()
    assert doc.stack.count() <= 1
    doc.stack.undo() if doc.stack.count() else None
    assert doc_json(doc) == before
    out = tmp_path / "flow.png"
    assert doc.export_png(str(out))
    image = QImage(str(out))
    rect = doc.scene.itemsBoundingRect()
    assert image.width() >= rect.width() * 2 and image.height() >= rect.height() * 2
