"""Send test from the editor window to a real SMTP server on 127.0.0.1, and the SMTP settings form."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.send_dialog import SendTestDialog
from editor.window import EditorWindow
from engine.delivery import Envelope, credentials
from tests.gui_helpers import find_file, settings, workspace  # noqa: F401
from tests.smtp_server import smtp_server  # noqa: F401  (fixture)


def test_send_test_from_the_editor_renders_the_sample_person(qtbot, workspace, settings, smtp_server):
    inbox, port = smtp_server
    workspace.settings.set("smtp", {"host": "127.0.0.1", "port": port, "security": "none", "user": ""})
    info = find_file(workspace, "Welcome")
    workspace.files.update_email(info.id, source="<x-base><x-paragraph>Hi {{ customer.first_name }}</x-paragraph></x-base>",
                                 **Envelope(from_="team@example.com", to="{{ customer.email }}",
                                            subject="For {{ customer.first_name }}").to_columns())
    w = EditorWindow(workspace, f"email:{info.id}", settings=settings, dark=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.preview.sample.person() is not None, timeout=5000)
    person = w.preview.sample.person()
    dialog = SendTestDialog(w, workspace, w)
    dialog.recipients.setPlainText("qa@example.com, lead@example.com")
    assert dialog._save_group("QA team")
    assert workspace.settings.get("test_groups") == {"QA team": ["qa@example.com", "lead@example.com"]}
    assert dialog.send(), dialog.status.text()
    assert len(inbox.messages) == 2
    msg = inbox.messages[0]
    first = person.attributes["first_name"]
    assert msg["Subject"].startswith(f"[TEST] For {first} #")
    assert f"Hi {first}" in msg.get_body(("html",)).get_content()
    assert f"Hi {first}" in msg.get_body(("plain",)).get_content()
    assert "Sent 2 tests" in dialog.status.text()
    w.close_document()


def test_send_test_refuses_bad_recipients_without_sending(qtbot, workspace, settings, smtp_server):
    inbox, port = smtp_server
    workspace.settings.set("smtp", {"host": "127.0.0.1", "port": port, "security": "none"})
    info = find_file(workspace, "Welcome")
    w = EditorWindow(workspace, f"email:{info.id}", settings=settings, dark=False)
    qtbot.addWidget(w)
    dialog = SendTestDialog(w, workspace, w)
    dialog.recipients.setPlainText("not-an-address")
    assert not dialog.send()
    assert "not an email address" in dialog.status.text() and inbox.messages == []
    dialog.recipients.setPlainText("qa@example.com")
    assert not dialog.send()  # the envelope has no From/Subject yet
    assert "From is required" in dialog.status.text()
    w.close_document()


def test_smtp_settings_form_stores_no_password_in_the_workspace(qtbot, workspace):
    from app.screens.settings import SettingsScreen

    screen = SettingsScreen(workspace)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=2000)
    qtbot.mouseClick(screen.smtp_host, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.smtp_host, "mail.example.com")
    qtbot.keyClick(screen.smtp_host, Qt.Key.Key_Return)  # finishing the edit saves it
    qtbot.mouseClick(screen.smtp_security, Qt.MouseButton.LeftButton)  # the TLS dropdown opens …
    popup = screen.smtp_security.view()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    while popup.currentIndex().row() != screen.smtp_security.findData("ssl"):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # … and SSL/TLS is picked
    qtbot.mouseClick(screen.smtp_user, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.smtp_user, "me")
    qtbot.keyClick(screen.smtp_user, Qt.Key.Key_Tab)  # Tab moves on to Password, finishing User
    assert screen.smtp_password.hasFocus()
    qtbot.keyClicks(screen.smtp_password, "s3cret")
    qtbot.keyClick(screen.smtp_password, Qt.Key.Key_Return)
    stored = workspace.settings.get("smtp")
    assert stored == {"host": "mail.example.com", "port": screen.smtp_port.value(), "security": "ssl", "user": "me"}
    assert "s3cret" not in repr(stored)
    assert credentials.load_password(screen.smtp_settings().keyring_user) == "s3cret"
    if not credentials.available():
        assert "this session only" in screen.keyring_note.text()
