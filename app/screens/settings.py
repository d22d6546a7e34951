"""Settings: where the workspace lives and the app preferences.

The theme preference works today (System / Light / Dark, kept in QSettings).
Sending: the SMTP server for test sends (host, port, TLS, user) is a
workspace setting (`smtp`), shared like email groups; the password never goes
there — it is kept in the system keyring, or, when the machine has none
(headless), asked once per session and held in memory, which the form says.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox, QWidget

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

        self.outer.addWidget(self._sending_box())
        about = QLabel(f"Campaign Studio {__version__}")
        about.setStyleSheet("color: palette(placeholder-text);")
        self.outer.addWidget(about)
        self.outer.addStretch(1)

    def _sending_box(self) -> QGroupBox:
        from engine.delivery import SECURITY_MODES, SmtpSettings
        from engine.delivery import credentials

        box = QGroupBox("Sending (test emails over SMTP)")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.setSpacing(10)
        smtp = SmtpSettings.from_json(self.ws.settings.get("smtp"))
        self.smtp_host = QLineEdit(smtp.host, placeholderText="smtp.example.com")
        self.smtp_host.setMinimumWidth(320)
        self.smtp_port = QSpinBox()
        self.smtp_port.setRange(1, 65535)
        self.smtp_port.setValue(smtp.port)
        self.smtp_security = QComboBox()
        for key, label in zip(SECURITY_MODES, ("None", "STARTTLS", "SSL/TLS")):
            self.smtp_security.addItem(label, key)
        self.smtp_security.setCurrentIndex(max(0, self.smtp_security.findData(smtp.security)))
        self.smtp_user = QLineEdit(smtp.user, placeholderText="optional")
        self.smtp_password = QLineEdit(placeholderText="stored outside the workspace")
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        for edit in (self.smtp_user, self.smtp_password):
            edit.setMinimumWidth(320)  # the placeholder "stored outside the workspace" reads whole
        for label, widget in (("Host:", self.smtp_host), ("Port:", self.smtp_port), ("TLS:", self.smtp_security),
                              ("User:", self.smtp_user), ("Password:", self.smtp_password)):
            form.addRow(label, widget)
        note = ("Passwords are kept in the system keyring." if credentials.available() else
                "No system keyring on this machine: the password is kept for this session only and asked again next time.")
        self.keyring_note = QLabel(note)
        self.keyring_note.setStyleSheet("color: palette(placeholder-text);")
        form.addRow("", self.keyring_note)
        for w in (self.smtp_host, self.smtp_user):
            w.editingFinished.connect(self._save_smtp)
        self.smtp_port.valueChanged.connect(lambda _v: self._save_smtp())
        self.smtp_security.currentIndexChanged.connect(lambda _i: self._save_smtp())
        self.smtp_password.editingFinished.connect(self._save_password)
        return box

    def smtp_settings(self):
        from engine.delivery import SmtpSettings

        return SmtpSettings(self.smtp_host.text().strip(), self.smtp_port.value(),
                            self.smtp_security.currentData(), self.smtp_user.text().strip())

    def _save_smtp(self) -> None:
        self.ws.settings.set("smtp", self.smtp_settings().to_json())

    def _save_password(self) -> None:
        from engine.delivery import credentials

        if self.smtp_password.text():
            credentials.store_password(self.smtp_settings().keyring_user, self.smtp_password.text())

    def _location(self) -> str:
        return display_location(self.ws.url)

    def set_theme(self, theme: str) -> None:
        keys = [k for k, _ in THEMES]
        if theme in keys:
            self.theme_combo.blockSignals(True)
            self.theme_combo.setCurrentIndex(keys.index(theme))
            self.theme_combo.blockSignals(False)
