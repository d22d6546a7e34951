"""Value forms: JS-like literals, px units, dark/responsive objects, global references, type checks."""
from __future__ import annotations

import pytest

from engine.compiler.literals import GlobalRef, LiteralError, evaluate
from engine.compiler.values import Dynamic, css_length, from_user
from engine.problems import Severity
from tests.test_compiler_support import body_of, compiled, rules_for, sample_styles


@pytest.mark.parametrize("text, value", [
    ("30", 30), ("-1.5", -1.5), ("1e2", 100.0), ("true", True), ("false", False), ("null", None),
    ("'a'", "a"), ('"b"', "b"), ("`c`", "c"), ("'it\\'s'", "it's"),
    ("[25, 25, 25, 25]", [25, 25, 25, 25]), ("[1, 2,]", [1, 2]),
    ("{ light: '#000', dark: \"#fff\" }", {"light": "#000", "dark": "#fff"}),
    ("{ 'small:dark': 1, medium: { light: 2 }, }", {"small:dark": 1, "medium": {"light": 2}}),
    ("{ color: undefined, 'font-size': '16px' }", {"font-size": "16px"}),
    ("globalStyles.colors.brand_k7d1q2", GlobalRef("globalStyles.colors.brand_k7d1q2")),
])
def test_literals(text, value):
    assert evaluate(text) == value


@pytest.mark.parametrize("text, offset", [("1 + 2", 2), ("foo", 0), ("[1, 2", 5), ("`a${b}`", 2), ("'open", 5)])
def test_literal_errors_say_where(text, offset):
    with pytest.raises(LiteralError) as exc:
        evaluate(text)
    assert exc.value.offset == offset


def test_user_keys_normalise_to_conditions():
    d, err = from_user({"light": "#000", "dark": "#fff", "medium:dark": "#eee", "medium": "#111"})
    assert err is None and d.variants == {"": "#000", "dark": "#fff", "medium:dark": "#eee", "medium": "#111"}
    d, _ = from_user({"small": {"light": 1, "dark": 2}, "medium": {"light": 3, "dark": 4}})
    assert d.variants == {"": 1, "dark": 2, "medium": 3, "medium:dark": 4}
    assert from_user({"large": 1})[1].startswith("unknown key 'large'")


def test_css_units():
    assert css_length(14, "font-size") == "14px"
    assert css_length(0, "margin") == "0"
    assert css_length(1.5, "line-height") == "1.5"
    assert css_length(24, "line-height") == "24px"
    assert css_length(0.5, "opacity") == "0.5"
    assert css_length(700, "font-weight") == "700"
    assert css_length([10, 20], "padding") == "10px 20px"
    assert css_length("1em", "font-size") == "1em"


def test_numeric_padding_array_gets_px():
    p = body_of(compiled('<x-base><x-box :padding="[10, 20]">x</x-box></x-base>').html)
    assert any(d.style.get("padding") == "10px 20px" for d in p.find_all("div"))


def test_combined_keys_emit_each_media_query():
    r = compiled("<x-base><x-paragraph :color=\"{ 'small:light': '#111111', 'small:dark': '#eeeeee', "
                 "'medium:light': '#222222', 'medium:dark': '#dddddd' }\">x</x-paragraph></x-base>")
    p = body_of(r.html).find("p")
    assert p.style["color"] == "#111111"
    found = {media: decls["color"] for media, _s, decls in rules_for(r.html, p.classes[0])}
    assert found == {
        "(min-width: 601px)": "#222222 !important",
        "(prefers-color-scheme: dark)": "#eeeeee !important",
        "(min-width: 601px) and (prefers-color-scheme: dark)": "#dddddd !important",
    }
    tb = rules_for(r.html, p.classes[0], media_attr="(prefers-color-scheme: dark)")
    assert {m for m, _s, _d in tb} == {None, "(min-width: 601px)"}


def test_medium_rules_come_before_dark_rules_so_dark_wins_on_dark_desktops():
    r = compiled("<x-base><x-paragraph :color=\"{ light: '#000', dark: '#fff' }\" "
                 ":font-size='{small: 16, medium: 20}'>x</x-paragraph></x-base>")
    assert r.html.index("(min-width: 601px)") < r.html.index("(prefers-color-scheme: dark){")


def test_invalid_enum_is_a_problem_at_the_attribute_and_does_not_crash():
    src = '<x-base>\n  <x-paragraph text-align="middle">x</x-paragraph>\n</x-base>'
    r = compiled(src, filename="a.html")
    [p] = r.problems
    assert p.severity == Severity.ERROR and "middle" in p.message and "left, center, right" in p.message
    assert (p.file, p.line, p.column) == ("a.html", 2, 16)
    assert body_of(r.html).find("p").all_text() == "x"
    assert "text-align" not in body_of(r.html).find("p").style


