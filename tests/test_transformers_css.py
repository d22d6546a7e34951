"""CSS variables, CSS inlining and CSS cleanup, one visible effect per option."""
import re

from engine.transformers import css_inliner, css_variables, remove_unused_css
from engine.transformers.settings import CssInliner, CssVariables, HtmlAttributes, RemoveUnusedCss

LIQUID_OUT = '{{ customer.first_name | default: "a > b" }}'
LIQUID_TAG = "{% if customer.vip %}"


# -- CSS variables (must-have 26) -----------------------------------------------------


def test_static_insert_replaces_var_and_removes_root():
    out = css_variables.transform("<style>:root{--c:#f00} h1{color:var(--c)}</style>", CssVariables(enabled=True))
    assert out == "<style> h1{color:#f00}</style>"


def test_preserve_keeps_var_with_static_fallback_first():
    out = css_variables.transform("<style>:root{--c:#f00} h1{color:var(--c)}</style>", CssVariables(enabled=True, preserve=True))
    assert ":root{--c:#f00}" in out
    assert "h1{color:#f00;color:var(--c)}" in out


def test_variables_inside_functions_inline_styles_and_fallbacks():
    html = (
        "<style>:root{--p:#ff0000;--s:#00ff00}.g{background:linear-gradient(0.25turn,var(--p),var(--s))}"
        "@media (max-width:600px){h1{color:var(--missing, blue)}}</style><p style=\"color: var(--p)\">x</p>"
    )
    out = css_variables.transform(html, CssVariables(enabled=True))
    assert ".g{background:linear-gradient(0.25turn,#ff0000,#00ff00)}" in out
    assert "h1{color:blue}" in out
    assert 'style="color: #ff0000"' in out


def test_only_root_declarations_count():
    html = "<style>.a{--c:red} h1{color:var(--c)}</style>"
    assert css_variables.transform(html, CssVariables(enabled=True)) == html


def test_liquid_survives_css_variables():
    html = f"<style>:root{{--c:{{{{ brand | default: \"#f00\" }}}}}} h1{{color:var(--c)}}</style><p>{LIQUID_OUT}</p>{LIQUID_TAG}"
    out = css_variables.transform(html, CssVariables(enabled=True))
    assert 'h1{color:{{ brand | default: "#f00" }}}' in out
    assert LIQUID_OUT in out and LIQUID_TAG in out


# -- CSS inlining ---------------------------------------------------------------------

SHEET = """<html><head><style>
@font-face{font-family:Brand;src:url(b.woff2)}
@keyframes pulse{from{opacity:.5}to{opacity:1}}
.box{color:#333;width:300px;height:120px}
td{background-color:#eeeeee;text-align:center;vertical-align:top}
a, a:hover{color:#0066cc}
.title::before{content:"★";color:gold}
@media (max-width:600px){.box{width:100% !important}}
</style></head><body><table class="box"><tr><td>Cell</td></tr></table><p class="title">T</p><a href="#">L</a></body></html>"""


def _inline(html=SHEET, **options):
    return css_inliner.transform(html, CssInliner(enabled=True, **options))


def test_inlines_rules_into_style_attributes_and_removes_them_from_the_sheet():
    out = _inline()
    assert '<table class="box" style="color:#333;width:300px;height:120px;"' in out
    assert ".box{color:#333" not in out


def test_preserve_media_queries_option():
    assert "@media (max-width:600px){.box{width:100% !important}}" in _inline()
    assert "@media" not in _inline(preserve_media_queries=False)


def test_preserve_font_faces_option():
    assert "@font-face{font-family:Brand" in _inline()
    assert "@font-face" not in _inline(preserve_font_faces=False)


def test_preserve_keyframes_option():
    assert "@keyframes pulse" in _inline()
    assert "@keyframes" not in _inline(preserve_keyframes=False)


def test_preserve_pseudos_option_splits_selector_lists():
    out = _inline()
    assert "a:hover{color:#0066cc}" in out
    assert '<a href="#" style="color:#0066cc;">' in out
    assert ":hover" not in _inline(preserve_pseudos=False)


def test_inline_pseudo_elements_option_materialises_before_as_span():
    assert '<p class="title"><span style="color:gold">★</span>T</p>' in _inline(inline_pseudo_elements=True)
    assert "<span" not in _inline()


def test_remove_style_tags_off_keeps_the_whole_sheet():
    out = _inline(remove_style_tags=False)
    assert ".box{color:#333;width:300px;height:120px}" in out
    assert 'style="color:#333;width:300px;height:120px;"' in out


def test_apply_style_tags_off_inlines_nothing():
    assert _inline(apply_style_tags=False) == SHEET


def test_important_is_honoured_and_written_only_when_preserved():
    html = '<style>.a{color:red !important}</style><p class="a" style="color:blue">x</p><p style="margin:0 !important">y</p>'
    out = css_inliner.transform(html, CssInliner(enabled=True))
    assert '<p class="a" style="color:red;">' in out  # the !important rule beats the inline blue
    assert 'style="margin:0 !important"' in out  # author's own inline !important untouched
    kept = css_inliner.transform(html, CssInliner(enabled=True, preserve_important=True))
    assert '<p class="a" style="color:red !important;">' in kept


