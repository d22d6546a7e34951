"""The email compiler: Design Studio source → the HTML inboxes receive (spec §1.2).

A chain of passes, each importable and testable on its own (mrml style):

1. `parse` (engine.document.parser) — source → nodes with positions;
2. `resolve_values` — attributes → typed, checked `Dynamic` props;
3. `inject_defaults` — global styles and container inheritance (§5.5);
4. `Expander` — standard components → markup via Jinja2 templates, CSS into a
   `StyleSheet`, head material into a `HeadCollector`;
5. `assemble` — the document shell, head and preheader.

Liquid is kept verbatim throughout; rendering it is the caller's job.
Problems are returned, never raised, unless the source cannot be parsed at all
(then `CompileResult.html` is empty and the problems say why).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.compiler.assemble import assemble
from engine.compiler.defaults import inject_defaults
from engine.compiler.expand import Expander
from engine.compiler.head import HeadCollector
from engine.compiler.resolve import resolve_values
from engine.compiler.stylesheet import StyleSheet
from engine.problems import Problem, Severity
from engine.styles.model import GlobalStyles

_EMPTY_STYLES = GlobalStyles()


@dataclass
class CompileResult:
    html: str
    problems: list[Problem] = field(default_factory=list)
    preheader: str = ""
    title: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def ok(self) -> bool:
        return not self.errors


def compile_email(source: str, *, styles: GlobalStyles | None = None, filename: str = "",
                  components=None) -> CompileResult:
    """Compile one email.

    `components`: the custom components the email may use — a mapping tag →
    source, a folder of `<tag>.html` files, a workspace, or a
    `ComponentLibrary` (pipeline step 3, `engine.components`).
    """
    from engine.document.parser import parse_with_problems

    styles = styles or _EMPTY_STYLES
    doc, parse_problems = parse_with_problems(source, filename=filename)
    problems = [p.located(filename) if filename else p for p in parse_problems]
    expansion = None
    if components is not None:
        expansion = _expand_custom(doc, components, styles, problems, filename)
    resolved = resolve_values(doc, styles, problems, filename)
    inject_defaults(resolved, styles)
    sheet, head = StyleSheet(), HeadCollector()
    expander = Expander(sheet, head, problems, filename, hoist_head_tags=not resolved.html_document)
    expander.source = doc.source or source
    if expansion is not None:
        expansion.apply_heads(head)
    content = expander.nodes(resolved.body)
    for raw in resolved.heads:
        head.add_raw(raw)
    html, title, preheader = assemble(resolved, content, sheet, head, expander, styles)
    return CompileResult(html, problems, preheader, title)


def _expand_custom(doc, components, styles, problems, filename):
    """Pipeline step 3: custom components → standard components + HTML (only when the email uses any)."""
    from engine.components import as_library, expand_components, uses_components

    library = as_library(components)
    if not library or not uses_components(doc, library):
        return None
    return expand_components(doc, library, problems, styles=styles, filename=filename)


__all__ = ["compile_email", "CompileResult", "GlobalStyles"]
