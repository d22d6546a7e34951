"""Headless component operations for the GUI (§4.14): find references, delete, detach, presets.

- `find_references(workspace, tag)`: every element `<tag>` in the workspace's
  emails, templates and other components, with line and column.
- `delete_component(workspace, ref, force=False)`: refuses with
  `ComponentInUse` (listing the references) unless `force=True`.
- `detach(source, line, column, library)`: the instance starting at that
  position replaced by its expanded blocks; every other byte of the email
  source is unchanged. The component's `<style>` blocks come along as a
  `<style>` element before the blocks (the compiler hoists it to the head).
- `insertable_presets(library)`: the Insert menu's entries (label + content);
  a component without `presets` is not offered (§4.3).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from engine.document.nodes import Element, walk


@dataclass(frozen=True)
class Reference:
    file: object  # engine.store.files.FileInfo
    line: int
    column: int


class ComponentInUse(Exception):
    def __init__(self, tag: str, references: list[Reference]):
        self.tag = tag
        self.references = references
        where = "; ".join(f"{r.file.name} line {r.line}" for r in references[:10])
        more = f" and {len(references) - 10} more" if len(references) > 10 else ""
        super().__init__(f"<{tag}> is still used in {len(references)} place(s): {where}{more}. "
                         "Remove it from each email (and publish), or delete anyway.")


def references_in(source: str, tag: str) -> list[tuple[int, int]]:
    """(line, column) of every `<tag>` element in one source."""
    from engine.document.parser import parse_with_problems

    tag = tag.lower()
    if f"<{tag}" not in source.lower():
        return []
    doc, _ = parse_with_problems(source)
    return [(n.pos.line, n.pos.column) for n in walk(doc) if isinstance(n, Element) and n.name == tag]


def find_references(workspace, tag: str) -> list[Reference]:
    from engine.store.files import COMPONENT, FOLDER

    out = []
    for info in workspace.files.list(recursive=True):
        if info.kind == FOLDER or (info.kind == COMPONENT and info.tag == tag):
            continue
        for line, col in references_in(workspace.files.source(info.ref), tag):
            out.append(Reference(info, line, col))
    out.sort(key=lambda r: (r.file.name.lower(), r.line, r.column))
    return out


def delete_component(workspace, ref, *, force: bool = False) -> None:
    info = workspace.files.get(ref)
    refs = find_references(workspace, info.tag) if info.tag else []
    if refs and not force:
        raise ComponentInUse(info.tag, refs)
    workspace.files.delete(ref)


@dataclass(frozen=True)
class InsertablePreset:
    tag: str
    label: str
    content: str
    component_label: str


def insertable_presets(library) -> list[InsertablePreset]:
    out = []
    for d in library.definitions():
        for p in d.presets:
            out.append(InsertablePreset(d.tag, p.label, p.content, d.label))
    return out


class DetachError(Exception):
    pass


def detach(source: str, line: int, column: int, library, *, styles=None) -> str:
    """The email source with the instance at (line, column) expanded into its blocks."""
    from engine.components.expand import ComponentExpander, Frame
    from engine.components.library import as_library
    from engine.document.parser import parse_with_problems
    from engine.document.serialize import serialize

    library = as_library(library)
    doc, _ = parse_with_problems(source)
    target = next((n for n in walk(doc) if isinstance(n, Element) and n.pos.line == line
                   and n.pos.column == column), None)
    if target is None or target.name not in library:
        raise DetachError(f"no custom component instance starts at line {line}, column {column}")
    if target.start < 0 or target.end < 0:
        raise DetachError("the instance has no source span")
    problems = []
    expander = ComponentExpander(library, problems, styles=styles)
    nodes = expander.instance(target, Frame("", False), 0)
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        raise DetachError("cannot detach: " + "; ".join(p.format() for p in errors))
    parts = []
    for item in expander.heads:
        if item[0] == "style":
            iso = "" if not item[2] else (" #isolated" if item[2] is True else f' #isolated="{item[2]}"')
            media = f' media="{item[3]}"' if item[3] else ""
            parts.append(f"<style{iso}{media}>{item[1]}</style>")
    parts.append(serialize([_plain(n) for n in nodes]))
    return source[:target.start] + "".join(parts) + source[target.end:]


def _plain(n):
    """Evaluated attributes written back as `:name="literal"` so the source can be re-read."""
    from dataclasses import replace

    from engine.compiler.tree import EvaluatedAttribute
    from engine.document.nodes import Attribute

    if not isinstance(n, Element):
        return n
    attrs = []
    for a in n.attrs:
        if isinstance(a, EvaluatedAttribute):
            data = a.data
            attrs.append(Attribute(a.name, json.dumps(data) if not isinstance(data, str) else json.dumps(data)))
        else:
            attrs.append(a)
    return replace(n, attrs=attrs, children=[_plain(c) for c in n.children])
