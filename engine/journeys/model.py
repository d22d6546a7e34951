"""The campaign and its workflow graph, with mutation methods and observer signals.

The canvas never edits fields directly: it calls a mutation method, which
checks the edit, applies it, fires the matching signal and returns what an
undo command needs to reverse it (the old value, or a `RemovedBlock`). So a
`QUndoCommand` is two calls — `redo` applies, `undo` applies the inverse —
and the canvas redraws from signals alone, whoever made the change.

Graph rules:
- the workflow starts at the pseudo-block `"trigger"` (edges name it in `from`);
- an edge is `{from, to, path?}`; `path` names one of the source's outputs
  (`true`/`false`, a cohort or wait-until path id …) and is absent for plain blocks;
- one edge per (source, path) — a path leads to one next block — but several
  edges may lead into the same block (paths reconverge);
- sticky notes float on the canvas; a note linked to a block (`block`) moves with it.

Serialised edges are sorted (by source block order, then output order), so
the JSON of a workflow depends only on its content, not on edit history:
undoing anything gives back byte-identical JSON.

Undo of compound edits: inside `with workflow.recording() as undo:` every
primitive mutation logs its own inverse, so the compound operations below
(`place_block`, `paste_fragment`, `delete_blocks`, `move_block_onto`,
`set_block_settings(..., disconnect_stale=True)`, `Campaign.set` …) are
undone exactly by `undo()` — the app's undo commands call these operations
and never re-implement them. An operation that raises inside `recording()`
is rolled back before the error propagates, so a refused edit leaves the
model untouched.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from engine.journeys.blocks import TRIGGER, Block, BlockSettings, block_type
from engine.journeys.errors import FormatError, ModelError, join  # noqa: F401  (ModelError: this module's API)
from engine.journeys.journal import Journaled, Undo  # noqa: F401  (Undo is part of this module's API)
from engine.journeys.operations import CanvasOperations
from engine.journeys.records import STR, Nested, Optional, Record, describe, setting
from engine.journeys.settings import CampaignSettings
from engine.journeys.signals import Signal
from engine.journeys.values import Position

NOTE_COLORS = ("yellow", "blue", "green", "pink", "purple", "gray")


def _plain(value: float) -> float:
    """260.0 -> 260: a note moved there and back must serialise exactly as before (undo gives equal JSON)."""
    return int(value) if float(value).is_integer() else value




@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str | None = None

    def to_json(self) -> dict:
        out = {"from": self.source, "to": self.target}
        if self.path is not None:
            out["path"] = self.path
        return out

    @classmethod
    def from_json(cls, data: Any, path: str = "") -> "Edge":
        if not isinstance(data, dict):
            raise FormatError(path, f"expected an edge object, got {describe(data)}")
        for key in ("from", "to"):
            if not isinstance(data.get(key), str):
                raise FormatError(join(path, key), "is required" if key not in data else f"expected a block id, got {describe(data[key])}")
        extra = set(data) - {"from", "to", "path"}
        if extra:
            key = sorted(extra)[0]
            raise FormatError(join(path, key), f"unknown key {key!r}")
        if "path" in data and not isinstance(data["path"], str):
            raise FormatError(join(path, "path"), f"expected a path id, got {describe(data['path'])}")
        return cls(data["from"], data["to"], data.get("path"))


@dataclass
class Note(Record):
    id: str = setting(STR)
    text: str = setting(STR, "", always=True)
    color: str = setting(STR, "yellow", always=True)
    block: str | None = setting(Optional(STR), None)
    position: Position = setting(Nested(Position), factory=Position, always=True)


@dataclass
class RemovedBlock:
    """Everything `restore_block` needs to put a removed block back exactly."""

    block: Block
    index: int
    edges: list[tuple[int, Edge]]  # the removed edges with their list positions
    healed: list[Edge] = field(default_factory=list)  # edges added to bridge the gap
    notes: list[str] = field(default_factory=list)  # notes that were linked to the block


class Workflow(Journaled, CanvasOperations):
    """Blocks (ordered), edges and notes, plus a signal per kind of change."""

    def __init__(self, blocks: Iterable[Block] = (), edges: Iterable[Edge] = (), notes: Iterable[Note] = ()):
        self.blocks: dict[str, Block] = {}
        self.edges: list[Edge] = []
        self.notes: dict[str, Note] = {}
        for name in ("block_added", "block_removed", "block_moved", "block_changed", "edge_added", "edge_removed",
                     "note_added", "note_removed", "note_changed", "changed"):
            setattr(self, name, Signal(name))
        for block in blocks:
            self.blocks[block.id] = block
        self.edges = list(edges)
        for note in notes:
            self.notes[note.id] = note

    # -- signals are declared for type checkers and readers
    block_added: Signal  # (block)
    block_removed: Signal  # (block)
    block_moved: Signal  # (block, old_position)
    block_changed: Signal  # (block, what) — what is "settings" or "name"
    edge_added: Signal  # (edge)
    edge_removed: Signal  # (edge)
    note_added: Signal  # (note)
    note_removed: Signal  # (note)
    note_changed: Signal  # (note)
    changed: Signal  # () after every mutation, for dirty flags and autosave

    # ---- reading ------------------------------------------------------------
    def block(self, block_id: str) -> Block:
        try:
            return self.blocks[block_id]
        except KeyError:
            raise ModelError(f"no block {block_id!r}") from None

    def outgoing(self, block_id: str) -> list[Edge]:
        return [e for e in self.edges if e.source == block_id]

    def incoming(self, block_id: str) -> list[Edge]:
        return [e for e in self.edges if e.target == block_id]

    def edge_on(self, source: str, path: str | None = None) -> Edge | None:
        return next((e for e in self.edges if e.source == source and e.path == path), None)

    def outputs(self, block_id: str) -> list[tuple[str | None, str]]:
        """The outputs of a block, or of the trigger (one unlabelled output)."""
        if block_id == TRIGGER:
            return [(None, "")]
        return self.block(block_id).outputs()

    def successors(self, block_id: str) -> list[str]:
        """Targets in output order (the order branches are drawn left to right)."""
        order = {p: i for i, (p, _) in enumerate(self.outputs(block_id))} if (block_id == TRIGGER or block_id in self.blocks) else {}
        edges = sorted(self.outgoing(block_id), key=lambda e: order.get(e.path, len(order)))
        return [e.target for e in edges]

    def _adjacency(self) -> dict[str, list[str]]:
        adjacency: dict[str, list[str]] = {}
        for e in self.edges:
            adjacency.setdefault(e.source, []).append(e.target)
        return adjacency

    def reachable(self, source: str = TRIGGER) -> set[str]:
        """Blocks reachable from `source` (the trigger by default), in O(blocks + edges)."""
        adjacency = self._adjacency()
        seen, stack = set(), [source]
        while stack:
            for target in adjacency.get(stack.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    def path_exists(self, source: str, target: str) -> bool:
        """Whether `target` can be reached from `source` following edges."""
        return source == target or target in self.reachable(source)

    def new_id(self, prefix: str) -> str:
        prefix = re.sub(r"[^A-Za-z0-9_-]+", "-", prefix).strip("-") or "block"
        taken = set(self.blocks) | set(self.notes) | {TRIGGER}
        for n in itertools.count(1):
            candidate = f"{prefix}-{n}"
            if candidate not in taken:
                return candidate
        raise AssertionError("unreachable")

    # ---- blocks ---------------------------------------------------------------
    def add_block(self, block: Block, index: int | None = None) -> Block:
        if block.id == TRIGGER or block.id in self.blocks or block.id in self.notes:
            raise ModelError(f"the id {block.id!r} is already used")
        block_type(block.type)
        items = list(self.blocks.items())
        items.insert(len(items) if index is None else index, (block.id, block))
        self.blocks = dict(items)
        self._log(lambda: self.remove_block(block.id, heal=False))
        self.block_added.emit(block)
        self.changed.emit()
        return block

    def remove_block(self, block_id: str, *, heal: bool = True) -> RemovedBlock:
        """Remove a block with its edges; with `heal`, a block with a single outgoing
        edge is bridged (its predecessors now lead to its successor), as the canvas
        does when a block is deleted from the middle of a path. Linked notes stay, unlinked."""
        block = self.block(block_id)
        index = list(self.blocks).index(block_id)
        touching = [(i, e) for i, e in enumerate(self.edges) if block_id in (e.source, e.target)]
        outgoing = [e for _, e in touching if e.source == block_id and e.target != block_id]
        incoming = [e for _, e in touching if e.target == block_id and e.source != block_id]
        healed: list[Edge] = []
        if heal and len(outgoing) == 1:
            healed = [Edge(e.source, outgoing[0].target, e.path) for e in incoming]
        for i, edge in reversed(touching):
            del self.edges[i]
        for _, edge in touching:
            self.edge_removed.emit(edge)
        del self.blocks[block_id]
        self.block_removed.emit(block)
        notes = [n.id for n in self.notes.values() if n.block == block_id]
        for note_id in notes:
            self.notes[note_id].block = None
            self.note_changed.emit(self.notes[note_id])
        for edge in healed:
            self.edges.append(edge)
            self.edge_added.emit(edge)
        removed = RemovedBlock(block, index, touching, healed, notes)
        self._log(lambda: self.restore_block(removed))
        self.changed.emit()
        return removed

    def restore_block(self, removed: RemovedBlock) -> Block:
        """Undo `remove_block`: the block, its edges, its list position and its notes come back."""
        for edge in removed.healed:
            self.edges.remove(edge)
            self.edge_removed.emit(edge)
        items = list(self.blocks.items())
        items.insert(removed.index, (removed.block.id, removed.block))
        self.blocks = dict(items)
        self.block_added.emit(removed.block)
        for i, edge in removed.edges:
            self.edges.insert(i, edge)
            self.edge_added.emit(edge)
        for note_id in removed.notes:
            if note_id in self.notes:
                self.notes[note_id].block = removed.block.id
                self.note_changed.emit(self.notes[note_id])
        self._log(lambda: self.remove_block(removed.block.id, heal=False))
        self.changed.emit()
        return removed.block

    def move_block(self, block_id: str, position: Position | tuple[float, float]) -> Position:
        """Move a block (and the notes linked to it); returns the old position."""
        return self.move_blocks({block_id: position})[block_id]

    def move_blocks(self, positions: dict[str, Position | tuple[float, float]]) -> dict[str, Position]:
        """Move several blocks at once (a drag of a selection, tidy-up); returns old positions."""
        old: dict[str, Position] = {}
        for block_id, pos in positions.items():
            block = self.block(block_id)
            pos = Position(*pos) if isinstance(pos, tuple) else Position(pos.x, pos.y)
            old[block_id] = block.position
            dx, dy = pos.x - block.position.x, pos.y - block.position.y
            block.position = pos
            self.block_moved.emit(block, old[block_id])
            for note in self.notes.values():
                if note.block == block_id and (dx or dy):
                    note.position = Position(_plain(note.position.x + dx), _plain(note.position.y + dy))
                    self.note_changed.emit(note)
        if old:
            self._log(lambda: self.move_blocks(old))
        self.changed.emit()
        return old

    def set_block_settings(self, block_id: str, settings: BlockSettings | dict, *,
                           disconnect_stale: bool = False) -> BlockSettings:
        """Replace a block's settings (object or JSON); returns the old settings object.

        A path the new settings drop (a removed cohort) must lead nowhere first; with
        `disconnect_stale` its connection is removed here (undone with the rest in a recording).
        """
        block = self.block(block_id)
        if isinstance(settings, dict):
            settings = block.kind.settings.from_json(settings, "settings")
        if not isinstance(settings, block.kind.settings):
            raise ModelError(f"{type(settings).__name__} are not settings of a {block.kind.label} block")
        kept = {p for p, _ in settings.outputs()}
        stale = [e for e in self.outgoing(block_id) if e.path not in kept]
        if stale and not disconnect_stale:
            raise ModelError(f"disconnect the blocks on paths {[e.path for e in stale]} before removing those paths")
        for edge in stale:
            self.disconnect(edge)
        old, block.settings = block.settings, settings
        self._log(lambda: self.set_block_settings(block_id, old))
        self.block_changed.emit(block, "settings")
        self.changed.emit()
        return old

    def rename_block(self, block_id: str, name: str) -> str:
        block = self.block(block_id)
        old, block.name = block.name, name
        self._log(lambda: self.rename_block(block_id, old))
        self.block_changed.emit(block, "name")
        self.changed.emit()
        return old

    # ---- edges ------------------------------------------------------------------
    def connect(self, source: str, target: str, path: str | None = None, *, index: int | None = None) -> Edge:
        if source != TRIGGER:
            self.block(source)
        self.block(target)
        outputs = [p for p, _ in self.outputs(source)]
        if not outputs:
            raise ModelError(f"nothing can follow the exit block {source!r}")
        if path not in outputs:
            names = ", ".join(repr(p) for p in outputs)
            raise ModelError(f"{source!r} has no path {path!r} (its paths: {names})")
        if self.edge_on(source, path) is not None:
            raise ModelError(f"the path {path!r} of {source!r} already leads to a block")
        if source == target or self.path_exists(target, source):
            raise ModelError(f"connecting {source!r} to {target!r} would make a loop")
        edge = Edge(source, target, path)
        self.edges.insert(len(self.edges) if index is None else index, edge)
        self._log(lambda: self.disconnect(edge))
        self.edge_added.emit(edge)
        self.changed.emit()
        return edge

    def disconnect(self, edge: Edge) -> int:
        """Remove an edge; returns its index so `connect(..., index=i)` can undo exactly."""
        try:
            index = self.edges.index(edge)
        except ValueError:
            raise ModelError(f"no edge {edge.to_json()}") from None
        del self.edges[index]
        self._log(lambda: self.connect(edge.source, edge.target, edge.path, index=index))
        self.edge_removed.emit(edge)
        self.changed.emit()
        return index

    def insert_block_on_edge(self, edge: Edge, block: Block, output: str | None = ...) -> Block:
        """Drop `block` onto `edge`: source → block → old target, through `output` (default: first)."""
        if edge not in self.edges:
            raise ModelError(f"no edge {edge.to_json()}")
        outputs = [p for p, _ in block.outputs()]
        if not outputs:
            raise ModelError("an Exit block ends a path: drop it at the end of one")
        output = outputs[0] if output is ... else output
        if output not in outputs:
            raise ModelError(f"{block.id!r} has no path {output!r}")
        if block.id not in self.blocks:
            self.add_block(block, self._index_after(edge.source))
        self.disconnect(edge)
        self.connect(edge.source, block.id, edge.path)
        self.connect(block.id, edge.target, output)
        return block

    def place_block(self, block: Block, source: str, path: str | None = None) -> Block:
        """Drop `block` on the output `path` of `source`: inserted on its edge, or appended at the path's end."""
        edge = self.edge_on(source, path)
        if edge is not None:
            return self.insert_block_on_edge(edge, block)
        if block.id not in self.blocks:
            self.add_block(block, self._index_after(source))
        self.connect(source, block.id, path)
        return block

    def _index_after(self, source: str) -> int:
        ids = list(self.blocks)
        return ids.index(source) + 1 if source in ids else (0 if source == TRIGGER else len(ids))

    # ---- notes ------------------------------------------------------------------
    def add_note(self, note: Note, index: int | None = None) -> Note:
        if note.id in self.notes or note.id in self.blocks or note.id == TRIGGER:
            raise ModelError(f"the id {note.id!r} is already used")
        if note.block is not None:
            self.block(note.block)
        items = list(self.notes.items())
        items.insert(len(items) if index is None else index, (note.id, note))
        self.notes = dict(items)
        self._log(lambda: self.remove_note(note.id))
        self.note_added.emit(note)
        self.changed.emit()
        return note

    def remove_note(self, note_id: str) -> tuple[Note, int]:
        """Returns the note and its index for `add_note(note, index)`."""
        if note_id not in self.notes:
            raise ModelError(f"no note {note_id!r}")
        index = list(self.notes).index(note_id)
        note = self.notes.pop(note_id)
        self._log(lambda: self.add_note(note, index))
        self.note_removed.emit(note)
        self.changed.emit()
        return note, index

    def update_note(self, note_id: str, **changes: Any) -> dict[str, Any]:
        """Change `text`, `color`, `block` or `position`; returns the old values (pass back to undo)."""
        note = self.notes.get(note_id)
        if note is None:
            raise ModelError(f"no note {note_id!r}")
        bad = set(changes) - {"text", "color", "block", "position"}
        if bad:
            raise ModelError(f"notes have no {sorted(bad)[0]!r}")
        if changes.get("block") is not None:
            self.block(changes["block"])
        if isinstance(changes.get("position"), tuple):
            changes["position"] = Position(*changes["position"])
        old = {key: getattr(note, key) for key in changes}
        for key, value in changes.items():
            setattr(note, key, value)
        self._log(lambda: self.update_note(note_id, **old))
        self.note_changed.emit(note)
        self.changed.emit()
        return old

    # ---- copy / paste ---------------------------------------------------------------
    def copy_fragment(self, block_ids: Iterable[str]) -> dict:
        """The selected blocks, the edges between them and their linked notes, as JSON
        (what the clipboard carries, also between campaigns)."""
        ids = [b for b in self.blocks if b in set(block_ids)]
        return {
            "format": "campaign-studio/fragment", "version": 1,
            "blocks": [self.blocks[b].to_json() for b in ids],
            "edges": [e.to_json() for e in self.edges if e.source in ids and e.target in ids],
            "notes": [n.to_json() for n in self.notes.values() if n.block in ids],
        }

    def paste_fragment(self, fragment: dict, offset: tuple[float, float] = (40, 40), source: str | None = None,
                       path: str | None = None) -> list[str]:
        """Add a copied fragment with fresh ids, shifted by `offset`; returns the new block ids.

        With `source`, the fragment is dropped on that output `path`: its first block follows
        `source`, and whatever followed there now follows the fragment's last block (down its
        first outputs). One paste is one undo step inside `recording()`.
        """
        mapping: dict[str, str] = {}
        blocks = [Block.from_json(b, join("blocks", i)) for i, b in enumerate(fragment.get("blocks", []))]
        for block in blocks:
            mapping[block.id] = self.new_id(block.type.replace("_", "-"))
            block.id = mapping[block.id]
            block.position = Position(block.position.x + offset[0], block.position.y + offset[1])
            self.add_block(block)
        for raw in fragment.get("edges", []):
            edge = Edge.from_json(raw)
            self.connect(mapping[edge.source], mapping[edge.target], edge.path)
        self.pasted_notes = []
        for raw in fragment.get("notes", []):
            note = Note.from_json(raw)
            note.id = self.new_id("note")
            note.block = mapping.get(note.block) if note.block else None
            note.position = Position(note.position.x + offset[0], note.position.y + offset[1])
            self.add_note(note)
            self.pasted_notes.append(note.id)
        if source is not None and blocks:
            self._splice(blocks, source, path)
        return [b.id for b in blocks]

    # ---- layout -----------------------------------------------------------------------
    def tidy_layout(self, block_ids: Iterable[str] | None = None) -> dict[str, Position]:
        """New positions for the whole graph (or the selection), top to bottom, branch paths side by side.

        Nothing moves: apply with `move_blocks(result)`, which returns the old
        positions for undo.
        """
        from engine.journeys.layout import tidy

        return tidy(self, None if block_ids is None else set(block_ids))

    # ---- JSON -------------------------------------------------------------------------
    def sorted_edges(self) -> list[Edge]:
        order = {TRIGGER: -1, **{b: i for i, b in enumerate(self.blocks)}}
        big = len(order) + 1

        def key(edge: Edge):
            try:
                outs = [p for p, _ in self.outputs(edge.source)]
            except ModelError:
                outs = []
            return (order.get(edge.source, big), outs.index(edge.path) if edge.path in outs else len(outs),
                    edge.path or "", order.get(edge.target, big), edge.target)

        return sorted(self.edges, key=key)

    def to_json(self) -> dict:
        return {
            "blocks": [b.to_json() for b in self.blocks.values()],
            "edges": [e.to_json() for e in self.sorted_edges()],
            "notes": [n.to_json() for n in self.notes.values()],
        }

    @classmethod
    def from_json(cls, data: Any, path: str = "workflow") -> "Workflow":
        if not isinstance(data, dict):
            raise FormatError(path, f"expected an object, got {describe(data)}")
        extra = set(data) - {"blocks", "edges", "notes"}
        if extra:
            key = sorted(extra)[0]
            raise FormatError(join(path, key), f"unknown key {key!r}")
        lists = {}
        for key in ("blocks", "edges", "notes"):
            value = data.get(key, [])
            if not isinstance(value, list):
                raise FormatError(join(path, key), f"expected an array, got {describe(value)}")
            lists[key] = value
        blocks = [Block.from_json(b, join(join(path, "blocks"), i)) for i, b in enumerate(lists["blocks"])]
        seen: set[str] = set()
        for i, block in enumerate(blocks):
            if block.id in seen or block.id == TRIGGER:
                raise FormatError(join(join(path, "blocks"), i) + ".id", f"the id {block.id!r} is used twice" if block.id in seen else "'trigger' is reserved")
            seen.add(block.id)
        edges = [Edge.from_json(e, join(join(path, "edges"), i)) for i, e in enumerate(lists["edges"])]
        notes = [Note.from_json(n, join(join(path, "notes"), i)) for i, n in enumerate(lists["notes"])]
        return cls(blocks, edges, notes)


