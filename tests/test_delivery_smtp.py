"""Test sends go through a real SMTP server on 127.0.0.1 (aiosmtpd) and arrive as built."""
from __future__ import annotations

import pytest

from engine.delivery import Envelope, SmtpSettings, TestSend, build_test_message, parse_recipients, send_messages
from engine.delivery.smtp import DeliveryError
from tests.smtp_server import smtp_server  # noqa: F401  (fixture)


ENVELOPE = Envelope(
    from_="Studio <studio@example.com>", to="{{ customer.email }}", subject="Hello {{ customer.first_name }}",
    reply_to="help@example.com", headers=[("X-Campaign", "spring-{{ customer.plan }}")],
)
DATA = {"customer": {"first_name": "Ada", "plan": "pro", "email": "ada@example.com"}}
HTML = "<html><body><p>Hi {{ customer.first_name }}</p></body></html>"
TEXT = "Hi {{ customer.first_name }}"


def test_a_test_send_arrives_multipart_with_rendered_liquid(smtp_server):
    inbox, port = smtp_server
    options = TestSend(["qa1@example.com", "qa2@example.com"], prevent_threading=True, test_prefix=True, data=DATA)
    messages = [build_test_message(ENVELOPE, HTML, TEXT, r, options) for r in options.recipients]
    send_messages(SmtpSettings("127.0.0.1", port, "none"), None, messages)
    assert inbox.recipients == [["qa1@example.com"], ["qa2@example.com"]]
    first, second = inbox.messages
    assert first["Subject"].startswith("[TEST] Hello Ada #")
    assert first["Subject"] != second["Subject"]  # prevent threading: unique subjects
    assert first["X-Entity-Ref-ID"] != second["X-Entity-Ref-ID"]
    assert first["X-Campaign"] == "spring-pro"
    assert first["Reply-To"] == "help@example.com"
    assert first["To"] == "qa1@example.com"
    assert first.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in first.iter_parts()] == ["text/plain", "text/html"]
    assert first.get_body(("plain",)).get_content().strip() == "Hi Ada"
    assert "<p>Hi Ada</p>" in first.get_body(("html",)).get_content()


def test_without_prevent_threading_or_prefix_the_subject_is_as_written(smtp_server):
    inbox, port = smtp_server
    options = TestSend(["qa@example.com"], prevent_threading=False, test_prefix=False, data=DATA)
    send_messages(SmtpSettings("127.0.0.1", port, "none"), None,
                  [build_test_message(ENVELOPE, HTML, TEXT, "qa@example.com", options, amp="<html amp4email>{{ customer.plan }}</html>")])
    msg = inbox.messages[0]
    assert msg["Subject"] == "Hello Ada"
    assert "X-Entity-Ref-ID" not in msg
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/x-amp-html", "text/html"]


def test_missing_liquid_variable_fails_the_test_with_its_location():
    with pytest.raises(DeliveryError) as info:
        build_test_message(ENVELOPE, "<p>{{ customer.nickname }}</p>", TEXT, "qa@example.com", TestSend(["qa@example.com"], data=DATA))
    assert "HTML:1:" in str(info.value) and "nickname" in str(info.value)


def test_denylisted_header_blocks_the_send():
    bad = Envelope(from_="a@example.com", to="b@example.com", subject="S", headers=[("Content-Type", "text/plain")])
    assert any("header 'Content-Type' cannot be set to a custom value" == p.message for p in bad.problems())
    with pytest.raises(DeliveryError):
        build_test_message(bad, HTML, TEXT, "qa@example.com", TestSend(["qa@example.com"], data=DATA))


def test_header_names_and_required_fields():
    env = Envelope(headers=[("X Bad", "v"), ("", "v"), ("X-Ok", "")])
    messages = {p.extra["field"]: p.message for p in env.problems()}
    assert messages["from"] == "From is required" and messages["subject"] == "Subject is required"
    assert "spaces" in messages["headers[0].name"]
    assert "blank" in messages["headers[1].name"]
    assert "headers[2].name" not in messages  # an empty value is fine


def test_recipient_parsing_and_limit():
    addresses, errors = parse_recipients("a@example.com, b@example.com;\nA@example.com nope")
    assert addresses == ["a@example.com", "b@example.com"]
    assert errors == ["“nope” (recipient 4) is not an email address"]
    many = " ".join(f"u{n}@example.com" for n in range(26))
    assert "at most 25" in parse_recipients(many)[1][-1]


def test_unreachable_server_is_a_readable_error():
    with pytest.raises(DeliveryError) as info:
        send_messages(SmtpSettings("127.0.0.1", 1, "none", timeout=2), None, [])
    assert "cannot reach 127.0.0.1:1" in str(info.value)


def test_envelope_round_trips_through_the_row_columns():
    columns = ENVELOPE.to_columns()
    back = Envelope.from_row(columns["subject"], columns["preheader"], columns["envelope"])
    assert back == ENVELOPE
