"""Undo commands: every edit of a campaign is one `QUndoCommand` on the document's stack.

A command's `perform(rec)` calls mutation methods through a `Recorder`, which
forwards each call to the model and remembers its inverse (built from what the
mutation returned: old values, a `RemovedBlock`, an edge index). `undo()` runs
the inverses in reverse order, so a macro — deleting several blocks, a paste, a
move onto an edge — comes back exactly, edges and positions included. `redo()`
after an undo performs again from the same inputs; block ids are fixed in the
command (or deterministic, as `paste_fragment`'s are on the same state), so a
redo gives the same JSON as the first time.

The canvas never touches the model otherwise; the scene redraws from the
model's signals, whoever changed it (user, undo, redo).
"""
from __future__ import annotations

import copy
from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from engine.journeys import TRIGGER, Block, Campaign, Edge, ModelError, Note
from engine.journeys.blocks import new_block
from engine.journeys.values import Position


class Recorder:
    """The model's mutation methods, each logging how to undo itself."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self.wf = campaign.workflow
        self.inverse: list[Callable[[], Any]] = []

    def rollback(self) -> None:
        for fn in reversed(self.inverse):
            fn()
        self.inverse = []

    # -- blocks
    def add_block(self, block: Block, index: int | None = None) -> Block:
        self.wf.add_block(block, index)
        self.inverse.append(lambda: self.wf.remove_block(block.id, heal=False))
        return block

    def remove_block(self, block_id: str, heal: bool = True) -> None:
        removed = self.wf.remove_block(block_id, heal=heal)
        self.inverse.append(lambda: self.wf.restore_block(removed))

    def connect(self, source: str, target: str, path: str | None = None) -> Edge:
        edge = self.wf.connect(source, target, path)
        self.inverse.append(lambda: self.wf.disconnect(edge))
        return edge

    def disconnect(self, edge: Edge) -> None:
        index = self.wf.disconnect(edge)
        self.inverse.append(lambda: self.wf.connect(edge.source, edge.target, edge.path, index=index))

    def place(self, block: Block, source: str, path: str | None, target: str | None = None) -> None:
        """Put `block` on the output `path` of `source` — before `target` if that path leads somewhere."""
        edge = self.wf.edge_on(source, path)
        if block.id not in self.wf.blocks:
            ids = list(self.wf.blocks)
            self.add_block(block, ids.index(source) + 1 if source in ids else (0 if source == TRIGGER else None))
        if edge is not None:
            outputs = [p for p, _ in block.outputs()]
            if not outputs:
                raise ModelError("an Exit block ends a path: drop it at the end of one")
            self.disconnect(edge)
            self.connect(source, block.id, path)
            self.connect(block.id, edge.target, outputs[0])
        else:
            self.connect(source, block.id, path)

    def move_blocks(self, positions: dict[str, Position]) -> None:
        if not positions:
            return
        old = self.wf.move_blocks(positions)
        self.inverse.append(lambda: self.wf.move_blocks(old))

    def set_block_settings(self, block_id: str, settings: dict) -> None:
        block = self.wf.block(block_id)
        kept = {p for p, _ in block.kind.settings.from_json(settings, "settings").outputs()}
        for edge in [e for e in self.wf.outgoing(block_id) if e.path not in kept]:
            self.disconnect(edge)  # a path that disappears takes its connection with it
        old = self.wf.set_block_settings(block_id, settings)
        self.inverse.append(lambda: self.wf.set_block_settings(block_id, old))

    def rename_block(self, block_id: str, name: str) -> None:
        old = self.wf.rename_block(block_id, name)
        self.inverse.append(lambda: self.wf.rename_block(block_id, old))

    # -- notes
    def add_note(self, note: Note, index: int | None = None) -> None:
        self.wf.add_note(note, index)
        self.inverse.append(lambda: self.wf.remove_note(note.id))

    def remove_note(self, note_id: str) -> None:
        note, index = self.wf.remove_note(note_id)
        self.inverse.append(lambda: self.wf.add_note(note, index))

    def update_note(self, note_id: str, **changes) -> None:
        old = self.wf.update_note(note_id, **changes)
        self.inverse.append(lambda: self.wf.update_note(note_id, **old))

    # -- campaign settings
    def set_campaign(self, **changes) -> None:
        old = self.campaign.set(**changes)
        self.inverse.append(lambda: self.campaign.set(**old))


class ModelCommand(QUndoCommand):
    """Base: `perform(rec)` does the edit; undo replays the recorded inverses."""

    merge_id = -1

    def __init__(self, campaign: Campaign, text: str):
        super().__init__(text)
        self.campaign = campaign
        self._inverse: list[Callable[[], Any]] = []
        self._skip_first_redo = False

    def perform(self, rec: Recorder) -> None:
        raise NotImplementedError

    def run(self) -> None:
        """Apply now (raising ModelError with the model untouched); the stack's first redo is then skipped."""
        self._apply()
        self._skip_first_redo = True

    def _apply(self) -> None:
        rec = Recorder(self.campaign)
        try:
            self.perform(rec)
        except Exception:
            rec.rollback()
            raise
        self._inverse = rec.inverse

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._apply()

    def undo(self) -> None:
        for fn in reversed(self._inverse):
            fn()
        self._inverse = []

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

    def perform(self, rec):
        rec.place(Block.from_json(self.block_json), self.source, self.path)


