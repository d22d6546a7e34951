"""The chain: order, problems, Liquid survival, and three real-world emails end to end."""
import re
from pathlib import Path

import pytest

from engine.problems import Problem, ProblemError
from engine.transformers import ORDER, TransformerSettings, apply_transformers, enabled_steps
from engine.transformers._liquid import LIQUID
from engine.transformers.settings import UrlParameter

DATA = Path(__file__).parent / "data" / "transformers"
EMAILS = ["retailer_newsletter.html", "outlook_vml.html", "welcome.mjml"]
GROUPS = ["accessibility", "css_inliner", "css_variables", "encode_entities", "prevent_widows", "remove_unused_css", "url_parameters"]


def _everything_on(formatter_type="minify") -> TransformerSettings:
    s = TransformerSettings()
    for name in GROUPS:
        getattr(s, name).enabled = True
    s.remove_unused_css.uglify = True
    s.url_parameters.parameters = [UrlParameter("utm_source", "spring sale")]
    s.formatter.type = formatter_type
    return s


def _only(name: str) -> TransformerSettings:
    s = TransformerSettings()
    if name == "formatter":
        s.formatter.type = "minify"
    else:
        getattr(s, name).enabled = True
        if name == "url_parameters":
            s.url_parameters.parameters = [UrlParameter("utm_source", "x y")]
        if name == "remove_unused_css":
            s.remove_unused_css.uglify = True
    return s


def test_documented_order():
    assert ORDER == ("mjml", "css_variables", "css_inliner", "remove_unused_css", "accessibility",
                     "url_parameters", "formatter", "encode_entities", "prevent_widows")
    assert enabled_steps(_everything_on(), filename="a.mjml") == list(ORDER)
    assert enabled_steps(TransformerSettings(), filename="a.html") == []
    assert enabled_steps(TransformerSettings(), framework="mjml") == ["mjml"]


def test_variables_resolve_before_inlining():
    s = TransformerSettings()
    s.css_variables.enabled = s.css_inliner.enabled = True
    out = apply_transformers("<html><head><style>:root{--c:#f00}.a{color:var(--c)}</style></head><body><p class=\"a\">x</p></body></html>", s)
    assert '<p class="a" style="color:#f00;">' in out.html and "var(" not in out.html


def test_cleanup_runs_after_inlining_has_used_the_rules():
    s = TransformerSettings()
    s.css_inliner.enabled = s.remove_unused_css.enabled = True
    s.css_inliner.remove_style_tags = False
    html = "<style>.a{color:red}.never{color:blue}</style><p class=\"a\">x</p>"
    out = apply_transformers(html, s).html
    assert 'style="color:red;"' in out and ".a{color:red}" in out and ".never" not in out


def test_entities_and_widows_come_after_the_formatter():
    s = TransformerSettings()
    s.formatter.type = "prettify"
    s.prevent_widows.enabled = s.encode_entities.enabled = True
    result = apply_transformers("<div><p>Hello dear © reader</p></div>", s)
    assert result.applied == ["formatter", "encode_entities", "prevent_widows"]
    assert "Hello dear &copy;&nbsp;reader" in result.html


def test_framework_hook_runs_between_mjml_and_the_rest():
    seen = []

    def compile_components(html: str) -> str:
        seen.append("<x-paragraph" in html and "<mj-" not in html)
        return html.replace("<x-paragraph>Hi</x-paragraph>", '<p class="a">Hi</p>')

    s = TransformerSettings()
    s.css_inliner.enabled = True
    src = "<mjml><mj-head><mj-style>.a{color:red}</mj-style></mj-head><mj-body><mj-raw><x-paragraph>Hi</x-paragraph></mj-raw></mj-body></mjml>"
    result = apply_transformers(src, s, filename="hello.mjml", after_framework=compile_components)
    assert seen == [True]
    assert result.applied == ["mjml", "after_framework", "css_inliner"]
    assert re.search(r'<p class="a" style="[^"]*color:red;">Hi</p>', result.html)


def test_hook_problems_are_collected():
    def broken(html: str) -> str:
        raise ProblemError([Problem("Unknown component <x-nope>", 3, 5, rule="compile/unknown")])

    result = apply_transformers("<p>x</p>", TransformerSettings(), after_framework=broken, filename="e.html")
    assert result.html == "<p>x</p>" and result.problems[0].line == 3 and result.problems[0].file == "e.html"


def test_invalid_mjml_reports_a_problem_and_stops():
    result = apply_transformers("<mjml><mj-body><mj-section>", _everything_on(), filename="broken.mjml")
    assert result.applied == [] and result.html == "<mjml><mj-body><mj-section>"
    assert result.problems and result.problems[0].rule == "transformers/mjml" and result.problems[0].file == "broken.mjml"


