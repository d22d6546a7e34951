"""The one build of an email: compile (instrumented) → transformers → final HTML, with every problem found.

The editor (preview, Source, export, test send, PDF report), the checks and
every command (`render`, `check`, `shot`, `matrix`) take their HTML from
`build_email`, so what the command line writes is what the app previews.
No Qt here.

Decisions:
- One compile serves the preview and the final HTML: the source is
  instrumented for inspect element (`marks.mark_source`), transformers run
  on the marked HTML (they keep unknown attributes), and `html` is the
  marked result with the marks removed. The formatter is the one step the
  marks disturb (its line-length limit and attribute wrapping count them),
  so when it is on the chain is split: everything before it runs once on
  the marked HTML, then the formatter, entity encoding and widow prevention
  run on the clean HTML for `html` and on the marked one for the preview.
  `html` is therefore byte-for-byte the transformers applied to the plain
  compile (tests compare both).
- Envelope Title and Preheader map to the `x-base` `title` and `preheader`
  props (§12.1 [inf]). When the source's `<x-base>` sets the prop itself, the
  source wins (it is what the author sees in the code); otherwise the
  envelope value is added to the `<x-base>` tag for the compile. In an MJML
  email they become `<mj-title>` / `<mj-preview>` unless the source has one.
- Problems: the compiler's (at their place in the source), Liquid syntax
  (`check_liquid`, unless `liquid=False`: the checks and the commands that
  never reported it run their own), and transformer failures (rule
  "transformers" when they carry none). A compile that cannot produce HTML
  at all leaves `html` empty and says why in `problems`; no exception
  escapes (`internal compiler error: …` at 0:0 for a compiler bug).
- MJML (`framework="mjml"`, the Transformers tab's switch, or a `.mjml`
  name): MJML first, then the component compiler (for `x-*` inside
  `<mj-raw>`), then the transformers. Not instrumented (MJML drops unknown
  attributes): `marked_html` is the final HTML itself, and the compiler's
  problems — about MJML's output, whose lines are not the source's — carry
  line 0 with the compiled position in `extra`.
"""
from __future__ import annotations

import html as html_lib
import re
import time
from dataclasses import dataclass, field

from engine.problems import Problem, ProblemError, Severity

from .marks import mark_source, strip_marks, unmark_problem

_BASE_TAG = re.compile(r"<x-base\b[^>]*>", re.IGNORECASE | re.DOTALL)
_TEMPLATE = re.compile(r"<template>(.*)</template>", re.DOTALL | re.IGNORECASE)
_TAIL = ("formatter", "encode_entities", "prevent_widows")  # byte-level steps, after every structural one


@dataclass
class Build:
    html: str = ""  # final HTML (transformers applied), no inspect marks: Source, export, sends, `render`
    marked_html: str = ""  # the same with `data-cs-src` marks, for the preview and the checks
    problems: list[Problem] = field(default_factory=list)
    compile_ms: float = 0.0
    transform_ms: float = 0.0
    instrumented: bool = False  # whether `marked_html` carries marks
    mjml: bool = False

    @property
    def errors(self) -> int:
        return errors_in(self.problems)

    def personalized(self, data: dict | None, *, marked: bool = False, lax: bool = False
                     ) -> tuple[str, list[Problem]]:
        """(the HTML with Liquid rendered with `data`, Liquid problems); with None, the HTML as is.

        On a Liquid error the HTML comes back un-rendered with the problems
        ("Errors found", spec §3.6), as the preview shows it.
        """
        html = self.marked_html if marked else self.html
        if data is None:
            return html, []
        from engine.liquid import LiquidRenderError, render_liquid

        try:
            return render_liquid(html, data, lax=lax), []
        except LiquidRenderError as exc:
            return html, list(exc.problems)


@dataclass
class Compiled:
    html: str
    marked_html: str
    problems: list[Problem] = field(default_factory=list)


