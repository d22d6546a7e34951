"""Light and dark app theme that follows the system.

Fusion everywhere, so both themes look the same on every platform and the
dark palette is honoured (native styles ignore palettes). The preference is
"system" (default: `QStyleHints.colorScheme`, Unknown counts as light),
"light" or "dark"; `ThemeController.changed` tells icon holders to repaint.

Why a switch re-polishes every widget that has a style sheet: Qt's style-sheet
style gives each widget under a style sheet an explicit palette, resolved once
(`palette(mid)` and friends included), so `QApplication.setPalette` alone never
reaches them and the window came out half-themed (dark page, black labels).
Setting each sheet again makes Qt resolve it against the new palette; it costs a
few milliseconds and only happens when the user switches.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

PREFERENCES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor("#1f2126"), QColor("#17181c"), QColor("#e6e6ea")
    roles = QPalette.ColorRole
    p.setColor(roles.Window, window)
    p.setColor(roles.WindowText, text)
    p.setColor(roles.Base, base)
    p.setColor(roles.AlternateBase, QColor("#23252b"))
    p.setColor(roles.ToolTipBase, QColor("#2b2d33"))
    p.setColor(roles.ToolTipText, text)
    p.setColor(roles.PlaceholderText, QColor("#8a8c96"))
    p.setColor(roles.Text, text)
    p.setColor(roles.Button, QColor("#2a2c32"))
    p.setColor(roles.ButtonText, text)
    p.setColor(roles.BrightText, QColor("#ff6b6b"))
    p.setColor(roles.Light, QColor("#3a3c44"))
    p.setColor(roles.Midlight, QColor("#32343b"))
    p.setColor(roles.Mid, QColor("#2a2c32"))
    p.setColor(roles.Dark, QColor("#121316"))
    p.setColor(roles.Shadow, QColor("#000000"))
    p.setColor(roles.Highlight, QColor("#6f58e8"))
    p.setColor(roles.HighlightedText, QColor("#ffffff"))
    p.setColor(roles.Link, QColor("#a999ff"))
    p.setColor(roles.LinkVisited, QColor("#c3b8ff"))
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(disabled, role, QColor("#6b6d75"))
    return p


def light_palette() -> QPalette:
    p = QStyleFactory.create("Fusion").standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#5b3fd9"))
    p.setColor(QPalette.ColorRole.Link, QColor("#5b3fd9"))
    # Fusion's half-transparent black reads #787878 on the window: 3.8:1. Hints are text; 4.6:1 here.
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6b6b"))
    return p


def is_dark() -> bool:
    """Whether the palette in force is dark (what icon colours key on)."""
    app = QGuiApplication.instance()
    return app is not None and app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def repolish(app: QApplication) -> None:
    """Re-resolve every style sheet against the palette now in force (see the module docstring)."""
    if app.styleSheet():
        app.setStyleSheet(app.styleSheet())
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet and not _under_a_sheet(widget):
            widget.setStyleSheet(sheet)  # re-resolves the sheets of every widget below it too


def _under_a_sheet(widget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.styleSheet():
            return True
        parent = parent.parentWidget()
    return False


class ThemeController(QObject):
    """Owns the app palette; re-applies it when the system scheme or the preference changes."""

    changed = Signal(bool)  # dark?

    def __init__(self, app: QApplication, preference: str = "system", parent: QObject | None = None):
        super().__init__(parent or app)
        self._app = app
        self._preference = preference if preference in PREFERENCES else "system"
        app.setStyle("Fusion")
        self._system_scheme = app.styleHints().colorScheme()
        app.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.dark = None
        self.apply()

    @property
    def preference(self) -> str:
        return self._preference

    def set_preference(self, preference: str) -> None:
        if preference not in PREFERENCES:
            raise ValueError(f"theme must be one of {', '.join(PREFERENCES)}")
        self._preference = preference
        self.apply()

    def wants_dark(self) -> bool:
        if self._preference != "system":
            return self._preference == "dark"
        return self._system_scheme == Qt.ColorScheme.Dark

    def _system_changed(self, scheme) -> None:
        self._system_scheme = scheme
        if self._preference == "system":
            self.apply()

    def apply(self) -> None:
        dark = self.wants_dark()
        self._app.setPalette(dark_palette() if dark else light_palette())
        if self.dark is not None and dark != self.dark:
            repolish(self._app)
        if dark != self.dark:
            self.dark = dark
            self.changed.emit(dark)
