"""CSS variables (§8.6): insert `:root` values statically, or keep them with a fallback.

Why: most email clients (Outlook, many webmails) drop `var()`, so a value
that only exists as a custom property disappears there.

- Static (`preserve: false`): every `var(--x)` in `<style>` blocks and
  `style=""` attributes becomes the value declared for `--x` in a top-level
  `:root {}` rule; the custom properties leave the `:root` rule and a rule
  left empty is removed.
- Preserve (`preserve: true`): `var()` stays and a static copy of the
  declaration is written just before it (`color:#f00;color:var(--c)`), so a
  client without support keeps the first and one with support the second.

Decisions [inf]:
- Only top-level `:root` rules count; custom properties set on other selectors
  or inside `@media` are ignored (the spec says only `:root` is honoured), and
  such rules are left as written.
- `var(--x, fallback)` uses the fallback when `--x` is not declared; a `var()`
  with neither stays untouched (nothing to insert).
- Variables may refer to variables; a cycle leaves the `var()` untouched.
- Liquid inside CSS is masked, so `--c: {{ brand }}` inserts `{{ brand }}` verbatim.
"""
from __future__ import annotations

import re

from . import _css
from ._liquid import Masked, mask, mask_more
from ._styles import STYLE_BLOCK, rewrite_style_attributes, rewrite_style_blocks
from .settings import CssVariables

_ROOT = re.compile(r"^\s*:root\s*$", re.I)
_VAR = re.compile(r"var\(\s*", re.I)
# `"var(" in text.lower()` without a lower-cased copy. Written from its `(`, a
# literal the regex engine scans for quickly, then looking behind for `var`
# (performance: `var\(` with IGNORECASE reads an email without var() at ~6 ns a
# character, 15-20 times slower). The look-behind only ever sees text before a
# search's start after a `<style>` block's closing `>`, which cannot end `var`.
_VAR_CALL = re.compile(r"\((?<=var\()", re.I)


def transform(html: str, options: CssVariables) -> str:
    if not _VAR_CALL.search(html):
        return html
    quick = _sheets_only(html, options)
    if quick is not None:
        return quick
    masked = mask(html)
    text = masked.text
    variables = _collect(text)
    if not variables:
        return html

    def css_block(_tag: str, css: str) -> str:
        return _rewrite_rules(css, variables, options.preserve, top=True)

    text = rewrite_style_blocks(text, css_block)
    # `style=""` values change only where they say `var(` (the usual email: nowhere outside the sheet).
    if "var(" in STYLE_BLOCK.sub("", text).lower():
        text = rewrite_style_attributes(text, lambda css: _rewrite_declarations(css, variables, options.preserve))
    return masked.restore(text)


# Liquid the sheet-only pass cannot step around: `<` or `>` inside a tag or
# output (it could open or close a `<style>` for the regular expression), or a
# verbatim block (which hides whatever markup it holds).
# (Each piece's inside is read as possessive runs between lone `}` / `%`, not with a
# look-ahead per character: the same answer, three times faster.)
_AWKWARD_LIQUID = re.compile(
    r"\{\{[^}<>]*+(?:\}(?!\})[^}<>]*+)*+[<>]|\{%[^%<>]*+(?:%(?!\})[^%<>]*+)*+[<>]|\{%-?\s*(?:raw|comment)\b"
)


def _sheets_only(html: str, options: CssVariables) -> str | None:
    """`transform` for the usual email, whose `var()`s all sit in `<style>` blocks; None otherwise.

    The same bytes, cheaper (performance): only the sheets are masked and
    rewritten, not the whole email.
    """
    if "{" in html and _AWKWARD_LIQUID.search(html):
        return None
    blocks = list(STYLE_BLOCK.finditer(html))
    if _var_outside(html, blocks):
        return None  # `style=""` values to rewrite too
    liquid = Masked("")
    sheets = [mask_more(m.group(2), liquid) for m in blocks]
    if any("{{" in css or "{%" in css for css in sheets):
        return None  # Liquid cut by a block's edge
    variables = _collect_sheets(sheets)
    if not variables:
        return html
    out: list[str] = []
    last = 0
    for m, css in zip(blocks, sheets):
        out.append(html[last : m.start(2)])
        out.append(liquid.restore(_rewrite_rules(css, variables, options.preserve, top=True)))
        last = m.end(2)
    out.append(html[last:])
    return "".join(out)


