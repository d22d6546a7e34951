"""Design Studio §16 must-haves 1–4 and 19–21, asserted on the compiled HTML."""
from __future__ import annotations

import re

from engine.problems import Severity
from tests.test_compiler_support import (
    blocked_styles, body_of, compiled, dom, outlook_view, rules_for, sample_styles, style_blocks,
)


def base(body: str, head: str = "") -> str:
    return f"<x-base>{body}</x-base>{head}"


def test_must_have_1_dark_colour_inline_light_plus_media_rule_plus_thunderbird():
    r = compiled(base("<x-paragraph :color=\"{ light: '#000000', dark: '#ffffff' }\">Hi</x-paragraph>"))
    assert r.problems == []
    p = body_of(r.html).find("p")
    assert p.all_text() == "Hi"
    assert p.style["color"] == "#000000"
    generated = [c for c in p.classes]
    assert len(generated) == 1
    dark = rules_for(r.html, generated[0], media_attr="")
    assert ("(prefers-color-scheme: dark)", f".{generated[0]}", {"color": "#ffffff !important"}) in dark
    thunderbird = rules_for(r.html, generated[0], media_attr="(prefers-color-scheme: dark)")
    assert thunderbird == [(None, f".moz-text-html .{generated[0]}", {"color": "#ffffff !important"})]
    # The Thunderbird block is its own <style> element, not merged into the main one.
    isolated = [a for a, _css in style_blocks(r.html) if 'media="(prefers-color-scheme: dark)"' in a]
    assert len(isolated) == 1


def test_must_have_1_backtick_strings_work_like_quotes():
    r = compiled(base("<x-paragraph :color=\"{ light: `#000000`, dark: `#ffffff` }\">Hi</x-paragraph>"))
    p = body_of(r.html).find("p")
    assert p.style["color"] == "#000000"
    assert rules_for(r.html, p.classes[0])[0][2] == {"color": "#ffffff !important"}


def _effective(p) -> dict:
    return p.style  # later declarations already win in El.style


def test_must_have_2_numeric_prop_gets_px_and_equals_the_style_attribute():
    for styles in (None, sample_styles()):
        a = compiled(base('<x-paragraph :font-size="14" color="red">x</x-paragraph>'), styles)
        b = compiled(base('<x-paragraph style="font-size:14px;color:red">x</x-paragraph>'), styles)
        pa, pb = body_of(a.html).find("p"), body_of(b.html).find("p")
        assert _effective(pa)["font-size"] == "14px"
        assert _effective(pa) == _effective(pb)
        # No conditional rule may override either paragraph's font size or colour.
        for p, html in ((pa, a.html), (pb, b.html)):
            for cls in p.classes:
                for _media, _sel, decls in rules_for(html, cls, media_attr=None):
                    assert "font-size" not in decls and "color" not in decls


def test_must_have_3_base_emits_one_document_shell():
    r = compiled(base("<x-paragraph>Hi</x-paragraph>"))
    assert r.html.lower().count("<!doctype html>") == 1
    tree = dom(r.html)
    for tag in ("html", "head", "body"):
        assert len(tree.find_all(tag)) == 1, tag
    assert r.problems == []


def test_must_have_3_base_and_html_together_is_a_problem():
    src = "<x-base><x-paragraph>Hi</x-paragraph></x-base>\n<html><body>x</body></html>"
    r = compiled(src)
    errors = [p for p in r.problems if p.rule == "base-and-html"]
    assert errors and errors[0].severity == Severity.ERROR
    assert (errors[0].line, errors[0].column) == (2, 1)


def test_must_have_3_two_bases_is_a_problem_and_content_is_kept():
    src = "<x-base><x-paragraph>One</x-paragraph></x-base>\n<x-base><x-paragraph>Two</x-paragraph></x-base>"
    r = compiled(src)
    errors = [p for p in r.problems if p.rule == "single-base"]
    assert len(errors) == 1 and errors[0].line == 2
    tree = dom(r.html)
    assert len(tree.find_all("body")) == 1
    assert [p.all_text() for p in tree.find_all("p")] == ["One", "Two"]


def test_must_have_4_x_head_content_is_byte_for_byte_and_never_merged():
    head1 = "<style>\n  .a { color: red }\n</style>"
    head2 = "<style>\n  .a { color: red }\n</style>\n  <meta name=x  content='y'>"
    src = base("<x-paragraph>Hi</x-paragraph>", f"<x-head>{head1}</x-head><x-head>{head2}</x-head>")
    r = compiled(src)
    head = r.html[r.html.index("<head>"):r.html.index("</head>")]
    assert head1 in head and head2 in head
    assert head.count(".a { color: red }") == 2  # identical blocks are not deduplicated
    assert head.index(head1) < head.rindex(head2)


def test_must_have_19_responsive_font_size_mobile_default_desktop_in_min_width_query():
    r = compiled(base('<x-paragraph :font-size="{ small: 16, medium: 24 }">x</x-paragraph>'))
    p = body_of(r.html).find("p")
    assert p.style["font-size"] == "16px"
    found = [rule for cls in p.classes for rule in rules_for(r.html, cls)]
    assert ("(min-width: 601px)", f".{p.classes[0]}", {"font-size": "24px !important"}) in found
    # Block styles: only inline styles remain, so every width shows 16px.
    blocked = body_of(blocked_styles(r.html)).find("p")
    assert blocked.style["font-size"] == "16px"
    assert "<style" not in blocked_styles(r.html)


