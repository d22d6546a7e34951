"""Finding the CSS in an email: `<style>` blocks and `style=""` attributes.

`<style>` content is raw text up to `</style>` in HTML, so a regular
expression finds it exactly, also inside Outlook conditional comments
(`<!--[if mso]><style>...</style><![endif]-->`), which a tree walk would
treat as opaque comment text. `style` attributes are found the same way on
the masked text (Liquid already swapped for tokens, so no quote inside a
`{{ }}` can end a value early).
"""
from __future__ import annotations

import html as _html
import re
from collections.abc import Callable

STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.S | re.I)
STYLE_ATTR = re.compile(r"""(<[A-Za-z][^\s/>]*\b[^>]*?\sstyle\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.S)
_TAG = re.compile(r"<[A-Za-z][^\s/>]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>", re.S)
_STYLE_IN_TAG = re.compile(r"""(\sstyle\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.I | re.S)


def rewrite_style_blocks(html: str, fn: Callable[[str, str], str]) -> str:
    """Replace each `<style>` body with `fn(open_tag, css)`."""
    return STYLE_BLOCK.sub(lambda m: m.group(1) + fn(m.group(1), m.group(2)) + m.group(3), html)


def rewrite_style_attributes(html: str, fn: Callable[[str], str]) -> str:
    """Replace each `style="..."` value with `fn(css)` (entities decoded for `fn`, re-encoded after)."""

    def in_tag(tag: re.Match) -> str:
        text = tag.group()
        if "style" not in text.lower():
            return text

        def value(m: re.Match) -> str:
            quote = '"' if m.group(2) is not None else "'"
            raw = m.group(2) if m.group(2) is not None else m.group(3)
            css = _html.unescape(raw) if "&" in raw else raw
            new = fn(css)
            if new == css:
                return m.group()
            encoded = new.replace("&", "&amp;") if "&" in raw or "&" in new else new
            encoded = encoded.replace(quote, "&quot;" if quote == '"' else "&#39;")
            return f"{m.group(1)}{quote}{encoded}{quote}"

        return _STYLE_IN_TAG.sub(value, text)

    return _skip_raw(html, lambda chunk: _TAG.sub(in_tag, chunk))


def _skip_raw(html: str, fn: Callable[[str], str]) -> str:
    """Apply `fn` to the markup outside `<style>` and `<script>` bodies."""
    out: list[str] = []
    last = 0
    for m in re.finditer(r"(<(style|script)\b[^>]*>)(.*?)(</\2\s*>)", html, re.S | re.I):
        out.append(fn(html[last : m.start()] + m.group(1)))
        out.append(m.group(3) + m.group(4))
        last = m.end()
    out.append(fn(html[last:]))
    return "".join(out)
