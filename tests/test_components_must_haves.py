"""Custom components: §16 must-haves 5–17, the §4.16 loop examples, directives, props, troubleshooting."""
from __future__ import annotations

import re
import time

import pytest

from engine.compiler import compile_email
from engine.components import parse_component, tag_problem


def component(template: str, script: str = "", extra: str = "") -> str:
    return f"<script>\n{script}\n</script>\n{extra}<template>{template}</template>"


def build(template, script="", usage="<my-comp></my-comp>", extra="", more=None):
    comps = {"my-comp": component(template, script, extra), **(more or {})}
    r = compile_email(f"<x-base>{usage}</x-base>", components=comps, filename="e.html")
    body = r.html[r.html.find('class="cs-body">') + 16:r.html.rfind("</div>\n</body>")]
    return body.strip(), r


def messages(r):
    return [p.format() for p in r.problems]


# ---- must-have 5: styles ------------------------------------------------------------------
def test_must_have_05_styles_merged_deduplicated_and_isolated():
    styles = ('<style>.card{color:red}</style><style #isolated>.iso{color:blue}</style>'
              '<style #isolated="g">.g1{color:green}</style><style #isolated="g">.g2{color:lime}</style>'
              '<style #isolated="g" media="(prefers-color-scheme: dark)">.g3{color:white}</style>')
    _, r = build("<p>x</p>", extra=styles, usage="<my-comp></my-comp><my-comp></my-comp>")
    head = r.html[:r.html.find("</head>")]
    assert head.count(".card{color:red}") == 1
    blocks = re.findall(r"<style([^>]*)>(.*?)</style>", head, re.S)
    main = [b for a, b in blocks if ".card" in b]
    assert len(main) == 1 and "body{margin:0" in main[0]  # merged into the one main block
    assert any(".iso" in b and ".card" not in b for a, b in blocks)
    group = [b for a, b in blocks if ".g1" in b]
    assert len(group) == 1 and ".g2" in group[0] and ".g3" not in group[0]
    assert any('media="(prefers-color-scheme: dark)"' in a and ".g3" in b for a, b in blocks)


# ---- must-have 6 and the §4.16 loops ---------------------------------------------------------
def test_must_have_06_each_number_and_object_with_index():
    assert build('<li #each="n in 3">${n}</li>')[0] == "<li>0</li><li>1</li><li>2</li>"
    out, _ = build("<p #each=\"(value, key, index) in {a:'x', b:'y'}\">${index}:${key}:${value}</p>")
    assert out == "<p>0:a:x</p><p>1:b:y</p>"


def test_loop_examples_4_16():
    assert build('<li #each="n in 10">${n}</li>')[0] == "".join(f"<li>{i}</li>" for i in range(10))
    script = "const props = Component.defineProps({ products: Component.props.array(Component.props.string()) })"
    out, r = build('<ul><li #each="product in products">${product}</li></ul>', script,
                   usage="<my-comp :products=\"['apples','bananas','tomatoes']\"></my-comp>")
    assert out == "<ul><li>apples</li><li>bananas</li><li>tomatoes</li></ul>" and not r.problems
    out, _ = build('<p #each="product in items">${product.name} - ${product.price}</p>',
                   "const items = [{name:'apple', price:'$0.50'}, {name:'pear', price:'$0.75'}]")
    assert out == "<p>apple - $0.50</p><p>pear - $0.75</p>"
    out, _ = build("<p>${props.store.name} <br/> ${props.store.location}</p>",
                   "const props = Component.defineProps({ store: Component.props.object({ name: Component.props.string(), location: Component.props.string() }) })",
                   usage="<my-comp :store=\"{name:'Corner', location:'Main St'}\"></my-comp>")
    assert out == "<p>Corner <br/> Main St</p>"
    out, _ = build("<tr #each=\"(food, index) in foods\"><td>${food}${index>3?' (more)':''}</td></tr>",
                   "const foods = ['a','b','c','d','e']")
    assert out.count("(more)") == 1 and "<td>e (more)</td>" in out
    out, _ = build("<p #each=\"(value, key, index) in {key1:'value1', key2:'value2'}\">${index+1}. ${key}: ${value}</p>")
    assert out == "<p>1. key1: value1</p><p>2. key2: value2</p>"


