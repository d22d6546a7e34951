"""Pass 2 — inject global style defaults and container inheritance (§5.5).

Precedence for a prop of a text component, highest first:
1. the component's own explicit prop (and later its `style`, merged last);
2. the nearest container (base/section/box/row/column) that sets it explicitly;
3. the global style block of the component's type.

Block per type: `x-base`, paragraphs and lists → Paragraph; headings → their
level; `x-cta` → Button; `<a>` → Links (its font comes from the Paragraph
style through CSS inheritance, so it is not repeated inline).

Decisions:
- [inf] `x-cta` does not inherit container text props: its text sits on its own
  fill, so a section's white text must not repaint the button. It takes Button.
- [gap] `x-hr` takes the global Dividers block (fill → `background-color`,
  height). §5.5 says dividers pick up nothing automatically, but §5.2 defines
  that block for exactly this element, and a user who sets it expects to see it.
- Containers get no inline copy of what they inherit: CSS inheritance already
  carries it; only components with their own defaults need the explicit value
  written on them to beat those defaults.

This pass runs before markup is produced (the lead's outline lists it after
expansion): the expanded markup is final HTML, so defaults must be known when
each component is rendered. It stays a separate, separately tested pass.
"""
from __future__ import annotations

from engine.compiler.schema import INHERITED_TEXT_PROPS
from engine.compiler.tree import Component, Raw, Resolved
from engine.compiler.values import Dynamic, from_user
from engine.styles.model import GlobalStyles

_FIELD_TO_PROP = {"divider": {"background": "background-color"}}
_NO_INHERIT = frozenset({"x-cta", "x-hr", "x-spacer", "x-column", "x-row", "x-section", "x-box", "x-base", "x-wrap"})


class DefaultsInjector:
    def __init__(self, styles: GlobalStyles):
        self.styles = styles
        self._blocks: dict[str, dict[str, Dynamic]] = {}

    def block(self, name: str) -> dict[str, Dynamic]:
        cached = self._blocks.get(name)
        if cached is None:
            cached = {}
            mapping = _FIELD_TO_PROP.get(name, {})
            for field, value in self.styles.defaults(name).items():
                dyn, error = from_user(value)
                if dyn is not None and not error and dyn.variants:
                    cached[mapping.get(field, field)] = dyn
            self._blocks[name] = cached
        return cached

    def run(self, resolved: Resolved) -> Resolved:
        inherited: dict[str, Dynamic] = {}
        if resolved.base is not None:
            self.component(resolved.base, {})
            inherited = self.passed_down(resolved.base, {})
        self.nodes(resolved.body, inherited, in_button=False)
        return resolved

    def passed_down(self, comp: Component, inherited: dict) -> dict:
        own = {p: comp.props[p] for p in INHERITED_TEXT_PROPS if p in comp.explicit}
        return {**inherited, **own} if own else inherited

    def component(self, comp: Component, inherited: dict) -> None:
        schema = comp.schema
        if schema.global_style:
            for prop, dyn in self.block(schema.global_style).items():
                if prop in schema.props and prop not in comp.props:
                    comp.props[prop] = dyn
        if comp.tag not in _NO_INHERIT:
            for prop, dyn in inherited.items():
                if prop in schema.props and prop not in comp.explicit:
                    comp.props[prop] = dyn

    def nodes(self, nodes, inherited: dict, in_button: bool) -> None:
        for n in nodes:
            if isinstance(n, Component):
                self.component(n, inherited)
                down = self.passed_down(n, inherited) if n.schema.container else inherited
                self.nodes(n.children, down, in_button or n.tag == "x-cta")
            elif isinstance(n, Raw):
                if n.element.name == "a" and not in_button:
                    n.injected = dict(self.block("links"))
                    n.injected.pop("font-family", None)
                self.nodes(n.children, inherited, in_button)


def inject_defaults(resolved: Resolved, styles: GlobalStyles) -> Resolved:
    return DefaultsInjector(styles).run(resolved)
