"""CampaignCanvas: the node scene kept in step with a campaign's workflow.

It only listens: every model signal updates the matching items; nothing here
changes the model. Geometry rules of the campaign (which the generic scene
does not know):

- the trigger is a fixed node at (0, 0); a block's position is its top-centre;
- a branching block's paths each get a lane (a column) left to right; an edge
  on a path is routed down its lane and labelled with the path's name;
- every output that leads nowhere shows a persistent "+" (the end of a path,
  labelled on branches): drop a block there to extend that path.

Indicator keys are `("edge", (source, path))` for edges — the scene creates
those during drags — and `("end", (source, path))` for path ends.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QTimer

from app.campaigns import presentation as look
from engine.journeys import TRIGGER, Campaign
from engine.journeys.blocks import Block
from widgets.node_canvas import NODE_HEIGHT, NodeCanvasScene
from widgets.node_canvas.theme import CanvasTheme

LANE = 260.0  # a branch path's column width (engine/journeys/layout.py COLUMN)
END_GAP = 46.0  # how far below a block its path-end "+" sits


class CampaignCanvas:
    def __init__(self, campaign: Campaign, scene: NodeCanvasScene | None = None, email_names: dict[int, str] | None = None,
                 trigger_text=None, segment_names: dict[int, str] | None = None):
        self.campaign = campaign
        self.scene = scene or NodeCanvasScene(CanvasTheme.light())
        self.names = look.Names(email_names or {}, segment_names or {})
        self.email_names = self.names.emails
        self.trigger_text = trigger_text or (lambda c: look.trigger_summary(c, self.names))
        self._indicator_timer = QTimer()
        self._indicator_timer.setSingleShot(True)
        self._indicator_timer.setInterval(0)
        self._indicator_timer.timeout.connect(self.refresh_indicators)
        wf = campaign.workflow
        self._slots = [
            (wf.block_added, self._block_added), (wf.block_removed, self._block_removed),
            (wf.block_moved, self._block_moved), (wf.block_changed, self._block_changed),
            (wf.edge_added, self._edge_added), (wf.edge_removed, self._edge_removed),
            (wf.note_added, self._note_added), (wf.note_removed, self._note_removed),
            (wf.note_changed, self._note_changed), (campaign.settings_changed, self._settings_changed),
        ]
        for signal, slot in self._slots:
            signal.connect(slot)
        self.rebuild()

    def close(self) -> None:
        for signal, slot in self._slots:
            signal.disconnect(slot)
        self._slots = []

    # ---- full build ---------------------------------------------------------------
    def rebuild(self) -> None:
        scene = self.scene
        for key in list(scene.nodes):
            scene.remove_node(key)
        for key in list(scene.notes):
            scene.remove_note(key)
        scene.add_node(TRIGGER, QPointF(0, 0), title="Trigger", subtitle=self.trigger_text(self.campaign),
                       icon=look.icon_pixmap("mdi6.lightning-bolt", look.TRIGGER_COLOR), accent=look.TRIGGER_COLOR,
                       fixed=True)
        wf = self.campaign.workflow
        for block in wf.blocks.values():
            self._add_block_item(block)
        for edge in wf.edges:
            self._edge_added(edge)
        for note in wf.notes.values():
            self._note_added(note)
        self.refresh_indicators()

    def _subtitle(self, block: Block) -> str:
        text = look.block_summary(block, self.names)
        return block.kind.label if text == block.label else text  # a name that already says it all

    def _add_block_item(self, block: Block) -> None:
        color = look.accent(block)
        self.scene.add_node(block.id, QPointF(block.position.x, block.position.y), title=block.label,
                            subtitle=self._subtitle(block), icon=look.icon_pixmap(block.kind.icon, color),
                            accent=color, warning=look.warning(block))

    def refresh_block(self, block: Block) -> None:
        color = look.accent(block)
        self.scene.update_node(block.id, title=block.label, subtitle=self._subtitle(block),
                               icon=look.icon_pixmap(block.kind.icon, color), accent=color, warning=look.warning(block))

    # ---- model signals ----------------------------------------------------------------
    def _block_added(self, block) -> None:
        self._add_block_item(block)
        self._schedule()

    def _block_removed(self, block) -> None:
        self.scene.remove_node(block.id)
        self._schedule()

    def _block_moved(self, block, _old) -> None:
        self.scene.move_node(block.id, QPointF(block.position.x, block.position.y))
        self._schedule()

    def _block_changed(self, block, _what) -> None:
        self.refresh_block(block)
        self._relabel(block.id)
        self._schedule()

    def _settings_changed(self, key, _old, _new) -> None:
        if key == "trigger":
            trig = self.scene.nodes[TRIGGER]
            trig.set_content("Trigger", self.trigger_text(self.campaign), trig.icon, trig.accent)

    def _lane(self, source: str, path) -> tuple[str, float | None]:
        outputs = self.campaign.workflow.outputs(source)
        if len(outputs) <= 1:
            return "", None
        index = next((i for i, (p, _) in enumerate(outputs) if p == path), len(outputs) - 1)
        label = outputs[index][1] if index < len(outputs) else str(path)
        edge = self.campaign.workflow.edge_on(source, path)
        if edge is not None and len(self.campaign.workflow.incoming(edge.target)) == 1 and edge.target in self.scene.nodes:
            return label, self.scene.nodes[edge.target].pos().x() - self.scene.nodes[source].pos().x()
        return label, (index - (len(outputs) - 1) / 2) * LANE

    def _edge_added(self, edge) -> None:
        if edge.source not in self.scene.nodes or edge.target not in self.scene.nodes:
            return  # a dangling edge of an invalid file: validation reports it
        label, lane = self._lane(edge.source, edge.path)
        self.scene.add_edge((edge.source, edge.path), edge.source, edge.target, label, lane)
        self._schedule()

    def _edge_removed(self, edge) -> None:
        self.scene.remove_edge((edge.source, edge.path))
        self._schedule()

    def _relabel(self, source: str) -> None:
        for edge in self.campaign.workflow.outgoing(source):
            item = self.scene.edges.get((edge.source, edge.path))
            if item is not None:
                item.set_label(*self._lane(edge.source, edge.path))

    def _note_added(self, note) -> None:
        self.scene.add_note(note.id, QPointF(note.position.x, note.position.y), note.text, note.color, note.block)

    def _note_removed(self, note) -> None:
        self.scene.remove_note(note.id)

    def _note_changed(self, note) -> None:
        self.scene.update_note(note.id, QPointF(note.position.x, note.position.y), note.text, note.color, note.block)

    # ---- path ends ------------------------------------------------------------------------
    def _schedule(self) -> None:
        self._indicator_timer.start()

    def end_point(self, source: str, path) -> QPointF:
        node = self.scene.nodes[source]
        outputs = self.campaign.workflow.outputs(source)
        base = node.pos() + QPointF(0, NODE_HEIGHT + END_GAP)
        if len(outputs) <= 1:
            return base
        index = next((i for i, (p, _) in enumerate(outputs) if p == path), 0)
        return base + QPointF((index - (len(outputs) - 1) / 2) * LANE, 22)

    def refresh_indicators(self) -> None:
        """One "+" per output that leads nowhere (the trigger's too, when the workflow is empty)."""
        self._indicator_timer.stop()
        wf = self.campaign.workflow
        taken = {(e.source, e.path) for e in wf.edges}
        specs = []
        for source in [TRIGGER, *wf.blocks]:
            outputs = wf.outputs(source)
            for path, label in outputs:
                if (source, path) in taken:
                    continue
                specs.append((("end", (source, path)), self.end_point(source, path), label if len(outputs) > 1 else "",
                              (source,)))
        self.scene.set_indicators(specs)
        for source in wf.blocks:  # lanes follow their targets when blocks move
            if len(wf.outputs(source)) > 1:
                self._relabel(source)
