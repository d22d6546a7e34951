"""Node sizes and edge routes: plain functions, so they are testable without a scene.

A node's position is its top-centre (the campaign model stores block
positions the same way), so a column of nodes shares one x.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

NODE_WIDTH = 232.0
NODE_HEIGHT = 64.0
CORNER = 10.0
BEND = 22.0  # how far an edge runs straight out of / into a node before turning
RADIUS = 8.0  # rounded corners of orthogonal edges


def node_rect() -> QRectF:
    return QRectF(-NODE_WIDTH / 2, 0, NODE_WIDTH, NODE_HEIGHT)


def rounded_polyline(points: list[QPointF], radius: float = RADIUS) -> QPainterPath:
    """A path through `points` with each corner rounded (clamped to half the shorter leg)."""
    pts = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    path = QPainterPath(pts[0])
    for i in range(1, len(pts) - 1):
        a, b, c = pts[i - 1], pts[i], pts[i + 1]
        d1 = ((b.x() - a.x()) ** 2 + (b.y() - a.y()) ** 2) ** 0.5
        d2 = ((c.x() - b.x()) ** 2 + (c.y() - b.y()) ** 2) ** 0.5
        r = min(radius, d1 / 2, d2 / 2)
        if r <= 0.5:
            path.lineTo(b)
            continue
        p1 = b + (a - b) * (r / d1)
        p2 = b + (c - b) * (r / d2)
        path.lineTo(p1)
        path.quadTo(b, p2)
    path.lineTo(pts[-1])
    return path


def orthogonal_route(start: QPointF, end: QPointF, lane_x: float | None = None) -> list[QPointF]:
    """Points from an output (bottom of a node) to an input (top of another), top to bottom.

    Without a lane the edge bends once, half-way down. With `lane_x` (a branch
    path's column) it leaves the source, runs across to its lane, down the lane,
    and across again just above the target — so reconverging paths stay apart.
    """
    if lane_x is None:
        if abs(start.x() - end.x()) < 0.5:
            return [start, end]
        mid = max(start.y() + BEND, (start.y() + end.y()) / 2) if end.y() > start.y() else start.y() + BEND
        if end.y() <= start.y() + 2 * BEND:  # target above or beside: go round below
            return [start, QPointF(start.x(), mid), QPointF(end.x(), mid), QPointF(end.x(), end.y() - BEND), end] \
                if end.y() <= start.y() else [start, QPointF(start.x(), mid), QPointF(end.x(), mid), end]
        return [start, QPointF(start.x(), mid), QPointF(end.x(), mid), end]
    y1 = start.y() + BEND
    y2 = max(y1, end.y() - BEND)
    return [start, QPointF(start.x(), y1), QPointF(lane_x, y1), QPointF(lane_x, y2), QPointF(end.x(), y2), end]


def curved_route(start: QPointF, end: QPointF) -> QPainterPath:
    dy = max(40.0, abs(end.y() - start.y()) / 2)
    path = QPainterPath(start)
    path.cubicTo(QPointF(start.x(), start.y() + dy), QPointF(end.x(), end.y() - dy), end)
    return path
