"""Settings: where the workspace lives and the app preferences.

The theme preference works today (System / Light / Dark, kept in QSettings);
the other preferences are placeholders for the issues that need them.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from app.screens.common import Page
from engine import __version__

def display_location(url: str) -> str:
    """A workspace URL as a user reads it: a plain path for SQLite, passwords hidden otherwise."""
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return url


THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))


class SettingsScreen(Page):
    themeChosen = Signal(str)

    def __init__(self, workspace, theme: str = "system", parent=None):
        super().__init__("Settings", "", parent)
        self.ws = workspace
        box = QGroupBox("Workspace")
        form = QFormLayout(box)
        form.setSpacing(10)
        self.location = QLineEdit(self._location())
        self.location.setObjectName("workspaceLocation")
        self.location.setReadOnly(True)
        self.location.setMinimumWidth(420)
        form.addRow("Location:", self.location)
        hint = QLabel("Open another workspace with  <code>python main.py --workspace PATH_OR_URL</code>")
        hint.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", hint)
        self.outer.addWidget(box)

        prefs = QGroupBox("Appearance")
        pform = QFormLayout(prefs)
        pform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        pform.setSpacing(10)
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("themeCombo")
        self.theme_combo.setMinimumWidth(240)
        for key, label in THEMES:
            self.theme_combo.addItem(label, key)
        self.theme_combo.setCurrentIndex(max(0, [k for k, _ in THEMES].index(theme) if theme in dict(THEMES) else 0))
        self.theme_combo.currentIndexChanged.connect(lambda _i: self.themeChosen.emit(self.theme_combo.currentData()))
        pform.addRow("Theme:", self.theme_combo)
        self.outer.addWidget(prefs)

        later = QGroupBox("Sending and preview")
        lform = QFormLayout(later)
        lform.setSpacing(10)
        for label in ("Default sender:", "Preview width:", "Test profile:"):
            field = QLineEdit()
            field.setEnabled(False)
            field.setPlaceholderText("Available when the editor and sending issues land")
            lform.addRow(label, field)
        self.outer.addWidget(later)
        about = QLabel(f"Campaign Studio {__version__}")
        about.setStyleSheet("color: palette(placeholder-text);")
        self.outer.addWidget(about)
        self.outer.addStretch(1)

    def _location(self) -> str:
        return display_location(self.ws.url)

    def set_theme(self, theme: str) -> None:
        keys = [k for k, _ in THEMES]
        if theme in keys:
            self.theme_combo.blockSignals(True)
            self.theme_combo.setCurrentIndex(keys.index(theme))
            self.theme_combo.blockSignals(False)
