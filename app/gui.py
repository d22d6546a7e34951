"""Starting the desktop app: environment, QApplication, workspace, main window.

Kept lean because the window must be on screen within two seconds of
`python main.py`: Qt WebEngine is not imported here (previews load it when
first needed), and screens other than the one shown are built on demand.
A workspace that cannot be opened is reported in a message box and the
process exits with status 2, never with a traceback.
"""
from __future__ import annotations

import os
import sys
import time

APP_NAME = "Campaign Studio"
ORG_NAME = "Campaign Studio"
EXIT_WORKSPACE_ERROR = 2
#: When set, the app quits as soon as its window is shown and prints how long that took.
STARTUP_CHECK_ENV = "CAMPAIGN_STUDIO_STARTUP_CHECK"


def _process_start_time() -> float:
    """When this process started (epoch seconds), from /proc where available."""
    try:
        import os as _os

        with open(f"/proc/{_os.getpid()}/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / _os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


def prepare_environment() -> None:
    """Qt WebEngine aborts as root unless its sandbox is off; this must precede QApplication."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    # The preview emulates prefers-color-scheme over DevTools (loopback only);
    # Chromium reads the switch once, so it must be set before Qt starts.
    from widgets.preview.environment import enable_remote_debugging

    enable_remote_debugging()


def workspace_is_empty(ws) -> bool:
    return not ws.files.all() and ws.people.count() == 0


def fill_with_sample(ws) -> bool:
    """Give a brand-new workspace the sample content, if the generator is available."""
    try:
        from engine.sample import create_sample
    except ImportError:
        return False
    create_sample(ws)
    return True


def _report_startup(app, window, started: float) -> None:
    """Smoke test / startup measurement: time the first paint, then quit once icons are in."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    process_start = _process_start_time()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "at"):
                self.at = time.perf_counter()
                since_process = time.time() - process_start
                print(
                    f"startup: window shown (first paint) {self.at - started:.2f}s after run_gui, "
                    f"{since_process:.2f}s after process start",
                    file=sys.stderr,
                )
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        window.load_icons()
        print(f"startup: icons loaded {time.perf_counter() - started:.2f}s after run_gui", file=sys.stderr)
        window.close()
        app.quit()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def run_gui(workspace: str | None) -> int:
    started = time.perf_counter()
    prepare_environment()
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMessageBox

    from engine import __version__

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("campaign-studio")
    icon_path = os.path.join(os.path.dirname(__file__), os.pardir, "resources", "icons", "app.svg")
    if os.path.exists(icon_path):
        app.setWindowIcon(QIcon(os.path.abspath(icon_path)))

    from engine.store import Workspace, WorkspaceError, default_workspace_path

    target = workspace if workspace else str(default_workspace_path())
    try:
        ws = Workspace.open(target)
        if workspace_is_empty(ws):
            fill_with_sample(ws)
    except WorkspaceError as exc:
        QMessageBox.critical(None, "Cannot open the workspace", f"Campaign Studio could not open its workspace.\n\n{exc}")
        return EXIT_WORKSPACE_ERROR
    except Exception as exc:  # a broken database file, a sample error: say so, no traceback
        QMessageBox.critical(None, "Cannot open the workspace", f"{target}\n\n{type(exc).__name__}: {exc}")
        return EXIT_WORKSPACE_ERROR

    from app.main_window import MainWindow

    window = MainWindow(ws, defer_icons=True)
    if os.environ.get(STARTUP_CHECK_ENV):
        _report_startup(app, window, started)
    window.show()
    try:
        return app.exec()
    finally:
        ws.close()
