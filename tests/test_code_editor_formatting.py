"""Format Document and the autocomplete data, headless (no WebEngine needed)."""
from __future__ import annotations

from pathlib import Path

from widgets.code_editor.completion_data import default_completion_data, normalize_components
from widgets.code_editor.formatting import format_source, format_text

EMAILS = Path(__file__).resolve().parent.parent / "resources" / "sample" / "emails"


def test_sample_emails_are_already_formatted():
    for path in EMAILS.glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert format_source(source) == source, path.name


def test_flattened_source_gets_its_nesting_back():
    source = (EMAILS / "welcome.html").read_text(encoding="utf-8")
    flat = "\n".join(line.lstrip() for line in source.split("\n"))
    formatted = format_source(flat)
    # every line that starts outside a tag gets its original indentation back
    for original, new in zip(source.split("\n"), formatted.split("\n")):
        if not new.lstrip().startswith(":"):  # attribute continuation lines are re-aligned
            assert original == new


def test_void_self_closing_raw_and_verbatim_content():
    src = ("<div>\n<img src=a>\n<x-spacer :size=\"8\"/>\n<br>\n<style>\n  .a { color: red; }\n</style>\n"
           "<pre>\n   keep   \n</pre>\n<p>{% if x %}<b>y</b>{% endif %}</p>\n</div>")
    assert format_source(src) == (
        "<div>\n  <img src=a>\n  <x-spacer :size=\"8\"/>\n  <br>\n  <style>\n    .a { color: red; }\n  </style>\n"
        "  <pre>\n   keep   \n</pre>\n  <p>{% if x %}<b>y</b>{% endif %}</p>\n</div>")


def test_liquid_blocks_and_comments_do_not_shift_markup():
    src = "<x-base>\n{% if vip %}\n<x-paragraph>VIP</x-paragraph>\n{% endif %}\n<!--\n  note\n-->\n</x-base>"
    assert format_source(src) == (
        "<x-base>\n  {% if vip %}\n  <x-paragraph>VIP</x-paragraph>\n  {% endif %}\n  <!--\n    note\n  -->\n</x-base>")


def test_crlf_and_tab_size_are_kept():
    assert format_source("<a>\r\n<b></b>\r\n</a>", indent="    ") == "<a>\r\n    <b></b>\r\n</a>"


def test_text_tab_formatting_only_trims():
    assert format_text("Hi {{ name }}   \n\n\n\nBye  ") == "Hi {{ name }}\n\nBye"


def test_completion_data_comes_from_the_compiler_schemas():
    data = default_completion_data()
    section = data["components"]["x-section"]
    assert section["props"]["align"]["values"] == ["left", "center", "right"]
    assert data["components"]["x-image"]["void"] is True
    assert "list-style-type" in data["components"]["x-list"]["props"]  # aliases complete too
    assert "fragment" not in data["components"]
    assert {"if", "for", "endif", "unsubscribe_url"} <= set(data["liquid"]["tags"])
    assert "illegal" not in data["liquid"]["tags"]
    assert {"default", "upcase", "date"} <= set(data["liquid"]["filters"])
    assert any(p["name"] == "mso-line-height-rule" for p in data["mso"])


def test_custom_components_accept_prop_lists_and_dicts():
    out = normalize_components({"my-card": {"props": ["title", "tone"]},
                                "my-footer": {"props": {"year": {"type": "number"}}, "void": True}})
    assert out["my-card"]["props"] == {"title": {"type": "string", "values": []},
                                       "tone": {"type": "string", "values": []}}
    assert out["my-footer"]["props"]["year"]["type"] == "number" and out["my-footer"]["void"] is True
