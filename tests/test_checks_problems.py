"""Problems panel (§10.1), size (Gmail clipping) and SpamAssassin."""
from __future__ import annotations

import shutil

import pytest

from engine.checks import build, check_problems, check_size, check_spam
from engine.checks.problems import css_syntax_errors
from engine.checks.spam import parse_report
from engine.problems import Severity
from engine.transformers import TransformerSettings


def _problems(source: str, **kw):
    return check_problems(build(source, filename="e.html", **kw))


def _where(problems, rule):
    return [(p.line, p.column, p.severity.value) for p in problems if p.rule == rule]


@pytest.mark.parametrize(("source", "rule", "where"), [
    ("<x-base>\n<x-paragraph>a</x-paragraph>\n</x-base>\n<x-base></x-base>", "single-base", (4, 1)),
    ("<x-base></x-base>\n<html><body></body></html>", "base-and-html", (2, 1)),
    ('<x-base>\n<x-row :layout="[50,50]"><x-column>a</x-column><x-column>b</x-column><x-column>c</x-column></x-row>\n</x-base>',
     "row-layout", (2, 8)),
    ("<x-base>\n<x-card>a</x-card>\n</x-base>", "unknown-component", (2, 1)),
    ("<x-base>\n<x-column>z</x-column>\n</x-base>", "column-outside-row", (2, 1)),
    ('<x-base>\n<x-section hide-on="tablet">a</x-section>\n</x-base>', "invalid-prop", (2, 12)),
    ("<x-base>\n<x-paragraph>{% if x %}a</x-paragraph>\n</x-base>", "liquid-syntax", (2, None)),
    ("<x-base>\n<x-section><div><p>a</x-section>\n</x-base>", "parse/unclosed-tag", (2, 12)),
])
def test_errors_are_located_in_the_source(source, rule, where):
    found = _problems(source)
    hits = [p for p in found if p.rule == rule]
    assert hits, [p.format() for p in found]
    assert hits[0].severity == Severity.ERROR and hits[0].file == "e.html"
    if where:
        assert hits[0].line == where[0]
        assert where[1] is None or hits[0].column == where[1]


def test_positions_ignore_the_inspect_marks():
    # The marks added for source mapping must not shift columns or the positions quoted in messages.
    [p] = [p for p in _problems("<x-base>\n<x-section><div><p>a</x-section>\n</x-base>") if p.rule == "parse/unclosed-tag"]
    assert "line 2, column 12" in p.message and "column 21" in p.message


def test_invalid_css_warns_unless_isolated():
    source = ("<x-base>\n<x-head><style>\n.a { color red }\n</style>\n<style #isolated>.b { color </style></x-head>\n"
              "<x-paragraph>a</x-paragraph>\n</x-base>")
    assert _where(_problems(source), "css/invalid") == [(3, 6, "warning")]


@pytest.mark.parametrize(("css", "ok"), [
    ("a{color:red}", True), ("@media (max-width:600px){.a{b:c}}", True), ("@import url(x.css);", True),
    ("a{color:{{ c }}}", True), ("{% if x %}a{b:c}{% endif %}", True),
    ("a{color red}", False), ("a{color:}", False), ("{x:y}", False), ("a{b:c", False), ("a{b:c}}", False),
    ("/* open", False), ('a{b:"x}', False),
])
def test_css_syntax(css, ok):
    assert (css_syntax_errors(css) == []) is ok


def test_inlining_on_standard_components_is_a_warning():
    source = "<x-base>\n<x-paragraph>a</x-paragraph>\n</x-base>"
    settings = TransformerSettings()
    settings.css_inliner.enabled = True
    assert _where(_problems(source, settings=settings), "css/inlining-components") == [(1, 1, "warning")]
    assert not _where(_problems(source), "css/inlining-components")


def test_img_without_alt_and_http_images():
    found = _problems('<html><body>\n<img src="http://a.example/x.png">\n</body></html>')
    assert _where(found, "images/alt") == [(2, 1, "warning")]
    assert _where(found, "images/insecure") == [(2, 1, "warning")]


def test_size_warns_above_102_kb_of_final_html():
    small = build("<html><body><p>hi</p></body></html>")
    [note] = check_size(small)
    assert note.severity == Severity.INFO and note.extra["bytes"] == len(small.html.encode())
    big = build("<html><body>" + "<p>" + "é" * 53_000 + "</p></body></html>")  # 2 bytes per é: ~104 KB
    [warning] = check_size(big)
    assert warning.rule == "size/gmail-clipping" and warning.severity == Severity.WARNING
    assert warning.extra["kb"] > 102


def test_minify_shrinks_what_the_size_check_measures():
    source = open("tests/data/transformers/retailer_newsletter.html").read()
    settings = TransformerSettings()
    settings.formatter.type = "minify"
    plain, minified = check_size(build(source))[0], check_size(build(source, settings=settings))[0]
    assert minified.extra["bytes"] < plain.extra["bytes"]


SA_OUTPUT = """X-Spam-Status: Yes, score=6.3 required=5.0 tests=DRUGS_ERECTILE,
\tMIME_HTML_ONLY autolearn=no version=4.0.1

Content analysis details:   (6.3 points, 5.0 required)

 pts rule name              description
---- ---------------------- --------------------------------------------------
 0.1 MIME_HTML_ONLY         BODY: Message only has text/html MIME parts
 1.8 DRUGS_ERECTILE         Refers to an erectile drug
 4.4 MADE_UP                A rule with a description that goes on
                            over two lines
"""


def test_spam_report_parsing():
    [p] = parse_report(SA_OUTPUT, "e.html")
    assert p.rule == "spam/spam" and p.severity == Severity.WARNING
    assert p.extra["score"] == 6.3 and p.extra["required"] == 5.0
    assert [r["name"] for r in p.extra["rules"]] == ["MIME_HTML_ONLY", "DRUGS_ERECTILE", "MADE_UP"]
    assert p.extra["rules"][2]["description"].endswith("over two lines")
    assert "MADE_UP +4.4" in p.message


def test_spam_not_available_without_the_binary():
    [p] = check_spam(build("<p>x</p>"), executable="/nonexistent/spamassassin")
    assert p.rule == "spam/not-available"


@pytest.mark.skipif(shutil.which("spamassassin") is None,
                    reason="spamassassin is not installed (apt-get install spamassassin)")
def test_spamassassin_scores_a_real_message():
    clean = check_spam(build(open("tests/data/transformers/retailer_newsletter.html").read()))[0]
    spammy = check_spam(build(
        "<html><head><title>FREE VIAGRA</title></head><body><p>FREE!!! Buy viagra and cialis now, 100% GUARANTEED,"
        " CLICK HERE to WIN $$$ CASH, act now, limited time, no prescription needed</p></body></html>"))[0]
    assert clean.rule in ("spam/score", "spam/spam") and isinstance(clean.extra["score"], float)
    assert spammy.extra["score"] > clean.extra["score"]
    assert any(r["score"] > 0 for r in spammy.extra["rules"])
