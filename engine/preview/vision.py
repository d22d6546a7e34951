"""Colour-vision-deficiency simulation: published matrices, a per-colour function, and an SVG filter.

Data and sources (all act on **linear** RGB, sRGB primaries, D65):

- Protanopia, deuteranopia — Viénot, Brettel & Mollon 1999, "Digital video
  colourmaps for checking the legibility of displays by dichromats" (Color
  Research & Application 24(4)): one projection per deficiency, valid because
  both protan and deutan confusion planes contain the blue and white axes.
  The coefficients are the sRGB re-derivation published by DaltonLens
  (libDaltonLens, public domain; daltonlens.org/understanding-cvd-simulation),
  LMS after Smith & Pokorny 1975.
- Tritanopia — Brettel, Viénot & Mollon 1997, "Computerized simulation of color
  appearance for dichromats" (JOSA A 14(10)): two half-plane projections, the
  one used chosen by the side of a separation plane (`n · rgb >= 0` → first).
  A single matrix is wrong for tritans, which is why Viénot 1999 is not used
  here. Coefficients again from libDaltonLens.
- Achromatopsia — every colour becomes its luminance, Y = 0.2126 R + 0.7152 G +
  0.0722 B (ITU-R BT.709 / sRGB, linear light).

`simulate()` applies them to one sRGB colour (tests compare it with the pixels
Chromium paints). `svg_filter()` builds the `<filter>` that applies the same
maths to the whole rendered page; `color-interpolation-filters="linearRGB"`
makes Chromium convert to linear light before the matrix and back after,
exactly as `simulate()` does. The tritan half-planes need a mask, built from
filter primitives: a feColorMatrix computes a steep ramp of `n · rgb` (clamped
to 0..1 by the filter pipeline), a discrete feComponentTransfer snaps it to 0
or 1, and two arithmetic feComposites blend the two projections with it.
"""
from __future__ import annotations

from engine.preview.colors import Color, linear_to_srgb, srgb_to_linear

Matrix = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]

KINDS = ("protanopia", "deuteranopia", "tritanopia", "achromatopsia")

VIENOT_1999: dict[str, Matrix] = {
    "protanopia": ((0.11238, 0.88762, 0.00000), (0.11238, 0.88762, 0.00000), (0.00401, -0.00401, 1.00000)),
    "deuteranopia": ((0.29275, 0.70725, 0.00000), (0.29275, 0.70725, 0.00000), (-0.02234, 0.02234, 1.00000)),
}

BRETTEL_1997_TRITAN: dict[str, object] = {
    "m1": ((1.01277, 0.13548, -0.14826), (-0.01243, 0.86812, 0.14431), (0.07589, 0.80500, 0.11911)),
    "m2": ((0.93678, 0.18979, -0.12657), (0.06154, 0.81526, 0.12320), (-0.37562, 1.12767, 0.24796)),
    "normal": (0.03901, -0.02788, -0.01113),
}

LUMINANCE = (0.2126, 0.7152, 0.0722)
ACHROMATOPSIA: Matrix = (LUMINANCE, LUMINANCE, LUMINANCE)

LABELS = {"protanopia": "Protanopia", "deuteranopia": "Deuteranopia", "tritanopia": "Tritanopia",
          "achromatopsia": "Achromatopsia"}
FILTER_ID = "cs-vision"


def _apply(m: Matrix, rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    return tuple(row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2] for row in m)  # type: ignore[return-value]


def matrix_for(kind: str, linear_rgb: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> Matrix:
    """The matrix that applies to this (linear) colour — only tritanopia depends on it."""
    if kind in VIENOT_1999:
        return VIENOT_1999[kind]
    if kind == "achromatopsia":
        return ACHROMATOPSIA
    if kind == "tritanopia":
        n = BRETTEL_1997_TRITAN["normal"]
        side = sum(a * b for a, b in zip(n, linear_rgb))  # type: ignore[arg-type]
        return BRETTEL_1997_TRITAN["m1"] if side >= 0 else BRETTEL_1997_TRITAN["m2"]  # type: ignore[return-value]
    raise ValueError(f"unknown vision deficiency {kind!r}; expected one of {', '.join(KINDS)}")


def simulate(color: Color | tuple[int, int, int], kind: str) -> tuple[int, int, int]:
    """The 8-bit sRGB colour a person with `kind` would match to `color`."""
    rgb = color.rgb if isinstance(color, Color) else tuple(color)
    linear = tuple(srgb_to_linear(c / 255) for c in rgb)
    out = _apply(matrix_for(kind, linear), linear)  # type: ignore[arg-type]
    return tuple(int(round(linear_to_srgb(c) * 255)) for c in out)  # type: ignore[return-value]


def _values(m: Matrix) -> str:
    rows = [f"{r[0]:g} {r[1]:g} {r[2]:g} 0 0" for r in m]
    return " ".join(rows) + " 0 0 0 1 0"


def svg_filter(kind: str) -> str:
    """An invisible inline `<svg>` defining `#cs-vision` for `kind` (use with `filter:url(#cs-vision)`)."""
    if kind == "tritanopia":
        n = BRETTEL_1997_TRITAN["normal"]
        k = 4000.0  # steepness: |n · rgb| of 1/k already saturates the ramp
        ramp = " ".join(f"{k * c:g}" for c in n) + " 0 0.5"  # type: ignore[union-attr]
        body = (
            f'<feColorMatrix in="SourceGraphic" type="matrix" values="{_values(BRETTEL_1997_TRITAN["m1"])}" result="m1"/>'  # type: ignore[arg-type]
            f'<feColorMatrix in="SourceGraphic" type="matrix" values="{_values(BRETTEL_1997_TRITAN["m2"])}" result="m2"/>'  # type: ignore[arg-type]
            f'<feColorMatrix in="SourceGraphic" type="matrix" values="{ramp} {ramp} {ramp} 0 0 0 0 1" result="ramp"/>'
            '<feComponentTransfer in="ramp" result="side">'
            '<feFuncR type="discrete" tableValues="0 1"/><feFuncG type="discrete" tableValues="0 1"/>'
            '<feFuncB type="discrete" tableValues="0 1"/></feComponentTransfer>'
            '<feColorMatrix in="side" type="matrix" values="-1 0 0 0 1 0 -1 0 0 1 0 0 -1 0 1 0 0 0 1 0" result="other"/>'
            '<feComposite in="m1" in2="side" operator="arithmetic" k1="1" k2="0" k3="0" k4="0" result="p1"/>'
            '<feComposite in="m2" in2="other" operator="arithmetic" k1="1" k2="0" k3="0" k4="0" result="p2"/>'
            '<feComposite in="p1" in2="p2" operator="arithmetic" k1="0" k2="1" k3="1" k4="0"/>'
        )
    else:
        body = f'<feColorMatrix type="matrix" values="{_values(matrix_for(kind))}"/>'
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" aria-hidden="true" '
        'style="position:absolute;width:0;height:0;overflow:hidden">'
        f'<filter id="{FILTER_ID}" color-interpolation-filters="linearRGB" x="0" y="0" width="100%" height="100%">'
        f"{body}</filter></svg>"
    )


def filter_css() -> str:
    """The rule that filters the whole page. `min-height` makes the root box cover the viewport:
    Chromium filters the root element's box, not the canvas beneath a short page."""
    return f"html{{filter:url(#{FILTER_ID}) !important;min-height:100%}}"
