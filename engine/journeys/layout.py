"""Tidy-up: a top-to-bottom layout of the workflow, branch paths side by side.

Rows: a block sits one row below its lowest parent (longest path from the
trigger), so a block where paths reconverge comes after every path that leads
to it. Columns: the graph is read as a tree. A block with one parent
belongs to that parent's output column; every output of a block gets at
least one column, even an empty one, so a branch's paths never overlap, and
a block is centred over the columns of its outputs.

Where paths reconverge (a block with several parents — the step after a
branch's True and False paths), the block belongs to the branch the paths
split from: their lowest common ancestor in the tree. It and everything
below it are centred under that branch, not pushed into the first path's
column (which put the continuation under "True"); the branch is as wide as
the wider of its paths and its merged continuation.

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

    # tree parent: the only forward parent, or — where paths merge — their lowest common ancestor
    owner: dict[str, str] = {}
    merged: dict[str, list[str]] = {n: [] for n in members}  # merge blocks centred under their branch
    depth: dict[str, int] = {}
    for node in order:  # parents are placed in the tree before their children
        forward = [p for p in parents[node] if row[p] < row[node]]
        if len(set(forward)) == 1:
            owner[node] = forward[0]
        elif forward:
            owner[node] = _common_ancestor(set(forward), owner, depth)
            merged[owner[node]].append(node)
        depth[node] = depth.get(owner[node], 0) + 1 if node in owner else 0

    def owned(node: str, kid: str | None) -> bool:
        return kid is not None and owner.get(kid) == node and kid not in merged[node]

    width: dict[str, float] = {}
    for node in reversed(order):  # children before parents: no recursion, any depth
        paths = sum(width[kid] if owned(node, kid) else 1.0 for _, kid in children[node])
        width[node] = max(1.0, paths, *(width[m] for m in merged[node]))

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
        paths = sum(width[kid] if owned(node, kid) else 1.0 for _, kid in children[node])
        left = x[node] - paths / 2  # the paths are centred under the block, however wide a merge below is
        for _, kid in children[node]:
            if owned(node, kid):
                left_of[kid] = left
                left += width[kid]
            else:
                left += 1.0
        for kid in merged[node]:
            left_of[kid] = x[node] - width[kid] / 2

    origin_x = x.get(TRIGGER, 0.0)
    result = {n: Position(round((x[n] - origin_x) * COLUMN, 1), row[n] * ROW)
              for n in nodes}
    if selection is not None and nodes:
        before = [workflow.blocks[n].position for n in nodes]
        dx = min(p.x for p in before) - min(p.x for p in result.values())
        dy = min(p.y for p in before) - min(p.y for p in result.values())
        result = {n: Position(round(p.x + dx, 1), round(p.y + dy, 1)) for n, p in result.items()}
    return result


def _common_ancestor(nodes: set[str], owner: dict[str, str], depth: dict[str, int]) -> str:
    """The deepest tree ancestor shared by `nodes` (a node counts as its own ancestor)."""
    current = set(nodes)
    while len(current) > 1:
        deepest = max(depth.get(n, 0) for n in current)
        current = {owner.get(n, n) if depth.get(n, 0) == deepest else n for n in current}
        if all(n not in owner for n in current) and len(current) > 1:
            return min(current, key=lambda n: depth.get(n, 0))  # separate roots: no shared ancestor
    return current.pop()


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
