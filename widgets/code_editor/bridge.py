"""The QObject the editor page sees as `bridge` over the QWebChannel.

Everything crossing the page boundary goes through here, as JSON strings
(QWebChannel's own variant conversion loses nested dict/list types).
Python -> page: the `command(name, json)` signal, queued until the page says
it is ready, so callers never wait for Monaco to load. Page -> Python: the
slots below; two of them return a value the page receives in a callback
(Emmet expansion and formatting run in Python, next to the compiler).
"""
from __future__ import annotations

import json
import logging
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from engine.emmet import EmmetError, expand, is_abbreviation

from .formatting import format_source, format_text

log = logging.getLogger(__name__)


class EditorBridge(QObject):
    command = Signal(str, str)  # to the page: name, JSON arguments

    # to the widget
    page_ready = Signal()
    content_changed = Signal(str, int)  # text, Monaco version id
    state_changed = Signal(dict)
    shortcut_pressed = Signal(str)  # a key the host window handles (see editor.js)
    context_action = Signal(str)  # a host entry of the editor's context menu was chosen

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.ready = False
        self._queue: list[tuple[str, str]] = []
        self.known_tags: Callable[[], set[str]] = set

    def send(self, name: str, **args: Any) -> None:
        payload = json.dumps(args)
        if self.ready:
            self.command.emit(name, payload)
        else:
            self._queue.append((name, payload))

    def send_latest(self, name: str, **args: Any) -> None:
        """Like `send`, but a queued call of the same name is replaced (set_text twice before load)."""
        if not self.ready:
            self._queue = [(n, p) for n, p in self._queue if n != name]
        self.send(name, **args)

    # -- slots called by the page --
    @Slot(str)
    def pageReady(self, _info: str) -> None:  # noqa: N802 - JavaScript-facing name
        self.ready = True
        queued, self._queue = self._queue, []
        for name, payload in queued:
            self.command.emit(name, payload)
        self.page_ready.emit()

    @Slot(str, int)
    def contentChanged(self, text: str, version: int) -> None:  # noqa: N802
        self.content_changed.emit(text, version)

    @Slot(str)
    def stateChanged(self, state: str) -> None:  # noqa: N802
        self.state_changed.emit(json.loads(state))

    @Slot(str)
    def shortcut(self, name: str) -> None:
        self.shortcut_pressed.emit(name)

    @Slot(str)
    def contextAction(self, action_id: str) -> None:  # noqa: N802
        self.context_action.emit(action_id)

    @Slot(str, str, result=str)
    def expandEmmet(self, abbreviation: str, indent: str) -> str:  # noqa: N802
        """Monaco snippet text for the abbreviation, or "" when Tab should just indent."""
        if not is_abbreviation(abbreviation, self.known_tags()):
            return ""
        try:
            return expand(abbreviation, indent=indent or "  ", snippet=True)
        except EmmetError:
            return ""

    @Slot(str, str, int, result=str)
    def formatText(self, language: str, text: str, tab_size: int) -> str:  # noqa: N802
        if language == "liquid-text":
            return format_text(text)
        return format_source(text, " " * max(1, tab_size))
