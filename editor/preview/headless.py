"""The Qt side of `shot` and `matrix`: start Qt headless, capture offscreen, save the PNG.

The inputs are read and compiled before Qt starts (`app/commands/inputs.py`,
`app/commands/preview_input.py`), so a bad file costs no Chromium start-up.
Failures here are raised as `ProblemError` too, so the commands print every
failure the same way (`FILE:LINE:COL: message`, exit 2), never a traceback.

Qt is started by the command itself: offscreen platform, no sandbox when
running as root (Chromium refuses to start otherwise), DevTools on a loopback
port for the dark emulation.
"""
from __future__ import annotations

import os
from pathlib import Path

from engine.problems import Problem, ProblemError


def start_qt():
    """A QApplication ready for offscreen WebEngine captures."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    _quiet_platform_noise()
    from widgets.preview.environment import enable_remote_debugging

    enable_remote_debugging()
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtWebEngineWidgets import QWebEngineView  # noqa: F401  (must precede the QApplication)
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["campaign-studio"])


def _quiet_platform_noise() -> None:
    """Keep the commands' stderr for our `FILE:LINE:COL: message` lines.

    Without a GPU or a D-Bus, Chromium and Qt log a dozen lines per run (GL
    and Vulkan fallbacks, "Failed to connect to the bus") that say nothing
    about the email. Only before Qt starts, and only where the user has not
    set the variables: `QT_LOGGING_RULES=` or `QTWEBENGINE_CHROMIUM_FLAGS=`
    brings them back for debugging. (Chromium still prints its one
    "DevTools listening" line itself.)
    """
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;*.info=false;*.warning=false")
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--log-level=3")


def capture(email: str, draw):
    """`draw(snapshotter)` with one offscreen `Snapshotter`, closed afterwards (call `start_qt` first).

    A WebEngine failure becomes `EMAIL:0:0: cannot render the preview: …`.
    """
    from widgets.preview.harness import WebEngineError

    snap = _LazySnapshotter()
    try:
        return draw(snap)
    except WebEngineError as exc:
        raise ProblemError([Problem(f"cannot render the preview: {exc}", file=email)]) from None
    finally:
        snap.close()


class _LazySnapshotter:
    """A `Snapshotter` made on first use: the QA matrix renders in its own pages and never needs one (~0.5 s)."""

    def __init__(self):
        self._snap = None

    def __getattr__(self, name):
        if self._snap is None:
            from editor.preview.snapshot import Snapshotter

            self._snap = Snapshotter()
        return getattr(self._snap, name)

    def close(self) -> None:
        if self._snap is not None:
            self._snap.close()


PNG_QUALITY = 80  # Qt maps 80–89 to zlib level 1: the QA sheet encodes in ~2/3 of the time for ~5 % more bytes


def save_png(image, out: str) -> None:
    """Write `image` as PNG (lossless at any level; the level only trades bytes for time)."""
    folder = Path(out).resolve().parent
    if not folder.is_dir():
        raise ProblemError([Problem("cannot write: folder does not exist", file=out)])
    if not image.save(out, "PNG", PNG_QUALITY):
        raise ProblemError([Problem("cannot write the PNG", file=out)])