class Campaign:
    """Name, description, tags, settings and workflow; `settings_changed(key, old, new)` on every `set`."""

    TOP_LEVEL = ("name", "description", "tags")

    def __init__(self, name: str = "Untitled", description: str = "", tags: Iterable[str] = (),
                 settings: CampaignSettings | None = None, workflow: Workflow | None = None):
        self.name = name
        self.description = description
        self.tags = list(tags)
        self.settings = settings or CampaignSettings()
        self.workflow = workflow or Workflow()
        self.settings_changed = Signal("settings_changed")
        self.changed = Signal("changed")
        self.workflow.changed.connect(self.changed.emit)

    def set(self, **changes: Any) -> dict[str, Any]:
        """Change top-level fields and settings (`trigger=…`, `exit="never"`); returns old values for undo."""
        settings_fields = {f for f in CampaignSettings.__dataclass_fields__}
        bad = set(changes) - settings_fields - set(self.TOP_LEVEL)
        if bad:
            raise ModelError(f"campaigns have no setting {sorted(bad)[0]!r}")
        old: dict[str, Any] = {}
        for key, value in changes.items():
            owner = self if key in self.TOP_LEVEL else self.settings
            old[key] = getattr(owner, key)
            setattr(owner, key, list(value) if key == "tags" else value)
            self.settings_changed.emit(key, old[key], value)
        self.workflow._log(lambda: self.set(**old))
        self.changed.emit()
        return old

    def to_json(self) -> dict:
        from engine.journeys.fileformat import dump_campaign

        return dump_campaign(self)