def _hidden_wrapper(html: str, text: str):
    """The paragraph and the ancestor whose generated class switches `display`."""
    para = next(p for p in body_of(html).find_all("p") if p.all_text() == text)
    for a in para.ancestors():
        for cls in a.classes:
            if any("display" in decls for _m, _s, decls in rules_for(html, cls)):
                return para, a
    raise AssertionError(f"no hide-on wrapper around {text!r}")


def test_must_have_20_hide_on_mobile_hidden_by_default_shown_on_desktop_kept_by_outlook():
    r = compiled(base('<x-section hide-on="mobile"><x-paragraph>Desk</x-paragraph></x-section>'
                      '<x-paragraph>Always</x-paragraph>'))
    para, wrapper = _hidden_wrapper(r.html, "Desk")
    assert wrapper.style.get("display") == "none"  # mobile and no-media-query clients
    cls = wrapper.classes[0]
    assert ("(min-width: 601px)", f".{cls}", {"display": "block !important"}) in rules_for(r.html, cls)
    # Outlook sees the desktop version: the wrapper it reads has no display:none.
    outlook = body_of(outlook_view(r.html))
    desk = next(p for p in outlook.find_all("p") if p.all_text() == "Desk")
    assert all(a.style.get("display") != "none" for a in desk.ancestors())


def test_must_have_20_hide_on_desktop_visible_on_mobile_absent_for_outlook():
    r = compiled(base('<x-box hide-on="desktop"><x-paragraph>Mobile</x-paragraph></x-box>'))
    para, wrapper = _hidden_wrapper(r.html, "Mobile")
    assert "display" not in wrapper.style
    cls = wrapper.classes[0]
    assert ("(min-width: 601px)", f".{cls}", {"display": "none !important"}) in rules_for(r.html, cls)
    assert "Mobile" not in outlook_view(r.html)


def test_must_have_20_descendants_inherit_hiding():
    r = compiled(base('<x-section hide-on="mobile"><x-row><x-column><x-paragraph>Deep</x-paragraph>'
                      '</x-column></x-row><x-html><span>raw</span></x-html></x-section>'))
    body = body_of(r.html)
    hider = next(d for d in body.find_all("div") if d.style.get("display") == "none")
    inside = [e.all_text() for e in hider.iter() if e.tag in ("p", "span")]
    assert "Deep" in inside and "raw" in inside


def test_must_have_21_layout_length_must_match_columns():
    src = "<x-base>\n<x-row :layout=\"[50,50]\">\n<x-column>A</x-column><x-column>B</x-column><x-column>C</x-column></x-row></x-base>"
    r = compiled(src)
    flagged = [p for p in r.problems if p.rule == "row-layout"]
    assert flagged and "2 values" in flagged[0].message and "3 x-column" in flagged[0].message
    assert (flagged[0].line, flagged[0].column) == (2, 8)


def _columns(html: str):
    body = body_of(html)
    return [d for d in body.find_all("div") if d.style.get("display") == "inline-block"]


def test_must_have_21_columns_stack_at_default_break_point():
    r = compiled(base('<x-row :layout="[30,70]"><x-column>A</x-column><x-column>B</x-column></x-row>'))
    cols = _columns(r.html)
    assert [c.style["width"] for c in cols] == ["100%", "100%"]  # stacked by default (mobile-first)
    widths = [rules_for(r.html, c.classes[0])[0] for c in cols]
    assert widths[0][0] == "(min-width: 601px)" and widths[0][2]["width"] == "30% !important"
    assert widths[1][2]["width"] == "70% !important"


def test_must_have_21_custom_break_point_moves_the_query():
    r = compiled(base('<x-row :break-point="480"><x-column>A</x-column><x-column>B</x-column></x-row>'))
    col = _columns(r.html)[0]
    assert rules_for(r.html, col.classes[0])[0][0] == "(min-width: 481px)"


def test_must_have_21_fallback_multi_keeps_columns_side_by_side_without_styles():
    r = compiled(base('<x-row fallback="multi"><x-column>A</x-column><x-column>B</x-column></x-row>'))
    blocked = _columns(blocked_styles(r.html))
    assert [c.style["width"] for c in blocked] == ["50%", "50%"]
    col = _columns(r.html)[0]
    assert ("(max-width: 600px)", f".{col.classes[0]}", {"width": "100% !important"}) in rules_for(r.html, col.classes[0])
    single = compiled(base('<x-row><x-column>A</x-column><x-column>B</x-column></x-row>'))
    assert [c.style["width"] for c in _columns(blocked_styles(single.html))] == ["100%", "100%"]


def test_must_have_21_outlook_gets_a_ghost_table_with_one_cell_per_column():
    r = compiled(base('<x-row :layout="[25,75]"><x-column>A</x-column><x-column>B</x-column></x-row>'))
    outlook = body_of(outlook_view(r.html))
    cells = [td for td in outlook.find_all("td") if td.attrs.get("valign")]
    assert [td.attrs["width"] for td in cells] == ["150", "450"]
    assert re.search(r"<!--\[if mso\]>", r.html)
