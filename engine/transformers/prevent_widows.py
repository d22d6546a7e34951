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

from engine.document.nodes import Comment, Doctype, Element, Liquid, Text

from ._liquid import mask
from ._markup import Tree
from ._segments import BLOCK
from .settings import PreventWidows

_SKIP = frozenset("style script title pre textarea head xml".split())
_BREAKABLE = re.compile(r"[ \t\r\n]+")
_SPACE_RUN = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
# Under minify's line limit the chain leaves each gap in place and marks it
# (see `apply`): JOIN follows the run of spaces to become `&nbsp;`, DROP a run
# to remove (the gap went on into the next text node).
JOIN = "\ue002"
DROP = "\ue003"


class Unsafe(Exception):
    """The shared-tree shortcut cannot promise the step-by-step result here."""


def transform(html: str, options: PreventWidows) -> str:
    tree = Tree(html, "prevent_widows")
    apply(tree, options)
    return tree.finish()


def apply(tree: Tree, options: PreventWidows, *, formatter: str = "none", encode: bool = False,
          line_breaks: bool = False, marks: bool = False) -> None:
    """Join the last two words of every innermost block of `tree`, in place.

    In the chain this step comes after the formatter and entity encoding,
    which only change whitespace, comments and character spellings; the
    pipeline still runs it on the shared tree, before them, and says here
    what they will do: `formatter` ("none", "minify" or "prettify"),
    `encode`, and minify's `line_breaks` removal. Each block's decision is
    then taken on its text as those steps will leave it: prettify turns
    every run of white space into one space, encoding turns non-ASCII
    spaces into entities that are no longer spaces. Where they could change
    the words themselves (a comment or `<textarea>` inside the block under
    prettify, a form feed under minify, a line break under line-break
    removal) this raises `Unsafe` and the pipeline runs the steps one by one.

    `marks`: minify's line limit cuts the formatted text at spaces before
    the gaps are joined, so the gaps must still be there when it runs. The
    gaps are then left as they are and marked (`JOIN`, `DROP` right after
    the run), and the pipeline replaces the runs after the line limit. A
    mark right after a run changes nothing minify does to it.
    """
    _visit(tree.doc, _Mode(formatter, encode, line_breaks, marks))


class _Mode:
    def __init__(self, formatter: str, encode: bool, line_breaks: bool, marks: bool):
        self.prettify = formatter == "prettify"
        self.minify = formatter == "minify"
        self.encode = encode
        self.line_breaks = line_breaks and self.minify
        self.marks = marks
        self.gap = _SPACE_RUN if self.prettify else _BREAKABLE
        if encode:
            from .encode_entities import encode_text

            self.encode_text = encode_text


def _visit(node, mode: _Mode) -> bool:
    """Fix every innermost block under `node`; True when `node` holds a block element."""
    holds_block = False
    for child in node.children:
        if child.__class__ is Element:
            name = child.name
            if name in _SKIP:
                holds_block = holds_block or name in BLOCK
                continue
            inner = _visit(child, mode) if child.children else False
            if name in BLOCK or inner:
                holds_block = True
                if not inner and name not in ("br", "hr"):
                    _join_last_words(child, mode)
    return holds_block


def _inline_texts(el: Element, mode: _Mode) -> list[Text]:
    texts: list[Text] = []
    for child in el.children:
        kind = child.__class__
        if kind is Text:
            texts.append(child)
        elif kind is Liquid:
            texts.clear()  # a Liquid tag may print anything: start counting after it
        elif kind is Element:
            name = child.name
            if name in _SKIP:
                if mode.prettify and name == "textarea":
                    raise Unsafe("a <textarea> in a block stands on its own line when prettified")
            elif name == "br":
                texts.clear()
            else:
                texts.extend(_inline_texts(child, mode))
        elif mode.prettify and (kind is Comment or kind is Doctype):
            raise Unsafe("a comment in a block stands on its own line when prettified")
    return texts


def _join_last_words(el: Element, mode: _Mode) -> None:
    texts = _inline_texts(el, mode)
    if not texts:
        return
    masks = [mask(t.text) for t in texts]
    seen = [_as_seen(m.text, mode) for m in masks]
    joined = "".join(seen)
    if mode.minify and "\f" in joined:
        raise Unsafe("minify turns a form feed into a space")
    if mode.line_breaks and ("\n" in joined.strip() or "\r" in joined.strip()):
        raise Unsafe("line-break removal may join words")
    if len(_WORD.findall(joined.replace("&nbsp;", " "))) < 3:
        return
    stripped = joined.rstrip()
    gap = None
    for gap in _BREAKABLE.finditer(stripped):
        pass
    if gap is None:
        return
    if stripped[: gap.start()].endswith("&nbsp;") or not stripped[: gap.start()].strip():
        return
    # The node holding the gap's start; the same run (by count) in its own text.
    offset = 0
    for index, seen_text in enumerate(seen):
        end = offset + len(seen_text)
        if offset <= gap.start() < end:
            local = gap.start() - offset
            runs = len(_BREAKABLE.findall(seen_text[:local]))
            own = masks[index].text
            run = None
            for k, m in enumerate(mode.gap.finditer(own)):
                if k == runs:
                    run = m
                    break
            if run is None:
                raise Unsafe("the gap could not be found again")
            if mode.marks:
                edited = own[: run.end()] + JOIN + own[run.end() :]
            else:
                edited = own[: run.start()] + "&nbsp;" + own[run.end() :]
            texts[index].text = masks[index].restore(edited)
            if gap.end() > end:  # the run continued into the next node(s): drop its spaces there
                _trim_following(texts, masks, seen, index + 1, gap.end() - end, mode)
            return
        offset = end


def _as_seen(text: str, mode: _Mode) -> str:
    """`text` as the widow rule sees it after the formatter and entity encoding."""
    if mode.prettify:
        text = _SPACE_RUN.sub(" ", text)
    if mode.encode:
        text = mode.encode_text(text)
    return text


def _trim_following(texts, masks, seen, index: int, count: int, mode: _Mode) -> None:
    while count > 0 and index < len(texts):
        s = seen[index]
        lead = len(s) - len(s.lstrip(" \t\r\n"))
        take = min(lead, count)
        if take:
            own = masks[index].text
            m = mode.gap.match(own)
            if m is None:
                raise Unsafe("the gap could not be found again")
            if take == lead and mode.marks:
                texts[index].text = masks[index].restore(own[: m.end()] + DROP + own[m.end() :])
            elif take == lead:
                texts[index].text = masks[index].restore(own[m.end() :])
            elif mode.gap is _BREAKABLE and not mode.marks:
                texts[index].text = masks[index].restore(own[take:])
            else:
                raise Unsafe("a gap ends inside a run of spaces")
        count -= take
        index += 1
