"""A minimap in the corner of a canvas view: the whole scene small, the visible part framed.

The scene picture is cached in a pixmap and re-rendered at most every 200 ms
after the scene changes, so dragging a node never pays for a full scene render
per mouse move. Clicking or dragging on the minimap centres the view there.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QWidget


class Minimap(QWidget):
    def __init__(self, view, size=(200, 132)):
        super().__init__(view)
        self.view = view
        self.setObjectName("canvasMinimap")
        self.setFixedSize(*size)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._pixmap = QPixmap()
        self._source = QRectF()
        self._target = QRectF()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh)

    def schedule(self, *_args) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def refresh(self) -> None:
        scene = self.view.scene()
        if scene is None or not self.isVisible():
            return
        rect = scene.itemsBoundingRect().adjusted(-60, -60, 60, 60)
        if rect.isEmpty():
            rect = QRectF(-200, -100, 400, 300)
        self._source = rect
        w, h = self.width() - 8, self.height() - 8
        scale = min(w / rect.width(), h / rect.height())
        tw, th = rect.width() * scale, rect.height() * scale
        self._target = QRectF(4 + (w - tw) / 2, 4 + (h - th) / 2, tw, th)
        ratio = self.devicePixelRatioF()
        pix = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
        pix.setDevicePixelRatio(ratio)
        pix.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pix)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, self._target, rect)
        painter.end()
        self._pixmap = pix
        self.update()

    def _to_scene(self, p: QPointF) -> QPointF:
        if self._target.isEmpty():
            return QPointF()
        sx = self._source.width() / self._target.width()
        return QPointF(self._source.left() + (p.x() - self._target.left()) * sx,
                       self._source.top() + (p.y() - self._target.top()) * sx)

    def _to_map(self, r: QRectF) -> QRectF:
        if self._source.isEmpty():
            return QRectF()
        s = self._target.width() / self._source.width()
        return QRectF(self._target.left() + (r.left() - self._source.left()) * s,
                      self._target.top() + (r.top() - self._source.top()) * s, r.width() * s, r.height() * s)

    def paintEvent(self, event) -> None:
        theme = self.view.scene().theme
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bg = QColor(theme.node_fill)
        bg.setAlpha(235)
        painter.setPen(QPen(theme.node_border, 1))
        painter.setBrush(bg)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        if not self._pixmap.isNull():
            painter.drawPixmap(0, 0, self._pixmap)
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        frame = self._to_map(visible).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        fill = QColor(theme.selected)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.setPen(QPen(theme.selected, 1.5))
        painter.drawRoundedRect(frame, 3, 3)

    def mousePressEvent(self, event) -> None:
        self.view.centerOn(self._to_scene(event.position()))
        self.update()

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.view.centerOn(self._to_scene(event.position()))
            self.update()
