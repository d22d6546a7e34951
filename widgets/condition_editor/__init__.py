"""An editor for the shared condition tree of spec §2 (engine/journeys/conditions.py).

Used by triggers, filters, branches, wait-until paths, action conditions and
goals. It edits canonical JSON (`value()` / `set_value()`), offers only what
the place accepts (`CONTEXTS[context]`: node kinds, OR groups, NOT groups),
and keeps fields it has no widget for (event data filters, refinements) as
they were, so opening and saving never loses data.
"""
from widgets.condition_editor.editor import ConditionEditor, GroupWidget, LeafRow

__all__ = ["ConditionEditor", "GroupWidget", "LeafRow"]
