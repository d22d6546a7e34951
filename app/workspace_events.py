"""The workspace's changes as one Qt signal, so every list in the window stays current.

`engine.store.Workspace` calls its listeners (plain callables) after each
commit that wrote something, naming the tables. This adapter turns that into
`changed(frozenset)` on the GUI thread, batched: the tables written within
`DELAY_MS` arrive as one emission, so an autosave burst or a multi-step
operation refreshes a list once. Who listens decides what a table means to
it (the status bar counts files, campaigns and people; "Used in" reads emails,
components and campaigns).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

DELAY_MS = 30
#: Tables whose change alters what the file list shows (names, "Used in", recent).
FILE_TABLES = frozenset({"folders", "emails", "components", "campaigns"})
#: Tables behind the status bar's counts.
COUNT_TABLES = frozenset({"emails", "components", "campaigns", "people"})


class WorkspaceEvents(QObject):
    changed = Signal(object)  # frozenset of table names
    _written = Signal(object)  # from the committing thread, queued to ours

    def __init__(self, workspace, parent: QObject | None = None):
        super().__init__(parent)
        self._ws = workspace
        self._pending: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._flush)
        self._written.connect(self._collect)
        workspace.add_listener(self._on_written)

    def detach(self) -> None:
        """Stop listening (the window closes; the workspace may outlive it)."""
        self._ws.remove_listener(self._on_written)
        try:
            self._timer.stop()
        except RuntimeError:  # already deleted with the window
            pass

    def _on_written(self, tables) -> None:
        try:
            self._written.emit(tables)
        except RuntimeError:  # the Qt side is gone: stop listening
            self._ws.remove_listener(self._on_written)

    def _collect(self, tables) -> None:
        self._pending |= set(tables)
        self._timer.start()

    def _flush(self) -> None:
        tables, self._pending = frozenset(self._pending), set()
        if tables:
            self.changed.emit(tables)
