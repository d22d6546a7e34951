"""The items of a node canvas: nodes, edges, drop indicators and sticky notes.

Performance rules (500 nodes open in well under a second, a zoom-to-fit repaints
in a few tens of milliseconds):
- everything `paint()` needs — paths, elided strings, fonts, pens — is computed
  when the item's data changes, never in `paint()`;
- nodes and notes use `DeviceCoordinateCache`, so a repaint blits a pixmap;
- below a level of detail of 0.4 a node paints a plain rounded rectangle (text
  is unreadable there anyway), which keeps zoomed-out repaints cheap.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPixmap, QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from widgets.node_canvas.geometry import (
    CORNER, NODE_HEIGHT, NODE_WIDTH, curved_route, node_rect, orthogonal_route, rounded_polyline,
)
from widgets.node_canvas.theme import NOTE_FILLS, CanvasTheme

_TITLE_FONT = QFont()
_TITLE_FONT.setPointSizeF(10.0)
_TITLE_FONT.setWeight(QFont.Weight.DemiBold)
_SUB_FONT = QFont()
_SUB_FONT.setPointSizeF(8.6)
_LABEL_FONT = QFont()
_LABEL_FONT.setPointSizeF(8.0)
_LABEL_FONT.setWeight(QFont.Weight.Medium)
_NOTE_FONT = QFont()
_NOTE_FONT.setPointSizeF(9.0)

Z_EDGE, Z_INDICATOR, Z_NODE, Z_NOTE = 1, 2, 3, 4


def _theme(item: QGraphicsItem) -> CanvasTheme:
    scene = item.scene()
    return scene.theme if scene is not None and hasattr(scene, "theme") else CanvasTheme.light()


class NodeItem(QGraphicsItem):
    """A block: accent stripe, icon, title, subtitle, optional warning badge.

    Its position is its top-centre. Movable unless `fixed` (the trigger).
    """

    def __init__(self, node_id: str, *, title: str = "", subtitle: str = "", icon: QPixmap | None = None,
                 accent: QColor | str = "#8a90a0", warning: str = "", fixed: bool = False):
        super().__init__()
        self.node_id = node_id
        self.fixed = fixed
        self.edges_out: list["EdgeItem"] = []
        self.edges_in: list["EdgeItem"] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable, not fixed)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_NODE)
        self.setAcceptHoverEvents(True)
        self._bounds = node_rect().adjusted(-4, -4, 4, 4)
        self._shape = QPainterPath()
        self._shape.addRoundedRect(node_rect(), CORNER, CORNER)
        self.set_content(title, subtitle, icon, accent, warning)

    # -- data -------------------------------------------------------------
    def set_content(self, title: str, subtitle: str, icon: QPixmap | None, accent: QColor | str, warning: str = "") -> None:
        self.title, self.subtitle, self.icon, self.warning = title, subtitle, icon, warning
        self.accent = QColor(accent)
        self._accent_soft = QColor(self.accent)
        self._accent_soft.setAlpha(38)
        text_w = NODE_WIDTH - 62 - (20 if warning else 0)
        self._title = QFontMetricsF(_TITLE_FONT).elidedText(title, Qt.TextElideMode.ElideRight, text_w)
        self._subtitle = QFontMetricsF(_SUB_FONT).elidedText(warning or subtitle, Qt.TextElideMode.ElideRight, text_w)
        self.setToolTip("\n".join(x for x in (title, subtitle, warning) if x))
        self.update()

    def input_point(self) -> QPointF:
        return self.pos()

    def output_point(self) -> QPointF:
        return self.pos() + QPointF(0, NODE_HEIGHT)

    # -- QGraphicsItem ------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def follow_edges(self) -> None:
        """Re-route this node's edges after it moved. (Not done in `itemChange`: PySide6 mishandles
        the reference count of the value returned there, which crashed with hundreds of nodes.)"""
        for edge in self.edges_out:
            edge.update_path()
        for edge in self.edges_in:
            edge.update_path()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        theme = _theme(self)
        rect = node_rect()
        selected = self.isSelected()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if lod < 0.4:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.selected if selected else self.accent)
            painter.drawRoundedRect(rect, CORNER, CORNER)
            return
        border = theme.selected if selected else (theme.warning if self.warning else theme.node_border)
        painter.setPen(QPen(border, 2.0 if selected else 1.0))
        painter.setBrush(theme.node_fill)
        painter.drawRoundedRect(rect, CORNER, CORNER)
        # accent tile behind the icon
        tile = QRectF(rect.left() + 12, rect.top() + 14, 36, 36)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._accent_soft)
        painter.drawRoundedRect(tile, 8, 8)
        if self.icon is not None and not self.icon.isNull():
            painter.drawPixmap(QRectF(tile.left() + 7, tile.top() + 7, 22, 22), self.icon, QRectF(self.icon.rect()))
        painter.setPen(theme.text)
        painter.setFont(_TITLE_FONT)
        painter.drawText(QRectF(rect.left() + 58, rect.top() + 12, NODE_WIDTH - 66, 20),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._title)
        painter.setPen(theme.warning if self.warning else theme.subtext)
        painter.setFont(_SUB_FONT)
        painter.drawText(QRectF(rect.left() + 58, rect.top() + 33, NODE_WIDTH - 66, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self._subtitle)
        if self.warning:
            badge = QRectF(rect.right() - 26, rect.top() + 10, 16, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.warning)
            painter.drawEllipse(badge)
            painter.setPen(QPen(QColor("#ffffff"), 2))
            painter.drawLine(QPointF(badge.center().x(), badge.top() + 4), QPointF(badge.center().x(), badge.top() + 9))
            painter.drawPoint(QPointF(badge.center().x(), badge.top() + 12))


class EdgeItem(QGraphicsItem):
    """A connection from a node's output to another node's input, with an optional path label.

    `lane_offset` (relative to the source's x) routes a branch path down its
    own column; `style` is "orthogonal" or "curved".
    """

    def __init__(self, key, source: NodeItem, target: NodeItem, label: str = "", lane_offset: float | None = None,
                 style: str = "orthogonal"):
        super().__init__()
        self.key = key
        self.source, self.target = source, target
        self.label = label
        self.lane_offset = lane_offset
        self.style = style
        self.setZValue(Z_EDGE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        source.edges_out.append(self)
        target.edges_in.append(self)
        self._path = QPainterPath()
        self._arrow = QPolygonF()
        self._label_rect = QRectF()
        self._bounds = QRectF()
        self._drop_point = QPointF()
        self.update_path()

    def detach(self) -> None:
        for lst, item in ((self.source.edges_out, self), (self.target.edges_in, self)):
            if item in lst:
                lst.remove(item)

    def set_label(self, label: str, lane_offset: float | None) -> None:
        self.label, self.lane_offset = label, lane_offset
        self.update_path()

    def drop_point(self) -> QPointF:
        """Where this edge's "+" drop indicator sits (on its last straight stretch)."""
        return self._drop_point

    def update_path(self) -> None:
        start, end = self.source.output_point(), self.target.input_point()
        lane = None if self.lane_offset is None else start.x() + self.lane_offset
        if self.style == "curved":
            path = curved_route(start, end)
            self._drop_point = path.pointAtPercent(0.5)
            label_at = path.pointAtPercent(0.3)
        else:
            points = orthogonal_route(start, end, lane)
            path = rounded_polyline(points)
            if lane is not None:
                self._drop_point = QPointF(lane, (points[2].y() + points[3].y()) / 2 + 12)
                label_at = QPointF(lane, points[2].y() + 2)
            else:
                a, b = points[-2], points[-1]
                self._drop_point = QPointF(b.x(), (a.y() + b.y()) / 2) if len(points) > 2 else (a + b) / 2
                label_at = (a + b) / 2
        self.prepareGeometryChange()
        self._path = path
        self._arrow = QPolygonF([end, end + QPointF(-5, -8), end + QPointF(5, -8)])
        if self.label:
            fm = QFontMetricsF(_LABEL_FONT)
            w = fm.horizontalAdvance(self.label) + 16
            self._label_rect = QRectF(label_at.x() - w / 2, label_at.y() - 1, w, 18)
        else:
            self._label_rect = QRectF()
        self._bounds = self._path.boundingRect().united(self._arrow.boundingRect()).united(self._label_rect).adjusted(-3, -3, 3, 3)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        return stroker.createStroke(self._path)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = _theme(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.edge, 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.edge)
        painter.drawPolygon(self._arrow)
        if self.label and option.levelOfDetailFromTransform(painter.worldTransform()) >= 0.4:
            painter.setBrush(theme.label_fill)
            painter.setPen(QPen(theme.node_border, 1))
            painter.drawRoundedRect(self._label_rect, 9, 9)
            painter.setPen(theme.label_text)
            painter.setFont(_LABEL_FONT)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)


