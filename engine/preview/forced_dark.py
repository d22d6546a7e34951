"""Forced-dark emulations: how Outlook and Google's Android clients recolour an email.

These are **emulations** (labelled so in the UI): the clients' code is not
public in full, so each follows its published description. Both modes keep
`prefers-color-scheme` at `light`, because neither client honours the
email's own dark rules (spec §9.2: they "invert colours without honouring
media queries"). Images are left alone by both.

Forced dark (Outlook) — Outlook.com / Outlook webmail, PWA, Mac, Android.
  Source: Rémi Parmentier, "Dealing with Outlook.com's Dark Mode" (2019,
  hteumeuleu.com), from reading the webmail's `fixContrast()`: every element
  with a *declared* background colour (`bgcolor`, `background-color`,
  `background`) gets it darkened; every declared text colour is adjusted until
  it contrasts with the element's own background, or, without one, with the
  webmail's dark reading pane (#333). Originals go to `data-ogsb`/`data-ogsc`.
  Our transform works on CIE L* keeping a*, b* (LCH hue and chroma; HSL was
  tried first and turned pale tints such as #F3F1FB into vivid dark purples,
  because HSL saturation of a near-white tint is high):
    background  L*' = min(L*, 20 + 0.6·(100 − L*))   (white → ≈#333, dark kept)
    text        L*' = 100 − L* when L* < 50 (dark text inverted), then raised
                by 1 until the WCAG contrast ratio with its (darkened)
                background reaches 4.5:1.
  So light backgrounds and dark text flip fully, saturated brand colours keep
  their hue and only lose lightness — the "full inversion" the brief expects.

Forced dark (Google) — Gmail, Samsung, Yahoo, AOL, K-9, GMX on Android.
  These apps render mail in Android WebView, whose algorithmic darkening is
  Chromium's force-dark (blink `DarkModeFilter`): the default algorithm
  `kInvertLightnessLAB` inverts CIE L* keeping a*, b* (L*' = min(110 − L*, 100),
  so white becomes a very dark grey, not black), and a classifier decides per
  colour: backgrounds are inverted only when their brightness is above the
  background threshold, text only when below the foreground threshold
  (`DarkModeSettings`; brightness = 0.299 R + 0.587 G + 0.114 B). We use
  thresholds 205 (background) and 150 (foreground), the values Chromium's
  force-dark field parameters use for WebView content [inf: recalled from
  Chromium's features, not re-checked against the shipped WebView]. The
  result is a partial inversion: light backgrounds darken, dark text
  lightens, mid tones (a #5B3FD9 button, a #999 caption) stay.

Where colours are rewritten: inline `style` attributes, `bgcolor`/`color`
attributes and every `<style>` block of the preview copy; the page canvas
gets the transformed white/black so an email without a background looks as
it would in the client's dark reading pane.
"""
from __future__ import annotations

import re
from typing import Callable

from engine.preview.colors import (
    COLOR_TOKEN_RE, Color, contrast_ratio, from_lab, parse_color, perceived_brightness, to_lab,
)

SCHEMES = ("forced-dark-outlook", "forced-dark-google")
LABELS = {"forced-dark-outlook": "Forced dark (Outlook) — emulation",
          "forced-dark-google": "Forced dark (Google) — emulation"}

OUTLOOK_PANE = Color(0x33, 0x33, 0x33)
OUTLOOK_MIN_CONTRAST = 4.5
GOOGLE_BACKGROUND_THRESHOLD = 205
GOOGLE_FOREGROUND_THRESHOLD = 150

WHITE, BLACK = Color(255, 255, 255), Color(0, 0, 0)


# -- the colour transforms -------------------------------------------------------------------
def outlook_background(c: Color) -> Color:
    L, a, b = to_lab(c)
    target = min(L, 20 + 0.6 * (100 - L))
    return c if target == L else from_lab(c, target, a, b)


def outlook_text(c: Color, background: Color | None = None) -> Color:
    bg = background or OUTLOOK_PANE
    L, a, b = to_lab(c)
    if L < 50:
        L = 100 - L
    out = from_lab(c, L, a, b)
    while contrast_ratio(out, bg) < OUTLOOK_MIN_CONTRAST and L < 100:
        L = min(100.0, L + 1)
        out = from_lab(c, L, a, b)
    return out


def _invert_lab(c: Color) -> Color:
    L, a, b = to_lab(c)
    return from_lab(c, min(110 - L, 100), a, b)


def google_background(c: Color) -> Color:
    return _invert_lab(c) if perceived_brightness(c) > GOOGLE_BACKGROUND_THRESHOLD else c


def google_text(c: Color, background: Color | None = None) -> Color:
    return _invert_lab(c) if perceived_brightness(c) < GOOGLE_FOREGROUND_THRESHOLD else c


TRANSFORMS: dict[str, tuple[Callable[[Color], Color], Callable[[Color, Color | None], Color]]] = {
    "forced-dark-outlook": (outlook_background, outlook_text),
    "forced-dark-google": (google_background, google_text),
}


