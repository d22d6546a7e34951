"""The generated CSS: inline declarations plus classes for dark, responsive and hover values.

`StyleSheet.style(decls)` is the one door every component goes through. It
writes each prop's default value inline and, when a value varies, gives the
element a generated class (`c1`, `c2`, … in order of first use; identical
variant sets share one class, so repeated components share one rule) with
`!important` rules per condition, because a stylesheet rule must beat the
inline default:

- medium → `@media (min-width: 601px)` (break-point + 1, see values.py);
- small → `@media (max-width: 600px)`;
- dark → `@media (prefers-color-scheme: dark)` and, for Thunderbird, the same
  declarations under `.moz-text-html` in a style block isolated with
  `media="(prefers-color-scheme: dark)"` (§6.1);
- Outlook gets the desktop values in an `<!--[if mso]>` style block (§6.2 [inf]).

`style` written by the user is merged last: any property it sets is removed
from the generated inline *and* conditional declarations, so `style` wins at
every width and in both schemes.
"""
from __future__ import annotations

from engine.compiler.values import Dynamic, css_length

_MEDIA_ORDER = {"medium": 0, "small": 1, "dark": 2, "small:dark": 3, "medium:dark": 4, "hover": 5}


def parse_style(style: str) -> list[tuple[str, str]]:
    """Declarations of a style attribute, in order (Liquid-safe enough for `prop:value` lists)."""
    out = []
    for part in _split_decls(style or ""):
        name, sep, value = part.partition(":")
        if sep and name.strip():
            out.append((name.strip().lower(), value.strip()))
    return out


def _split_decls(style: str):
    depth, start, quote = 0, 0, ""
    for i, c in enumerate(style):
        if quote:
            if c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c in "({":
            depth += 1
        elif c in ")}":
            depth = max(0, depth - 1)
        elif c == ";" and depth == 0:
            yield style[start:i]
            start = i + 1
    yield style[start:]


def merge_style(generated: str, user: str) -> str:
    user = (user or "").strip().rstrip(";")
    if not user:
        return generated
    return f"{generated};{user}" if generated else user


class StyleSheet:
    def __init__(self):
        # (condition, breakpoint) -> selector -> {prop: value}
        self.rules: dict[tuple[str, int], dict[str, dict[str, str]]] = {}
        self._classes: dict[tuple, str] = {}
        self.static_rules: dict[str, None] = {}  # plain CSS added by components, ordered, deduplicated
        self.uses_dark = False

    def add_rule(self, condition: str, selector: str, decls: dict[str, str], breakpoint: int = 600) -> None:
        if condition in ("dark", "small:dark", "medium:dark"):
            self.uses_dark = True
        block = self.rules.setdefault((condition, breakpoint), {})
        block.setdefault(selector, {}).update(decls)

    def add_css(self, css: str) -> None:
        self.static_rules.setdefault(css, None)

    def style(self, decls: dict, *, user_style: str = "", breakpoint: int = 600) -> tuple[str, str]:
        """(inline style, generated class or "") for one element."""
        user_props = {name for name, _ in parse_style(user_style)} if user_style else ()
        inline = []
        conditional = []
        for prop, value in decls.items():
            if value is None or (user_props and prop in user_props):
                continue
            if value.__class__ is Dynamic:
                variants = value.variants
                base = variants.get("")
                for cond, v in variants.items():
                    if v is None or v == "" or (cond == "medium" and v == base):
                        continue
                    css = v if v.__class__ is str else _length(v, prop)
                    if cond:
                        conditional.append((cond, prop, css))
                    else:
                        inline.append(f"{prop}:{css}")
            elif value != "":
                inline.append(f"{prop}:{value if value.__class__ is str else _length(value, prop)}")
        cls = ""
        if conditional:
            key = (breakpoint, tuple(conditional))
            cls = self._classes.get(key)
            if cls is None:
                cls = f"c{len(self._classes) + 1}"
                self._classes[key] = cls
                for cond, prop, css in conditional:
                    selector = f".{cls}:hover" if cond == "hover" else f".{cls}"
                    self.add_rule(cond, selector, {prop: css}, breakpoint)
        return merge_style(";".join(inline), user_style), cls

    # ---- output -------------------------------------------------------------------
    @staticmethod
    def media(condition: str, breakpoint: int) -> str | None:
        wide = f"(min-width: {breakpoint + 1}px)"
        narrow = f"(max-width: {breakpoint}px)"
        dark = "(prefers-color-scheme: dark)"
        return {"": None, "hover": None, "medium": wide, "small": narrow, "dark": dark,
                "small:dark": f"{narrow} and {dark}", "medium:dark": f"{wide} and {dark}"}[condition]

    def _ordered(self):
        return sorted(self.rules.items(), key=lambda kv: (_MEDIA_ORDER.get(kv[0][0], 9), kv[0][1]))

    def css(self) -> str:
        """The main stylesheet: static component CSS, then conditional rules in cascade order."""
        parts = list(self.static_rules)
        for (cond, bp), selectors in self._ordered():
            body = "".join(f"{sel}{{{_decls(d, True)}}}" for sel, d in selectors.items())
            query = self.media(cond, bp)
            parts.append(f"@media {query}{{{body}}}" if query else body)
        return "\n".join(parts)

    def thunderbird_css(self) -> str:
        """Dark rules prefixed with `.moz-text-html`, for the isolated `media=` style block."""
        parts = []
        for (cond, bp), selectors in self._ordered():
            if "dark" not in cond:
                continue
            body = "".join(f".moz-text-html {sel}{{{_decls(d, True)}}}" for sel, d in selectors.items())
            size = cond.split(":")[0] if ":" in cond else ""
            query = self.media(size, bp) if size else None
            parts.append(f"@media {query}{{{body}}}" if query else body)
        return "\n".join(parts)

    def outlook_css(self) -> str:
        """Desktop values for Outlook, which reads class rules but not media queries."""
        parts = []
        for (cond, bp), selectors in self._ordered():
            if cond == "medium":
                parts.extend(f"{sel}{{{_decls(d, True)}}}" for sel, d in selectors.items())
        return "\n".join(parts)


# (type, number, property) -> CSS text: the same few numbers (paddings, font sizes, widths)
# recur in every component of every compile. Bounded so odd inputs cannot grow it forever.
_LENGTHS: dict[tuple, str] = {}


def _length(value, prop: str) -> str:
    cls = value.__class__
    if cls is int or cls is float:
        key = (cls, value, prop)
        css = _LENGTHS.get(key)
        if css is None:
            if len(_LENGTHS) > 4096:
                _LENGTHS.clear()
            css = _LENGTHS[key] = css_length(value, prop)
        return css
    return css_length(value, prop)


def _decls(d: dict[str, str], important: bool) -> str:
    suffix = " !important" if important else ""
    return ";".join(f"{k}:{v}{suffix}" for k, v in d.items())
