"""What the preview of a component tab shows: its presets, compiled as an email would use them.

The component path of the one build (`engine.email_build`); it runs in the
editor's build worker. No Qt here.

Decisions:
- The preview renders one preset's `content` inside `<x-base>`, compiled
  with every workspace component and the global styles, the component being
  edited taken from the editor (unsaved text included). That is what an
  author inserting the preset gets, so props, defaults, slots and styles are
  all exercised — the bare `<template>` (with `${props.x}` left unevaluated)
  told little.
- A component without presets previews one instance with no attributes
  (`<tag></tag>`): the script runs with the props' defaults. A file too broken
  to be a component (no `<template>`) falls back to its raw markup inside
  `<x-base>` so the author still sees something while typing.
- Problems are all given in the component file's own lines, so the Problems
  panel jumps inside this editor: the component's static problems (anatomy,
  tag rules, `config`), its script errors and prop-schema problems (file =
  this component), and problems of the preset's markup (unknown prop, wrong
  type) moved to where that preset's `content` sits in the script. Problems
  located in *other* components keep no line and name their file.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.problems import Problem

PRESET_FILE = "preset"


@dataclass
class PresetChoice:
    label: str
    content: str


def preset_choices(tag: str, source: str) -> list[PresetChoice]:
    """The presets the picker offers (at least one: the bare instance when there are none)."""
    from engine.components import parse_component

    d = parse_component(tag, source)
    presets = [PresetChoice(p.label, p.content) for p in d.presets]
    return presets or [PresetChoice(f"<{tag}> with its defaults", f"<{tag}></{tag}>")]


def component_filename(name: str, tag: str) -> str:
    """The file name the workspace library gives this component (problems carry it)."""
    return f"{name} <{tag}>"


def build_component_preview(source: str, tag: str, *, name: str, library_sources: dict[str, str],
                            library_filenames: dict[str, str] | None = None, styles=None, preset: int = 0):
    """`Build` of preset number `preset` (clamped) of the component `tag` whose text is `source`."""
    import time

    from engine.components import ComponentLibrary, parse_component

    from .email import Build, build_email, compile_marked

    filename = component_filename(name, tag)
    sources = dict(library_sources)
    names = dict(library_filenames or {})
    if tag:
        sources[tag] = source
        names[tag] = filename
    d = parse_component(tag, source, filename) if tag else None
    if d is None or d.template is None:
        fallback = build_email(source, styles=styles, filename=filename, component=True)
        return fallback
    choices = preset_choices(tag, source)
    choice = choices[max(0, min(preset, len(choices) - 1))]
    wrapper = "<x-base>\n" + choice.content + "\n</x-base>"
    build = Build()
    started = time.perf_counter()
    try:
        compiled = compile_marked(wrapper, styles=styles, filename=PRESET_FILE,
                                  components=ComponentLibrary(sources, names))
    except Exception as exc:  # noqa: BLE001 - the editor must survive any half-typed component
        build.problems = _located(list(d.problems), d, choice, filename)
        build.problems.append(Problem(f"The compiler failed on this component: {type(exc).__name__}: {exc}", 1, 1))
        return build
    build.compile_ms = (time.perf_counter() - started) * 1000
    build.marked_html = compiled.marked_html
    build.html = compiled.html
    build.instrumented = compiled.marked_html != compiled.html
    build.problems = _located(list(d.problems) + list(compiled.problems), d, choice, filename)
    return build


def _located(problems, d, choice: PresetChoice, filename: str) -> list[Problem]:
    """Every problem in this component file's lines (see the module docstring), duplicates dropped."""
    preset_line, preset_col = _preset_position(d, choice.content)
    out: list[Problem] = []
    seen = set()
    for p in problems:
        if p.file == PRESET_FILE:
            q = Problem(f"preset “{choice.label}”: {p.message}", preset_line, preset_col, p.severity, p.rule,
                        filename, p.extra)
        elif p.file in (filename, "", None):
            q = p
        else:
            q = Problem(f"{p.file}: {p.message}", 0, 0, p.severity, p.rule, p.file, p.extra)
        key = (q.message, q.line, q.column)
        if key not in seen:
            seen.add(key)
            out.append(q)
    return out


def _preset_position(d, content: str) -> tuple[int, int]:
    """Where the preset's content starts in the component file (its script), else 0 (no jump)."""
    offset = d.source.find(content[:40]) if content else -1
    if offset < 0:
        return 0, 0
    line = d.source.count("\n", 0, offset) + 1
    column = offset - (d.source.rfind("\n", 0, offset) + 1) + 1
    return line, column


__all__ = ["PresetChoice", "preset_choices", "build_component_preview", "component_filename"]
