"""Benchmark: keystroke to repainted preview in the email editor (goal: median under 150 ms).

    python bench/editor_latency.py [--keys 20] [--gap 0.5]

Opens the sample workspace's newsletter in a real `EditorWindow`
(offscreen), types one character at a time into Monaco inside the first
paragraph, and for each keystroke measures from the moment the key event is
sent to the preview's `rendered` signal (the page loaded, its colour-scheme
emulation applied). Keystrokes are `--gap` seconds apart so each is measured
alone; the window coalesces faster typing into one build per render anyway.
Prints the median and the parts: build (compile + transformers), the
preview's own render (Liquid with the sample person, preview copy,
setHtml), and what remains (Monaco → Python bridge, event loop).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=20)
    parser.add_argument("--gap", type=float, default=0.5)
    args = parser.parse_args(argv)

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

    def spin_until(cond, timeout=20.0):
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.001)

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
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.002)
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

    print(f"keystroke → repainted preview, {args.keys} keystrokes on {info.name!r} ({len(source) / 1024:.1f} KB source)")
    print(f"  median {med(totals):6.1f} ms   (min {min(totals):.1f}, max {max(totals):.1f})   goal < 150 ms")
    print(f"  build (compile + transformers) median {med(builds):6.1f} ms")
    print(f"  preview render (Liquid, preview copy, in-place update or setHtml) median {med(renders):6.1f} ms")
    print(f"  rest (Monaco → bridge → Python, event loop) ≈ {med(totals) - med(builds) - med(renders):6.1f} ms")
    return 0 if med(totals) < 150 else 1


if __name__ == "__main__":
    raise SystemExit(main())
