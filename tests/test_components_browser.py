"""The dark-mode and responsive recipes of spec §4.13, written as components, in Qt WebEngine.

Each recipe is a component file written the way the spec describes it; the
compiled email is loaded at 375 and 700 px, light and dark, and the computed
styles are what a reader of the email would see.
"""
from __future__ import annotations

import pytest

from engine.compiler import compile_email

DARK_TEXT = """<script>
  export const props = Component.defineProps({
    color: Component.props.withDynamicStyles(Component.props.string(), { darkMode: true }).default("#222222"),
  });
  // The recipe's helper: a plain string has no dark value.
  const normalize = (v) => typeof v === "string" ? { light: v, dark: undefined } : { light: v?.light, dark: v?.dark };
  const color = normalize(props.color);
  const inline = { color: color.light };
</script>
<style #if="color.dark">@media (prefers-color-scheme: dark) { .dark { color: set(color?.dark) !important; } }</style>
<style media="(prefers-color-scheme: dark)" #isolated="thunderbird">.moz-text-html .dark { color: set(color?.dark) !important; }</style>
<template>
  <p id="t" class="dark" :style="inline"><slot>Text</slot></p>
</template>
"""

RESPONSIVE_IMAGE = """<script>
  export const props = Component.defineProps({
    src: { type: "media", schema: Component.props.withDynamicStyles(Component.props.string(), { responsive: true }) },
    alt: Component.props.string().default(""),
  });
  const isResponsive = typeof props.src === "object" && !!props.src?.medium;
  const small = typeof props.src === "string" ? props.src : props.src?.small;
</script>
<style #if="isResponsive">@media (min-width:600px){ .desktop-img{display:inline-block !important} .mobile-img{display:none} }</style>
<template>
  <img id="small" class="mobile-img" :src="small" :alt="props.alt" width="200" height="100">
  <img id="medium" #if="props.src?.medium" style="display:none" class="desktop-img" :src="props.src.medium" :alt="props.alt" width="200" height="100">
</template>
"""

# Combined swap: one image per key, each shown by its own media query; the hashed class keeps the rules
# of two instances apart.
SWAP_IMAGE = """<script>
  export const props = Component.defineProps({
    src: Component.props.withDynamicStyles(Component.props.string(), { darkMode: true, responsive: true }),
  });
  const h = Component.hash(props.src);
  const keys = ["light", "small:dark", "medium:light", "medium:dark"].filter((k) => props.src[k]);
  const cls = (k) => "img-" + h + "-" + k.replace(":", "-");
</script>
<style>
  @media (prefers-color-scheme: light) and (max-width: 599px) { .img-set(h)-light { display: inline-block !important } }
  @media (prefers-color-scheme: dark) and (max-width: 599px) { .img-set(h)-small-dark { display: inline-block !important } }
  @media (prefers-color-scheme: light) and (min-width: 600px) { .img-set(h)-medium-light { display: inline-block !important } }
  @media (prefers-color-scheme: dark) and (min-width: 600px) { .img-set(h)-medium-dark { display: inline-block !important } }
</style>
<template>
  <img #each="k in keys" :id="'swap-' + k.replace(':', '-')" :class="cls(k)" style="display:none" :src="props.src[k]"
       alt="" width="40" height="40">
</template>
"""


def compiled(usage: str, **components) -> str:
    library = {tag.replace("_", "-"): source for tag, source in components.items()}
    result = compile_email(f"<x-base><x-section>{usage}</x-section></x-base>", components=library, filename="e.html")
    assert not result.errors, [p.format() for p in result.errors]
    return result.html


WIDTHS_SCHEMES = [(375, "light"), (375, "dark"), (700, "light"), (700, "dark")]


