"""Process set-up Qt WebEngine needs before the QApplication exists. No Qt import at module level.

Chromium reads its switches once, when the first web view starts, so the
DevTools endpoint (our only per-page way to emulate `prefers-color-scheme`)
must be opened by the environment before Qt starts: call
`enable_remote_debugging()` at the very top of the program or the test run.
It also registers the `asset:` URL scheme (workspace images, `assets.py`),
which Qt accepts only before the first WebEngine object exists.
"""
from __future__ import annotations

import os
import socket

REMOTE_DEBUGGING = "QTWEBENGINE_REMOTE_DEBUGGING"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def enable_remote_debugging() -> int:
    """Open the DevTools endpoint on a free loopback port (keeps one already set); return the port.

    Loopback only: the endpoint drives any page of the process, so it must
    never listen on a public interface.
    """
    register_schemes()
    value = os.environ.get(REMOTE_DEBUGGING, "")
    port = debugging_port()
    if port is None:
        port = _free_port()
        os.environ[REMOTE_DEBUGGING] = f"127.0.0.1:{port}"
    elif not value.startswith("127.0.0.1:"):
        os.environ[REMOTE_DEBUGGING] = f"127.0.0.1:{port}"
    return port


def debugging_port() -> int | None:
    """The port set in the environment (`PORT` or `HOST:PORT`), or None."""
    value = os.environ.get(REMOTE_DEBUGGING, "").strip()
    if not value:
        return None
    try:
        return int(value.rsplit(":", 1)[-1])
    except ValueError:
        return None


def prepare_headless_webengine() -> None:
    """Everything a headless run (tests, CLI screenshots) needs before the QApplication."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    enable_remote_debugging()


def register_schemes() -> None:
    """The app's own URL schemes (`asset:`); harmless to call again, skipped without Qt WebEngine."""
    try:
        from widgets.preview.assets import register_asset_scheme
    except ImportError:  # pragma: no cover - engine-only environments
        return
    register_asset_scheme()
