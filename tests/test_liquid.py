"""Customer.io Liquid: the must-haves 1–15 of liquid-and-apis.md, the A10
error catalogue, missing-variable reporting and lax mode."""
from __future__ import annotations

import json
import time
from datetime import datetime, timezone

import pytest

from engine.liquid import LiquidRenderError, check_liquid, render_liquid
from engine.problems import ProblemError, Severity

NOW = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)


def render(source: str, data: dict | None = None, **kw) -> str:
    return render_liquid(source, data or {}, now=NOW, **kw)


def errors(source: str, data: dict | None = None, **kw) -> list[tuple[int, int, str]]:
    with pytest.raises(LiquidRenderError) as info:
        render(source, data, **kw)
    return [(p.line, p.column, p.message) for p in info.value.problems]


# --- must-haves ---------------------------------------------------------------

def test_mh01_default_on_missing_and_present():
    src = "{{ customer.first_name | default: 'there' }}"
    assert render(src, {"customer": {}}) == "there"
    assert render(src, {"customer": {"first_name": "Alex"}}) == "Alex"


def test_mh02_printed_missing_variable_fails_with_message():
    assert errors("Hi {{ customer.first_name }}", {"customer": {}}) == [
        (1, 7, "Variable 'customer.first_name' is missing")
    ]


@pytest.mark.parametrize("attrs", [{}, {"first_name": None}, {"first_name": False}, {"first_name": ""}])
@pytest.mark.parametrize("version", ["latest", "legacy"])
def test_mh03_blank_matches_missing_null_false_empty(attrs, version):
    src = "{% if customer.first_name == blank %}A{% else %}B{% endif %}"
    assert render(src, {"customer": attrs}, version=version) == "A"


def test_mh03_blank_does_not_match_a_value():
    src = "{% if customer.first_name == blank %}A{% else %}B{% endif %}"
    assert render(src, {"customer": {"first_name": "Alex"}}) == "B"


def test_mh04_false_is_not_nil():
    src = "{% if customer.previous_purchases == nil %}A{% else %}B{% endif %}"
    assert render(src, {"customer": {"previous_purchases": False}}) == "B"
    assert render(src, {"customer": {"previous_purchases": None}}) == "A"
    assert render(src, {"customer": {}}) == "A"


def test_mh05_comparison_with_missing_is_false_not_failure():
    src = "{% if customer.order_count < 10 %}A{% else %}B{% endif %}"
    assert render(src, {"customer": {}}) == "B"
    assert render(src, {"customer": {"order_count": 3}}) == "A"


def test_mh06_date_formats_and_epoch():
    assert render('{{ 1596153600 | date: "%B %-d, %Y" }}') == "July 31, 2020"
    assert render('{{ "1983-03-15T12:00:00Z" | date: "%s" }}') == "416577600"


def test_mh07_latest_timezone_argument_equals_legacy_timezone_filter():
    data = {"t": 1596153600}
    latest = render('{{ t | date: "%H:%M", "America/New_York" }}', data)
    legacy = render('{{ t | timezone: "America/New_York" | date: "%H:%M" }}', data, version="legacy")
    assert latest == legacy == "20:00"


def test_mh08_now_and_integer_division():
    assert render("{{ 'now' | date: '%s' }}") == str(int(NOW.timestamp()))
    before = int(time.time())
    live = int(render_liquid("{{ 'now' | date: '%s' }}", {}))
    assert before <= live <= int(time.time()) + 1
    assert render("{{ 200000 | divided_by: 86400 }}") == "2"


def test_mh09_latest_math_prints_whole_numbers_and_non_negative_modulo():
    assert render("{{ 10 | times: 1.5 }}") == "15"
    assert render("{{ 10 | divided_by: 2.0 }}") == "5"
    assert render("{{ -7 | modulo: 3 }}") == "2"
    assert render("{{ 10 | divided_by: 4.0 }}") == "2.5"


def test_mh09_legacy_keeps_decimal_point():
    assert render("{{ 10 | divided_by: 2.0 }}", version="legacy") == "5.0"


def test_mh10_sort_with_null_returns_original_order():
    data = {"a": [3, None, 1]}
    assert render("{{ a | sort | join: ',' }}", data) == "3,,1"
    assert render("{{ b | sort | join: ',' }}", {"b": [3, 1, 2]}) == "1,2,3"


def test_mh11_to_json_keeps_types_and_hash_prints_ruby_style():
    purchase = {"sku": "A-1", "qty": 2, "price": 9.5, "gift": True, "tags": ["x"], "note": None}
    out = render("{{ trigger.purchase | to_json }}", {"trigger": {"purchase": purchase}})
    assert json.loads(out) == purchase
    obj = {"cio_object_id": "oba886080104", "created_at": 1685030405, "name": "English Literature"}
    printed = render("{{ objects.online_classes[0] }}", {"objects": {"online_classes": [obj]}})
    assert printed == '{"cio_object_id"=>"oba886080104", "created_at"=>1685030405, "name"=>"English Literature"}'


