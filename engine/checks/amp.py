"""Minimal AMP for Email validation (spec §7.4): the boilerplate every AMP part needs.

Not the full AMP validator (that is a large JavaScript program fed by a
rules file we do not have offline): only the required skeleton, which is
where hand-written AMP emails usually go wrong, plus two common mistakes —
a `<script>` that is not an AMP runtime/component and a plain `<img>`
(AMP wants `<amp-img>`). An empty AMP tab means "no AMP part": no problems.
Problems carry line and column for the Problems panel. No Qt here.
"""
from __future__ import annotations

import re

from engine.problems import Problem, Severity

RULE = "amp"
RUNTIME = "https://cdn.ampproject.org/v0.js"

AMP_SKELETON = """<!doctype html>
<html ⚡4email data-css-strict>
<head>
  <meta charset="utf-8">
  <script async src="https://cdn.ampproject.org/v0.js"></script>
  <style amp4email-boilerplate>body{visibility:hidden}</style>
</head>
<body>
</body>
</html>
"""


def _at(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def check_amp(text: str) -> list[Problem]:
    if not text.strip():
        return []
    problems: list[Problem] = []

    def add(message: str, index: int = 0, severity: Severity = Severity.ERROR) -> None:
        line, column = _at(text, index)
        problems.append(Problem(message, line, column, severity, RULE))

    first = len(text) - len(text.lstrip())
    if not re.match(r"<!doctype\s+html\s*>", text[first:], re.IGNORECASE):
        add("AMP emails start with <!doctype html>", first)
    html_tag = re.search(r"<html\b([^>]*)>", text, re.IGNORECASE)
    if html_tag is None:
        add("missing <html ⚡4email> (or <html amp4email>)", first)
    else:
        attrs = html_tag.group(1)
        if not re.search(r"(⚡4email|amp4email)", attrs):
            add("the <html> tag needs the ⚡4email (or amp4email) attribute", html_tag.start())
        if "data-css-strict" not in attrs:
            add("the <html> tag should carry data-css-strict (required by most clients)", html_tag.start(), Severity.WARNING)
    head = re.search(r"<head\b[^>]*>", text, re.IGNORECASE)
    if head is None:
        add("missing <head>", first)
    if not re.search(r"<meta\s+charset\s*=\s*[\"']?utf-8", text, re.IGNORECASE):
        add('missing <meta charset="utf-8"> in <head>', head.end() if head else first)
    if not re.search(rf"<script\s+async\s+src\s*=\s*[\"']{re.escape(RUNTIME)}[\"']\s*>\s*</script>", text, re.IGNORECASE):
        add(f'missing <script async src="{RUNTIME}"></script>', head.end() if head else first)
    if not re.search(r"<style\s+amp4email-boilerplate\s*>\s*body\s*\{\s*visibility\s*:\s*hidden\s*;?\s*\}\s*</style>", text, re.IGNORECASE):
        add("missing <style amp4email-boilerplate>body{visibility:hidden}</style>", head.end() if head else first)
    if not re.search(r"<body\b", text, re.IGNORECASE):
        add("missing <body>", len(text.rstrip()))
    for m in re.finditer(r"<script\b([^>]*)>", text, re.IGNORECASE):
        attrs = m.group(1)
        if RUNTIME in attrs or re.search(r"custom-(element|template)\s*=", attrs) or "application/json" in attrs:
            continue
        add("AMP emails allow no custom JavaScript: only the AMP runtime and AMP component scripts", m.start())
    for m in re.finditer(r"<img\b", text, re.IGNORECASE):
        add("use <amp-img> instead of <img> in AMP", m.start(), Severity.WARNING)
    return problems
