"""Plain-text generation (spec §7.3) from Design Studio source and from compiled-style HTML."""
from __future__ import annotations

from engine.text import plain_text
from engine.text.plain import RULE


def test_components_become_blank_line_separated_blocks():
    source = """<x-base preheader="Hidden preview text">
      <x-head><title>Subject</title><style>.a{color:red}</style></x-head>
      <x-section>
        <x-heading-1>Welcome   aboard</x-heading-1>
        <x-paragraph>First
           paragraph.</x-paragraph>
        <x-paragraph>Second<br>line</x-paragraph>
      </x-section>
    </x-base>"""
    assert plain_text(source) == "Welcome aboard\n\nFirst paragraph.\n\nSecond\nline"


def test_links_buttons_and_images():
    source = """<x-paragraph>Read <a href="https://ex.com/post?a=1&amp;b=2">the <b>post</b></a> or
      <a href="https://ex.com">https://ex.com</a> or <a href="#top">top</a>.</x-paragraph>
      <x-cta href="https://ex.com/buy" :track-link="false">Buy now</x-cta>
      <x-image src="logo.png" alt="Example &amp; Co" href="https://ex.com" />
      <x-image src="spacer.gif" alt="" />
      <x-paragraph>Icon <img src="i.png" alt="star"> end</x-paragraph>"""
    assert plain_text(source) == (
        "Read the post (https://ex.com/post?a=1&b=2) or https://ex.com or top.\n\n"
        "Buy now (https://ex.com/buy)\n\n"
        "Example & Co (https://ex.com)\n\n"
        "Icon star end"
    )


def test_lists_bulleted_numbered_and_nested():
    source = """<x-list><li>One</li><li>Two</li></x-list>
      <x-list list-style="decimal"><li>First</li><li>Second</li></x-list>
      <ul><li>Fruit<ul><li>Apple</li></ul></li><li>Veg</li></ul>
      <ol start="3"><li>Three</li></ol>"""
    assert plain_text(source) == (
        "- One\n- Two\n\n1. First\n2. Second\n\n- Fruit\n  - Apple\n- Veg\n\n3. Three"
    )


def test_divider_is_a_line_of_dashes_and_spacer_is_nothing():
    text = plain_text("<x-paragraph>A</x-paragraph><x-spacer :size='20'/><x-hr/><x-paragraph>B</x-paragraph>")
    assert text == f"A\n\n{RULE}\n\nB"
    assert set(RULE) == {"-"}


def test_hidden_content_is_dropped():
    source = """<html><head><title>T</title><script>var x = 1</script></head><body>
      <div style="display:none;max-height:0;overflow:hidden;mso-hide:all">Preheader&zwnj;&nbsp;&zwnj;</div>
      <span class="preheader">Also preheader</span>
      <p>Visible <x-hidden-text>for screen readers</x-hidden-text></p>
      <p style="visibility: hidden">ghost</p><p hidden>gone</p>
      <!--[if mso]><p>Outlook copy</p><![endif]-->
      <style>p{}</style>
    </body></html>"""
    assert plain_text(source) == "Visible"


def test_liquid_is_kept_verbatim_and_standalone_tags_get_their_own_block():
    source = """<x-paragraph>Hi   {{ customer.first_name  | default: "there" }},
      {% if customer.vip %}VIP{% else %}friend{% endif %}</x-paragraph>
      {% if customer.plan == "pro" %}
      <x-paragraph>Pro tips</x-paragraph>
      {% endif %}
      <x-paragraph><a href="{% unsubscribe_url %}">Unsubscribe</a></x-paragraph>"""
    assert plain_text(source) == (
        'Hi {{ customer.first_name  | default: "there" }}, {% if customer.vip %}VIP{% else %}friend{% endif %}\n\n'
        '{% if customer.plan == "pro" %}\n\nPro tips\n\n{% endif %}\n\n'
        "Unsubscribe ({% unsubscribe_url %})"
    )


def test_table_cells_and_custom_components_keep_their_text():
    source = """<table><tr><td>Left</td><td>Right</td></tr></table>
      <promo-card :price="10"><x-paragraph>Slot text</x-paragraph></promo-card>"""
    assert plain_text(source) == "Left\n\nRight\n\nSlot text"


def test_broken_markup_still_gives_text():
    assert plain_text("<x-section><x-paragraph>Unclosed") == "Unclosed"