def test_each_over_strings_and_bad_forms():
    assert build("<b #each=\"(c, i) in 'ab'\">${i}${c}</b>")[0] == "<b>0a</b><b>1b</b>"
    _, r = build('<b #each="in nothing">x</b>')
    assert any("#each must read" in m for m in messages(r))


# ---- must-have 7 ---------------------------------------------------------------------------
@pytest.mark.parametrize("x,expected", [(1, "<p>one</p>"), (2, "<p>two</p>"), (3, "<p>other</p>")])
def test_must_have_07_if_chain_renders_exactly_one_branch(x, expected):
    out, _ = build('<p #if="x==1">one</p>\n<p #else-if="x==2">two</p>\n<p #else>other</p>', f"const x = {x}")
    assert re.sub(r"\s+", "", out) == expected


def test_must_have_07_else_without_if_is_an_error_with_position():
    _, r = build('<p>a</p><p #else-if="true">b</p>')
    assert r.errors and r.errors[0].file == "my-comp.html" and r.errors[0].line == 4 and r.errors[0].column > 1


# ---- must-haves 8–11 ---------------------------------------------------------------------------
def test_must_have_08_attributes_and_set():
    out, _ = build("<div :id=\"2*3*4\"></div><div #set=\"{ id:'a', class:'b' }\"></div>")
    assert out == '<div id="24"></div><div id="a" class="b"></div>'
    out, _ = build('<x-paragraph #set="props">Hi</x-paragraph>', "const props = Component.defineProps(['color','font-size'])",
                   usage='<my-comp color="red" :font-size="14"></my-comp>')
    assert "color:red" in out and "font-size:14px" in out


def test_must_have_09_escaping_and_raw_html():
    out, _ = build("${'<b>x</b>'}<fragment #set:html=\"'<b>x</b>'\"/>")
    assert out == "&lt;b&gt;x&lt;/b&gt;<b>x</b>"


def test_must_have_10_style_and_class():
    out, _ = build("<div :style=\"{ color: undefined, 'font-size': '16px' }\"></div><i #set:class=\"['a','b']\"></i>"
                   "<i #set:class=\"'a b '\"></i><i #class:x #set:class:y=\"false\"></i><i #style:color=\"red\" :style:margin=\"`${2*2}px`\"></i>")
    assert out == ('<div style="font-size:16px"></div><i class="a b"></i><i class="a b"></i><i class="x"></i>'
                   '<i style="color:red;margin:4px"></i>')


def test_must_have_11_is_and_is_raw():
    out, _ = build("<ul :is=\"ordered ? 'ol' : 'ul'\"><li>a</li></ul><div #is:raw><a #if=\"x\">${y}</a></div>",
                   "const ordered = true")
    assert out == '<ol><li>a</li></ol><div><a #if="x">${y}</a></div>'


def test_conditional_comments_run_directives():
    out, _ = build("<!--[if mso]><i :style:letter-spacing=\"`${10*5}px`\" hidden>&nbsp;</i><![endif]-->")
    assert 'style="letter-spacing:50px"' in out


# ---- must-have 12: slots ---------------------------------------------------------------------
def test_must_have_12_named_default_and_fallback_slots():
    layout = component('<header><slot name="header">No header</slot></header><main><slot><x-empty-state/>Fallback</slot></main>')
    out, r = build("", usage='<lay-out><fragment #slot="header">H</fragment>B</lay-out>', more={"lay-out": layout})
    assert out == "<header>H</header><main>B</main>" and "fragment" not in r.html
    out, r = build("", usage="<lay-out></lay-out>", more={"lay-out": layout})
    assert out == "<header>No header</header><main>Fallback</main>" and "empty-state" not in r.html


# ---- must-haves 13–14: slot marks, children, allowedParents ------------------------------------
def test_must_have_13_slot_marks_reach_the_definition():
    from engine.components.sandbox import Sandbox

    s = Sandbox()
    s.define("t-x", "Component.defineSlots({ default: { schema: Component.slots.text(), marks: ['bold','italic'] }, other: Component.slots.text() })")
    sid = s.call("run", str(s.defined["t-x"]), "t-x", None, 0, "")
    import json

    slots = json.loads(s.call("slots", sid))
    assert slots["default"]["marks"] == ["bold", "italic"]
    assert slots["other"]["marks"] is None  # no key: every mark but linebreak (§4.5)