VERSION_SNIFF = (
    '{% assign liquid_version = nil | default: "latest" %}'
    '{% unless liquid_version == "latest" %}{% assign liquid_version = "legacy" %}{% endunless %}'
    "{{ liquid_version }}"
)


def test_mh12_version_sniff():
    assert render(VERSION_SNIFF) == "latest"
    assert render(VERSION_SNIFF, version="legacy") == "legacy"


def test_mh13_render_liquid_evaluates_while_output_is_literal():
    data = {"journey": {"body": "Hello {{customer.first_name}}!"}, "customer": {"first_name": "Alex"}}
    assert render("{% render_liquid journey.body %}", data) == "Hello Alex!"
    assert render("{{ journey.body }}", data) == "Hello {{customer.first_name}}!"


def test_mh13_render_liquid_missing_variable_is_reported_at_the_tag():
    data = {"journey": {"body": "Hello {{customer.first_name}}!"}, "customer": {}}
    assert errors("x\n  {% render_liquid journey.body %}", data) == [
        (2, 6, "Variable 'customer.first_name' is missing")
    ]


def test_mh14_bracket_keys_and_json_snippets():
    data = {
        "customer": {"current city": "Paris"},
        "snippets": {"main address": "1 Rue de Rivoli", "greetings": '["Hi", "Hello"]'},
    }
    assert render('{{ customer["current city"] }}|{{ snippets["main address"] }}', data) == "Paris|1 Rue de Rivoli"
    assert render("{% for g in snippets.greetings %}[{{ g }}]{% endfor %}", data) == "[Hi][Hello]"


def test_mh14_snippet_liquid_is_rendered_but_cannot_see_assigns():
    data = {"customer": {"first_name": "Alex"}, "snippets": {"sig": "Bye {{ customer.first_name }}", "leak": "{{ local }}"}}
    assert render("{{ snippets.sig }}", data) == "Bye Alex"
    assert errors("{% assign local = 1 %}{{ snippets.leak }}", data) == [(1, 23, "Variable 'local' is missing")]


def test_mh15_random_is_zero_or_one():
    seen = {render("{% random 1 %}") for _ in range(300)}
    assert seen == {"0", "1"}
    assert {render("{% random 9 %}") for _ in range(400)} == {str(i) for i in range(10)}


# --- missing variables ------------------------------------------------------

def test_all_missing_variables_listed_with_positions():
    src = "Hi {{ customer.first_name }}\n  {{ event.plan.name }} {{ customer['home town'] }}"
    assert errors(src, {"customer": {}, "event": {}}) == [
        (1, 7, "Variable 'customer.first_name' is missing"),
        (2, 6, "Variable 'event.plan.name' is missing"),
        (2, 28, "Variable 'customer[\"home town\"]' is missing"),
    ]


def test_render_error_is_a_problem_error():
    with pytest.raises(ProblemError):
        render("{{ customer.x }}", {"customer": {}})


def test_missing_in_conditions_case_and_unless_is_not_an_error():
    src = (
        "{% if customer.a and customer.b.c > 1 or customer.d contains 'x' %}1{% endif %}"
        "{% unless customer.e %}2{% endunless %}"
        "{% case customer.plan %}{% when 'pro' %}3{% else %}4{% endcase %}"
        "{% if customer.f == empty %}5{% endif %}"
    )
    assert render(src, {"customer": {}}) == "24"


def test_missing_in_assign_loop_and_filter_argument_is_an_error():
    assert errors("{% assign x = customer.a %}", {"customer": {}}) == [(1, 15, "Variable 'customer.a' is missing")]
    assert errors("{% for i in customer.items %}{% endfor %}", {"customer": {}}) == [
        (1, 13, "Variable 'customer.items' is missing")
    ]
    assert errors("{{ 'a' | append: customer.b }}", {"customer": {}}) == [(1, 18, "Variable 'customer.b' is missing")]


def test_default_anywhere_in_chain_forgives_missing_input():
    assert render('{{ customer.plan_name | default:"custom" | capitalize }}', {"customer": {}}) == "Custom"
    assert render('{{ customer.plan_name | downcase | default:"x" }}', {"customer": {}}) == "x"


def test_null_value_is_present_not_missing():
    assert render("[{{ customer.nick }}]", {"customer": {"nick": None}}) == "[]"


def test_lax_mode_prints_missing_as_empty():
    assert render("Hi {{ customer.first_name }}!", {"customer": {}}, lax=True) == "Hi !"


def test_webhook_campaign_customer_is_lenient():
    assert render("[{{ customer.anything }}]", {}, lenient_roots={"customer"}) == "[]"
    assert errors("{{ event.x }}", {}, lenient_roots={"customer"}) == [(1, 4, "Variable 'event.x' is missing")]


def test_string_number_comparison_is_unidentified_method():
    problems = errors("{% if customer.age > 18 %}adult{% endif %}", {"customer": {"age": "21"}})
    assert problems == [(1, 20, "Unidentified method")]
    assert render("{% assign age = customer.age | plus: 0 %}{% if age > 18 %}adult{% endif %}", {"customer": {"age": "21"}}) == "adult"


