"""Formatter (prettify / minify), entity encoding and widow prevention."""
from engine.transformers import encode_entities, formatter, prevent_widows
from engine.transformers.settings import EncodeEntities, Formatter, Minify, Prettify, PreventWidows

LIQUID = '{{ customer.first_name | default: "a   b" }}'
DOC = f"""<!doctype html>
<html>
  <head>
    <!-- build 42 -->
    <style>
      /* reset */
      .a {{ color : red ; }}
    </style>
  </head>
  <body>
    <!--[if mso]>
      <table><tr><td>
    <![endif]-->
    <table   class="a"   role="presentation"><tr><td>Hello   {LIQUID}, <b>welcome</b>
    {{% if a > b %}}yes{{% endif %}}</td></tr></table>
    <pre>  keep
   this </pre>
  </body>
</html>"""
CONDITIONAL = "<!--[if mso]>\n      <table><tr><td>\n    <![endif]-->"


def _minify(**options):
    return formatter.transform(DOC, Formatter(type="minify", minify=Minify(**options)))


def test_minify_makes_source_smaller_and_keeps_liquid_pre_and_conditionals():
    out = _minify()
    assert len(out) < len(DOC)
    assert LIQUID in out and "{% if a > b %}yes{% endif %}" in out
    assert "<pre>  keep\n   this </pre>" in out and CONDITIONAL in out
    assert '<table class="a" role="presentation">' in out and "Hello " + LIQUID in out


def test_remove_indentations_option():
    assert "\n    <table" not in _minify() and "\n<table" in _minify()
    assert "\n    <table" in _minify(remove_indentations=False)


def test_remove_line_breaks_option():
    out = _minify(remove_line_breaks=True)
    assert "<html><head>" in out and "</b> {% if a > b %}" in out
    assert "\n<html>" in _minify()


def test_remove_html_comments_option():
    assert "<!-- build 42 -->" in _minify()
    kept_mso = _minify(remove_html_comments="1")
    assert "build 42" not in kept_mso and CONDITIONAL in kept_mso
    assert "<!--" not in _minify(remove_html_comments="2")


def test_remove_css_comments_option():
    assert "/* reset */" not in _minify() and ".a{color : red}" in _minify()
    assert "/* reset */" in _minify(remove_css_comments=False)


def test_line_length_limit_option_breaks_at_spaces():
    long_line = "<p>" + " ".join(["word"] * 60) + "</p>"
    out = formatter.transform(long_line, Formatter(type="minify", minify=Minify(line_length_limit=80)))
    assert max(len(line) for line in out.split("\n")) <= 80
    assert out.replace("\n", " ") == long_line
    assert "\n" not in formatter.transform(long_line, Formatter(type="minify", minify=Minify(line_length_limit=0)))


def test_prettify_indents_blocks_with_spaces_or_tabs():
    flat = "<table><tr><td>Hi <b>there</b></td></tr></table>"
    out = formatter.transform(flat, Formatter(type="prettify", prettify=Prettify(indent_size=4)))
    assert out == "<table>\n    <tr>\n        <td>\n            Hi <b>there</b>\n        </td>\n    </tr>\n</table>\n"
    tabs = formatter.transform(flat, Formatter(type="prettify", prettify=Prettify(indent_character="tabs")))
    assert "\n\t\t<td>\n" in tabs


def test_prettify_wrap_attributes_option():
    out = formatter.transform('<table class="a" role="presentation"><tr><td>x</td></tr></table>',
                              Formatter(type="prettify", prettify=Prettify(wrap_attributes=True)))
    assert out.startswith('<table\n  class="a"\n  role="presentation"\n>')


def test_prettify_keeps_liquid_and_conditionals():
    out = formatter.transform(DOC, Formatter(type="prettify"))
    assert LIQUID in out and "{% if a > b %}yes{% endif %}" in out and CONDITIONAL in out


def test_formatter_none_changes_nothing():
    assert formatter.transform(DOC, Formatter()) == DOC


# -- entities (must-have 28) --------------------------------------------------------


def test_encode_entities():
    html = '<p title="© x">© 2026\u00a0Acme\u200b 😀 & Co &amp; {{ "é" | append: "©" }}</p><style>p:after{content:"©"}</style>'
    out = encode_entities.transform(html, EncodeEntities(enabled=True))
    assert out == ('<p title="&copy; x">&copy; 2026&nbsp;Acme&#8203; &#128512; &amp; Co &amp; {{ "é" | append: "©" }}</p>'
                   '<style>p:after{content:"©"}</style>')


# -- widows -----------------------------------------------------------------------


def test_prevent_widows_joins_last_two_words():
    html = f"<p>Buy our new <b>running shoes</b> today</p><p>Two words</p><h1>Hi {LIQUID} and welcome</h1>"
    out = prevent_widows.transform(html, PreventWidows(enabled=True))
    assert "<b>running shoes</b>&nbsp;today</p>" in out
    assert "<p>Two words</p>" in out
    assert f"<h1>Hi {LIQUID} and&nbsp;welcome</h1>" in out


def test_prevent_widows_counts_liquid_as_one_word_and_never_splits_it():
    html = f"<p>Hello there {LIQUID}</p>"
    out = prevent_widows.transform(html, PreventWidows(enabled=True))
    assert out == f"<p>Hello there&nbsp;{LIQUID}</p>"
