"""One build of what the editor shows: compile → transformers, with every problem found.

The preview, Source, export, the PDF report and test sends all take their
HTML from `build_email`, so what is previewed is what ships. No Qt here.

Decisions:
- One compile serves the preview and the final HTML: the source is
  instrumented for inspect element (`compile_for_preview`), transformers run
  on the marked HTML (they keep unknown attributes), and `html` is the marked
  result with the markers stripped.
- Envelope Title and Preheader map to the `x-base` `title` and `preheader`
  props (§12.1 [inf]). When the source's `<x-base>` sets the prop itself, the
  source wins (it is what the author sees in the code); otherwise the
  envelope value is added to the `<x-base>` tag for the compile.
- Problems: the compiler's, Liquid syntax (`check_liquid`) of the whole
  source, and transformer failures. A compile that cannot produce HTML at all
  leaves `html` empty and says why in `problems`.
- A custom component previews its `<template>` inside `<x-base>`; its
  problems are moved back to the component file's lines.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass, field

from engine.problems import Problem, ProblemError, Severity

_BASE_TAG = re.compile(r"<x-base\b[^>]*>", re.IGNORECASE | re.DOTALL)
_TEMPLATE = re.compile(r"<template>(.*)</template>", re.DOTALL | re.IGNORECASE)


@dataclass
class Build:
    html: str = ""  # final HTML (transformers applied), no inspect markers
    marked_html: str = ""  # the same with `data-cs-src` markers, for the preview
    problems: list[Problem] = field(default_factory=list)
    compile_ms: float = 0.0
    transform_ms: float = 0.0


def with_envelope_props(source: str, title: str = "", preheader: str = "") -> str:
    match = _BASE_TAG.search(source)
    if match is None:
        return source
    tag = match.group(0)
    extra = ""
    for name, value in (("title", title), ("preheader", preheader)):
        if value and not re.search(rf"\s:?{name}\s*=", tag):
            extra += f' {name}="{html_lib.escape(value, quote=True)}"'
    if not extra:
        return source
    insert = match.start() + len("<x-base")
    return source[:insert] + extra + source[insert:]


def component_preview_source(source: str) -> tuple[str, int]:
    """(`<x-base>` around the component's template, line offset of the template in the file)."""
    match = _TEMPLATE.search(source)
    if match is None:
        return "<x-base>\n" + source + "\n</x-base>", -1
    offset = source.count("\n", 0, match.start(1))
    return "<x-base>" + match.group(1) + "</x-base>", offset


def build_email(source: str, *, styles=None, transformers=None, filename: str = "", title: str = "",
                preheader: str = "", component: bool = False, components=None, framework: str = "") -> Build:
    """`components`: the custom components the email may use (the workspace, as `compile_email` takes it).

    `framework="mjml"` (the Transformers tab's Framework switch) or a name
    ending in `.mjml`: see `build_mjml`.
    """
    import time

    from engine.liquid import check_liquid
    from engine.preview import compile_for_preview, strip_markers
    from engine.transformers.mjml_framework import is_mjml

    if not component and (framework.lower() == "mjml" or is_mjml(source, filename)):
        return build_mjml(source, styles=styles, transformers=transformers, filename=filename, components=components)
    build = Build()
    line_offset = 0
    compile_source = source
    if component:
        compile_source, line_offset = component_preview_source(source)
    elif title or preheader:
        compile_source = with_envelope_props(source, title, preheader)
    started = time.perf_counter()
    try:
        compiled = compile_for_preview(compile_source, styles=styles, filename=filename,
                                       components=None if component else components)
    except ProblemError as exc:
        build.problems = _shift(exc.problems, line_offset)
        return build
    except Exception as exc:  # noqa: BLE001 - the editor must survive any half-typed input
        build.problems = [Problem(f"The compiler failed on this input: {type(exc).__name__}: {exc}", 1, 1)]
        return build
    build.compile_ms = (time.perf_counter() - started) * 1000
    problems = _shift(compiled.problems, line_offset)
    if "{" in source:
        problems += check_liquid(source)
    marked = compiled.marked_html
    if transformers is not None and not component:
        from engine.transformers import apply_transformers, enabled_steps

        if enabled_steps(transformers, filename=filename):
            started = time.perf_counter()
            result = apply_transformers(marked, transformers, filename=filename)
            marked = result.html
            problems += [p if p.line else Problem(p.message, 0, 0, p.severity, p.rule or "transformers", p.file)
                         for p in result.problems]
            build.transform_ms = (time.perf_counter() - started) * 1000
    build.marked_html = marked
    build.html = strip_markers(marked)
    build.problems = problems
    return build


def build_mjml(source: str, *, styles=None, transformers=None, filename: str = "", components=None) -> Build:
    """An MJML email: MJML first, then the component compiler (for `x-*` inside `<mj-raw>`), then transformers.

    [inf] Not instrumented for inspect element (MJML drops unknown
    attributes), so `marked_html` is the final HTML itself; the compiler's
    problems are about MJML's output, whose lines are not the source's, so
    they carry no line. Invalid MJML leaves `html` empty with MRML's message.
    """
    import time

    from engine.compiler import compile_email
    from engine.liquid import check_liquid
    from engine.transformers import TransformerSettings, apply_transformers

    build = Build()
    compiled: list[Problem] = []

    def compile_step(html: str) -> str:
        result = compile_email(html, styles=styles, filename=filename, components=components)
        compiled.extend(Problem(p.message, 0, 0, p.severity, p.rule, p.file, p.extra) for p in result.problems)
        if not result.html:
            raise ProblemError([])
        return result.html

    started = time.perf_counter()
    result = apply_transformers(source, transformers or TransformerSettings(), filename=filename, framework="mjml",
                                after_framework=compile_step)
    build.transform_ms = (time.perf_counter() - started) * 1000
    build.problems = compiled + [p for p in result.problems if p not in compiled]
    if "{" in source:
        build.problems += check_liquid(source)
    if "mjml" in result.applied and "after_framework" in result.applied:
        build.html = build.marked_html = result.html
    return build


def _shift(problems, offset: int) -> list[Problem]:
    if offset <= 0:
        return list(problems)
    return [Problem(p.message, p.line + offset if p.line else 0, p.column, p.severity, p.rule, p.file, p.extra)
            for p in problems]


def errors_in(problems) -> int:
    return sum(1 for p in problems if p.severity is Severity.ERROR)
