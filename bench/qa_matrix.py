"""Benchmark: the QA matrix in the app and from the command line (goal ≤ 3 s for both).

    python bench/qa_matrix.py [--rounds 3] [--cli] [--against REV [--only PATH…]]

App: a fresh process opens the sample Newsletter in the editor, waits for
its preview, then clicks the preview's "QA matrix" button with the mouse;
the time runs from the click until the dialog with the ten cells is shown
(the first matrix of the process, as a user gets it). CLI: the wall time of
`main.py --workspace WS matrix newsletter.html --out sheet.png`, Python and
Chromium start-up included. With `--against REV` both are also measured on
that revision in alternating processes (`bench/_against.py`). `--cli`
times the command alone (no app), and with `--against` also checks that
both revisions wrote the same sheet, pixel for pixel.

The command's time is the whole process as a user waits for it; the bytecode
cache is on (`_against.child`), as in an installed app.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench import _against  # noqa: E402

GOAL_MS = 3000


def measure_app() -> float:
    from widgets.preview.environment import prepare_headless_webengine

    prepare_headless_webengine()
    from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QDialog

    app = QApplication.instance() or QApplication([])
    from editor.window import EditorWindow
    from engine.sample import create_sample
    from engine.store import Workspace

    folder = Path(tempfile.mkdtemp(prefix="cs-matrix-"))
    ws = Workspace.open(folder / "ws.db")
    create_sample(ws, people=50)
    info = next(i for i in ws.files.all() if i.name == "Newsletter")
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = EditorWindow(ws, f"{info.kind}:{info.id}", settings=settings, dark=False)
    window.resize(1440, 900)
    window.show()

    def spin_until(cond, timeout=30.0):
        loop = QEventLoop()
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise SystemExit("timed out")
            QTimer.singleShot(5, loop.quit)
            loop.exec()

    spin_until(lambda: window.editors["source"].is_ready() and window.preview.last_render_ms > 0)
    end = time.perf_counter() + 1.0  # settle, as a user reading the preview first
    spin_until(lambda: time.perf_counter() > end)
    button = window.preview.matrix_button
    started = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    spin_until(lambda: any(isinstance(w, QDialog) and w.isVisible() and "QA" in w.windowTitle()
                           for w in app.topLevelWidgets()))
    elapsed = (time.perf_counter() - started) * 1000
    for w in app.topLevelWidgets():
        if isinstance(w, QDialog):
            w.close()
    window.close_document()
    ws.close()
    return elapsed


def measure_cli(root: Path, folder: Path | None = None) -> float:
    folder = folder or Path(tempfile.mkdtemp(prefix="cs-matrix-cli-"))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, str(root / "main.py"), "init-sample", "--workspace", str(folder / "ws.db")],
                   check=True, capture_output=True, env=env, cwd=root)
    started = time.perf_counter()
    # the global --workspace: older revisions accept it there too (their `matrix` ignores it)
    out = subprocess.run([sys.executable, str(root / "main.py"), "--workspace", str(folder / "ws.db"), "matrix",
                          str(root / "resources/sample/emails/newsletter.html"), "--out", str(folder / "sheet.png"),
                          "--components", str(root / "resources/sample/components"),
                          "--styles", str(root / "resources/sample/global-styles.json")],
                         capture_output=True, text=True, env=env, cwd=root)
    elapsed = (time.perf_counter() - started) * 1000
    if out.returncode != 0 or not (folder / "sheet.png").exists():
        raise SystemExit(f"matrix command failed: {out.stdout[-1000:]}{out.stderr[-2000:]}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", metavar="REV")
    parser.add_argument("--only", nargs="+", metavar="PATH", help="with --against: only these paths as at REV")
    parser.add_argument("--cli", action="store_true", help="time the matrix command only")
    parser.add_argument("--json", action="store_true", help="(child) measure once, print JSON")
    parser.add_argument("--root", help="(child) import the app from this folder")
    args = parser.parse_args(argv)
    script = Path(__file__).resolve()
    if args.json:
        root = _against.use_root(args.root)
        folder = Path(tempfile.mkdtemp(prefix="cs-matrix-cli-"))
        cli = measure_cli(root, folder)
        if args.cli:
            print(json.dumps({"cli": [cli], "sheet": str(folder / "sheet.png")}))
        else:
            print(json.dumps({"samples": [measure_app()], "cli": [cli]}))
        return 0
    measured = (("cli", "`matrix` command (whole process, wall)"),) if args.cli else (
        ("samples", "QA matrix in the app (click → dialog)"), ("cli", "`matrix` command (whole process, wall)"))
    child_args = ["--cli"] if args.cli else []
    if args.against:
        old_root = _against.extract(args.against, args.only)
        new_root = _against.snapshot()
        runs = {"old": [], "new": []}
        for n in range(args.rounds):
            order = [("old", old_root), ("new", new_root)]
            for side, root in (order if n % 2 == 0 else order[::-1]):
                runs[side].append(_against.child(script, child_args, root))
        ok = True
        if args.cli:
            same = _same_pixels(runs["old"][-1]["sheet"], runs["new"][-1]["sheet"])
            print(f"sheets of both revisions identical pixel for pixel: {'yes' if same else 'NO'}")
            ok = same
        for key, label in measured:
            old = [x for r in runs["old"] for x in r[key]]
            new = [x for r in runs["new"] for x in r[key]]
            print(_against.report(label, old, new, args.against, goal=GOAL_MS, only=args.only))
            ok = ok and statistics.median(new) <= GOAL_MS
        return 0 if ok else 1
    runs = [_against.child(script, child_args, None) for _ in range(args.rounds)]
    for key, label in measured:
        values = [x for r in runs for x in r[key]]
        print(f"{label}: median {statistics.median(values):7.1f} ms (min {min(values):.1f}, max {max(values):.1f})  goal ≤ {GOAL_MS} ms")
    return 0


def _same_pixels(a: str, b: str) -> bool:
    from PIL import Image, ImageChops

    with Image.open(a) as x, Image.open(b) as y:
        x, y = x.convert("RGB"), y.convert("RGB")
        return x.size == y.size and ImageChops.difference(x, y).getbbox() is None


if __name__ == "__main__":
    raise SystemExit(main())
