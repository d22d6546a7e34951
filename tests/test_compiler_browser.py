"""The compiled HTML in a real browser engine (Qt WebEngine) at 375/700 px, light and dark."""
from __future__ import annotations

from engine.compiler import compile_email
from tests.test_compiler_support import sample_styles

MUST_HAVE_1 = "<x-base><x-paragraph id=\"p\" :color=\"{ light: '#000000', dark: '#ffffff' }\">Hi</x-paragraph></x-base>"


def test_must_have_1_black_in_light_white_in_dark(web_render):
    html = compile_email(MUST_HAVE_1).html
    assert web_render(html, width=700, scheme="light").style("#p", "color") == "rgb(0, 0, 0)"
    assert web_render(html, width=700, scheme="dark").style("#p", "color") == "rgb(255, 255, 255)"
    assert web_render(html, width=375, scheme="light").style("#p", "color") == "rgb(0, 0, 0)"


def test_must_have_19_responsive_font_size(web_render):
    html = compile_email('<x-base><x-paragraph id="p" :font-size="{ small: 16, medium: 24 }">x</x-paragraph>'
                         "</x-base>").html
    assert web_render(html, width=375).style("#p", "font-size") == "16px"
    assert web_render(html, width=600).style("#p", "font-size") == "16px"  # ≤600 is mobile
    assert web_render(html, width=700).style("#p", "font-size") == "24px"


def test_must_have_20_hide_on_mobile(web_render):
    html = compile_email('<x-base><x-section hide-on="mobile"><x-paragraph id="d">Desk</x-paragraph></x-section>'
                         '<x-box hide-on="desktop"><x-paragraph id="m">Mob</x-paragraph></x-box></x-base>').html
    narrow = web_render(html, width=375)
    assert not narrow.visible("#d") and narrow.visible("#m")
    wide = web_render(html, width=700)
    assert wide.visible("#d") and not wide.visible("#m")


def test_must_have_21_columns_stack_narrow_and_sit_side_by_side_wide(web_render):
    html = compile_email('<x-base><x-row :layout="[50, 50]"><x-column><x-paragraph id="a">A</x-paragraph>'
                         '</x-column><x-column><x-paragraph id="b">B</x-paragraph></x-column></x-row></x-base>').html
    narrow = web_render(html, width=375)
    a, b = narrow.rect("#a"), narrow.rect("#b")
    assert b["y"] > a["y"] + a["height"] - 1 and abs(a["x"] - b["x"]) < 1
    wide = web_render(html, width=700)
    a, b = wide.rect("#a"), wide.rect("#b")
    assert abs(a["y"] - b["y"]) < 1 and b["x"] > a["x"] + 200


def test_dark_image_swap_and_global_styles_in_the_browser(web_render):
    src = ("<x-base><x-image id=\"i\" alt=\"Logo\" width=\"40px\" "
           ":src=\"{ light: 'https://i.example/l.png', dark: 'https://i.example/d.png' }\"/>"
           '<x-paragraph id="p">Body</x-paragraph></x-base>')
    html = compile_email(src, styles=sample_styles()).html
    light = web_render(html, width=700, scheme="light")
    shown = "Array.from(document.images).filter(i => getComputedStyle(i).display !== 'none').map(i => i.src)"
    assert light.js(shown) == ["https://i.example/l.png"]
    assert light.style("#p", "color") == "rgb(31, 35, 48)"  # global Paragraph ink #1F2330
    dark = web_render(html, width=700, scheme="dark")
    assert dark.js(shown) == ["https://i.example/d.png"]
    assert dark.style("#p", "color") == "rgb(232, 230, 240)"  # its dark value #E8E6F0