class DropIndicatorItem(QGraphicsItem):
    """A "+" where a block can go: on an edge, or at the end of a (branch) path, with its label."""

    RADIUS = 11.0

    def __init__(self, key, pos: QPointF, label: str = "", persistent: bool = False):
        super().__init__()
        self.key = key
        self.label = label
        self.persistent = persistent
        self.hot = False
        self.setPos(pos)
        self.setZValue(Z_INDICATOR)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Drop a block here" + (f" ({label})" if label else ""))
        self._label_rect = QRectF()
        if label:
            w = QFontMetricsF(_LABEL_FONT).horizontalAdvance(label) + 16
            self._label_rect = QRectF(-w / 2, -self.RADIUS - 24, w, 18)
        r = self.RADIUS + 2
        self._bounds = QRectF(-r, -r, 2 * r, 2 * r).united(self._label_rect).adjusted(-2, -2, 2, 2)

    def set_hot(self, hot: bool) -> None:
        if hot != self.hot:
            self.hot = hot
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def mousePressEvent(self, event) -> None:
        scene = self.scene()
        if scene is not None and hasattr(scene, "indicator_clicked"):
            scene.indicator_clicked(self)
        event.accept()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = _theme(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = theme.indicator_hot if self.hot else theme.indicator
        if self._label_rect.isValid():
            painter.setPen(QPen(theme.node_border, 1))
            painter.setBrush(theme.label_fill)
            painter.drawRoundedRect(self._label_rect, 9, 9)
            painter.setPen(theme.label_text)
            painter.setFont(_LABEL_FONT)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)
        r = self.RADIUS + (2 if self.hot else 0)
        pen = QPen(color, 1.5, Qt.PenStyle.SolidLine if self.hot else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(color) if self.hot else QBrush(theme.background))
        painter.drawEllipse(QPointF(0, 0), r, r)
        painter.setPen(QPen(QColor("#ffffff") if self.hot else color, 1.8))
        painter.drawLine(QPointF(-5, 0), QPointF(5, 0))
        painter.drawLine(QPointF(0, -5), QPointF(0, 5))


