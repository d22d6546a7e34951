"""Headless preview core: vision matrices, forced-dark transforms, preview copy passes, source map."""
from __future__ import annotations

from pathlib import Path

import pytest

from engine.preview import compile_for_preview, email_size, personalize, preview_copy, sample_data, strip_markers
from engine.preview import forced_dark, vision
from engine.preview.colors import contrast_ratio, parse_color, relative_luminance
from engine.preview.modes import PreviewMode, block_images, block_styles, emulate_dark_media
from engine.preview.sample_data import parse_extra

ROOT = Path(__file__).resolve().parent.parent


# -- vision -------------------------------------------------------------------------------------
def test_vienot_rows_preserve_white_and_match_daltonlens_red():
    for kind in ("protanopia", "deuteranopia"):
        for row in vision.VIENOT_1999[kind]:
            assert sum(row) == pytest.approx(1.0, abs=1e-4)  # achromatic colours stay achromatic
    # libDaltonLens' published Viénot protan/deutan projections of pure red
    assert vision.simulate((255, 0, 0), "protanopia") == (94, 94, 13)
    assert vision.simulate((255, 0, 0), "deuteranopia") == (147, 147, 0)


def test_brettel_tritan_uses_the_half_plane_of_the_colour():
    n = vision.BRETTEL_1997_TRITAN["normal"]
    red = (1.0, 0.0, 0.0)
    blue = (0.0, 0.0, 1.0)
    assert sum(a * b for a, b in zip(n, red)) > 0 and vision.matrix_for("tritanopia", red) is vision.BRETTEL_1997_TRITAN["m1"]
    assert sum(a * b for a, b in zip(n, blue)) < 0 and vision.matrix_for("tritanopia", blue) is vision.BRETTEL_1997_TRITAN["m2"]
    assert vision.simulate((255, 255, 255), "tritanopia") == (255, 255, 255)
    assert vision.simulate((255, 0, 0), "tritanopia") == (255, 0, 78)


def test_achromatopsia_is_luminance():
    r, g, b = vision.simulate((255, 0, 0), "achromatopsia")
    assert r == g == b == 127  # Y(red) = 0.2126 in linear light → sRGB 127
    assert vision.simulate((0, 255, 0), "achromatopsia")[0] > vision.simulate((0, 0, 255), "achromatopsia")[0]


def test_svg_filter_is_linear_rgb_with_the_matrix_values():
    svg = vision.svg_filter("protanopia")
    assert 'color-interpolation-filters="linearRGB"' in svg and 'id="cs-vision"' in svg
    assert "0.11238 0.88762 0 0 0" in svg
    tritan = vision.svg_filter("tritanopia")
    assert tritan.count("<feColorMatrix") == 4 and "arithmetic" in tritan
    with pytest.raises(ValueError):
        vision.svg_filter("colourful")


# -- forced dark ------------------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", forced_dark.SCHEMES)
def test_forced_dark_darkens_light_backgrounds_and_lightens_dark_text(scheme):
    white_bg = parse_color(forced_dark.transform_color(scheme, "background", "#ffffff"))
    black_text = parse_color(forced_dark.transform_color(scheme, "text", "#000000"))
    assert relative_luminance(white_bg) < 0.05
    assert relative_luminance(black_text) > 0.8
    assert forced_dark.transform_color(scheme, "background", "#000000") == "#000000"  # dark stays dark
    assert forced_dark.transform_color(scheme, "text", "inherit") == "inherit"  # unknown values untouched


def test_outlook_keeps_hue_and_makes_text_readable_on_its_background():
    bg = forced_dark.transform_color("forced-dark-outlook", "background", "#F3F1FB")
    text = forced_dark.transform_color("forced-dark-outlook", "text", "#1F2330", bg)
    assert contrast_ratio(parse_color(text), parse_color(bg)) >= 4.5
    # a saturated mid-tone brand colour keeps its hue (blue-violet stays dominant)
    brand = parse_color(forced_dark.transform_color("forced-dark-outlook", "text", "#5B3FD9"))
    assert brand.b > brand.r > brand.g


