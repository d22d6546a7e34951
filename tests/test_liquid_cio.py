"""Customer.io's own filters and tags, dates and time zones."""
from __future__ import annotations

import base64
import hashlib
import hmac
from datetime import datetime, timezone

import pytest

from engine.liquid import LiquidRenderError, check_liquid, render_liquid

NOW = datetime(2024, 5, 17, 9, 30, tzinfo=timezone.utc)


def render(source: str, data: dict | None = None, **kw) -> str:
    return render_liquid(source, data or {}, now=NOW, **kw)


def first_error(source: str, data: dict | None = None, **kw) -> str:
    with pytest.raises(LiquidRenderError) as info:
        render(source, data, **kw)
    return info.value.problems[0].message


MESSAGE = {"message": {"type": "email_action", "name": "Hello World Email"},
           "campaign": {"name": "Retention Campaign 1 [Marketing]"}}


# --- tags ---------------------------------------------------------------------

def test_delivery_id_defaults_to_unsent_and_message_type():
    assert render("{{ delivery_id }} {{ message.type }}", MESSAGE) == "unsent email_action"


def test_unsubscribe_and_preference_urls():
    data = {"delivery_id": "dgTRAQ"}
    assert render("{% unsubscribe_url %}", data) == "https://track.customer.io/unsubscribe/dgTRAQ"
    assert render("{% unsubscribe_url lang='fr' %}", data) == "https://track.customer.io/unsubscribe/dgTRAQ?lang=fr"
    assert render("{% manage_subscription_preferences_url lang='es' %}", data) == (
        "https://track.customer.io/manage_subscription_preferences/dgTRAQ?lang=es"
    )
    assert render("{% unsubscribe %}", data) == '<a href="https://track.customer.io/unsubscribe/dgTRAQ">Unsubscribe</a>'


def test_view_in_browser_url():
    assert render("{% view_in_browser_url %}", {"delivery_id": "d1"}) == "http://e.customeriomail.com/deliveries/d1"
    assert render("{% view_in_browser %}", {"delivery_id": "d1"}) == "http://e.customeriomail.com/deliveries/d1"


def test_cio_link_appends_url_params_sorted_and_form_encoded():
    out = render('{% cio_link url:"https://example.com/" %}', MESSAGE)
    assert out == (
        "https://example.com/?utm_campaign=Retention+Campaign+1+%5BMarketing%5D"
        "&utm_content=Hello+World+Email&utm_medium=email_action&utm_source=customer.io"
    )


def test_cio_link_flags():
    assert render("{% cio_link url:https://example.com url_params:false %}", MESSAGE) == "https://example.com"
    sent = dict(MESSAGE, delivery_id="d9")
    assert render('{% cio_link url:"https://e.com" url_params:false %}', sent) == (
        "https://track.customer.io/click/d9/1?url=https%3A%2F%2Fe.com"
    )
    assert render('{% cio_link url:"https://e.com" url_params:false track:false %}', sent) == "https://e.com"


def test_cio_link_url_params_need_campaign_data():
    assert first_error('{% cio_link url:"https://e.com" %}', {"message": {"type": "email_action", "name": "x"}}) == (
        "Variable 'campaign.name' is missing"
    )


def test_cio_link_without_url_is_a_syntax_error():
    assert [p.message for p in check_liquid("{% cio_link track:false %}")] == [
        "Syntax Error in tag 'cio_link' - Valid syntax: cio_link url:[url] [track:true|false] [url_params:true|false]"
    ]


def test_countdown_requires_arguments():
    assert check_liquid('{% countdown point:20 fg:"#000" bg:"#fff" %}')[0].message == (
        "Syntax Error in tag 'countdown' - missing required argument 'time'"
    )
    out = render('{% countdown point:20 time:"2024-12-31 23:59:59 (UTC)" fg:"#000" bg:"#fff" %}')
    assert out.startswith('<img src="https://countdown.customer.io/countdown.gif?point=20&time=2024-12-31+23%3A59%3A59+%28UTC%29')


def test_render_liquid_sees_assigned_variables():
    src = '{% assign name = "Sam" %}{% render_liquid journey.t %}'
    assert render(src, {"journey": {"t": "Hi {{ name }}"}}) == "Hi Sam"


def test_cycle_and_forloop_last():
    src = "{% for i in (1..3) %}{% cycle 'odd', 'even' %}{% unless forloop.last %},{% endunless %}{% endfor %}"
    assert render(src) == "odd,even,odd"


# --- filters --------------------------------------------------------------------

def test_hash_filters():
    assert render("{{ 'abc' | sha256 }}") == hashlib.sha256(b"abc").hexdigest()
    assert render("{{ 'abc' | md5 }}") == hashlib.md5(b"abc").hexdigest()
    assert render("{{ 'msg' | hmac_sha256: 'key' }}") == hmac.new(b"key", b"msg", hashlib.sha256).hexdigest()


