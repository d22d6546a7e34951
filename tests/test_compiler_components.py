"""Every standard component compiled on its own, checked on the parsed output."""
from __future__ import annotations

from engine.compiler import compile_email
from engine.compiler.schema import PRESETS, SCHEMAS, schema_json
from tests.test_compiler_support import body_of, compiled, dom, outlook_view, rules_for, sample_styles


def one(body: str, styles=None):
    r = compiled(f"<x-base>{body}</x-base>", styles)
    return r, body_of(r.html)


def test_schema_lists_every_component_with_typed_props():
    tags = set(SCHEMAS)
    for tag in ("x-base", "x-head", "x-section", "x-box", "x-row", "x-column", "x-paragraph", "x-heading-1",
                "x-heading-6", "x-cta", "x-image", "x-list", "x-hr", "x-spacer", "x-wrap", "x-html",
                "x-hidden-text", "x-edit-text", "x-font-family", "x-empty-state", "fragment"):
        assert tag in tags
    assert SCHEMAS["x-list"].prop("list-style").values[3] == "decimal"
    assert len(SCHEMAS["x-list"].prop("list-style-type").values) == 19
    assert SCHEMAS["x-base"].prop("font-weight").values == tuple(str(i) for i in range(100, 1000, 100))
    assert SCHEMAS["x-image"].prop("src").dark and SCHEMAS["x-image"].prop("src").responsive
    assert any(c["tag"] == "x-cta" for c in schema_json())


def test_base_title_preheader_lang_dir_background():
    r = compile_email('<x-base title="Hello" preheader="Peek" lang="fr" dir="rtl" background="#eeeeee">'
                      "<x-paragraph>Bonjour</x-paragraph></x-base>")
    tree = dom(r.html)
    assert tree.find("title").all_text() == "Hello"
    assert (r.title, r.preheader) == ("Hello", "Peek")
    body = tree.find("body")
    first = body.children[0]
    assert first.all_text().startswith("Peek") and first.style["display"] == "none"
    assert "Peek&zwnj;&nbsp;&zwnj;&nbsp;" in r.html
    wrapper = body.children[1]
    assert wrapper.attrs["lang"] == "fr" and wrapper.attrs["dir"] == "rtl"
    assert body.style["background"] == "#eeeeee"
    assert "lang" not in tree.find("html").attrs


def test_section_outer_band_inner_padding_and_outlook_table():
    r, body = one('<x-section class="padding-40" padding="20px" outer-background="#111111" background="#ffffff" '
                  'width="500px" role="region" label="Intro"><x-paragraph>x</x-paragraph></x-section>')
    outer = body.find("div", "padding-40")
    assert outer.style["background"] == "#111111"
    inner = [c for c in outer.children if c.tag == "div"][0]  # `.padding-40>div` carries the padding
    assert inner.style["padding"] == "20px" and inner.style["max-width"] == "500px"
    assert inner.style["background"] == "#ffffff"
    assert inner.attrs["role"] == "region" and inner.attrs["aria-label"] == "Intro"
    table = body_of(outlook_view(r.html)).find("table")
    assert table.attrs["width"] == "500"


def test_box_landmark_needs_both_role_and_label():
    _, body = one('<x-box role="region">x</x-box>')
    assert all("role" not in d.attrs for d in body.find_all("div"))
    _, body = one('<x-box role="region" label="L" :background="{light: \'#fff\', dark: \'#000\'}" height="40px">x</x-box>')
    box = next(d for d in body.find_all("div") if d.attrs.get("role") == "region")
    assert box.attrs["aria-label"] == "L" and box.style["height"] == "40px" and box.classes


def test_row_gap_reverse_and_no_stack():
    r, body = one('<x-row :gap="20" :reverse="true"><x-column background="#eee" vertical-align="middle">A</x-column>'
                  '<x-column>B</x-column></x-row>')
    cols = [d for d in body.find_all("div") if d.style.get("display") == "inline-block"]
    assert cols[0].style["vertical-align"] == "middle"
    assert cols[1].style["padding"] == "0 0 20px 0"  # stacked and reversed: the gap sits below
    track = cols[0].parent
    assert track.style["display"] == "flex" and track.style["flex-direction"] == "column-reverse"
    assert ("(min-width: 601px)", f".{track.classes[0]}", {"display": "block !important"}) in rules_for(r.html, track.classes[0])
    r, body = one('<x-row :stack="false"><x-column>A</x-column><x-column>B</x-column></x-row>')
    cols = [d for d in body.find_all("div") if d.style.get("display") == "inline-block"]
    assert [c.style["width"] for c in cols] == ["50%", "50%"] and not cols[0].classes


