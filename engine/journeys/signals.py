"""A tiny observer list, so views and undo commands can follow the model without Qt.

The canvas connects Qt slots to these; the engine never imports Qt. Callbacks
run synchronously in connection order; a callback that disconnects itself
while being called is safe because `emit` iterates over a copy.
"""
from __future__ import annotations

from typing import Any, Callable


class Signal:
    def __init__(self, name: str = ""):
        self.name = name
        self._slots: list[Callable[..., Any]] = []

    def connect(self, slot: Callable[..., Any]) -> Callable[..., Any]:
        """Call `slot(*args)` on every emit; returns the slot so it can be used as a decorator."""
        self._slots.append(slot)
        return slot

    def disconnect(self, slot: Callable[..., Any]) -> None:
        self._slots.remove(slot)

    def emit(self, *args: Any) -> None:
        for slot in list(self._slots):
            slot(*args)

    def __len__(self) -> int:
        return len(self._slots)

    def __repr__(self) -> str:
        return f"<Signal {self.name} ({len(self._slots)} slots)>"