def test_google_is_partial_mid_tones_stay():
    assert forced_dark.transform_color("forced-dark-google", "background", "#5B3FD9") == "#5b3fd9"
    assert forced_dark.transform_color("forced-dark-google", "text", "#999999") == "#999999"
    assert forced_dark.transform_color("forced-dark-google", "background", "#999999") == "#999999"
    # while Outlook darkens every declared light background, even a pale tint
    assert forced_dark.transform_color("forced-dark-outlook", "background", "#cccccc") != "#cccccc"


def test_forced_dark_rewrites_attributes_inline_styles_and_style_blocks_but_not_urls():
    html = ('<style>.a{color:black;background:#fff}</style>'
            '<td bgcolor="#FFFFFF" style="background:url(white.png) #ffffff;color:#000">x</td><font color=black>y</font>')
    out = forced_dark.apply_forced_dark(html, "forced-dark-outlook")
    assert "url(white.png)" in out
    assert "#ffffff" not in out.split("url(white.png)")[1].split(";")[0]
    assert ".a{color:#ffffff;background:#303030}" in out
    assert 'bgcolor="#303030"' in out and 'color="#ffffff"' in out


# -- preview copy --------------------------------------------------------------------------------------
PAGE = ('<html><head><link rel="stylesheet" href="https://x/a.css"><style>p{color:red}</style></head>'
        '<body><img src="https://x/a.png" srcset="https://x/b.png 2x" alt="Logo">'
        '<div style="background:url(\'https://x/bg.jpg\') #fff;color:#111" background="https://x/c.jpg">t</div></body></html>')


def test_block_styles_removes_every_style_and_link_but_keeps_inline_styles():
    out = block_styles(PAGE)
    assert "<style" not in out and "<link" not in out
    assert 'style="background:' in out


def test_block_images_removes_sources_and_css_backgrounds():
    out = block_images(PAGE)
    assert ' src="' not in out and " srcset=" not in out and "<img" not in out
    assert 'data-cs-blocked-src="https://x/a.png"' in out
    assert 'role="img" aria-label="Logo"' in out and ">Logo</span>" in out  # the alt text is shown in its box
    assert "bg.jpg" not in out and "background:none #fff" in out
    assert 'background="' not in out


def test_blocked_image_becomes_a_box_of_its_width_with_its_alt_text():
    from engine.preview.modes import alt_box

    box = alt_box('<img src="asset:a.png" alt="Sale &amp; more" width="110" height="40" id="i" class="c2" '
                  'data-cs-src="3:5" style="display:none;height:auto;width:110px;border-radius:8px">')
    assert box.startswith('<span id="i" class="c2" data-cs-src="3:5" data-cs-blocked-src="asset:a.png"')
    assert box.endswith(">Sale &amp; more</span>")
    style = box[box.index(' style="') + 8:box.index('">')]
    assert "display:none" in style and "width:110px" in style and "height:40px" in style
    assert "border-radius:8px" in style
    assert "height:auto" not in style


def test_preview_copy_injects_app_css_after_blocking_styles():
    out = preview_copy(PAGE, PreviewMode(block_styles=True, scheme="forced-dark-google", vision="deuteranopia"))
    assert out.count("<style") == 1 and "data-cs-preview" in out
    assert "filter:url(#cs-vision)" in out and out.index("<svg") < out.index("</body>")
    assert "background-color:#1b1b1b" in out


def test_modes_validate_and_dark_fallback_rewrites_media():
    with pytest.raises(ValueError):
        PreviewMode(scheme="sepia")
    assert PreviewMode(scheme="forced-dark-outlook").emulated_media == "light"
    out = emulate_dark_media('<style media="(prefers-color-scheme: dark)">@media (prefers-color-scheme:light){}</style>')
    assert "prefers-color-scheme" not in out