@pytest.mark.parametrize("attr", [':font-size="\'big\'"', 'font-size="big"', ':font-size="true"',
                                  ':font-size="{ small: 12, medium: \'x\' }"'])
def test_bad_numbers_are_problems(attr):
    r = compiled(f"<x-base><x-paragraph {attr}>x</x-paragraph></x-base>")
    assert [p.rule for p in r.problems] == ["invalid-prop"]
    assert "font-size" in r.problems[0].message


def test_bad_expression_is_reported_with_position():
    r = compiled('<x-base><x-paragraph :font-size="14 +">x</x-paragraph></x-base>')
    [p] = r.problems
    assert p.rule == "invalid-expression" and (p.line, p.column) == (1, 22)


def test_number_props_accept_units_and_liquid():
    r = compiled('<x-base><x-paragraph font-size="1.2em">a</x-paragraph>'
                 '<x-paragraph font-size="{{ customer.size }}">b</x-paragraph></x-base>')
    assert r.problems == []
    ps = body_of(r.html).find_all("p")
    assert ps[0].style["font-size"] == "1.2em"
    assert ps[1].style["font-size"] == "{{ customer.size }}"


def test_boolean_props_and_track_link():
    r = compiled('<x-base><x-cta href="https://a.example" :track-link="false">Go</x-cta>'
                 '<x-cta href="https://b.example">Go</x-cta>'
                 '<x-image src="https://i.example/a.png" href="https://c.example" track-link="false"/></x-base>')
    assert r.problems == []
    links = {a.attrs["href"]: a.classes for a in body_of(r.html).find_all("a")}
    assert "untracked" in links["https://a.example"]
    assert "untracked" not in links["https://b.example"]
    assert "untracked" in links["https://c.example"]
    bad = compiled('<x-base><x-cta :track-link="\'nope\'">Go</x-cta></x-base>')
    assert bad.problems[0].rule == "invalid-prop"


def test_class_and_style_are_merged_last_and_style_wins_everywhere():
    r = compiled("<x-base><x-paragraph class=\"mine\" :font-size=\"{small: 12, medium: 30}\" "
                 "color=\"red\" style=\"font-size:20px;color:blue\">x</x-paragraph></x-base>")
    p = body_of(r.html).find("p")
    assert "mine" in p.classes
    assert p.style["font-size"] == "20px" and p.style["color"] == "blue"
    assert list(p.style)[-2:] == ["font-size", "color"]  # user style comes last
    for cls in p.classes:
        for _m, _s, decls in rules_for(r.html, cls, media_attr=None):
            assert "font-size" not in decls


def test_object_style_and_array_class():
    r = compiled("<x-base><x-paragraph :style=\"{ color: undefined, 'font-size': '16px' }\" "
                 ":class=\"['a', 'b']\">x</x-paragraph></x-base>")
    p = body_of(r.html).find("p")
    assert p.style["font-size"] == "16px" and "color" not in p.style
    assert p.classes[:2] == ["a", "b"]


def test_global_style_references_resolve_in_attributes():
    styles = sample_styles()
    r = compiled('<x-base><x-paragraph :color="globalStyles.colors.accent_a9e3f7" '
                 'font-family="globalStyles.fonts.display_f8d2e6">x</x-paragraph>'
                 '<x-paragraph :color="{ light: globalStyles.colors.ink_p3x9m1, dark: \'#fff\' }">y</x-paragraph>'
                 '</x-base>', styles)
    assert r.problems == []
    a, b = body_of(r.html).find_all("p")
    assert a.style["color"] == "#FF7A59"
    assert a.style["font-family"].startswith("Inter")
    assert b.style["color"] == "#1F2330"
    missing = compiled('<x-base><x-paragraph color="globalStyles.colors.gone_zzz">x</x-paragraph></x-base>', styles)
    assert missing.problems[0].rule == "unknown-global-style"


def test_unknown_property_is_a_warning_and_data_attributes_pass_through():
    r = compiled('<x-base><x-cta href="#" data-cio-tag="group" aria-label="Buy" sparkle="yes">Go</x-cta></x-base>')
    assert [(p.rule, p.severity) for p in r.problems] == [("unknown-property", Severity.WARNING)]
    a = body_of(r.html).find("a")
    assert a.attrs["data-cio-tag"] == "group" and a.attrs["aria-label"] == "Buy"
    assert "sparkle" not in a.attrs


def test_dark_value_on_a_non_dark_prop_warns():
    r = compiled("<x-base><x-paragraph :font-family=\"{ light: 'Arial', dark: 'Georgia' }\">x</x-paragraph></x-base>")
    assert [p.rule for p in r.problems] == ["not-dark-capable"]


def test_dynamic_value_for():
    d = Dynamic({"": 1, "dark": 2, "medium": 3})
    assert d.value_for("medium:dark") == 2 and d.value_for("small:dark") == 1
