"""A component file → `ComponentDef`: its parts, its static config, and what is wrong with it.

Checks done here need no JavaScript run (§4.1–4.3, §4.15): the required
`<script>` and `<template>`, nothing outside the supported top-level elements,
the tag-name rules, `config` being a static object literal with the known
keys, and presets whose content uses the component's own tag. Everything is
reported with the component file name, line and column. Definitions are
cached by (tag, filename, source): editing a component gives a new one, and
compiles never mutate a cached definition.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from engine.components import jsscan
from engine.components.names import tag_problem
from engine.document.nodes import Comment, Element, Position, Text
from engine.problems import Problem, Severity

TOP_LEVEL = ("script", "template", "style", "title", "meta", "link")
HEAD_ELEMENTS = ("style", "title", "meta", "link")
CONFIG_KEYS = ("label", "presets", "allowedParents")


@dataclass
class Preset:
    label: str
    content: str


@dataclass
class ComponentDef:
    tag: str
    filename: str
    source: str
    script: str = ""
    script_pos: Position = field(default_factory=Position)  # where the script text starts
    template: Element | None = None
    heads: list = field(default_factory=list)  # top-level style/title/meta/link (+ comments), in order
    config: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.config.get("label") or self.tag)

    @property
    def presets(self) -> list[Preset]:
        out = []
        for p in self.config.get("presets") or []:
            if isinstance(p, dict) and isinstance(p.get("content"), str):
                out.append(Preset(str(p.get("label") or self.label), p["content"]))
        return out

    @property
    def allowed_parents(self) -> list[str] | None:
        parents = self.config.get("allowedParents")
        return [str(p) for p in parents] if isinstance(parents, list) else None

    @property
    def usable(self) -> bool:
        """A component can be expanded only with a script and a template."""
        return self.template is not None and not any(p.rule == "component-anatomy" for p in self.problems)

    def script_position(self, js_line: int) -> tuple[int, int]:
        """(line, column) in the component file of line `js_line` of the script text (1-based)."""
        line = self.script_pos.line + js_line - 1
        lines = self.source.splitlines()
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return line, len(text) - len(text.lstrip()) + 1


def parse_component(tag: str, source: str, filename: str = "") -> ComponentDef:
    return _parse_cached(tag, source, filename or f"{tag}.html")


@lru_cache(maxsize=256)
def _parse_cached(tag: str, source: str, filename: str) -> ComponentDef:
    from engine.document.parser import parse_with_problems

    d = ComponentDef(tag, filename, source)

    def report(message, pos=None, *, rule="component", severity=Severity.ERROR):
        pos = pos or Position(1, 1)
        d.problems.append(Problem(message, pos.line, pos.column, severity, rule, filename))

    why = tag_problem(tag)
    if why:
        report(why, rule="component-tag")
    doc, problems = parse_with_problems(protect_interpolations(source), filename=filename)
    d.problems.extend(p.located(filename) for p in problems)
    scripts, templates = [], []
    for n in doc.children:
        if isinstance(n, Text):
            if n.text.strip():
                report("all code must be inside supported top-level elements (<script>, <template>, <style>, "
                       "<title>, <meta>, <link>); found text", _text_pos(n), rule="component-anatomy")
            continue
        if isinstance(n, Comment):
            continue
        if not isinstance(n, Element) or n.name not in TOP_LEVEL:
            what = f"<{n.tag}>" if isinstance(n, Element) else "markup"
            report(f"all code must be inside supported top-level elements (<script>, <template>, <style>, "
                   f"<title>, <meta>, <link>); found {what}", n.pos, rule="component-anatomy")
            continue
        if n.name == "script":
            scripts.append(n)
        elif n.name == "template":
            templates.append(n)
        else:
            d.heads.append(n)
    if not scripts:
        report("a component needs a <script> element (with at least its config)", Position(1, 1),
               rule="component-anatomy")
    if not templates:
        report("a component needs a <template> element", Position(1, 1), rule="component-anatomy")
    for extra in scripts[1:]:
        report("a component has one <script>; this one is ignored", extra.pos, severity=Severity.WARNING)
    for extra in templates[1:]:
        report("a component has one <template>; this one is ignored", extra.pos, severity=Severity.WARNING)
    if templates:
        d.template = templates[0]
    if scripts:
        el = scripts[0]
        body = el.children[0] if el.children and isinstance(el.children[0], Text) else None
        d.script = body.text if body else ""
        d.script_pos = body.pos if body else el.pos
        _read_config(d, report)
    return d


LT = "\ue000"  # stands for `<` inside `${ … }` while the template is parsed


def protect_interpolations(source: str) -> str:
    """Hide `<` inside the template's `${ … }` from the HTML parser, which would start a tag there.

    `${'<b>x</b>'}` must stay one expression (§16 must-have 9). The stand-in
    keeps every offset, so positions are unchanged; the expander puts `<`
    back before evaluating (`restore`).
    """
    start = source.find("<template")
    end = source.rfind("</template")
    if start < 0 or "${" not in source[start:]:
        return source
    end = len(source) if end < start else end
    region = source[start:end]
    out, last = [], 0
    for s, e, _expr in jsscan.find_interpolations(region):
        out.append(region[last:s])
        out.append(region[s:e].replace("<", LT))
        last = e
    out.append(region[last:])
    return source[:start] + "".join(out) + source[end:]


def restore(text: str) -> str:
    return text.replace(LT, "<") if LT in text else text


def _text_pos(n: Text) -> Position:
    stripped = n.text.lstrip()
    skipped = n.text[:len(n.text) - len(stripped)]
    line, col = jsscan.line_col(skipped, len(skipped), n.pos.line, n.pos.column)
    return Position(line, col)


def _script_pos(d: ComponentDef, offset: int) -> Position:
    line, col = jsscan.line_col(d.script, offset, d.script_pos.line, d.script_pos.column)
    return Position(line, col)


_BUILT_WITH = re.compile(r"(?<![\w$.])(?:export\s+)?(?:const|let|var)\s+(props|slots)\s*=\s*")


def _read_config(d: ComponentDef, report) -> None:
    """`config` must be a static object literal (§4.3); read it without running the script."""
    from engine.components.sandbox import Sandbox, SandboxError

    code = d.script
    for start, end in jsscan.top_level_spans(code):
        for m in _BUILT_WITH.finditer(code, start, end):
            rest = code[m.end():m.end() + 40]
            if not re.match(r"Component\s*\.\s*define(Props|Slots)\s*\(", rest):
                which = "defineProps" if m.group(1) == "props" else "defineSlots"
                report(f"`{m.group(1)}` must be built with Component.{which}(…)", _script_pos(d, m.start()),
                       rule="component-api")
    span = jsscan.find_config(code)
    if span is None:
        return
    start, end = span
    literal = code[start:end]
    pos = _script_pos(d, start)
    if not literal.lstrip().startswith("{"):
        report("`config` must be a static object literal: { label, presets, allowedParents }", pos,
               rule="component-config")
        return
    try:
        config = _static_sandbox().eval_static(literal)
    except SandboxError as exc:
        report(f"`config` must be a static object literal (no variables or calls): {exc.message}", pos,
               rule="component-config")
        return
    if not isinstance(config, dict):
        report("`config` must be an object", pos, rule="component-config")
        return
    d.config = config
    for key in config:
        if key not in CONFIG_KEYS:
            report(f"unknown config key '{key}' (config keys: {', '.join(CONFIG_KEYS)})", pos,
                   severity=Severity.WARNING, rule="component-config")
    if "label" in config and not isinstance(config["label"], str):
        report("config.label must be a string", pos, rule="component-config")
    parents = config.get("allowedParents")
    if parents is not None and not (isinstance(parents, list) and all(isinstance(p, str) for p in parents)):
        report("config.allowedParents must be an array of component tags", pos, rule="component-config")
    presets = config.get("presets")
    if presets is None:
        return
    if not isinstance(presets, list):
        report("config.presets must be an array of { label, content }", pos, rule="component-config")
        return
    for i, p in enumerate(presets):
        if not isinstance(p, dict) or not isinstance(p.get("content"), str) or not isinstance(p.get("label"), str):
            report(f"config.presets[{i}] must be {{ label: string, content: string }}", pos, rule="component-config")
            continue
        m = re.match(r"\s*<([A-Za-z][\w-]*)", p["content"])
        used = m.group(1) if m else None
        if used != d.tag:
            where = _preset_pos(d, p["content"]) or pos
            report(f"the component tag '{d.tag}' differs from the tag in presets[{i}].content "
                   f"('{used or 'none'}'); they must match", where, rule="component-preset-tag")


def _preset_pos(d: ComponentDef, content: str) -> Position | None:
    probe = content[:30]
    i = d.script.find(probe)
    return _script_pos(d, i) if i >= 0 else None


_STATIC = None


def _static_sandbox():
    """A context without the component runtime, only for reading static `config` literals."""
    global _STATIC
    import threading

    from engine.components.sandbox import Sandbox

    local = _STATIC_LOCAL.__dict__
    if "sandbox" not in local:
        local["sandbox"] = _BareSandbox()
    return local["sandbox"]


class _BareSandbox:
    def __init__(self):
        import quickjs

        self.ctx = quickjs.Context()
        self.ctx.set_time_limit(0.2)
        self.ctx.set_memory_limit(8 * 1024 * 1024)
        self._fn = self.ctx.eval("(function (src) { return JSON.stringify((0, eval)('(' + src + '\\n)')); })")

    def eval_static(self, code: str):
        import quickjs

        from engine.components.sandbox import _translate

        try:
            out = self._fn(code)
        except (quickjs.JSException, quickjs.StackOverflow) as exc:
            raise _translate(exc) from None
        return None if out is None else json.loads(out)


import threading as _threading  # noqa: E402

_STATIC_LOCAL = _threading.local()
