"""The Design Studio source parser: trees, positions, round trip, errors, speed."""
from __future__ import annotations

import time

import pytest

from engine.document.nodes import Comment, Doctype, Element, Liquid, Text, walk
from engine.document.parser import parse, parse_with_problems
from engine.document.serialize import serialize
from engine.problems import ProblemError


def newsletter(stories: int = 6) -> str:
    """A realistic 30-component newsletter: heads, sections, columns, Liquid, MSO comments."""
    parts = [
        '<x-base :title="\'Weekly digest\'" preheader="Hi {{ customer.first_name | default: "there" }}, your week"\n'
        "        background=\"#f4f4f4\" :font-size=\"16\" lang=\"en\">\n",
        "  <x-head>\n    <style>\n      .promo > a { color: #0a66c2 !important; }\n"
        "      @media (max-width: 600px) { .hide-mobile { display: none !important; } }\n"
        "    </style>\n    <!--[if mso]><style>td { font-family: Arial, sans-serif; }</style><![endif]-->\n"
        '    <meta name="x-apple-disable-message-reformatting">\n  </x-head>\n',
        '  <x-section :background="{ light: \'#ffffff\', dark: `#111111` }" padding="24px 16px" role="region" label="Header">\n'
        '    <x-image src="https://cdn.example.com/logo.png" alt="Example &amp; Co" :width="{ small: \'120px\', medium: \'160px\' }" />\n'
        '    <x-heading-1 :color="{ light: \'#000000\', dark: \'#ffffff\' }" text-align="center">Your week at Example</x-heading-1>\n'
        "  </x-section>\n",
    ]
    for n in range(stories):
        parts.append(
            f'  <x-section padding="16px" #if="stories.length > {n}">\n'
            f'    <x-row :layout="[40, 60]" gap="16" break-point="600">\n'
            f'      <x-column vertical-align="top">\n'
            f'        <x-image src="https://cdn.example.com/story-{n}.jpg" alt="Story {n}" href="https://example.com/s/{n}?utm=1&amp;x=2" />\n'
            f"      </x-column>\n"
            f'      <x-column>\n'
            f"        <x-heading-2>Story {n}: what's new</x-heading-2>\n"
            f'        <x-paragraph :font-size="14" color="#333">Dear {{{{ customer.first_name }}}}, {{% if customer.plan == "pro" %}}as a <b>pro</b> member{{% else %}}as a member{{% endif %}} you get <a href="https://example.com/a/{n}" class="untracked">early access</a> to item {n}.</x-paragraph>\n'
            f'        <x-cta href="https://example.com/buy/{n}" :track-link="false" background="#0a66c2" color="#fff" border-radius="4px">Read more</x-cta>\n'
            f"      </x-column>\n"
            f"    </x-row>\n"
            f"  </x-section>\n"
        )
    parts.append(
        '  <x-section>\n    <x-list list-style="decimal">\n      <li>First {{ event.item }}</li>\n      <li>Second</li>\n'
        "    </x-list>\n    <x-hr height=\"1\" background-color=\"#ddd\" />\n    <x-spacer :size=\"24\" />\n"
        "    <!--[if !mso]><!--><div class=\"hide-mobile\">Desktop only</div><!--<![endif]-->\n"
        '    <x-paragraph font-size="12">You receive this because you subscribed. '
        '<a href="{% unsubscribe_url %}">Unsubscribe</a> &middot; <a href=\'{% view_in_browser_url %}\'>View online</a></x-paragraph>\n'
        "  </x-section>\n</x-base>\n"
    )
    return "".join(parts)


def elements(doc, tag):
    return [n for n in walk(doc) if isinstance(n, Element) and n.name == tag]


def test_newsletter_round_trips_byte_for_byte():
    source = newsletter()
    assert serialize(parse(source)) == source


def test_newsletter_has_thirty_components_in_their_places():
    doc = parse(newsletter())
    components = [n for n in walk(doc) if isinstance(n, Element) and n.is_standard_component]
    assert len(components) >= 30
    base = doc.children[0]
    assert isinstance(base, Element) and base.tag == "x-base"
    rows = elements(doc, "x-row")
    assert len(rows) == 6
    assert [c.tag for c in rows[0].children if isinstance(c, Element)] == ["x-column", "x-column"]


def test_positions_are_line_and_column_of_each_node_and_attribute():
    doc = parse('<x-base>\n  <x-section\n     padding="4px" :gap="8">\n    Hi\n  </x-section>\n</x-base>')
    section = elements(doc, "x-section")[0]
    assert (section.pos.line, section.pos.column) == (2, 3)
    padding, gap = section.attrs
    assert (padding.pos.line, padding.pos.column) == (3, 6)
    assert (gap.pos.line, gap.pos.column) == (3, 20)
    assert (gap.value_pos.line, gap.value_pos.column) == (3, 26)
    assert (section.end_pos.line, section.end_pos.column) == (5, 3)
    text = section.children[0]
    assert isinstance(text, Text) and text.text.strip() == "Hi"
    assert doc.source[section.start : section.end].startswith("<x-section") and doc.source[section.start : section.end].endswith("</x-section>")


