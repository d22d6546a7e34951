"""Encode HTML entities (§8.3): special and invisible characters become entities.

Why: some mail transfer agents and older clients mangle raw non-ASCII
(mis-declared charsets turn `©` into `Â©`); entities survive any charset.

[inf] What changes: every non-ASCII character gets its HTML 4 name when it
has one (`©` -> `&copy;`, NBSP -> `&nbsp;`, soft hyphen -> `&shy;`,
zero-width joiners -> `&zwj;`/`&zwnj;`), otherwise a decimal reference
(`&#8203;`, emoji `&#128512;`). A bare `&` that does not start an entity
becomes `&amp;`. `<`, `>` and quotes are markup and are left alone.
Untouched: Liquid (masked), `<style>` and `<script>` bodies (an entity means
nothing to CSS or JS), and existing entities.
"""
from __future__ import annotations

import re
from html.entities import codepoint2name

from ._liquid import CLOSE, OPEN, mask
from .settings import EncodeEntities

_RAW = re.compile(r"(<(style|script)\b[^>]*>.*?</\2\s*>)", re.S | re.I)
_NEEDS = re.compile(r"[^\x00-\x7f]|&(?!#?[A-Za-z0-9]+;)")
# `_NEEDS` on masked text, stepping over the placeholder characters (which
# `_entity` would hand back unchanged) without a call for each, in two passes
# that give the same text (performance: the regex engine scans for a lone
# character class or a literal `&` several times faster than for the
# alternation). Bare `&`s first, each judged on the text as written; then
# characters, whose entities start with `&` and so never make or break one.
_BARE_AMP = re.compile(r"&(?!#?[A-Za-z0-9]+;)")
_NON_ASCII_MASKED = re.compile("[^\x00-\x7f" + OPEN + CLOSE + "]")


def transform(html: str, options: EncodeEntities) -> str:
    if not _NEEDS.search(html):
        return html
    masked = mask(html)
    return masked.restore(encode_masked(masked.text))


def encode_masked(html: str) -> str:
    """`transform` on Liquid-masked text."""
    parts = _RAW.split(html)
    # split with two groups yields: text, block, tag-name, text, ...
    out: list[str] = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            out.append(encode_text(part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def encode_text(text: str) -> str:
    """Entities for `text` outside markup (Liquid already masked)."""
    if "&" in text:
        text = _BARE_AMP.sub("&amp;", text)
    return _NON_ASCII_MASKED.sub(_entity, text)


def _entity(m: re.Match) -> str:
    ch = m.group()
    if ch == "&":
        return "&amp;"
    if ch in (OPEN, CLOSE):
        return ch
    code = ord(ch)
    name = codepoint2name.get(code)
    return f"&{name};" if name else f"&#{code};"
