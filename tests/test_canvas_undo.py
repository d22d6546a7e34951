"""Undo/redo round trips: 50 random edits through the canvas's commands, undone to the start and redone.

The edit sequences are drawn by hypothesis (a `Random` it controls, so a failure is replayed and
reported with its example), plus a few fixed seeds that always run the same sequences.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from canvas_helpers import SAMPLES, doc_json, drop, load_sample, make_workspace, open_doc, store  # noqa: E402
from app.campaigns import commands as cmd  # noqa: E402
from engine.journeys import TRIGGER, REGISTRY  # noqa: E402
from engine.journeys.settings import EXITS  # noqa: E402
from engine.journeys.values import Position  # noqa: E402

TYPES = [t for t in REGISTRY if t != "exit"] + ["exit"]


def random_edit(doc, rng: random.Random) -> bool:
    """One edit a marketer could make; returns whether it was applied (some are refused, like the UI would)."""
    wf = doc.campaign.workflow
    blocks = list(wf.blocks)
    choice = rng.choice(["add", "add", "add", "delete", "move", "settings", "rename", "note", "tidy", "paste",
                         "campaign", "move_onto", "note_edit"])
    if choice == "add" or not blocks:
        sources = [TRIGGER, *blocks]
        source = rng.choice(sources)
        outs = [p for p, _ in wf.outputs(source)]
        if not outs:
            return False
        path = rng.choice(outs)
        type_id = rng.choice(TYPES)
        before = set(wf.blocks)
        key = ("edge" if wf.edge_on(source, path) else "end", (source, path))
        from canvas_helpers import indicator_pos
        from app.campaigns.palette import block_mime

        doc.view.drop_mime(block_mime(type_id), indicator_pos(doc, key))
        return set(wf.blocks) != before
    if choice == "delete":
        return doc.push(cmd.DeleteItems(doc.campaign, rng.sample(blocks, min(len(blocks), rng.randint(1, 2)))))
    if choice == "move":
        ids = rng.sample(blocks, min(len(blocks), rng.randint(1, 3)))
        return doc.push(cmd.MoveItems(doc.campaign, {b: Position(rng.randint(-500, 500), rng.randint(0, 2000)) for b in ids}))
    if choice == "settings":
        block = wf.block(rng.choice(blocks))
        data = block.settings.to_json()
        if block.type == "time_delay":
            data = {"amount": rng.randint(1, 50), "unit": rng.choice(["minutes", "hours", "days"])}
        elif block.type == "random_cohort":
            data = {"paths": [{"id": "a", "percent": 30}, {"id": "b", "percent": 70}]}  # may drop a path's edge
        elif block.type == "wait_until":
            data = {"paths": [{"id": "p1", "conditions": {"event": {"name": "x", "performed": True}}}],
                    "max_time": {"amount": 2, "unit": "days"}} if rng.random() < 0.5 else {}
        elif "sending" in data or block.kind.settings.__dataclass_fields__.get("sending"):
            data["sending"] = rng.choice(["automatic", "draft", "dont_send"])
        else:
            return False
        return doc.push(cmd.SetBlockSettings(doc.campaign, block.id, data))
    if choice == "rename":
        return doc.push(cmd.RenameBlock(doc.campaign, rng.choice(blocks), f"Step {rng.randint(1, 99)}"))
    if choice == "note":
        link = rng.choice(blocks + [None])
        return doc.push(cmd.AddNote(doc.campaign, Position(rng.randint(-300, 300), rng.randint(0, 900)), link,
                                    "note", rng.choice(["yellow", "blue", "pink"])))
    if choice == "note_edit":
        if not wf.notes:
            return False
        return doc.push(cmd.EditNote(doc.campaign, rng.choice(list(wf.notes)), text=f"edited {rng.random():.3f}"))
    if choice == "tidy":
        return doc.push(cmd.Tidy(doc.campaign, rng.sample(blocks, min(2, len(blocks))) if rng.random() < 0.5 else None))
    if choice == "paste":
        fragment = wf.copy_fragment(rng.sample(blocks, min(len(blocks), 2)))
        return doc.push(cmd.Paste(doc.campaign, fragment, (40, 40)))
    if choice == "campaign":
        return doc.push(cmd.SetCampaign(doc.campaign, exit=rng.choice([e for e in EXITS if e != doc.campaign.settings.exit])))
    if choice == "move_onto":
        block = rng.choice(blocks)
        targets = [(s, p) for s in [TRIGGER, *blocks] if s != block for p, _ in wf.outputs(s)]
        source, path = rng.choice(targets)
        return doc.push(cmd.MoveBlockOnto(doc.campaign, block, source, path))
    return False


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_fifty_random_edits_undo_to_the_start_and_redo_to_the_end(qtbot, tmp_path, seed):
    round_trip(qtbot, tmp_path, seed, random.Random(seed))


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False), sample=st.integers(0, 1))
def test_hypothesis_edit_sequences_undo_and_redo_exactly(qtbot, tmp_path_factory, rng, sample):
    round_trip(qtbot, tmp_path_factory.mktemp("hyp"), sample, rng)


def round_trip(qtbot, tmp_path, seed, rng):
    ws = make_workspace(tmp_path)
    doc = open_doc(qtbot, ws, store(ws, load_sample(SAMPLES[seed % len(SAMPLES)])))
    start = doc_json(doc)
    applied = 0
    while applied < 50:
        applied += bool(random_edit(doc, rng))
    end = doc_json(doc)
    assert doc.stack.count() == 50 and doc.modified
    while doc.stack.canUndo():
        doc.stack.undo()
    assert doc_json(doc) == start, f"seed {seed}: undo did not return to the start"
    assert not doc.modified
    # the scene follows the model through all of it
    assert set(doc.scene.nodes) == set(doc.campaign.workflow.blocks) | {TRIGGER}
    assert len(doc.scene.edges) == len(doc.campaign.workflow.edges)
    while doc.stack.canRedo():
        doc.stack.redo()
    assert doc_json(doc) == end, f"seed {seed}: redo did not reach the end"
    assert set(doc.scene.nodes) == set(doc.campaign.workflow.blocks) | {TRIGGER}
    assert len(doc.scene.notes) == len(doc.campaign.workflow.notes)
