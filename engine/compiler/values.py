"""Prop values that vary by colour scheme and screen size, and their CSS form.

A `Dynamic` maps a *condition* to a value. Conditions (decided here, used by
every pass):

- `""` the default: light scheme, mobile size. It is written inline, so clients
  without media-query support see the mobile/light version (§6.2);
- `"dark"` `@media (prefers-color-scheme: dark)`, plus the Thunderbird copy;
- `"medium"` desktop, `@media (min-width: 601px)`;
- `"medium:dark"` both;
- `"small"` an override at `max-width: 600px` (used by compiled markup whose
  default is the desktop look, e.g. `fallback="multi"` columns);
- `"hover"` a `:hover` rule (the button and image hover effect).

**[gap] 600 vs 601.** The docs define mobile as ≤600 px and desktop as
>600 px but their sample CSS says `min-width:600px`. We emit
`min-width: 601px` (break-point + 1) so a 600 px wide viewport is mobile, as
the definition and must-have 19 say; the mobile value being the un-queried
default means fractional widths between 600 and 601 also get the mobile look.

User-facing keys normalise as: `light`/`small`/`small:light` → default,
`dark`/`small:dark` → dark, `medium`/`medium:light` → medium, `medium:dark`.
Nested forms (`{small: {light, dark}}`, `{light: {small, medium}}`) work too.
When a value has `dark` and `medium` but no `medium:dark`, dark wins on a dark
desktop screen (its rule comes later): a light-only colour on a dark screen is
the worse failure.

**[gap] units.** Numbers become `px`, except unitless CSS properties
(`opacity`, `font-weight`, …) and `line-height`, where a number below 10 is
a multiplier (`1.5`) and 10 or more means pixels (`:line-height="24"`).
"""
from __future__ import annotations

from dataclasses import dataclass

CONDITION_ORDER = ("", "small", "medium", "dark", "small:dark", "medium:dark", "hover")
_KEY_MAP = {
    "light": "", "small": "", "small:light": "", "light:small": "",
    "dark": "dark", "small:dark": "dark", "dark:small": "dark",
    "medium": "medium", "medium:light": "medium", "light:medium": "medium",
    "medium:dark": "medium:dark", "dark:medium": "medium:dark",
}
USER_KEYS = ("light", "dark", "small", "medium", "small:light", "small:dark", "medium:light", "medium:dark")
UNITLESS = frozenset({"opacity", "hover-opacity", "font-weight", "z-index", "flex", "order", "zoom"})


def _combine(outer: str, inner: str) -> str | None:
    """The condition for an inner key nested in an outer one (`small` then `dark` is `dark`)."""
    parts = {p for p in (outer.split(":") + inner.split(":")) if p}
    if parts - {"medium", "dark"}:
        return None
    return ":".join(p for p in ("medium", "dark") if p in parts)


@dataclass
class Dynamic:
    """A value per condition; `variants[""]` is the default (may be absent: then nothing inline)."""

    variants: dict

    @classmethod
    def of(cls, value) -> "Dynamic":
        return value if isinstance(value, Dynamic) else cls({"": value})

    @property
    def base(self):
        return self.variants.get("")

    @property
    def is_static(self) -> bool:
        return set(self.variants) <= {""}

    @property
    def has_dark(self) -> bool:
        return any("dark" in k for k in self.variants)

    @property
    def has_medium(self) -> bool:
        return any("medium" in k for k in self.variants)

    def map(self, fn) -> "Dynamic":
        return Dynamic({k: fn(v) for k, v in self.variants.items()})

    def value_for(self, condition: str):
        """The value a screen in `condition` shows, following the cascade order above."""
        if condition in self.variants:
            return self.variants[condition]
        if condition == "medium:dark":
            for k in ("dark", "medium", ""):
                if k in self.variants:
                    return self.variants[k]
        return self.variants.get("")


def from_user(value) -> tuple[Dynamic | None, str | None]:
    """Normalise a prop value as written; returns (dynamic, error message)."""
    if isinstance(value, Dynamic):
        return value, None
    if not isinstance(value, dict):
        return Dynamic({"": value}), None
    variants: dict = {}
    for key, v in value.items():
        cond = _KEY_MAP.get(key)
        if cond is None:
            return None, f"unknown key '{key}' (expected {', '.join(USER_KEYS)})"
        if isinstance(v, dict):
            for inner, iv in v.items():
                ic = _KEY_MAP.get(inner)
                combined = None if ic is None else _combine(cond, ic)
                if combined is None:
                    return None, f"unknown key '{key}.{inner}'"
                variants[combined] = iv
        else:
            variants[cond] = v
    return Dynamic({k: v for k, v in variants.items() if v is not None and v != ""}), None


def format_number(n) -> str:
    if isinstance(n, float) and n.is_integer():
        n = int(n)
    return repr(n) if isinstance(n, float) else str(n)


def css_length(value, prop: str = "") -> str:
    """A CSS value for `prop`: numbers get `px` unless the property is unitless (see module doc)."""
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        if prop in UNITLESS or (prop == "line-height" and abs(value) < 10):
            return format_number(value)
        return "0" if value == 0 else f"{format_number(value)}px"
    if isinstance(value, (list, tuple)):  # `:padding="[10, 20]"` → `10px 20px`
        return " ".join(css_length(v, prop) for v in value)
    return str(value)