def test_unreadable_markup_skips_rewriting_transformers_with_a_problem():
    html = '<p>ok</p><a href="https://x.com>broken'
    result = apply_transformers(html, _only("url_parameters"))
    assert result.html == html and result.problems[0].rule == "transformers/url_parameters"


# -- must-have 24: Source changes, the editor text never does -------------------------------

SAMPLE = (
    "<!doctype html><html><head><meta name=\"viewport\" content=\"width=device-width, maximum-scale=1\">"
    "<style>:root{--c:#f00}.a{color:var(--c)}.never{margin:0}</style></head>"
    "<body>\n  <div><table><tr><td><p class=\"a\">Thanks for shopping with us © today</p>"
    "<a href=\"https://shop.example/x\">Open the shop now</a></td></tr></table></div></body></html>"
)


@pytest.mark.parametrize("name", [n for n in ORDER if n != "mjml"])
def test_each_transformer_changes_source_but_not_the_editor_text(name):
    editor_text = str(SAMPLE)
    result = apply_transformers(editor_text, _only(name))
    assert result.applied == [name] and not result.problems
    assert result.html != SAMPLE
    assert editor_text == SAMPLE


@pytest.mark.parametrize("name", [n for n in ORDER if n != "mjml"])
def test_liquid_survives_each_transformer_byte_for_byte(name):
    liquid = ['{{ customer.first_name | default: "friend > foe" }}', "{% if customer.vip %}", "{% endif %}",
              "{{ product.url }}", '{% cio_link url:"https://a.com?x=1" %}', "{{ brand | default: \"#f00\" }}"]
    html = (
        "<html><head><style>:root{--c:{{ brand | default: \"#f00\" }}}.a{color:var(--c)}</style></head><body>"
        '<table><tr><td><p class="a">Hi {{ customer.first_name | default: "friend > foe" }} and welcome</p></td></tr>'
        "{% if customer.vip %}<tr><td><a href=\"{{ product.url }}\">See it</a></td></tr>{% endif %}</table>"
        '<p>Go to {% cio_link url:"https://a.com?x=1" %} now</p></body></html>'
    )
    out = apply_transformers(html, _only(name)).html
    assert sorted(LIQUID.findall(out)) == sorted(liquid)


# -- three real-world emails through every transformer --------------------------------------


@pytest.mark.parametrize("email", EMAILS)
@pytest.mark.parametrize("formatter_type", ["minify", "prettify"])
def test_real_world_emails_pass_every_transformer(email, formatter_type):
    source = (DATA / email).read_text()
    result = apply_transformers(source, _everything_on(formatter_type), filename=email)
    assert result.problems == []
    expected = list(ORDER) if email.endswith(".mjml") else list(ORDER[1:])
    assert result.applied == expected
    # Every Liquid construct comes out as written; MJML's aria-label and the
    # accessibility <title> may repeat one, none is new or altered.
    assert set(LIQUID.findall(result.html)) == set(LIQUID.findall(source))
    out = result.html
    assert "utm_source=spring%20sale" in out
    assert "<table" in out and 'role="presentation"' in out
    assert "{% unsubscribe_url %}" not in out or 'href="{% unsubscribe_url %}"' in out


def test_outlook_email_keeps_its_conditional_vml():
    source = (DATA / "outlook_vml.html").read_text()
    out = apply_transformers(source, _everything_on("minify")).html
    blocks = re.findall(r"<!--\[if gte mso 9\]>.*?<!\[endif\]-->", source, re.S)
    assert len(blocks) == 3
    for block in blocks:  # byte for byte, but for the alt text accessibility adds to the VML shape
        assert block.replace('height:300px;">', 'height:300px;" alt="">') in out
    assert 'alt="View invoice"' in out  # VML button labelled
    assert "#outlook a{padding: 0}" in out or "#outlook a{padding:0}" in out
    assert "<!--[if !mso]><!-- -->" in out and "<!--<![endif]-->" in out


def test_retailer_email_inlines_and_keeps_responsive_rules():
    source = (DATA / "retailer_newsletter.html").read_text()
    out = apply_transformers(source, _everything_on("none")).html
    assert "@media only screen and (max-width: 600px)" in out
    assert "var(" not in out and "color:#e4572e" in out
    assert "legacy-promo-banner" not in out and "never-used-mobile" not in out
    assert "span.MsoHyperlink" in out and "a[x-apple-data-detectors]" in out
    assert 'href="https://www.example-shop.com/preferences"' in out  # data-ignore-params honoured
    assert 'href="https://www.example-shop.com/sale?ref=newsletter&amp;utm_source=spring%20sale#top"' in out
