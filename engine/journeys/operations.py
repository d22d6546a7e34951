"""The canvas's compound edits on a workflow, built from its primitive mutations.

Each is one undo step inside `Workflow.recording()` (engine/journeys/journal.py),
and each checks what it needs before changing anything, so a refusal
(`ModelError`) leaves the graph as it was. They live in the engine so the app
and the command line call the same operations and tests cover them without Qt.
"""
from __future__ import annotations

from typing import Iterable

from engine.journeys.blocks import TRIGGER, Block
from engine.journeys.errors import ModelError
from engine.journeys.values import Position


class CanvasOperations:
    """Mixin for `Workflow`: delete, move onto a path, make room, find open paths, splice a paste."""

    def _splice(self, blocks: list[Block], source: str, path: str | None) -> None:
        head = next(b for b in blocks if not self.incoming(b.id))
        tail = head
        while True:  # follow the fragment's first outputs down to its last block
            nxt = self.successors(tail.id)
            if not nxt:
                break
            tail = self.block(nxt[0])
        edge = self.edge_on(source, path)
        if edge is not None:
            self.disconnect(edge)
        self.connect(source, head.id, path)
        outs = [p for p, _ in tail.outputs()]
        if edge is not None and outs:
            self.connect(tail.id, edge.target, outs[0])

    def delete_blocks(self, block_ids: Iterable[str], note_ids: Iterable[str] = ()) -> None:
        """Delete blocks — bridging single-path blocks (§7) — and notes. A branch whose paths still
        lead to blocks outside the selection is refused: its paths must be emptied first."""
        order = list(self.blocks)
        ids = sorted(block_ids, key=order.index)
        selected = set(ids)
        for block_id in ids:
            targets = [e.target for e in self.outgoing(block_id) if e.target not in selected]
            if len(self.block(block_id).outputs()) > 1 and targets:
                raise ModelError(f"empty the paths of {self.block(block_id).label!r} before deleting it (§7)")
        for note_id in note_ids:
            self.remove_note(note_id)
        for block_id in ids:
            self.remove_block(block_id, heal=True)

    def move_block_onto(self, block_id: str, source: str, path: str | None = None,
                        positions: dict[str, Position] | None = None) -> None:
        """Take a block out of its place (its path closes up) and drop it on (source, path);
        `positions` then moves blocks (the dropped one, those pushed down to make room)."""
        block = self.block(block_id)
        if len(block.outputs()) > 1 and self.outgoing(block_id):
            raise ModelError("empty the branch's paths before moving it onto another path")
        if source == block_id:
            raise ModelError("a block can't be dropped after itself")
        self.remove_block(block_id, heal=True)
        self.place_block(block, source, path)
        if positions:
            self.move_blocks(positions)

    def make_room(self, source: str, path: str | None, end: Position | None = None) -> tuple[Position, dict[str, Position]]:
        """Where a block dropped on (source, path) goes, and the blocks below pushed one row down.

        On an edge it takes the target's place; at a path's end it goes one row below `source`,
        at `end.x` (where the canvas draws that path's "+", which only the canvas knows)."""
        from engine.journeys.layout import ROW

        edge = self.edge_on(source, path)
        if edge is not None:
            target = self.block(edge.target)
            below = self.reachable(edge.target) | {edge.target}
            shift = {b: Position(self.blocks[b].position.x, self.blocks[b].position.y + ROW) for b in below if b in self.blocks}
            return Position(target.position.x, target.position.y), shift
        x = end.x if end is not None else (0.0 if source == TRIGGER else self.block(source).position.x)
        top = 0.0 if source == TRIGGER else self.block(source).position.y
        return Position(round(x, 1), top + ROW), {}

    def free_outputs(self, block_id: str) -> list[str | None]:
        """The outputs of a block (or the trigger) that lead nowhere yet."""
        return [p for p, _ in self.outputs(block_id) if self.edge_on(block_id, p) is None]

    def first_open_path(self, source: str = TRIGGER) -> tuple[str, str | None] | None:
        """Following first outputs down from `source`, the first (block, path) that leads nowhere —
        where "add after" puts a block; None when the walk ends on an Exit block."""
        while True:
            outs = self.outputs(source)
            free = self.free_outputs(source)
            if free:
                return source, free[0]
            if not outs:
                return None
            source = self.edge_on(source, outs[0][0]).target


def fragment_offset(fragment: dict, at: Position) -> tuple[float, float]:
    """The shift that puts a copied fragment's top-left block corner at `at` (for `paste_fragment`)."""
    blocks = fragment.get("blocks", [])
    if not blocks:
        return (0.0, 0.0)
    left = min(b["position"]["x"] for b in blocks)
    top = min(b["position"]["y"] for b in blocks)
    return (round(at.x - left, 1), round(at.y - top, 1))