def test_column_outside_row_and_bad_layout_values():
    r = compiled("<x-base><x-column>x</x-column><x-row :layout=\"[60, 60]\"><x-column/><x-column/></x-row></x-base>")
    rules = [p.rule for p in r.problems]
    assert "column-outside-row" in rules and "row-layout" in rules


def test_paragraph_and_headings():
    _, body = one('<x-paragraph text-transform="uppercase" lang="de">p</x-paragraph>'
                  + "".join(f"<x-heading-{i}>h{i}</x-heading-{i}>" for i in range(1, 7)))
    p = body.find("p")
    assert p.style["text-transform"] == "uppercase" and p.attrs["lang"] == "de"
    for i in range(1, 7):
        assert body.find(f"h{i}").all_text() == f"h{i}"


def test_cta_link_button_with_outlook_spacers_and_hover():
    r, body = one('<x-cta href="https://x.example" background="#5B3FD9" color="#fff" padding="10px 30px" '
                  'align="center" hover-background="#000" border-radius="4px">Buy</x-cta>')
    a = body.find("a")
    assert a.attrs["href"] == "https://x.example" and a.style["display"] == "inline-block"
    assert a.style["background"] == "#5B3FD9" and a.style["padding"] == "10px 30px"
    assert a.parent.style["text-align"] == "center"
    hover = [rule for cls in a.classes for rule in rules_for(r.html, cls) if rule[1].endswith(":hover")]
    assert hover and hover[0][2] == {"background": "#000 !important"}
    assert "letter-spacing:30px" in outlook_view(r.html)


def test_image_alt_width_href_srcset():
    _, body = one('<x-image src="https://i.example/a.png" alt="A" width="300px" href="https://l.example" '
                  'srcset="a.png 1x, a@2x.png 2x" sizes="300px" align="right" border-radius="8px"/>')
    img = body.find("img")
    assert img.attrs["alt"] == "A" and img.attrs["width"] == "300" and img.style["width"] == "300px"
    assert img.attrs["srcset"] == "a.png 1x, a@2x.png 2x" and img.attrs["sizes"] == "300px"
    assert img.parent.tag == "a" and img.parent.attrs["href"] == "https://l.example"
    assert img.parent.parent.style["text-align"] == "right"


def test_image_dark_swap_both_images_emitted_dark_hidden_until_the_query():
    r, body = one("<x-image alt=\"Logo\" :src=\"{ light: 'https://i.example/l.png', dark: 'https://i.example/d.png' }\"/>")
    light, dark = [i for i in body.find_all("img") if i.attrs["src"] != ""][:2]
    assert light.attrs["src"].endswith("l.png") and dark.attrs["src"].endswith("d.png")
    assert dark.style["display"] == "none" and light.style["display"] == "inline-block"
    dl = {m: d["display"] for m, _s, d in rules_for(r.html, light.classes[0])}
    dd = {m: d["display"] for m, _s, d in rules_for(r.html, dark.classes[0])}
    assert dl["(prefers-color-scheme: dark)"] == "none !important"
    assert dd["(prefers-color-scheme: dark)"] == "inline-block !important"
    assert rules_for(r.html, dark.classes[0], media_attr="(prefers-color-scheme: dark)")
    # Outlook sees one image, the desktop light one.
    outlook = [i.attrs["src"] for i in body_of(outlook_view(r.html)).find_all("img")]
    assert outlook == ["https://i.example/l.png"]


def test_image_responsive_src_mobile_default_desktop_swap():
    r, body = one("<x-image alt=\"Hero\" :src=\"{ small: 'm.png', medium: 'd.png' }\"/>")
    mobile, desktop = body.find_all("img")[:2]
    assert mobile.attrs["src"] == "m.png" and mobile.style["display"] == "inline-block"
    assert desktop.style["display"] == "none"
    assert {m: d["display"] for m, _s, d in rules_for(r.html, desktop.classes[0])}["(min-width: 601px)"] == "inline-block !important"
    assert [i.attrs["src"] for i in body_of(outlook_view(r.html)).find_all("img")] == ["d.png"]


