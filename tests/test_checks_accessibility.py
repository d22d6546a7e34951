"""Accessibility check: §10's sixteen custom rules, the axe core rules email needs, contrast in light and dark."""
from __future__ import annotations

import pytest

from engine.checks import build, check_accessibility
from engine.checks.accessibility import IMPACTS
from engine.transformers import TransformerSettings


def _doc(body: str, head: str = "<title>T</title>", body_attrs: str = "") -> str:
    return f"<!doctype html>\n<html>\n<head>{head}</head>\n<body{body_attrs}>\n{body}\n</body>\n</html>"


WRAPPED = '<div lang="en" dir="ltr">\n{}\n</div>'


def _rules(source: str, **kw) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in check_accessibility(build(source, **kw)):
        out.setdefault(p.rule, []).append(p)
    return out


def test_clean_email_has_no_findings():
    source = _doc(WRAPPED.format(
        '<table role="presentation"><tr><td><h1>Hello</h1>'
        '<p style="color:#222222;font-size:16px">Plenty of contrast.</p>'
        '<a href="https://example.com/guide" style="color:#0645ad">Read the setup guide</a>'
        '<img src="https://example.com/a.png" alt="A chart"></td></tr></table>'))
    assert _rules(source) == {}


@pytest.mark.parametrize(("markup", "rule", "impact"), [
    ('<table><tr><td>x</td></tr></table>', "table-role", "Serious"),
    ('<a href="https://x.example/" role="button">Buy shoes</a>', "role-button", "Critical"),
    ('<a href="https://x.example/">Click here</a>', "accessible-hyperlinks", "Moderate"),
    ("<article>Story</article>", "article-article", "Mild"),
    ("<section>Part</section>", "region-section", "Mild"),
    ("<nav>Menu</nav>", "navigation-nav", "Mild"),
    ("<header>Top</header>", "banner-header", "Moderate"),
    ("<footer>Bottom</footer>", "contentinfo-footer", "Moderate"),
    ("<main>Main</main>", "main-main", "Moderate"),
    ("<aside>Side</aside>", "complementary-aside", "Moderate"),
    ("<h1>Second</h1>", "h1-tag", "Moderate"),
    ('<img src="https://x.example/a.png">', "image-alt", "Critical"),
    ('<a href="https://x.example/"></a>', "link-name", "Serious"),
    ("<!--[if mso]><v:rect style=\"width:100px\"><v:textbox>Hi</v:textbox></v:rect><![endif]-->", "vml-alt", "Critical"),
    ('<!--[if mso]><v:rect alt="x"><a href="https://x.example/">Go to shop</a></v:rect><![endif]-->', "vml-links", "Critical"),
    ('<!--[if mso]><v:rect alt="x"><h2>Title</h2></v:rect><![endif]-->', "vml-headings", "Moderate"),
])
def test_each_rule_flags_its_markup_with_its_impact(markup, rule, impact):
    source = _doc(WRAPPED.format("<h1>Main title</h1>\n" + markup))
    found = _rules(source)
    assert rule in found, found.keys()
    assert found[rule][0].extra["impact"] == impact and impact in IMPACTS
    assert found[rule][0].severity.value == "warning"


def test_body_lang_and_dir_pass_on_body_or_a_wrapper_and_fail_without():
    assert "body-lang" not in _rules(_doc("<h1>x</h1>", body_attrs=' lang="en" dir="ltr"'))
    assert not {"body-lang", "body-dir"} & set(_rules(_doc(WRAPPED.format("<h1>x</h1>"))))
    found = _rules(_doc('<div lang="en"><h1>x</h1></div>\n<p>outside the wrapper</p>'))
    assert {"body-lang", "body-dir"} <= set(found)
    assert (found["body-lang"][0].line, found["body-lang"][0].column) == (4, 1)  # the <body> line of the source


def test_no_h1_and_no_title():
    found = _rules(_doc(WRAPPED.format("<p>No heading</p>"), head=""))
    assert "page-has-heading-one" in found and "document-title" in found


