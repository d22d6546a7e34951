"""Undo commands: every edit of a campaign is one `QUndoCommand` on the document's stack.

A command's `perform(wf)` calls the ENGINE's operations (`Workflow.place_block`,
`paste_fragment`, `delete_blocks`, `move_block_onto`, `Campaign.set` …, tested
in tests/test_journeys_model.py) inside `Workflow.recording()`, which hands
back the `Undo` of everything they changed; this module keeps no copy of the
graph logic. `undo()` runs that Undo, so a macro — deleting several blocks, a
paste, a move onto an edge — comes back exactly, edges and positions included.
`redo()` after an undo performs again from the same inputs; block ids are fixed
in the command (or deterministic, as `paste_fragment`'s are on the same state),
so a redo gives the same JSON as the first time.

The canvas never touches the model otherwise; the scene redraws from the
model's signals, whoever changed it (user, undo, redo).
"""
from __future__ import annotations

import copy
from PySide6.QtGui import QUndoCommand

from engine.journeys import Block, Campaign, Note
from engine.journeys.blocks import new_block
from engine.journeys.model import Undo, Workflow
from engine.journeys.values import Position


class ModelCommand(QUndoCommand):
    """Base: `perform(wf)` does the edit through engine operations; undo runs the recorded Undo."""

    merge_id = -1

    def __init__(self, campaign: Campaign, text: str):
        super().__init__(text)
        self.campaign = campaign
        self._undo = Undo()
        self._skip_first_redo = False

    def perform(self, wf: Workflow) -> None:
        raise NotImplementedError

    def run(self) -> None:
        """Apply now (raising ModelError with the model untouched); the stack's first redo is then skipped."""
        self._apply()
        self._skip_first_redo = True

    def _apply(self) -> None:
        wf = self.campaign.workflow
        with wf.recording() as undo:  # rolled back by the engine if an operation refuses
            self.perform(wf)
        self._undo = undo

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._apply()

    def undo(self) -> None:
        self._undo()

    def id(self) -> int:
        return self.merge_id


class AddBlock(ModelCommand):
    """A block dropped from the palette onto an edge or the end of a path."""

    def __init__(self, campaign, type_id: str, source: str, path: str | None, position: Position | None = None,
                 settings: dict | None = None):
        kind_label = new_block(type_id, "x").kind.label
        super().__init__(campaign, f"Add {kind_label}")
        self.block_json = new_block(type_id, campaign.workflow.new_id(type_id.replace("_", "-")), settings=settings,
                                    position=position).to_json()
        self.source, self.path = source, path

    @property
    def block_id(self) -> str:
        return self.block_json["id"]

    def perform(self, wf):
        wf.place_block(Block.from_json(self.block_json), self.source, self.path)


class DeleteItems(ModelCommand):
    """Delete blocks (bridging single-path blocks, §7) and notes; undo restores edges and positions."""

    def __init__(self, campaign, block_ids: list[str], note_ids: list[str] = ()):
        n = len(block_ids) + len(note_ids)
        super().__init__(campaign, f"Delete {n} item{'s' if n != 1 else ''}")
        self.block_ids, self.note_ids = list(block_ids), list(note_ids)

    def perform(self, wf):
        wf.delete_blocks(self.block_ids, self.note_ids)


class MoveItems(ModelCommand):
    """A drag, applied on release: one command whatever the distance."""

    def __init__(self, campaign, blocks: dict[str, Position], notes: dict[str, Position] = None, text: str = "Move"):
        super().__init__(campaign, text)
        self.blocks, self.notes = blocks, notes or {}

    def perform(self, wf):
        if self.blocks:
            wf.move_blocks(self.blocks)
        for note_id, pos in self.notes.items():
            if wf.notes[note_id].position != pos:
                wf.update_note(note_id, position=pos)


class MoveBlockOnto(ModelCommand):
    """Take a block out of its place (its path closes up) and drop it on another edge or path end."""

    def __init__(self, campaign, block_id: str, source: str, path: str | None,
                 positions: dict[str, Position] | None = None):
        super().__init__(campaign, f"Move {campaign.workflow.block(block_id).label}")
        self.block_id, self.source, self.path, self.positions = block_id, source, path, positions

    def perform(self, wf):
        wf.move_block_onto(self.block_id, self.source, self.path, self.positions)


