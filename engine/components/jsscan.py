"""A tiny JavaScript scanner: enough to find balanced brackets without running code.

Used to read a component's `config` object literal statically (§4.3), to
strip `export` from top-level declarations (QuickJS can't read module exports
back, tech-notes), to find `${ … }` in template text and `set( … )` in CSS.
It understands strings, template literals (with nested `${}`), comments and,
approximately, regular-expression literals — never a full parse.
"""
from __future__ import annotations

import re

_OPEN = {"(": ")", "[": "]", "{": "}"}
_REGEX_PRECEDERS = set("(,=:[!&|?{};+-*%<>~^") | {""}


def skip_string(text: str, i: int) -> int:
    """Index after the string literal starting at `text[i]` (a quote or backtick)."""
    quote = text[i]
    i += 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        if quote == "`" and c == "$" and i + 1 < n and text[i + 1] == "{":
            i = match_bracket(text, i + 1) + 1
            continue
        i += 1
    return n


def match_bracket(text: str, i: int) -> int:
    """Index of the bracket closing the one at `text[i]`; len(text) when unbalanced."""
    stack = [_OPEN[text[i]]]
    i += 1
    n = len(text)
    last = text[i - 1]
    while i < n:
        c = text[i]
        if c in "'\"`":
            i = skip_string(text, i)
            last = "a"
            continue
        if c == "/" and i + 1 < n and text[i + 1] == "/":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c == "/" and i + 1 < n and text[i + 1] == "*":
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if c == "/" and last in _REGEX_PRECEDERS:
            i = _skip_regex(text, i)
            last = "a"
            continue
        if c in _OPEN:
            stack.append(_OPEN[c])
        elif c in ")]}":
            if not stack or c != stack[-1]:
                return n
            stack.pop()
            if not stack:
                return i
        if not c.isspace():
            last = c
        i += 1
    return n


def _skip_regex(text: str, i: int) -> int:
    i += 1
    n = len(text)
    in_class = False
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            return i
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            i += 1
            while i < n and text[i].isalpha():
                i += 1
            return i
        i += 1
    return n


def top_level_spans(code: str):
    """(start, end) of code at brace depth 0, skipping strings and comments (for `export` stripping)."""
    i, n, depth, start = 0, len(code), 0, 0
    last = ""
    while i < n:
        c = code[i]
        if c in "'\"`":
            i = skip_string(code, i)
            last = "a"
            continue
        if code.startswith("//", i):
            j = code.find("\n", i)
            i = n if j < 0 else j
            continue
        if code.startswith("/*", i):
            j = code.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if c == "/" and last in _REGEX_PRECEDERS:
            i = _skip_regex(code, i)
            last = "a"
            continue
        if c in "([{":
            if depth == 0:
                yield start, i
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
            if depth == 0:
                start = i + 1
        if not c.isspace():
            last = c
        i += 1
    if depth == 0:
        yield start, n


_EXPORT = re.compile(r"(?<![\w$.])export\s+(default\s+)?(?=(const|let|var|function|class|async)\b)?")


def strip_exports(code: str) -> str:
    """`export const x = …` → `const x = …` at the top level, keeping every offset's line."""
    out = []
    pos = 0
    for start, end in top_level_spans(code):
        for m in _EXPORT.finditer(code, start, end):
            out.append(code[pos:m.start()])
            out.append(" " * (m.end() - m.start()))
            pos = m.end()
    out.append(code[pos:])
    return "".join(out)


_CONFIG = re.compile(r"(?<![\w$.])(?:export\s+)?(?:const|let|var)\s+config\s*=\s*")


def find_config(code: str) -> tuple[int, int] | None:
    """(start, end) of the text assigned to the top-level `config`, up to the end of its expression."""
    for start, end in top_level_spans(code):
        m = _CONFIG.search(code, start, end)
        if m:
            i = m.end()
            if i < len(code) and code[i] == "{":
                close = match_bracket(code, i)
                return i, min(close + 1, len(code))
            j = i
            while j < len(code) and code[j] not in ";\n":
                j += 1
            return i, j
    return None


def find_interpolations(text: str):
    """(start, end, expression) for each `${ … }` in template text.

    `${{ liquid }}` is *not* interpolation: it is a dollar sign before Liquid
    output (`${{ product.price }}`), far more common in emails than an object
    literal right after `${`.
    """
    i = text.find("${")
    while i >= 0:
        if text.startswith("${{", i):
            i = text.find("${", i + 3)
            continue
        close = match_bracket(text, i + 1)
        if close >= len(text):
            return
        yield i, close + 1, text[i + 2:close]
        i = text.find("${", close + 1)


def find_set_calls(css: str):
    """(start, end, argument) for each `set( … )` in CSS (selectors included: `.img-set(hash)`)."""
    for m in re.finditer(r"set\(", css):
        if m.start() > 0 and (css[m.start() - 1].isalnum() or css[m.start() - 1] == "_"):
            continue
        close = match_bracket(css, m.end() - 1)
        if close >= len(css):
            continue
        yield m.start(), close + 1, css[m.end():close]


def line_col(text: str, offset: int, base_line: int = 1, base_col: int = 1) -> tuple[int, int]:
    """1-based position of `offset` in `text`, which itself starts at (base_line, base_col)."""
    before = text[:offset]
    nl = before.count("\n")
    if nl == 0:
        return base_line, base_col + offset
    return base_line + nl, offset - before.rfind("\n")