def test_accessibility_transformer_fixes_what_it_promises():
    source = _doc('<table><tr><td><h1>x</h1><img src="https://x.example/a.png"></td></tr></table>', head="")
    before = set(_rules(source))
    settings = TransformerSettings()
    settings.accessibility.enabled = True
    after = set(_rules(source, settings=settings))
    assert {"table-role", "image-alt"} <= before
    assert not {"table-role", "image-alt"} & after


def test_contrast_light_mode_with_position():
    source = _doc(WRAPPED.format('<h1>Title</h1>\n<p style="color:#999999;background:#ffffff">Grey on white</p>'))
    [finding] = _rules(source)["color-contrast"]
    assert finding.extra["ratio"] == pytest.approx(2.85, abs=0.01)
    assert (finding.line, finding.column) == (7, 1)


def test_large_text_needs_only_3_to_1():
    ok = _doc(WRAPPED.format('<h1 style="color:#888888;font-size:32px">Big</h1>'))  # 3.54:1
    assert "color-contrast" not in _rules(ok)
    small = _doc(WRAPPED.format('<h1>T</h1><p style="color:#888888;font-size:16px">Small</p>'))
    assert "color-contrast" in _rules(small)


def test_contrast_in_dark_mode_from_dark_media_rules():
    head = ('<title>T</title><meta name="color-scheme" content="light dark"><style>'
            '@media (prefers-color-scheme: dark) { .card { background-color: #111111 !important; } '
            '.ok { color: #eeeeee !important; } }</style>')
    body = WRAPPED.format(
        '<h1>T</h1>\n<div class="card" style="background-color:#ffffff">\n'
        '<p style="color:#333333">Dark text kept in dark mode</p>\n'
        '<p class="ok" style="color:#333333">Dark text turned light</p>\n</div>')
    found = _rules(_doc(body, head=head))
    assert "color-contrast" not in found  # fine in light mode
    [dark] = found["color-contrast-dark"]
    assert (dark.line, dark.column) == (8, 1)
    assert dark.extra["foreground"] == "#333333" and dark.extra["background"] == "#111111"


def test_dark_capable_email_without_backgrounds_gets_a_dark_canvas():
    head = '<title>T</title><meta name="color-scheme" content="light dark">'
    found = _rules(_doc(WRAPPED.format('<h1>T</h1><p style="color:#222222">No background set</p>'), head=head))
    assert found["color-contrast-dark"][0].extra["background"] == "#121212"
    # Without the declaration clients keep light defaults: no dark finding.
    assert "color-contrast-dark" not in _rules(_doc(WRAPPED.format('<h1>T</h1><p style="color:#222222">x</p>')))


def test_small_text_and_hidden_preheader():
    body = WRAPPED.format(
        '<div style="display:none;font-size:1px;color:#fefefe">Preheader text</div>\n<h1>T</h1>\n'
        '<p style="font-size:12px">Legal small print</p>\n<p style="font-size:10pt">Ten points</p>')
    found = _rules(_doc(body))
    sizes = sorted(p.message.split(" ")[2] for p in found["font-size"])
    assert sizes == ["12px", "13.3333px"]
    assert "color-contrast" not in found  # the hidden preheader is not judged


def test_compiled_components_report_in_the_source():
    source = ('<x-base>\n<x-section>\n<x-heading-1>Hi</x-heading-1>\n'
              '<x-paragraph color="#aaaaaa">Too light</x-paragraph>\n</x-section>\n</x-base>\n')
    found = _rules(source, filename="e.html")
    contrast = found["color-contrast"][0]
    assert (contrast.line, contrast.column) == (4, 1) and contrast.file == "e.html"


def test_a_compiled_email_with_lang_and_dir_on_x_base_passes_despite_its_hidden_preheader():
    from engine.checks import build
    from engine.checks.accessibility import check_accessibility

    source = '<x-base lang="en" dir="ltr" preheader="Hidden first"><x-heading-1>Hi</x-heading-1></x-base>'
    rules = {p.rule for p in check_accessibility(build(source))}
    assert not {"body-lang", "body-dir"} & rules
    rules = {p.rule for p in check_accessibility(build('<x-base preheader="Hidden"><x-heading-1>Hi</x-heading-1></x-base>'))}
    assert {"body-lang", "body-dir"} <= rules
