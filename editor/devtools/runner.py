"""Background work for the developer tools: a thread pool whose answers come back as Qt signals.

Why not `QThread` per check: the checks are plain Python functions from
`engine.checks` (no Qt), and links already run in `UrlChecker`'s own pool
and hand back a `concurrent.futures.Future`. One small pool plus
"deliver the Future's result through a signal" covers both.

Stale results are dropped by *generation*: each kind of work ("cheap",
"links", "images", "spam") counts its runs; only the answer of the newest
run of a kind is delivered. An older run that finishes late (the user typed
on, or pressed Check twice) is ignored, so a panel never flips back to an
out-of-date state.

Signals emitted from a worker thread reach the GUI thread queued (Qt's
AutoConnection across threads), so handlers run on the GUI thread.

`run_isolated` runs a module-level function in the app's one checks
*process* instead. Why: the cheap checks are pure Python (70–150 ms at
each pause, measured on the sample newsletter); in a thread they hold the
GIL the GUI thread needs, and a key pressed while they run waited behind
them (issue 10.17a). In their own process they share no lock with the
window, and the process runs at a lower priority (`nice`), so on a busy
machine the window's work goes first. Arguments and answers are pickled
(plain data: strings, `Problem`s). The process is spawned on first use and
shared by every editor window; if it cannot start or dies, the work runs in
the thread pool as before.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from PySide6.QtCore import QObject, Signal


_PROCESS: list[ProcessPoolExecutor] = []
_PROCESS_LOCK = threading.Lock()
NICENESS = 10


def _lower_priority(step: int) -> None:
    try:
        os.nice(step)
    except (AttributeError, OSError):  # not on this platform: same priority, still no shared GIL
        pass


def checks_process() -> ProcessPoolExecutor:
    """The app's one checks process (see the module docstring); spawned, not forked: the app has threads."""
    with _PROCESS_LOCK:
        if not _PROCESS:
            _PROCESS.append(ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_lower_priority, initargs=(NICENESS,)))
        return _PROCESS[0]


def _drop_process(pool: ProcessPoolExecutor) -> None:
    with _PROCESS_LOCK:
        if _PROCESS and _PROCESS[0] is pool:
            _PROCESS.clear()
    pool.shutdown(wait=False, cancel_futures=True)


class Runner(QObject):
    finished = Signal(str, int, object)  # kind, generation, result (an Exception when the work failed)

    def __init__(self, parent=None, *, workers: int = 3):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="devtools")
        self._generation: dict[str, int] = {}
        self._busy: dict[str, int] = {}
        self._lock = threading.Lock()
        self._waiting: dict[str, Future] = {}  # the last `run_isolated` future of each kind
        self._closed = False
        self._relay.connect(self._arrived)

    _relay = Signal(str, int, object)  # worker thread -> GUI thread

    def run(self, kind: str, fn, *args) -> int:
        """Run `fn(*args)` in the pool; returns the generation its answer will carry (0 once closed)."""
        with self._lock:
            if self._closed:
                return 0
            future = self._pool.submit(fn, *args)
        return self.watch(kind, future)

    def run_isolated(self, kind: str, fn, *args) -> int:
        """`run`, but in the checks process: `fn` and `args` must pickle. A run not started yet is cancelled."""
        with self._lock:
            if self._closed:
                return 0
            waiting = self._waiting.pop(kind, None)
        if waiting is not None:
            waiting.cancel()  # only succeeds while it is still queued: its answer would be stale anyway
        pool = checks_process()
        try:
            future = pool.submit(fn, *args)
        except (BrokenProcessPool, RuntimeError, OSError):
            _drop_process(pool)
            return self.run(kind, fn, *args)
        future.add_done_callback(lambda f, p=pool: isinstance(f.exception() if not f.cancelled() else None,
                                                                BrokenProcessPool) and _drop_process(p))
        with self._lock:
            self._waiting[kind] = future
        return self.watch(kind, future)

    def watch(self, kind: str, future: Future) -> int:
        """Deliver an existing Future's result (e.g. `start_link_checks`) as this kind's newest run."""
        with self._lock:
            generation = self._generation.get(kind, 0) + 1
            self._generation[kind] = generation
            self._busy[kind] = generation
        future.add_done_callback(lambda f, k=kind, g=generation: self._done(k, g, f))
        return generation

    def forget(self, kind: str) -> None:
        """Drop whatever is running for `kind` (its answer will be stale)."""
        with self._lock:
            self._generation[kind] = self._generation.get(kind, 0) + 1
            self._busy.pop(kind, None)

    def is_running(self, kind: str) -> bool:
        return kind in self._busy

    def close(self) -> None:
        with self._lock:
            self._closed = True
            waiting, self._waiting = list(self._waiting.values()), {}
        for future in waiting:
            future.cancel()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _done(self, kind: str, generation: int, future: Future) -> None:
        try:
            result = future.result()
        except BaseException as exc:  # noqa: BLE001 - delivered to the panel, which says what failed
            result = exc
        with self._lock:
            if self._closed or generation != self._generation.get(kind):
                return
        try:
            self._relay.emit(kind, generation, result)
        except RuntimeError:  # the runner was deleted with its window meanwhile
            pass

    def _arrived(self, kind: str, generation: int, result) -> None:
        if generation != self._generation.get(kind):
            return  # a newer run of this kind started after this one was sent
        if self._busy.get(kind) == generation:
            del self._busy[kind]
        self.finished.emit(kind, generation, result)