def test_math_on_text_is_unidentified_method():
    assert errors("{{ customer.name | times: 2 }}", {"customer": {"name": "Alex"}}) == [(1, 20, "Unidentified method")]
    assert render("{{ customer.n | plus: 0 | times: 2 }}", {"customer": {"n": "21"}}) == "42"


# --- A10 syntax errors --------------------------------------------------------

@pytest.mark.parametrize(
    "source, line, column, message",
    [
        ("{% if %}x{% endif %}", 1, 4, "Syntax Error in tag 'if' - Valid syntax: if [expression]"),
        ("{% assign x %}", 1, 4, "Syntax Error in tag 'assign' - Valid syntax: assign [var] = [source]"),
        ("{% capture %}x{% endcapture %}", 1, 4, "Syntax Error in tag 'capture' - Valid syntax: capture [var]"),
        ("{% case %}{% endcase %}", 1, 4, "Syntax Error in 'case' - Valid syntax: case [condition]"),
        (
            "{% case x %}{% when 1 %}a{% else 2 %}b{% endcase %}",
            1,
            34,
            "Syntax Error in tag 'case' - Valid else condition: {% else %} (no parameters)",
        ),
        ("{% cycle %}", 1, 4, "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 …]"),
        ("{% for a %}{% endfor %}", 1, 4, "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]"),
        ("<p>\n{% if a %}x", 2, 4, "if tag was never closed"),
        ("{% capture x %}a{% else %}b{% endcapture %}", 1, 20, "capture tag does not expect else tag"),
        ("x\n{% coyotes %}", 2, 4, "Unknown tag 'coyotes'"),
        ("{% if a %}x{% end %}", 1, 15, "'end' is not a valid delimiter for if tags. use endif"),
        (
            "<p>{{ customer.trial_expires }\n</p>",
            1,
            4,
            "Variable {{ customer.trial_expires } was not properly terminated with regexp: /}}/",
        ),
        ("ok\n{% if a ", 2, 1, "Tag '{%' was not properly terminated with regexp: /\\%}/"),
    ],
)
def test_a10_syntax_messages(source, line, column, message):
    problems = check_liquid(source)
    assert [(p.line, p.column, p.message) for p in problems] == [(line, column, message)]
    assert problems[0].severity is Severity.ERROR
    assert errors(source) == [(line, column, message)]


def test_nested_wrong_end_tag_names_inner_block():
    assert [p.message for p in check_liquid("{% if a %}{% unless b %}x{% endif %}")] == [
        "'endif' is not a valid delimiter for unless tags. use endunless"
    ]


def test_valid_template_has_no_problems_and_inner_braces_tolerated():
    assert check_liquid("{% for p in {{customer.products}} %}{{ p }}{% endfor %}") == []
    assert render("{% for p in {{customer.products}} %}{{ p }},{% endfor %}", {"customer": {"products": ["a", "b"]}}) == "a,b,"


def test_raw_and_comment_blocks_are_not_scanned():
    assert render("{% raw %}{{ x }{% endraw %}{% comment %}{{ x }{% endcomment %}ok") == "{{ x }ok"


def test_unknown_filter_is_warning_and_passes_input_through():
    problems = check_liquid("a\n{{ 'x' | nosuch }}")
    assert [(p.line, p.column, p.severity, p.message) for p in problems] == [
        (2, 10, Severity.WARNING, "Unknown filter 'nosuch' (its input is printed unchanged)")
    ]
    assert render("{{ 'x' | nosuch }}") == "x"


def test_break_is_latest_only():
    src = "{% for i in (1..5) %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}"
    assert render(src) == "12"
    assert [p.message for p in check_liquid(src)] == []
    with pytest.raises(LiquidRenderError) as info:
        render(src, version="legacy")
    assert info.value.problems[0].message == "'break' is not a valid delimiter for if tags. use endif" or \
        info.value.problems[0].message.startswith("Unknown tag 'break'")


def test_render_speed_for_5kb_template():
    block = (
        '<tr><td>{{ customer.first_name | default: "there" | capitalize }}</td>\n'
        '{% if customer.plan == "pro" %}<b>{{ customer.plan | upcase }}</b>{% else %}new{% endif %}\n'
        "{% for item in trigger.items %}<li>{{ item.name }} {{ item.price | times: 1.2 }}</li>{% endfor %}\n"
        '<p>{{ event.date | date: "%B %-d, %Y", "America/New_York" }}</p></tr>\n'
    )
    source = block * (5000 // len(block) + 1)
    data = {"customer": {"first_name": "alex", "plan": "pro"}, "trigger": {"items": [{"name": "a", "price": 3}]}, "event": {"date": 1596153600}}
    render(source, data)
    start = time.perf_counter()
    for _ in range(50):
        render(source, data)
    per_render = (time.perf_counter() - start) / 50
    assert per_render < 0.02  # generous bound for slow CI; measured ≈ 1.8 ms