def compile_marked(source: str, *, styles=None, filename: str = "", components=None,
                   instrument: bool = True) -> Compiled:
    """One compile of `source` marked for inspect element; raises what `compile_email` raises.

    Problems are given at their place in `source`: the marks shift columns
    of the instrumented copy, so those of the email itself are moved back
    (problems located in a component file are left as they are).
    """
    from engine.compiler import compile_email

    marked_source = mark_source(source) if instrument else source
    result = compile_email(marked_source, styles=styles, filename=filename, components=components)
    problems = list(result.problems)
    if marked_source != source:
        problems = [unmark_problem(marked_source, p) if p.file in ("", filename) else p for p in problems]
    marked = result.html or ""
    return Compiled(strip_marks(marked) if marked_source != source else marked, marked, problems)


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


def with_mjml_envelope(source: str, title: str = "", preheader: str = "") -> str:
    """`<mj-title>` / `<mj-preview>` from the envelope, unless the MJML source has its own."""
    head = ""
    for tag, value in (("mj-title", title), ("mj-preview", preheader)):
        if value and not re.search(rf"<{tag}\b", source, re.IGNORECASE):
            head += f"<{tag}>{html_lib.escape(value, quote=False)}</{tag}>"
    if not head:
        return source
    m = re.search(r"<mj-head\b[^>]*>", source, re.IGNORECASE)
    if m:
        return source[:m.end()] + head + source[m.end():]
    m = re.search(r"<mjml\b[^>]*>", source, re.IGNORECASE)
    if m is None:
        return source
    return source[:m.end()] + f"<mj-head>{head}</mj-head>" + source[m.end():]


def component_preview_source(source: str) -> tuple[str, int]:
    """(`<x-base>` around the component's template, line offset of the template in the file)."""
    match = _TEMPLATE.search(source)
    if match is None:
        return "<x-base>\n" + source + "\n</x-base>", -1
    offset = source.count("\n", 0, match.start(1))
    return "<x-base>" + match.group(1) + "</x-base>", offset


def build_email(source: str, *, styles=None, transformers=None, framework: str = "", filename: str = "",
                title: str = "", preheader: str = "", components=None, component: bool = False,
                instrument: bool = True, liquid: bool = True) -> Build:
    """The email `source` built as the app previews and ships it.

    `transformers`: `TransformerSettings` (None: none run). `framework`:
    "mjml" for the Framework switch. `components`: the custom components the
    email may use (a workspace, a folder, a mapping — as `compile_email`
    takes them). `component=True`: `source` is a component file without a
    usable template, previewed as raw markup inside `<x-base>`.
    """
    from engine.transformers.mjml_framework import is_mjml

    if not component and (framework.lower() == "mjml" or is_mjml(source, filename)):
        return build_mjml(source, styles=styles, transformers=transformers, filename=filename, components=components,
                          title=title, preheader=preheader, liquid=liquid)
    build = Build()
    line_offset = 0
    compile_source = source
    if component:
        compile_source, line_offset = component_preview_source(source)
    elif title or preheader:
        compile_source = with_envelope_props(source, title, preheader)
    started = time.perf_counter()
    try:
        compiled = compile_marked(compile_source, styles=styles, filename=filename,
                                  components=None if component else components, instrument=instrument)
    except ProblemError as exc:
        build.problems = _shift(exc.problems, line_offset)
        return build
    except Exception as exc:  # noqa: BLE001 - the editor must survive any half-typed input
        build.problems = [_internal(exc)]
        return build
    build.compile_ms = (time.perf_counter() - started) * 1000
    build.instrumented = compiled.marked_html != compiled.html
    problems = _shift(compiled.problems, line_offset)
    if not compiled.marked_html and not problems:
        problems.append(Problem("the email compiled to nothing", rule="compiler"))
    if liquid and "{" in source:
        from engine.liquid import check_liquid

        problems += check_liquid(source)
    marked, html = compiled.marked_html, compiled.html
    if transformers is not None and not component and marked:
        started = time.perf_counter()
        marked, html, found = _transform(marked, html, transformers, filename, build.instrumented)
        problems += found
        build.transform_ms = (time.perf_counter() - started) * 1000
    build.marked_html, build.html, build.problems = marked, html, problems
    return build


