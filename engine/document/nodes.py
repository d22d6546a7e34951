"""The parsed form of a Design Studio source: a tree of nodes with positions.

Every node carries the 1-based line and column where it starts in the source so
that errors, the problems list and inspect-element can point back at the text.
Liquid is never interpreted here: `{{ }}` and `{% %}` stay verbatim inside
`Text` nodes and attribute values (a `Liquid` node marks a tag that stands
between elements, so the compiler and the text generator can keep it intact).
"""
from __future__ import annotations

from bisect import bisect_right as _bisect_right
from dataclasses import dataclass, field


class Position:
    """1-based line and column; behaves like a `(line, column)` record.

    Why not a dataclass: the parser makes one for every node, attribute and
    value (tens of thousands per email), and most are never read. A parsed
    position keeps only its offset and the source's line-start table and
    works out line and column on first access (`bisect`), so parsing pays
    one small allocation per position instead of counting newlines.
    """

    __slots__ = ("_line", "_column", "_offset", "_starts")

    def __init__(self, line: int = 1, column: int = 1):
        self._line = line
        self._column = column
        self._starts = None

    @classmethod
    def _at(cls, starts: list[int], offset: int) -> Position:
        """A lazy position: `starts` holds the offset of every line's first char."""
        p = _new(cls)
        p._starts = starts
        p._offset = offset
        return p

    def _resolve(self) -> None:
        starts = self._starts
        line = _bisect_right(starts, self._offset)
        self._line = line
        self._column = self._offset - starts[line - 1] + 1
        self._starts = None

    @property
    def line(self) -> int:
        if self._starts is not None:
            self._resolve()
        return self._line

    @line.setter
    def line(self, value: int) -> None:
        if self._starts is not None:
            self._resolve()
        self._line = value

    @property
    def column(self) -> int:
        if self._starts is not None:
            self._resolve()
        return self._column

    @column.setter
    def column(self, value: int) -> None:
        if self._starts is not None:
            self._resolve()
        self._column = value

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Position:
            return NotImplemented
        return (self.line, self.column) == (other.line, other.column)

    __hash__ = None  # mutable, like the dataclass it replaces

    def __repr__(self) -> str:
        return f"Position(line={self.line}, column={self.column})"

    def __reduce__(self):
        return (Position, (self.line, self.column))

    def __copy__(self) -> Position:
        return Position(self.line, self.column)

    def __deepcopy__(self, memo) -> Position:
        return Position(self.line, self.column)


_new = object.__new__


@dataclass
class Attribute:
    """One attribute as written. `name` keeps its prefix: `:font-size`, `#if`, `class`.

    `value` is None for a bare attribute (`<input disabled>`).
    """

    name: str
    value: str | None
    pos: Position = field(default_factory=Position)
    # How the attribute was written, so `serialize` reproduces the source
    # exactly. Defaults give the canonical form for attributes the compiler
    # creates: ` name="value"`.
    quote: str = field(default='"', kw_only=True)  # '"', "'" or "" (unquoted)
    space: str = field(default=" ", kw_only=True)  # text before the name
    eq: str = field(default="=", kw_only=True)  # `=` with any spaces around it
    value_pos: Position | None = field(default=None, kw_only=True)  # first char of the value

    @property
    def is_liquid(self) -> bool:
        """A `{% if %}` or `{{ attrs }}` written among the attributes: `name` holds it verbatim."""
        return self.name.startswith(("{%", "{{"))

    @property
    def is_expression(self) -> bool:
        return self.name.startswith(":")

    @property
    def is_directive(self) -> bool:
        return self.name.startswith("#")

    @property
    def key(self) -> str:
        """The name without its `:` prefix."""
        return self.name[1:] if self.name.startswith(":") else self.name


@dataclass
class Node:
    pos: Position = field(default_factory=Position)
    # Offsets into `Document.source` (start inclusive, end exclusive) so that
    # `source[node.start:node.end]` is the node exactly as written; -1 for
    # nodes the compiler builds itself.
    start: int = field(default=-1, kw_only=True)
    end: int = field(default=-1, kw_only=True)


@dataclass
class Text(Node):
    text: str = ""


@dataclass
class Comment(Node):
    """`<!-- ... -->`, including Outlook conditional comments, kept verbatim.

    `text` is what stands between `<!--` and `-->` (DOM convention), so an
    Outlook block reads `[if mso]>...<![endif]`.
    """

    text: str = ""

    @property
    def is_conditional(self) -> bool:
        """`<!--[if mso]>...<![endif]-->` and the `<!--[if !mso]><!-->` opener."""
        return self.text.startswith("[if") or self.text.startswith("<![endif]")


