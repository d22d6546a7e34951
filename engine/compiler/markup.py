"""Small HTML-writing helpers shared by the expansion and assembly passes."""
from __future__ import annotations

import re

from engine.document.nodes import Element
from engine.document.parser import VOID_ELEMENTS
from engine.document.serialize import serialize_attribute

_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def attr_value(value: str) -> str:
    """A quoted attribute value; quotes inside Liquid stay as written (the parser allows them)."""
    value = str(value)
    bare = _LIQUID.sub("", value) if "{" in value else value
    if '"' not in bare:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def attrs(*pairs, **kw) -> str:
    """` name="value"` for each pair whose value is not None/"" (True → bare attribute)."""
    out = []
    for name, value in (pairs if not kw else [*pairs, *((k.replace("_", "-"), v) for k, v in kw.items())]):
        if value is None or value == "" or value is False:
            continue
        if value is True:
            out.append(f" {name}")
        elif value.__class__ is str and '"' not in value:
            out.append(f' {name}="{value}"')  # attr_value's answer for the common case, without the call
        else:
            out.append(f" {name}={attr_value(value)}")
    return "".join(out)


def join_classes(*classes: str) -> str:
    seen: dict[str, None] = {}
    for c in classes:
        for part in (c or "").split():
            seen.setdefault(part, None)
    return " ".join(seen)


def open_tag(el: Element, *, replace: dict[str, str | None] | None = None, extra: dict[str, str] | None = None) -> str:
    """An element's start tag as written, minus directives, with some attributes replaced or added."""
    replace = replace or {}
    parts = ["<", el.tag]
    done = set()
    for a in el.attrs:
        if a.is_directive:
            continue
        if a.is_liquid:
            parts.append(serialize_attribute(a))
            continue
        key = a.key.lower()
        if key in replace:
            if key not in done and replace[key] not in (None, ""):
                parts.append(f" {key}={attr_value(replace[key])}")
            done.add(key)
            continue
        if a.is_expression:
            continue  # evaluated values arrive through `replace`
        parts.append(serialize_attribute(a))
    for key, value in {**{k: v for k, v in replace.items() if k not in done}, **(extra or {})}.items():
        if value not in (None, ""):
            parts.append(f" {key}={attr_value(value)}")
    void = el.name in VOID_ELEMENTS
    parts.append(el.open_tail)
    parts.append("/>" if el.self_closing and void else ">")
    return "".join(parts)


def close_tag(el: Element) -> str:
    """The end tag as written; a canonical one when it was omitted or the element self-closed."""
    if el.name in VOID_ELEMENTS:
        return ""
    return el.end_tag if el.end_tag else f"</{el.tag}>"