def test_expression_attributes_keep_gt_quotes_backticks_objects_and_arrows():
    src = (
        "<x-paragraph :color=\"{ light: '#000', dark: `#fff` }\" #if=\"items.filter(i => i.n > 2).length\""
        " :html='\"<b>x</b>\"' #set:class=\"['a','b']\" #class:x>T</x-paragraph>"
    )
    el = parse(src).children[0]
    assert el.get(":color") == "{ light: '#000', dark: `#fff` }"
    assert el.get("#if") == "items.filter(i => i.n > 2).length"
    assert el.get(":html") == '"<b>x</b>"'
    assert el.attr(":color").is_expression and el.attr(":color").key == "color"
    assert el.attr("#set:class").is_directive
    assert el.attr("#class:x").value is None
    assert [c.text for c in el.children] == ["T"]


def test_liquid_kept_intact_in_text_attributes_and_attribute_lists():
    src = '<a {% if vip %}class="gold"{% endif %} href="{{ url | default: "https://x.y/?a=1" }}">Hi {{ "<b>" }} {% if a < b %}x{% endif %}</a>'
    doc = parse(src)
    a = doc.children[0]
    assert [x.name for x in a.attrs] == ["{% if vip %}", "class", "{% endif %}", "href"]
    assert a.attrs[0].is_liquid and a.attrs[0].value is None
    assert a.get("href") == '{{ url | default: "https://x.y/?a=1" }}'
    kinds = [(type(c).__name__, getattr(c, "text", "")) for c in a.children]
    assert kinds == [("Text", 'Hi {{ "<b>" }} '), ("Liquid", "{% if a < b %}"), ("Text", "x"), ("Liquid", "{% endif %}")]
    assert serialize(doc) == src


def test_liquid_raw_and_comment_blocks_are_one_node_never_parsed_as_markup():
    src = "<div>{% raw %}<x-section>{{ x }}{% endraw %}{%- comment -%}<p>{% endcomment %}</div>"
    div = parse(src).children[0]
    assert [type(c) for c in div.children] == [Liquid, Liquid]
    assert div.children[0].text == "{% raw %}<x-section>{{ x }}{% endraw %}"


def test_comments_and_outlook_conditionals_are_verbatim():
    src = '<!--[if mso]><table><tr><td width="600"><![endif]--><p>x</p><!--[if !mso]><!--><b>y</b><!--<![endif]--><![if !mso]>z<![endif]>'
    doc = parse(src)
    first = doc.children[0]
    assert isinstance(first, Comment) and first.is_conditional
    assert first.text == '[if mso]><table><tr><td width="600"><![endif]'
    assert isinstance(doc.children[-1], Doctype) and not doc.children[-1].is_doctype
    assert serialize(doc) == src


def test_void_self_closing_and_custom_tags():
    doc = parse('<p>a<br>b<img src="x.png" alt=""></p><x-image src="y" /><my-comp :n="1"/><hr/>')
    p, image, comp, hr = [n for n in doc.children if isinstance(n, Element)]
    assert [c.name for c in p.children if isinstance(c, Element)] == ["br", "img"]
    assert image.self_closing and image.children == []
    assert comp.is_custom_tag and not comp.is_standard_component and comp.self_closing
    assert hr.self_closing


def test_script_style_and_is_raw_keep_their_content_as_text():
    src = "<script>if (a < b && c > d) { x('</div>') }</script><style>a>b{c:d}</style><div #is:raw><div><a #if=\"x\">${y}</a></div></div><p>after</p>"
    doc = parse(src)
    script, style, raw, p = doc.children
    assert script.children[0].text == "if (a < b && c > d) { x('</div>') }"
    assert style.children[0].text == "a>b{c:d}"
    assert len(raw.children) == 1 and raw.children[0].text == '<div><a #if="x">${y}</a></div>'
    assert p.name == "p"
    assert serialize(doc) == src


def test_template_holds_markup():
    doc = parse('<script>export default {}</script><template><x-paragraph>${props.t}</x-paragraph></template>')
    template = doc.children[1]
    assert template.children[0].tag == "x-paragraph"


def test_entities_and_case_are_kept_as_written():
    src = "<X-Section ID=a>&nbsp;&copy; &amp;amp;</X-SECTION>"
    doc = parse(src)
    el = doc.children[0]
    assert el.tag == "X-Section" and el.name == "x-section" and el.is_standard_component
    assert el.get("id") == "a"
    assert el.children[0].text == "&nbsp;&copy; &amp;amp;"
    assert serialize(doc) == src