def _var_outside(html: str, blocks: list[re.Match]) -> bool:
    """Whether `html` without its `<style>` blocks says `var(`: the text between
    blocks searched in place, and each join checked (no copy of the email)."""
    tail = ""  # the last characters of the text joined so far
    last = 0
    for m in [*blocks, None]:
        end = len(html) if m is None else m.start()
        if _VAR_CALL.search(html, last, end):
            return True
        piece = html[last:end] if end - last < 8 else html[last : last + 3] + html[end - 3 : end]
        if tail and _VAR_CALL.search(tail + piece[:3]):
            return True
        tail = (tail + piece)[-3:]
        if m is not None:
            last = m.end()
    return False


def _collect_sheets(sheets: list[str]) -> dict[str, str]:
    variables: dict[str, str] = {}
    for css in sheets:
        for rule in _css.split_rules(css):
            if rule.kind == "style" and rule.body is not None and _ROOT.match(rule.prelude):
                for d in _css.split_declarations(rule.body):
                    if d.prop.startswith("--"):
                        variables[d.prop] = d.value
    return variables


def _collect(text: str) -> dict[str, str]:
    variables: dict[str, str] = {}

    def collect(_tag: str, css: str) -> str:
        for rule in _css.split_rules(css):
            if rule.kind == "style" and rule.body is not None and _ROOT.match(rule.prelude):
                for d in _css.split_declarations(rule.body):
                    if d.prop.startswith("--"):
                        variables[d.prop] = d.value
        return css

    rewrite_style_blocks(text, collect)
    return variables


def resolve(value: str, variables: dict[str, str], _seen: frozenset[str] = frozenset()) -> str:
    """`value` with every resolvable `var()` replaced by its static value."""
    out: list[str] = []
    i = 0
    while True:
        m = _VAR.search(value, i)
        if m is None:
            out.append(value[i:])
            return "".join(out)
        close = _matching_paren(value, m.end() - 1)
        if close < 0:
            out.append(value[i:])
            return "".join(out)
        inner = value[m.end() : close]
        name, _, fallback = inner.partition(",")
        name = name.strip()
        replacement = None
        if name in variables and name not in _seen:
            replacement = resolve(variables[name], variables, _seen | {name})
        elif name not in variables and fallback.strip():
            replacement = resolve(fallback.strip(), variables, _seen)
        if replacement is None or _VAR.search(replacement):
            replacement = value[m.start() : close + 1]
        out.append(value[i : m.start()])
        out.append(replacement)
        i = close + 1


def _matching_paren(text: str, i: int) -> int:
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _rewrite_declarations(body: str, variables: dict[str, str], preserve: bool, *, drop_custom: bool = False) -> str:
    if "var(" not in body.lower() and not drop_custom:
        return body
    parts = _css.split_top_level(body, ";")
    out: list[str] = []
    for part in parts:
        prop, colon, value = part.partition(":")
        if drop_custom and colon and prop.strip().startswith("--"):
            continue
        if not colon or "var(" not in value.lower() or prop.strip().startswith("--"):
            out.append(part)
            continue
        static = resolve(value, variables)
        if static == value:
            out.append(part)
        elif preserve:
            lead = prop[: len(prop) - len(prop.lstrip())]
            out.append(f"{lead}{prop.strip()}:{static.strip()}")
            out.append(part)
        else:
            out.append(f"{prop}:{static}")
    text = ";".join(out)
    if drop_custom and not text.strip(" \t\n;"):
        return ""
    return text


def _rewrite_rules(css: str, variables: dict[str, str], preserve: bool, *, top: bool) -> str:
    out: list[str] = []
    for rule in _css.split_rules(css):
        if rule.body is None or rule.kind not in ("style", "at"):
            out.append(rule.text)
            continue
        head = rule.text[: rule.text.index("{") + 1]
        tail = "}" if rule.text.endswith("}") else ""
        if rule.kind == "style" and top and not preserve and _ROOT.match(rule.prelude):
            body = _rewrite_declarations(rule.body, variables, preserve, drop_custom=True)
            if body.strip(" \t\n;"):
                out.append(head + body + tail)
            continue
        if rule.kind == "at" and "{" in _css.strip_comments(rule.body):
            out.append(head + _rewrite_rules(rule.body, variables, preserve, top=False) + tail)
        else:
            out.append(head + _rewrite_declarations(rule.body, variables, preserve) + tail)
    return "".join(out)