def transform_color(scheme: str, role: str, css: str, background: str | None = None) -> str:
    """One CSS colour value as `scheme` shows it; `role` is "background" or "text". Unknown values stay."""
    bg_fn, text_fn = TRANSFORMS[scheme]
    c = parse_color(css)
    if c is None:
        return css
    if role == "background":
        return bg_fn(c).css()
    bg = parse_color(background) if background else None
    return text_fn(c, bg).css()


# -- CSS rewriting -----------------------------------------------------------------------------
_DECL_RE = re.compile(r"(?P<prop>[-\w]+)(?P<sep>\s*:\s*)(?P<value>(?:url\([^)]*\)|[^;{}])+)")
_URL_RE = re.compile(r"url\([^)]*\)", re.IGNORECASE)
_BACKGROUND_PROPS = {"background", "background-color"}
_TEXT_PROPS = {"color"}


def _map_tokens(value: str, fn: Callable[[str], str]) -> str:
    """Apply `fn` to the colour tokens of a value, never inside `url(...)`."""
    pieces, last = [], 0
    for m in _URL_RE.finditer(value):
        pieces.append(COLOR_TOKEN_RE.sub(lambda t: fn(t.group(0)), value[last:m.start()]))
        pieces.append(m.group(0))
        last = m.end()
    pieces.append(COLOR_TOKEN_RE.sub(lambda t: fn(t.group(0)), value[last:]))
    return "".join(pieces)


def transform_declarations(css: str, scheme: str) -> str:
    """Rewrite the colours of one declaration block (a `style` attribute or one rule's body)."""
    new_background: str | None = None
    for m in _DECL_RE.finditer(css):
        if m.group("prop").lower() in _BACKGROUND_PROPS:
            tokens = COLOR_TOKEN_RE.findall(_URL_RE.sub("", m.group("value")))
            if tokens:
                new_background = transform_color(scheme, "background", tokens[-1])

    def replace(m: re.Match) -> str:
        prop = m.group("prop").lower()
        value = m.group("value")
        if prop in _BACKGROUND_PROPS:
            value = _map_tokens(value, lambda t: transform_color(scheme, "background", t))
        elif prop in _TEXT_PROPS:
            value = _map_tokens(value, lambda t: transform_color(scheme, "text", t, new_background))
        return m.group("prop") + m.group("sep") + value

    return _DECL_RE.sub(replace, css)


_RULE_BODY_RE = re.compile(r"\{([^{}]*)\}")


def transform_stylesheet(css: str, scheme: str) -> str:
    return _RULE_BODY_RE.sub(lambda m: "{" + transform_declarations(m.group(1), scheme) + "}", css)


# -- HTML rewriting ----------------------------------------------------------------------------
_STYLE_BLOCK_RE = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[a-zA-Z][^<>]*>")
_STYLE_ATTR_RE = re.compile(r"""(\sstyle\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_COLOR_ATTR_RE = re.compile(r"""(\s(bgcolor|color)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)


def _transform_tag(tag: str, scheme: str) -> str:
    background: list[str] = []

    def attr(m: re.Match) -> str:
        name = m.group(2).lower()
        value = next(v for v in m.group(3, 4, 5) if v is not None)
        if name == "bgcolor":
            new = transform_color(scheme, "background", value)
            background.append(new)
        else:
            new = transform_color(scheme, "text", value, background[0] if background else None)
        return f'{m.group(1)}"{new}"'

    tag = _COLOR_ATTR_RE.sub(attr, tag)

    def style(m: re.Match) -> str:
        quote = '"' if m.group(2) is not None else "'"
        value = m.group(2) if m.group(2) is not None else m.group(3)
        return f"{m.group(1)}{quote}{transform_declarations(value, scheme)}{quote}"

    return _STYLE_ATTR_RE.sub(style, tag)


def apply_forced_dark(html: str, scheme: str) -> str:
    """The copy of `html` recoloured as `scheme` ("forced-dark-outlook" or "forced-dark-google")."""
    if scheme not in TRANSFORMS:
        raise ValueError(f"unknown forced-dark scheme {scheme!r}; expected one of {', '.join(SCHEMES)}")
    out, last = [], 0
    for m in _STYLE_BLOCK_RE.finditer(html):
        out.append(_TAG_RE.sub(lambda t: _transform_tag(t.group(0), scheme), html[last:m.start()]))
        out.append(m.group(1) + transform_stylesheet(m.group(2), scheme) + m.group(3))
        last = m.end()
    out.append(_TAG_RE.sub(lambda t: _transform_tag(t.group(0), scheme), html[last:]))
    return "".join(out)


def canvas_css(scheme: str) -> str:
    """The client's reading pane under an email that sets no colours of its own.

    Set on `body`, injected first in `<head>`, so the email's own body
    background (inline or in its styles, already recoloured) wins. Not on
    `html`: a background there stops CSS from propagating the body's
    background to the canvas, so wherever the document is taller than the body
    (a collapsed bottom margin, a short email in a tall viewport) the pane
    colour showed as a dark band below the email (issue 10.13).
    """
    bg_fn, text_fn = TRANSFORMS[scheme]
    background = bg_fn(WHITE)
    return f"body{{background-color:{background.css()};color:{text_fn(BLACK, background).css()}}}"