@dataclass
class Liquid(Node):
    """A `{% ... %}` or `{{ ... }}` standing in element content, verbatim."""

    text: str = ""


@dataclass
class Doctype(Node):
    """Any `<!...>` declaration; `text` is what stands between `<!` and `>`.

    Besides `<!DOCTYPE html>` (text `DOCTYPE html`) this also carries Outlook's
    downlevel-revealed `<![if !mso]>` / `<![endif]>` and `<![CDATA[...]]>`.
    """

    text: str = ""

    @property
    def is_doctype(self) -> bool:
        return self.text[:7].lower() == "doctype"


@dataclass
class Element(Node):
    tag: str = ""
    attrs: list[Attribute] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    self_closing: bool = False
    end_pos: Position | None = None
    # The end tag exactly as written (`</x-section>`); "" when the source left
    # it out (optional end tags, void elements); None for elements the
    # compiler builds, which then serialize with a canonical `</tag>`.
    end_tag: str | None = field(default=None, kw_only=True)
    # Whatever stands between the last attribute and `>` or `/>` (usually "" or " ").
    open_tail: str = field(default="", kw_only=True)

    # `name`, the tag lower-cased (HTML tag names compare case-insensitively),
    # is a cached attribute: see `_LowerTag` below.

    def attr(self, name: str) -> Attribute | None:
        """The first attribute called `name` (exact spelling first, then ignoring case)."""
        for a in self.attrs:
            if a.name == name:
                return a
        lowered = name.lower()
        for a in self.attrs:
            if a.name.lower() == lowered:
                return a
        return None

    def get(self, name: str, default: str | None = None) -> str | None:
        a = self.attr(name)
        return default if a is None or a.value is None else a.value

    @property
    def is_standard_component(self) -> bool:
        return self.tag[:2].lower() == "x-"

    @property
    def is_custom_tag(self) -> bool:
        """Any hyphenated tag: a standard (`x-`) or a custom component."""
        return "-" in self.tag


@dataclass
class Document(Node):
    children: list[Node] = field(default_factory=list)
    source: str = ""
    filename: str = field(default="", kw_only=True)


def walk(node: Node):
    """Every node under `node` (itself first), depth first in document order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        children = getattr(current, "children", None)
        if children:
            stack.extend(reversed(children))


class _OffsetPosition:
    """A parsed node's `pos` (or an attribute's `value_pos`), made on first read.

    Why: a 50 KB email has thousands of nodes and attributes and the
    transformers read none of their positions; the parser stores the offset
    (`_lines` is the source's line-start table) and this works the
    `Position` out when someone asks, then keeps it like a plain attribute.
    A non-data descriptor: once in the instance `__dict__` (set by
    `__init__`, by assignment, or on first read) the stored value wins.
    """

    def __init__(self, name: str, offset_key: str):
        self.name = name
        self.offset_key = offset_key

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        d = obj.__dict__
        p = d[self.name] = Position._at(d["_lines"], d[self.offset_key])
        return p


class _LowerTag:
    """`Element.name`: the tag lower-cased, worked out on first read and kept.

    Why: the transformers ask every element its name several times per
    email (tens of thousands of reads); a property lower-cased the tag each
    time. A non-data descriptor stores the answer in the instance, so later
    reads are plain attribute reads. Nothing renames an element in place
    (`tag` is set once, by the parser or the constructor); one that did
    would have to drop `name` from the instance `__dict__`.
    """

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        name = obj.__dict__["name"] = obj.tag.lower()
        return name


class _EndPosition:
    """`Element.end_pos` of a parsed element: where its end tag starts, made on first read.

    The parser keeps only the offset (`_end_at`), as for `pos`; an element
    whose end tag was left out has none, and reads None.
    """

    def __get__(self, obj, owner=None):
        if obj is None:
            return None  # the dataclass field's default
        d = obj.__dict__
        at = d.get("_end_at")
        p = d["end_pos"] = None if at is None else Position._at(d["_lines"], at)
        return p


Element.name = _LowerTag()
Element.end_pos = _EndPosition()
Node.pos = _OffsetPosition("pos", "start")
Attribute.pos = _OffsetPosition("pos", "_name_at")
Attribute.value_pos = _OffsetPosition("value_pos", "_value_at")