class NoteItem(QGraphicsItem):
    """A sticky note: coloured paper with wrapped text; `linked_node` makes it follow that node."""

    WIDTH, HEIGHT = 190.0, 110.0

    def __init__(self, note_id: str, text: str = "", color: str = "yellow", linked_node: str | None = None):
        super().__init__()
        self.note_id = note_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(Z_NOTE)
        self._bounds = QRectF(-2, -2, self.WIDTH + 6, self.HEIGHT + 6)
        self.set_content(text, color, linked_node)

    def set_content(self, text: str, color: str, linked_node: str | None) -> None:
        self.text, self.color, self.linked_node = text, color, linked_node
        self.setToolTip(text + ("\n(linked to a block)" if linked_node else ""))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option, widget=None) -> None:
        theme = _theme(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(NOTE_FILLS.get(self.color, NOTE_FILLS["yellow"])[1 if theme.dark else 0])
        rect = QRectF(0, 0, self.WIDTH, self.HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 40))
        painter.drawRoundedRect(rect.translated(2, 3), 4, 4)
        painter.setBrush(fill)
        painter.setPen(QPen(theme.selected, 2) if self.isSelected() else Qt.PenStyle.NoPen)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(theme.text)
        painter.setFont(_NOTE_FONT)
        painter.drawText(rect.adjusted(10, 8, -10, -8), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, self.text or "Double-click to write…")
        if self.linked_node:
            painter.setBrush(theme.subtext)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(QPointF(self.WIDTH - 10, 10), 3, 3)