def test_encoding_filters():
    assert render("{{ 'siteID:appKEY' | base64 }}") == base64.b64encode(b"siteID:appKEY").decode()
    assert render("{{ customer.phone | encode }}", {"customer": {"phone": "+1 555/0"}}) == "%2B1%20555%2F0"
    assert render("{{ 'a b&c' | url_encode }}") == "a+b%26c"
    assert render("{{ '<b>' | escape }}") == "&lt;b&gt;"


def test_htmlencode_is_legacy_only():
    assert render("{{ '<b>' | htmlencode }}", version="legacy") == "&lt;b&gt;"
    assert render("{{ '<b>' | htmlencode }}") == "<b>"


def test_json_filters():
    data = {"a": [{"id": 1, "k": "x"}, {"id": 2, "k": "x"}, {"id": 3, "k": "y"}]}
    assert render("{{ a | json_array_uniq: 'k' | to_json }}", data) == '[{"id":1,"k":"x"},{"id":3,"k":"y"}]'
    assert render("{{ response | json }}", {"response": {"w": "sun"}}) == '{"w":"sun"}'


def test_normalize_whitespace_and_group_by():
    assert render("{{ s | normalize_whitespace }}", {"s": "a \n\t b"}) == "a b"
    data = {"p": [{"t": "x", "n": 1}, {"t": "y", "n": 2}, {"t": "x", "n": 3}]}
    src = "{% assign gs = p | group_by: 't' %}{% for g in gs %}{{ g.name }}={{ g.items.size }};{% endfor %}"
    assert render(src, data) == "x=2;y=1;"


def test_currency():
    assert render("{{ 1234.5 | currency }}") == "$1,234.50"
    assert render("{{ 1234.5 | currency: 'de-DE', 'EUR' }}") == "1.234,50\u00a0€"
    assert render("{{ 1234.5 | rounded_currency: 'en-US', 'USD' }}") == "$1,235"


def test_sum_and_concat_latest():
    assert render("{{ a | sum }}", {"a": ["1", 2, "x", 3.5]}) == "6.5"
    assert render("{{ a | concat: b | to_json }}", {"a": {"x": 1}, "b": {"y": 2}}) == '{"x":1,"y":2}'


def test_map_prints_items_joined_without_separator():
    data = {"trigger": {"purchase": [{"product_name": "shoes"}, {"product_name": "socks"}]}}
    assert render("{{ trigger.purchase | map: 'product_name' }}", data) == "shoessocks"
    assert render("{{ trigger.purchase | map: 'product_name' | join: ', ' }}", data) == "shoes, socks"


def test_divided_by_zero_is_a_located_error():
    with pytest.raises(LiquidRenderError) as info:
        render("x\n{{ 1 | divided_by: 0 }}")
    problem = info.value.problems[0]
    assert (problem.line, problem.message) == (2, "Liquid error: divided by 0")


# --- dates and time zones ---------------------------------------------------------

@pytest.mark.parametrize(
    "value, fmt, expected",
    [
        ("1596153600", "%F", "2020-07-31"),
        ("Fri, 04 Feb 2022 23:49:39 GMT", "%A %b %-d %H:%M", "Friday Feb 4 23:49"),
        ("2022-02-04", "%d/%m/%Y", "04/02/2022"),
        (1596153600, "%I:%M %p %P", "12:00 AM am"),
        ("not a date", "%Y", "not a date"),
    ],
)
def test_date_inputs(value, fmt, expected):
    assert render("{{ v | date: f }}", {"v": value, "f": fmt}) == expected


def test_iso_date_to_epoch_idiom():
    src = '{{ d | append: " 12:00:00" | date: "%Y-%m-%d %H:%M:%S" | date: "%s" }}'
    assert render(src, {"d": "1983-03-15"}) == "416577600"


def test_timezone_argument_accepts_rails_names_and_attributes():
    data = {"t": 1596153600, "customer": {"timezone": "(GMT-08:00) Pacific Time (US & Canada)"}}
    assert render('{{ t | date: "%H:%M %z", customer.timezone }}', data) == "17:00 -0700"
    assert render('{{ t | date: "%H:%M", "(GMT+05:30) Somewhere" }}', data) == "05:30"
    assert render('{{ t | date: "%H:%M", "US/Pacific" }}', data) == "17:00"


def test_riyadh87_is_legacy_only():
    assert first_error('{{ 0 | date: "%H", "Asia/Riyadh87" }}') == "Liquid error: invalid time zone 'Asia/Riyadh87'"
    assert render('{{ 0 | date: "%H", "Asia/Riyadh" }}') == "03"


def test_now_variable_uses_render_clock():
    assert render("{{ now | date: '%Y-%m-%d %H:%M' }}") == "2024-05-17 09:30"
