"""Placeholders that carry Liquid through libraries which would mangle it.

css-inline (html5ever) re-serializes attributes and moves text out of tables,
MRML parses attributes as XML, and our own CSS and URL code would split
`{{ a | default: "b" }}` at its quotes or braces. Before such a step each
`{{ ... }}`, `{% ... %}` (and a whole `{% raw %}...{% endraw %}` or
`{% comment %}...{% endcomment %}` block) is swapped for a token made of
private-use characters around a number; afterwards the tokens are swapped
back, so the Liquid comes out byte for byte as written.

Why private-use characters: they are ordinary "name" characters for HTML, CSS
identifiers and URLs, no library escapes or reorders them, and an email never
contains them (`mask` refuses to work on a text that does, rather than risk a
wrong restore).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

OPEN = "\ue000"
CLOSE = "\ue001"

_VERBATIM_BLOCK = re.compile(
    r"\{%-?\s*(raw|comment)\s*-?%\}.*?\{%-?\s*end\1\s*-?%\}", re.S
)
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_TOKEN = re.compile(OPEN + r"(\d+)" + CLOSE)
LIQUID = _LIQUID  # shared by modules that only need to *recognise* Liquid


@dataclass
class Masked:
    """`text` with Liquid replaced by tokens; `restore` puts it back."""

    text: str
    pieces: list[str] = field(default_factory=list)

    def restore(self, text: str) -> str:
        if not self.pieces or OPEN not in text:
            return text
        # One `split` and a list slice instead of a callback per token (performance).
        parts = _TOKEN.split(text)
        pieces = self.pieces
        parts[1::2] = [pieces[int(k)] for k in parts[1::2]]
        return "".join(parts)

    def token(self, index: int) -> str:
        return f"{OPEN}{index}{CLOSE}"


def mask(text: str) -> Masked:
    """Swap every Liquid construct in `text` for a placeholder token."""
    masked = Masked(text)
    masked.text = mask_more(text, masked)
    return masked


def mask_more(text: str, masked: Masked) -> str:
    """`text` with its Liquid swapped for tokens of `masked`, numbered after those it holds.

    Why: a transformer working on the shared tree masks only the values it
    cuts up (each style sheet, class list, style attribute); one `Masked`
    collects them all, so one `restore` brings every piece back.
    """
    if "{" not in text:
        return text
    if OPEN in text or CLOSE in text:
        raise ValueError("text already contains Liquid placeholder characters")
    pieces = masked.pieces
    if "{%" not in text:  # no verbatim block possible (performance)
        return _swap_all(text, pieces)
    out: list[str] = []
    last = 0
    for block in _VERBATIM_BLOCK.finditer(text):
        out.append(_swap_all(text[last : block.start()], pieces))
        pieces.append(block.group())
        out.append(f"{OPEN}{len(pieces) - 1}{CLOSE}")
        last = block.end()
    out.append(_swap_all(text[last:], pieces))
    return "".join(out)


# `_LIQUID`, keeping what it matched; each piece's inside read as possessive runs
# up to its first `}}` / `%}` instead of a try at every character (performance).
_LIQUID_SPLIT = re.compile(r"(\{\{[^}]*+(?:\}(?!\})[^}]*+)*+\}\}|\{%[^%]*+(?:%(?!\})[^%]*+)*+%\})")


def _swap_all(text: str, pieces: list[str]) -> str:
    """`text` with each `_LIQUID` match appended to `pieces` and replaced by its token.

    One `split` and list slices instead of a callback per match (performance:
    the inliner's copy and the formatter each mask a whole email).
    """
    parts = _LIQUID_SPLIT.split(text)
    if len(parts) == 1:
        return text
    found = parts[1::2]
    first = len(pieces)
    pieces.extend(found)
    last = first + len(found)
    global _TOKENS
    tokens = _TOKENS
    if last > len(tokens):
        # A longer copy, never the shared list grown in place: another thread
        # holding the old one still reads token k at index k.
        tokens = _TOKENS = tokens + [f"{OPEN}{k}{CLOSE}" for k in range(len(tokens), max(last, 2 * len(tokens)))]
    parts[1::2] = tokens[first:last]
    return "".join(parts)


_TOKENS: list[str] = []  # `_TOKENS[k]` is token k, made once (performance: a whole email holds hundreds)


def is_token(text: str) -> bool:
    return bool(_TOKEN.fullmatch(text))


def contains_liquid(text: str) -> bool:
    return "{{" in text or "{%" in text
