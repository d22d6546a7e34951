"""A scene of nodes, edges, drop indicators and notes that knows nothing about campaigns.

The owner (a controller listening to its own model) adds, updates and removes
items by key; the scene reports what the user did with signals and never
changes any model itself:

    itemsMoved(nodes: dict[id, QPointF], notes: dict[id, QPointF])   a drag ended (new positions)
    nodeDropped(node_id, indicator_key, copy)   a single node dropped on a "+" (move or alt-copy)
    copyDragged(node_ids, QPointF delta)         an alt-drag ended away from any "+"
    indicatorActivated(key)                      a "+" was clicked
    nodeActivated(id) / noteActivated(id)        double-clicks

After a drop on a "+" or an alt-drag the dragged items snap back: the model
decides where things end up and the owner redraws from its signals.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from widgets.node_canvas.items import DropIndicatorItem, EdgeItem, NodeItem, NoteItem
from widgets.node_canvas.theme import CanvasTheme

SNAP = 56.0  # how close (scene px) a dragged block must come to a "+" to target it


class NodeCanvasScene(QGraphicsScene):
    itemsMoved = Signal(dict, dict)
    nodeDropped = Signal(str, object, bool)
    copyDragged = Signal(list, QPointF)
    indicatorActivated = Signal(object)
    nodeActivated = Signal(str)
    noteActivated = Signal(str)

    def __init__(self, theme: CanvasTheme | None = None, parent=None):
        super().__init__(parent)
        self.theme = theme or CanvasTheme.light()
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[object, EdgeItem] = {}
        self.notes: dict[str, NoteItem] = {}
        self.indicators: dict[object, DropIndicatorItem] = {}
        self.edge_style = "orthogonal"
        self.notes_visible = True
        self._drag: dict | None = None
        self._edge_indicators: list[DropIndicatorItem] = []
        self._hot: DropIndicatorItem | None = None
        self._last_pos: dict[str, QPointF] = {}
        self.setBackgroundBrush(self.theme.background)

    # ---- theme ------------------------------------------------------------
    def set_theme(self, theme: CanvasTheme) -> None:
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        for item in self.items():
            # update() marks a DeviceCoordinateCache stale only once, for whichever device paints next
            # (the minimap's render took it and the view kept white blocks on a dark canvas): drop every cache.
            mode = item.cacheMode()
            if mode != QGraphicsItem.CacheMode.NoCache:
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
                item.setCacheMode(mode)
            item.update()
        for view in self.views():
            view.resetCachedContent()

    # ---- nodes ------------------------------------------------------------
    def add_node(self, node_id: str, pos: QPointF, *, title: str = "", subtitle: str = "", icon: QPixmap | None = None,
                 accent: QColor | str = "#8a90a0", warning: str = "", fixed: bool = False) -> NodeItem:
        item = NodeItem(node_id, title=title, subtitle=subtitle, icon=icon, accent=accent, warning=warning, fixed=fixed)
        item.setPos(pos)
        self._last_pos[node_id] = QPointF(pos)
        self.nodes[node_id] = item
        self.addItem(item)
        return item

    def update_node(self, node_id: str, *, title: str, subtitle: str, icon: QPixmap | None, accent, warning: str = "") -> None:
        self.nodes[node_id].set_content(title, subtitle, icon, accent, warning)

    def move_node(self, node_id: str, pos: QPointF) -> None:
        node = self.nodes[node_id]
        node.setPos(pos)
        self.node_position_changed(node)

    def remove_node(self, node_id: str) -> None:
        item = self.nodes.pop(node_id)
        for edge in list(item.edges_in) + list(item.edges_out):
            self.remove_edge(edge.key)
        self._last_pos.pop(node_id, None)
        self.removeItem(item)

    def node_position_changed(self, node: NodeItem) -> None:
        """Linked notes follow their node while it is dragged (the model moves them the same way)."""
        old = self._last_pos.get(node.node_id)
        new = node.pos()
        self._last_pos[node.node_id] = QPointF(new)
        node.follow_edges()
        if old is None or old == new:
            return
        delta = new - old
        for note in self.notes.values():
            if note.linked_node == node.node_id and not note.isSelected():
                note.setPos(note.pos() + delta)

    # ---- edges ------------------------------------------------------------
    def add_edge(self, key, source: str, target: str, label: str = "", lane_offset: float | None = None) -> EdgeItem:
        edge = EdgeItem(key, self.nodes[source], self.nodes[target], label, lane_offset, self.edge_style)
        self.edges[key] = edge
        self.addItem(edge)
        return edge

    def remove_edge(self, key) -> None:
        edge = self.edges.pop(key, None)
        if edge is not None:
            edge.detach()
            self.removeItem(edge)

    # ---- drop indicators ------------------------------------------------------
    def set_indicators(self, specs: list[tuple[object, QPointF, str, tuple[str, ...]]]) -> None:
        """Replace the persistent "+" items: (key, position, label, ids of the nodes it belongs to)."""
        wanted = {spec[0]: spec for spec in specs}
        for key in [k for k in self.indicators if k not in wanted]:
            self.removeItem(self.indicators.pop(key))
        for key, pos, label, owners in specs:
            item = self.indicators.get(key)
            if item is not None and item.label == label:
                item.setPos(pos)
            else:
                if item is not None:
                    self.removeItem(item)
                item = DropIndicatorItem(key, pos, label, persistent=True)
                self.indicators[key] = item
                self.addItem(item)
            item.owners = set(owners)

    def begin_drop(self, exclude: set[str] = frozenset()) -> None:
        """Show a "+" on every edge (those touching `exclude`d nodes excepted) for a drag in progress."""
        self.end_drop()
        for edge in self.edges.values():
            if edge.source.node_id in exclude or edge.target.node_id in exclude:
                continue
            item = DropIndicatorItem(("edge", edge.key), edge.drop_point())
            item.owners = {edge.source.node_id, edge.target.node_id}
            self._edge_indicators.append(item)
            self.addItem(item)
        self._exclude = set(exclude)

    def end_drop(self) -> None:
        for item in self._edge_indicators:
            self.removeItem(item)
        self._edge_indicators = []
        self._set_hot(None)
        self._exclude = set()

    def dropping(self) -> bool:
        return bool(self._edge_indicators) or self._drag is not None

    def indicator_near(self, point: QPointF, radius: float = SNAP) -> DropIndicatorItem | None:
        best, best_d = None, radius * radius
        exclude = getattr(self, "_exclude", set())
        for item in list(self.indicators.values()) + self._edge_indicators:
            if item.persistent and exclude & getattr(item, "owners", set()):
                continue
            d = item.pos() - point
            dist = d.x() * d.x() + d.y() * d.y()
            if dist < best_d:
                best, best_d = item, dist
        return best

    def hover_drop(self, point: QPointF) -> object | None:
        """Highlight the "+" nearest `point`; returns its key (None when nothing is close)."""
        item = self.indicator_near(point)
        self._set_hot(item)
        return item.key if item is not None else None

    def hot_key(self):
        return self._hot.key if self._hot is not None else None

    def _set_hot(self, item: DropIndicatorItem | None) -> None:
        if self._hot is not None and self._hot is not item and self._hot.scene() is self:
            self._hot.set_hot(False)
        self._hot = item
        if item is not None:
            item.set_hot(True)

    def indicator_clicked(self, item: DropIndicatorItem) -> None:
        self.indicatorActivated.emit(item.key)

    # ---- notes ------------------------------------------------------------
    def add_note(self, note_id: str, pos: QPointF, text: str, color: str, linked_node: str | None) -> NoteItem:
        item = NoteItem(note_id, text, color, linked_node)
        item.setPos(pos)
        item.setVisible(self.notes_visible)
        self.notes[note_id] = item
        self.addItem(item)
        return item

    def update_note(self, note_id: str, pos: QPointF, text: str, color: str, linked_node: str | None) -> None:
        item = self.notes[note_id]
        item.setPos(pos)
        item.set_content(text, color, linked_node)

    def remove_note(self, note_id: str) -> None:
        self.removeItem(self.notes.pop(note_id))

    def set_notes_visible(self, visible: bool) -> None:
        self.notes_visible = visible
        for note in self.notes.values():
            note.setVisible(visible)
            if not visible:
                note.setSelected(False)

    # ---- selection helpers ------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem) and not i.fixed]

    def selected_note_ids(self) -> list[str]:
        return [i.note_id for i in self.selectedItems() if isinstance(i, NoteItem)]

    def select_only(self, ids: list[str]) -> None:
        self.clearSelection()
        for node_id in ids:
            if node_id in self.nodes:
                self.nodes[node_id].setSelected(True)

    def content_rect(self) -> QRectF:
        return self.itemsBoundingRect()

    # ---- mouse: shift-click, drags, double-clicks -------------------------------------
    def mousePressEvent(self, event) -> None:
        item = self.itemAt(event.scenePos(), self.views()[0].transform() if self.views() else QTransform())
        if event.button() == Qt.MouseButton.LeftButton and event.modifiers() & Qt.KeyboardModifier.ShiftModifier \
                and isinstance(item, (NodeItem, NoteItem)):
            item.setSelected(not item.isSelected())  # shift-click toggles, as in the spec
            event.accept()
            return
        super().mousePressEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, (NodeItem, NoteItem)) and item.flags() & item.GraphicsItemFlag.ItemIsMovable:
            self._start_drag(item, bool(event.modifiers() & Qt.KeyboardModifier.AltModifier))

    def _start_drag(self, lead, copy: bool) -> None:
        nodes = {i.node_id: QPointF(i.pos()) for i in self.selectedItems() if isinstance(i, NodeItem) and not i.fixed}
        notes = {i.note_id: QPointF(i.pos()) for i in self.notes.values() if i.isSelected()
                 or (i.linked_node in nodes)}
        self._drag = {"lead": lead, "nodes": nodes, "notes": notes, "copy": copy, "started": False}

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        drag = self._drag
        if drag is None or not (event.buttons() & Qt.MouseButton.LeftButton):
            return
        for node_id in drag["nodes"]:
            self.node_position_changed(self.nodes[node_id])
        lead = drag["lead"]
        if not drag["started"]:
            drag["started"] = True
            if isinstance(lead, NodeItem) and len(drag["nodes"]) == 1:
                self.begin_drop(set(drag["nodes"]) if not drag["copy"] else set())
        if isinstance(lead, NodeItem) and len(drag["nodes"]) == 1:
            self.hover_drop(lead.pos())

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        drag, self._drag = self._drag, None
        if drag is None or event.button() != Qt.MouseButton.LeftButton:
            return
        hot = self.hot_key()
        self.end_drop()
        moved_nodes = {k: QPointF(self.nodes[k].pos()) for k, p in drag["nodes"].items() if k in self.nodes and self.nodes[k].pos() != p}
        moved_notes = {k: QPointF(self.notes[k].pos()) for k, p in drag["notes"].items() if k in self.notes and self.notes[k].pos() != p}
        if not moved_nodes and not moved_notes:
            return
        lead = drag["lead"]
        delta = (lead.pos() - drag["nodes"][lead.node_id]) if isinstance(lead, NodeItem) else \
            (lead.pos() - drag["notes"][lead.note_id])
        if hot is not None or drag["copy"]:
            self._restore(drag)  # the model decides; the owner redraws from its signals
            if hot is not None and len(drag["nodes"]) == 1:
                self.nodeDropped.emit(next(iter(drag["nodes"])), hot, drag["copy"])
            elif drag["copy"] and drag["nodes"]:
                self.copyDragged.emit(list(drag["nodes"]), delta)
            return
        self.itemsMoved.emit(moved_nodes, moved_notes)

    def _restore(self, drag: dict) -> None:
        for k, p in drag["nodes"].items():
            if k in self.nodes:
                self.move_node(k, p)
        for k, p in drag["notes"].items():
            if k in self.notes:
                self.notes[k].setPos(p)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.itemAt(event.scenePos(), self.views()[0].transform()) if self.views() else None
        if isinstance(item, NodeItem):
            self.nodeActivated.emit(item.node_id)
        elif isinstance(item, NoteItem):
            self.noteActivated.emit(item.note_id)
        else:
            super().mouseDoubleClickEvent(event)
