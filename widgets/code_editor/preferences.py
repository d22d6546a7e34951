"""Editor preferences (Ctrl+,): a small dialog, stored in QSettings, applied live.

Spec §7.2 lists the Preferences toggles; font size and tab size live here too
([inf] in the spec). Every open CodeEditor listens to one process-wide
notifier, so a change made in one editor's dialog reaches all of them while
the user is still moving the slider; Cancel puts the old values back.
Can-I-Email hovers, spell checking and the code checker belong to later
issues and are not shown until they exist (a switch that does nothing would
mislead).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QVBoxLayout,
                               QWidget)

SETTINGS_GROUP = "code_editor"


@dataclass(frozen=True)
class EditorPreferences:
    font_size: int = 13
    tab_size: int = 2
    word_wrap: bool = False
    minimap: bool = False  # off by default (spec §7.2)
    line_numbers: bool = True
    mso_highlight: bool = True  # off: conditional comments render in greyscale

    def to_options(self) -> dict:
        """The page's option names (see `setOptions` in editor.js)."""
        return {"fontSize": self.font_size, "tabSize": self.tab_size, "wordWrap": self.word_wrap,
                "minimap": self.minimap, "lineNumbers": self.line_numbers, "msoHighlight": self.mso_highlight}

    @classmethod
    def load(cls, settings: QSettings) -> "EditorPreferences":
        """Stored values, falling back to the defaults for anything missing or unreadable."""
        values = {}
        settings.beginGroup(SETTINGS_GROUP)
        try:
            for f in fields(cls):
                raw = settings.value(f.name)
                if raw is None:
                    continue
                try:
                    if f.type in (bool, "bool"):
                        values[f.name] = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
                    else:
                        values[f.name] = int(raw)
                except (TypeError, ValueError):
                    continue
        finally:
            settings.endGroup()
        return cls(**values).clamped()

    def save(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        for key, value in asdict(self).items():
            settings.setValue(key, value)
        settings.endGroup()
        settings.sync()

    def clamped(self) -> "EditorPreferences":
        return replace(self, font_size=min(40, max(8, self.font_size)), tab_size=min(8, max(1, self.tab_size)))


class _Notifier(QObject):
    changed = Signal(object)  # EditorPreferences


_notifier: _Notifier | None = None


def preferences_notifier() -> _Notifier:
    """The process-wide signal every editor listens to."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


class PreferencesDialog(QDialog):
    """Edits `EditorPreferences`; each change is broadcast at once, OK stores, Cancel reverts."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Editor preferences")
        self.settings = settings
        self.original = EditorPreferences.load(settings)
        self.font_size = QSpinBox(minimum=8, maximum=40, value=self.original.font_size, suffix=" px")
        self.tab_size = QSpinBox(minimum=1, maximum=8, value=self.original.tab_size, suffix=" spaces")
        self.word_wrap = QCheckBox("Wrap long lines", checked=self.original.word_wrap)
        self.minimap = QCheckBox("Show the minimap", checked=self.original.minimap)
        self.line_numbers = QCheckBox("Show line numbers", checked=self.original.line_numbers)
        self.mso_highlight = QCheckBox("Highlight Outlook (MSO) conditional comments",
                                       checked=self.original.mso_highlight)
        form = QFormLayout()
        form.addRow("Font size", self.font_size)
        form.addRow("Tab size", self.tab_size)
        for box in (self.word_wrap, self.minimap, self.line_numbers, self.mso_highlight):
            form.addRow(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        for spin in (self.font_size, self.tab_size):
            spin.valueChanged.connect(self._broadcast)
        for box in (self.word_wrap, self.minimap, self.line_numbers, self.mso_highlight):
            box.toggled.connect(self._broadcast)

    def preferences(self) -> EditorPreferences:
        return EditorPreferences(
            font_size=self.font_size.value(), tab_size=self.tab_size.value(), word_wrap=self.word_wrap.isChecked(),
            minimap=self.minimap.isChecked(), line_numbers=self.line_numbers.isChecked(),
            mso_highlight=self.mso_highlight.isChecked(),
        )

    def _broadcast(self, *_args) -> None:
        preferences_notifier().changed.emit(self.preferences())

    def accept(self) -> None:
        self.preferences().save(self.settings)
        super().accept()

    def reject(self) -> None:
        preferences_notifier().changed.emit(self.original)
        super().reject()
