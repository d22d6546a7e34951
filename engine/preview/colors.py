"""CSS colour values as numbers: parse, format, and the colour spaces the preview needs.

Only what email CSS actually uses is parsed: `#rgb`, `#rgba`, `#rrggbb`,
`#rrggbbaa`, `rgb()`/`rgba()` (comma or space syntax, numbers or percents)
and the named colours that appear in real emails. Anything else (`hsl()`,
`currentColor`, `transparent`, `inherit`, gradients' functions) is left to the
caller to keep verbatim: a preview transform must never break a value it does
not understand.

Spaces: HSL (what Outlook.com's dark mode manipulates), CIE L*a*b* D65 (what
Chromium's force-dark inverts), linear RGB (what colour-vision matrices act
on), WCAG relative luminance and contrast ratio.
"""
from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

NAMED = {
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "green": (0, 128, 0),
    "blue": (0, 0, 255), "yellow": (255, 255, 0), "gray": (128, 128, 128), "grey": (128, 128, 128),
    "silver": (192, 192, 192), "maroon": (128, 0, 0), "navy": (0, 0, 128), "purple": (128, 0, 128),
    "teal": (0, 128, 128), "olive": (128, 128, 0), "lime": (0, 255, 0), "aqua": (0, 255, 255),
    "fuchsia": (255, 0, 255), "orange": (255, 165, 0), "whitesmoke": (245, 245, 245),
    "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211), "darkgray": (169, 169, 169),
    "darkgrey": (169, 169, 169), "dimgray": (105, 105, 105), "gainsboro": (220, 220, 220),
}

_HEX = r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b"
_RGB = r"rgba?\(\s*[^()]*\)"
# A colour token inside a CSS value (a `background` shorthand, a border…).
COLOR_TOKEN_RE = re.compile(
    rf"{_HEX}|{_RGB}|\b(?:{'|'.join(sorted(NAMED, key=len, reverse=True))})\b(?![-\w(])", re.IGNORECASE
)


@dataclass(frozen=True)
class Color:
    """8-bit sRGB with alpha in 0..1."""

    r: int
    g: int
    b: int
    a: float = 1.0

    @property
    def rgb(self) -> tuple[int, int, int]:
        return (self.r, self.g, self.b)

    def css(self) -> str:
        """`#rrggbb` when opaque (what email clients like), `rgba()` otherwise."""
        if self.a >= 1:
            return f"#{self.r:02x}{self.g:02x}{self.b:02x}"
        return f"rgba({self.r},{self.g},{self.b},{round(self.a, 3):g})"

    def with_rgb(self, rgb: tuple[int, int, int]) -> "Color":
        return Color(*(max(0, min(255, int(round(c)))) for c in rgb), a=self.a)


def parse_color(text: str) -> Color | None:
    """A `Color`, or None for anything this module does not understand."""
    t = text.strip().lower()
    if t in NAMED:
        return Color(*NAMED[t])
    if t.startswith("#"):
        h = t[1:]
        if not re.fullmatch(r"[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8}", h):
            return None
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        alpha = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return Color(int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha)
    m = re.fullmatch(r"rgba?\((.*)\)", t)
    if not m:
        return None
    parts = [p for p in re.split(r"[\s,/]+", m.group(1).strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        channels = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3]]
        alpha = 1.0
        if len(parts) == 4:
            alpha = float(parts[3][:-1]) / 100 if parts[3].endswith("%") else float(parts[3])
    except ValueError:
        return None
    return Color(*(max(0, min(255, int(round(c)))) for c in channels), a=max(0.0, min(1.0, alpha)))


# -- sRGB transfer ------------------------------------------------------------------
def srgb_to_linear(c: float) -> float:
    """One channel in 0..1 (IEC 61966-2-1)."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def linear_to_srgb(c: float) -> float:
    c = max(0.0, min(1.0, c))
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


# -- HSL ------------------------------------------------------------------------------
def to_hsl(color: Color) -> tuple[float, float, float]:
    """(hue 0..1, saturation 0..1, lightness 0..1)."""
    h, l, s = colorsys.rgb_to_hls(color.r / 255, color.g / 255, color.b / 255)
    return h, s, l


def from_hsl(color: Color, h: float, s: float, l: float) -> Color:
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, l)), s)
    return color.with_rgb((r * 255, g * 255, b * 255))


# -- CIE L*a*b* (D65) -------------------------------------------------------------------
_WHITE = (0.95047, 1.0, 1.08883)


def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def _f_inv(t: float) -> float:
    return t ** 3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)


def to_lab(color: Color) -> tuple[float, float, float]:
    r, g, b = (srgb_to_linear(c / 255) for c in color.rgb)
    x = 0.4124 * r + 0.3576 * g + 0.1805 * b
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = 0.0193 * r + 0.1192 * g + 0.9505 * b
    fx, fy, fz = _f(x / _WHITE[0]), _f(y / _WHITE[1]), _f(z / _WHITE[2])
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def from_lab(color: Color, L: float, a: float, b: float) -> Color:
    fy = (L + 16) / 116
    x, y, z = _WHITE[0] * _f_inv(fy + a / 500), _WHITE[1] * _f_inv(fy), _WHITE[2] * _f_inv(fy - b / 200)
    r = 3.2406 * x - 1.5372 * y - 0.4986 * z
    g = -0.9689 * x + 1.8758 * y + 0.0415 * z
    bl = 0.0557 * x - 0.2040 * y + 1.0570 * z
    return color.with_rgb(tuple(linear_to_srgb(c) * 255 for c in (r, g, bl)))


# -- luminance and contrast -------------------------------------------------------------
def relative_luminance(color: Color) -> float:
    """WCAG 2 relative luminance."""
    r, g, b = (srgb_to_linear(c / 255) for c in color.rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Color, b: Color) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def perceived_brightness(color: Color) -> float:
    """0..255, the YIQ-weighted brightness Chromium's dark-mode classifier compares with its thresholds."""
    return 0.299 * color.r + 0.587 * color.g + 0.114 * color.b
