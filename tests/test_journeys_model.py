"""Workflow mutations, their signals and their inverses; copy/paste; tidy layout; the file format."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.journeys import (
    Campaign, CampaignFormatError, Edge, ModelError, Note, TRIGGER, campaign_from_parts, campaign_to_parts,
    dump_campaign, load_campaign, new_block, save_campaign, validate,
)
from engine.journeys.settings import EventTrigger
from engine.journeys.values import Position

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "sample" / "campaigns"
SAMPLE_FILES = sorted(SAMPLES.glob("*.campaign.json"))


def sample(name: str) -> Campaign:
    return load_campaign(SAMPLES / f"{name}.campaign.json")


def record(workflow):
    """Every signal the workflow fires, as (signal name, first argument id) pairs."""
    log = []
    for name in ("block_added", "block_removed", "block_moved", "block_changed", "edge_added", "edge_removed",
                 "note_added", "note_removed", "note_changed"):
        getattr(workflow, name).connect(lambda *args, _n=name: log.append((_n, getattr(args[0], "id", args[0]))))
    return log


# ---- the sample files ------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_sample_campaigns_load_validate_clean_and_are_canonical(path):
    campaign = load_campaign(path)
    assert validate(campaign) == []
    assert dump_campaign(campaign) == json.loads(path.read_text())


def test_samples_linked_into_a_workspace_validate_clean_against_it(tmp_path):
    from engine.sample import create_sample
    from engine.store import Workspace

    with Workspace.open(tmp_path / "w.db") as ws:
        create_sample(ws, people=3)
        rows = ws.campaigns.list()
        assert len(rows) == 2
        for row in rows:
            campaign = campaign_from_parts(row.name, row.settings, row.workflow)
            emails = [b.settings.email_id for b in campaign.workflow.blocks.values() if b.type == "email"]
            assert emails and all(isinstance(i, int) for i in emails)
            assert validate(campaign, ws) == []
            name, settings, workflow = campaign_to_parts(campaign)
            assert (name, settings, workflow) == (row.name, row.settings, row.workflow)
        # a link to an email that is gone is reported on its block
        broken = campaign_from_parts(rows[0].name, rows[0].settings, rows[0].workflow)
        email = next(b for b in broken.workflow.blocks.values() if b.type == "email")
        email.settings.email_id = 9999
        problems = validate(broken, ws)
        assert [(p.rule, p.extra["block"]) for p in problems] == [("message-no-content", email.id)]


# ---- mutations -----------------------------------------------------------------------

@pytest.mark.parametrize("name", ["welcome-series", "abandoned-cart"])
def test_removing_then_restoring_any_block_gives_identical_json(name):
    campaign = sample(name)
    original = dump_campaign(campaign)
    for block_id in list(campaign.workflow.blocks):
        removed = campaign.workflow.remove_block(block_id)
        assert block_id not in campaign.workflow.blocks
        assert all(block_id not in (e.source, e.target) for e in campaign.workflow.edges)
        campaign.workflow.restore_block(removed)
        assert dump_campaign(campaign) == original


def test_removing_a_block_in_a_chain_bridges_the_gap_and_unlinks_its_notes():
    wf = sample("welcome-series").workflow
    log = record(wf)
    removed = wf.remove_block("email-welcome")
    assert wf.edge_on("delay-10m") == Edge("delay-10m", "delay-2d")
    assert removed.healed == [Edge("delay-10m", "delay-2d")]
    assert ("block_removed", "email-welcome") in log and ("edge_added", wf.edge_on("delay-10m")) in log
    removed = wf.remove_block("branch-plan")  # two outgoing edges: nothing to bridge
    assert removed.healed == [] and wf.notes["note-1"].block is None
    wf.restore_block(removed)
    assert wf.notes["note-1"].block == "branch-plan"


def test_insert_on_edge_and_place_at_path_end():
    campaign = sample("welcome-series")
    wf = campaign.workflow
    before = dump_campaign(campaign)
    log = record(wf)
    delay = new_block("time_delay", wf.new_id("time-delay"), settings={"amount": 1, "unit": "hours"})
    wf.insert_block_on_edge(wf.edge_on("email-welcome"), delay)
    assert wf.successors("email-welcome") == [delay.id] and wf.successors(delay.id) == ["delay-2d"]
    assert [n for n, _ in log] == ["block_added", "edge_removed", "edge_added", "edge_added"]
    assert list(wf.blocks).index(delay.id) == list(wf.blocks).index("email-welcome") + 1
    wf.remove_block(delay.id)  # the undo of an insertion
    assert dump_campaign(campaign) == before

    branch = new_block("true_false_branch", "b2", settings={"conditions": {"segment": {"id": 1, "in": True}}})
    wf.insert_block_on_edge(wf.edge_on("delay-10m"), branch, "false")
    assert wf.edge_on("b2", "false").target == "email-welcome" and wf.edge_on("b2", "true") is None
    exit_block = new_block("exit", "x1")
    wf.place_block(exit_block, "b2", "true")
    assert wf.edge_on("b2", "true") == Edge("b2", "x1", "true")
    with pytest.raises(ModelError, match="Exit block ends a path"):
        wf.insert_block_on_edge(wf.edge_on("email-welcome"), new_block("exit", "x2"))


def test_connect_refuses_what_the_graph_does_not_allow():
    wf = sample("welcome-series").workflow
    with pytest.raises(ModelError, match="loop"):
        wf.connect("update-person", "delay-10m")
    with pytest.raises(ModelError, match="already leads"):
        wf.connect("branch-plan", "delay-2d", "true")
    with pytest.raises(ModelError, match="no path 'maybe'"):
        wf.connect("branch-plan", "delay-2d", "maybe")
    wf.add_block(new_block("exit", "x"))
    wf.connect("update-person", "x")
    with pytest.raises(ModelError, match="nothing can follow"):
        wf.connect("x", "email-upgrade")
    with pytest.raises(ModelError, match="already used"):
        wf.add_block(new_block("exit", "trigger"))


def test_disconnect_then_connect_at_the_same_index_restores_order():
    wf = sample("abandoned-cart").workflow
    edges = list(wf.edges)
    edge = wf.edges[3]
    index = wf.disconnect(edge)
    wf.connect(edge.source, edge.target, edge.path, index=index)
    assert wf.edges == edges


def test_move_settings_rename_and_notes_return_what_undo_needs():
    campaign = sample("welcome-series")
    wf = campaign.workflow
    before = dump_campaign(campaign)
    log = record(wf)
    old = wf.move_block("branch-plan", (100, 500))
    assert old == Position(0, 480)
    assert wf.notes["note-1"].position == Position(360, 490)  # linked notes move with their block
    old_settings = wf.set_block_settings("delay-2d", {"amount": 3, "unit": "days"})
    assert wf.blocks["delay-2d"].settings.amount == 3
    old_name = wf.rename_block("delay-2d", "Wait 3 days")
    note = wf.add_note(Note("note-2", "Check the copy", "pink", "email-welcome", Position(200, 240)))
    old_note = wf.update_note("note-2", text="Copy approved", color="green")
    assert [n for n, _ in log] == ["block_moved", "note_changed", "block_changed", "block_changed", "note_added", "note_changed"]
    # undo everything, in reverse
    wf.update_note("note-2", **old_note)
    wf.remove_note(note.id)
    wf.rename_block("delay-2d", old_name)
    wf.set_block_settings("delay-2d", old_settings)
    wf.move_block("branch-plan", old)
    assert dump_campaign(campaign) == before


def test_removing_a_connected_branch_path_is_refused_until_disconnected():
    wf = sample("abandoned-cart").workflow
    settings = wf.blocks["wait-cart"].settings.to_json()
    settings["paths"] = settings["paths"][:1]
    with pytest.raises(ModelError, match="disconnect"):
        wf.set_block_settings("wait-cart", settings)
    assert len(wf.blocks["wait-cart"].settings.paths) == 2


def test_campaign_settings_changes_are_signalled_and_reversible():
    campaign = sample("abandoned-cart")
    before = dump_campaign(campaign)
    seen = []
    campaign.settings_changed.connect(lambda key, old, new: seen.append(key))
    changed = []
    campaign.changed.connect(lambda: changed.append(1))
    old = campaign.set(name="Cart v2", exit="never", trigger=EventTrigger(event="cart_updated"))
    assert seen == ["name", "exit", "trigger"] and changed
    assert campaign.settings.trigger.event == "cart_updated"
    campaign.set(**old)
    assert dump_campaign(campaign) == before
    with pytest.raises(ModelError):
        campaign.set(colour="red")
    campaign.workflow.move_block("wait-cart", (0, 0))
    assert len(changed) == 3


def test_copy_paste_between_campaigns_gets_fresh_ids():
    source = sample("abandoned-cart").workflow
    fragment = json.loads(json.dumps(source.copy_fragment(["delay-1d", "branch-bought", "exit-done"])))
    assert [e["from"] for e in fragment["edges"]] == ["delay-1d", "branch-bought"]
    target = sample("welcome-series").workflow
    new_ids = target.paste_fragment(fragment, offset=(400, 0))
    assert new_ids == ["time-delay-1", "true-false-branch-1", "exit-1"]
    assert target.successors("time-delay-1") == ["true-false-branch-1"]
    assert target.edge_on("true-false-branch-1", "true").target == "exit-1"
    assert target.blocks["time-delay-1"].position == Position(640, 380)
    again = target.paste_fragment(fragment)
    assert again == ["time-delay-2", "true-false-branch-2", "exit-2"]


# ---- tidy layout -------------------------------------------------------------------------

def test_tidy_layout_puts_rows_top_down_and_branch_paths_side_by_side():
    wf = sample("abandoned-cart").workflow
    pos = wf.tidy_layout()
    assert set(pos) == set(wf.blocks)
    assert pos["wait-cart"].y == 120 and pos["wait-cart"].x == 0
    paths = [pos[b] for b in ("exit-bought", "exit-updated", "email-cart")]
    assert len({p.y for p in paths}) == 1 and paths[0].x < paths[1].x < paths[2].x
    assert pos["email-cart"].y < pos["delay-1d"].y < pos["branch-bought"].y < pos["exit-done"].y
    assert pos["exit-done"].x < pos["email-last-call"].x
    # nothing moved until applied; applying returns the old positions
    old = wf.move_blocks(pos)
    assert old["wait-cart"] == Position(0, 120) and wf.blocks["exit-done"].position == pos["exit-done"]


def test_tidy_layout_puts_a_reconverging_block_below_every_path():
    wf = sample("welcome-series").workflow
    pos = wf.tidy_layout()
    assert pos["update-person"].y > pos["email-upgrade"].y > pos["branch-plan"].y


def test_tidy_layout_centres_the_continuation_after_a_merge_under_its_branch():
    """The blocks after True and False paths meet sit under the branch, not under the True path."""
    wf = sample("welcome-series").workflow
    wf.place_block(new_block("time_delay", "after-merge", settings={"amount": 1, "unit": "days"}), "update-person")
    pos = wf.tidy_layout()
    branch = pos["branch-plan"].x
    assert pos["email-upgrade"].x < branch  # the True path keeps its column on the left
    assert pos["update-person"].x == branch and pos["after-merge"].x == branch
    campaign = Campaign()  # both paths with blocks, then one merge and a tail
    wf = campaign.workflow
    wf.place_block(new_block("true_false_branch", "b"), TRIGGER)
    for path, bid in (("true", "t"), ("false", "f")):
        wf.place_block(new_block("time_delay", bid), "b", path)
    wf.place_block(new_block("exit", "end"), "t")
    wf.connect("f", "end")
    pos = wf.tidy_layout()
    assert pos["t"].x < pos["b"].x < pos["f"].x
    assert pos["end"].x == pos["b"].x == (pos["t"].x + pos["f"].x) / 2
    assert pos["end"].y > pos["f"].y


def test_tidy_selection_keeps_its_top_left_corner():
    wf = sample("abandoned-cart").workflow
    wf.move_blocks({"delay-1d": (700, 900), "branch-bought": (500, 1200), "exit-done": (900, 1000)})
    pos = wf.tidy_layout(["delay-1d", "branch-bought", "exit-done"])
    assert set(pos) == {"delay-1d", "branch-bought", "exit-done"}
    assert min(p.x for p in pos.values()) == 500 and min(p.y for p in pos.values()) == 900
    assert pos["delay-1d"].y < pos["branch-bought"].y < pos["exit-done"].y


def test_tidy_layout_of_a_long_chain_needs_no_recursion():
    campaign = Campaign()
    wf = campaign.workflow
    previous = TRIGGER
    for i in range(3000):
        block = wf.add_block(new_block("time_delay", f"d{i}", settings={"amount": 1, "unit": "days"}))
        wf.connect(previous, block.id) if i < 5 else wf.edges.append(Edge(previous, block.id))
        previous = block.id
    pos = wf.tidy_layout()
    assert pos["d2999"].y == 3000 * 120


# ---- the file format ------------------------------------------------------------------

def test_save_and_load_round_trip(tmp_path):
    campaign = sample("abandoned-cart")
    target = tmp_path / "copy.campaign.json"
    save_campaign(campaign, target)
    assert dump_campaign(load_campaign(target)) == dump_campaign(campaign)
    assert dump_campaign(load_campaign(target.read_text())) == dump_campaign(campaign)


@pytest.mark.parametrize("edit, path, line", [
    (lambda d: d["workflow"]["blocks"][3]["settings"].__setitem__("email", 7), "workflow.blocks[3].settings.email", True),
    (lambda d: d["settings"]["trigger"].__setitem__("type", "sometimes"), "settings.trigger.type", True),
    (lambda d: d["workflow"]["edges"][1].pop("to"), "workflow.edges[1].to", False),
    (lambda d: d.__setitem__("version", 2), "version", True),
    (lambda d: d.__setitem__("format", "something/else"), "format", True),
])
def test_load_errors_carry_file_field_path_and_line(tmp_path, edit, path, line):
    doc = json.loads((SAMPLES / "abandoned-cart.campaign.json").read_text())
    edit(doc)
    bad = tmp_path / "bad.campaign.json"
    bad.write_text(json.dumps(doc, indent=2))
    with pytest.raises(CampaignFormatError) as info:
        load_campaign(bad)
    problem, = info.value.problems
    assert problem.file == str(bad) and problem.extra["path"] == path
    assert problem.message.startswith(path)
    if line:
        text = bad.read_text().splitlines()[problem.line - 1]
        assert json.dumps(path.rsplit(".", 1)[-1].split("[")[0]) in text


def test_invalid_json_and_newer_versions_are_explained(tmp_path):
    bad = tmp_path / "x.campaign.json"
    bad.write_text('{"format": "campaign-studio/campaign",\n "version": 1,\n "name": }')
    with pytest.raises(CampaignFormatError) as info:
        load_campaign(bad)
    assert (info.value.problems[0].line, info.value.problems[0].column) == (3, 10)
    with pytest.raises(CampaignFormatError, match="newer Campaign Studio"):
        load_campaign({"format": "campaign-studio/campaign", "version": 9})
    with pytest.raises(CampaignFormatError, match="can't read"):
        load_campaign(tmp_path / "missing.campaign.json")


# ---- the canvas's operations, recorded for undo -------------------------------------------

def _json(campaign):
    import json

    return json.dumps(campaign.to_json(), sort_keys=True)


def test_every_canvas_operation_is_undone_exactly_by_its_recording():
    campaign = sample("welcome-series")
    wf = campaign.workflow
    start = _json(campaign)
    steps = []
    for op in (
        lambda: wf.place_block(new_block("time_delay", "new-d"), "delay-10m"),  # on an edge
        lambda: wf.move_block_onto("new-d", "email-upgrade", None, {"new-d": Position(5, 5)}),
        lambda: wf.delete_blocks(["email-welcome"]),
        lambda: wf.paste_fragment(wf.copy_fragment(["delay-2d"]), (10, 10), "delay-10m", None),
        lambda: wf.set_block_settings("branch-plan", {"conditions": {"and": []}}),
        lambda: campaign.set(exit="on_conversion_or_stop_matching", name="Renamed"),
        lambda: wf.move_blocks(wf.tidy_layout()),
    ):
        with wf.recording() as undo:
            op()
        assert undo
        steps.append((undo, _json(campaign)))
    assert wf.successors("delay-10m") == ["time-delay-1"]  # the paste went between delay-10m and what followed
    for undo, _ in reversed(steps):
        undo()
    assert _json(campaign) == start


def test_a_refused_operation_leaves_the_workflow_untouched():
    campaign = sample("welcome-series")
    wf = campaign.workflow
    start = _json(campaign)
    for op, message in (
        (lambda: wf.delete_blocks(["delay-10m", "branch-plan"]), "empty the paths"),
        (lambda: wf.place_block(new_block("exit", "x"), TRIGGER), "Exit block ends a path"),
        (lambda: wf.move_block_onto("delay-2d", "delay-2d"), "after itself"),
    ):
        with pytest.raises(ModelError, match=message):
            with wf.recording():
                op()
        assert _json(campaign) == start


def test_settings_that_drop_a_path_disconnect_it_in_the_same_step():
    campaign = Campaign()
    wf = campaign.workflow
    wf.place_block(new_block("random_cohort", "c", settings={"paths": [{"id": "a", "percent": 50}, {"id": "b", "percent": 50}]}), TRIGGER)
    wf.place_block(new_block("exit", "end"), "c", "b")
    start = _json(campaign)
    with pytest.raises(ModelError, match="disconnect"):
        wf.set_block_settings("c", {"paths": [{"id": "a", "percent": 100}]})
    with wf.recording() as undo:
        wf.set_block_settings("c", {"paths": [{"id": "a", "percent": 100}]}, disconnect_stale=True)
    assert wf.edge_on("c", "b") is None
    undo()
    assert _json(campaign) == start


def test_make_room_and_the_first_open_path():
    wf = sample("welcome-series").workflow
    position, shift = wf.make_room(TRIGGER, None)  # on the trigger's edge: pushes everything below a row down
    first = wf.blocks["delay-10m"].position
    assert position == first and shift["delay-10m"] == Position(first.x, first.y + 120)
    assert set(shift) == set(wf.blocks)
    position, shift = wf.make_room("update-person", None, Position(33, 0))
    assert shift == {} and position == Position(33, wf.blocks["update-person"].position.y + 120)
    assert wf.first_open_path() == ("update-person", None)
    assert wf.free_outputs("branch-plan") == []


def test_fragment_offset_puts_the_top_left_block_where_asked():
    from engine.journeys.operations import fragment_offset

    wf = sample("welcome-series").workflow
    fragment = wf.copy_fragment(["delay-2d", "branch-plan"])
    dx, dy = fragment_offset(fragment, Position(1000, 50))
    ids = wf.paste_fragment(fragment, (dx, dy))
    assert min(wf.blocks[b].position.x for b in ids) == 1000 and min(wf.blocks[b].position.y for b in ids) == 50
    assert fragment_offset({"blocks": []}, Position(1, 1)) == (0.0, 0.0)
