"""What every check looks at: the email's one build (`engine.email_build`), parsed once, with a way back to the source.

The checks judge the *final* HTML (what Source shows and Export ships,
transformers included), but a finding is only useful at the line the user
edits. The build compiles the source instrumented with the preview's
inspect-element marks (`data-cs-src="LINE:COL"` on each element the author
wrote, inside `<body>` of full HTML documents too); the marks survive
compile and transformers, and a finding on any compiled element is reported
at the nearest marked ancestor-or-self. This module only parses the build's
marked HTML and answers positions; it never compiles by itself.

Decisions:
- MJML sources are not instrumented (mjml rejects or drops unknown
  attributes); their findings carry line 0 and the compiled position in
  `extra["compiled_line"]`/`["compiled_column"]`.
- Liquid syntax is `check_problems`' (it runs `check_liquid` itself), so the
  build is asked not to repeat it.
- The compiled document is parsed once here and shared by every check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.document.nodes import Comment, Document, Element, walk
from engine.document.parser import parse_with_problems
from engine.preview.source_map import MARKER, parse_marker
from engine.problems import Problem, Severity
from engine.transformers import TransformerSettings

_CONDITIONAL = re.compile(r"^\[if [^\]]*\]>(.*)<!\[endif\]$", re.S)


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


def build(source: str, *, settings: TransformerSettings | None = None, styles=None, filename: str = "",
          framework: str = "", components=None, title: str = "", preheader: str = "") -> Build:
    """The email's one build (as Source/Export make it), ready to be checked.

    `components`: the custom components the email may use (a workspace, a
    folder or a mapping tag → source, as `compile_email` takes them).
    """
    from engine.email_build import build_email

    settings = settings or TransformerSettings()
    b = build_email(source, styles=styles, transformers=settings, framework=framework, filename=filename,
                    title=title, preheader=preheader, components=components, liquid=False)
    return of_build(source, b, settings, filename)


def of_build(source: str, b, settings: TransformerSettings | None = None, filename: str = "") -> Build:
    """The checks' view of an `engine.email_build.Build` (the editor's own, or `build`'s)."""
    problems = [p.located(filename) if filename else p for p in b.problems]
    doc, _ = parse_with_problems(b.marked_html)
    return Build(source, filename, b.html, b.marked_html, doc, settings or TransformerSettings(), problems,
                 instrumented=b.instrumented)
