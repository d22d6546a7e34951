"""Prevent widow words (§8.3): the last two words of a block never part.

Why: a lone last word on its own line looks broken in narrow mobile
columns; a non-breaking space between the last two words moves them together.

[inf] A "block" is a paragraph-like element holding only inline content:
`p`, `h1`-`h6`, `li`, `td`, `th`, `div`, `blockquote`, `dd`, `dt`,
`figcaption`, `center`, `span`... any element without block-level children
counts once, at the innermost level. Its inline text (across `<b>`, `<a>`,
`<span>`...) must have at least 3 words; the whitespace between its last
two words becomes `&nbsp;`. A `{{ ... }}` counts as one word and its inner
spaces are never touched; a `{% %}` tag is a boundary. `<style>`, `<script>`,
`<title>`, `<pre>`, `<textarea>` and anything in `<head>` are skipped.
"""
from __future__ import annotations

import re

from engine.document.nodes import Element, Liquid, Text

from ._liquid import mask
from ._markup import Tree
from ._segments import BLOCK
from .settings import PreventWidows

_SKIP = frozenset("style script title pre textarea head xml".split())
_BREAKABLE = re.compile(r"[ \t\r\n]+")
_WORD = re.compile(r"\S+")


def transform(html: str, options: PreventWidows) -> str:
    tree = Tree(html, "prevent_widows")
    _visit(tree.doc)
    return tree.finish()


def _visit(node) -> bool:
    """Fix every innermost block under `node`; True when `node` holds a block element."""
    holds_block = False
    for child in getattr(node, "children", []):
        if isinstance(child, Element):
            if child.name in _SKIP:
                holds_block = holds_block or child.name in BLOCK
                continue
            inner = _visit(child)
            if child.name in BLOCK or inner:
                holds_block = True
                if not inner and child.name not in ("br", "hr"):
                    _join_last_words(child)
    return holds_block


def _inline_texts(el: Element) -> list[Text]:
    texts: list[Text] = []
    for child in el.children:
        if isinstance(child, Text):
            texts.append(child)
        elif isinstance(child, Liquid):
            texts.clear()  # a Liquid tag may print anything: start counting after it
        elif isinstance(child, Element) and child.name not in _SKIP:
            if child.name == "br":
                texts.clear()
            else:
                texts.extend(_inline_texts(child))
    return texts


def _join_last_words(el: Element) -> None:
    texts = _inline_texts(el)
    if not texts:
        return
    masks = [mask(t.text) for t in texts]
    joined = "".join(m.text for m in masks)
    if len(_WORD.findall(joined.replace("&nbsp;", " "))) < 3:
        return
    stripped = joined.rstrip()
    gaps = list(_BREAKABLE.finditer(stripped))
    if not gaps:
        return
    gap = gaps[-1]
    if stripped[: gap.start()].endswith("&nbsp;") or not stripped[: gap.start()].strip():
        return
    # Find the text node holding the gap's start and replace the whole run there.
    offset = 0
    for text, m in zip(texts, masks):
        end = offset + len(m.text)
        if offset <= gap.start() < end:
            local_start = gap.start() - offset
            local_end = min(gap.end() - offset, len(m.text))
            new = m.text[:local_start] + "&nbsp;" + m.text[local_end:]
            text.text = m.restore(new)
            rest = gap.end() - end
            if rest > 0:  # the run continued into the next node(s): drop its remaining spaces there
                _trim_following(texts, masks, texts.index(text) + 1, rest)
            return
        offset = end


def _trim_following(texts, masks, index: int, count: int) -> None:
    while count > 0 and index < len(texts):
        m = masks[index]
        lead = len(m.text) - len(m.text.lstrip(" \t\r\n"))
        take = min(lead, count)
        texts[index].text = m.restore(m.text[take:])
        count -= take
        index += 1
