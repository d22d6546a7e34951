"""A generic node-graph canvas (no campaign knowledge): scene, items, view, minimap.

    scene   NodeCanvasScene — items by key, user gestures reported as signals
    items   NodeItem, EdgeItem, DropIndicatorItem, NoteItem (cached painting)
    view    NodeCanvasView — pan, zoom, fit, marquee, drops, PNG export
    minimap Minimap — the whole scene in a corner
    theme   CanvasTheme.light()/dark(), NOTE_FILLS
"""
from widgets.node_canvas.geometry import NODE_HEIGHT, NODE_WIDTH
from widgets.node_canvas.items import DropIndicatorItem, EdgeItem, NodeItem, NoteItem
from widgets.node_canvas.minimap import Minimap
from widgets.node_canvas.scene import NodeCanvasScene
from widgets.node_canvas.theme import NOTE_FILLS, CanvasTheme
from widgets.node_canvas.view import NodeCanvasView

__all__ = ["NODE_HEIGHT", "NODE_WIDTH", "DropIndicatorItem", "EdgeItem", "NodeItem", "NoteItem", "Minimap",
           "NodeCanvasScene", "CanvasTheme", "NOTE_FILLS", "NodeCanvasView"]