def test_list_ul_ol_and_list_style():
    _, body = one("<x-list><li>a</li><li>b</li></x-list>")
    ul = body.find("ul")
    assert [li.all_text() for li in ul.find_all("li")] == ["a", "b"] and ul.style["list-style-type"] == "disc"
    _, body = one('<x-list list-style-type="upper-roman"><li>a</li></x-list>')
    assert body.find("ol").style["list-style-type"] == "upper-roman"
    _, body = one('<x-list element="ol"><li>a</li></x-list>')
    assert body.find("ol").style["list-style-type"] == "decimal"


def test_hr_and_divider_global_style():
    r, body = one('<x-hr :height="{small: 2, medium: 4}" background-color="#ff0000" width="50%" margin="8px 0"/>')
    td = body.find("td")
    assert td.style["height"] == "2px" and td.style["background-color"] == "#ff0000"
    assert body.find("table").attrs["width"] == "50%"
    assert rules_for(r.html, td.classes[0])[0][2]["height"] == "4px !important"
    _, body = one("<x-hr/>", sample_styles())
    assert body.find("td").style["background-color"] == "#E2DEF0"


def test_spacer_size():
    _, body = one('<x-spacer :size="32"/>')
    d = next(d for d in body.find_all("div") if d.attrs.get("aria-hidden") == "true")
    assert d.style["height"] == "32px" and d.style["line-height"] == "32px"


def test_wrap_presets_compile_without_problems():
    for name, preset in PRESETS.items():
        r = compiled(f"<x-base>{preset}</x-base>")
        assert r.problems == [], name
        items = [d for d in body_of(r.html).find_all("div") if d.style.get("display") == "inline-block"
                 and d.style.get("vertical-align") == "middle"]
        assert len(items) == (3 if name == "navigation" else 4)


def test_html_block_is_verbatim_and_supports_hide_on():
    src = '<x-html hide-on="desktop"><form action="https://f.example"><input name=q></form>{{ x }}</x-html>'
    r = compiled(f"<x-base>{src}</x-base>")
    assert '<form action="https://f.example"><input name=q></form>{{ x }}' in r.html
    assert r.problems == []


def test_hidden_text_edit_text_fragment_empty_state():
    r, body = one('<x-paragraph>Read <x-hidden-text>about pricing</x-hidden-text></x-paragraph>'
                  '<div><x-edit-text>Edit <b>me</b></x-edit-text></div><fragment><span>f</span></fragment>'
                  '<x-empty-state/>')
    span = body.find("span")
    assert span.all_text() == "about pricing" and span.style["clip"] == "rect(0,0,0,0)"
    assert "display" not in span.style
    for tag in ("x-edit-text", "fragment", "x-empty-state"):
        assert f"<{tag}" not in r.html
    assert "Edit <b>me</b>" in r.html


def test_font_family_adds_google_font_links_once():
    r = compiled("<x-base><x-font-family font-family=\"'Roboto Slab', Roboto, Arial, sans-serif\"/>"
                 "<x-font-family font-family=\"Roboto, sans-serif\"/></x-base>")
    links = [l.attrs["href"] for l in dom(r.html).find_all("link")]
    assert len(links) == 2 and all(h.startswith("https://fonts.googleapis.com/css2?family=") for h in links)
    assert any("Roboto+Slab" in h for h in links)


def test_custom_font_stylesheet_added_once_when_used():
    r = compiled("<x-base><x-heading-1>a</x-heading-1><x-heading-2>b</x-heading-2></x-base>", sample_styles())
    links = [l.attrs["href"] for l in dom(r.html).find_all("link")]
    assert links.count("https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap") == 1


