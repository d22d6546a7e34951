"""The chain on one shared tree gives the bytes of the steps run one by one.

`apply_transformers` parses once and lets every step edit the same tree
(pipeline docstring); each module's `transform(html, options)` is still the
definition. These tests hold the chain to it on every real email we ship or
test with, under many settings, and on seeded random emails built to hit
widow prevention's hard cases (spaces of every kind, comments, Liquid,
lines the minifier's limit cuts).
"""
from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

import pytest

from engine.transformers import ORDER, TransformerSettings, apply_transformers, css_inliner, mjml_framework, pipeline
from engine.transformers._liquid import LIQUID
from engine.transformers.settings import UrlParameter

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "transformers"
GROUPS = ["accessibility", "css_inliner", "css_variables", "encode_entities", "prevent_widows", "remove_unused_css",
          "url_parameters"]


def _emails() -> dict[str, str]:
    emails = {p.name: p.read_text() for p in sorted(DATA.glob("*.html"))}
    emails.update({p.name: p.read_text() for p in sorted((ROOT / "resources/sample/emails").glob("*.html"))})
    emails["welcome.mjml"] = mjml_framework.transform((DATA / "welcome.mjml").read_text(), "welcome.mjml")
    emails["newsletter.mjml"] = mjml_framework.transform((ROOT / "bench/newsletter.mjml").read_text(), "newsletter.mjml")
    return emails


EMAILS = _emails()


def _settings(formatter: str, tweak: str = "") -> TransformerSettings:
    s = TransformerSettings()
    for name in GROUPS:
        getattr(s, name).enabled = True
    s.remove_unused_css.uglify = True
    s.url_parameters.parameters = [UrlParameter("utm_source", "spring sale"), UrlParameter("c", "{{ campaign.id }}")]
    s.formatter.type = formatter
    if tweak == "limit":
        s.formatter.minify.line_length_limit = 60
        s.formatter.minify.remove_html_comments = "1"
    elif tweak == "keep":
        s.css_inliner.remove_style_tags = False
        s.css_inliner.inline_pseudo_elements = True
        s.css_variables.preserve = True
    elif tweak == "wrap":
        s.formatter.prettify.wrap_attributes = True
    return s


CONFIGS = [("none", ""), ("minify", ""), ("prettify", ""), ("minify", "limit"), ("none", "keep"), ("prettify", "wrap")]


def _steps(html: str, settings: TransformerSettings) -> list[str]:
    return [name for name in pipeline.enabled_steps(settings) if name != "mjml"]


def _step_by_step(html: str, settings: TransformerSettings) -> str:
    return pipeline.run_step_by_step(html, settings, _steps(html, settings))


@pytest.mark.parametrize("formatter,tweak", CONFIGS)
@pytest.mark.parametrize("email", sorted(EMAILS))
def test_the_chain_equals_the_steps_one_by_one(email, formatter, tweak):
    html = EMAILS[email]
    settings = _settings(formatter, tweak)
    result = apply_transformers(html, settings)
    assert not result.problems
    assert result.html == _step_by_step(html, settings)
    assert set(LIQUID.findall(result.html)) <= set(LIQUID.findall(html)) | {"{{ campaign.id }}"}  # a parameter


@pytest.mark.parametrize("formatter", ["none", "minify", "prettify"])
@pytest.mark.parametrize("email", ["retailer_newsletter.html", "newsletter.html", "welcome.mjml"])
def test_realistic_emails_take_the_shared_tree(email, formatter):
    """Not a fallback in disguise: the one-parse path answers for the usual emails."""
    html = EMAILS[email]
    settings = _settings(formatter)
    shared = pipeline._shared_tree_chain(html, settings, _steps(html, settings))
    assert shared is not None and shared == _step_by_step(html, settings)


@pytest.mark.parametrize("name", [n for n in ORDER if n != "mjml"])
def test_each_step_alone_matches_its_transform(name):
    html = EMAILS["retailer_newsletter.html"]
    s = TransformerSettings()
    if name == "formatter":
        s.formatter.type = "minify"
    else:
        getattr(s, name).enabled = True
    assert apply_transformers(html, s).html == pipeline._FUNCTIONS[name](html, getattr(s, name))


def test_cases_the_shortcut_cannot_promise_fall_back_to_the_steps():
    # A comment inside a paragraph stands on its own line when prettified, which
    # changes which words are last; a form feed becomes a space under minify.
    html = "<html><body><p>one two<!-- x -->three four</p><div>a\fb c d</div></body></html>"
    for formatter in ("prettify", "minify"):
        s = _settings(formatter)
        assert pipeline._shared_tree_chain(html, s, _steps(html, s)) is None
        assert apply_transformers(html, s).html == _step_by_step(html, s)