class DeleteItems(ModelCommand):
    """Delete blocks (bridging single-path blocks, §7) and notes; undo restores edges and positions."""

    def __init__(self, campaign, block_ids: list[str], note_ids: list[str] = ()):
        n = len(block_ids) + len(note_ids)
        super().__init__(campaign, f"Delete {n} item{'s' if n != 1 else ''}")
        order = list(campaign.workflow.blocks)
        self.block_ids = sorted(block_ids, key=order.index)
        self.note_ids = list(note_ids)

    def perform(self, rec):
        selected = set(self.block_ids)
        for block_id in self.block_ids:
            targets = [e.target for e in rec.wf.outgoing(block_id) if e.target not in selected]
            if len(rec.wf.block(block_id).outputs()) > 1 and targets:
                raise ModelError(f"empty the paths of {rec.wf.block(block_id).label!r} before deleting it (§7)")
        for note_id in self.note_ids:
            rec.remove_note(note_id)
        for block_id in self.block_ids:
            rec.remove_block(block_id, heal=True)


class MoveItems(ModelCommand):
    """A drag, applied on release: one command whatever the distance."""

    def __init__(self, campaign, blocks: dict[str, Position], notes: dict[str, Position] = None, text: str = "Move"):
        super().__init__(campaign, text)
        self.blocks, self.notes = blocks, notes or {}

    def perform(self, rec):
        rec.move_blocks(self.blocks)
        for note_id, pos in self.notes.items():
            if rec.wf.notes[note_id].position != pos:
                rec.update_note(note_id, position=pos)


class MoveBlockOnto(ModelCommand):
    """Take a block out of its place (its path closes up) and drop it on another edge or path end."""

    def __init__(self, campaign, block_id: str, source: str, path: str | None):
        super().__init__(campaign, f"Move {campaign.workflow.block(block_id).label}")
        self.block_id, self.source, self.path = block_id, source, path

    def perform(self, rec):
        wf = rec.wf
        block = wf.block(self.block_id)
        if len(block.outputs()) > 1 and wf.outgoing(self.block_id):
            raise ModelError("empty the branch's paths before moving it onto another path")
        if self.source == self.block_id:
            raise ModelError("a block can't be dropped after itself")
        rec.remove_block(self.block_id, heal=True)
        rec.place(block, self.source, self.path)


class SetBlockSettings(ModelCommand):
    """A settings form edit. Consecutive typing edits of ONE field of one block, in one form session
    (same `session` and same non-empty `key`, the field path), merge into one step; a click (empty key)
    is always its own step. A merged step that ends where it began is dropped (obsolete)."""

    merge_id = 1001

    def __init__(self, campaign, block_id: str, settings: dict, session: object = None, key: str = ""):
        super().__init__(campaign, f"Edit {campaign.workflow.block(block_id).label}")
        self.block_id, self.settings, self.session, self.key = block_id, copy.deepcopy(settings), session, key
        self.original = campaign.workflow.block(block_id).settings.to_json()

    def perform(self, rec):
        rec.set_block_settings(self.block_id, self.settings)

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetBlockSettings) or other.block_id != self.block_id or self.session is None \
                or other.session is not self.session or not self.key or other.key != self.key:
            return False
        # undo of the merged step must return to self's original: keep our inverses, apply theirs on top
        self._inverse = self._inverse + other._inverse
        self.settings = other.settings
        self.setObsolete(self.settings == self.original)
        return True


