"""Byte-exact editing of HTML through the project's Liquid-aware parser.

Transformers that add, change or drop attributes (accessibility, URL
parameters, class renaming, table attributes) work on the tree from
`engine.document` and serialize it back: everything they do not touch keeps
its bytes (quoting, entities, Liquid, whitespace, end tags left out). The
tree is the unmasked parse: the parser reads Liquid itself, so a transformer
masks only the values it must cut up (CSS, class lists, URLs).

Outlook conditional comments hold markup the parser keeps as comment text;
`elements(..., conditional=True)` parses that text too, so VML links and
`<v:roundrect>` buttons get the same treatment as ordinary markup, and
`finish()` writes the edited inner markup back into the comment.

Why refuse instead of guessing: when the parser cannot read the input
exactly (an unterminated quote or comment cuts the tree short), serializing
the tree would lose the rest of the email. `parse_exact` then raises a
`TransformError` carrying the parser's problems, and the pipeline leaves that
transformer's input unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from engine.document import serialize
from engine.document.parser import flat_nodes, parse_round_trip
from engine.document.nodes import Attribute, Comment, Document, Element, Node, Text, walk
from engine.problems import Problem, ProblemError

_CONDITIONAL = re.compile(r"^(\[if[^\]]*\]>)(.*?)(<!\[endif\])$", re.S)


class TransformError(ProblemError):
    """A transformer could not run on this input; the problems say why and where."""


def parse_exact(html: str, transformer: str) -> Document:
    doc, problems, round_trips = parse_round_trip(html)
    # The parser vouches for problem-free input whose every attribute writes
    # back as written; only otherwise is the whole tree re-serialized to check.
    if not round_trips and serialize(doc) != html:
        found = [p for p in problems] or [Problem("The markup could not be read exactly")]
        raise TransformError(
            [
                Problem(
                    f"{transformer}: skipped, the markup cannot be rewritten safely ({p.message})",
                    p.line,
                    p.column,
                    rule=f"transformers/{transformer}",
                )
                for p in found[:1]
            ]
        )
    return doc


class Tree:
    """A parsed document plus the parsed insides of its conditional comments.

    The pipeline parses the email once into a `Tree` and hands the same tree
    to every transformer (`apply(tree, options)` in each module), then
    serializes once; a transformer's `transform(html, options)` is the same
    work on a tree of its own. Conditional comments are parsed on first use
    and written back by `sync` / `finish`.
    """

    def __init__(self, html: str, transformer: str):
        self.doc = parse_exact(html, transformer)
        self._inner: list[tuple[Comment, str, Document, str]] = []
        self._parsed: dict[int, Document | None] = {}  # id(comment) -> its parsed inside, walk after walk
        self._elements: dict[bool, list[Element]] = {}
        self._plain_comments: list[Comment] = []
        self._moved = False  # nodes added or removed since the parse

    def elements(self, *, conditional: bool = True) -> Iterator[Element]:
        """Every element in document order (with those inside conditional comments).

        The list is kept between calls (performance: five steps walk the same
        tree); a step that adds or removes elements calls `changed`.
        """
        found = self._elements.get(conditional)
        if found is None:
            if conditional:
                self._plain_comments = []
            found = self._elements[conditional] = []
            flat = None if self._moved else flat_nodes(self.doc)
            if flat is None:
                self._collect(self.doc, found, conditional, self._plain_comments if conditional else None)
            else:  # the parser's reading order is document order: no walk (performance)
                for node in flat:
                    if node.__class__ is Element:
                        found.append(node)
                    elif conditional:
                        inner = self._conditional(node)
                        if inner is not None:
                            self._collect(inner, found, False)
                        else:
                            self._plain_comments.append(node)
        return iter(found)

    def plain_comments(self) -> list[Comment]:
        """Comments kept as text (not conditional blocks read as markup), in document order."""
        self.elements()
        return self._plain_comments

    def append_child(self, parent: Element, child: Element) -> None:
        """Append `child` (with no element inside) to `parent`, keeping the element lists.

        Why not `changed`: the lists would be walked again for one new
        element; its place is right after `parent`'s subtree.
        """
        for conditional, found in self._elements.items():
            inside: list[Element] = []
            self._collect(parent, inside, conditional)
            at = next((k for k, el in enumerate(found) if el is parent), None)
            if at is None:
                self.changed()
                break
            found.insert(at + 1 + len(inside), child)
        parent.children.append(child)
        self._moved = True  # the parser's reading order no longer has every element

    def changed(self) -> None:
        """Nodes were added or removed: the next `elements` walks again."""
        self._elements.clear()
        self._moved = True

    def _collect(self, node, out: list[Element], conditional: bool, comments: list | None = None) -> None:
        stack = [iter(node.children)]
        append = out.append
        while stack:
            for child in stack[-1]:
                kind = child.__class__
                if kind is Element:
                    append(child)
                    if child.children:
                        stack.append(iter(child.children))
                        break
                elif kind is Comment and conditional:
                    inner = self._conditional(child)
                    if inner is not None:
                        self._collect(inner, out, False)
                    elif comments is not None:
                        comments.append(child)
            else:
                stack.pop()

    def nodes(self) -> Iterator[Node]:
        return walk(self.doc)

    def _conditional(self, comment: Comment) -> Document | None:
        key = id(comment)
        if key in self._parsed:
            return self._parsed[key]
        doc = self._parsed[key] = self._parse_conditional(comment)
        return doc

    def _parse_conditional(self, comment: Comment) -> Document | None:
        m = _CONDITIONAL.match(comment.text)
        if m is None or "<" not in m.group(2):
            return None
        inner_html = m.group(2)
        doc, _, round_trips = parse_round_trip(inner_html)
        if not round_trips and serialize(doc) != inner_html:
            return None
        self._inner.append((comment, m.group(1), doc, m.group(3)))
        return doc

    def sync(self) -> None:
        """Write the edited insides of conditional comments back into their text."""
        for comment, head, doc, tail in self._inner:
            comment.text = head + serialize(doc) + tail

    def finish(self) -> str:
        self.sync()
        return serialize(self.doc)


def merge_texts(children: list[Node], index: int) -> None:
    """Join `children[index - 1]` and `children[index]` when both are text.

    After a node is removed its neighbours may both be `Text`; a parse of the
    serialized markup would read them as one, and the steps that follow
    (widow prevention, zoom-tag removal) look at text nodes, so the shared
    tree keeps the shape a fresh parse would give.
    """
    if 0 < index < len(children) and children[index - 1].__class__ is Text and children[index].__class__ is Text:
        children[index - 1].text += children[index].text
        del children[index]


def attrs_named(el: Element, names: frozenset[str]) -> dict[str, Attribute]:
    """For each lower-case name in `names`, the attribute `el.attr(name)` would find (one pass)."""
    found: dict[str, Attribute] = {}
    loose: dict[str, Attribute] | None = None
    for a in el.attrs:
        name = a.name
        if name in names:
            if name not in found:
                found[name] = a
        else:
            lowered = name.lower()
            if lowered in names:
                if loose is None:
                    loose = {}
                loose.setdefault(lowered, a)
    if loose:
        for name, a in loose.items():
            found.setdefault(name, a)
    return found


def set_attr(el: Element, name: str, value: str | None) -> None:
    """Set `name` (keeping where and how it was written when it exists)."""
    existing = el.attr(name)
    if existing is not None:
        existing.value = value
        if value is None:
            existing.quote, existing.eq = "", ""
        elif not existing.quote:
            existing.quote, existing.eq = '"', existing.eq or "="
        return
    if value is None:
        el.attrs.append(Attribute(name, None, quote="", eq=""))
    else:
        el.attrs.append(Attribute(name, value))


def remove_attr(el: Element, name: str) -> bool:
    lowered = name.lower()
    before = len(el.attrs)
    el.attrs = [a for a in el.attrs if a.name.lower() != lowered]
    return len(el.attrs) != before


def escape_attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")
