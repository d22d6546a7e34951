"""The envelope of one email (spec §12.1): who, what subject, which extra headers.

Stored form: `subject` and `preheader` are columns of the email row (lists
and the dashboard read them without parsing JSON); everything else lives in
the row's `envelope` JSON as `{"from", "to", "reply_to", "bcc", "title",
"headers": [{"name", "value"}, …]}`. Headers are a list, not an object,
because their order is what the user typed and a half-typed row may repeat
or lack a name while it is being edited.

Rules (Customer.io's "Set custom email headers" page, §12.1, §14):
- From and Subject are required (errors: a send would fail). To is NOT: as in
  Customer.io, an empty To means the default recipient `{{customer.email}}`
  (`DEFAULT_TO`, `Envelope.recipient`), so the form shows that default and
  validation does not flag the blank field;
- a header name must not be blank and must not contain whitespace or a colon;
  a value may be empty; names and values are ASCII (the API refuses
  non-ASCII headers);
- the denylisted headers are refused, compared case-insensitively, with the
  composer's own wording: `header 'Content-Type' cannot be set to a custom value`;
- at most 10 custom headers (§14; the older composer page says four) [inf];
- Liquid is allowed in every field, so each field is syntax-checked with
  `check_liquid`, the problem located by field name and column.

Problems carry `extra["field"]` (`from`, `subject`, `headers[2].name`, …)
so the form can mark the widget.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.problems import Problem, Severity

RULE = "envelope"
MAX_CUSTOM_HEADERS = 10

#: The full list from the docs (message data, MIME, return path, client-specific).
DENYLISTED_HEADERS = frozenset(h.lower() for h in (
    "Message-ID", "Date", "From", "Subject", "To", "Reply-To", "CC", "Mime-Version", "Content-ID", "Content-Base",
    "Content-Alias", "Content-Identifier", "Content-Length", "Content-Type", "Content-Disposition",
    "Content-Transfer-Encoding", "Encoding", "Lines", "Received", "Return-Path", "Received-SPF",
    "Authentication-Results", "Auto-Submitted", "VBR-Info", "Mail-System-Version", "Mailer", "Originating-Client",
    "X-Mailer", "X-Report-Abuse-To",
))

#: (field key, label) in form order; `subject`/`preheader` are row columns.
FIELDS = (
    ("from", "From"), ("to", "To"), ("subject", "Subject"), ("title", "Title"), ("preheader", "Preheader"),
    ("reply_to", "Reply-to"), ("bcc", "BCC"),
)
REQUIRED = ("from", "subject")
#: Customer.io's default recipient: what an empty To sends to.
DEFAULT_TO = "{{customer.email}}"


@dataclass
class Envelope:
    from_: str = ""
    to: str = ""
    subject: str = ""
    title: str = ""
    preheader: str = ""
    reply_to: str = ""
    bcc: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)

    # ---- stored form ------------------------------------------------------------
    @classmethod
    def from_row(cls, subject: str | None, preheader: str | None, envelope: dict | None) -> "Envelope":
        data = envelope if isinstance(envelope, dict) else {}
        headers = []
        for item in data.get("headers") or []:
            if isinstance(item, dict):
                headers.append((str(item.get("name", "")), str(item.get("value", ""))))
        return cls(
            from_=str(data.get("from", "")), to=str(data.get("to", "")), subject=subject or "",
            title=str(data.get("title", "")), preheader=preheader or "", reply_to=str(data.get("reply_to", "")),
            bcc=str(data.get("bcc", "")), headers=headers,
        )

    def to_columns(self) -> dict:
        """Keyword arguments for `DesignFiles.update_email`."""
        envelope = {"from": self.from_, "to": self.to, "title": self.title, "reply_to": self.reply_to, "bcc": self.bcc,
                    "headers": [{"name": n, "value": v} for n, v in self.headers]}
        return {"subject": self.subject, "preheader": self.preheader, "envelope": envelope}

    @property
    def recipient(self) -> str:
        """The To that is used: the typed one, or Customer.io's default when it is blank."""
        return self.to.strip() or DEFAULT_TO

    def get(self, key: str) -> str:
        return getattr(self, "from_" if key == "from" else key)

    def with_field(self, key: str, value) -> "Envelope":
        from dataclasses import replace

        if key == "headers":
            return replace(self, headers=[(str(n), str(v)) for n, v in value])
        return replace(self, **{"from_" if key == "from" else key: value})

    # ---- rules ------------------------------------------------------------------
    def blocking_problems(self) -> list[Problem]:
        """The errors that stop a send (and a campaign using this email from starting)."""
        return [p for p in self.problems() if p.severity == Severity.ERROR]

    def problems(self) -> list[Problem]:
        from engine.liquid import check_liquid

        problems: list[Problem] = []
        labels = dict(FIELDS)
        for key, label in FIELDS:
            value = self.get(key)
            if key in REQUIRED and not value.strip():
                problems.append(_problem(key, f"{label} is required"))
                continue
            for p in check_liquid(value) if ("{" in value) else []:
                problems.append(_problem(key, f"{labels[key]}: {p.message}", p.severity, p.column))
        if len(self.headers) > MAX_CUSTOM_HEADERS:
            problems.append(_problem("headers", f"at most {MAX_CUSTOM_HEADERS} custom headers (there are {len(self.headers)})"))
        for i, (name, value) in enumerate(self.headers):
            problems.extend(header_problems(name, value, i))
        return problems


def header_problems(name: str, value: str, index: int = 0) -> list[Problem]:
    where = f"headers[{index}]"
    stripped = name.strip()
    if not stripped:
        return [_problem(f"{where}.name", f"Header {index + 1}: the name can't be blank")]
    problems = []
    if any(c.isspace() for c in name) or ":" in name:
        problems.append(_problem(f"{where}.name", f"header '{stripped}': a name may not contain spaces or a colon"))
    elif stripped.lower() in DENYLISTED_HEADERS:
        problems.append(_problem(f"{where}.name", f"header '{stripped}' cannot be set to a custom value"))
    if not (name + value).isascii():
        problems.append(_problem(f"{where}.value", f"header '{stripped}': only ASCII characters are allowed"))
    if "{" in value:
        from engine.liquid import check_liquid

        for p in check_liquid(value):
            problems.append(_problem(f"{where}.value", f"header '{stripped}': {p.message}", p.severity, p.column))
    return problems


def _problem(field_key: str, message: str, severity: Severity = Severity.ERROR, column: int = 0) -> Problem:
    return Problem(message, 0, column, severity, RULE, extra={"field": field_key})