@pytest.mark.parametrize("width,scheme", WIDTHS_SCHEMES)
def test_dark_mode_recipe_light_value_inline_dark_value_from_the_media_query(web_render, width, scheme):
    html = compiled("<dark-text :color=\"{ light: '#102030', dark: '#F0E0D0' }\">Hello</dark-text>",
                    dark_text=DARK_TEXT)
    page = web_render(html, width=width, scheme=scheme)
    assert page.style("#t", "color") == ("rgb(16, 32, 48)" if scheme == "light" else "rgb(240, 224, 208)")
    # The isolated Thunderbird block is its own <style media="(prefers-color-scheme: dark)">, active only in dark.
    probe = ("Array.from(document.querySelectorAll('style[media]')).filter(s => s.textContent.includes('.moz-text-html'))"
             ".map(s => [s.media, matchMedia(s.media).matches, s.textContent.includes('#F0E0D0')])")
    assert page.js(probe) == [["(prefers-color-scheme: dark)", scheme == "dark", True]]


def test_dark_mode_recipe_thunderbird_rule_applies_under_moz_text_html(web_render):
    html = compiled("<dark-text :color=\"{ light: '#102030', dark: '#F0E0D0' }\">Hello</dark-text>",
                    dark_text=DARK_TEXT)
    page = web_render(html, width=700, scheme="dark")
    # Thunderbird wraps the message in .moz-text-html and drops other media rules: emulate exactly that.
    page.js("(function(){ document.querySelectorAll('style:not([media])').forEach(s => s.textContent = "
            "s.textContent.replace(/@media[^{]*prefers-color-scheme[^{]*\\{[^}]*\\{[^}]*\\}\\s*\\}/g, ''));"
            " document.body.classList.add('moz-text-html'); return true; })()")
    assert page.style("#t", "color") == "rgb(240, 224, 208)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dark_mode_recipe_with_a_plain_string_has_no_dark_rule(web_render, scheme):
    html = compiled('<dark-text color="#102030">Hello</dark-text>', dark_text=DARK_TEXT)
    assert "prefers-color-scheme: dark) { .dark" not in html.replace("\n", " ")
    assert web_render(html, width=375, scheme=scheme).style("#t", "color") == "rgb(16, 32, 48)"


@pytest.mark.parametrize("width,scheme", WIDTHS_SCHEMES)
def test_responsive_image_recipe_swaps_at_600px(web_render, width, scheme):
    html = compiled("<responsive-image alt=\"Chart\" :src=\"{ small: 'https://i.example/s.png', "
                    "medium: 'https://i.example/m.png' }\"></responsive-image>", responsive_image=RESPONSIVE_IMAGE)
    page = web_render(html, width=width, scheme=scheme)
    if width == 375:
        assert page.style("#small", "display") != "none" and page.style("#medium", "display") == "none"
    else:
        assert page.style("#small", "display") == "none" and page.style("#medium", "display") == "inline-block"
    assert page.js("document.getElementById('small').getAttribute('src')") == "https://i.example/s.png"


def test_responsive_image_recipe_with_one_source_has_one_image_and_no_rule(web_render):
    html = compiled('<responsive-image src="https://i.example/one.png"></responsive-image>',
                    responsive_image=RESPONSIVE_IMAGE)
    assert "desktop-img" not in html
    for width in (375, 700):
        page = web_render(html, width=width)
        assert page.js("document.images.length") == 1 and page.style("#small", "display") != "none"


@pytest.mark.parametrize("width,scheme", WIDTHS_SCHEMES)
def test_combined_swap_shows_exactly_the_image_of_its_size_and_scheme(web_render, width, scheme):
    usage = ("<swap-image :src=\"{ light: 'https://i.example/l.png', 'small:dark': 'https://i.example/sd.png', "
             "'medium:light': 'https://i.example/ml.png', 'medium:dark': 'https://i.example/md.png' }\"></swap-image>"
             "<swap-image :src=\"{ light: 'https://i.example/other.png' }\"></swap-image>")
    html = compiled(usage, swap_image=SWAP_IMAGE)
    page = web_render(html, width=width, scheme=scheme)
    shown = page.js("Array.from(document.images).filter(i => getComputedStyle(i).display !== 'none')"
                    ".map(i => i.getAttribute('src'))")
    expected = {(375, "light"): "l", (375, "dark"): "sd", (700, "light"): "ml", (700, "dark"): "md"}[(width, scheme)]
    assert f"https://i.example/{expected}.png" in shown
    # The second instance (light only) never borrows the first one's rules.
    assert len([s for s in shown if "/other.png" not in s]) == 1
    assert ("https://i.example/other.png" in shown) == (width == 375 and scheme == "light")