def test_body_style_title_meta_link_are_hoisted_and_deduplicated():
    r = compiled('<x-base><style>.a{color:red}</style><style>.a{color:red}</style>'
                 '<style #isolated>.b{x:y}</style><style #isolated="g" media="screen">.c{}</style>'
                 '<style isolated="g" media="screen">.d{}</style><meta name="m" content="1"><meta name="m" content="1">'
                 '<title>T</title><title>T</title><x-paragraph>x</x-paragraph></x-base>')
    head = dom(r.html).find("head")
    styles = [s.all_text() for s in head.find_all("style")]
    main = styles[0]
    assert main.count(".a{color:red}") == 1
    assert any(s.strip() == ".b{x:y}" for s in styles)
    assert any(".c{}" in s and ".d{}" in s for s in styles)
    assert len([m for m in head.find_all("meta") if m.attrs.get("name") == "m"]) == 1
    assert [t.all_text() for t in head.find_all("title")] == ["T"]
    assert "<style" not in r.html[r.html.index("<body"):]


def test_liquid_is_kept_verbatim():
    src = ('<x-base>{% if customer.vip %}<x-paragraph>Hi {{ customer.name | default: "you" }}</x-paragraph>'
           '{% endif %}<x-cta href="{{ event.url }}">Go</x-cta></x-base>')
    r = compiled(src)
    assert r.problems == []
    for part in ('{% if customer.vip %}', '{{ customer.name | default: "you" }}', '{% endif %}', 'href="{{ event.url }}"'):
        assert part in r.html


def test_unknown_components_are_errors():
    r = compiled("<x-base><x-card>a</x-card><promo-card>b</promo-card></x-base>")
    assert [p.rule for p in r.problems] == ["unknown-component", "unknown-component"]


def test_source_without_base_gets_a_shell_and_html_documents_are_kept():
    r = compiled("<x-paragraph>bare</x-paragraph>")
    assert r.html.startswith("<!doctype html>") and dom(r.html).find("p").all_text() == "bare"
    doc = "<!DOCTYPE html><html><head><title>Mine</title></head><body><x-paragraph :color=\"{light:'#000',dark:'#fff'}\">x</x-paragraph></body></html>"
    r = compiled(doc)
    tree = dom(r.html)
    assert [t.all_text() for t in tree.find_all("title")] == ["Mine"]
    assert len(tree.find_all("html")) == 1 and "prefers-color-scheme: dark" in r.html


def test_inheritance_section_props_pass_down_explicit_beats_inherited():
    styles = sample_styles()
    _, body = one('<x-section color="#ffffff" font-size="18"><x-paragraph>a</x-paragraph>'
                  '<x-paragraph color="#ff0000">b</x-paragraph><x-heading-2>h</x-heading-2>'
                  '<x-cta href="#">c</x-cta></x-section>', styles)
    a, b = body.find_all("p")
    assert a.style["color"] == "#ffffff" and a.style["font-size"] == "18px"
    assert b.style["color"] == "#ff0000"
    assert body.find("h2").style["color"] == "#ffffff"
    assert body.find("a").style["color"] == "#FFFFFF" and body.find("a").style["background"] == "#5B3FD9"


def test_global_defaults_per_element_type():
    r, body = one('<x-paragraph>p <a href="https://l.example">link</a></x-paragraph><x-heading-1>h</x-heading-1>'
                  "<x-list><li>i</li></x-list>", sample_styles())
    p, h1, ul = body.find("p"), body.find("h1"), body.find("ul")
    assert p.style["font-family"] == "Helvetica, Arial, sans-serif" and p.style["line-height"] == "1.5"
    assert h1.style["font-size"] == "28px" and h1.style["font-family"].startswith("Inter")
    assert ({m: d for m, _s, d in rules_for(r.html, h1.classes[0])}["(min-width: 601px)"]["font-size"]
            == "36px !important")
    assert ul.style["font-family"] == p.style["font-family"]
    a = body.find("a")
    assert a.style["color"] == "#5B3FD9" and a.style["text-decoration"] == "underline"
    assert "font-family" not in a.style  # the Paragraph font reaches links through inheritance
    wrapper = body.find("div", "cs-body")
    assert wrapper.style["font-family"] == "Helvetica, Arial, sans-serif"
    explicit = compiled('<x-base><x-paragraph><a href="#" style="color:#00ff00">x</a></x-paragraph></x-base>',
                        sample_styles())
    assert body_of(explicit.html).find("a").style["color"] == "#00ff00"
