"""The code editor's Insert menu: standard blocks and custom-component presets (spec §3.2, §4.3).

The visual editor drags blocks from its Insert panel; the code editor's
equivalent inserts the block's markup at the cursor.

Decisions:
- A menu on the editor toolbar ("Insert ▾"), not a palette panel: the file
  panel is for switching files and the code column has no room to spare; a
  menu is one click away and shows every entry with its group, like §3.2's
  Insert panel.
- Order as §3.2: **Standard components** first, in the spec's palette order
  (Heading, Paragraph, Button, Image, List, Navigation, Social links, HTML,
  Divider, Spacer, Box, Columns, Section; Navigation and Social links are
  the `x-wrap` presets of `engine.compiler.schema.PRESETS`), then **Custom
  components**, which appear only when at least one workspace component has
  a preset. A component with one preset is one entry labelled with the
  preset's label; one with several gets a submenu named by its `config.label`
  (the workspace has no Insert-menu "section" yet, so the component is the group).
- Inserting follows the cursor line's indentation, so a block lands aligned
  with its neighbours; the edit is one undo step in the code editor.
- The component list is read from the store when the menu opens (on the GUI
  thread), so a preset added in another tab shows up without reopening.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu


@dataclass(frozen=True)
class InsertEntry:
    group: str  # "Standard components" or "Custom components"
    label: str  # what the menu shows
    content: str  # what is inserted
    tag: str = ""
    component_label: str = ""  # custom components: the submenu when it has several presets


STANDARD = "Standard components"
CUSTOM = "Custom components"


def standard_entries() -> list[InsertEntry]:
    from engine.compiler.schema import PRESETS

    blocks = (
        ("Heading", "x-heading-2", "<x-heading-2>Heading</x-heading-2>"),
        ("Paragraph", "x-paragraph", "<x-paragraph>Write something here.</x-paragraph>"),
        ("Button", "x-cta", '<x-cta href="https://example.com/">Button</x-cta>'),
        ("Image", "x-image", '<x-image src="https://placehold.co/600x300" alt="Describe the image" :width="600"/>'),
        ("List", "x-list", "<x-list>\n  <li>First item</li>\n  <li>Second item</li>\n</x-list>"),
        ("Navigation", "x-wrap", PRESETS["navigation"]),
        ("Social links", "x-wrap", PRESETS["social-links"]),
        ("HTML", "x-html", "<x-html>\n  <p>Raw HTML</p>\n</x-html>"),
        ("Divider", "x-hr", "<x-hr/>"),
        ("Spacer", "x-spacer", '<x-spacer :size="24"/>'),
        ("Box", "x-box", '<x-box padding="16px">\n  <x-paragraph>Inside a box.</x-paragraph>\n</x-box>'),
        ("Columns", "x-row", "<x-row>\n  <x-column>\n    <x-paragraph>Left column</x-paragraph>\n  </x-column>\n"
                             "  <x-column>\n    <x-paragraph>Right column</x-paragraph>\n  </x-column>\n</x-row>"),
        ("Section", "x-section", "<x-section>\n  <x-paragraph>A new section.</x-paragraph>\n</x-section>"),
    )
    return [InsertEntry(STANDARD, label, content, tag) for label, tag, content in blocks]


def custom_entries(library) -> list[InsertEntry]:
    """Every preset of every component that has presets (§4.3: no presets, not offered)."""
    from engine.components.operations import insertable_presets

    if library is None:
        return []
    return [InsertEntry(CUSTOM, p.label, p.content, p.tag, p.component_label) for p in insertable_presets(library)]


def insert_entries(library) -> list[InsertEntry]:
    return standard_entries() + custom_entries(library)


def indented(content: str, source: str, line: int) -> str:
    """`content` with its second and later lines indented like line `line` of `source` (1-based)."""
    lines = source.split("\n")
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = current[:len(current) - len(current.lstrip(" \t"))]
    if not indent:
        return content
    head, *rest = content.split("\n")
    return "\n".join([head] + [indent + r if r else r for r in rest])


class InsertMenu(QMenu):
    """Lists `insert_entries(library_provider())` each time it opens; `chosen(entry)` on a click."""

    chosen = Signal(object)  # InsertEntry

    def __init__(self, library_provider, parent=None):
        super().__init__("Insert", parent)
        self.setObjectName("insertMenu")
        self._provider = library_provider
        self.entries: list[InsertEntry] = []
        self.aboutToShow.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        try:
            library = self._provider()
        except Exception:  # noqa: BLE001 - a broken workspace still leaves the standard blocks
            library = None
        self.entries = insert_entries(library)
        self.addSection(STANDARD)
        for e in self.entries:
            if e.group == STANDARD:
                self._add(self, e)
        custom = [e for e in self.entries if e.group == CUSTOM]
        if not custom:
            return
        self.addSection(CUSTOM)
        by_component: dict[tuple[str, str], list[InsertEntry]] = {}
        for e in custom:
            by_component.setdefault((e.component_label, e.tag), []).append(e)
        for (label, tag), group in sorted(by_component.items(), key=lambda kv: kv[0][0].lower()):
            if len(group) == 1:
                action = self._add(self, group[0])
                action.setToolTip(f"<{tag}> — {label}")
            else:
                sub = self.addMenu(label)
                sub.setObjectName(f"insertSubmenu_{tag}")
                sub.setToolTipsVisible(True)
                for e in group:
                    self._add(sub, e)

    def _add(self, menu: QMenu, entry: InsertEntry):
        action = menu.addAction(entry.label)
        action.setData(entry)
        action.setToolTip(entry.content if len(entry.content) < 200 else entry.content[:200] + "…")
        action.triggered.connect(lambda _=False, e=entry: self.chosen.emit(e))
        return action

    def action_for(self, label: str):
        """The action labelled `label` (submenus included) — for keyboard users and tests alike."""
        stack = [self]
        while stack:
            menu = stack.pop()
            for a in menu.actions():
                if a.menu() is not None:
                    stack.append(a.menu())
                elif a.text() == label and not a.isSeparator():
                    return a
        return None