class SetBlockSettings(ModelCommand):
    """A settings form edit. Consecutive typing edits of ONE field of one block, in one form session
    (same `session` and same non-empty `key`, the field path), merge into one step; a click (empty key)
    is always its own step. A merged step that ends where it began is dropped (obsolete)."""

    merge_id = 1001

    def __init__(self, campaign, block_id: str, settings: dict, session: object = None, key: str = ""):
        super().__init__(campaign, f"Edit {campaign.workflow.block(block_id).label}")
        self.block_id, self.settings, self.session, self.key = block_id, copy.deepcopy(settings), session, key
        self.original = campaign.workflow.block(block_id).settings.to_json()

    def perform(self, wf):
        wf.set_block_settings(self.block_id, self.settings, disconnect_stale=True)  # a dropped path takes its edge

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetBlockSettings) or other.block_id != self.block_id or self.session is None \
                or other.session is not self.session or not self.key or other.key != self.key:
            return False
        # undo of the merged step must return to self's original: ours, then theirs on top
        self._undo = self._undo.then(other._undo)
        self.settings = other.settings
        self.setObsolete(self.settings == self.original)
        return True


class RenameBlock(ModelCommand):
    def __init__(self, campaign, block_id: str, name: str):
        super().__init__(campaign, "Rename block")
        self.block_id, self.name = block_id, name

    def perform(self, wf):
        wf.rename_block(self.block_id, self.name)


class Paste(ModelCommand):
    """A copied fragment (this campaign or another) added as one step; optionally dropped on a path."""

    def __init__(self, campaign, fragment: dict, offset: tuple[float, float], source: str | None = None,
                 path: str | None = None):
        super().__init__(campaign, f"Paste {len(fragment.get('blocks', []))} block(s)")
        self.fragment, self.offset, self.source, self.path = copy.deepcopy(fragment), offset, source, path
        self.pasted: list[str] = []

    def perform(self, wf):
        self.pasted = wf.paste_fragment(self.fragment, self.offset, self.source, self.path)


class Tidy(ModelCommand):
    def __init__(self, campaign, block_ids: list[str] | None = None):
        super().__init__(campaign, "Tidy up" + (" selection" if block_ids else ""))
        self.block_ids = block_ids

    def perform(self, wf):
        wf.move_blocks(wf.tidy_layout(self.block_ids))


class AddNote(ModelCommand):
    def __init__(self, campaign, position: Position, block: str | None = None, text: str = "", color: str = "yellow"):
        super().__init__(campaign, "Add note")
        self.note_json = Note(campaign.workflow.new_id("note"), text, color, block, position).to_json()

    def perform(self, wf):
        wf.add_note(Note.from_json(self.note_json))


class EditNote(ModelCommand):
    def __init__(self, campaign, note_id: str, **changes):
        super().__init__(campaign, "Edit note")
        self.note_id, self.changes = note_id, changes

    def perform(self, wf):
        wf.update_note(self.note_id, **self.changes)


class SetCampaign(ModelCommand):
    """Campaign settings and top-level fields (`trigger=…`, `exit=…`, `name=…`)."""

    merge_id = 1002

    def __init__(self, campaign, text: str = "Edit campaign settings", merge_key: str = "", session: object = None,
                 **changes):
        super().__init__(campaign, text)
        self.changes, self.merge_key, self.session = changes, merge_key, session
        self.original = {k: copy.deepcopy(getattr(campaign if k in campaign.TOP_LEVEL else campaign.settings, k))
                         for k in changes}

    def perform(self, wf):
        self.campaign.set(**copy.deepcopy(self.changes))

    def mergeWith(self, other) -> bool:
        """Typing in one settings field (same panel, same field path) is one step, as for blocks."""
        if not isinstance(other, SetCampaign) or not self.merge_key or other.merge_key != self.merge_key \
                or self.session is None or other.session is not self.session:
            return False
        self._undo = self._undo.then(other._undo)
        self.changes = {**self.changes, **other.changes}
        self.setObsolete(all(self.changes.get(k) == v for k, v in self.original.items())
                         and set(self.changes) <= set(self.original))
        return True
