"""Delivery: the envelope of a message and test sends over SMTP (design-studio.md §12.1–12.2).

    Envelope.from_row / Envelope.to_columns   (`envelope`) the stored form
    Envelope.problems()                        required fields, custom-header rules, Liquid
    SmtpSettings, build_test_message, send_messages, parse_recipients   (`smtp`)
    credentials.load_password / store_password  (`credentials`) the system keyring

Headless: no Qt import anywhere here (team rule for engine/).
"""
from engine.delivery.envelope import DENYLISTED_HEADERS, MAX_CUSTOM_HEADERS, Envelope
from engine.delivery.smtp import (
    MAX_TEST_RECIPIENTS, SECURITY_MODES, DeliveryError, SmtpSettings, TestSend, build_test_message,
    parse_recipients, send_messages,
)

__all__ = [
    "DENYLISTED_HEADERS", "DeliveryError", "Envelope", "MAX_CUSTOM_HEADERS", "MAX_TEST_RECIPIENTS",
    "SECURITY_MODES", "SmtpSettings", "TestSend", "build_test_message", "parse_recipients", "send_messages",
]
