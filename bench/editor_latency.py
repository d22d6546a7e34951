"""Benchmark: keystroke to re-rendered preview in the email editor (goal: median ≤ 50 ms).

    python bench/editor_latency.py [--keys 20] [--gap 0.5] [--against REV [--rounds 3]]

Opens the sample workspace's newsletter in a real `EditorWindow`
(offscreen), types one character at a time into Monaco inside the first
paragraph, and for each keystroke measures from the moment the key event is
sent to the preview's `rendered` signal (the page loaded, its colour-scheme
emulation applied). Keystrokes are `--gap` seconds apart so each is measured
alone; the window coalesces faster typing into one build per render anyway.
Prints the median and the parts: build (compile + transformers), the
preview's own render (Liquid with the sample person, preview copy,
setHtml), and what remains (Monaco → Python bridge, event loop).
With `--against REV` the same keystrokes are also typed into that older
revision, in alternating processes (`bench/_against.py`), and both medians
are printed with their ratio: on a shared machine only a baseline measured
in the same run says anything.
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

GOAL_MS = 50


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--gap", type=float, default=0.5)
    parser.add_argument("--against", metavar="REV", help="also measure this git revision, alternating processes")
    parser.add_argument("--rounds", type=int, default=3, help="processes per side with --against")
    parser.add_argument("--only", nargs="+", metavar="PATH", help="with --against: only these paths as at REV")
    parser.add_argument("--json", action="store_true", help="(child) print the samples as JSON")
    parser.add_argument("--root", help="(child) import the app from this folder")
    args = parser.parse_args(argv)
    if args.against:
        script = Path(__file__).resolve()
        child_args = ["--keys", str(args.keys), "--gap", str(args.gap)]
        old, new = _against.compare(script, child_args, args.against, args.rounds, only=args.only)
        print(_against.report(f"keystroke → re-rendered preview, {args.keys} keys × {args.rounds} processes per side",
                              old, new, args.against, goal=GOAL_MS, only=args.only))
        return 0 if statistics.median(new) <= GOAL_MS else 1
    _against.use_root(args.root)

    from widgets.preview.environment import prepare_headless_webengine

    prepare_headless_webengine()
    from PySide6.QtCore import QCoreApplication, QSettings, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from editor.window import EditorWindow
    from engine.sample import create_sample
    from engine.store import Workspace

    folder = Path(tempfile.mkdtemp(prefix="cs-bench-"))
    ws = Workspace.open(folder / "ws.db")
    create_sample(ws, people=50)
    info = next(i for i in ws.files.all() if i.name.lower().startswith("the lumen letter") or "newsletter" in i.name.lower())
    window = EditorWindow(ws, f"{info.kind}:{info.id}", settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), dark=False)
    window.resize(1440, 900)
    window.show()

    from PySide6.QtCore import QEventLoop, QTimer

    def spin_until(cond, timeout=20.0):
        """Run the event loop as the app does (blocked in exec between events) until `cond()`."""
        if cond():
            return
        loop = QEventLoop()
        end = time.perf_counter() + timeout
        check = QTimer(interval=1)
        check.timeout.connect(lambda: (cond() or time.perf_counter() > end) and loop.quit())
        check.start()
        loop.exec()
        check.stop()
        if not cond():
            raise SystemExit("timed out")

    editor = window.editors["source"]
    spin_until(editor.is_ready)
    spin_until(lambda: not window._preview_busy and window.preview.last_render_ms > 0)
    source = editor.text()
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "<x-paragraph" in text and "</x-paragraph>" in text)
    column = source.splitlines()[line - 1].index("</x-paragraph>") + 1
    editor.go_to(line, column)
    spin_until(lambda: editor.cursor_position() == (line, column))
    editor.focus_editor()
    spin_until(editor.has_editor_focus)
    target = editor.view.focusProxy()

    totals, builds, renders = [], [], []
    rendered: list[float] = []
    window.preview.rendered.connect(lambda _ms: rendered.append(time.perf_counter()))
    for n in range(args.keys):
        end = time.perf_counter() + args.gap
        spin_until(lambda: time.perf_counter() >= end)
        rendered.clear()
        before = len(editor.text())
        started = time.perf_counter()
        QTest.keyClick(target, "abcdefghij"[n % 10])
        spin_until(lambda: len(editor.text()) > before and rendered)
        totals.append((rendered[0] - started) * 1000)
        builds.append(window.build.compile_ms + window.build.transform_ms)
        renders.append(window.preview.last_render_ms)
    window.close_document()
    ws.close()

    def med(values):
        return statistics.median(values)

    if args.json:
        print(json.dumps({"samples": totals, "builds": builds, "renders": renders}))
        return 0

    print(f"keystroke → repainted preview, {args.keys} keystrokes on {info.name!r} ({len(source) / 1024:.1f} KB source)")
    print(f"  median {med(totals):6.1f} ms   (min {min(totals):.1f}, max {max(totals):.1f})   goal ≤ {GOAL_MS} ms")
    print(f"  build (compile + transformers) median {med(builds):6.1f} ms")
    print(f"  preview render (Liquid, preview copy, in-place update or setHtml) median {med(renders):6.1f} ms")
    print(f"  rest (Monaco → bridge → Python, event loop) ≈ {med(totals) - med(builds) - med(renders):6.1f} ms")
    return 0 if med(totals) <= GOAL_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
