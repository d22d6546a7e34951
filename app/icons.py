"""qtawesome icons coloured for the current theme.

Icons are font glyphs tinted at creation, so a theme switch needs new ones:
`icon()` caches per (name, dark) and holders re-fetch on `ThemeController.changed`.
Every name the app uses lives in ICONS, so a missing glyph fails at one place.

Importing qtawesome costs about half a second (its qtpy layer materialises
every QtGui/QtWidgets type), a quarter of the startup budget. So the app can
start with `defer()`: until `load()` runs, `icon()` hands out empty icons and
the main window calls `load()` right after its first paint, then refreshes
every icon holder through the same path a theme switch uses.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QIcon

from app.theme import is_dark

ICONS = {
    "campaigns": "mdi6.sitemap-outline",
    "files": "mdi6.view-dashboard-outline",
    "styles": "mdi6.palette-outline",
    "people": "mdi6.account-multiple-outline",
    "segments": "mdi6.account-filter-outline",
    "settings": "mdi6.cog-outline",
    "folder": "mdi6.folder",
    "folder-open": "mdi6.folder-open-outline",
    "email": "mdi6.email-outline",
    "template": "mdi6.file-document-outline",
    "component": "mdi6.puzzle-outline",
    "campaign": "mdi6.sitemap-outline",
    "search": "mdi6.magnify",
    "create": "mdi6.plus",
    "new-folder": "mdi6.folder-plus-outline",
    "rename": "mdi6.pencil-outline",
    "duplicate": "mdi6.content-copy",
    "delete": "mdi6.delete-outline",
    "open": "mdi6.open-in-app",
    "keyboard": "mdi6.keyboard-outline",
    "about": "mdi6.information-outline",
    "home": "mdi6.home-outline",
    "recent": "mdi6.history",
    "source": "mdi6.file-code-outline",
    "json": "mdi6.code-json",
    "previous": "mdi6.chevron-left",
    "next": "mdi6.chevron-right",
}

#: Kind colours stay the same in both themes: they identify, they don't decorate.
KIND_COLORS = {"folder": "#e0a526", "email": "#5b8def", "template": "#3fb27f", "component": "#b36bdb", "campaign": "#ef7b45"}


_state = {"deferred": False, "loaded": False}


def defer() -> None:
    """Hand out empty icons until `load()` (for a fast first paint)."""
    if not _state["loaded"]:
        _state["deferred"] = True


def load() -> None:
    import qtawesome  # noqa: F401  (the slow import, done once)

    _state["loaded"] = True
    _state["deferred"] = False


def ready() -> bool:
    return not _state["deferred"]


@lru_cache(maxsize=256)
def _make(name: str, dark: bool, color: str | None, on_color: str | None = None) -> QIcon:
    import qtawesome as qta

    fg = color or ("#d7d8de" if dark else "#3b3d45")
    on = on_color or fg
    return qta.icon(
        ICONS[name], color=fg, color_disabled="#777a83", color_active=fg, color_selected=fg,
        color_on=on, color_on_active=on, color_on_selected=on,
    )


def icon(name: str, on_color: str | None = None) -> QIcon:
    """A themed icon; `on_color` tints its checked state (e.g. white on a highlighted rail entry)."""
    if _state["deferred"]:
        return QIcon()
    return _make(name, is_dark(), None, on_color)


def contrast_icon(name: str) -> QIcon:
    """White glyph, for icons drawn on the highlight colour (the Create button)."""
    if _state["deferred"]:
        return QIcon()
    return _make(name, is_dark(), "#ffffff")


def kind_icon(kind: str) -> QIcon:
    """The icon of a file kind, in its identifying colour."""
    if _state["deferred"]:
        return QIcon()
    return _make(kind, is_dark(), KIND_COLORS.get(kind))