class RenameBlock(ModelCommand):
    def __init__(self, campaign, block_id: str, name: str):
        super().__init__(campaign, "Rename block")
        self.block_id, self.name = block_id, name

    def perform(self, rec):
        rec.rename_block(self.block_id, self.name)


class Paste(ModelCommand):
    """A copied fragment (this campaign or another) added as one step; optionally dropped on a path."""

    def __init__(self, campaign, fragment: dict, offset: tuple[float, float], source: str | None = None,
                 path: str | None = None):
        super().__init__(campaign, f"Paste {len(fragment.get('blocks', []))} block(s)")
        self.fragment, self.offset, self.source, self.path = copy.deepcopy(fragment), offset, source, path
        self.pasted: list[str] = []

    def perform(self, rec):
        wf = rec.wf
        blocks = [Block.from_json(b) for b in self.fragment.get("blocks", [])]
        mapping = {}
        for block in blocks:
            mapping[block.id] = wf.new_id(block.type.replace("_", "-"))
            block.id = mapping[block.id]
            block.position = Position(block.position.x + self.offset[0], block.position.y + self.offset[1])
            rec.add_block(block)
        for raw in self.fragment.get("edges", []):
            edge = Edge.from_json(raw)
            rec.connect(mapping[edge.source], mapping[edge.target], edge.path)
        for raw in self.fragment.get("notes", []):
            note = Note.from_json(raw)
            note.id = wf.new_id("note")
            note.block = mapping.get(note.block) if note.block else None
            note.position = Position(note.position.x + self.offset[0], note.position.y + self.offset[1])
            rec.add_note(note)
        self.pasted = [b.id for b in blocks]
        if self.source is not None and blocks:
            head = next(b for b in blocks if not wf.incoming(b.id))
            tail = head
            while True:  # follow the fragment's first outputs down to its last block
                nxt = [e.target for e in wf.outgoing(tail.id)]
                if not nxt:
                    break
                tail = wf.block(nxt[0])
            edge = wf.edge_on(self.source, self.path)
            if edge is not None:
                rec.disconnect(edge)
            rec.connect(self.source, head.id, self.path)
            outs = [p for p, _ in tail.outputs()]
            if edge is not None and outs:
                rec.connect(tail.id, edge.target, outs[0])


class Tidy(ModelCommand):
    def __init__(self, campaign, block_ids: list[str] | None = None):
        super().__init__(campaign, "Tidy up" + (" selection" if block_ids else ""))
        self.block_ids = block_ids

    def perform(self, rec):
        rec.move_blocks(rec.wf.tidy_layout(self.block_ids))


class AddNote(ModelCommand):
    def __init__(self, campaign, position: Position, block: str | None = None, text: str = "", color: str = "yellow"):
        super().__init__(campaign, "Add note")
        self.note_json = Note(campaign.workflow.new_id("note"), text, color, block, position).to_json()

    def perform(self, rec):
        rec.add_note(Note.from_json(self.note_json))


class EditNote(ModelCommand):
    def __init__(self, campaign, note_id: str, **changes):
        super().__init__(campaign, "Edit note")
        self.note_id, self.changes = note_id, changes

    def perform(self, rec):
        rec.update_note(self.note_id, **self.changes)


class SetCampaign(ModelCommand):
    """Campaign settings and top-level fields (`trigger=…`, `exit=…`, `name=…`)."""

    merge_id = 1002

    def __init__(self, campaign, text: str = "Edit campaign settings", merge_key: str = "", session: object = None,
                 **changes):
        super().__init__(campaign, text)
        self.changes, self.merge_key, self.session = changes, merge_key, session
        self.original = {k: copy.deepcopy(getattr(campaign if k in campaign.TOP_LEVEL else campaign.settings, k))
                         for k in changes}

    def perform(self, rec):
        rec.set_campaign(**copy.deepcopy(self.changes))

    def mergeWith(self, other) -> bool:
        """Typing in one settings field (same panel, same field path) is one step, as for blocks."""
        if not isinstance(other, SetCampaign) or not self.merge_key or other.merge_key != self.merge_key \
                or self.session is None or other.session is not self.session:
            return False
        self._inverse = self._inverse + other._inverse
        self.changes = {**self.changes, **other.changes}
        self.setObsolete(all(self.changes.get(k) == v for k, v in self.original.items())
                         and set(self.changes) <= set(self.original))
        return True
