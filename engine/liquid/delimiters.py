"""A first pass over the source that mirrors Ruby Liquid's tokenizer.

Two things python-liquid's lexer cannot tell us in Customer.io's words:
an unterminated `{{ x }` (Ruby's token stops at the first `}`) and a lone
`{%`. We also accept the doc's `{% for p in {{customer.products}} %}` form
[DOC-QUIRK, A10]: braces inside tag markup are blanked with spaces, which
keeps every line/column of the original source valid.
"""
from __future__ import annotations

import re

from .errors import UNTERMINATED_TAG, unterminated_variable

# Ruby: /\{%.*?%\}|\{\{.*?\}\}?/m, then a bare opener as a last resort.
_TOKEN = re.compile(r"\{%.*?%\}|\{\{.*?\}\}?|\{\{|\{%", re.S)
_VERBATIM = re.compile(r"\{%-?\s*(raw|comment)\s*-?%\}", re.S)
_INNER_BRACES = re.compile(r"\{\{-?|-?\}\}")
# Only tags whose markup is an expression; `cio_link url:"…{{ x }}…"` keeps its braces.
_EXPRESSION_TAG = re.compile(r"\{%-?\s*(for|if|elsif|unless|case|when|assign|tablerow|echo|render_liquid)\b")


class DelimiterError(Exception):
    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.message = message
        self.index = index


def _end_of_verbatim(source: str, name: str, start: int) -> int:
    end = re.compile(r"\{%-?\s*end" + name + r"\s*-?%\}", re.S).search(source, start)
    return end.end() if end else len(source)


def prepare(source: str) -> str:
    """Return `source` ready for python-liquid, or raise DelimiterError."""
    pieces: list[str] = []
    last = 0
    pos = 0
    while True:
        match = _TOKEN.search(source, pos)
        if not match:
            break
        text = match.group(0)
        if text == "{%":
            raise DelimiterError(UNTERMINATED_TAG, match.start())
        if text.startswith("{{"):
            if text == "{{" or not text.endswith("}}"):
                raise DelimiterError(unterminated_variable(text), match.start())
            pos = match.end()
            continue
        verbatim = _VERBATIM.fullmatch(text)
        if verbatim:
            pos = _end_of_verbatim(source, verbatim.group(1), match.end())
            continue
        inner = text[2:-2]
        if "{{" in inner and _EXPRESSION_TAG.match(text):
            pieces.append(source[last:match.start() + 2])
            pieces.append(_INNER_BRACES.sub(lambda m: " " * len(m.group(0)), inner))
            last = match.end() - 2
        pos = match.end()
    if not pieces:
        return source
    pieces.append(source[last:])
    return "".join(pieces)
