"""Inspect element: from a rendered element back to the source line that produced it.

The compiler (engine/compiler) keeps positions on its parsed nodes but does not
carry them into the HTML it writes, so the preview instruments the *source*
instead: every element the author wrote (standard components, custom tags and
plain HTML) gets a `data-cs-src="LINE:COL"` attribute right after its tag
name, and the instrumented source is compiled. The compiler passes unknown
`data-` attributes through onto the element each component renders as its
"main" element (the `<p>` of a paragraph, the `<img>` of an image, the `<a>` of
a button, a section's outer `<div>`), so the markers land where a click
lands. Elements the compiler invents (wrappers, MSO tables) carry none: a
click there resolves to the nearest marked ancestor, which is the component
that produced them — the same answer a person would give.

`strip_markers` gives back the HTML the plain source compiles to (the tests
compare both on the sample emails), so one compile serves both Source/Export
and the preview, keeping the keystroke-to-preview budget.

Skipped: `x-head` and its content and raw `<style>`/`<script>`, whose text is
not markup, and `#is:raw` blocks are left as they are by the compiler anyway.
"""
from __future__ import annotations

import re

from engine.document.nodes import Element

MARKER = "data-cs-src"
_MARKER_RE = re.compile(rf'\s{MARKER}="\d+:\d+"')
_SKIP = {"x-head", "head", "style", "script", "title", "meta", "link", "html"}


def instrument(source: str) -> str:
    """`source` with `data-cs-src="L:C"` on each element; unparseable input comes back unchanged."""
    from engine.document.parser import parse_with_problems

    try:
        doc, _problems = parse_with_problems(source)
    except Exception:  # noqa: BLE001 - the compile reports the problem; the preview just loses inspect
        return source
    text = doc.source or source
    inserts: list[tuple[int, str]] = []

    def walk(node) -> None:
        for child in getattr(node, "children", []) or []:
            if isinstance(child, Element):
                if child.name in _SKIP or child.start < 0:
                    continue
                if text[child.start:child.start + 1 + len(child.tag)] == "<" + child.tag:
                    inserts.append((child.start + 1 + len(child.tag),
                                    f' {MARKER}="{child.pos.line}:{child.pos.column}"'))
                walk(child)

    walk(doc)
    out, last = [], 0
    for offset, attr in sorted(inserts):
        out.append(text[last:offset])
        out.append(attr)
        last = offset
    out.append(text[last:])
    return "".join(out)


def strip_markers(html: str) -> str:
    return _MARKER_RE.sub("", html)


def parse_marker(value: str | None) -> tuple[int, int] | None:
    if not value or not re.fullmatch(r"\d+:\d+", value):
        return None
    line, column = value.split(":")
    return int(line), int(column)


def marked_lines(html: str) -> list[tuple[int, int]]:
    """Every (line, column) marker in document order — what the focus mode can scroll to."""
    return [parse_marker(m.group(0).split('"')[1]) for m in _MARKER_RE.finditer(html)]  # type: ignore[misc]
