"""Each compiler pass on its own, fed hand-built input (no parser involved)."""
from __future__ import annotations

from engine.compiler.defaults import inject_defaults
from engine.compiler.head import HeadCollector
from engine.compiler.resolve import resolve_values
from engine.compiler.schema import SCHEMAS
from engine.compiler.stylesheet import StyleSheet
from engine.compiler.tree import Component, Raw, Resolved
from engine.compiler.values import Dynamic
from engine.document.nodes import Attribute, Document, Element, Position, Text
from engine.styles import GlobalStyles
from tests.test_compiler_support import body_of, compiled, dom, sample_styles


def el(tag, attrs=(), children=(), line=1, col=1):
    return Element(pos=Position(line, col), tag=tag,
                   attrs=[Attribute(n, v, Position(line, col + 1)) for n, v in attrs], children=list(children))


def test_resolve_pass_on_a_hand_built_tree():
    doc = Document(children=[el("x-base", [], [
        el("x-paragraph", [(":font-size", "{ small: 12, medium: 18 }"), ("text-align", "middle")], [Text(text="Hi")],
           line=2, col=3),
    ])])
    problems = []
    out = resolve_values(doc, GlobalStyles(), problems)
    [para] = out.body
    assert para.props["font-size"].variants == {"": 12, "medium": 18}
    assert "text-align" not in para.props
    assert [(p.line, p.column) for p in problems] == [(2, 4)]


def test_defaults_pass_on_a_hand_built_tree():
    styles = sample_styles()
    para = Component("x-paragraph", SCHEMAS["x-paragraph"])
    section = Component("x-section", SCHEMAS["x-section"], props={"color": Dynamic({"": "#fff"})},
                        explicit={"color"}, children=[para])
    link = Raw(el("a", [("href", "#")]))
    resolved = Resolved(body=[section, link])
    inject_defaults(resolved, styles)
    assert para.props["color"].variants == {"": "#fff"}  # the container beats the global Paragraph colour
    assert para.props["font-family"].base == "Helvetica, Arial, sans-serif"
    assert link.injected["color"].variants == {"": "#5B3FD9", "dark": "#B9A8FF"}


def test_stylesheet_shares_classes_between_identical_values_and_orders_media():
    sheet = StyleSheet()
    s1, c1 = sheet.style({"color": Dynamic({"": "#000", "dark": "#fff"})})
    s2, c2 = sheet.style({"color": Dynamic({"": "#000", "dark": "#fff"})})
    _, c3 = sheet.style({"font-size": Dynamic({"": 16, "medium": 24})})
    assert s1 == s2 == "color:#000" and c1 == c2 and c3 != c1
    css = sheet.css()
    assert css.index("min-width: 601px") < css.index("prefers-color-scheme")
    assert sheet.thunderbird_css() == f".moz-text-html .{c1}{{color:#fff !important}}"
    assert sheet.outlook_css() == f".{c3}{{font-size:24px !important}}"


def test_head_collector_merges_isolates_and_deduplicates():
    head = HeadCollector()
    head.add_style(".a{}")
    head.add_style(".a{}")
    head.add_style(".b{}", isolated=True)
    head.add_style(".c{}", isolated="g", media="print")
    head.add_style(".d{}", isolated="g", media="print")
    head.add_style(".e{}", isolated="g", media="screen")
    head.add_tag('<meta name="a">')
    head.add_tag('<meta name="a">')
    assert list(head.styles) == [".a{}"]
    assert head.render_isolated() == ["<style>\n.b{}\n</style>", '<style media="print">\n.c{}\n.d{}\n</style>',
                                      '<style media="screen">\n.e{}\n</style>']
    assert list(head.tags) == ['<meta name="a">']


def test_docs_responsive_fixture_section_6_2():
    src = """<x-base>
  <x-section padding="20px" class="padding-40">
    <x-heading-1 :font-size="30" class="font-size-50">Hello world&nbsp;</x-heading-1>
    <x-image class="image-100p" align="center" width="300px" src="https://example.com/a.png"/>
    <x-cta class="button-300" width="100%" href="https://parcel.io/">Click Me</x-cta>
  </x-section>
</x-base>
<x-head><style>
  @media screen and (min-width:500px){
    .image-100p img{width:100% !important}
    .button-300{width:300px !important}
    .padding-40>div{padding:40px !important}
  }
</style></x-head>"""
    r = compiled(src)
    assert r.problems == []
    body = body_of(r.html)
    section = body.find("div", "padding-40")
    assert [c for c in section.children if c.tag == "div"][0].style["padding"] == "20px"
    assert body.find("div", "image-100p").find("img")
    assert body.find("a", "button-300").style["width"] == "100%"
    h1 = body.find("h1", "font-size-50")
    assert h1.style["font-size"] == "30px"
    assert ".padding-40>div{padding:40px !important}" in dom(r.html).find("head").all_text()
