"""Formatting (§8.3): prettify or minify the final HTML (they exclude each other).

Both only move whitespace and drop comments, working on a flat token
stream (`_segments`) of the Liquid-masked text, so no byte of Liquid, no
attribute value and nothing inside `<pre>`, `<textarea>` or `<script>`
changes. Outlook conditional comments are kept exactly as written (their
inner markup is Outlook's and is not reflowed), except that minify's
`remove_html_comments: "2"` removes every comment, as the API describes it.

Minify (Customer.io's options; semantics [inf], after html-crush):
- whitespace runs in text and between attributes become one space;
- `remove_indentations`: whitespace at the start of lines goes;
- `remove_line_breaks`: line breaks go (a break between two block-level
  tags disappears, elsewhere it becomes the one space HTML would render);
- `remove_html_comments`: "0" keep all, "1" keep only Outlook conditionals,
  "2" remove all;
- `remove_css_comments`: `/* */` in `<style>` (and whitespace squeezed
  around `{ } ; ,` there);
- `line_length_limit` (0 = none): a longer line is broken at its last space
  before the limit, which renders the same (a space and a newline are
  equivalent in HTML); a line with no space stays long.

Prettify [inf]: one block-level tag per line, indented by nesting with
`indent_size` spaces (or one tab per level with `tabs`), inline elements
and text kept in flow on one line; `wrap_attributes` puts every attribute
of a tag with two or more on its own line, one level deeper. Whitespace is
added only next to block-level tags, where browsers ignore it.
"""
from __future__ import annotations

import re

from . import _css
from ._liquid import mask
from ._segments import _NAME, BLOCK, VOID, name_of, split
from .settings import Formatter, Minify, Prettify

_ATTR = re.compile(r"""\s*([^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)""")


def transform(html: str, options: Formatter) -> str:
    if options.type == "minify":
        return minify(html, options.minify)
    if options.type == "prettify":
        return prettify(html, options.prettify)
    return html


# -- minify -------------------------------------------------------------------------


def minify(html: str, options: Minify) -> str:
    masked = mask(html)
    return masked.restore(minify_masked(masked.text, options))


def minify_masked(html: str, options: Minify, before_wrap=None) -> str:
    """`minify` on Liquid-masked text; `before_wrap(text) -> text` runs just before the line limit."""
    parts = split(html)
    drop = options.remove_html_comments
    # Pieces are replaced in place, in list comprehensions, and the raw names
    # blanked before the join (performance: a loop with a call per piece was
    # most of minify).
    # Runs inside a line become one space; indentation is `remove_indentations`' business.
    # (`isspace`: indentation alone has no run after a visible character.)
    parts[0::3] = [
        _collapse_runs(t) if ("  " in t or "\t" in t or "\f" in t) and not t.isspace() else t for t in parts[0::3]
    ]
    pieces = parts[1::3]
    names = parts[2::3]
    # Most tags hold single spaces only: nothing to squeeze. `isprintable` is
    # False for any white space but " ", so most tags pass without a regular
    # expression; raw blocks and comments are looked at below.
    todo = [
        k
        for k, (p, name) in enumerate(zip(pieces, names))
        if name is not None or p[1] == "!" or not p.isprintable() or "  " in p or p.endswith((" >", " />"))
    ]
    for k in todo:
        piece = pieces[k]
        if names[k] is not None:  # pre, textarea, script, style
            if name_of(piece) == "style":
                pieces[k] = _minify_style(piece, options)
        elif piece[1] == "!":
            if piece.startswith("<!--") and (
                drop == "2" or (drop == "1" and not piece.startswith(("<!--[if", "<!--<![endif]")))
            ):
                pieces[k] = ""
        elif _SQUEEZABLE.search(piece):
            pieces[k] = _squeeze_tag(piece)
    parts[1::3] = pieces
    parts[2::3] = [""] * len(names)
    text = "".join(parts)
    if options.remove_indentations:
        text = _outside_raw(text, lambda s: re.sub(r"\n[ \t]+", "\n", s))
    if options.remove_line_breaks:
        text = _outside_raw(text, _remove_line_breaks)
    text = re.sub(r"^\s+", "", text) if options.remove_indentations else text
    if options.line_length_limit > 0:
        if before_wrap is not None:
            text = before_wrap(text)
        text = _wrap(text, options.line_length_limit)
    return text


_QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*')")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_END = re.compile(r"\s+(/?>)$")
_INLINE_RUN = re.compile(r"(?<=\S)[ \t\f]+")
# A tag `_squeeze_tag` would change has white space other than single spaces, or some before its end.
_SQUEEZABLE = re.compile(r"[^\S ]|  | /?>$")


def _collapse_runs(text: str) -> str:
    """`_INLINE_RUN` on each text segment `segments` would make of `text` (a stray `<` is one)."""
    if "<" not in text:
        return _INLINE_RUN.sub(" ", text)
    return "".join(_INLINE_RUN.sub(" ", piece) for piece in _TEXT_PIECES.findall(text))


_TEXT_PIECES = re.compile(r"[^<]+|<")
_WHITE = re.compile(r"\s+")


def _squeeze_tag(tag: str) -> str:
    parts = _QUOTED.split(tag)
    for i in range(0, len(parts), 2):
        parts[i] = _SPACES.sub(" ", parts[i])
    text = "".join(parts)
    return _SPACE_BEFORE_END.sub(r"\1", text)


def _minify_style(block: str, options: Minify) -> str:
    m = re.match(r"(<style\b[^>]*>)(.*?)(</style\s*>|$)", block, re.S | re.I)
    if m is None:
        return block
    css = m.group(2)
    if options.remove_css_comments:
        css = _css.strip_comments(css)
    css = _squeeze_css(css)
    return m.group(1) + css + m.group(3)


def _squeeze_css(css: str) -> str:
    parts = re.split(r"(\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|/\*.*?\*/)", css, flags=re.S)
    for i in range(0, len(parts), 2):
        p = re.sub(r"\s+", " ", parts[i])
        p = re.sub(r"\s*([{};,])\s*", r"\1", p)
        parts[i] = p.replace(";}", "}")
    return "".join(parts).strip()


