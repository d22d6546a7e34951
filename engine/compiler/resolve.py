"""Pass 1 — resolve values: parsed nodes → typed `Component`s and `Raw` elements.

Every attribute of a standard component is read here once: `:`-expressions
go through the literal evaluator, `globalStyles.*` references are resolved
against the workspace styles, responsive/dark objects are normalised to
`Dynamic`, and each value is checked against the component schema. A bad
value is a `Problem` located at its attribute and the prop is dropped, so the
rest of the email still compiles.

Structural checks that need only the tree also live here: one `x-base`, not
both `x-base` and `<html>`, `x-column` only inside `x-row`, and `x-row`
layouts matching their columns (§10.1).
"""
from __future__ import annotations

import re

from engine.compiler.literals import GlobalRef, LiteralError, evaluate
from engine.compiler.schema import PASSTHROUGH_NAMES, PASSTHROUGH_PREFIXES, SCHEMAS, Prop
from engine.compiler.tree import Component, EvaluatedAttribute, Raw, Resolved
from engine.compiler.values import Dynamic, format_number, from_user
from engine.document.nodes import Comment, Doctype, Document, Element, Liquid, Position, Text
from engine.problems import Problem, Severity
from engine.styles.model import REF_RE, GlobalStyles

_NUMBER_WITH_UNIT = re.compile(r"^\s*-?(\d+\.?\d*|\.\d+)\s*(px|em|rem|%|pt|vw|vh|ex|ch)?\s*$")
_LIQUID = ("{{", "{%")


def _has_liquid(v) -> bool:
    return isinstance(v, str) and ("{{" in v or "{%" in v)


def style_from_object(obj: dict) -> str:
    """`:style="{ color: 'red', 'font-size': 16 }"` → `color:red;font-size:16px`."""
    from engine.compiler.values import css_length

    return ";".join(f"{k}:{css_length(v, k)}" for k, v in obj.items() if v is not None and v is not False)


def class_from_value(v) -> str:
    if isinstance(v, list):
        return " ".join(str(x) for x in v if x)
    if isinstance(v, dict):
        return " ".join(k for k, on in v.items() if on)
    return " ".join(str(v).split())


