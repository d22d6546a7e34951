"""The plain-text version of an email (Code editor → Text tab → Generate, spec §7.3).

Input decision: `plain_text` takes markup, either the Design Studio *source*
(what `main.py text EMAIL_FILE` reads) or the *compiled* HTML. It understands
the standard components directly (`x-paragraph`, `x-cta`, `x-image`, `x-list`,
`x-hr`, ...) and plain HTML equally, so it needs no compile step and works
while the source does not compile yet. What it cannot know from the source:
custom components are not expanded (their slot content is kept, their props
are not), and `#if`/`#each` are not evaluated; feed it compiled HTML when those
matter.

Rules:
- headings, paragraphs, buttons, images, table cells and other blocks are
  separated by one blank line; `<br>` is a line break inside a block;
- a link is `text (url)`, or just `url` when the text is empty or the URL;
  `#anchors`, `javascript:` and `:href` expressions add nothing;
- list items are `- item` lines, numbered `1. item` for `ol` and ordered
  `x-list` styles; nested lists are indented by two spaces;
- an image is its alt text (`alt (href)` when linked); no alt, no text;
- `x-hr`/`<hr>` is a line of 40 dashes; spacers give nothing;
- dropped: `<head>`, `<x-head>`, `<style>`, `<script>`, `<title>`, comments
  (so Outlook-only conditional copies), `x-hidden-text`, `x-font-family`,
  `x-empty-state`, the `hidden` attribute, class `preheader`, and inline
  styles that hide (`display:none`, `visibility:hidden`, `mso-hide:all`,
  `max-height:0`, `clip:rect(0...)`), which covers the compiled preheader;
- outside Liquid, entities are decoded and whitespace is collapsed (non-
  breaking spaces count as spaces, zero-width joiners used as preheader
  padding vanish); `{{ }}` and `{% %}` are kept byte for byte. A `{% %}` tag
  standing between blocks gets a block of its own;
- no line wrapping: wrapping could split Liquid, and mail clients wrap anyway.
"""
from __future__ import annotations

import html
import re

from engine.document.nodes import Comment, Doctype, Document, Element, Liquid, Node, Text
from engine.document.parser import parse_with_problems

RULE = "-" * 40

_DROPPED = frozenset(
    "head x-head style script title template meta link x-hidden-text x-font-family x-empty-state noscript".split()
)
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 blockquote pre center section article header footer main nav aside address figure "
    "figcaption form fieldset dl dt dd table thead tbody tfoot tr td th caption body html ul ol li".split()
)
_INLINE_COMPONENTS = frozenset({"x-edit-text"})
_ORDERED_STYLES = frozenset(
    "decimal decimal-leading-zero lower-alpha upper-alpha lower-roman upper-roman lower-greek lower-latin "
    "upper-latin armenian georgian hebrew hiragana hiragana-iroha katakana katakana-iroha".split()
)
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?:px)?\s*(?:!important)?\s*(?:;|$)"
    r"|clip\s*:\s*rect\(\s*0)",
    re.I,
)
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\xad\u034f]")
_NEWLINE = "\x00"  # a `<br>` inside the inline buffer, survives whitespace collapsing


def plain_text(source: str) -> str:
    """Plain text of an email source or compiled HTML. Never raises on broken markup."""
    document, _problems = parse_with_problems(source)
    writer = _Writer()
    writer.children(document)
    writer.flush()
    return "\n\n".join(writer.blocks)


def _is_hidden(el: Element) -> bool:
    if el.name in _DROPPED or el.attr("hidden") is not None:
        return True
    style = el.get("style")
    if style and _HIDING_STYLE.search(style):
        return True
    classes = el.get("class")
    return bool(classes) and "preheader" in classes.lower().split()


def _is_block(el: Element) -> bool:
    name = el.name
    if name in _BLOCKS:
        return True
    return "-" in name and name not in _INLINE_COMPONENTS


def _clean(text: str) -> str:
    """Decode entities and drop zero-width padding outside Liquid; Liquid stays as written."""
    if "{" not in text:
        return _ZERO_WIDTH.sub("", html.unescape(text))
    out, last = [], 0
    for m in _LIQUID.finditer(text):
        out.append(_ZERO_WIDTH.sub("", html.unescape(text[last : m.start()])))
        out.append(m.group())
        last = m.end()
    out.append(_ZERO_WIDTH.sub("", html.unescape(text[last:])))
    return "".join(out)


def _collapse(text: str) -> str:
    """Collapse whitespace outside Liquid, honour `<br>` markers, trim every line."""
    if "{" in text:
        pieces, last = [], 0
        for m in _LIQUID.finditer(text):
            pieces.append(_SPACES.sub(" ", text[last : m.start()]))
            pieces.append(m.group())
            last = m.end()
        pieces.append(_SPACES.sub(" ", text[last:]))
        text = "".join(pieces)
    else:
        text = _SPACES.sub(" ", text)
    return "\n".join(line.strip(" ") for line in text.split(_NEWLINE)).strip("\n")


def _link_target(el: Element) -> str | None:
    href = el.get("href")
    if href is None:
        return None
    href = href.strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        return None
    return href if "{" in href else html.unescape(href)


