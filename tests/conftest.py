"""Shared test set-up: import path, headless Qt, and the WebEngine fixtures.

The environment must be ready before anything creates a QApplication
(pytest-qt makes one lazily for the first `qtbot`), so it is set at import
time of this file, which pytest loads before any test module.
"""
from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
# DevTools lets one page emulate `prefers-color-scheme: dark` (see
# widgets/preview/devtools.py); Chromium reads this once, at start-up.
os.environ.setdefault("QTWEBENGINE_REMOTE_DEBUGGING", f"127.0.0.1:{_free_port()}")
