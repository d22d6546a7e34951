"""Nodes -> markup, byte for byte as parsed.

Parsed nodes remember their quoting, spacing and end tags, so
`serialize(parse(s)) == s`. Nodes the compiler builds fall back to canonical
HTML: ` name="value"`, `</tag>` unless void or self-closing. Text and values
are written as stored: escaping is the caller's job (the parser keeps
entities as written, so nothing is decoded that would need re-encoding).
"""
from __future__ import annotations

import re

from .nodes import Attribute, Comment, Doctype, Document, Element, Liquid, Node, Text
from .parser import VOID_ELEMENTS

_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def serialize(node: Node | list[Node]) -> str:
    """Markup for a node, a document or a list of sibling nodes."""
    out: list[str] = []
    if isinstance(node, list):
        _write_all(node, out)
    else:
        _write(node, out)
    return "".join(out)


def serialize_children(node: Element | Document) -> str:
    """The inner markup of an element (what `innerHTML` would give, unescaped)."""
    return serialize(node.children)


def serialize_attribute(attr: Attribute) -> str:
    if attr.value is None:
        return attr.space + attr.name
    quote = attr.quote
    value = attr.value
    # Quotes inside `{{ }}` / `{% %}` are fine as written (the parser steps
    # over Liquid); only quotes outside it force another quoting.
    bare = _LIQUID.sub("", value) if "{" in value else value
    if not quote and (not value or any(c in bare for c in " \t\n\"'=<>`")):
        quote = '"'
    if quote and quote in bare:
        other = "'" if quote == '"' else '"'
        if other not in value:
            quote = other
        else:
            value = value.replace('"', "&quot;")
            quote = '"'
    return f"{attr.space}{attr.name}{attr.eq or '='}{quote}{value}{quote}"


def _write_all(nodes: list[Node], out: list[str]) -> None:
    """Write sibling nodes; the common node types inline (performance: the
    transformer chain serializes a 50 KB email several times, and a call
    per node and per attribute was most of that)."""
    append = out.append
    for node in nodes:
        kind = type(node)
        if kind is Text or kind is Liquid:
            append(node.text)
        elif kind is Element:
            append("<" + node.tag)
            for a in node.attrs:
                value = a.value
                if value is None:
                    append(a.space + a.name)
                elif a.quote == '"' and a.eq and '"' not in value and "{" not in value:
                    append(f'{a.space}{a.name}{a.eq}"{value}"')
                else:
                    append(serialize_attribute(a))
            append(node.open_tail)
            append("/>" if node.self_closing else ">")
            if node.children:
                _write_all(node.children, out)
            if node.end_tag is not None:
                append(node.end_tag)
            elif not node.self_closing and node.tag.lower() not in VOID_ELEMENTS:
                append(f"</{node.tag}>")
        else:
            _write(node, out)


def _write(node: Node, out: list[str]) -> None:
    if isinstance(node, (Text, Liquid)):
        out.append(node.text)
    elif isinstance(node, Element):
        out.append("<" + node.tag)
        for a in node.attrs:
            out.append(serialize_attribute(a))
        out.append(node.open_tail)
        out.append("/>" if node.self_closing else ">")
        _write_all(node.children, out)
        if node.end_tag is not None:
            out.append(node.end_tag)
        elif not node.self_closing and node.tag.lower() not in VOID_ELEMENTS:
            out.append(f"</{node.tag}>")
    elif isinstance(node, Comment):
        out.append(f"<!--{node.text}-->")
    elif isinstance(node, Doctype):
        out.append(f"<!{node.text}>")
    elif isinstance(node, Document):
        _write_all(node.children, out)
    else:  # pragma: no cover - a new node type must be taught here
        raise TypeError(f"cannot serialize {type(node).__name__}")