class _Writer:
    """Walks the tree once, collecting finished blocks and the inline text of the current one."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.inline: list[str] = []
        self.list_depth = 0

    # -- output -------------------------------------------------------------------
    def flush(self) -> None:
        if self.inline:
            text = _collapse("".join(self.inline))
            self.inline = []
            if text:
                self.blocks.append(text)

    def block(self, text: str) -> None:
        self.flush()
        if text:
            self.blocks.append(text)

    # -- walking ------------------------------------------------------------------
    def children(self, node: Element | Document) -> None:
        kids = node.children
        for index, child in enumerate(kids):
            self.node(child, kids, index)

    def node(self, node: Node, siblings: list[Node], index: int) -> None:
        if isinstance(node, Text):
            self.inline.append(_clean(node.text))
        elif isinstance(node, Liquid):
            if self._stands_alone(siblings, index):
                self.block(node.text)
            else:
                self.inline.append(node.text)
        elif isinstance(node, Element):
            self.element(node)
        # comments (Outlook-only copies) and doctypes carry no reader text
        elif not isinstance(node, (Comment, Doctype)):  # pragma: no cover
            raise TypeError(type(node).__name__)

    def _stands_alone(self, siblings: list[Node], index: int) -> bool:
        """A Liquid tag with no inline text before it in this block and a block (or nothing) after it."""
        if "".join(self.inline).strip():
            return False
        for sibling in siblings[index + 1 :]:
            if isinstance(sibling, Text):
                if sibling.text.strip():
                    return False
                continue
            if isinstance(sibling, Element):
                return _is_block(sibling) or _is_hidden(sibling) or sibling.name in ("x-hr", "hr")
            if isinstance(sibling, Liquid):
                continue
            return True
        return True

    def element(self, el: Element) -> None:
        if _is_hidden(el):
            return
        name = el.name
        if name == "br":
            self.inline.append(_NEWLINE)
        elif name in ("x-hr", "hr"):
            self.block(RULE)
        elif name in ("x-spacer", "fragment", "x-base", "x-html") or name in _INLINE_COMPONENTS:
            self.children(el) if name != "x-spacer" else None
        elif name in ("img", "x-image"):
            self.image(el)
        elif name == "a":
            self.inline.append(self.link(el))
        elif name == "x-cta":
            self.block(_collapse(self.link(el)))
        elif name in ("ul", "ol", "x-list"):
            self.list(el)
        elif el.attr("#is:raw") is not None and el.children:
            self._raw(el)
        elif _is_block(el):
            self.flush()
            self.children(el)
            self.flush()
        else:
            self.children(el)

    def image(self, el: Element) -> None:
        alt = _collapse(_clean(el.get("alt") or ""))
        target = _link_target(el) if el.name == "x-image" else None
        if target:
            text = f"{alt} ({target})" if alt else target
        else:
            text = alt
        if el.name == "x-image":
            self.block(text)
        elif text:
            self.inline.append(text)

    def link(self, el: Element) -> str:
        """`text (url)` for an `<a>` or `x-cta`, its content read as one line."""
        saved, saved_blocks = self.inline, self.blocks
        self.inline, self.blocks = [], []
        self.children(el)
        self.flush()
        text = " ".join(self.blocks).replace("\n", " ")
        self.inline, self.blocks = saved, saved_blocks
        target = _link_target(el)
        if not target or text == target:
            return text or (target or "")
        if not text:
            return target
        if text.lower().startswith(("http://", "https://")) and text.rstrip("/") == target.rstrip("/"):
            return target
        return f"{text} ({target})"

    def list(self, el: Element) -> None:
        self.flush()
        ordered = el.name == "ol" or (
            el.name == "x-list"
            and (
                (el.get("element") or "").lower() == "ol"
                or (el.get("list-style") or el.get("list-style-type") or "").lower() in _ORDERED_STYLES
            )
        )
        try:
            number = int(el.get("start") or 1)
        except ValueError:
            number = 1
        indent = "  " * self.list_depth
        lines: list[str] = []
        self.list_depth += 1
        for child in el.children:
            if not isinstance(child, Element) or child.name != "li" or _is_hidden(child):
                if isinstance(child, Liquid):
                    lines.append(indent + child.text)
                continue
            saved, saved_blocks = self.inline, self.blocks
            self.inline, self.blocks = [], []
            self.children(child)
            self.flush()
            parts = self.blocks
            self.inline, self.blocks = saved, saved_blocks
            marker = f"{number}. " if ordered else "- "
            number += 1
            if not parts:
                continue
            first, *rest = parts
            # the item's own text first; nested lists (already indented) follow on their own lines
            lines.append(indent + marker + first.replace("\n", "\n" + indent + " " * len(marker)))
            lines.extend(rest)
        self.list_depth -= 1
        if lines:
            self.block("\n".join(lines))

    def _raw(self, el: Element) -> None:
        """`#is:raw` content is markup kept as text by the parser: read it as markup."""
        inner, _ = parse_with_problems("".join(c.text for c in el.children if isinstance(c, Text)))
        self.flush()
        self.children(inner)
        self.flush()