# -- size, sample data, Liquid ---------------------------------------------------------------------------
def test_size_warns_above_gmail_clipping():
    assert email_size("a" * 1024).label() == "1.0 KB" and email_size("a" * 1024).warning() is None
    big = email_size("é" * (52 * 1024))  # two bytes each in UTF-8: 104 KB
    assert big.clipped_by_gmail and "102 KB" in big.warning()


def test_sample_data_from_a_person_and_json():
    class Person:
        external_id, email, cio_id, created_at = "u1", "ada@example.com", "c1", None
        attributes = {"first_name": "Ada", "plan": "pro"}

    extra, problems = parse_extra('{"event": {"name": "purchase"}, "customer": {"plan": "enterprise"}}')
    data = sample_data(Person(), extra)
    assert data["customer"] == {"id": "u1", "email": "ada@example.com", "cio_id": "c1", "first_name": "Ada", "plan": "enterprise"}
    assert data["event"] == {"name": "purchase"} and problems == []
    _, problems = parse_extra('{\n  "event": {,}\n}')
    assert problems and (problems[0].line, problems[0].column) == (2, 13)


def test_personalize_renders_or_reports_liquid_errors():
    html, problems = personalize("<p>Hi {{ customer.first_name }}</p>", {"customer": {"first_name": "Ada"}})
    assert html == "<p>Hi Ada</p>" and problems == []
    html, problems = personalize("<p>Hi {{ customer.missing }}</p>", {"customer": {}})
    assert "{{ customer.missing }}" in html and problems and problems[0].line == 1


# -- source map -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["newsletter", "welcome", "abandoned-cart"])
def test_instrumented_compile_gives_the_same_html_once_markers_are_stripped(name):
    from engine.compiler import compile_email
    from engine.styles import GlobalStyles

    styles = GlobalStyles.load(ROOT / "resources/sample/global-styles.json")
    source = (ROOT / f"resources/sample/emails/{name}.html").read_text()
    preview = compile_for_preview(source, styles=styles)
    assert preview.html == compile_email(source, styles=styles).html
    assert strip_markers(preview.marked_html) == preview.html
    assert preview.marked_html.count("data-cs-src=") > 10


def test_markers_point_at_the_source_line_of_each_component():
    source = "<x-base>\n  <x-section>\n    <x-paragraph>Hi</x-paragraph>\n    <x-image src=\"https://x/y.png\" alt=\"Y\"/>\n  </x-section>\n</x-base>"
    html = compile_for_preview(source).marked_html
    assert 'data-cs-src="3:5">Hi</p>' in html
    assert 'data-cs-src="4:5"' in html


def test_asset_urls_are_found_rewritten_and_mapped_to_hosted_copies():
    """`asset:NAME` (engine.assets): what export and a later push to Customer.io rewrite."""
    from engine.assets import AssetData, asset_name, asset_names, hosted_html, rewrite_asset_urls

    html = ('<img src="asset:news/hero.png" alt=""><p>myasset:x and asset: spaced</p>'
            '<img srcset="asset:a.png 1x, asset:b%20c.png 2x"><div style="background:url(\'asset:news/hero.png\')">'
            '<img src="asset:{{ item.id }}.png">')
    assert asset_names(html) == ["news/hero.png", "a.png", "b c.png"]
    assert asset_name("asset:/x/y.png?v=3") == "x/y.png" and asset_name("https://a/asset:x") is None
    out = rewrite_asset_urls(html, lambda n: f"images/{n}" if n != "a.png" else None)
    assert 'src="images/news/hero.png"' in out and "url('images/news/hero.png')" in out
    assert "asset:a.png 1x" in out and "myasset:x" in out and 'src="asset:{{ item.id }}.png"' in out
    hosted = {"news/hero.png": AssetData("news/hero.png", b"", "image/png", url="https://cdn.example/h.png")}
    sent, missing = hosted_html(html, hosted.get)
    assert 'src="https://cdn.example/h.png"' in sent and missing == ["a.png", "b c.png"]
