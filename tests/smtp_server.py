"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for the test-send tests.

Import the fixture into a test module (`from tests.smtp_server import smtp_server`);
it yields `(inbox, port)`. `inbox.messages` are the parsed messages in
arrival order, `inbox.recipients` the envelope recipients of each.
"""
from __future__ import annotations

import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages = []
        self.recipients = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
        self.recipients.append(envelope.rcpt_tos)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
