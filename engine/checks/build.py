"""What every check looks at: the email compiled and transformed once, with a way back to the source.

The checks judge the *final* HTML (what Source shows and Export ships,
transformers included), but a finding is only useful at the line the user
edits. So the source is instrumented with the preview's inspect-element marks
(`engine.preview.source_map`: `data-cs-src="LINE:COL"` on each element the
author wrote) before compiling; the marks survive compile and transformers,
and a finding on any compiled element is reported at the nearest marked
ancestor-or-self. The clean HTML is the marked one with the marks removed
(the preview relies on the same identity).

Decisions:
- [inf] The preview's `instrument` leaves full HTML documents (`<html>`, an
  imported email) unmarked inside `<html>`; for those we additionally mark the
  descendants of `<body>` the same way, so imported emails get source
  positions too.
- MJML sources are not instrumented (mjml rejects or drops unknown
  attributes); their findings carry line 0 and the compiled position in
  `extra["compiled_line"]`/`["compiled_column"]`.
- The compiled document is parsed once here and shared by every check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.document.nodes import Comment, Document, Element, walk
from engine.document.parser import parse_with_problems
from engine.preview.source_map import MARKER, instrument, parse_marker
from engine.problems import Problem, ProblemError, Severity
from engine.transformers import TransformerSettings, apply_transformers
from engine.transformers.mjml_framework import is_mjml

# Minify may drop the quotes; accept every spelling the formatter can write.
_MARK_RE = re.compile(rf"""\s*{MARKER}=(?:"\d+:\d+"|'\d+:\d+'|\d+:\d+)""")
_CONDITIONAL = re.compile(r"^\[if [^\]]*\]>(.*)<!\[endif\]$", re.S)
_BODY_SKIP = {"style", "script", "title", "meta", "link"}


def strip_marks(html: str) -> str:
    return _MARK_RE.sub("", html)


@dataclass
class Build:
    """One email, compiled and transformed, ready to be checked."""

    source: str
    filename: str
    html: str  # final HTML, exactly what Export ships
    marked_html: str
    document: Document  # parse of `marked_html`
    settings: TransformerSettings
    problems: list[Problem] = field(default_factory=list)  # compile + transformer problems, source positions
    instrumented: bool = True
    _conditional_docs: list[Document] = field(default_factory=list, repr=False)

    # -- positions ---------------------------------------------------------------
    def locate(self, node) -> tuple[int, int, dict]:
        """(line, column, extra) in the source for a node of `document`."""
        el = node
        while el is not None:
            if isinstance(el, Element):
                mark = parse_marker(el.get(MARKER))
                if mark:
                    return mark[0], mark[1], {}
            el = self._parents.get(id(el))
        # An element the compiler invented around the content (`<body>` of `<x-base>`):
        # the first element the author wrote inside it.
        for sub in walk(node):
            if isinstance(sub, Element):
                mark = parse_marker(sub.get(MARKER))
                if mark:
                    return mark[0], mark[1], {}
        return 0, 0, {"compiled_line": node.pos.line, "compiled_column": node.pos.column}

    def finding(self, node, message: str, rule: str, severity: Severity = Severity.WARNING, **extra) -> Problem:
        """A `Problem` at the source position of `node` (a node of `document`), or 0:0."""
        if node is None:
            return Problem(message, 0, 0, severity, rule, self.filename, extra)
        line, column, where = self.locate(node)
        return Problem(message, line, column, severity, rule, self.filename, {**where, **extra})

    # -- traversal ---------------------------------------------------------------
    def elements(self, *, conditional: bool = False):
        """Every element of the final HTML in document order (optionally those inside `<!--[if mso]>` too)."""
        for node in walk(self.document):
            if isinstance(node, Element):
                yield node
            elif conditional and isinstance(node, Comment):
                inner = self._parse_conditional(node)
                if inner is not None:
                    for sub in walk(inner):
                        if isinstance(sub, Element):
                            yield sub

    def parent(self, node):
        return self._parents.get(id(node))

    def ancestors(self, node):
        p = self._parents.get(id(node))
        while p is not None:
            yield p
            p = self._parents.get(id(p))

    def _parse_conditional(self, comment: Comment) -> Document | None:
        m = _CONDITIONAL.match(comment.text)
        if m is None or "<" not in m.group(1):
            return None
        doc, _ = parse_with_problems(m.group(1))
        # Positions inside the comment: the comment's own element context.
        self._parents[id(doc)] = self._parents.get(id(comment))
        self._index(doc)
        return doc

    def __post_init__(self):
        self._parents: dict[int, object] = {}
        self._index(self.document)

    def _index(self, root) -> None:
        parents = self._parents
        stack = [root]
        while stack:
            node = stack.pop()
            for child in getattr(node, "children", ()) or ():
                parents[id(child)] = node
                stack.append(child)


def _mark_html_document(source: str) -> str:
    """`instrument`, plus marks inside `<body>` of a full HTML document."""
    marked = instrument(source)
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


_LINE_COLUMN = re.compile(r"line (\d+), column (\d+)")


def _unmark_problem(marked: str, p: Problem) -> Problem:
    """A compile problem found in the marked source, at its place in the real one.

    Marks never contain a newline, so only columns move: by the length of the
    marks written earlier on the same line. Positions quoted in the message
    ("opened at line 2, column 30") are corrected the same way.
    """
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", marked))

    def column(line: int, col: int) -> int:
        if line < 1 or line > len(starts) or col < 1:
            return col
        begin = starts[line - 1]
        shift = sum(len(m.group()) for m in _MARK_RE.finditer(marked, begin, begin + col - 1))
        return col - shift

    message = _LINE_COLUMN.sub(lambda m: f"line {m.group(1)}, column {column(int(m.group(1)), int(m.group(2)))}",
                               p.message)
    return Problem(message, p.line, column(p.line, p.column), p.severity, p.rule, p.file, p.extra)


def build(source: str, *, settings: TransformerSettings | None = None, styles=None, filename: str = "",
          framework: str = "", components=None) -> Build:
    """Compile and transform `source` like Source/Export does, keeping a map back to `source`.

    `components`: the custom components the email may use (a workspace, a
    folder or a mapping tag → source, as `compile_email` takes them).
    """
    from engine.compiler import compile_email

    settings = settings or TransformerSettings()
    mjml = framework.lower() == "mjml" or is_mjml(source, filename)
    compile_problems: list[Problem] = []

    def compile_step(html: str) -> str:
        result = compile_email(html, styles=styles, filename=filename, components=components)
        compile_problems.extend(result.problems)
        if not result.html:
            raise ProblemError(result.problems or [Problem("the email could not be compiled", file=filename)])
        return result.html

    marked_source = source if mjml else _mark_html_document(source)
    result = apply_transformers(marked_source, settings, filename=filename, framework=framework,
                                after_framework=compile_step)
    if marked_source != source:
        # Only the email's own positions moved; a problem inside a component file keeps its place.
        compile_problems = [_unmark_problem(marked_source, p) if p.file in ("", filename) else p
                            for p in compile_problems]
    problems = [p.located(filename) if filename else p for p in compile_problems]
    problems += [p for p in result.problems if p not in problems]
    marked_html = result.html
    html = strip_marks(marked_html) if not mjml else marked_html
    doc, _ = parse_with_problems(marked_html)
    return Build(source, filename, html, marked_html, doc, settings, problems, instrumented=not mjml)
