"""Emmet abbreviations for the code editor's Tab key (spec §7.2), headless and Qt-free.

`expand("div>ul>li*3")` returns the indented HTML; `expand(..., snippet=True)`
returns the same text in Monaco snippet syntax, with tab stops in the empty
attribute values and element bodies so Tab walks through them after expansion.

Supported syntax: `>` child, `+` sibling, `^` climb up (repeatable), `( )`
groups, `*N` multiplication with `$` numbering (`$$` pads, `@N` starts at N,
`@-` counts down), `#id`, `.class`, `[attr=value attr2="quoted" flag]`,
`{text}`, and implicit tag names (`.x` is a div, `ul>.x` an li, `tr>.x` a td).

Decisions (the spec lists behaviours, not a grammar):
- Default attributes come first, then id, then class, then explicit attributes
  — the order the spec's example shows (`<a href="" id="my-link" class="text-blue">`).
  An explicit attribute with a default's name replaces the default in place.
- An element's children stay on its line when they are all inline (text or
  inline tags) and fewer than three; otherwise one child per indented line.
- Standard `x-` components that take no content (and HTML void elements)
  close themselves: `<x-image src="" alt=""/>`, `<img src="" alt="">`.
- Whether Tab expands at all is `is_abbreviation`'s decision: a lone word
  expands only when it names an HTML element or a known component, so Tab
  after ordinary prose still indents.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

__all__ = ["EmmetError", "expand", "is_abbreviation", "HTML_TAGS"]

HTML_TAGS = frozenset("""
a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite code
col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure font footer form
h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label legend li link main map mark menu
meta meter nav noscript object ol optgroup option output p param picture pre progress q s samp script section
select small source span strike strong style sub summary sup table tbody td template textarea tfoot th thead time
title tr track u ul var video wbr fragment
""".split())

VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
INLINE_TAGS = frozenset("""
a abbr b bdi bdo br cite code dfn em font i img input kbd label mark q s samp select small span strike strong sub
sup textarea time u var
""".split())
DEFAULT_ATTRIBUTES: dict[str, tuple[tuple[str, str], ...]] = {
    "a": (("href", ""),),
    "img": (("src", ""), ("alt", "")),
    "link": (("rel", "stylesheet"), ("href", "")),
    "input": (("type", "text"),),
    "form": (("action", ""),),
    "iframe": (("src", ""),),
    "x-image": (("src", ""), ("alt", "")),
    "x-cta": (("href", ""),),
}
IMPLICIT_CHILD = {
    "ul": "li", "ol": "li", "x-list": "li", "table": "tr", "tbody": "tr", "thead": "tr", "tfoot": "tr",
    "tr": "td", "select": "option", "optgroup": "option", "x-row": "x-column",
}
SELF_CLOSING_COMPONENTS = frozenset({"x-image", "x-hr", "x-spacer", "x-font-family"})

_NAME = re.compile(r"[A-Za-z0-9_:$@!-]+")
_ID_OR_CLASS = re.compile(r"[^.#\[{>+^*()\s]+")
_NUMBERING = re.compile(r"(\$+)(?:@(-)?(\d+)?)?")


class EmmetError(ValueError):
    """The abbreviation cannot be parsed; `column` is the 1-based position of the fault."""

    def __init__(self, message: str, column: int):
        super().__init__(f"{message} (column {column})")
        self.column = column


@dataclass
class _Node:
    name: str | None = None
    id: str | None = None
    classes: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    text: str | None = None
    repeat: int = 1
    children: list["_Node"] = field(default_factory=list)
    group: bool = False
    parent: "_Node | None" = None


class _Parser:
    def __init__(self, source: str):
        self.s = source
        self.i = 0

    def fail(self, message: str) -> EmmetError:
        return EmmetError(message, self.i + 1)

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def parse(self) -> _Node:
        root = _Node(group=True)
        self.sequence(root, closing="")
        if self.i != len(self.s):
            raise self.fail(f"unexpected {self.peek()!r}")
        return root

    def sequence(self, container: _Node, closing: str) -> None:
        parent = container
        while True:
            if self.peek() == "(":
                self.i += 1
                node = _Node(group=True, parent=parent)
                self.sequence(node, closing=")")
                if self.peek() != ")":
                    raise self.fail("missing ')'")
                self.i += 1
                node.repeat = self.repeat()
            else:
                node = self.element(parent)
            parent.children.append(node)
            op = self.peek()
            if op == ">":
                parent = node
            elif op == "+":
                pass
            elif op == "^":
                while self.peek() == "^":
                    parent = parent.parent if parent is not container and parent.parent else container
                    self.i += 1
                continue
            elif op == closing or op == "":
                return
            else:
                raise self.fail(f"unexpected {op!r}")
            self.i += 1

    def element(self, parent: _Node) -> _Node:
        node = _Node(parent=parent)
        start = self.i
        m = _NAME.match(self.s, self.i)
        if m:
            node.name = m.group()
            self.i = m.end()
        while True:
            c = self.peek()
            if c == "#":
                node.id = self.word()
            elif c == ".":
                node.classes.append(self.word())
            elif c == "[":
                node.attrs.extend(self.attributes())
            elif c == "{":
                node.text = (node.text or "") + self.text()
            elif c == "*":
                node.repeat = self.repeat()
            else:
                break
        if self.i == start:
            raise self.fail("expected an element")
        return node

    def word(self) -> str:
        self.i += 1
        m = _ID_OR_CLASS.match(self.s, self.i)
        if not m:
            raise self.fail("expected a name after '#' or '.'")
        self.i = m.end()
        return m.group()

    def repeat(self) -> int:
        if self.peek() != "*":
            return 1
        self.i += 1
        m = re.compile(r"\d+").match(self.s, self.i)
        if not m:
            raise self.fail("expected a number after '*'")
        self.i = m.end()
        return max(1, int(m.group()))

    def text(self) -> str:
        depth, j = 0, self.i
        while j < len(self.s):
            if self.s[j] == "{":
                depth += 1
            elif self.s[j] == "}":
                depth -= 1
                if depth == 0:
                    out = self.s[self.i + 1:j]
                    self.i = j + 1
                    return out
            j += 1
        raise self.fail("missing '}'")

    def attributes(self) -> list[tuple[str, str | None]]:
        self.i += 1
        out: list[tuple[str, str | None]] = []
        while True:
            while self.peek() == " ":
                self.i += 1
            if self.peek() == "]":
                self.i += 1
                return out
            m = re.compile(r"[^\s=\]\"']+").match(self.s, self.i)
            if not m:
                raise self.fail("expected an attribute name or ']'")
            name, value = m.group(), None
            self.i = m.end()
            if self.peek() == "=":
                self.i += 1
                q = self.peek()
                if q in "\"'":
                    end = self.s.find(q, self.i + 1)
                    if end < 0:
                        raise self.fail("missing closing quote")
                    value = self.s[self.i + 1:end]
                    self.i = end + 1
                else:
                    v = re.compile(r"[^\s\]]*").match(self.s, self.i)
                    value = v.group()
                    self.i = v.end()
            out.append((name, value))


def _number(text: str, index: int, count: int) -> str:
    def repl(m: re.Match) -> str:
        start = int(m.group(3)) if m.group(3) else 1
        n = (start + count - 1 - index) if m.group(2) else (start + index)
        return str(n).zfill(len(m.group(1)))
    return _NUMBERING.sub(repl, text)


@dataclass
class _Element:
    """One expanded element (or a text run when `name` is None)."""
    name: str | None
    attrs: list[tuple[str, str | None]]
    text: str | None
    children: list["_Element"]


class _Expander:
    def __init__(self, self_closing: frozenset[str]):
        self.self_closing = self_closing

    def nodes(self, nodes: list[_Node], parent_name: str | None, numbering: tuple[int, int]) -> list[_Element]:
        out: list[_Element] = []
        for node in nodes:
            for i in range(node.repeat):
                num = (i, node.repeat) if node.repeat > 1 else numbering
                if node.group:
                    out.extend(self.nodes(node.children, parent_name, num))
                else:
                    out.append(self.element(node, parent_name, num))
        return out

    def element(self, node: _Node, parent_name: str | None, num: tuple[int, int]) -> _Element:
        fill = lambda t: _number(t, *num)  # noqa: E731 - tiny local helper
        name = fill(node.name) if node.name else _implicit_name(parent_name)
        attrs: list[tuple[str, str | None]] = list(DEFAULT_ATTRIBUTES.get(name, ()))
        if node.id is not None:
            attrs.append(("id", fill(node.id)))
        if node.classes:
            attrs.append(("class", " ".join(fill(c) for c in node.classes)))
        for key, value in node.attrs:
            value = fill(value) if value is not None else None
            for k, (existing, _) in enumerate(attrs):
                if existing == key:
                    attrs[k] = (key, value)
                    break
            else:
                attrs.append((key, value))
        children = self.nodes(node.children, name, num)
        text = fill(node.text) if node.text is not None else None
        return _Element(name, attrs, text, children)


def _implicit_name(parent: str | None) -> str:
    if parent in IMPLICIT_CHILD:
        return IMPLICIT_CHILD[parent]
    if parent in INLINE_TAGS:
        return "span"
    return "div"


class _Writer:
    def __init__(self, indent: str, snippet: bool, self_closing: frozenset[str]):
        self.indent = indent
        self.snippet = snippet
        self.self_closing = self_closing
        self.stop = 0

    def literal(self, text: str) -> str:
        if not self.snippet:
            return text
        return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")

    def tab_stop(self) -> str:
        if not self.snippet:
            return ""
        self.stop += 1
        return f"${{{self.stop}}}"

    def is_inline(self, el: _Element) -> bool:
        if el.name in INLINE_TAGS:
            return all(self.is_inline(c) for c in el.children)
        return False

    def open_tag(self, el: _Element) -> str:
        parts = [el.name]
        for key, value in el.attrs:
            if value is None:
                parts.append(key)
            else:
                parts.append(f'{key}="{self.literal(value) if value else self.tab_stop()}"')
        return "<" + " ".join(parts)

    def write(self, el: _Element, depth: int) -> list[str]:
        """Lines of `el` without the leading indentation of its first line."""
        head = self.open_tag(el)
        if el.name in VOID_TAGS and not el.children and el.text is None:
            return [head + ">"]
        if el.name in self.self_closing and not el.children and el.text is None:
            return [head + "/>"]
        head += ">"
        close = f"</{el.name}>"
        text = self.literal(el.text) if el.text else ""
        if not el.children:
            return [head + (text or self.tab_stop()) + close]
        if all(self.is_inline(c) for c in el.children) and len(el.children) < 3:
            inner = "".join("".join(self.write(c, 0)) for c in el.children)
            return [head + text + inner + close]
        pad = self.indent * (depth + 1)
        lines = [head + text]
        for child in el.children:
            child_lines = self.write(child, depth + 1)
            lines.append(pad + child_lines[0])
            lines.extend(child_lines[1:])
        lines.append(self.indent * depth + close)
        return lines


def _parse(abbreviation: str) -> _Node:
    if not abbreviation or abbreviation != abbreviation.strip():
        raise EmmetError("empty abbreviation or surrounding spaces", 1)
    return _Parser(abbreviation).parse()


def expand(abbreviation: str, *, indent: str = "  ", snippet: bool = False,
           self_closing: Iterable[str] = SELF_CLOSING_COMPONENTS) -> str:
    """The HTML for `abbreviation`; raises `EmmetError` with a column for bad syntax."""
    tree = _parse(abbreviation)
    closing = frozenset(self_closing)
    elements = _Expander(closing).nodes(tree.children, None, (0, 1))
    writer = _Writer(indent, snippet, closing)
    lines: list[str] = []
    for el in elements:
        lines.extend(writer.write(el, 0))
    return "\n".join(lines)


def is_abbreviation(text: str, known_tags: Iterable[str] = ()) -> bool:
    """Whether Tab after `text` should expand it rather than indent.

    A single bare word counts only when it is an HTML element or a known
    component tag; anything using Emmet syntax counts when it parses.
    """
    try:
        tree = _parse(text)
    except EmmetError:
        return False
    if re.fullmatch(r"[A-Za-z][\w-]*", text):
        return text in HTML_TAGS or text in set(known_tags)
    names = []

    def walk(nodes):
        for n in nodes:
            if n.name:
                names.append(n.name)
            walk(n.children)
    walk(tree.children)
    known = HTML_TAGS | set(known_tags)
    # Explicit names must be tags (after `$` numbering: `h$` is h1) or custom-element-like.
    return all(re.sub(r"\$+(@-?\d*)?", "1", n) in known or "-" in n for n in names)
