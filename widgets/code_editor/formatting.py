"""Format Document for Design Studio source: re-indentation only. No Qt import.

Monaco's HTML formatter does not know our language (and would reflow Liquid
and `x-` attributes), so "Format Document" (spec §7.1) re-indents by nesting
and otherwise leaves every character alone. That keeps Liquid, `:expr`
values, conditional comments and the text of the email byte-identical, which
matters more in an email than pretty wrapping.

Rules:
- one indent unit per open element; a line that starts by closing one
  (`</x-section>`) sits one level out;
- Liquid blocks (`{% if %}` … `{% endif %}`) do not indent: they often wrap
  a single attribute or part of an element, and the sample emails keep
  them at the level of the markup around them;
- void HTML elements and `/>` self-closing tags do not nest;
- continuation lines (attributes on following lines, comments, CSS and
  JavaScript inside `<style>`/`<script>`, Liquid comments) keep their
  position relative to the line that opened them, but sit at least one unit
  (two for attributes) deeper than it;
- `<pre>` and `<textarea>` contents are never touched;
- trailing whitespace is removed outside `<pre>`/`<textarea>`; line endings are kept.
"""
from __future__ import annotations

import re

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
RAW_TAGS = frozenset({"style", "script"})
VERBATIM_TAGS = frozenset({"pre", "textarea"})

_NAME = re.compile(r"[A-Za-z][\w:-]*")
_LEADING_CLOSE = re.compile(r"</(?!(?:%s)\b)[A-Za-z]" % "|".join(VOID))


class _Scanner:
    """Walks the source line by line, tracking nesting depth and multi-line constructs."""

    def __init__(self):
        self.depth = 0
        self.mode = "text"  # text | tag | comment | raw | verbatim | liquid-comment | liquid-raw | doctype
        self.quote = ""
        self.tag = ""  # the tag being read (mode tag) or the raw/verbatim element

    def scan(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            i = getattr(self, "_" + self.mode.replace("-", "_"))(line, i)

    # -- modes; each returns the next index to scan from --
    def _text(self, s: str, i: int) -> int:
        m = re.compile(r"<|\{%|\{\{").search(s, i)
        if not m:
            return len(s)
        j = m.start()
        if s.startswith("{{", j):
            end = s.find("}}", j + 2)
            return len(s) if end < 0 else end + 2
        if s.startswith("{%", j):
            return self._liquid_tag(s, j)
        if s.startswith("<!--[if", j) or s.startswith("<![endif]", j) or s.startswith("<!--<![endif]", j):
            end = s.find(">", j + 4)
            return len(s) if end < 0 else end + 1
        if s.startswith("<!--", j):
            self.mode = "comment"
            return j + 4
        if s.startswith("<!", j):
            self.mode = "doctype"
            return j + 2
        if s.startswith("</", j):
            m2 = _NAME.match(s, j + 2)
            if m2 and m2.group().lower() not in VOID:
                self.depth = max(0, self.depth - 1)
            end = s.find(">", j)
            return len(s) if end < 0 else end + 1
        m2 = _NAME.match(s, j + 1)
        if not m2:
            return j + 1
        self.tag = m2.group().lower()
        self.mode = "tag"
        return m2.end()

    def _liquid_tag(self, s: str, j: int) -> int:
        m = re.compile(r"\{%-?\s*(\w+)").match(s, j)
        word = m.group(1) if m else ""
        end = s.find("%}", j + 2)
        nxt = len(s) if end < 0 else end + 2
        if word == "comment":
            self.mode = "liquid-comment"
        elif word == "raw":
            self.mode = "liquid-raw"
        return nxt

    def _tag(self, s: str, i: int) -> int:
        while i < len(s):
            c = s[i]
            if self.quote:
                if c == self.quote:
                    self.quote = ""
            elif c in "\"'":
                self.quote = c
            elif c == ">":
                self_closing = s[i - 1] == "/" if i else False
                self.mode = "text"
                if not self_closing and self.tag not in VOID:
                    self.depth += 1
                    if self.tag in RAW_TAGS:
                        self.mode = "raw"
                    elif self.tag in VERBATIM_TAGS:
                        self.mode = "verbatim"
                return i + 1
            i += 1
        return i

    def _until(self, s: str, i: int, pattern: str) -> int:
        m = re.compile(pattern, re.I).search(s, i)
        if not m:
            return len(s)
        self.mode = "text"
        return m.start() if pattern.startswith("</") else m.end()

    def _comment(self, s, i):
        return self._until(s, i, r"-->")

    def _doctype(self, s, i):
        return self._until(s, i, r">")

    def _raw(self, s, i):
        return self._until(s, i, r"</(style|script)\b")

    def _verbatim(self, s, i):
        return self._until(s, i, r"</(pre|textarea)\b")

    def _liquid_comment(self, s, i):
        return self._until(s, i, r"\{%-?\s*endcomment\s*-?%\}")

    def _liquid_raw(self, s, i):
        return self._until(s, i, r"\{%-?\s*endraw\s*-?%\}")


def _indent_width(ws: str, tab: int) -> int:
    return sum(tab if c == "\t" else 1 for c in ws)


def format_source(text: str, indent: str = "  ") -> str:
    """Re-indent Design Studio source by nesting; see the module docstring for the rules."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    unit = len(indent.expandtabs(4)) or 2
    scanner = _Scanner()
    out: list[str] = []
    delta = 0  # shift applied to continuation lines of the construct opened last
    opener = 0  # new indentation of the last line that started outside any construct
    for line in lines:
        stripped = line.lstrip(" \t")
        old = _indent_width(line[: len(line) - len(stripped)], unit)
        closes_raw = scanner.mode == "raw" and re.match(r"</(style|script)\b", stripped, re.I)
        if scanner.mode == "verbatim":  # even the closing line: its leading spaces belong to the content
            out.append(line)
        elif scanner.mode != "text" and not closes_raw:
            floor = opener + unit * (2 if scanner.mode == "tag" else 1)
            if stripped.startswith(("-->", "{%")):  # the end of a comment lines up with its start
                floor = opener
            out.append(" " * max(floor, old + delta) + stripped.rstrip() if stripped.strip() else "")
        elif not stripped.strip():
            out.append("")
        else:
            level = scanner.depth - (1 if _LEADING_CLOSE.match(stripped) else 0)
            new = indent * max(0, level)
            opener = _indent_width(new, unit)
            delta = opener - old
            out.append(new + stripped.rstrip())
        scanner.scan(line)
    return newline.join(out)


def format_text(text: str) -> str:
    """The Text tab: trailing spaces removed and runs of blank lines cut to one; words untouched."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for ln in lines:
        if not ln and out and not out[-1]:
            continue
        out.append(ln)
    return newline.join(out)
