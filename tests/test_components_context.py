"""Component context through slots (issue 10.15): provide/inject follows where a component is rendered.

A wrapper that calls `Component.context.set` and renders `<slot />` makes the
context visible to the components the *email* places in that slot, as Vue's
provide/inject works through slots; a sibling outside the wrapper never sees it.
"""
from __future__ import annotations

from engine.compiler import compile_email

PROVIDER = """<script>
export const props = Component.defineProps({ theme: { schema: Component.props.string().default("light") } });
Component.context.set("theme", props.theme);
</script>
<template><div class="provider"><slot /></div></template>"""

CONSUMER = """<script>
const theme = Component.context.get("theme");
</script>
<template><i>${theme === undefined ? "none" : theme}</i></template>"""

# A wrapper that forwards its slot into another provider placed in its own template.
FORWARDER = """<script>
Component.context.set("frame", "outer");
</script>
<template><section><theme-provider theme="inner"><slot /></theme-provider></section></template>"""

FRAME_CONSUMER = """<script>
const frame = Component.context.get("frame");
const theme = Component.context.get("theme");
</script>
<template><b>${frame}/${theme}</b></template>"""

COMPONENTS = {"theme-provider": PROVIDER, "theme-consumer": CONSUMER, "frame-forwarder": FORWARDER,
              "frame-consumer": FRAME_CONSUMER}


def body(usage: str) -> str:
    r = compile_email(f"<x-base>{usage}</x-base>", components=COMPONENTS, filename="e.html")
    assert not [p for p in r.problems if p.severity.name == "ERROR"], [p.format() for p in r.problems]
    html = r.html
    return html[html.find('class="cs-body">') + 16:html.rfind("</div>\n</body>")].strip()


def test_context_reaches_a_component_the_email_places_in_the_wrappers_slot():
    out = body('<theme-provider theme="dark"><theme-consumer></theme-consumer></theme-provider>')
    assert out == '<div class="provider"><i>dark</i></div>'


def test_nested_providers_the_innermost_wins_and_outer_keys_stay_visible():
    out = body('<theme-provider theme="dark"><theme-consumer></theme-consumer>'
               '<theme-provider theme="sepia"><theme-consumer></theme-consumer></theme-provider>'
               '<theme-consumer></theme-consumer></theme-provider>')
    assert out == ('<div class="provider"><i>dark</i><div class="provider"><i>sepia</i></div>'
                   '<i>dark</i></div>')


def test_context_set_in_one_wrapper_does_not_leak_to_a_sibling_outside_it():
    out = body('<theme-provider theme="dark"><theme-consumer></theme-consumer></theme-provider>'
               '<theme-consumer></theme-consumer>'
               '<theme-provider theme="sepia"></theme-provider><theme-consumer></theme-consumer>')
    assert out == '<div class="provider"><i>dark</i></div><i>none</i><div class="provider"></div><i>none</i>'


def test_slot_content_forwarded_through_a_wrappers_own_provider_sees_both_contexts():
    out = body("<frame-forwarder><frame-consumer></frame-consumer></frame-forwarder><frame-consumer></frame-consumer>")
    assert out == '<section><div class="provider"><b>outer/inner</b></div></section><b>/</b>'