def _transform(marked: str, html: str, settings, filename: str, instrumented: bool) -> tuple[str, str, list[Problem]]:
    """(marked, clean, problems) after the enabled transformers; see the module docstring for the split."""
    from engine.transformers import apply_transformers, enabled_steps

    steps = enabled_steps(settings, filename=filename)
    if not steps:
        return marked, html, []
    if not instrumented:
        result = apply_transformers(marked, settings, filename=filename)
        return result.html, result.html, _transformer_problems(result.problems)
    if "formatter" not in steps:
        result = apply_transformers(marked, settings, filename=filename)
        return result.html, strip_marks(result.html), _transformer_problems(result.problems)
    head, tail = _split(settings)
    first = apply_transformers(marked, head, filename=filename)
    clean = apply_transformers(strip_marks(first.html), tail, filename=filename)
    shown = apply_transformers(first.html, tail, filename=filename)
    return shown.html, clean.html, _transformer_problems(first.problems + clean.problems)


def _split(settings):
    """(the settings without the byte-level tail, the tail alone)."""
    from engine.transformers import TransformerSettings

    head, tail = settings.copy(), TransformerSettings()
    for name in _TAIL:
        setattr(tail, name, getattr(head, name))
    off = TransformerSettings()
    head.formatter = off.formatter
    head.encode_entities = off.encode_entities
    head.prevent_widows = off.prevent_widows
    return head, tail


def _transformer_problems(problems) -> list[Problem]:
    return [p if p.line or p.rule else Problem(p.message, 0, 0, p.severity, "transformers", p.file, p.extra)
            for p in problems]


def build_mjml(source: str, *, styles=None, transformers=None, filename: str = "", components=None,
               title: str = "", preheader: str = "", liquid: bool = True) -> Build:
    """An MJML email (see the module docstring); invalid MJML leaves `html` empty with MRML's message."""
    from engine.compiler import compile_email
    from engine.transformers import TransformerSettings, apply_transformers

    build = Build(mjml=True)
    compiled: list[Problem] = []

    def compile_step(html: str) -> str:
        result = compile_email(html, styles=styles, filename=filename, components=components)
        compiled.extend(_unplaced(p) for p in result.problems)
        if not result.html:
            raise ProblemError([])
        return result.html

    started = time.perf_counter()
    try:
        result = apply_transformers(with_mjml_envelope(source, title, preheader), transformers or TransformerSettings(),
                                    filename=filename, framework="mjml", after_framework=compile_step)
    except Exception as exc:  # noqa: BLE001 - same promise as the HTML path
        build.problems = [_internal(exc)]
        return build
    build.transform_ms = (time.perf_counter() - started) * 1000
    build.problems = compiled + _transformer_problems(p for p in result.problems if p not in compiled)
    if liquid and "{" in source:
        from engine.liquid import check_liquid

        build.problems += check_liquid(source)
    if "mjml" in result.applied and "after_framework" in result.applied:
        build.html = build.marked_html = result.html
    return build


def _unplaced(p: Problem) -> Problem:
    """A problem in MJML's output: no line in the source; where it was in the compiled HTML goes in `extra`."""
    extra = dict(p.extra)
    if p.line:
        extra.setdefault("compiled_line", p.line)
        extra.setdefault("compiled_column", p.column)
    return Problem(p.message, 0, 0, p.severity, p.rule, p.file, extra)


def _internal(exc: Exception) -> Problem:
    return Problem(f"internal compiler error: {type(exc).__name__}: {exc}", 0, 0, Severity.ERROR, "compiler/internal")


def _shift(problems, offset: int) -> list[Problem]:
    if offset <= 0:
        return list(problems)
    return [Problem(p.message, p.line + offset if p.line else 0, p.column, p.severity, p.rule, p.file, p.extra)
            for p in problems]


def errors_in(problems) -> int:
    return sum(1 for p in problems if p.severity is Severity.ERROR)
