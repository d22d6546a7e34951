"""The test session's guard: an error a user would see on stderr fails the test during which it happened.

A GUI defect once passed every test because the `TypeError` it raised inside
a Qt slot only scrolled by on stderr. Qt reports such errors out of band —
the slot's caller is Qt's event loop, not the test — so a test must look for
them explicitly. Every test, GUI or not, is held to this:

- **Python raising inside a Qt slot or signal emission.** PySide hands the
  exception to `sys.excepthook`; pytest-qt replaces that hook around each
  test's setup, call and teardown and fails the phase that saw one. We keep
  that capture switched on (`pytest_configure` refuses the ini option that
  turns it off) instead of writing a second copy of it.
- **An exception nobody can catch**: in a worker thread (`threading.excepthook`)
  or in a finaliser/callback Python reports as "unraisable"
  (`sys.unraisablehook`). Collected here per test and reported as a failure.
- **Qt logging a warning or a critical message** (`qWarning`, `qCritical`:
  "Ambiguous shortcut overload", "QObject::connect: No such signal", a
  layout loop…). pytest-qt's message capture with `qt_log_level_fail =
  WARNING` (pyproject.toml) fails the test; the short allow-list of harmless
  platform noise is `qt_log_ignore` beside it, each entry with its reason.

`tests/test_qt_guard.py` proves each of the three fails a test.
"""
from __future__ import annotations

import sys
import threading

import pytest


def pytest_configure(config):
    if config.getini("qt_no_exception_capture"):
        raise pytest.UsageError("qt_no_exception_capture must stay off: slot exceptions have to fail tests")
    if config.getini("qt_log_level_fail") not in ("WARNING", "DEBUG", "INFO"):
        raise pytest.UsageError("qt_log_level_fail must be WARNING (or stricter): Qt warnings have to fail tests")


@pytest.fixture(autouse=True)
def _fail_on_uncaught_errors():
    """Collect thread and unraisable exceptions during the test; fail it if there were any."""
    caught: list[str] = []
    old_thread_hook, old_unraisable_hook = threading.excepthook, sys.unraisablehook

    def thread_hook(args):
        if args.exc_type is SystemExit:
            return
        caught.append(f"in thread {getattr(args.thread, 'name', '?')}: {args.exc_type.__name__}: {args.exc_value}")
        old_thread_hook(args)

    def unraisable_hook(unraisable):
        caught.append(f"unraisable in {unraisable.object!r}: "
                      f"{type(unraisable.exc_value).__name__}: {unraisable.exc_value}")
        old_unraisable_hook(unraisable)

    threading.excepthook, sys.unraisablehook = thread_hook, unraisable_hook
    try:
        yield
    finally:
        threading.excepthook, sys.unraisablehook = old_thread_hook, old_unraisable_hook
    if caught:
        pytest.fail("uncaught exception(s) during the test:\n  " + "\n  ".join(caught), pytrace=False)
