"""Shared test set-up: import path, headless Qt, and the WebEngine fixtures.

The environment must be ready before anything creates a QApplication
(pytest-qt makes one lazily for the first test that asks for `qapp`/`qtbot`),
so it is set while pytest imports this file, before any test module.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from widgets.preview.environment import prepare_headless_webengine  # noqa: E402  (needs sys.path)

# offscreen platform, no sandbox (root in CI), DevTools on a free loopback port
prepare_headless_webengine()

# qt_guard: an exception in a Qt slot, a worker thread or a Qt warning fails the test it happened in.
pytest_plugins = ["pytester", "tests.qt_guard"]

try:  # WebEngine needs shared GL contexts set before the QApplication, whoever creates it
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
except ImportError:  # pragma: no cover - engine-only environments
    pass


@pytest.fixture(scope="session")
def web_harness(qapp):
    """One offscreen QWebEngineView for the whole run (Chromium starts once, ~0.3 s)."""
    from widgets.preview.harness import WebHarness

    harness = WebHarness()
    yield harness
    harness.close()


@pytest.fixture
def web_render(web_harness):
    """`web_render(html, width=375, scheme="light") -> page`; `page.js("expr")` gives the JSON value."""
    return web_harness.render


# ---- process exit ------------------------------------------------------------
# Chromium's helper processes and Qt WebEngine's profile teardown can crash the
# interpreter *after* the last test ("Release of profile requested but
# WebEnginePage still not deleted"), turning a green run into a segfault exit
# code. We close every window and let Qt delete them, then leave the process
# with pytest's own status once its summary is printed.
_exit_status = 0


def pytest_sessionfinish(session, exitstatus):
    global _exit_status
    _exit_status = int(exitstatus)
    try:
        from PySide6.QtWidgets import QApplication
    except ImportError:  # pragma: no cover
        return
    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    for _ in range(3):
        app.processEvents()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    import os

    if config.pluginmanager.get_plugin("xdist") and hasattr(config, "workerinput"):
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status)
