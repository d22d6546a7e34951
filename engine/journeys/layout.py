"""Tidy-up: a top-to-bottom layout of the workflow, branch paths side by side.

Rows: a block sits one row below its lowest parent (longest path from the
trigger), so a block where paths reconverge comes after every path that leads
to it. Columns: the graph is read as a tree (each block belongs to its
deepest parent, then the leftmost); every output of a block gets at least
one column, even an empty one, so a branch's paths never overlap, and a
block is centred over the columns of its outputs.

With a selection only the selected blocks move: they are laid out among
themselves and the result is shifted so the selection's top-left corner stays
where it was. The trigger sits at (0, 0); positions are block top-centres.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from engine.journeys.blocks import TRIGGER
from engine.journeys.values import Position

if TYPE_CHECKING:
    from engine.journeys.model import Workflow

COLUMN = 260.0
ROW = 120.0


def tidy(workflow: "Workflow", selection: set[str] | None = None) -> dict[str, Position]:
    nodes = [b for b in workflow.blocks if selection is None or b in selection]
    include_trigger = selection is None
    members = set(nodes) | ({TRIGGER} if include_trigger else set())
    children: dict[str, list[tuple[str | None, str | None]]] = {}
    for node in members:
        outs = workflow.outputs(node) if node == TRIGGER or node in workflow.blocks else []
        by_path = {e.path: e.target for e in workflow.outgoing(node) if e.target in members}
        children[node] = [(path, by_path.get(path)) for path, _ in outs]
        children[node] += [(p, t) for p, t in by_path.items() if p not in {q for q, _ in outs}]

    parents: dict[str, list[str]] = {n: [] for n in members}
    for node, kids in children.items():
        for _, kid in kids:
            if kid is not None:
                parents[kid].append(node)

    order = _topological(members, children)
    at = {n: i for i, n in enumerate(order)}
    row = {n: 0 for n in members}
    for node in order:
        for _, kid in children[node]:
            if kid is not None and at[kid] > at[node]:
                row[kid] = max(row[kid], row[node] + 1)

    # tree parent: the deepest parent, then the first in block order
    rank = {TRIGGER: -1, **{b: i for i, b in enumerate(workflow.blocks)}}
    owner: dict[str, str] = {}
    for kid, ps in parents.items():
        forward = [p for p in ps if row[p] < row[kid]]
        if forward:
            owner[kid] = max(forward, key=lambda p: (row[p], -rank[p]))

    def owned(node: str, kid: str | None) -> bool:
        return kid is not None and owner.get(kid) == node

    width: dict[str, float] = {}
    for node in reversed(order):  # children before parents: no recursion, any depth
        width[node] = max(1.0, sum(width[kid] if owned(node, kid) else 1.0 for _, kid in children[node]))

    left_of: dict[str, float] = {}
    roots = [n for n in ([TRIGGER] if include_trigger else []) + nodes if n not in owner]
    cursor = 0.0
    for root in roots:
        left_of[root] = cursor
        cursor += width[root] + 0.5
    x: dict[str, float] = {}
    for node in order:
        left = left_of.get(node, 0.0)
        x[node] = left + width[node] / 2
        for _, kid in children[node]:
            if owned(node, kid):
                left_of[kid] = left
                left += width[kid]
            else:
                left += 1.0

    origin_x = x.get(TRIGGER, 0.0)
    result = {n: Position(round((x[n] - origin_x) * COLUMN, 1), row[n] * ROW)
              for n in nodes}
    if selection is not None and nodes:
        before = [workflow.blocks[n].position for n in nodes]
        dx = min(p.x for p in before) - min(p.x for p in result.values())
        dy = min(p.y for p in before) - min(p.y for p in result.values())
        result = {n: Position(round(p.x + dx, 1), round(p.y + dy, 1)) for n, p in result.items()}
    return result


def _topological(members: set[str], children: dict[str, list[tuple[str | None, str | None]]]) -> list[str]:
    """Kahn's order; blocks on a loop (invalid, but loadable) are appended in a stable order."""
    indegree = {n: 0 for n in members}
    for kids in children.values():
        for _, kid in kids:
            if kid is not None:
                indegree[kid] += 1
    ready = deque(sorted((n for n, d in indegree.items() if d == 0), key=lambda n: (n != TRIGGER, n)))
    order: list[str] = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for _, kid in children[node]:
            if kid is not None:
                indegree[kid] -= 1
                if indegree[kid] == 0:
                    ready.append(kid)
    placed = set(order)
    order += sorted(n for n in members if n not in placed)
    return order
