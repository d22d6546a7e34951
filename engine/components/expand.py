"""Pipeline step 3 (§1.2): expand custom components, recursively, into standard components + HTML.

For each instance: evaluate its attributes in the caller's scope, run the
component's `<script>` in the compile's sandbox (props validated there),
apply directives to the `<template>` (§4.9), fill slots with the caller's
content (evaluated in the *caller's* scope), and collect the component's
top-level `<style>`/`<title>`/`<meta>`/`<link>` for the head (§4.10, §4.11).
The result is plain parsed nodes, so the standard passes run unchanged.

Decisions ([inf]/[gap] points):
- The email itself is not a template: `${}` and directives other than `#slot`
  are not evaluated there (the standard pass warns about them); attributes of
  an instance written in the email are still JavaScript (`:products="[…]"`).
- `${}` and attribute values print nothing for `undefined`/`null`; an
  attribute whose value is `undefined`, `null` or `false` is left out, `true`
  prints `"true"`.
- `${{ liquid }}` is a dollar sign before Liquid output, not interpolation.
- `#each` with `#if` on one element: the `#if` filters each item; such an
  element does not open an `#if` chain.
- Values passed to standard components (`<x-box :background="props.bg">`) keep
  their JavaScript type (objects, numbers), unescaped, like literals written
  in the email; attributes of plain HTML elements are `String(value)`,
  HTML-escaped (Liquid inside them is kept as written).
- Nodes produced by an instance carry the position of the outermost instance
  in the email, so a standard-component problem points where the user can act.
- `#set:is` accepts a tag string or a component reference: each component is
  visible to scripts under its PascalCase name (`custom-button` → `CustomButton`).
- `Component.context` follows where an instance is *rendered*, not where it
  is written: an instance the email places in a wrapper's `<slot>` inherits
  the wrapper's context (Vue's provide/inject through slots), while its props
  are still evaluated in the scope that wrote them. `_rendering` is the stack
  of instances whose template is being expanded; its top is the context
  parent of any instance created meanwhile. Each instance gets its own context
  object inheriting from that parent's, so a `set` never reaches siblings.
"""
from __future__ import annotations

import html as _html
import json
import re
from dataclasses import dataclass, field, replace

from engine.components import jsscan, plan
from engine.components.sandbox import Sandbox, SandboxAborted, SandboxError, global_styles_object
from engine.components.source import ComponentDef, restore
from engine.compiler.tree import EvaluatedAttribute
from engine.compiler.values import format_number
from engine.document.nodes import Attribute, Comment, Element, Liquid, Position, Text
from engine.problems import Problem, Severity

MAX_DEPTH = 40
CONTROL = plan.CONTROL
_EACH = plan.EACH
_TEXT_ESC = re.compile(r"[&<>]")
_ATTR_ESC = re.compile(r'[&<>"]')
_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_ENT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def escape_text(s: str) -> str:
    return _escape(s, _TEXT_ESC)


def escape_attr(s: str) -> str:
    return _escape(s, _ATTR_ESC)


def _escape(s: str, pattern) -> str:
    if not pattern.search(s):
        return s
    if "{{" in s or "{%" in s:  # keep Liquid exactly as written
        out, pos = [], 0
        for m in _LIQUID.finditer(s):
            out.append(pattern.sub(lambda c: _ENT[c.group()], s[pos:m.start()]))
            out.append(m.group())
            pos = m.end()
        out.append(pattern.sub(lambda c: _ENT[c.group()], s[pos:]))
        return "".join(out)
    return pattern.sub(lambda c: _ENT[c.group()], s)


