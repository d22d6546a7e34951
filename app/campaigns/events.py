"""Per-workspace notice that a campaign row changed in the store, for lists that show campaigns.

The store has no change notifications, and a list that only reads it on F5
goes stale (the Steps column of a campaign just built on the canvas). Whoever
writes a campaign row through the app announces it here; the campaign list
listens and refreshes. One `CampaignEvents` per workspace object, kept as
long as the workspace lives.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal

_BY_WORKSPACE: "weakref.WeakKeyDictionary[object, CampaignEvents]" = weakref.WeakKeyDictionary()


class CampaignEvents(QObject):
    changed = Signal(int)  # the id of a campaign whose row was written (saved, renamed, created …)


def campaign_events(workspace) -> CampaignEvents:
    events = _BY_WORKSPACE.get(workspace)
    if events is None:
        events = _BY_WORKSPACE[workspace] = CampaignEvents()
    return events
