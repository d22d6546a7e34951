"""Undo commands of the editor window: every user edit is one `QUndoCommand`.

`FieldEdit` replaces one field of the document (`source`, `text`, `amp`,
`envelope`, `transformers`). Its first `redo()` does nothing when the edit
is already on screen (the user typed it); later undo/redo go through
`EditorWindow.apply_field`, which updates the document, the widget and
schedules the save.

Merging: edits to the same field with the same `merge_key` merge into the
command on top of the stack. `QUndoStack` itself never merges into a command
at its clean index, and the window marks the stack clean after every
autosave, so one command ends up holding one burst of typing — the "chunk"
between two pauses (see `editor.window`'s docstring for the whole model).
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

MERGE_ID = 4242


class FieldEdit(QUndoCommand):
    def __init__(self, window, field: str, before, after, label: str, *, merge_key: str | None = None,
                 already_applied: bool = True):
        super().__init__(label)
        self.window, self.field, self.before, self.after = window, field, before, after
        self.merge_key = merge_key
        self._skip_first_redo = already_applied

    def id(self) -> int:  # noqa: A003 - Qt API
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt API
        if not isinstance(other, FieldEdit) or other.merge_key != self.merge_key or other.field != self.field:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self.window.apply_field(self.field, self.after)

    def undo(self) -> None:
        self.window.apply_field(self.field, self.before)
