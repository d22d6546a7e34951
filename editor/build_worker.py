"""The editor's build (compile + transformers) off the GUI thread.

Why: a component script can run for up to the sandbox's 1 s limit (a
`while(true){}` on its first compile), and even a normal compile is work
the event loop should not wait for. QuickJS releases the GIL while it runs,
so a build in a worker thread leaves the window responsive.

Decisions:
- A `BuildRequest` carries plain data only: the source, the global styles,
  the transformer settings and the component sources, all read from the
  store on the GUI thread (SQLAlchemy sessions never cross threads). The
  worker never sees the workspace.
- One build at a time, on one long-lived thread shared by every editor window and by the warm-up
  (`editor/warmup.py`): the QuickJS context is per thread and stays warm
  from one window to the next, and builds cannot finish out of order.
  While a build runs, newer requests coalesce: only the latest waits, the ones in between are never built.
- Each request has a generation number; `finished` is emitted only for the
  newest one asked for, so a slow stale result never overwrites a newer
  preview. `run_build` is the same work done synchronously (exports need the
  final HTML at once).
"""
from __future__ import annotations

import itertools
import queue
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Signal

from engine.email_build import Build, build_email

_GENERATIONS = itertools.count(1)
_THREAD: list["_BuildThread"] = []


class _BuildThread:
    """The app's one build thread: a queue of (request, relay) served in order.

    A plain Python thread: handing it a request is a queue put (a
    `QThreadPool.start` cost ~10 ms per keystroke, measured), and the
    result goes back through the relay's queued signal.
    """

    def __init__(self):
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="email-build", daemon=True).start()

    def put(self, request: "BuildRequest", relay: "_Relay | None") -> None:
        self._queue.put((request, relay))

    def _serve(self) -> None:
        while True:
            request, relay = self._queue.get()
            try:
                build = run_build(request)
            except Exception as exc:  # noqa: BLE001 - a crash here must reach the window as a problem, not kill Qt
                from engine.problems import Problem

                build = Build(problems=[Problem(f"The build failed: {type(exc).__name__}: {exc}", 1, 1)])
            if relay is not None:
                try:
                    relay.done.emit(request, build)
                except RuntimeError:  # the window (and its relay) went meanwhile
                    pass


def build_thread() -> _BuildThread:
    """The one build thread of the app (see the module docstring)."""
    if not _THREAD:
        _THREAD.append(_BuildThread())
    return _THREAD[0]


def warm_up(request: "BuildRequest") -> None:
    """Build `request` on the build thread and drop the result: imports and per-thread caches are paid now."""
    build_thread().put(request, None)


@dataclass(frozen=True)
class BuildRequest:
    source: str
    styles: object = None  # engine.styles.GlobalStyles (read-only once built)
    transformers: object = None  # engine.transformers.TransformerSettings
    filename: str = ""
    title: str = ""
    preheader: str = ""
    component_sources: dict = field(default_factory=dict)  # tag -> source, the workspace's components
    component_filenames: dict = field(default_factory=dict)
    component_tag: str | None = None  # set when the document is itself a component
    preset: int = 0  # which preset of that component the preview shows
    framework: str = ""  # the Transformers tab's Framework switch ("mjml" or "")
    generation: int = field(default_factory=lambda: next(_GENERATIONS))

    def key(self) -> tuple:
        """What decides the result (two requests with equal keys build the same thing)."""
        return (self.source, repr(self.transformers), self.title, self.preheader, self.preset, self.framework,
                tuple(sorted(self.component_sources.items())), id(self.styles))


def run_build(request: BuildRequest) -> Build:
    """The build itself, on whatever thread calls it."""
    from engine.components import ComponentLibrary

    if request.component_tag is not None:
        from engine.email_build import build_component_preview

        return build_component_preview(request.source, request.component_tag, name=request.filename,
                                       library_sources=request.component_sources,
                                       library_filenames=request.component_filenames,
                                       styles=request.styles, preset=request.preset)
    library = ComponentLibrary(request.component_sources, request.component_filenames)
    extra = {"framework": request.framework} if request.framework else {}
    return build_email(request.source, styles=request.styles, transformers=request.transformers,
                       filename=request.filename, title=request.title, preheader=request.preheader,
                       components=library if len(library) else None, **extra)


class _Relay(QObject):
    """Carries a finished build from the worker thread back to the GUI thread (queued signal)."""

    done = Signal(object, object)  # request, Build


class BuildWorker(QObject):
    """`submit(request)`; `finished(request, build)` for the newest request only."""

    finished = Signal(object, object)  # BuildRequest, Build
    busy_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.thread = build_thread()
        # No parent: a task still running on the shared thread when this window goes keeps its relay alive.
        self._relay = _Relay()
        self._relay.done.connect(self._done)
        self._running: BuildRequest | None = None
        self._pending: BuildRequest | None = None
        self.latest = 0  # generation of the newest request submitted
        self.dropped = 0  # results that arrived after a newer request (not shown)

    def is_busy(self) -> bool:
        return self._running is not None

    def submit(self, request: BuildRequest) -> None:
        self.latest = request.generation
        if self._running is not None:
            self._pending = request  # replaces any request still waiting
            return
        self._start(request)

    def _start(self, request: BuildRequest) -> None:
        was_busy = self._running is not None
        self._running = request
        self.thread.put(request, self._relay)
        if not was_busy:
            self.busy_changed.emit(True)

    def _done(self, request: BuildRequest, build: Build) -> None:
        self._running = None
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start(pending)
        else:
            self.busy_changed.emit(False)
        if request.generation == self.latest:
            self.finished.emit(request, build)
        else:
            self.dropped += 1

    def wait(self, msecs: int = 3000) -> bool:
        """Block until the running build ends (closing the window); later results are not emitted."""
        self._pending = None
        self.latest = -1  # nothing submitted so far is the newest any more
        if self._running is None:
            return True
        deadline = time.monotonic() + msecs / 1000
        while self._running is not None and time.monotonic() < deadline:
            # the relay delivers `_done` on this thread: let queued signals through
            QCoreApplication.sendPostedEvents(self)
            if self._running is not None:
                time.sleep(0.005)
        return self._running is None
