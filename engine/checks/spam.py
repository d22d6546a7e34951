"""SpamAssassin (§10): the score of the email as a message, when `spamassassin` is installed.

Offline by design: `spamassassin -t -L` (test mode, local tests only: no DNS
blocklists, no Razor/Pyzor) reads a generated RFC 5322 message on stdin.
The message is what a send would look like: multipart/alternative with the
plain text derived from the HTML (the Text tab's Generate) and the final
HTML, a subject, a From, a Date and a Message-ID, so header-only rules
(missing Date, short Message-ID) do not add noise the real send would not
have. Liquid is left as written (no sample data), as in Source.

Install: `apt-get install spamassassin` (Debian/Ubuntu), `brew install
spamassassin` (macOS). Without it the check reports "not available".
Lower scores are better; SpamAssassin's default spam threshold is 5.0.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from datetime import datetime, timezone

from engine.problems import Problem, Severity

from .build import Build

_STATUS = re.compile(r"^X-Spam-Status:\s*(\w+),\s*score=(-?[\d.]+)\s+required=(-?[\d.]+)", re.M)
_RULE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$")
INSTALL_HINT = "apt-get install spamassassin"


def find_spamassassin() -> str | None:
    return shutil.which("spamassassin")


def build_message(b: Build, *, subject: str = "", sender: str = "Campaign Studio <preview@example.com>",
                  to: str = "Recipient <recipient@example.org>") -> bytes:
    from engine.text import plain_text

    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject or _title(b) or "Email preview"
    msg["Date"] = format_datetime(datetime.now(timezone.utc))
    msg["Message-ID"] = make_msgid(domain="campaign-studio.example")
    try:
        text = plain_text(b.html)
    except Exception:  # noqa: BLE001 - a text version is a nicety for the score, never a blocker
        text = ""
    msg.set_content(text or " ")
    msg.add_alternative(b.html, subtype="html")
    return msg.as_bytes()


def _title(b: Build) -> str:
    m = re.search(r"<title[^>]*>(.*?)</title>", b.html, re.S | re.I)
    return m.group(1).strip() if m else ""


def check_spam(b: Build, *, subject: str = "", executable: str | None = None, timeout: float = 120.0) -> list[Problem]:
    exe = executable or find_spamassassin()
    if exe is None:
        return [Problem(f"SpamAssassin: not available (install it with `{INSTALL_HINT}`)", 0, 0, Severity.INFO,
                        "spam/not-available", b.filename, {"topic": "spam"})]
    try:
        run = subprocess.run([exe, "-t", "-L"], input=build_message(b, subject=subject), capture_output=True,
                             timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return [Problem(f"SpamAssassin: could not run ({exc})", 0, 0, Severity.INFO, "spam/not-available",
                        b.filename, {"topic": "spam"})]
    return parse_report(run.stdout.decode("utf-8", "replace"), b.filename)


def parse_report(output: str, filename: str = "") -> list[Problem]:
    m = _STATUS.search(output)
    if m is None:
        return [Problem("SpamAssassin: no score in its output", 0, 0, Severity.INFO, "spam/not-available", filename,
                        {"topic": "spam"})]
    score, required = float(m.group(2)), float(m.group(3))
    rules = []
    table = output.split("---- ----", 1)
    if len(table) == 2:
        for line in table[1].splitlines()[1:]:
            r = _RULE.match(line)
            if r:
                rules.append({"score": float(r.group(1)), "name": r.group(2), "description": r.group(3).strip()})
            elif rules and line.startswith(" " * 10) and line.strip():
                rules[-1]["description"] += " " + line.strip()
    worst = sorted((r for r in rules if r["score"] > 0), key=lambda r: -r["score"])[:3]
    why = "; ".join(f"{r['name']} +{r['score']:g}" for r in worst)
    spam = score >= required
    message = f"SpamAssassin score {score:g} ({required:g} or more is spam; lower is better)" + (f": {why}" if why else "")
    return [Problem(message, 0, 0, Severity.WARNING if spam else Severity.INFO, "spam/spam" if spam else "spam/score",
                    filename, {"score": score, "required": required, "rules": rules, "topic": "spam"})]