def _outside_raw(text: str, fn) -> str:
    """Apply `fn` outside `<pre>`, `<textarea>`, `<script>` bodies and comments."""
    out: list[str] = []
    last = 0
    for m in re.finditer(r"<(pre|textarea|script)\b.*?</\1\s*>|<!--.*?-->", text, re.S | re.I):
        out.append(fn(text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(fn(text[last:]))
    return "".join(out)


_TAG_AT_END = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^<]*>$")
_TAG_AT_START = re.compile(r"<(/?)([A-Za-z][^\s/>]*)")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")
_RAW_OPEN = re.compile(r"<(pre|textarea|script)\b", re.I)
_ANY_RAW = re.compile(r"</?(?:pre|textarea|script)", re.I)  # cheaper test first (performance)
_RAW_CLOSE = re.compile(r"</(pre|textarea|script)\s*>", re.I)


def _remove_line_breaks(text: str) -> str:
    def join(m: re.Match) -> str:
        before = text_before = m.string[max(0, m.start() - 200) : m.start()]
        after = m.string[m.end() : m.end() + 200]
        left = _TAG_AT_END.search(text_before)
        right = _TAG_AT_START.match(after)
        if (left and left.group(2).lower() in BLOCK) or (right and right.group(2).lower() in BLOCK):
            return ""
        if before.endswith(">") and after.startswith("<") and not (left or right):
            return ""
        return " "

    return _LINE_BREAK.sub(join, text)


def _wrap(text: str, limit: int) -> str:
    lines = text.split("\n")
    if max(map(len, lines)) <= limit:
        return text
    # Only long lines are cut, and only lines with a raw tag change whether we
    # are inside `<pre>`/`<textarea>`/`<script>`: visit just those (performance).
    visit = {k for k, line in enumerate(lines) if len(line) > limit}
    raw_lines = {text.count("\n", 0, m.start()) for m in _ANY_RAW.finditer(text)}
    in_raw = False
    for k in sorted(visit | raw_lines):
        line = lines[k]
        pieces: list[str] = []
        while len(line) > limit and not in_raw:
            cut = line.rfind(" ", 0, limit + 1)
            if cut <= 0:
                break
            if _inside_raw_or_quote(line[:cut]):
                break
            pieces.append(line[:cut])
            line = line[cut + 1 :]
        if pieces:
            pieces.append(line)
            lines[k] = "\n".join(pieces)
        if k in raw_lines:
            opened = len(_RAW_OPEN.findall(line))
            closed = len(_RAW_CLOSE.findall(line))
            in_raw = (in_raw or opened > closed) and not closed > opened
    return "\n".join(lines)


def _inside_raw_or_quote(prefix: str) -> bool:
    """True when a break at the end of `prefix` would fall inside a quoted value or comment."""
    last_tag = prefix.rfind("<")
    if last_tag >= 0 and prefix.rfind(">") < last_tag:
        inside = prefix[last_tag:]
        if (inside.count('"') % 2) or (inside.count("'") % 2 and '"' not in inside):
            return True
    return prefix.rfind("<!--") > prefix.rfind("-->")


# -- prettify -----------------------------------------------------------------------


def prettify(html: str, options: Prettify) -> str:
    masked = mask(html)
    return masked.restore(prettify_masked(masked.text, options))


def prettify_masked(html: str, options: Prettify) -> str:
    unit = "\t" if options.indent_character == "tabs" else " " * options.indent_size
    lines: list[str] = []
    line: list[str] = []
    depth = 0

    def flush() -> None:
        text = "".join(line).strip()
        if text:
            lines.append(unit * depth + text)
        line.clear()

    parts = split(html)
    n = len(parts)
    wrap = options.wrap_attributes
    name_at = _NAME.match
    for i in range(0, n, 3):
        text = parts[i]
        if text:
            if text.isspace():  # the usual text between block tags: one space, and none to start a line
                if line:
                    line.append(" ")
            else:
                collapsed = _WHITE.sub(" ", text)
                if not line:
                    collapsed = collapsed.lstrip()
                if collapsed:
                    line.append(collapsed)
        if i + 1 == n:
            break
        piece = parts[i + 1]
        raw = parts[i + 2] is not None
        tag = not raw and piece[1] != "!"
        if tag:  # `name_of`, inlined (performance)
            m = name_at(piece)
            name = m.group(1).lower() if m else ""
        else:
            name = ""
        if tag and name not in BLOCK:
            line.append(_wrap_attributes(piece, unit, depth, options) if wrap else piece)
            continue
        # Block-level tags, comments, declarations and raw blocks stand on their own lines.
        if line:  # (an empty line flushes to nothing: no call)
            flush()
        closing = tag and piece.startswith("</")
        if closing and depth:
            depth -= 1
        text = piece
        if tag and wrap:
            text = _wrap_attributes(text, unit, depth, options)
        if raw:
            text = _indent_raw(piece, unit, depth)
        lines.append(unit * depth + text)
        if tag and not closing and name not in VOID and not piece.endswith("/>"):
            depth += 1
    flush()
    return "\n".join(lines) + "\n"


def _wrap_attributes(tag: str, unit: str, depth: int, options: Prettify) -> str:
    m = re.match(r"(<[A-Za-z][^\s/>]*)(.*?)(\s*/?>)$", tag, re.S)
    if m is None:
        return tag
    attrs = [a.strip() for a in _ATTR.findall(m.group(2)) if a.strip()]
    if len(attrs) < 2:
        return tag
    pad = "\n" + unit * (depth + 1)
    return m.group(1) + "".join(pad + a for a in attrs) + "\n" + unit * depth + m.group(3).strip()


def _indent_raw(block: str, unit: str, depth: int) -> str:
    """A `<style>` body is re-indented one level in; other raw blocks stay verbatim."""
    if name_of(block) != "style":
        return block
    m = re.match(r"(<style\b[^>]*>)(.*?)(</style\s*>|$)", block, re.S | re.I)
    if m is None:
        return block
    body = [ln.strip() for ln in m.group(2).strip().split("\n") if ln.strip()]
    if not body:
        return m.group(1) + m.group(3)
    inner = "\n".join(unit * (depth + 1) + ln for ln in body)
    return f"{m.group(1)}\n{inner}\n{unit * depth}{m.group(3)}"