def test_must_have_14_children_slot_and_allowed_parents():
    parent = component("<div><slot/></div>", "Component.defineSlots({ default: Component.slots.children(['social-icons']).max(3) })")
    icons = component("<i>i</i>", "export const config = { label: 'Icons', allowedParents: ['foot-er'] }")
    more = {"foot-er": parent, "social-icons": icons}
    _, r = build("", usage="<foot-er><x-paragraph>no</x-paragraph></foot-er>", more=more)
    assert any("accepts only <social-icons>" in m for m in messages(r))
    _, r = build("", usage="<foot-er>" + "<social-icons></social-icons>" * 4 + "</foot-er>", more=more)
    assert any("at most 3" in m for m in messages(r))
    _, r = build("", usage="<social-icons></social-icons>", more=more)
    assert any("can only be placed inside <foot-er>" in m for m in messages(r))
    _, r = build("", usage="<foot-er><social-icons></social-icons></foot-er>", more=more)
    assert not r.problems


# ---- must-have 15: props ---------------------------------------------------------------------
def test_must_have_15_enum_problem_and_number_default():
    script = ("const props = Component.defineProps({ align: Component.props.enum(['left','center','right']).optional(),"
              " size: Component.props.number().default(16) })")
    out, r = build("<p>${props.size}</p>", script, usage='<my-comp align="middle"></my-comp>')
    assert out == "<p>16</p>"
    (p,) = r.errors
    assert "'align'" in p.message and '"middle"' in p.message and p.file == "e.html" and p.column == 18


def test_prop_validation_problems():
    script = ("const props = Component.defineProps({ n: Component.props.number(), t: Component.props.string(),"
              " d: Component.props.withDynamicStyles(Component.props.string(), { darkMode: true }).optional() })")
    _, r = build("<p>${props.t}</p>", script, usage="<my-comp :n=\"'x'\" bogus=\"1\" :d=\"{ light: 'a', small: 'b' }\"></my-comp>")
    text = "\n".join(messages(r))
    assert "has no prop 'bogus'" in text
    assert "'n' must be a number" in text
    assert "missing the required prop 't'" in text
    assert "key 'small' is not allowed" in text
    out, r = build("<p>${props.d.dark}</p>", script, usage="<my-comp :n=\"1\" t=\"x\" :d=\"{ light: 'a', dark: 'b' }\"></my-comp>")
    assert out == "<p>b</p>" and not r.problems


def test_responsive_and_combined_dynamic_keys():
    script = ("const props = Component.defineProps({ src: Component.props.withDynamicStyles(Component.props.string(),"
              " { responsive: true, darkMode: true }) })")
    out, r = build("<p>${props.src['small:dark']}</p>", script,
                   usage="<my-comp :src=\"{ small: 'a', medium: 'b', 'small:dark': 'c', 'medium:dark': 'd' }\"></my-comp>")
    assert out == "<p>c</p>" and not r.problems


def test_undeclared_prop_use_is_located_in_the_component():
    _, r = build("<p>${props.missing}</p>", "const props = Component.defineProps({})")
    (p,) = r.errors
    assert "'missing' is used but not declared" in p.message and p.file == "my-comp.html" and p.line == 4


# ---- must-have 16: tag names and presets -------------------------------------------------------
@pytest.mark.parametrize("tag", ["x-card", "div", "Card-x", "a--b", "card-", "1card", "font-face", "slot", "fragment", "a" * 101 + "-b"])
def test_must_have_16_rejected_tags(tag):
    assert tag_problem(tag)


def test_must_have_16_accepted_tag_and_preset_mismatch():
    assert tag_problem("promo-card2") is None
    d = parse_component("promo-card", "<script>\nexport const config = { label: 'P', presets: [{ label: 'P', content: `<other-card></other-card>` }] }\n</script><template><p>x</p></template>")
    (p,) = [p for p in d.problems if p.rule == "component-preset-tag"]
    assert "other-card" in p.message and p.line == 2


# ---- must-have 17: set() --------------------------------------------------------------------------
def test_must_have_17_set_in_styles():
    from engine.styles import GlobalStyles

    styles = GlobalStyles.load("resources/sample/global-styles.json")
    comp = component("<div :class=\"`img-${hash}`\">x</div>",
                     "const props = Component.defineProps({ background: Component.props.string() }); const hash = 'h-3k9x';",
                     "<style>.box{background: set('props.background'); color: set('globalStyles.colors.brand_k7d1q2'); border: set(props.nope)}"
                     " .img-set(hash){display:block}</style>")
    r = compile_email('<x-base><my-comp background="#123456"></my-comp></x-base>', styles=styles,
                      components={"my-comp": comp})
    assert ".box{background: #123456; color: #5B3FD9;}" in r.html
    assert ".img-h-3k9x{display:block}" in r.html and 'class="img-h-3k9x"' in r.html