def js_string(v) -> str:
    """JavaScript's String(v) for JSON data."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return format_number(v)
    if isinstance(v, list):
        return ",".join("" if x is None else js_string(x) for x in v)
    if isinstance(v, dict):
        return "[object Object]"
    return str(v)


@dataclass
class Frame:
    """Where a list of nodes is being expanded."""

    file: str
    template: bool  # inside a component template (directives and `${}` live)
    outer: Position | None = None  # the outermost instance in the email
    chain: tuple = ()  # enclosing custom component tags (for allowedParents)
    inst: "Instance | None" = None


@dataclass
class Instance:
    definition: ComponentDef
    slots: dict = field(default_factory=dict)  # name -> list of (nodes, Frame, scope id)
    slot_specs: dict | None = None


class ComponentExpander:
    def __init__(self, library, problems: list[Problem], *, styles=None, filename: str = "",
                 time_limit: float | None = None):
        self.library = library
        self.problems = problems
        self.styles = styles
        self.filename = filename
        self.time_limit = time_limit
        self.heads: list[tuple] = []
        self._sandbox: Sandbox | None = None
        self._reported: set[str] = set()
        self._broken: set[str] = set()
        self._abort_reported = False
        self._rendering: list[int] = []  # scope ids of the instances whose template is being expanded

    # ---- plumbing -----------------------------------------------------------------
    @property
    def js(self) -> Sandbox:
        if self._sandbox is None:
            kw = {"time_limit": self.time_limit} if self.time_limit else {}
            self._sandbox = Sandbox(global_styles=global_styles_object(self.styles),
                                    component_tags=self.library.tags(), **kw)
        return self._sandbox

    def report(self, message: str, file: str, pos: Position | None, *, severity=Severity.ERROR,
               rule: str = "component") -> None:
        pos = pos or Position(0, 0)
        self.problems.append(Problem(message, pos.line, pos.column, severity, rule, file))

    def js_failed(self, exc: Exception, file: str, pos: Position | None, what: str) -> None:
        if isinstance(exc, SandboxAborted):
            return
        msg = exc.message if isinstance(exc, SandboxError) else str(exc)
        if isinstance(exc, SandboxError) and (exc.interrupted or exc.out_of_memory):
            if self._abort_reported:
                return
            self._abort_reported = True
            msg = f"stopped after {self.js.time_limit:g} s (endless loop?)" if exc.interrupted else "ran out of memory"
        self.report(f"{what}: {msg}", file, pos, rule="component-script")

    def call(self, name: str, frame: Frame, pos: Position | None, code: str, sid: int, what: str, *extra):
        """A bridge call that reports its own failure (returns None then)."""
        try:
            return self.js.call(name, sid, restore(code), *extra)
        except (SandboxError, SandboxAborted) as exc:
            self.js_failed(exc, frame.file, pos, f"{what} `{code.strip()[:60]}`")
            return _FAILED

    # ---- the email ------------------------------------------------------------------
    def expand_email(self, nodes: list, frame: Frame) -> list:
        """Email level: only instances are expanded; other elements are kept (children walked in place)."""
        out = []
        for n in nodes:
            if n.__class__ is Element:
                if n.name in self.library:
                    out.extend(self.instance(n, frame, 0))
                    continue
                if n.children:
                    n.children = self.expand_email(n.children, frame)
            out.append(n)
        return out

    # ---- instances ------------------------------------------------------------------------
    def instance(self, el: Element, frame: Frame, sid: int, tag: str | None = None) -> list:
        tag = tag or el.name
        d = self.library.get(tag)
        if d is None:
            self.report(f"unknown custom component <{tag}>", frame.file, el.pos, rule="unknown-component")
            return []
        if tag not in self._reported:
            self._reported.add(tag)
            self.problems.extend(d.problems)
        if not d.usable or tag in self._broken:
            return []
        if len(frame.chain) >= MAX_DEPTH or frame.chain.count(tag) >= 8:
            self.report(f"<{tag}> includes itself too deeply (recursive component?)", frame.file, el.pos,
                        rule="component-recursion")
            return []
        parents = d.allowed_parents
        if parents is not None and (not frame.chain or frame.chain[-1] not in parents):
            where = f"<{frame.chain[-1]}>" if frame.chain else "the email body"
            self.report(f"<{tag}> can only be placed inside {', '.join(f'<{p}>' for p in parents) or 'nothing'} "
                        f"(config.allowedParents), not in {where}", frame.file, el.pos, rule="component-parent")
        js = self.js
        try:
            if tag not in js.defined:
                js.define(tag, plan.script_code(d.script), plan.template_expressions(d))
        except SandboxAborted:
            return []
        except SandboxError as exc:
            self._broken.add(tag)
            line, col = d.script_position(max(1, exc.line - 1))
            self.report(f"<{tag}> script: {exc.message}", d.filename, Position(line, col), rule="component-script")
            return []
        props = plan.props_code(el)
        runaway_key = (tag, plan.source_hash(d), props[0], frame.chain)
        known = _RUNAWAY.get(runaway_key)
        if known is not None:  # stopped in an earlier compile: same source, same props — fail at once
            self._abort_reported = True
            self.problems.extend(known)
            return []
        reported = len(self.problems)
        try:
            return self._instance(el, frame, sid, tag, d, props)
        finally:
            if self.js.aborted and not _RUNAWAY.get(runaway_key):
                stopped = [p for p in self.problems[reported:] if p.rule in ("component-timeout", "component-script")]
                if stopped:
                    if len(_RUNAWAY) > 256:
                        _RUNAWAY.clear()
                    _RUNAWAY[runaway_key] = stopped

    def _instance(self, el: Element, frame: Frame, sid: int, tag: str, d: ComponentDef, props: tuple) -> list:
        js = self.js
        raw = self.props_object(el, frame, sid, tag, props)
        if raw is _FAILED:
            return []
        props, static_keys = raw
        try:
            context_sid = self._rendering[-1] if self._rendering else -1
            inst_sid = js.call("run", str(js.defined[tag]), tag, props, sid, ",".join(static_keys), context_sid)
        except SandboxAborted:
            return []
        except SandboxError as exc:
            self.script_failed(exc, d, tag)
            self.collect(d, el, frame)
            return []
        self.collect(d, el, frame)
        spec = None
        if "defineSlots" in d.script:
            spec = json.loads(js.call("slots", inst_sid)) or None
        inst = Instance(d, self.partition(el, frame, sid, tag), spec)
        if spec:
            self.check_slots(inst, el, frame)
        inner = Frame(d.filename, True, frame.outer or el.pos, frame.chain + (tag,), inst)
        self._rendering.append(inst_sid)
        try:
            for head in self.template_nodes(d.heads, inner, inst_sid):
                self.head_item(head)
            body = self.template_nodes(d.template.children, inner, inst_sid)
        except SandboxAborted:
            return []
        finally:
            self._rendering.pop()
        self.collect(d, el, frame)
        marker = el.get(plan.INSPECT_MARKER) if frame.outer is None else None
        if marker:
            body = [replace(n, attrs=n.attrs + [Attribute(plan.INSPECT_MARKER, marker, n.pos)])
                    if n.__class__ is Element and n.get(plan.INSPECT_MARKER) is None else n for n in body]
        return body

    def props_object(self, el: Element, frame: Frame, sid: int, tag: str, props: tuple):
        """The instance's raw props as a JS object (one sandbox call); `props` from `plan.props_code`."""
        code, static, notes = props
        for kind, a in notes:
            if kind == "liquid":
                self.report("Liquid between a component's attributes is ignored", frame.file, a.pos,
                            severity=Severity.WARNING, rule="liquid-attribute")
            else:
                self.report(f"directive {a.name} has no effect on a component instance", frame.file, a.pos,
                            severity=Severity.WARNING, rule="directive")
        try:
            return self.js.call("ev", sid, code), static
        except SandboxAborted:
            return _FAILED
        except SandboxError as exc:
            # Find the attribute at fault for a precise position.
            for a in el.attrs:
                if a.name.startswith((":", "#set")) and a.name not in (":is", "#set:is"):
                    try:
                        self.js.call("ev", sid, f"({a.value or 'undefined'}\n)")
                    except (SandboxError, SandboxAborted) as inner:
                        self.js_failed(inner, frame.file, a.value_pos or a.pos, f"<{tag}> {a.name}")
                        return _FAILED
            self.js_failed(exc, frame.file, el.pos, f"<{tag}> attributes")
            return _FAILED

    def script_failed(self, exc: SandboxError, d: ComponentDef, tag: str) -> None:
        if exc.script == self.js.defined.get(tag) and exc.line:
            line, col = d.script_position(max(1, exc.line - 1))
            if exc.interrupted:
                line, col = _loop_line(d, line, col)
        else:
            line, col = d.script_pos.line, d.script_pos.column
        m = re.search(r"(Component\.(?:props|slots)\.\w+)\(\)", exc.message)
        if m:  # QuickJS may report a call through a Proxy at a later line: find the call itself
            hit = re.search(re.escape(m.group(1)).replace(r"\.", r"\s*\.\s*") + r"\s*\(", d.source)
            if hit:
                line, col = jsscan.line_col(d.source, hit.start())
        if exc.interrupted or exc.out_of_memory:
            if self._abort_reported:
                return
            self._abort_reported = True
            why = (f"stopped after {self.js.time_limit:g} s (endless loop?)" if exc.interrupted
                   else "ran out of memory")
            self.report(f"component <{tag}>: script {why} at line {line}", d.filename, Position(line, col),
                        rule="component-timeout")
            return
        self.report(f"component <{tag}> script, line {line}: {exc.message}", d.filename, Position(line, col),
                    rule="component-script")

    def collect(self, d: ComponentDef, el: Element, frame: Frame) -> None:
        """Problems the runtime found (prop validation, undeclared props), each located."""
        try:
            found = self.js.take_problems()
        except Exception:  # noqa: BLE001 - an aborted context has nothing more to say
            return
        for p in found:
            where = p.get("where")
            severity = Severity.WARNING if p.get("severity") == "warning" else Severity.ERROR
            if where == "instance":
                key = p.get("key")
                attr = None
                if key:
                    for a in el.attrs:
                        if a.key == key or a.name == f"#set:{key}":
                            attr = a
                            break
                self.report(p["message"], frame.file, attr.pos if attr else el.pos, severity=severity,
                            rule="component-prop")
            else:
                pos = _prop_use_pos(d, p.get("prop")) if p.get("prop") else None
                self.report(p["message"], d.filename, pos or d.script_pos, severity=severity,
                            rule="component-prop")

    # ---- slots --------------------------------------------------------------------------------
    def partition(self, el: Element, frame: Frame, sid: int, tag: str) -> dict:
        slots: dict[str, list] = {}
        content_frame = replace(frame, chain=frame.chain + (tag,))
        default = []
        for c in el.children:
            if c.__class__ is Element and c.attr("#slot") is not None:
                a = c.attr("#slot")
                name = (a.value or "default").strip()
                stripped = replace(c, attrs=[x for x in c.attrs if x is not a])
                slots.setdefault(name, []).append(([stripped], content_frame, sid))
            else:
                default.append(c)
        if any(_significant(n) for n in default):
            slots.setdefault("default", []).insert(0, (default, content_frame, sid))
        return slots

    def check_slots(self, inst: Instance, el: Element, frame: Frame) -> None:
        specs = inst.slot_specs or {}
        tag = inst.definition.tag
        for name, groups in inst.slots.items():
            if name not in specs:
                first = groups[0][0][0]
                self.report(f"<{tag}> has no slot named '{name}' (slots: {', '.join(specs) or 'none'})", frame.file,
                            getattr(first, "pos", el.pos), severity=Severity.WARNING, rule="component-slot")
        for name, spec in specs.items():
            if spec.get("kind") != "children":
                continue
            children = [c for nodes, _f, _s in inst.slots.get(name, []) for c in _child_elements(nodes)]
            allowed = spec.get("tags") or []
            for c in children:
                if c.name not in allowed:
                    self.report(f"slot '{name}' of <{tag}> accepts only {', '.join(f'<{t}>' for t in allowed)}; "
                                f"<{c.tag}> is not allowed", frame.file, c.pos, rule="component-slot")
            mx, mn = spec.get("max"), spec.get("min")
            if mx is not None and len(children) > mx:
                self.report(f"slot '{name}' of <{tag}> accepts at most {mx} children; found {len(children)}",
                            frame.file, children[mx].pos, rule="component-slot")
            if mn is not None and len(children) < mn:
                self.report(f"slot '{name}' of <{tag}> needs at least {mn} children; found {len(children)}",
                            frame.file, el.pos, rule="component-slot")

    def slot(self, el: Element, frame: Frame, sid: int) -> list:
        name = (el.get("name") or "default").strip()
        groups = frame.inst.slots.get(name) if frame.inst else None
        if groups:
            out = []
            for nodes, src, src_sid in groups:
                if src.template:
                    out.extend(self.template_nodes(nodes, src, src_sid))
                else:
                    out.extend(self.expand_email([_copy(n) for n in nodes], src))
            return out
        return self.template_nodes(el.children, frame, sid)  # fallback content

    # ---- templates ---------------------------------------------------------------------------
    def template_nodes(self, nodes: list, frame: Frame, sid: int) -> list:
        out = []
        chain = None  # None: no open #if chain; False: open, nothing rendered yet; True: a branch rendered
        for n in nodes:
            cls = n.__class__
            if cls is Text:
                if "${" in n.text:
                    out.append(Text(n.pos, text=self.interpolate(n.text, n.pos, frame, sid)))
                else:
                    out.append(n)
                if n.text.strip():
                    chain = None
                continue
            if cls is Comment:
                out.append(self.comment(n, frame, sid))
                continue
            if cls is not Element:
                out.append(n)
                chain = None
                continue
            attrs = n.attrs
            has_directive = any(a.name[:1] == "#" for a in attrs)
            if not has_directive:
                chain = None
                out.extend(self.element(n, frame, sid))
                continue
            a_if, a_elif, a_else, a_each = n.attr("#if"), n.attr("#else-if"), n.attr("#else"), n.attr("#each")
            if a_elif is not None or a_else is not None:
                a = a_elif if a_elif is not None else a_else
                if chain is None:
                    self.report(f"{a.name} must follow a sibling with #if or #else-if", frame.file, a.pos,
                                rule="directive-chain")
                    continue
                if chain:
                    if a_else is not None:
                        chain = None
                    continue
                if a_else is not None:
                    chain = None
                else:
                    ok = self.call("truthy", frame, a.pos, a.value or "undefined", sid, "#else-if")
                    if ok is not True:
                        continue
                    chain = True
            elif a_if is not None and a_each is None:
                ok = self.call("truthy", frame, a_if.pos, a_if.value or "undefined", sid, "#if")
                chain = ok is True
                if not chain:
                    continue
            else:
                chain = None
            if a_each is not None:
                out.extend(self.each(n, a_each, a_if, frame, sid))
            else:
                out.extend(self.element(n, frame, sid))
        return out

    def each(self, el: Element, a_each: Attribute, a_if: Attribute | None, frame: Frame, sid: int) -> list:
        m = _EACH.match(a_each.value or "")
        if not m:
            self.report("#each must read 'item in list', '(item, index) in list', '(value, key) in object' or "
                        "'(value, key, index) in object'", frame.file, a_each.pos, rule="directive-each")
            return []
        a, b, c, single, expr = m.groups()
        got = self.call("each", frame, a_each.pos, expr, sid, "#each", single or a, b or "", c or "")
        if got is _FAILED:
            return []
        first, count = (int(x) for x in got.split(","))
        out = []
        for item_sid in range(first, first + count):
            if a_if is not None:
                ok = self.call("truthy", frame, a_if.pos, a_if.value or "undefined", item_sid, "#if")
                if ok is not True:
                    continue
            out.extend(self.element(el, frame, item_sid))
        return out

    def interpolate(self, text: str, pos: Position, frame: Frame, sid: int) -> str:
        out, last = [], 0
        for start, end, expr in plan.interpolations(text):
            out.append(text[last:start])
            line, col = jsscan.line_col(text, start, pos.line, pos.column)
            v = self.call("str", frame, Position(line, col), expr, sid, "${}")
            out.append("" if v is _FAILED else escape_text(v))
            last = end
        out.append(text[last:])
        return "".join(out)

    def comment(self, n: Comment, frame: Frame, sid: int) -> Comment:
        """Conditional comments are markup: directives and `${}` inside them run (§4.8)."""
        t = n.text
        if not n.is_conditional or not ("${" in t or ":" in t or "#" in t):
            return n
        head_end = t.find(">")
        tail_start = t.rfind("<![endif]")
        if head_end < 0 or tail_start <= head_end:
            return n
        from engine.document.parser import parse_with_problems
        from engine.document.serialize import serialize

        inner, problems = parse_with_problems(t[head_end + 1:tail_start])
        if problems:
            return n
        expanded = self.template_nodes(inner.children, frame, sid)
        return Comment(n.pos, text=t[:head_end + 1] + serialize(expanded) + t[tail_start:])

    # ---- one element ---------------------------------------------------------------------------
    def element(self, el: Element, frame: Frame, sid: int) -> list:
        if el.attr("#is:raw") is not None:
            attrs = [a for a in el.attrs if a.name != "#is:raw"]
            children = [Text(c.pos, text=restore(c.text)) if c.__class__ is Text else c for c in el.children]
            return [replace(el, attrs=attrs, children=children, pos=frame.outer or el.pos)]
        tag = el.tag
        a_is = el.attr("#is")
        a_dyn_is = el.attr(":is") or el.attr("#set:is")
        if a_is is not None and a_is.value:
            tag = a_is.value.strip()
        elif a_dyn_is is not None:
            v = self.call("data", frame, a_dyn_is.pos, a_dyn_is.value or "undefined", sid, a_dyn_is.name)
            if v is _FAILED or v is None:
                return []
            v = json.loads(v)
            if isinstance(v, dict) and isinstance(v.get("__component"), str):
                tag = v["__component"]
            elif isinstance(v, str) and v.strip():
                tag = v.strip()
            else:
                self.report(f"{a_dyn_is.name} must give a tag name or a component", frame.file, a_dyn_is.pos,
                            rule="directive-is")
                return []
        name = tag.lower()
        if name == "slot" and frame.inst is not None:
            return self.slot(el, frame, sid)
        if name in self.library:
            return self.instance(el, frame, sid, name)
        if name == "fragment" and a_is is None and a_dyn_is is None:
            html_attr = el.attr("#set:html") or el.attr(":html")
            if html_attr is not None:
                return self.raw_html(html_attr, frame, sid)
            return self.template_nodes(el.children, frame, sid)
        return [self.build(el, tag, frame, sid)]

    def raw_html(self, a: Attribute, frame: Frame, sid: int) -> list:
        v = self.call("str", frame, a.pos, a.value or "undefined", sid, a.name)
        if v is _FAILED or not v:
            return []
        from engine.document.parser import parse_with_problems

        doc, problems = parse_with_problems(v)
        if problems:
            return [Text(a.pos, text=v)]
        return self.expand_email(doc.children, frame)

    def build(self, el: Element, tag: str, frame: Frame, sid: int) -> Element:
        standard = tag[:2].lower() == "x-"
        attrs: list = []
        classes: list[str] = []
        styles: list[str] = []
        inner_html = None

        def put(key: str, value, a: Attribute, evaluated: bool) -> None:
            """One computed attribute (from `:key`, `#set:key` or `#set`)."""
            if key == "class":
                classes.append(value if isinstance(value, str) else _class_of(value))
            elif key == "style":
                styles.append(value if isinstance(value, str) else _style_of(value))
            elif standard:
                if value is not None:
                    attrs.append(EvaluatedAttribute(":" + key, None, a.pos, data=value))
            elif value is not None and value is not False:
                attrs.append(Attribute(key, escape_attr(js_string(value)), a.pos))

        for a in el.attrs:
            nm = a.name
            if a.is_liquid:
                attrs.append(a)
                continue
            first = nm[:1]
            if first == "#":
                if nm in CONTROL or nm in ("#is", "#set:is"):
                    continue
                if nm == "#isolated":
                    attrs.append(Attribute("isolated", a.value, a.pos))
                elif nm == "#set":
                    got = self.call("entries", frame, a.pos, a.value or "undefined", sid, "#set")
                    if got is not _FAILED:
                        for k, v in json.loads(got):
                            put(k, v, a, True)
                elif nm.startswith("#set:"):
                    inner_html = self.dynamic(nm[5:], a, frame, sid, put, classes, styles, inner_html)
                elif nm.startswith("#class:"):
                    classes.append(nm[7:])
                elif nm.startswith("#style:"):
                    styles.append(f"{nm[7:]}:{a.value or ''}")
                else:
                    self.report(f"unknown directive {nm}", frame.file, a.pos, severity=Severity.WARNING,
                                rule="directive")
            elif first == ":":
                if nm == ":is":
                    continue
                inner_html = self.dynamic(nm[1:], a, frame, sid, put, classes, styles, inner_html)
            else:
                key = nm.lower()
                if key == "class":
                    classes.append(a.value or "")
                elif key == "style":
                    styles.append(a.value or "")
                else:
                    attrs.append(a)
        cls = " ".join(" ".join(classes).split())
        if cls:
            attrs.append(Attribute("class", cls if standard else escape_attr(cls)))
        style = ";".join(s.strip().rstrip(";") for s in styles if s and s.strip().rstrip(";"))
        if style:
            attrs.append(Attribute("style", style if standard else escape_attr(style)))
        name = tag.lower()
        if inner_html is not None:
            from engine.document.parser import parse_with_problems

            doc, problems = parse_with_problems(inner_html)
            children = [Text(el.pos, text=inner_html)] if problems else self.expand_email(doc.children, frame)
        elif name == "style":
            children = [Text(c.pos, text=self.css(c.text, c.pos, frame, sid)) if c.__class__ is Text else c
                        for c in el.children]
        elif name in ("title", "textarea"):
            children = [Text(c.pos, text=self.interpolate(c.text, c.pos, frame, sid))
                        if c.__class__ is Text and "${" in c.text else c for c in el.children]
        elif name == "script":
            children = el.children
        else:
            children = self.template_nodes(el.children, frame, sid)
        same = tag == el.tag
        return Element(frame.outer or el.pos, tag=tag, attrs=attrs, children=children,
                       self_closing=el.self_closing and inner_html is None,
                       end_tag=el.end_tag if same else None, open_tail="")

    def dynamic(self, key: str, a: Attribute, frame: Frame, sid: int, put, classes, styles, inner_html):
        code = a.value or "undefined"
        lk = key.lower()
        if lk == "html":
            v = self.call("str", frame, a.pos, code, sid, a.name)
            return inner_html if v is _FAILED else v
        if lk == "class":
            v = self.call("cls", frame, a.pos, code, sid, a.name)
            if v is not _FAILED:
                classes.append(v)
        elif lk.startswith("class:"):
            if self.call("truthy", frame, a.pos, code, sid, a.name) is True:
                classes.append(key[6:])
        elif lk == "style":
            v = self.call("style", frame, a.pos, code, sid, a.name)
            if v is not _FAILED:
                styles.append(v)
        elif lk.startswith("style:"):
            v = self.call("attr", frame, a.pos, code, sid, a.name)
            if v not in (_FAILED, None, ""):
                styles.append(f"{key[6:]}:{v}")
        else:
            v = self.call("data", frame, a.pos, code, sid, a.name)
            if v is not _FAILED:
                put(key, None if v is None else json.loads(v), a, True)
        return inner_html

    # ---- stylesheets and head ---------------------------------------------------------------------
    def css(self, text: str, pos: Position, frame: Frame, sid: int) -> str:
        """`set('props.x')`, `set(expr)` and `.name-set(hash)` selectors (§4.10)."""
        if "set(" not in text:
            return text
        for start, end, code in reversed(plan.set_calls(text)):
            line, col = jsscan.line_col(text, start, pos.line, pos.column)
            v = self.call("css", frame, Position(line, col), code, sid, "set()")
            if v is _FAILED:
                v = None
            if v is None and code.strip().startswith("globalStyles."):
                self.report(f"set('{code.strip()}'): unknown global style", frame.file, Position(line, col),
                            severity=Severity.WARNING, rule="unknown-global-style")
            if v is not None:
                text = text[:start] + v + text[end:]
                continue
            before = max(text.rfind(";", 0, start), text.rfind("{", 0, start), text.rfind("}", 0, start))
            if before >= 0 and text[before] != "}":  # inside a declaration block: drop the declaration
                semi = text.find(";", end)
                close = text.find("}", end)
                stop = semi + 1 if semi >= 0 and (close < 0 or semi < close) else (close if close >= 0 else len(text))
                text = text[:before + 1] + text[stop:]
            else:
                text = text[:start] + text[end:]
        return text

    def head_item(self, n) -> None:
        if n.__class__ is not Element:
            return
        name = n.name
        if name == "style":
            css = "".join(c.text for c in n.children if c.__class__ is Text)
            iso = n.attr("isolated")
            isolated = None if iso is None else (iso.value or True)
            self.heads.append(("style", css, isolated, n.get("media", "") or ""))
        elif name == "title":
            self.heads.append(("title", "".join(c.text for c in n.children if c.__class__ is Text)))
        elif name in ("meta", "link"):
            from engine.compiler.markup import open_tag

            self.heads.append(("tag", open_tag(n)))

    def apply_heads(self, head) -> None:
        """Hand the collected head material to the compiler's `HeadCollector`."""
        for item in self.heads:
            if item[0] == "style":
                head.add_style(item[1], isolated=item[2], media=item[3])
            elif item[0] == "title":
                head.add_title(item[1])
            else:
                head.add_tag(item[1])