def test_width_and_height_attributes_follow_their_options():
    out = _inline()
    assert 'width="300" height="120"' in out
    no_width = _inline(apply_html_attributes=HtmlAttributes(apply_width_attributes=False))
    assert 'width="300"' not in no_width and 'height="120"' in no_width
    no_height = _inline(apply_html_attributes=HtmlAttributes(apply_height_attributes=False))
    assert 'height="120"' not in no_height and 'width="300"' in no_height
    none = _inline(apply_html_attributes=HtmlAttributes(enabled=False))
    assert 'width="300"' not in none and 'bgcolor' not in none


def test_table_element_attributes_option():
    out = _inline()
    assert 'bgcolor="#eeeeee" align="center" valign="top"' in out
    off = _inline(apply_html_attributes=HtmlAttributes(apply_table_element_attributes=False))
    assert "bgcolor" not in off


def test_embed_and_ignore_styles_are_never_inlined():
    for attr in ("data-embed", "data-ignore-inlining"):
        html = f"<style {attr}>.a{{color:red}}</style><p class=\"a\">x</p>"
        assert css_inliner.transform(html, CssInliner(enabled=True)) == html


def test_client_injected_selectors_stay_in_the_sheet():
    html = "<style>#outlook a{padding:0}.ExternalClass{width:100%}.a{color:red}</style><p class=\"a\">x</p>"
    out = css_inliner.transform(html, CssInliner(enabled=True))
    assert "#outlook a{padding:0}" in out and ".ExternalClass{width:100%}" in out


def test_inlining_keeps_every_other_byte():
    html = (
        "<!DOCTYPE html><html><head><style>.a{color:red}</style></head><body>"
        f"<table><tr><td class=\"a\">&copy; {LIQUID_OUT}</td></tr>{LIQUID_TAG}<tr><td>y</td></tr>{{% endif %}}</table>"
        "<![if !mso]><p>x</p><![endif]><!--[if mso]><td class=\"a\"></td><![endif]--></body></html>"
    )
    out = css_inliner.transform(html, CssInliner(enabled=True))
    assert out == html.replace("<style>.a{color:red}</style>", "").replace('<td class="a">&copy;', '<td class="a" style="color:red;">&copy;')


def test_liquid_in_inline_styles_survives_the_inliner():
    html = '<style>.a{font-weight:bold}</style><p class="a" style="color:{{ brand | default: "red" }}">x</p>'
    out = css_inliner.transform(html, CssInliner(enabled=True))
    assert '{{ brand | default: "red" }}' in out and "font-weight:bold" in out


# -- CSS cleanup (must-have 25) --------------------------------------------------------

CLEANUP = """<style>
.never{color:red}
.i-am-used{color:blue}
a[x-apple-data-detectors]{color:inherit !important}
span.MsoHyperlink{color:inherit !important; mso-style-priority:99 !important}
.btn-{{ kind }}{color:green}
.kind-{% if vip %}gold{% endif %}{color:gold}
.on{font-weight:bold}
@media (max-width:600px){.gone{display:none}}
</style><p class="i-am-used {% if a %}on{% endif %}">x</p><span class="btn-{{ kind }}">y</span>"""


def _clean(**options):
    return remove_unused_css.transform(CLEANUP, RemoveUnusedCss(enabled=True, **options))


def test_cleanup_removes_unused_and_keeps_the_rest():
    out = _clean()
    assert ".never" not in out and "@media" not in out
    for kept in (".i-am-used{color:blue}", "a[x-apple-data-detectors]", "span.MsoHyperlink{", ".btn-{{ kind }}{color:green}",
                 ".kind-{% if vip %}gold{% endif %}{color:gold}", ".on{font-weight:bold}"):
        assert kept in out


def test_whitelist_option_keeps_listed_names():
    html = "<style>.keep-me{color:red}.drop{color:blue}</style><p>x</p>"
    out = remove_unused_css.transform(html, RemoveUnusedCss(enabled=True, whitelist=[".keep-*"]))
    assert ".keep-me{color:red}" in out and ".drop" not in out


def test_uglify_renames_consistently_in_css_and_html():
    out = _clean(uglify=True)
    short = re.search(r"\.(\w+)\{color:blue\}", out).group(1)
    assert len(short) == 1 and f'<p class="{short} {{% if a %}}on{{% endif %}}">' in out
    assert "i-am-used" not in out
    assert "span.MsoHyperlink" in out and ".btn-{{ kind }}" in out  # protected names keep theirs


def test_uglify_keeps_ids_that_links_point_at():
    html = '<style>#top{color:red}#box{color:blue}</style><div id="top"></div><div id="box"></div><a href="#top">up</a>'
    out = remove_unused_css.transform(html, RemoveUnusedCss(enabled=True, uglify=True))
    assert 'id="top"' in out and "#top{" in out and 'id="box"' not in out


def test_extra_backend_markers_protect_other_template_languages():
    html = "<style>.x-<%= kind %>{color:red}</style><p>y</p>"
    from engine.transformers.settings import BackendMarker

    markers = [BackendMarker("{{", "}}"), BackendMarker("<%", "%>")]
    out = remove_unused_css.transform(html, RemoveUnusedCss(enabled=True, backend_markers=markers))
    assert ".x-<%= kind %>{color:red}" in out
