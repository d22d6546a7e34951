"""Template expressions compiled once per component (engine/components/plan.py + Sandbox.define)."""
from __future__ import annotations

from engine.compiler import compile_email
from engine.components import parse_component
from engine.components.plan import compilable, template_expressions

CARD = """<script>
const props = Component.defineProps({ name: Component.props.string(), items: Component.props.array(Component.props.string()).default([]) });
const shout = (s) => s.toUpperCase();
</script>
<style>.card { color: set(props.name === 'x' ? 'red' : 'blue'); }</style>
<template>
  <p :title="props.name" #if="props.items.length">${shout(props.name)}</p>
  <li #each="(item, i) in props.items">${i}:${item}</li>
  <inner-card :label="props.name"></inner-card>
</template>
"""


def body(html: str) -> str:
    return html[html.find('class="cs-body">') + 16:html.rfind("</div>\n</body>")]


def test_every_expression_of_the_template_is_listed_once():
    d = parse_component("my-card", CARD)
    codes = template_expressions(d)
    for code in ("props.name === 'x' ? 'red' : 'blue'", "props.name", "props.items.length", "shout(props.name)",
                 "props.items", "i", "item", '{"label": (props.name\n)}'):
        assert code in codes
    assert len(codes) == len(set(codes))


def test_compiled_expressions_see_script_locals_props_and_loop_variables():
    inner = "<script>\nconst props = Component.defineProps({ label: Component.props.string() });\n</script>" \
            "<template><b>${props.label}</b></template>"
    usage = '<my-card name="ada" :items="[\'a\', \'b\']"></my-card>'
    for _ in range(2):  # the second compile reuses the thread's cached factory
        r = compile_email(f"<x-base>{usage}</x-base>", components={"my-card": CARD, "inner-card": inner})
        out = body(r.html)
        assert not r.problems, [p.format() for p in r.problems]
        assert '<p title="ada">ADA</p>' in out and "<li>0:a</li><li>1:b</li>" in out and "<b>ada</b>" in out
        assert ".card { color: blue; }" in r.html or ".card{color:blue}" in r.html.replace(" ", "")


def test_a_broken_expression_is_reported_where_it_is_and_the_others_still_work():
    comp = "<script>\nconst a = 'ok';\n</script>\n<template><p>${a}</p><p>${a +* 1}</p><p>${missing.x}</p></template>"
    r = compile_email("<x-base><my-comp></my-comp></x-base>", components={"my-comp": comp}, filename="e.html")
    out = body(r.html)
    assert "<p>ok</p>" in out
    found = [p.format() for p in r.problems]
    assert any(m.startswith("my-comp.html:4:") and "SyntaxError" in m for m in found), found
    assert any(m.startswith("my-comp.html:4:") and "missing" in m and "not defined" in m for m in found), found


def test_an_expression_that_could_close_its_wrapper_is_not_compiled_into_the_factory():
    assert compilable("props.a + 1") and compilable("{ a: 1 }") and compilable("'}' + `)`")
    assert not compilable("1); globalThis.x = 2; (1") and not compilable("a /* open") and not compilable("   ")


# ---- runaway scripts: the compile fails within 1.5 s, clearly, and nothing freezes ----------------------
import threading  # noqa: E402
import time  # noqa: E402

RUNAWAY = "<script>\nconst props = Component.defineProps(['n']);\nlet i = 0;\nwhile (true) { i++ }\n</script><template>x</template>"


def compile_timed(components, usage="<loop-comp n=\"1\"></loop-comp>"):
    started = time.monotonic()
    r = compile_email(f"<x-base>{usage}<x-paragraph>after</x-paragraph></x-base>", components=components,
                      filename="e.html")
    return r, time.monotonic() - started


def test_runaway_script_fails_within_1_5_s_and_fails_at_once_while_unchanged():
    r, wall = compile_timed({"loop-comp": RUNAWAY})
    found = [p.format() for p in r.problems]
    assert wall < 1.5, wall
    assert found == ["loop-comp.html:4:1: component <loop-comp>: script stopped after 1 s (endless loop?) at line 4"]
    assert "after" in r.html  # the rest of the email still compiles
    again, wall = compile_timed({"loop-comp": RUNAWAY})  # e.g. the editor recompiling on the next keystroke
    assert wall < 0.3 and [p.format() for p in again.problems] == found
    other, wall = compile_timed({"loop-comp": RUNAWAY}, '<loop-comp n="2"></loop-comp>')  # new attributes: run again
    assert wall > 0.5 and other.problems
    fixed, _ = compile_timed({"loop-comp": RUNAWAY.replace("while (true) { i++ }", "i++;")})
    assert fixed.problems == [] and "x" in fixed.html


def test_slow_instances_share_one_budget_per_compile():
    slow = "<script>\nconst end = Date.now() + 300;\nwhile (Date.now() < end) {}\n</script><template><p>ok</p></template>"
    r, wall = compile_timed({"slow-comp": slow}, "".join(f'<slow-comp id="s{i}"></slow-comp>' for i in range(10)))
    # each call stays under QuickJS's per-call limit; the compile's total is what stops them
    assert wall < 1.5, wall
    assert any("stopped after 1 s" in p.message for p in r.problems)
    assert r.html.count("<p>ok</p>") in (2, 3, 4)


def test_a_runaway_compile_in_a_worker_thread_leaves_the_event_loop_running(qtbot):
    from PySide6.QtCore import QTimer

    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    result = {}
    looping = RUNAWAY.replace("let i = 0;", "let i = 0; // worker")  # a source no earlier compile stopped
    worker = threading.Thread(target=lambda: result.setdefault("r", compile_timed({"loop-comp": looping})))
    timer.start()
    worker.start()
    qtbot.waitUntil(lambda: not worker.is_alive(), timeout=5000)
    timer.stop()
    r, wall = result["r"]
    assert wall < 1.5 and any("endless loop" in p.message for p in r.problems)
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 20 and max(gaps) < 0.25, max(gaps)  # QuickJS releases the GIL while it runs
