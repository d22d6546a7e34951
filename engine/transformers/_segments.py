"""A flat tokenizer for formatting: comments, raw blocks, tags and text.

The formatter changes only whitespace and comments, so it needs no tree:
a left-to-right split that never cuts a comment, a quoted attribute value or
the body of `<pre>`, `<textarea>`, `<script>` or `<style>` is enough and
cannot lose bytes (the pieces always join back to the input). Run it on
Liquid-masked text so a `>` inside `{% if a > b %}` cannot end a tag.
The formatter uses `split` (the same cut, done by `re.split` in C);
`segments` spells the pieces out as objects.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|$))"
    r"|(?P<decl><![^>]*>)"
    r"|(?P<raw><(?P<rawname>pre|textarea|script|style)\b[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>.*?(?:</(?P=rawname)\s*>|$))"
    r"|(?P<tag></?[A-Za-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)"
    r"|(?P<text>[^<]+|<)",
    re.S | re.I,
)
_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
# `_TOKEN` without its text branch, for `re.split`: text, markup, raw name, text, ...
# (A tag's inside is written as runs between quoted values, not one alternation
# per character, so the regex engine takes each run in one step: performance.)
_MARKUP = re.compile(
    r"(<!--.*?(?:-->|$)"
    r"|<![^>]*>"
    r"|<(pre|textarea|script|style)\b[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>.*?(?:</\2\s*>|$)"
    r"|</?[A-Za-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)",
    re.S | re.I,
)


@dataclass
class Segment:
    kind: str  # comment, decl, raw, tag, text
    text: str

    @property
    def name(self) -> str:
        m = _NAME.match(self.text)
        return m.group(1).lower() if m else ""

    @property
    def closing(self) -> bool:
        return self.text.startswith("</")

    @property
    def conditional(self) -> bool:
        return self.kind == "comment" and (self.text.startswith("<!--[if") or self.text.startswith("<!--<![endif]"))


def segments(html: str) -> list[Segment]:
    out: list[Segment] = []
    for m in _TOKEN.finditer(html):
        kind = m.lastgroup if m.lastgroup != "rawname" else "raw"
        if m.group("raw") is not None:
            kind = "raw"
        out.append(Segment(kind, m.group()))
    return out


def split(html: str) -> list[str]:
    """`[text, markup, raw name or None, text, markup, ...]`: the segments, split in C (performance).

    Text between two markup pieces comes as one string even where `segments`
    cuts it at a `<` that starts no markup.
    """
    return _MARKUP.split(html)


def name_of(text: str) -> str:
    m = _NAME.match(text)
    return m.group(1).lower() if m else ""


BLOCK = frozenset(
    "html head body title meta link style script base table thead tbody tfoot tr td th caption colgroup col "
    "div p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd center section article header footer main nav aside hr br "
    "blockquote pre form fieldset figure figcaption address noscript xml o:officedocumentsettings "
    "v:rect v:roundrect v:fill v:textbox v:image v:shape v:oval".split()
)
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