def test_optional_end_tags_close_like_a_browser():
    src = "<ul><li>one<li>two<p>para</ul><table><tr><td>1<td>2<tr><td>3</table><p>a<p>b<div>c</div>"
    doc = parse(src)
    ul, table, p1, p2, div = doc.children
    assert [li.children[0].text for li in ul.children] == ["one", "two"]
    assert [len(tr.children) for tr in table.children] == [2, 1]
    assert p1.children[0].text == "a" and p2.children[0].text == "b"
    assert div.name == "div"
    assert serialize(doc) == src


@pytest.mark.parametrize(
    "source, message, line, column",
    [
        ("<x-base>\n\n  <x-section>\n    <x-paragraph>Hi</x-paragraph>\n</x-base>", "Unclosed <x-section> opened at line 3", 3, 3),
        ("<x-base>\n  <x-section>\n  </x-section>\n  </x-column>\n</x-base>", "Stray end tag </x-column>", 4, 3),
        ("<x-row>\n  <x-column>\n</x-row>", "Unclosed <x-column> opened at line 2", 2, 3),
        ('<x-image src="a.png alt="b">\n<x-paragraph>x</x-paragraph>', "Unexpected '\"' in <x-image>", 1, 27),
        ('<x-cta href="https://a.b>Go</x-cta>', 'Unterminated " quote', 1, 13),
        ("<p>x</p>\n<!-- never closed <p>y</p>", "Unterminated comment", 2, 1),
        ("<p>Hi {{ customer.name </p>", "Unterminated Liquid output", 1, 7),
        ("<p>\n  {% if x </p>", "Unterminated Liquid tag", 2, 3),
        ("<div>\n<span>x</div>", "Unclosed <span>", 2, 1),
        ("<x-section", "Unterminated tag <x-section>", 1, 1),
        ("<style>a{}", "Unclosed <style>", 1, 1),
    ],
)
def test_broken_markup_raises_problem_with_location(source, message, line, column):
    with pytest.raises(ProblemError) as info:
        parse(source, filename="email.html")
    matching = [p for p in info.value.problems if message in p.message]
    assert matching, [p.message for p in info.value.problems]
    problem = matching[0]
    assert (problem.line, problem.column) == (line, column)
    assert problem.file == "email.html"
    assert problem.format().startswith(f"email.html:{line}:{column}: ")


def test_every_problem_is_reported_and_tree_recovered():
    doc, problems = parse_with_problems("<x-section>\n<x-box>\n</x-section>\n</x-row>\n<x-paragraph>ok</x-paragraph>")
    assert [p.rule for p in problems] == ["parse/unclosed-tag", "parse/stray-end-tag"]
    assert [e.tag for e in doc.children if isinstance(e, Element)] == ["x-section", "x-paragraph"]


def test_xhtml_end_tag_on_void_element_is_tolerated():
    src = '<p><img src="a"></img></p>'
    assert serialize(parse(src)) == src


def test_parse_is_fast_on_the_newsletter():
    source = newsletter()
    kb = len(source.encode()) / 1024
    parse(source)
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        parse(source)
        best = min(best, time.perf_counter() - t)
    ms_per_kb = best * 1000 / kb
    assert ms_per_kb < 1.0, f"{ms_per_kb:.3f} ms/KB for {kb:.1f} KB"


def test_liquid_with_the_same_quotes_inside_a_quoted_value():
    src = '<td class="{% if plan == "pro" %}gold{% endif %}" title=\'{{ name | default: \'x\' }}\'>x</td>'
    td = parse(src).children[0]
    assert td.get("class") == '{% if plan == "pro" %}gold{% endif %}'
    assert td.get("title") == "{{ name | default: 'x' }}"
    assert serialize(td) == src


def test_is_raw_balances_nested_same_name_tags_and_self_closing_ones():
    src = '<div #is:raw><div/><div><x-a #if="x"/></div></div><span>after</span>'
    raw, span = parse(src).children
    assert raw.children[0].text == '<div/><div><x-a #if="x"/></div>'
    assert span.name == "span"


def test_crlf_sources_round_trip_and_count_lines():
    src = "<x-base>\r\n  <x-paragraph>Hi</x-paragraph>\r\n</x-base>\r\n"
    doc = parse(src)
    assert serialize(doc) == src
    paragraph = elements(doc, "x-paragraph")[0]
    assert (paragraph.pos.line, paragraph.pos.column) == (2, 3)


def test_built_nodes_serialize_to_canonical_html():
    from engine.document.nodes import Attribute

    el = Element(tag="p", attrs=[Attribute("style", "color:red"), Attribute("title", 'say "hi"'), Attribute("hidden", None)])
    el.children.append(Text(text="x"))
    el.children.append(Element(tag="br"))
    assert serialize(el) == "<p style=\"color:red\" title='say \"hi\"' hidden>x<br></p>"


def test_unterminated_liquid_raw_block_is_reported():
    with pytest.raises(ProblemError) as info:
        parse("<p>{% raw %}<b>never ended</b></p>")
    assert info.value.problems[0].message.startswith("Unterminated Liquid {% raw %} block")
