"""Undo for the model: every primitive mutation logs its inverse while a recording runs.

`with workflow.recording() as undo:` collects how to reverse each primitive
mutation made inside it (add/remove/restore a block, connect/disconnect,
move, settings, rename, notes, `Campaign.set`), so any compound operation
built from primitives is undone exactly by `undo()` — the app keeps no copy
of the graph logic to know what to reverse. A recording whose body raises is
rolled back before the error propagates: a refused edit leaves the model as
it was. Recordings nest (the outer one collects).
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator


class Undo:
    """The inverses of the primitive mutations made during one `recording()`, undone last-first."""

    def __init__(self):
        self.inverse: list[Callable[[], Any]] = []

    def __call__(self) -> None:
        for fn in reversed(self.inverse):
            fn()
        self.inverse = []

    def __bool__(self) -> bool:
        return bool(self.inverse)

    def then(self, other: "Undo") -> "Undo":
        """Self's changes followed by `other`'s, as one step (undoing goes back before both)."""
        merged = Undo()
        merged.inverse = self.inverse + other.inverse
        return merged


class Journaled:
    """Mixin for the workflow: `recording()` and the `_log` its mutations call."""

    _journal: Undo | None = None

    @contextmanager
    def recording(self) -> Iterator[Undo]:
        """Collect how to undo every mutation made in the block; roll back if it raises."""
        if self._journal is not None:  # nested: the outer recording collects
            yield self._journal
            return
        undo = self._journal = Undo()
        try:
            yield undo
        except BaseException:
            self._journal = None
            undo()
            raise
        finally:
            self._journal = None

    def _log(self, inverse: Callable[[], Any]) -> None:
        if self._journal is not None:
            self._journal.inverse.append(inverse)
