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
