"""The compiler's intermediate tree: what the value pass hands to the later passes.

Standard components become `Component`s whose props are already typed and
normalised to `Dynamic` values; everything else stays a parsed node, with
plain elements wrapped in `Raw` so their children (which may hold components)
are compiled too. Keeping this a small explicit tree is what lets each pass be
tested on a hand-built input.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.compiler.schema import ComponentSchema
from engine.compiler.values import Dynamic
from engine.document.nodes import Attribute, Element, Position


@dataclass
class Component:
    tag: str
    schema: ComponentSchema
    props: dict[str, Dynamic] = field(default_factory=dict)
    explicit: set[str] = field(default_factory=set)
    children: list = field(default_factory=list)
    pos: Position = field(default_factory=Position)
    user_class: str = ""
    user_style: str = ""
    passthrough: list[tuple[str, str | None]] = field(default_factory=list)
    element: Element | None = None

    def value(self, name: str, default=None):
        """The default-condition value of a prop (what is written inline)."""
        d = self.props.get(name)
        if d is None:
            return default
        v = d.base
        return default if v is None else v


@dataclass
class Raw:
    """A plain HTML element (`div`, `a`, `table`, a custom tag kept as written)."""

    element: Element
    children: list = field(default_factory=list)
    # CSS declarations injected by the defaults pass (the global Links style on `<a>`).
    injected: dict[str, Dynamic] = field(default_factory=dict)
    # `:attr` expressions already evaluated to strings, by attribute name.
    evaluated: dict[str, str] = field(default_factory=dict)


@dataclass
class Resolved:
    """The output of the value pass."""

    body: list = field(default_factory=list)  # the content of x-base (or the whole document)
    base: Component | None = None
    heads: list[str] = field(default_factory=list)  # each x-head's content, verbatim
    html_document: bool = False  # the source is a complete <html> document without x-base


@dataclass
class EvaluatedAttribute(Attribute):
    """A `:prop` whose value custom-component expansion already computed in JavaScript.

    The value pass takes `data` as is instead of re-reading the text with the
    literal evaluator, so objects (`{light, dark}`), arrays and numbers reach
    standard components intact and without a round trip through text.
    """

    data: object = field(default=None, kw_only=True)
