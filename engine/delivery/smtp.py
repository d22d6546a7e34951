"""Test sends over SMTP (spec §12.2): build the message, then hand it to a server.

Offline Campaign Studio has no sending infrastructure, so a test goes out
through an SMTP server the user configures in Settings [inf]. Building and
sending are separate steps: `build_test_message` is pure (tests read the
`EmailMessage` it returns), `send_messages` only talks to the server.

Decisions:
- One message per recipient, each addressed to that recipient only, so no
  tester sees the others' addresses. BCC gets no test (§12.2).
- Liquid is rendered with the sample person's data in the subject, the body
  parts, From, Reply-to and custom headers. A missing variable fails the test
  as it would fail a real send (§14: "a missing variable fails the send");
  the error lists every Liquid problem with its part, line and column.
- "Prevent threading" (on by default in the dialog) makes the subject unique
  with a short suffix ` #3f9a2c` and sets `X-Entity-Ref-ID` (the header the
  docs name for Gmail threading) to a fresh id.
- "[TEST]" prefix is optional and goes before the rendered subject.
- Parts: multipart/alternative with text/plain first, then the AMP part
  (`text/x-amp-html`) when the email has one, then text/html last — the
  order clients use to pick the richest part they support.
- TLS: "none", "starttls" or "ssl". Passwords never pass through here as
  settings: the caller gives one (from the keyring or asked per session).
"""
from __future__ import annotations

import re
import secrets
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr

from engine.delivery.envelope import Envelope
from engine.problems import Problem, Severity

MAX_TEST_RECIPIENTS = 25
SECURITY_MODES = ("none", "starttls", "ssl")
DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}
_ADDRESS = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


class DeliveryError(Exception):
    """A test could not be built or sent; the message is meant for the user."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])


@dataclass
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    timeout: float = 20.0

    @classmethod
    def from_json(cls, data) -> "SmtpSettings":
        data = data if isinstance(data, dict) else {}
        security = data.get("security", "starttls")
        if security not in SECURITY_MODES:
            security = "starttls"
        try:
            port = int(data.get("port") or DEFAULT_PORTS[security])
        except (TypeError, ValueError):
            port = DEFAULT_PORTS[security]
        return cls(str(data.get("host", "")), port, security, str(data.get("user", "")))

    def to_json(self) -> dict:
        return {"host": self.host, "port": self.port, "security": self.security, "user": self.user}

    def problems(self) -> list[str]:
        out = []
        if not self.host.strip():
            out.append("SMTP host is not set (Settings ▸ Sending)")
        if not 0 < self.port < 65536:
            out.append(f"SMTP port {self.port} is not between 1 and 65535")
        return out

    @property
    def keyring_user(self) -> str:
        """The keyring entry's user name: one password per server and login."""
        return f"{self.user}@{self.host}:{self.port}"


@dataclass
class TestSend:
    """What the Send test dialog collects."""

    __test__ = False  # not a pytest class, despite the name

    recipients: list[str]
    prevent_threading: bool = True
    test_prefix: bool = False
    data: dict = field(default_factory=dict)


def parse_recipients(text: str, limit: int = MAX_TEST_RECIPIENTS) -> tuple[list[str], list[str]]:
    """Addresses separated by commas, semicolons, spaces or lines: (unique addresses, errors)."""
    addresses: list[str] = []
    errors: list[str] = []
    for n, raw in enumerate(t for t in re.split(r"[,;\s]+", text or "") if t):
        address = raw.strip().strip("<>")
        if not _ADDRESS.match(address):
            errors.append(f"“{raw}” (recipient {n + 1}) is not an email address")
        elif address.lower() not in {a.lower() for a in addresses}:
            addresses.append(address)
    if len(addresses) > limit:
        errors.append(f"{len(addresses)} recipients: a test goes to at most {limit} addresses")
    return addresses, errors


