"""The guard of tests/qt_guard.py fails the tests it must fail (each case runs in an inner pytest session).

The inner sessions load this repository's conftest.py and pyproject settings,
so they see exactly the guard every real test runs under.
"""
from __future__ import annotations

import textwrap

import pytest

from tests.conftest import ROOT

pytest_plugins = ["pytester"]


def _run_inner(pytester, body: str):
    pytester.makeconftest(f"pytest_plugins = ['tests.conftest']\nimport sys\nsys.path.insert(0, {str(ROOT)!r})\n")
    pytester.makefile(".toml", pyproject=(ROOT / "pyproject.toml").read_text())
    pytester.makepyfile(test_inner=textwrap.dedent(body))
    return pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q", timeout=120)


def test_exception_in_a_slot_fails_the_test(pytester):
    result = _run_inner(pytester, """
        from PySide6.QtCore import QObject, Signal

        class Form(QObject):
            edited = Signal(str)
            changed = Signal()          # no argument: connecting edited straight to it is the old bug

        def test_typing(qtbot):
            form = Form()
            form.edited.connect(form.changed.emit)
            form.edited.emit("3")       # Qt calls the slot; the TypeError never reaches this frame
        """)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*TypeError*changed()*"])


def test_qt_warning_fails_the_test(pytester):
    result = _run_inner(pytester, """
        from PySide6.QtCore import qWarning

        def test_warns(qtbot):
            qWarning("QAction::event: Ambiguous shortcut overload: Ctrl+Z")
        """)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*Ambiguous shortcut overload*"])


def test_exception_in_a_worker_thread_fails_the_test(pytester):
    result = _run_inner(pytester, """
        import threading

        def test_worker():
            t = threading.Thread(target=lambda: 1 / 0, name="build-worker")
            t.start(); t.join()
        """)
    # The guard looks once the test has finished, so pytest reports it as an error of the test: the run fails.
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*build-worker*ZeroDivisionError*"])


def test_a_clean_test_passes(pytester):
    result = _run_inner(pytester, """
        from PySide6.QtCore import QObject, Signal

        class Form(QObject):
            changed = Signal(str)

        def test_ok(qtbot):
            form = Form()
            got = []
            form.changed.connect(got.append)
            form.changed.emit("3")
            assert got == ["3"]
        """)
    result.assert_outcomes(passed=1)