class ValueResolver:
    def __init__(self, styles: GlobalStyles, problems: list[Problem], filename: str = ""):
        self.styles = styles
        self.problems = problems
        self.filename = filename

    # ---- reporting -------------------------------------------------------------
    def report(self, message: str, pos: Position | None, *, severity=Severity.ERROR, rule: str = "") -> None:
        pos = pos or Position(0, 0)
        self.problems.append(Problem(message, pos.line, pos.column, severity, rule, self.filename))

    # ---- the pass ----------------------------------------------------------------
    def run(self, doc: Document) -> Resolved:
        out = Resolved()
        self._heads: list[Element] = []
        self._roots: set[int] = set()
        bases = [n for n in doc.children if isinstance(n, Element) and n.name == "x-base"]
        htmls = [n for n in doc.children if isinstance(n, Element) and n.name == "html"]
        for extra in bases[1:]:
            self.report("only one <x-base> is allowed per email", extra.pos, rule="single-base")
        if bases and htmls:
            self.report("a document cannot have both <x-base> and <html>; remove one", htmls[0].pos,
                        rule="base-and-html")
        self._source = doc.source
        self._roots = {id(b) for b in bases}
        out.html_document = bool(htmls) and not bases
        if bases:
            out.base = self.component(bases[0], SCHEMAS["x-base"], parents=())
            out.body = out.base.children
            for extra in bases[1:]:  # keep their content rather than silently losing it
                out.body.extend(self.children(extra, ("x-base",)))
            for n in doc.children:
                if isinstance(n, Element) and n.name == "x-head":
                    self._heads.append(n)
                    continue
                if isinstance(n, Element) and n.name == "x-base":
                    continue
                if isinstance(n, (Text,)) and not n.text.strip():
                    continue
                if isinstance(n, Element) and n.name == "html":
                    continue
                if isinstance(n, Doctype):
                    continue
                # Top-level content outside x-base (Liquid assigns, comments) is kept in order.
                out.body.extend(self.convert([n], ()))
        else:
            out.body = self.convert(doc.children, ())
        self._heads.sort(key=lambda el: (el.pos.line, el.pos.column))
        out.heads = [self.head_content(n) for n in self._heads]
        return out

    def head_content(self, el: Element) -> str:
        """An x-head's content exactly as written in the source (§16 must-have 4)."""
        if not el.children:
            return ""
        first, last = el.children[0], el.children[-1]
        if first.start >= 0 and last.end >= 0 and self._source:
            return self._source[first.start:last.end]
        from engine.document.serialize import serialize

        return serialize(el.children)

    def children(self, el: Element, parents: tuple) -> list:
        return self.convert(el.children, parents + (el.name,))

    def convert(self, nodes, parents: tuple) -> list:
        out = []
        for n in nodes:
            if isinstance(n, Element):
                name = n.name
                if name == "x-head":
                    self._heads.append(n)  # its content goes to <head> verbatim
                    continue
                if name == "x-base" and id(n) not in self._roots:
                    self.report("<x-base> must be the root of the email, not nested", n.pos, rule="single-base")
                schema = SCHEMAS.get(name)
                if schema is not None:
                    if name == "x-column" and (not parents or parents[-1] != "x-row"):
                        self.report("<x-column> must be a direct child of <x-row>", n.pos, rule="column-outside-row")
                    out.append(self.component(n, schema, parents))
                    continue
                if n.is_standard_component:
                    self.report(f"unknown standard component <{n.tag}>", n.pos, rule="unknown-component")
                elif n.is_custom_tag and name not in ("o:officedocumentsettings", "v:roundrect"):
                    self.report(f"unknown custom component <{n.tag}>: create it in the workspace's components, "
                                f"or add {name}.html to the components folder (render --components DIR)",
                                n.pos, rule="unknown-component")
                out.append(self.raw(n, parents))
            else:
                out.append(n)
        return out

    def raw(self, el: Element, parents: tuple) -> Raw:
        node = Raw(el, self.children(el, parents))
        for a in el.attrs:
            if a.is_liquid:
                continue
            if a.is_directive:
                self.report(f"directive {a.name} only works inside custom components; ignored", a.pos,
                            severity=Severity.WARNING, rule="directive-outside-component")
            elif a.is_expression:
                try:
                    v = evaluate(a.value or "")
                except LiteralError as exc:
                    self.report(f"{a.name}: {exc.message}", a.pos, rule="invalid-expression")
                    continue
                if a.key == "style" and isinstance(v, dict):
                    node.evaluated[a.key] = style_from_object(v)
                elif a.key == "class":
                    node.evaluated[a.key] = class_from_value(v)
                elif v is not None and v is not False:
                    node.evaluated[a.key] = format_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else ("" if v is True else str(v))
        return node

    # ---- components --------------------------------------------------------------
    def component(self, el: Element, schema, parents: tuple) -> Component:
        comp = Component(el.name, schema, pos=el.pos, element=el)
        for a in el.attrs:
            if a.is_liquid:
                self.report("Liquid between a component's attributes is ignored; put it inside a value",
                            a.pos, severity=Severity.WARNING, rule="liquid-attribute")
                continue
            if a.is_directive:
                self.report(f"directive {a.name} only works inside custom components; ignored", a.pos,
                            severity=Severity.WARNING, rule="directive-outside-component")
                continue
            name = a.key.lower()
            if isinstance(a, EvaluatedAttribute):
                raw = a.data
            elif a.is_expression:
                try:
                    raw = evaluate(a.value or "")
                except LiteralError as exc:
                    self.report(f"{a.name}: {exc.message}", a.pos, rule="invalid-expression")
                    continue
            else:
                raw = a.value if a.value is not None else True
            if name == "class":
                comp.user_class = class_from_value(raw)
                continue
            if name == "style":
                comp.user_style = style_from_object(raw) if isinstance(raw, dict) else str(raw or "")
                continue
            prop = schema.prop(name)
            if prop is None and (name.startswith(PASSTHROUGH_PREFIXES) or name in PASSTHROUGH_NAMES):
                comp.passthrough.append((name, None if raw is True and a.value is None else str(raw)))
                continue
            if prop is None:
                self.report(f"<{el.name}> has no property '{name}'", a.pos, severity=Severity.WARNING,
                            rule="unknown-property")
                continue
            value = self.value(raw, prop, a, el.name)
            if value is not None:
                if prop.name in comp.explicit:
                    self.report(f"<{el.name}> sets '{prop.name}' twice; the last one wins", a.pos,
                                severity=Severity.WARNING, rule="duplicate-property")
                comp.props[prop.name] = value
                comp.explicit.add(prop.name)
        if schema.void and any(not (isinstance(c, Text) and not c.text.strip()) for c in el.children):
            self.report(f"<{el.name}> takes no content; its children are ignored", el.pos,
                        severity=Severity.WARNING, rule="void-component")
        else:
            comp.children = self.children(el, parents)
        if el.name == "x-row":
            self.check_layout(comp, el)
        return comp

    def value(self, raw, prop: Prop, attr, tag: str) -> Dynamic | None:
        label = f"{tag} {prop.name}"
        raw = self.resolve_refs(raw, attr)
        if raw is _FAILED:
            return None
        if prop.type == "array":
            if not isinstance(raw, list):
                self.report(f"{label}: expected an array such as [50, 50]", attr.pos, rule="invalid-prop")
                return None
            return Dynamic({"": raw})
        if not isinstance(raw, (dict, Dynamic)):
            # The common case, one plain value: what from_user would build, without its checks
            # for dark/responsive keys a plain value cannot have.
            ok = self.check(raw, prop, attr, label)
            return None if ok is _FAILED else Dynamic({"": ok})
        dyn, error = from_user(raw)
        if error:
            self.report(f"{label}: {error}", attr.pos, rule="invalid-prop")
            return None
        if dyn.has_dark and not prop.dark:
            self.report(f"{label} has no dark-mode value; the dark value applies anyway", attr.pos,
                        severity=Severity.WARNING, rule="not-dark-capable")
        if dyn.has_medium and not prop.responsive:
            self.report(f"{label} has no responsive value; the desktop value applies anyway", attr.pos,
                        severity=Severity.WARNING, rule="not-responsive")
        checked = {}
        for cond, v in dyn.variants.items():
            ok = self.check(v, prop, attr, label)
            if ok is _FAILED:
                return None
            checked[cond] = ok
        return Dynamic(checked)

    def resolve_refs(self, raw, attr):
        if isinstance(raw, dict):
            out = {}
            for k, v in raw.items():
                r = self.resolve_refs(v, attr)
                if r is _FAILED:
                    return _FAILED
                out[k] = r
            return out
        ref = raw.path if isinstance(raw, GlobalRef) else raw if isinstance(raw, str) and REF_RE.match(raw) else None
        if ref is None:
            return raw
        try:
            return self.styles.resolve(ref)
        except KeyError as exc:
            self.report(exc.args[0], attr.pos, rule="unknown-global-style")
            return _FAILED

    def check(self, v, prop: Prop, attr, label: str):
        if _has_liquid(v):
            return v
        if prop.type == "number":
            if isinstance(v, bool) or v is None:
                pass
            elif isinstance(v, (int, float)):
                return v
            elif isinstance(v, str):
                m = _NUMBER_WITH_UNIT.match(v)
                if m:
                    if m.group(2):
                        return v.strip()
                    f = float(v)
                    return int(f) if f.is_integer() else f
            self.report(f"{label}: '{_show(v)}' is not a number", attr.pos, rule="invalid-prop")
            return _FAILED
        if prop.type == "enum":
            text = format_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)
            if text not in prop.values:
                self.report(f"{label}: '{_show(v)}' is not one of {', '.join(prop.values)}", attr.pos,
                            rule="invalid-prop")
                return _FAILED
            return text
        if prop.type == "boolean":
            if isinstance(v, bool):
                return v
            if isinstance(v, str) and v.strip().lower() in ("true", "false", ""):
                return v.strip().lower() != "false"
            self.report(f"{label}: '{_show(v)}' is not true or false", attr.pos, rule="invalid-prop")
            return _FAILED
        if isinstance(v, (dict, bool)) or v is None:
            self.report(f"{label}: expected text or a number, found '{_show(v)}'", attr.pos, rule="invalid-prop")
            return _FAILED
        return v

    def check_layout(self, comp: Component, el: Element) -> None:
        columns = [c for c in comp.children if isinstance(c, Component) and c.tag == "x-column"]
        for c in comp.children:
            if isinstance(c, (Component, Raw)) and not (isinstance(c, Component) and c.tag == "x-column"):
                where = c.pos if isinstance(c, Component) else c.element.pos
                self.report("<x-row> may only contain <x-column> elements", where, severity=Severity.WARNING,
                            rule="row-children")
        if len(columns) > 11:
            self.report(f"<x-row> has {len(columns)} columns; at most 11 are supported", el.pos, rule="row-layout")
        layout = comp.props.get("layout")
        if layout is None:
            return
        attr = el.attr(":layout") or el.attr("layout")
        where = attr.pos if attr else el.pos
        values = layout.base
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and x > 0 for x in values):
            self.report("x-row layout must be an array of positive percentages", where, rule="row-layout")
            del comp.props["layout"]
            return
        if len(values) != len(columns):
            self.report(f"x-row layout has {len(values)} values but the row has {len(columns)} x-column children",
                        where, rule="row-layout")
        if abs(sum(values) - 100) > 0.5:
            self.report(f"x-row layout values add up to {format_number(sum(values))}, not 100", where,
                        rule="row-layout")


_FAILED = object()


def _show(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return format_number(v)
    return str(v)


def _walk(node):
    stack = list(reversed(getattr(node, "children", [])))
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(getattr(n, "children", []) or []))


def resolve_values(doc: Document, styles: GlobalStyles, problems: list[Problem], filename: str = "") -> Resolved:
    return ValueResolver(styles, problems, filename).run(doc)


__all__ = ["resolve_values", "ValueResolver", "Liquid", "Comment"]
