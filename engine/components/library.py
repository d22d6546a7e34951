"""Where component sources come from: a mapping tag → source, a folder, or the workspace.

`compile_email(components=…)` accepts any of them (see `as_library`). A
folder holds one file per component named after its tag (`promo-card.html`,
§4.1; a `.mjml` name marks an MJML component). Parsed definitions are cached
by source, so a library can be rebuilt for every compile cheaply.
"""
from __future__ import annotations

from pathlib import Path

from engine.components.source import ComponentDef, parse_component


class ComponentLibrary:
    def __init__(self, sources: dict[str, str] | None = None, filenames: dict[str, str] | None = None):
        self.sources: dict[str, str] = {k.lower(): v for k, v in (sources or {}).items()}
        self.filenames: dict[str, str] = {k.lower(): v for k, v in (filenames or {}).items()}

    def __contains__(self, tag: str) -> bool:
        return tag in self.sources

    def __len__(self) -> int:
        return len(self.sources)

    def tags(self) -> list[str]:
        return sorted(self.sources)

    def get(self, tag: str) -> ComponentDef | None:
        source = self.sources.get(tag)
        if source is None:
            return None
        return parse_component(tag, source, self.filenames.get(tag, f"{tag}.html"))

    def definitions(self) -> list[ComponentDef]:
        return [self.get(t) for t in self.tags()]

    # ---- constructors ---------------------------------------------------------------
    @classmethod
    def from_folder(cls, folder) -> "ComponentLibrary":
        """Every `*.html` / `*.mjml` file of `folder`, its tag taken from the file name."""
        sources, names = {}, {}
        for path in sorted(Path(folder).iterdir()):
            if path.suffix.lower() not in (".html", ".mjml") or not path.is_file():
                continue
            tag = path.stem.lower()
            sources[tag] = path.read_text(encoding="utf-8")
            names[tag] = str(path)
        return cls(sources, names)

    @classmethod
    def from_workspace(cls, workspace) -> "ComponentLibrary":
        """The workspace's component files (each has a `tag` and a `source`)."""
        from engine.store.files import COMPONENT

        sources, names = {}, {}
        for info in workspace.files.list(type_filter="components", recursive=True):
            if info.kind != COMPONENT or not info.tag:
                continue
            sources[info.tag] = workspace.files.source(info.ref)
            names[info.tag] = f"{info.name} <{info.tag}>"
        return cls(sources, names)


def as_library(components) -> ComponentLibrary | None:
    """A `ComponentLibrary` from whatever the caller has: a library, a mapping, a folder path, a workspace."""
    if components is None:
        return None
    if isinstance(components, ComponentLibrary):
        return components
    if isinstance(components, dict):
        return ComponentLibrary(components)
    if isinstance(components, (str, Path)):
        return ComponentLibrary.from_folder(components)
    if hasattr(components, "files"):
        return ComponentLibrary.from_workspace(components)
    raise TypeError(f"components must be a mapping tag → source, a folder or a workspace, not {type(components).__name__}")
