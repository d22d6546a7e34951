"""Headless preview core: everything the preview decides that needs no Qt.

    compile_for_preview(source, styles=, filename=, components=) -> CompiledPreview
        one compile of the source instrumented for inspect-element
        (`source_map`); `.html` is the clean final HTML (Source, size,
        export), `.marked_html` what the preview loads.
    personalize(html, data) -> (html, problems)
        Liquid rendered with sample data; on errors the HTML comes back
        un-rendered with the problems ("Errors found", spec §3.6).
    preview_copy(html, PreviewMode) -> html        (`modes`)
    sample_data(person, extra) / parse_extra(text) (`sample_data`)
    email_size(html) -> EmailSize                  (`size`)
    vision.simulate / vision.svg_filter            (`vision`)
    forced_dark.apply_forced_dark                  (`forced_dark`)

No Qt import anywhere in this package (team rule for engine/).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.preview.modes import SCHEME_LABELS, SCHEMES, PreviewMode, preview_copy
from engine.preview.sample_data import parse_extra, sample_data
from engine.preview.size import EmailSize, email_size
from engine.preview.source_map import instrument, strip_markers
from engine.problems import Problem


@dataclass
class CompiledPreview:
    html: str
    marked_html: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def size(self) -> EmailSize:
        return email_size(self.html)


def compile_for_preview(source: str, *, styles=None, filename: str = "", components=None) -> CompiledPreview:
    """`components`: the custom components (a workspace, a folder, a mapping — see `compile_email`).

    The compile stage of the one build (`engine.email_build.compile_marked`):
    problems are given at their place in `source`.
    """
    from engine.email_build import compile_marked

    compiled = compile_marked(source, styles=styles, filename=filename, components=components)
    return CompiledPreview(compiled.html, compiled.marked_html, compiled.problems)


def personalize(html: str, data: dict | None) -> tuple[str, list[Problem]]:
    """Render Liquid with `data`; without data the HTML stays verbatim (as in Source)."""
    if not data:
        return html, []
    from engine.liquid import LiquidRenderError, render_liquid

    try:
        return render_liquid(html, data), []
    except LiquidRenderError as exc:
        return html, list(exc.problems)


__all__ = [
    "CompiledPreview", "EmailSize", "PreviewMode", "SCHEMES", "SCHEME_LABELS", "compile_for_preview",
    "email_size", "instrument", "parse_extra", "personalize", "preview_copy", "sample_data", "strip_markers",
]
