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
