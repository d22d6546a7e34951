"""Start the editor's slow parts before the user opens an email (issue 10 §17: first email ≤ 1 s).

Opening the first email used to pay, after the double-click, for importing
the editor and the engine (~0.7 s), starting Chromium and loading Monaco
(~1 s), the preview's page and its DevTools connection (~0.4 s) and a cold
first compile. The main window calls `schedule(workspace, settings)` once
its first paint is done; the warm-up then runs in small steps on later
event-loop turns, so the window stays responsive, and leaves one hidden
`CodeEditor` (Monaco loaded) and one hidden `PreviewPane` ready.
`EditorWindow` takes them (`take_editor`, `take_preview`) instead of making
its own, and a fresh pair is prepared after the next idle pause, so the
next email opens just as fast (`bench/editor_open.py`).

Decisions:
- One spare of each, never more: each is a Chromium page (memory).
- A spare is only handed out for the workspace and the settings object it
  was made with (the preview's sample list reads the workspace; the editor
  its preferences); any other caller builds its own, as before.
- Spares are deleted on `aboutToQuit` (a page outliving its profile warns).
- Only the app calls `schedule` (the main window's deferred start, which
  tests and the command line never run), so tests keep building their own.
"""
from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)

STEP_MS = 30  # between warm-up steps: a paint or an input event fits in between
REFILL_MS = 5000  # after a spare was taken: the opened editor has loaded by then

_state: dict = {"ws": None, "settings": None, "editor": None, "preview": None, "steps": [], "timer": None}


def schedule(workspace, settings, delay_ms: int = 0) -> None:
    """Warm up for `workspace` after `delay_ms` (idempotent; a new workspace replaces the spares)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    if _state["ws"] is not workspace or _state["settings"] is not settings:
        discard()
        _state["ws"], _state["settings"] = workspace, settings
    if _state["timer"] is None:
        timer = QTimer(app)
        timer.setSingleShot(True)
        timer.timeout.connect(_next_step)
        _state["timer"] = timer
        app.aboutToQuit.connect(discard)
    _state["steps"] = [_make_editor, _make_preview, _import_editor, _warm_compile]  # Monaco loads meanwhile
    _state["timer"].start(max(delay_ms, STEP_MS))


def take_editor(workspace, settings):
    """The spare `CodeEditor` (Monaco loaded, empty, hidden, no parent), or None."""
    ed = _state["editor"]
    if ed is None or workspace is not _state["ws"] or settings is not _state["settings"]:
        return None
    _state["editor"] = None
    _refill_later()
    return ed


def take_preview(workspace):
    """The spare `PreviewPane` for `workspace` (page and DevTools up, hidden, no parent), or None."""
    pane = _state["preview"]
    if pane is None or workspace is not _state["ws"]:
        return None
    _state["preview"] = None
    _refill_later()
    return pane


def discard() -> None:
    """Delete the spares (quitting, or another workspace opened)."""
    _state["steps"] = []
    if _state["timer"] is not None:
        _state["timer"].stop()
    ed, pane = _state["editor"], _state["preview"]
    _state["editor"] = _state["preview"] = None
    if ed is not None:
        ed.deleteLater()
    if pane is not None:
        pane.close_preview()
        pane.deleteLater()


def _refill_later() -> None:
    if _state["timer"] is not None and _state["ws"] is not None:
        _state["steps"] = [_make_editor, _make_preview]
        _state["timer"].start(REFILL_MS)


def _next_step() -> None:
    if not _state["steps"]:
        return
    step = _state["steps"].pop(0)
    try:
        step()
    except Exception:  # noqa: BLE001 - a failed warm-up only costs speed: the editor builds its own
        log.exception("editor warm-up step %s failed", step.__name__)
    if _state["steps"]:
        _state["timer"].start(STEP_MS)


def _import_editor() -> None:
    import editor.preview.pane  # noqa: F401
    import editor.window  # noqa: F401
    import engine.compiler  # noqa: F401
    import engine.liquid  # noqa: F401


def _make_editor() -> None:
    if _state["editor"] is not None:
        return
    from PySide6.QtWidgets import QApplication

    from widgets.code_editor import CodeEditor

    dark = QApplication.palette().window().color().lightness() < 128
    _state["editor"] = CodeEditor(theme="dark" if dark else "light", settings=_state["settings"])


def _make_preview() -> None:
    if _state["preview"] is not None:
        return
    from editor.preview.pane import PreviewPane

    pane = PreviewPane(workspace=_state["ws"])
    # An empty document now: the page's renderer process starts, and the first email then
    # replaces this document in place instead of paying a navigation.
    pane.set_html("<!DOCTYPE html><html><head></head><body></body></html>")
    if pane.devtools is not None:
        pane.devtools.open()  # find the page's target and connect now, not on the first dark render
    _state["preview"] = pane


def _warm_compile() -> None:
    """Build the workspace's latest email on the build thread: lazy imports, caches and QuickJS are paid now."""
    from editor.build_worker import BuildRequest, warm_up
    from engine.components import ComponentLibrary
    from engine.store.files import EMAIL

    ws = _state["ws"]
    emails = [i for i in ws.files.all() if i.kind == EMAIL]
    if not emails:
        return
    latest = max(emails, key=lambda i: str(i.updated_at or ""))
    library = ComponentLibrary.from_workspace(ws)
    # The modules and caches loaded so far live as long as the app: the collector stops rescanning
    # them, which took ~100 ms pauses in the middle of typing (a full collection every few keystrokes).
    gc.collect()
    gc.freeze()
    warm_up(BuildRequest(ws.files.source(latest.ref) or "", filename=latest.name, component_sources=library.sources,
                         component_filenames=library.filenames))