def _render(label: str, text: str, data: dict, problems: list[Problem]) -> str:
    if not text or ("{" not in text):
        return text or ""
    from engine.liquid import LiquidRenderError, render_liquid

    try:
        return render_liquid(text, data)
    except LiquidRenderError as exc:
        problems.extend(Problem(p.message, p.line, p.column, p.severity, p.rule, label) for p in exc.problems)
        return text


def _address_header(value: str, what: str) -> str:
    name, address = parseaddr(value)
    if not address or not _ADDRESS.match(address):
        raise DeliveryError(f"{what} “{value}” is not an email address")
    return str(Address(display_name=name, addr_spec=address)) if name else address


def build_test_message(
    envelope: Envelope, html: str, text: str, recipient: str, options: TestSend, *,
    amp: str | None = None, unique: str | None = None,
) -> EmailMessage:
    """One test message for `recipient`; raises `DeliveryError` with every problem found."""
    blocking = [p for p in envelope.problems()
                if p.severity is Severity.ERROR and not p.extra.get("field", "").startswith(("to", "bcc"))]
    if blocking:
        raise DeliveryError("The envelope has problems: " + "; ".join(p.message for p in blocking), blocking)
    problems: list[Problem] = []
    data = options.data or {}
    subject = _render("Subject", envelope.subject, data, problems)
    sender = _render("From", envelope.from_, data, problems)
    reply_to = _render("Reply-to", envelope.reply_to, data, problems)
    headers = [(n.strip(), _render(f"header {n.strip()}", v, data, problems)) for n, v in envelope.headers]
    body_html = _render("HTML", html, data, problems)
    body_text = _render("Text", text, data, problems)
    body_amp = _render("AMP", amp, data, problems) if amp and amp.strip() else None
    if problems:
        raise DeliveryError("Liquid errors with the sample data: " + "; ".join(p.format() for p in problems), problems)

    unique = unique or secrets.token_hex(3)
    if options.prevent_threading:
        subject = f"{subject} #{unique}"
    if options.test_prefix:
        subject = f"[TEST] {subject}"
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = _address_header(sender, "From")
    msg["To"] = _address_header(recipient, "Recipient")
    if reply_to.strip():
        msg["Reply-To"] = _address_header(reply_to, "Reply-to")
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
    if options.prevent_threading:
        msg["X-Entity-Ref-ID"] = f"{unique}-{secrets.token_hex(8)}"
    for name, value in headers:
        if name.lower() == "x-entity-ref-id" and options.prevent_threading:
            continue
        msg[name] = value
    msg.set_content(body_text or " ", subtype="plain", charset="utf-8")
    if body_amp is not None:
        msg.add_alternative(body_amp, subtype="x-amp-html", charset="utf-8")
    msg.add_alternative(body_html, subtype="html", charset="utf-8")
    return msg


def send_messages(settings: SmtpSettings, password: str | None, messages: list[EmailMessage]) -> None:
    """Deliver `messages` over one connection; raises `DeliveryError` with a readable reason."""
    errors = settings.problems()
    if errors:
        raise DeliveryError("; ".join(errors))
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                      context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with client:
            client.ehlo()
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
                client.ehlo()
            if settings.user:
                client.login(settings.user, password or "")
            for msg in messages:
                refused = client.send_message(msg)
                if refused:
                    raise DeliveryError(f"{where} refused: " + ", ".join(f"{a} ({c} {m!r})" for a, (c, m) in refused.items()))
    except DeliveryError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise DeliveryError(f"{where} did not accept the user name or password ({exc.smtp_code})") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise DeliveryError(f"{where}: {exc} — try another TLS setting") from None
    except smtplib.SMTPException as exc:
        raise DeliveryError(f"{where}: {exc}") from None
    except ssl.SSLError as exc:
        raise DeliveryError(f"{where}: TLS failed ({exc.reason or exc}) — check the TLS setting") from None
    except (socket.timeout, TimeoutError):
        raise DeliveryError(f"{where} did not answer within {settings.timeout:g} s") from None
    except OSError as exc:
        raise DeliveryError(f"cannot reach {where}: {exc.strerror or exc}") from None
