"""A small CSS reader: top-level rules, selectors and declarations, losslessly.

The transformers need to know which rules are `@media`, `@font-face`,
`@keyframes`, pseudo-class rules or plain style rules, to keep some and drop
others, and to rewrite selectors and `var()` values, without reformatting
what they keep. So `split_rules` returns pieces whose `text` joins back to
the input exactly; strings, comments, escapes and nested blocks are stepped
over as units. Liquid must be masked first (`_liquid.mask`): its braces would
otherwise open blocks.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass


@dataclass
class Rule:
    kind: str  # "style", "at", "comment", "space"
    text: str  # exactly as written, including the block
    prelude: str = ""  # selector list, or at-rule prelude without the name
    body: str | None = None  # content between the braces; None for `@import ...;`
    name: str = ""  # at-rule name, lower-cased, without `@`


def _skip_string(css: str, i: int) -> int:
    q = css[i]
    i += 1
    n = len(css)
    while i < n:
        c = css[i]
        if c == "\\":
            i += 2
            continue
        if c == q or c == "\n":
            return i + 1
        i += 1
    return n


def _skip_comment(css: str, i: int) -> int:
    end = css.find("*/", i + 2)
    return len(css) if end < 0 else end + 2


_BLOCK_STOP = re.compile(r"[\"'{}\\]|/\*")
_PRELUDE_STOP = re.compile(r"[{;}\"'\\]|/\*")
_SPACES = re.compile(r"\s+")


def _block_end(css: str, i: int) -> int:
    """`i` at `{`: offset just after the matching `}` (or the end of the text)."""
    depth = 0
    n = len(css)
    search = _BLOCK_STOP.search
    while i < n:
        m = search(css, i)  # jump to the next character that matters (performance)
        if m is None:
            return n
        i = m.start()
        c = css[i]
        if c == '"' or c == "'":
            i = _skip_string(css, i)
            continue
        if c == "/":
            i = _skip_comment(css, i)
            continue
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n


def split_rules(css: str) -> list[Rule]:
    rules: list[Rule] = []
    i, n = 0, len(css)
    while i < n:
        c = css[i]
        if c.isspace():
            j = _SPACES.match(css, i).end()
            rules.append(Rule("space", css[i:j]))
            i = j
            continue
        if css.startswith("/*", i):
            j = _skip_comment(css, i)
            rules.append(Rule("comment", css[i:j]))
            i = j
            continue
        if css.startswith("<!--", i) or css.startswith("-->", i):  # legacy hiding of CSS from old clients
            j = i + (4 if c == "<" else 3)
            rules.append(Rule("space", css[i:j]))
            i = j
            continue
        # A prelude runs to `{` or, for statement at-rules, `;`.
        j = i
        while j < n:
            m = _PRELUDE_STOP.search(css, j)  # the next character that matters (performance)
            if m is None:
                j = n
                break
            j = m.start()
            c2 = css[j]
            if c2 in "{;}":
                break
            if c2 == '"' or c2 == "'":
                j = _skip_string(css, j)
            elif c2 == "/":
                j = _skip_comment(css, j)
            else:  # a backslash escape
                j += 2
        prelude = css[i:j]
        is_at = c == "@"
        name = ""
        if is_at:
            m = re.match(r"@([-\w]+)", prelude)
            name = m.group(1).lower() if m else ""
            prelude_rest = prelude[m.end() :] if m else prelude[1:]
        if j >= n or css[j] in ";}":
            end = min(j + 1, n)
            rules.append(Rule("at" if is_at else "style", css[i:end], prelude_rest if is_at else prelude, None, name))
            i = end
            continue
        end = _block_end(css, j)
        body = css[j + 1 : end - 1] if css[end - 1 : end] == "}" else css[j + 1 : end]
        if is_at:
            rules.append(Rule("at", css[i:end], prelude_rest, body, name))
        else:
            rules.append(Rule("style", css[i:end], prelude, body))
        i = end
    return rules


_NESTING = re.compile(r"[\"'\\(\[)\]]|/\*")


def split_top_level(text: str, sep: str) -> list[str]:
    """Split at `sep` outside parentheses, brackets, strings and comments."""
    if _NESTING.search(text) is None:  # the usual `a:b;c:d`: nothing to step over (performance)
        return text.split(sep)
    parts: list[str] = []
    depth = 0
    start = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            i = _skip_string(text, i)
            continue
        if text.startswith("/*", i):
            i = _skip_comment(text, i)
            continue
        if c == "\\":
            i += 2
            continue
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == sep and depth <= 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


@dataclass
class Declaration:
    prop: str
    value: str  # without `!important`
    important: bool

    def render(self, important: bool | None = None) -> str:
        keep = self.important if important is None else important
        return f"{self.prop}:{self.value}{' !important' if keep else ''}"


_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.I)


def split_declarations(body: str) -> list[Declaration]:
    out: list[Declaration] = []
    for part in split_top_level(strip_comments(body), ";"):
        if ":" not in part:
            continue
        prop, _, value = part.partition(":")
        prop = prop.strip()
        if not prop:
            continue
        value = value.strip()
        m = _IMPORTANT.search(value)
        important = m is not None
        if m:
            value = value[: m.start()].rstrip()
        out.append(Declaration(prop, value, important))
    return out


def strip_comments(css: str) -> str:
    if "/*" not in css:
        return css
    out: list[str] = []
    i, n = 0, len(css)
    start = 0
    while i < n:
        c = css[i]
        if c in "\"'":
            i = _skip_string(css, i)
            continue
        if css.startswith("/*", i):
            out.append(css[start:i])
            i = _skip_comment(css, i)
            start = i
            continue
        i += 1
    out.append(css[start:])
    return "".join(out)


# Pseudo-classes that describe a state no inline style can express.
_PSEUDO_ELEMENT = re.compile(r"::?(before|after|first-line|first-letter|marker|placeholder|selection)\b|::[-\w]+", re.I)
_PSEUDO_CLASS = re.compile(r"(?<!:):(?!:)([-\w]+)")
# Structural pseudo-classes an inliner can resolve against the document.
_STRUCTURAL = frozenset(
    "first-child last-child nth-child nth-last-child first-of-type last-of-type nth-of-type "
    "nth-last-of-type only-child only-of-type root empty not is where".split()
)


@lru_cache(maxsize=4096)  # pure, and the same sheet comes back with every preview (performance)
def has_pseudo_element(selector: str) -> bool:
    return bool(_PSEUDO_ELEMENT.search(_without_strings(selector)))


@lru_cache(maxsize=4096)
def has_dynamic_pseudo_class(selector: str) -> bool:
    """`:hover`, `:focus`, `:visited`... (not `:first-child`, which inlines fine)."""
    bare = _PSEUDO_ELEMENT.sub("", _without_strings(selector))
    return any(m.group(1).lower() not in _STRUCTURAL for m in _PSEUDO_CLASS.finditer(bare))


def _without_strings(selector: str) -> str:
    return re.sub(r"\[[^\]]*\]|\"[^\"]*\"|'[^']*'", "", selector)
