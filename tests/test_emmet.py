"""Emmet expansion as the code editor's Tab key uses it (spec §7.2), without Qt."""
from __future__ import annotations

import pytest

from engine.emmet import EmmetError, expand, is_abbreviation


def test_spec_example_nested_list():
    assert expand("div>ul>li*3") == (
        "<div>\n  <ul>\n    <li></li>\n    <li></li>\n    <li></li>\n  </ul>\n</div>"
    )


def test_spec_example_link_with_id_and_class_keeps_default_href_first():
    assert expand("a#my-link.text-blue") == '<a href="" id="my-link" class="text-blue"></a>'
    assert expand("a") == '<a href=""></a>'


def test_spec_example_table_cells_hold_links():
    out = expand("div>div>table>tr*3>td>a")
    assert out.count("<tr>") == 3
    assert out.count('<td><a href=""></a></td>') == 3
    assert out.splitlines()[2] == "    <table>"


def test_text_and_classes():
    assert expand("p.lead{Hello}") == '<p class="lead">Hello</p>'
    assert expand("p.a.b") == '<p class="a b"></p>'


def test_siblings_and_climb_up():
    assert expand("h1+p") == "<h1></h1>\n<p></p>"
    assert expand("div>p>span^ul>li") == "<div>\n  <p><span></span></p>\n  <ul>\n    <li></li>\n  </ul>\n</div>"
    # climbing above the root stays at the root
    assert expand("div>p^^^span") == "<div>\n  <p></p>\n</div>\n<span></span>"


def test_numbering_padding_start_and_reverse():
    assert expand("li.item$*3") == '<li class="item1"></li>\n<li class="item2"></li>\n<li class="item3"></li>'
    assert expand("li#n$$@9*2") == '<li id="n09"></li>\n<li id="n10"></li>'
    assert expand("li{$@-}*3") == "<li>3</li>\n<li>2</li>\n<li>1</li>"
    assert expand("h$*2") == "<h1></h1>\n<h2></h2>"
    assert expand("ul>li*2>a{Item $}").count("Item 2") == 1


def test_attributes_override_defaults_in_place():
    assert expand("a[href=# title=\"Read more\"]") == '<a href="#" title="Read more"></a>'
    assert expand("input[disabled]") == '<input type="text" disabled>'
    assert expand("img") == '<img src="" alt="">'


def test_groups_and_implicit_names():
    assert expand("(header>nav)+footer") == "<header>\n  <nav></nav>\n</header>\n<footer></footer>"
    assert expand("ul>.x") == '<ul>\n  <li class="x"></li>\n</ul>'
    assert expand("tr>.c") == '<tr>\n  <td class="c"></td>\n</tr>'
    assert expand(".box") == '<div class="box"></div>'


def test_components_close_themselves():
    assert expand("x-section>x-paragraph{Hi}+x-image") == (
        '<x-section>\n  <x-paragraph>Hi</x-paragraph>\n  <x-image src="" alt=""/>\n</x-section>'
    )


def test_snippet_mode_has_tab_stops_and_escapes_dollars():
    assert expand("a", snippet=True) == '<a href="${1}">${2}</a>'
    # snippet metacharacters in the user's text stay literal
    assert expand("p[title=a}b]", snippet=True) == '<p title="a\\}b">${1}</p>'


def test_indent_unit_is_configurable():
    assert expand("div>p+p", indent="    ") == "<div>\n    <p></p>\n    <p></p>\n</div>"
    assert expand("div>p+p", indent="\t") == "<div>\n\t<p></p>\n\t<p></p>\n</div>"


@pytest.mark.parametrize("bad, column", [("div>", 5), ("div{x", 4), ("a[href", 7), ("li*", 4), ("(div", 5)])
def test_bad_syntax_names_the_column(bad, column):
    with pytest.raises(EmmetError) as info:
        expand(bad)
    assert info.value.column == column


def test_tab_decides_between_expansion_and_indent():
    assert is_abbreviation("div>ul>li*3")
    assert is_abbreviation("p")
    assert is_abbreviation(".lead")
    assert is_abbreviation("x-section", known_tags={"x-section"})
    assert is_abbreviation("my-footer>p")
    assert not is_abbreviation("hello")  # prose: Tab indents
    assert not is_abbreviation("customer.first_name")
    assert not is_abbreviation("div>")