def test_liquid_among_attributes_is_renamed_with_its_class():
    """The steps used to parse Liquid-masked text, where `{% if %}class="a"` hid the class
    from cleanup: the sheet's `.a` was shortened and this element kept `a`."""
    s = TransformerSettings()
    s.remove_unused_css.enabled = s.remove_unused_css.uglify = True
    html = '<style>.a{color:red}</style><p class="a">x</p><p {% if vip %}class="a"{% endif %}>y</p>'
    out = apply_transformers(html, s).html
    short = re.search(r"<style>\.(\w+)\{", out).group(1)
    assert out.count(f'class="{short}"') == 2 and "{% if vip %}" in out and "{% endif %}" in out


def test_the_inliner_marks_every_element_a_rule_can_reach(monkeypatch):
    """Marking only reachable elements changes nothing against marking all of them."""
    expected = {}
    for email, html in EMAILS.items():
        for formatter, tweak in CONFIGS[:2] + CONFIGS[4:5]:
            expected[email, formatter, tweak] = apply_transformers(html, _settings(formatter, tweak)).html
    monkeypatch.setattr(css_inliner, "_reachable", lambda elements, subjects: list(elements))
    for (email, formatter, tweak), html in expected.items():
        assert apply_transformers(EMAILS[email], _settings(formatter, tweak)).html == html, (email, formatter, tweak)


# -- seeded random emails aimed at widow prevention ------------------------------------------

_WORDS = ["a", "sale", "{{ customer.first_name }}", "&nbsp;", "caf\u00e9", "AT&T", "x\u00a0y", "30%", "&amp;"]
_SPACES = [" ", "  ", "\n", "\n    ", " \t", "\u00a0", "\u00a0 ", "\r\n", "\u2009"]
_INLINE = ["<b>{}</b>", "<a href=\"https://x.com/p\">{}</a>", "<span style=\"color:red\">{}</span>", "{}",
           "{{% if vip %}}{}{{% endif %}}", "<img src=\"x.png\">{}", "<br>{}", "<!-- c -->{}"]


def _paragraph(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randrange(1, 12)):
        word = rng.choice(_WORDS)
        if rng.random() < 0.3:
            word = rng.choice(_INLINE).format(word)
        words.append(word)
        words.append(rng.choice(_SPACES))
    tag = rng.choice(["p", "td", "div", "li", "h2"])
    body = "".join(words[:-1] if rng.random() < 0.7 else words)
    if tag == "td":
        return f"<table><tr><td>{body}</td></tr></table>"
    if tag == "li":
        return f"<ul><li>{body}</li></ul>"
    return f"<{tag}>{body}</{tag}>"


def _random_email(rng: random.Random) -> str:
    paragraphs = "\n  ".join(_paragraph(rng) for _ in range(rng.randrange(2, 8)))
    return (f"<!DOCTYPE html>\n<html>\n<head>\n<style>.x{{color:red}}</style>\n</head>\n<body>\n  {paragraphs}\n"
            "</body>\n</html>\n")


@pytest.mark.parametrize("seed", range(12))
def test_widows_on_the_shared_tree_match_widows_after_the_formatter(seed):
    rng = random.Random(seed)
    for _ in range(15):
        html = _random_email(rng)
        for formatter, encode, limit in itertools.product(("none", "minify", "prettify"), (False, True), (0, 40)):
            if limit and formatter != "minify":
                continue
            s = TransformerSettings()
            s.prevent_widows.enabled = True
            s.encode_entities.enabled = encode
            s.formatter.type = formatter
            s.formatter.minify.line_length_limit = limit
            assert apply_transformers(html, s).html == _step_by_step(html, s), (html, formatter, encode, limit)


@pytest.mark.parametrize("email", sorted(EMAILS))
def test_the_inliner_s_spliced_copy_is_the_serialized_copy(email):
    """Splicing markers into the parsed text gives the bytes of serializing the marked tree."""
    from engine.transformers._markup import Tree

    html = EMAILS[email]
    tree = Tree(html, "css_inliner")
    elements = list(tree.elements(conditional=False))
    styles = [el for el in elements if el.name == "style"]
    marked = elements[::3]
    sheet = ".a{color:red}"
    spliced = css_inliner._marked_copy(tree, marked, styles, sheet, html)
    assert spliced == css_inliner._marked_copy(tree, marked, styles, sheet)
    assert tree.finish() == html  # the copy left the tree as it was
