"""Canvas benchmark: a generated 500-block campaign opens in < 1 s; zoom-to-fit repaints in < 50 ms;
tidy-up lays out 500 blocks in < 100 ms; a keystroke in a block's settings field reaches the model, the
undo stack and the block on the canvas in < 30 ms (medians).

    python bench/canvas.py [--blocks 500] [--runs 7]

"Keystroke" = one real key press (QTest) in the Time delay's Amount spin box
of an open 500-block campaign document, until the model holds the new value
and the canvas block shows it (validation runs later, debounced).

"Open" = building the scene for the campaign (items for 500 blocks, their
edges and path ends) plus the first paint of a 1440×900 view — what a user
waits for after double-clicking a campaign. "Zoom-to-fit repaint" = fit the
whole workflow and repaint the viewport synchronously.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import widgets.node_canvas  # noqa: E402,F401  (None-refcount fix before heavy Qt use)
from engine.journeys import TRIGGER, Campaign, new_block  # noqa: E402

BUDGET_OPEN, BUDGET_FIT, BUDGET_TIDY, BUDGET_KEY = 1.0, 0.050, 0.100, 0.030


def generate(n: int) -> Campaign:
    """A long flow with a true/false branch every 10 blocks (both paths used), then tidied."""
    campaign = Campaign(f"Generated {n}")
    wf = campaign.workflow
    cycle = ["time_delay", "email", "sms", "update_person", "time_window", "webhook", "send_event", "push", "random_delay"]
    source, path, count = TRIGGER, None, 0
    while count < n:
        if count % 10 == 9 and count + 2 < n:
            branch = new_block("true_false_branch", wf.new_id("branch"),
                               settings={"conditions": {"attribute": {"field": "plan", "operator": "eq", "value": "pro"}}})
            wf.place_block(branch, source, path)
            side = new_block("email", wf.new_id("email"), settings={"email": "Side", "sending": "automatic"})
            wf.place_block(side, branch.id, "false")
            count += 2
            source, path = branch.id, "true"
            continue
        t = cycle[count % len(cycle)]
        block = new_block(t, wf.new_id(t.replace("_", "-")))
        wf.place_block(block, source, path)
        source, path = block.id, None
        count += 1
    wf.move_blocks(wf.tidy_layout())
    return campaign


def measure(n: int, runs: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from app.campaigns.canvas import CampaignCanvas
    from widgets.node_canvas import NodeCanvasScene, NodeCanvasView

    app = QApplication.instance() or QApplication([])
    campaign = generate(n)
    opens, fits = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        scene = NodeCanvasScene()
        canvas = CampaignCanvas(campaign, scene)
        view = NodeCanvasView(scene)
        view.resize(1440, 900)
        view.show()
        view.viewport().repaint()
        opens.append(time.perf_counter() - t0)
        app.processEvents()
        view.resetTransform()
        view.centerOn(0, 0)
        view.viewport().repaint()
        t1 = time.perf_counter()
        view.zoom_to_fit()
        view.viewport().repaint()
        fits.append(time.perf_counter() - t1)
        canvas.close()
        view.close()
        view.deleteLater()
        scene.deleteLater()
        app.processEvents()
    tidies = []
    for _ in range(runs):
        t0 = time.perf_counter()
        campaign.workflow.tidy_layout()
        tidies.append(time.perf_counter() - t0)
    return {"blocks": len(campaign.workflow.blocks), "edges": len(campaign.workflow.edges),
            "open_median": statistics.median(opens), "fit_median": statistics.median(fits),
            "tidy_median": statistics.median(tidies), "key_median": keystroke(campaign, runs), "runs": runs}


def keystroke(campaign, runs: int) -> float:
    import tempfile

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.campaigns.document import CampaignDocument
    from engine.journeys import campaign_to_parts
    from engine.store import Workspace

    app = QApplication.instance()
    ws = Workspace.open(Path(tempfile.mkdtemp()) / "bench.db")
    name, settings, workflow = campaign_to_parts(campaign)
    doc = CampaignDocument(ws, ws.campaigns.create(name, settings=settings, workflow=workflow).id)
    doc.resize(1440, 900)
    doc.show()
    app.processEvents()
    delay = next(b.id for b in doc.campaign.workflow.blocks.values() if b.type == "time_delay")
    doc.scene.select_only([delay])
    spin = doc.block_form.form.editors["amount"].spin
    spin.setFocus()
    times = []
    for i in range(runs * 3):
        QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        digit = str(i % 9 + 1)
        t0 = time.perf_counter()
        QTest.keyClicks(spin, digit)
        assert doc.campaign.workflow.block(delay).settings.amount == int(digit)
        assert doc.scene.nodes[delay].subtitle.startswith(f"Wait {digit} ")
        times.append(time.perf_counter() - t0)
        app.processEvents()
    doc.close()
    ws.close()
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    r = measure(args.blocks, args.runs)
    ok = r["open_median"] < BUDGET_OPEN and r["fit_median"] < BUDGET_FIT and r["tidy_median"] < BUDGET_TIDY \
        and r["key_median"] < BUDGET_KEY
    print(f"{r['blocks']} blocks, {r['edges']} edges, {r['runs']} runs")
    print(f"open (scene + first paint): median {r['open_median'] * 1000:.0f} ms  (budget {BUDGET_OPEN * 1000:.0f} ms)")
    print(f"zoom to fit + repaint:      median {r['fit_median'] * 1000:.1f} ms  (budget {BUDGET_FIT * 1000:.0f} ms)")
    print(f"tidy up (layout only):      median {r['tidy_median'] * 1000:.1f} ms  (budget {BUDGET_TIDY * 1000:.0f} ms)")
    print(f"keystroke -> model+canvas:  median {r['key_median'] * 1000:.1f} ms  (budget {BUDGET_KEY * 1000:.0f} ms)")
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
