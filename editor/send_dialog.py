"""Send test (spec §12.2): up to 25 addresses or a saved group, over the SMTP server of Settings.

Email groups are workspace settings (`test_groups`: `{name: [addresses]}`),
shared by every message as in Customer.io. The SMTP server is the
workspace's `smtp` setting (host, port, security, user — never the password,
which comes from the system keyring or, without one, is asked once per
session; the dialog says which). Liquid is rendered with the preview's
sample person and event JSON; the last recipients are remembered.
Sending blocks for the few seconds an SMTP exchange takes, with a busy
cursor; errors are shown in the dialog, never raised.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QVBoxLayout,
)

from engine.delivery import MAX_TEST_RECIPIENTS, SmtpSettings, TestSend, build_test_message, parse_recipients, send_messages
from engine.delivery import credentials
from engine.delivery.smtp import DeliveryError

GROUPS_KEY = "test_groups"
RECIPIENTS_KEY = "test_recipients"
SMTP_KEY = "smtp"


class SendTestDialog(QDialog):
    def __init__(self, window, workspace, parent=None):
        super().__init__(parent)
        self.window = window
        self.ws = workspace
        self.setWindowTitle(f"Send test — {window.doc.name}")
        self.setMinimumWidth(520)
        self.smtp = SmtpSettings.from_json(workspace.settings.get(SMTP_KEY))
        box = QVBoxLayout(self)
        box.addWidget(QLabel(f"Recipients (up to {MAX_TEST_RECIPIENTS}; commas, spaces or lines):"))
        self.recipients = QPlainTextEdit(workspace.settings.get(RECIPIENTS_KEY, "") or "")
        self.recipients.setObjectName("testRecipients")
        self.recipients.setMaximumHeight(90)
        box.addWidget(self.recipients)
        row = QHBoxLayout()
        self.groups = QComboBox()
        self.groups.setObjectName("testGroups")
        self._fill_groups()
        add = QPushButton("Add group")
        add.clicked.connect(self._add_group)
        save = QPushButton("Save as group…")
        save.clicked.connect(self._save_group)
        row.addWidget(QLabel("Email group:"))
        row.addWidget(self.groups, 1)
        row.addWidget(add)
        row.addWidget(save)
        box.addLayout(row)
        self.prevent_threading = QCheckBox("Prevent threading (unique subject per test)", checked=True)
        self.test_prefix = QCheckBox("Prefix the subject with [TEST]", checked=True)
        box.addWidget(self.prevent_threading)
        box.addWidget(self.test_prefix)
        person = window.preview.sample.person()
        who = (person.email or person.external_id or person.cio_id) if person is not None else "no sample person"
        server = f"{self.smtp.host}:{self.smtp.port} ({self.smtp.security})" if self.smtp.host else "not set — Settings ▸ Sending"
        info = QLabel(f"Liquid rendered with: {who}<br>SMTP server: {server}")
        info.setStyleSheet("color: palette(placeholder-text);")
        box.addWidget(info)
        self.status = QLabel()
        self.status.setObjectName("sendStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = buttons.addButton("Send test", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        buttons.rejected.connect(self.reject)
        box.addWidget(buttons)

    # ---- groups -----------------------------------------------------------------
    def _groups(self) -> dict:
        value = self.ws.settings.get(GROUPS_KEY, {})
        return value if isinstance(value, dict) else {}

    def _fill_groups(self) -> None:
        self.groups.clear()
        for name, addresses in sorted(self._groups().items()):
            self.groups.addItem(f"{name} ({len(addresses)})", name)

    def _add_group(self) -> None:
        name = self.groups.currentData()
        if name:
            current = self.recipients.toPlainText().strip()
            extra = ", ".join(self._groups().get(name, []))
            self.recipients.setPlainText(f"{current}, {extra}" if current else extra)

    def _save_group(self, name: str | None = None) -> bool:
        addresses, errors = parse_recipients(self.recipients.toPlainText())
        if errors or not addresses:
            self.status.setText("A group needs 1–25 valid addresses: " + "; ".join(errors or ["none given"]))
            return False
        if name is None:
            name, ok = QInputDialog.getText(self, "Save email group", "Group name:")
            if not ok:
                return False
        name = name.strip()
        if not name:
            return False
        groups = self._groups()
        groups[name] = addresses
        self.ws.settings.set(GROUPS_KEY, groups)
        self._fill_groups()
        self.groups.setCurrentIndex(self.groups.findData(name))
        return True

    # ---- sending ------------------------------------------------------------------
    def _password(self) -> str | None:
        if not self.smtp.user:
            return None
        password = credentials.load_password(self.smtp.keyring_user)
        if password is not None:
            return password
        where = ("It will be kept in the system keyring." if credentials.available()
                 else "No system keyring is available: it is kept for this session only.")
        password, ok = QInputDialog.getText(self, "SMTP password", f"Password for {self.smtp.user} at {self.smtp.host}.\n{where}",
                                            QLineEdit.EchoMode.Password)
        if not ok:
            return None
        credentials.store_password(self.smtp.keyring_user, password)
        return password

    def send(self) -> bool:
        addresses, errors = parse_recipients(self.recipients.toPlainText())
        if not addresses and not errors:
            errors = ["Add at least one recipient"]
        if errors:
            self.status.setText("<b>Not sent.</b> " + "; ".join(errors))
            return False
        self.ws.settings.set(RECIPIENTS_KEY, ", ".join(addresses))
        w = self.window
        options = TestSend(addresses, self.prevent_threading.isChecked(), self.test_prefix.isChecked(),
                           w.preview.sample.data() or {})
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            html, text, amp = w.final_html(), w.plain_text(), w.doc.get("amp")
            messages = [build_test_message(w.doc.get("envelope"), html, text, a, options, amp=amp) for a in addresses]
            send_messages(self.smtp, self._password(), messages)
        except DeliveryError as exc:
            self.status.setText(f"<b>Not sent.</b> {exc}")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.status.setText(f"Sent {len(messages)} test{'s' * (len(messages) != 1)} to {', '.join(addresses)}.")
        w.status_message.emit(f"Test sent to {len(addresses)} address(es)")
        return True