_FAILED = object()

# Instances whose JavaScript ran out of time or memory, with the problems reported then. The editor
# recompiles on every keystroke: an instance that stopped once fails at once in the next compiles
# (same component source, same attributes, same place) instead of freezing each of them for a second.
# Editing the component or the instance's attributes runs it again.
_RUNAWAY: dict[tuple, list] = {}


def _significant(n) -> bool:
    if n.__class__ is Text:
        return bool(n.text.strip())
    return n.__class__ is not Comment


def _child_elements(nodes):
    for n in nodes:
        if n.__class__ is Element:
            if n.name == "fragment":
                yield from _child_elements(n.children)
            elif n.name != "x-empty-state":
                yield n


def _copy(n):
    """A shallow copy deep enough for `expand_email`, which rewrites `children` in place."""
    if n.__class__ is Element:
        return replace(n, children=[_copy(c) for c in n.children])
    return n


def _class_of(v) -> str:
    if isinstance(v, list):
        return " ".join(js_string(x) for x in v if x)
    if isinstance(v, dict):
        return " ".join(k for k, on in v.items() if on)
    return "" if v is None else js_string(v)


def _style_of(v) -> str:
    if isinstance(v, dict):
        from engine.compiler.resolve import style_from_object

        return style_from_object({k: x for k, x in v.items() if x not in (None, "", False)})
    return "" if v is None else js_string(v)


def _prop_use_pos(d: ComponentDef, prop: str) -> Position | None:
    m = re.search(r"props\s*(?:\.\s*" + re.escape(prop) + r"\b|\[\s*['\"]" + re.escape(prop) + r"['\"]\s*\])",
                  d.source)
    if not m:
        return None
    line, col = jsscan.line_col(d.source, m.start())
    return Position(line, col)


def _loop_line(d: ComponentDef, line: int, col: int) -> tuple[int, int]:
    """QuickJS reports an interrupted loop at a nearby line; point at the loop itself when it is close by."""
    lines = d.source.splitlines()
    for candidate in (line, line + 1, line - 1, line + 2):
        if 0 < candidate <= len(lines) and re.search(r"\b(while|for|do)\b", lines[candidate - 1]):
            text = lines[candidate - 1]
            return candidate, re.search(r"\b(while|for|do)\b", text).start() + 1
    return line, col
