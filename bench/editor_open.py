"""Benchmark: opening the first email (goal ≤ 1 s).

    python bench/editor_open.py [--rounds 5] [--idle 2] [--against REV]

Each sample is a fresh app process, as a user starting the app: the main
window on the sample workspace is shown, left idle for `--idle` seconds after its first
paint (the user finding the file), then the Newsletter row of the Design Studio
file list is double-clicked with the mouse. The time runs from that
double-click until the editor tab is editable (Monaco loaded with the
email's text) and the preview shows the rendered email (its first
`rendered`). Prints the median over `--rounds` processes; with `--against
REV` the same bench also drives that older revision in alternating
processes and prints both medians (`bench/_against.py`).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import _against  # noqa: E402

EMAIL = "Newsletter"


def measure(idle: float) -> dict:
    """One open in this process (call once per process: it is the *first* email)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.gui import prepare_environment

    prepare_environment()
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["campaign-studio-bench"])
    from engine.sample import create_sample
    from engine.store import Workspace

    folder = Path(tempfile.mkdtemp(prefix="cs-open-"))
    ws = Workspace.open(folder / "ws.db")
    create_sample(ws, people=50)
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    from app.main_window import FILES, MainWindow

    window = MainWindow(ws, settings=settings, defer_icons=True)
    window.resize(1280, 800)
    window.show()

    def spin(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)

    def spin_until(cond, timeout: float = 30.0) -> None:
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.001)

    QTest.qWaitForWindowExposed(window)
    spin(0.05)  # the first paint, then the main window's deferred start (icons, editor warm-up)
    window.show_screen(FILES)
    manager = window.screen(FILES)
    spin(idle)
    table = manager.table
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == EMAIL)
    index = model.index(row, 0)
    table.scrollTo(index)
    centre = table.visualRect(index).center()
    before = window.tabs.count()
    started = time.perf_counter()
    # a double-click as the platform delivers it: press, release, then the second press (a double-click event)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    spin_until(lambda: window.tabs.count() > before)
    editor_window = window.tabs.currentWidget()
    opened = time.perf_counter()
    source = editor_window.editors["source"]
    marks: dict[str, float] = {}
    preview = editor_window.preview

    def rendered(_ms: float) -> None:
        if "preview" not in marks and preview.html.strip():  # the email itself, not an empty page
            marks["preview"] = time.perf_counter()

    preview.rendered.connect(rendered)  # the first render needs the event loop: none can be missed

    def done() -> bool:
        if "editor" not in marks and source.is_ready():
            marks["editor"] = time.perf_counter()
        return len(marks) == 2

    spin_until(done)
    total = (max(marks.values()) - started) * 1000
    result = {"samples": [total], "tab_ms": (opened - started) * 1000,
              "editor_ms": (marks["editor"] - started) * 1000, "preview_ms": (marks["preview"] - started) * 1000}
    window.close()
    ws.close()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--idle", type=float, default=2.0, help="seconds between the first paint and the double-click")
    parser.add_argument("--against", metavar="REV", help="also measure this git revision, alternating processes")
    parser.add_argument("--only", nargs="+", metavar="PATH", help="with --against: only these paths as at REV")
    parser.add_argument("--json", action="store_true", help="(child) measure once, print JSON")
    parser.add_argument("--root", help="(child) import the app from this folder")
    args = parser.parse_args(argv)
    script = Path(__file__).resolve()
    if args.json:
        _against.use_root(args.root)
        print(json.dumps(measure(args.idle)))
        return 0
    child_args = ["--idle", str(args.idle)]
    title = f"open the first email ({EMAIL}) by double-click → editable editor + rendered preview, idle {args.idle}s"
    if args.against:
        old, new = _against.compare(script, child_args, args.against, args.rounds, only=args.only)
        print(_against.report(title, old, new, args.against, goal=1000, only=args.only))
        return 0 if statistics.median(new) <= 1000 else 1
    runs = [_against.child(script, child_args, None) for _ in range(args.rounds)]
    total = [r["samples"][0] for r in runs]
    print(title)
    print(f"  median {statistics.median(total):7.1f} ms  (min {min(total):.1f}, max {max(total):.1f})   goal ≤ 1000 ms")
    for part in ("tab_ms", "editor_ms", "preview_ms"):
        print(f"  {part[:-3]:8s} median {statistics.median(r[part] for r in runs):7.1f} ms")
    return 0 if statistics.median(total) <= 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
