"""The view over a `NodeCanvasScene`: pan, zoom, fit, marquee, minimap, PNG export, drops.

Input (spec §7 keyboard list): space+drag or right-drag pans, the wheel
scrolls, Ctrl+wheel zooms around the cursor, Ctrl +/- zoom, Ctrl+0 fits;
a left drag on empty canvas draws a selection marquee.

Drops from outside (a palette) are generic: the owner lists the MIME types it
accepts and connects `dropRequested(mime_data, indicator_key, scene_pos)`.
While a drag hovers, the nearest "+" lights up. `drop_mime()` runs the very
same code path without a platform drag, for tests and keyboard insertion.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import QGraphicsView

from widgets.node_canvas.minimap import Minimap

MIN_ZOOM, MAX_ZOOM = 0.1, 2.5
ZOOM_STEP = 1.2
GRID = 24.0


class NodeCanvasView(QGraphicsView):
    dropRequested = Signal(QMimeData, object, QPointF)
    zoomChanged = Signal(float)

    def __init__(self, scene, parent=None):
        super().__init__(scene, parent)
        self.setObjectName("nodeCanvasView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setAcceptDrops(True)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.accepted_mime_types: tuple[str, ...] = ()
        self._space = False
        self._pan_from: QPoint | None = None
        self.minimap = Minimap(self)
        scene.changed.connect(self.minimap.schedule)
        self._grow_scene_rect()
        for keys, slot in ((("Ctrl++", "Ctrl+="), self.zoom_in), (("Ctrl+-",), self.zoom_out), (("Ctrl+0",), self.zoom_to_fit)):
            for key in keys:
                sc = QShortcut(QKeySequence(key), self, slot)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ---- zoom ---------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        scale = factor / self.zoom()
        if abs(scale - 1) < 1e-6:
            return
        old_anchor = self.transformationAnchor()
        if anchor is None:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.scale(scale, scale)
        self.setTransformationAnchor(old_anchor)
        self.zoomChanged.emit(self.zoom())
        self.minimap.update()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_to_fit(self) -> None:
        """Fit the whole workflow in the part of the view the minimap leaves free.

        Decision: the minimap floats over the canvas (it must stay where the eye
        expects it), so fitting reserves a strip for it — beside the content or
        below it, whichever costs less zoom — and nothing fitted hides under it.
        When panned, content may pass beneath it; the minimap can be hidden
        (`set_minimap_visible`, the canvas toolbar's Minimap button).
        """
        rect = self.scene().itemsBoundingRect().adjusted(-40, -40, 40, 40)
        if rect.isEmpty():
            return
        self._grow_scene_rect()
        view = QRectF(self.viewport().rect())
        free = self._free_area(view, rect)
        factor = max(MIN_ZOOM, min(free.width() / rect.width(), free.height() / rect.height(), 1.0))
        self.resetTransform()
        self.scale(factor, factor)
        # put the content's centre at the free area's centre
        offset = (view.center() - free.center()) / factor
        self.centerOn(rect.center() + offset)
        self.zoomChanged.emit(self.zoom())
        self.minimap.update()

    def _free_area(self, view: QRectF, content: QRectF) -> QRectF:
        if not self.minimap.isVisibleTo(self):
            return view
        reserve_w, reserve_h = self.minimap.width() + 24, self.minimap.height() + 24
        beside = view.adjusted(0, 0, -reserve_w, 0)
        below = view.adjusted(0, 0, 0, -reserve_h)

        def fit(area: QRectF) -> float:
            return min(area.width() / content.width(), area.height() / content.height())

        return beside if fit(beside) >= fit(below) else below

    def reveal(self, rect: QRectF) -> None:
        """Scroll just enough that `rect` (scene) is in view and not under the minimap."""
        under = self.minimap.height() + 36 if self.minimap.isVisibleTo(self) else 40
        self.ensureVisible(rect, 40, under)
        self.minimap.update()

    def set_minimap_visible(self, visible: bool) -> None:
        self.minimap.setVisible(visible)
        if visible:
            self.minimap.schedule()

    def focus_on(self, point: QPointF) -> None:
        if self.zoom() < 0.6:
            self.set_zoom(0.9)
        self.centerOn(point)

    def _grow_scene_rect(self) -> None:
        """A generous scene rect so the canvas can be panned past its content."""
        rect = self.scene().itemsBoundingRect()
        self.setSceneRect(rect.adjusted(-2000, -1500, 2000, 2000))

    # ---- export --------------------------------------------------------------
    def render_image(self, scale: float = 1.0, margin: float = 40.0) -> QImage:
        """The whole scene (not only what is visible) as an image, on the canvas background."""
        scene = self.scene()
        rect = scene.itemsBoundingRect().adjusted(-margin, -margin, margin, margin)
        image = QImage(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)), QImage.Format.Format_ARGB32)
        image.fill(scene.theme.background)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        selected = scene.selectedItems()
        for item in selected:
            item.setSelected(False)
        scene.render(painter, QRectF(image.rect()), rect)
        painter.end()
        for item in selected:
            item.setSelected(True)
        return image

    def export_png(self, path: str, scale: float = 2.0) -> bool:
        return self.render_image(scale).save(path, "PNG")

    # ---- background ------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        theme = self.scene().theme
        painter.fillRect(rect, theme.background)
        if self.zoom() < 0.5:
            return
        painter.setPen(QPen(theme.grid, 1.6 * self.zoom() if self.zoom() < 1 else 1.6))
        left = int(rect.left() // GRID) * GRID
        top = int(rect.top() // GRID) * GRID
        points = []
        y = top
        while y < rect.bottom():
            x = left
            while x < rect.right():
                points.append(QPointF(x, y))
                x += GRID
            y += GRID
        painter.drawPoints(points)

    # ---- mouse and keys ----------------------------------------------------------
    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            self.set_zoom(self.zoom() * (ZOOM_STEP ** steps), anchor=event.position())
            event.accept()
            return
        super().wheelEvent(event)
        self.minimap.update()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def mousePressEvent(self, event) -> None:
        if event.button() in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self.pan_by(delta.x(), delta.y())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._pan_from is not None and event.button() in (Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton):
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)
        self._grow_scene_rect()

    def pan_by(self, dx: int, dy: int) -> None:
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() - dy)
        self.minimap.update()

    def contextMenuEvent(self, event) -> None:  # right button pans; no menu on release
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.minimap.move(self.viewport().width() - self.minimap.width() - 12, self.viewport().height() - self.minimap.height() - 12)
        self.minimap.schedule()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.minimap.update()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.minimap.schedule()

    # ---- drops from outside -----------------------------------------------------------
    def _accepts(self, mime: QMimeData) -> bool:
        return any(mime.hasFormat(t) for t in self.accepted_mime_types)

    def dragEnterEvent(self, event) -> None:
        if self._accepts(event.mimeData()):
            self.scene().begin_drop()
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if self._accepts(event.mimeData()):
            self.drag_over(event.mimeData(), self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self.scene().end_drop()

    def dropEvent(self, event) -> None:
        if self._accepts(event.mimeData()):
            self.finish_drop(event.mimeData(), self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
        else:
            event.ignore()

    def drag_over(self, mime: QMimeData, scene_pos: QPointF):
        return self.scene().hover_drop(scene_pos)

    def finish_drop(self, mime: QMimeData, scene_pos: QPointF) -> None:
        key = self.scene().hover_drop(scene_pos)
        self.scene().end_drop()
        self.dropRequested.emit(mime, key, scene_pos)

    def drop_mime(self, mime: QMimeData, scene_pos: QPointF) -> None:
        """A whole drag and drop without the platform: enter, hover, drop — the same code path."""
        self.scene().begin_drop()
        self.drag_over(mime, scene_pos)
        self.finish_drop(mime, scene_pos)
