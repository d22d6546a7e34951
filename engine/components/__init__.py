"""Custom components (spec §4): file anatomy, the `Component` API in a QuickJS sandbox, directives,
slots, stylesheets — expanded into standard components before the standard compile (§1.2 step 3).

- `ComponentLibrary` / `as_library`: where component sources come from (mapping, folder, workspace);
- `parse_component`: a component file → `ComponentDef` with its static problems;
- `expand_components`: the compiler's pipeline step 3;
- `tag_problem`: the tag-name rules (§4.2);
- `operations`: references, delete, detach, presets (headless, for the GUI).

No Qt anywhere here.
"""
from __future__ import annotations

from engine.components.library import ComponentLibrary, as_library
from engine.components.names import is_valid_tag, tag_problem
from engine.components.source import ComponentDef, Preset, parse_component


def expand_components(doc, library, problems, *, styles=None, filename: str = "", time_limit: float | None = None):
    """Expand every custom component of `doc` in place; returns the expander (its `heads` go to <head>)."""
    from engine.components.expand import ComponentExpander, Frame

    expander = ComponentExpander(library, problems, styles=styles, filename=filename, time_limit=time_limit)
    doc.children = expander.expand_email(doc.children, Frame(filename, False))
    return expander


def uses_components(doc, library) -> bool:
    """True when any element of `doc` is one of the library's tags (cheap pre-check)."""
    from engine.document.nodes import Element

    stack = list(doc.children)
    while stack:
        n = stack.pop()
        if n.__class__ is Element:
            if n.name in library:
                return True
            stack.extend(n.children)
    return False


__all__ = ["ComponentLibrary", "as_library", "parse_component", "ComponentDef", "Preset", "expand_components",
           "uses_components", "tag_problem", "is_valid_tag"]
