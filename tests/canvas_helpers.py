"""Helpers for the canvas tests: a workspace holding every email and segment the samples and
recipes name, and `drop()` — a palette drag that goes through the view's real drop code path."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPointF

import widgets.node_canvas  # noqa: F401  (applies the PySide6 None-refcount fix first)
from app.campaigns.document import CampaignDocument
from app.campaigns.palette import block_mime
from engine.journeys import campaign_to_parts, load_campaign
from engine.store import Workspace

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "resources" / "sample" / "campaigns").glob("*.campaign.json"))
EMAILS = ["Welcome", "Newsletter", "Abandoned cart", "Tips", "Confirm your subscription", "7 days left", "1 day left",
          "Trial ended", "Happy anniversary", "Why set up your profile", "Level up"]
SEGMENTS = ["Signed up", "Has cart", "Needs opt-in", "Clicked opt-in", "Trial ending", "Free plan", "Trial users",
            "Incomplete profile"]


def make_workspace(path: Path) -> Workspace:
    ws = Workspace.open(path / "canvas.db")
    for name in EMAILS:
        ws.files.create_email(name, source="<x-base><x-paragraph>Hi</x-paragraph></x-base>")
    for name in SEGMENTS:
        ws.people.add_segment(name, {"and": [{"attribute": {"field": "created_at", "operator": "is_timestamp"}}]})
    return ws


def store(ws: Workspace, campaign) -> int:
    name, settings, workflow = campaign_to_parts(campaign)
    return ws.campaigns.create(name, settings=settings, workflow=workflow).id


def open_doc(qtbot, ws: Workspace, campaign_id: int) -> CampaignDocument:
    doc = CampaignDocument(ws, campaign_id)
    qtbot.addWidget(doc)
    doc.resize(1440, 900)
    doc.show()
    qtbot.waitExposed(doc)
    from PySide6.QtWidgets import QApplication

    doc.windowHandle().requestActivate()  # shortcuts (B, Del, Shift+N …) need the active window
    QApplication.setActiveWindow(doc)  # offscreen: activation requests are not always honoured
    qtbot.waitUntil(lambda: doc.isActiveWindow(), timeout=2000)
    return doc


def indicator_pos(doc: CampaignDocument, key) -> QPointF:
    """Where the "+" for `key` is: persistent path ends, or the drop point of an edge."""
    kind, (source, path) = key
    if kind == "end":
        doc.canvas.refresh_indicators()
        return doc.scene.indicators[key].pos()
    return doc.scene.edges[(source, path)].drop_point()


def drop(doc: CampaignDocument, type_id: str, source: str, path=None, on_edge: bool | None = None) -> str:
    """Drag `type_id` from the palette onto (source, path): the view's drop path, as a mouse drop would."""
    wf = doc.campaign.workflow
    edge = wf.edge_on(source, path)
    key = ("edge" if edge is not None else "end", (source, path))
    before = set(wf.blocks)
    doc.view.drop_mime(block_mime(type_id), indicator_pos(doc, key))
    added = set(wf.blocks) - before
    assert len(added) == 1, f"dropping {type_id} on {key} added {added} ({getattr(doc, 'last_refusal', '')})"
    return added.pop()


def doc_json(doc: CampaignDocument) -> str:
    return json.dumps(doc.campaign.to_json(), sort_keys=True)


def load_sample(path: Path):
    return load_campaign(path)