# ---- §4.15 troubleshooting ------------------------------------------------------------------------
def test_troubleshooting_errors_have_file_line_and_column():
    d = parse_component("my-card", "<template><p>x</p></template>\n<div>stray</div>")
    rules = {(p.rule, p.line, p.column) for p in d.problems}
    assert ("component-anatomy", 1, 1) in rules  # missing <script>
    assert ("component-anatomy", 2, 1) in rules  # code outside the top-level elements
    d = parse_component("my-card", "<script>\nconst x = 1\n</script>")
    assert any("needs a <template>" in p.message for p in d.problems)
    d = parse_component("my-card", "<script>\nexport const config = { label: foo }\nexport const props = defineProps({})\n</script><template/>")
    assert {p.rule for p in d.problems} >= {"component-config", "component-api"}
    assert all(p.file == "my-card.html" and p.line >= 2 and p.column >= 1 for p in d.problems)
    _, r = build("<p>x</p>", "const props = Component.defineProps({ a: Component.props.date() })")
    assert any("date() is not a supported schema" in m and m.startswith("my-comp.html:2:") for m in messages(r))


def test_script_error_names_component_and_line():
    _, r = build("<p>x</p>", "const a = 1;\nnull.x;")
    (p,) = r.errors
    assert p.file == "my-comp.html" and p.line == 3 and "my-comp" in p.message and "null" in p.message


def test_runaway_script_stops_and_the_next_compile_works():
    t0, c0 = time.perf_counter(), time.process_time()
    _, r = build("<p>x</p>", "let i = 0;\nwhile(true){ i++ }")
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    (p,) = r.errors
    assert "stopped after 1 s" in p.message and "<my-comp>" in p.message and p.line == 3
    # QuickJS counts process CPU time; wall time on a loaded machine can be a little longer.
    assert cpu < 1.5 and wall < 3.0
    out, r = build("<p>${1+1}</p>")
    assert out == "<p>2</p>" and not r.problems


def test_sandbox_has_no_file_network_or_process_access():
    out, _ = build("<p>${[typeof std, typeof os, typeof require, typeof fetch, typeof process, typeof XMLHttpRequest].join()}</p>")
    assert out == "<p>undefined,undefined,undefined,undefined,undefined,undefined</p>"


def test_memory_limit_stops_a_greedy_script():
    _, r = build("<p>x</p>", "const a = []; while (true) a.push(new Array(100000).fill(1));")
    assert any("out of memory" in m or "stopped after" in m for m in messages(r))


def test_globals_do_not_leak_between_compiles():
    build("<p>x</p>", "globalThis.leak = 1; try { Array.prototype.evil = 1 } catch (e) {}")
    out, _ = build("<p>${typeof leak}${typeof [].evil}</p>")
    assert out == "<p>undefinedundefined</p>"


def test_context_between_ancestor_and_descendant():
    child = component("<i>${Component.context.get('theme').primary}</i>", "const t = Component.context.get('theme')")
    out, _ = build("<div><child-x></child-x></div>", "Component.context.set('theme', { primary: 'blue' })",
                   more={"child-x": child})
    assert out == "<div><i>blue</i></div>"


def test_head_elements_deduplicated():
    _, r = build("<p>x</p>", extra='<title>T</title><meta name="m" content="1"><link rel="stylesheet" href="a.css">',
                 usage="<my-comp></my-comp><my-comp></my-comp>")
    head = r.html[:r.html.find("</head>")]
    assert head.count("<title>T</title>") == 1 and head.count('name="m"') == 1 and head.count("a.css") == 1


def test_sample_promo_card_and_unknown_component_message():
    src = open("resources/sample/components/promo-card.html").read()
    r = compile_email('<x-base><promo-card code="LUMEN15" headline="15% off annual plans"></promo-card></x-base>',
                      components={"promo-card": src})
    assert r.ok and "LUMEN15" in r.html and "15% off annual plans" in r.html and "#2A1C17" in r.html
    r = compile_email("<x-base><promo-card></promo-card></x-base>", filename="e.html")
    (p,) = r.errors
    assert "<promo-card>" in p.message and "--components" in p.message
