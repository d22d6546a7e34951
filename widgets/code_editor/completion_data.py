"""The data behind the editor's autocomplete, gathered from the engine. No Qt import.

The compiler's component schemas (`engine.compiler.schema`) and the Liquid
environment (`engine.liquid.environment`) are the only sources: the editor
offers exactly the tags, props, Liquid tags and filters the compiler and the
renderer accept. The shape sent to the page is the small dict interface
`{tag: {"props": {name: {"type", "values"}}, "void", "label", "description"}}`,
the same for standard and custom components.
"""
from __future__ import annotations

from typing import Any, Mapping

from .assets import mso_properties


def standard_components() -> dict[str, dict]:
    """Every standard `x-` component with its props (aliases included, so they complete too)."""
    from engine.compiler.schema import SCHEMAS

    out: dict[str, dict] = {}
    for tag, schema in SCHEMAS.items():
        if not tag.startswith("x-"):
            continue  # `fragment` is a template construct, not a component to insert
        props = {name: {"type": p.type, "values": list(p.values)} for name, p in schema.props.items()}
        for alias, target in schema.aliases.items():
            if target in props:
                props[alias] = dict(props[target])
        out[tag] = {"props": props, "void": schema.void, "label": schema.label, "description": schema.description}
    return out


def normalize_components(components: Mapping[str, Any]) -> dict[str, dict]:
    """Custom components in the dict interface; a list of prop names is accepted too (`defineProps([...])`)."""
    out: dict[str, dict] = {}
    for tag, info in components.items():
        info = dict(info or {})
        props = info.get("props") or {}
        if isinstance(props, (list, tuple)):
            props = {name: {} for name in props}
        info["props"] = {
            name: {"type": (p or {}).get("type", "string"), "values": list((p or {}).get("values") or [])}
            for name, p in props.items()
        }
        info.setdefault("void", False)
        out[tag] = info
    return out


def liquid_catalogue() -> dict[str, list[str]]:
    """Liquid tags and filters of the Customer.io "latest" engine, sorted."""
    from engine.liquid.environment import environment_for

    env = environment_for("latest")
    internal = {"illegal", "output", "content"}  # parser plumbing registered as tags, never typed
    block_words = {"else", "elsif", "when", "raw"} | {f"end{t}" for t in ("if", "unless", "for", "case", "capture",
                                                                        "comment", "raw", "tablerow")}
    tags = sorted({name for name in env.tags if name.isidentifier() and name not in internal
                   and not name.startswith("end")} | block_words)
    return {"tags": tags, "filters": sorted(env.filters)}


def default_completion_data() -> dict[str, Any]:
    catalogue = liquid_catalogue()
    return {
        "components": standard_components(),
        "custom": {},
        "liquid": {"variables": {}, "tags": catalogue["tags"], "filters": catalogue["filters"]},
        "mso": mso_properties(),
    }
