"""Problems panel (§10.1 [inf]): errors likely to break rendering, warnings that are advice.

Errors come from where they are found, already located in the source:
- the parser and compiler (unclosed or mis-nested tags, unknown `x-*` tags
  and custom components, invalid props, `x-row` layouts, several `x-base`
  or `x-base` with `<html>`, `x-column` outside `x-row`, ...) via
  `Build.problems`, which also holds transformer failures;
- Liquid syntax errors: `engine.liquid.check_liquid` on the source.
Warnings found here:
- `css/invalid`: a `<style>` without `#isolated` whose CSS is broken (Gmail
  drops the *whole* block on a syntax error): unbalanced braces, an
  unterminated comment or string, a declaration without `:` or value, a rule
  without a selector;
- `css/inlining-components`: CSS inlining is on for an email built from
  standard components (they inline what they need already; the inliner
  would freeze responsive and dark rules);
- `images/alt` and `images/insecure` (`<img>` without alt, `http:` images).
CSS poorly supported by clients is `client_support`'s; spelling is not checked.
"""
from __future__ import annotations

import re

from engine.document.nodes import Element, Text, walk
from engine.document.parser import parse_with_problems
from engine.problems import Problem, Severity

from .build import Build
from .images import alt_findings
from .urls import collect_images

_LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def check_problems(b: Build) -> list[Problem]:
    out = list(b.problems)
    out += _liquid(b)
    out += check_style_blocks(b.source, b.filename)
    if b.settings.css_inliner.enabled and re.search(r"<x-[a-z]", b.source, re.I):
        first = re.search(r"<x-[a-z]", b.source, re.I).start()
        line, col = _line_col(b.source, first)
        out.append(Problem("CSS inlining is on for an email built from standard components: they already inline "
                           "what they need, and inlining freezes their responsive and dark-mode styles",
                           line, col, Severity.WARNING, "css/inlining-components", b.filename, {"topic": "inlining"}))
    out += alt_findings(b)
    for use in collect_images(b):
        if use.url.lower().startswith("http:"):
            out.append(b.finding(use.first, f"Image over http (not secure): {use.url}", "images/insecure",
                                 Severity.WARNING, url=use.url, topic=f"image:{use.url}"))
    return out


def _liquid(b: Build) -> list[Problem]:
    from engine.liquid import check_liquid

    try:
        found = check_liquid(b.source)
    except Exception as exc:  # noqa: BLE001 - a checker bug must not hide the other problems
        return [Problem(f"Liquid could not be checked: {exc}", rule="liquid/internal", file=b.filename)]
    return [p.located(b.filename) if b.filename else p for p in found]


def check_style_blocks(source: str, filename: str = "") -> list[Problem]:
    """`css/invalid` for each broken `<style>` of the source that is not `#isolated`."""
    doc, _ = parse_with_problems(source)
    out = []
    for node in walk(doc):
        if not isinstance(node, Element) or node.name != "style":
            continue
        if any(a.name.startswith("#isolated") for a in node.attrs):
            continue
        for child in node.children:
            if isinstance(child, Text) and child.start >= 0:
                for offset, message in css_syntax_errors(child.text):
                    line, col = _line_col(source, child.start + offset)
                    out.append(Problem(f"Invalid CSS in <style>: {message} — Gmail drops the whole block "
                                       f"(mark it #isolated to keep the rest apart)", line, col, Severity.WARNING,
                                       "css/invalid", filename, {"topic": f"css:{line}:{col}"}))
    return out


def css_syntax_errors(css: str) -> list[tuple[int, str]]:
    """(offset, message) for the first few syntax errors; Liquid counts as a value."""
    text = _LIQUID.sub(lambda m: re.sub(r"[^\n]", " ", m.group())[:-1] + "x" if m.group().startswith("{{")
                       else re.sub(r"[^\n]", " ", m.group()), css)
    errors: list[tuple[int, str]] = []
    stack: list[tuple[int, bool]] = []  # (offset of "{", is a declaration block)
    i, n, start = 0, len(text), 0
    while i < n and len(errors) < 5:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                errors.append((i, "comment never closed (missing */)"))
                break
            i = end + 2
            continue
        if c in "\"'":
            end = i + 1
            while end < n and text[end] != c and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            if end >= n or text[end] != c:
                errors.append((i, "string never closed"))
                i = end
                continue
            i = end + 1
            continue
        if c == "{":
            prelude = text[start:i].strip()
            if not prelude:
                errors.append((i, "a rule without a selector"))
            declarations = not prelude.startswith("@") or prelude.lower().startswith(("@font-face", "@page"))
            if stack and stack[-1][1]:
                errors.append((i, "'{' inside a declaration block"))
            stack.append((i, declarations))
            start = i + 1
        elif c == "}":
            if not stack:
                errors.append((i, "'}' without a matching '{'"))
            else:
                _, declarations = stack.pop()
                if declarations:
                    errors += _declaration_errors(text, start, i)
            start = i + 1
        elif c == ";" and stack and stack[-1][1]:
            errors += _declaration_errors(text, start, i)
            start = i + 1
        elif c == ";" and not stack:
            start = i + 1  # `@import ...;`, `@charset ...;`
        i += 1
    for offset, _ in stack:
        errors.append((offset, "'{' never closed (missing '}')"))
    return errors[:5]


def _declaration_errors(text: str, a: int, b: int) -> list[tuple[int, str]]:
    part = text[a:b]
    stripped = part.strip()
    if not stripped:
        return []
    at = a + (len(part) - len(part.lstrip()))
    if ":" not in stripped:
        return [(at, f"'{stripped[:40]}' is not a declaration (missing ':')")]
    prop, _, value = stripped.partition(":")
    if not prop.strip():
        return [(at, "a declaration without a property name")]
    if not re.fullmatch(r"-?-?[A-Za-z_][\w-]*|\*[\w-]+", prop.strip()):
        return [(at, f"'{prop.strip()[:40]}' is not a property name")]
    if not value.strip():
        return [(at, f"'{prop.strip()}' has no value")]
    return []


def _line_col(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1
