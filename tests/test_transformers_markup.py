"""Accessibility fixes, URL parameters and MJML, one visible effect per option."""
import pytest

from engine.transformers import TransformError, accessibility, mjml_framework, url_parameters
from engine.transformers.settings import Accessibility, UrlParameter, UrlParameters

LIQUID = '{{ customer.first_name | default: "a > b" }}'

PAGE = f"""<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no"></head>
<body><div><h1>Your order has shipped, {LIQUID}</h1><table><tr><td><img src="a.png"><a role="button" href="https://x.com">Track the order</a>
<p>The parcel will arrive with our courier this week and you can follow it online.</p></td></tr></table>
<!--[if mso]><v:roundrect href="https://x.com"><center>Track now</center></v:roundrect><![endif]--></div></body></html>"""


def _fix(**flags):
    """Only the named flags on (each test shows one flag's effect)."""
    names = [n for n in Accessibility.__dataclass_fields__ if n not in ("enabled", "language")]
    options = Accessibility(enabled=True, **{n: False for n in names})
    for k, v in flags.items():
        setattr(options, k, v)
    return accessibility.transform(PAGE, options)


def test_all_flags_off_changes_nothing():
    assert _fix() == PAGE


def test_add_lang_to_html_with_detected_language():
    assert '<html lang="en">' in _fix(add_lang_to_html=True)


def test_manual_language_and_rtl_dir_on_html():
    out = _fix(add_lang_to_html=True, add_dir_to_html=True, language="ar")
    assert '<html lang="ar" dir="rtl">' in out


def test_add_dir_to_html():
    assert '<html dir="ltr">' in _fix(add_dir_to_html=True)


def test_add_lang_and_dir_to_content_wrapper():
    assert '<body><div lang="en">' in _fix(add_lang_to_content=True)
    assert '<body><div dir="ltr">' in _fix(add_dir_to_content=True)


def test_no_lang_when_language_cannot_be_detected():
    html = "<html><body><div>Zxq vrb</div></body></html>"
    assert accessibility.transform(html, Accessibility(enabled=True)) == html


def test_add_empty_alt_to_images():
    assert '<img src="a.png" alt="">' in _fix(add_empty_alt_to_images=True)


def test_add_role_to_tables():
    assert '<table role="presentation">' in _fix(add_role_to_tables=True)


def test_add_title_to_head_keeps_liquid():
    assert f"<title>Your order has shipped, {LIQUID}</title></head>" in _fix(add_title_to_head=True)


def test_add_vml_alt_text_inside_conditional_comments():
    assert '<v:roundrect href="https://x.com" alt="Track now">' in _fix(add_vml_alt_text=True)


def test_remove_button_role_from_links():
    assert '<a href="https://x.com">Track the order</a>' in _fix(remove_button_role_from_links=True)


def test_remove_zoom_meta_tag_keeps_the_rest_of_the_viewport():
    assert 'content="width=device-width, initial-scale=1"' in _fix(remove_zoom_meta_tag=True)


def test_existing_attributes_are_never_overwritten():
    html = '<html lang="fr"><body><img src="a" alt="Logo"><table role="grid"></table></body></html>'
    out = accessibility.transform(html, Accessibility(enabled=True))
    assert 'lang="fr" dir="ltr"' in out and 'alt="Logo"' in out and 'role="grid"' in out


# -- URL parameters (must-have 27) ---------------------------------------------------


def _params(*rows):
    return UrlParameters(enabled=True, parameters=[UrlParameter(*r) for r in rows])


def test_encoded_parameter_is_appended():
    out = url_parameters.transform('<a href="https://a.com/x">x</a>', _params(("utm_source", "hello world")))
    assert out == '<a href="https://a.com/x?utm_source=hello%20world">x</a>'


def test_encode_off_writes_the_value_as_is():
    out = url_parameters.transform('<a href="https://a.com/x">x</a>', _params(("q", "a%20b", False)))
    assert 'href="https://a.com/x?q=a%20b"' in out


def test_existing_query_and_fragment_are_kept():
    out = url_parameters.transform('<a href="https://a.com/x?y=1#frag">x</a>', _params(("utm_source", "n")))
    assert 'href="https://a.com/x?y=1&utm_source=n#frag"' in out


def test_data_ignore_params_keeps_href_and_loses_the_attribute():
    out = url_parameters.transform('<a href="https://x.com/CustomerIO" data-ignore-params>x</a>', _params(("a", "b")))
    assert out == '<a href="https://x.com/CustomerIO">x</a>'


@pytest.mark.parametrize("href", ["mailto:a@b.co", "tel:+1800", "#top", "{% unsubscribe_url %}", "{{ product.url }}", "javascript:void(0)"])
def test_non_web_and_liquid_only_links_are_skipped(href):
    html = f'<a href="{href}">x</a>'
    assert url_parameters.transform(html, _params(("a", "b"))) == html


def test_liquid_in_urls_and_values_survives():
    out = url_parameters.transform('<a href="https://a.com/p/{{ p.id | default: "x?y" }}">x</a>', _params(("cid", "{{ customer.id }} x")))
    assert 'href="https://a.com/p/{{ p.id | default: "x?y" }}?cid={{ customer.id }}%20x"' in out


def test_vml_buttons_get_parameters_too():
    out = url_parameters.transform('<!--[if mso]><v:roundrect href="https://a.com"></v:roundrect><![endif]-->', _params(("a", "b")))
    assert 'href="https://a.com?a=b"' in out


# -- MJML --------------------------------------------------------------------------


def test_mjml_compiles_and_keeps_raw_components_and_liquid():
    src = (
        '<mjml><mj-body>{% if vip %}<mj-section><mj-column><mj-button href="{{ url | default: \'x\' }}">Go</mj-button>'
        '<mj-raw><x-paragraph :font-size="14" #if="a">Hi {{ name }}</x-paragraph><promo-card/></mj-raw>'
        "</mj-column></mj-section>{% endif %}</mj-body></mjml>"
    )
    out = mjml_framework.transform(src)
    assert out.lower().startswith("<!doctype html>")
    assert '<x-paragraph :font-size="14" #if="a">Hi {{ name }}</x-paragraph><promo-card/>' in out
    assert "href=\"{{ url | default: 'x' }}\"" in out and "{% if vip %}" in out and "{% endif %}" in out


def test_invalid_mjml_is_a_problem_not_a_crash():
    with pytest.raises(TransformError) as err:
        mjml_framework.transform("<mjml><mj-body><mj-section>")
    assert "Invalid MJML" in err.value.problems[0].message
