"""Inspect marks: `data-cs-src="LINE:COL"` on each element the author wrote, and the way back.

The preview's `instrument` (engine.preview.source_map) marks the elements of
an email source; a full HTML document (`<html>`, an imported email) it leaves
unmarked inside `<html>`. [inf] The build marks the descendants of `<body>`
of such a document too, so imported emails get inspect element in the
preview and source positions in the checks.

Marks never contain a newline, so a problem found in the marked source moves
back to the real one by columns only (`unmark_problem`).
"""
from __future__ import annotations

import re

from engine.document.nodes import Element, walk
from engine.document.parser import parse_with_problems
from engine.preview.source_map import MARKER, instrument
from engine.problems import Problem

# Minify may drop the quotes; accept every spelling the formatter can write.
MARK_RE = re.compile(rf"""\s*{MARKER}=(?:"\d+:\d+"|'\d+:\d+'|\d+:\d+)""")
_BODY_SKIP = {"style", "script", "title", "meta", "link"}
_BODY = re.compile(r"<body\b", re.IGNORECASE)
_LINE_COLUMN = re.compile(r"line (\d+), column (\d+)")


def strip_marks(html: str) -> str:
    return MARK_RE.sub("", html)


def mark_source(source: str) -> str:
    """`instrument`, plus marks inside `<body>` of a full HTML document."""
    marked = instrument(source)
    if not _BODY.search(marked):
        return marked
    doc, _ = parse_with_problems(marked)
    html_el = next((n for n in doc.children if isinstance(n, Element) and n.name == "html"), None)
    body = None if html_el is None else next(
        (n for n in html_el.children if isinstance(n, Element) and n.name == "body"), None)
    if body is None:
        return marked
    inserts: list[tuple[int, str]] = []
    for node in walk(body):
        if isinstance(node, Element) and node.start >= 0 and node.name not in _BODY_SKIP and node.get(MARKER) is None:
            inserts.append((node.start + 1 + len(node.tag), f' {MARKER}="{node.pos.line}:{node.pos.column}"'))
    # `instrument` adds nothing inside `<html>` (it skips it whole), so these positions are the source's.
    out, last = [], 0
    for offset, attr in sorted(inserts):
        out.append(marked[last:offset])
        out.append(attr)
        last = offset
    out.append(marked[last:])
    return "".join(out)


def unmark_problem(marked: str, p: Problem) -> Problem:
    """A compile problem found in the marked source, at its place in the real one.

    Only columns move: by the length of the marks written earlier on the same
    line. Positions quoted in the message ("opened at line 2, column 30") are
    corrected the same way.
    """
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", marked))

    def column(line: int, col: int) -> int:
        if line < 1 or line > len(starts) or col < 1:
            return col
        begin = starts[line - 1]
        shift = sum(len(m.group()) for m in MARK_RE.finditer(marked, begin, begin + col - 1))
        return col - shift

    message = _LINE_COLUMN.sub(lambda m: f"line {m.group(1)}, column {column(int(m.group(1)), int(m.group(2)))}",
                               p.message)
    return Problem(message, p.line, column(p.line, p.column), p.severity, p.rule, p.file, p.extra)
