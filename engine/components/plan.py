"""Which JavaScript expressions a component's template can evaluate — found once per component source.

Why: evaluating a template expression through QuickJS `eval` parses it on
every use (≈ 20–25 µs each, ~7 per instance). The sandbox instead compiles
every expression of a component once, inside the component's factory (see
`Sandbox.define`), so that each use is a plain function call. This module
walks a parsed component (its `<template>` and its head elements) and lists
the exact code strings the expander will hand to the sandbox: `${}` text,
directive and `:`/`#set:` attribute values, `#each` iterables, `set(…)` in
stylesheets and the props object of nested instances.

Decision: the list only has to be *mostly* complete. An expression the walker
missed, or one that does not compile on its own, falls back to `eval` at run
time with the same result and the same error messages; only speed differs.
An expression is listed only when its brackets balance (so it cannot close the
wrapper function it is compiled into).
"""
from __future__ import annotations

import hashlib
import html as _html
import json
import re
from functools import lru_cache

from engine.components import jsscan
from engine.components.source import ComponentDef, restore
from engine.document.nodes import Comment, Element, Text

CONTROL = frozenset(("#if", "#else-if", "#else", "#each", "#slot", "#is:raw"))
EACH = re.compile(r"^\s*(?:\(\s*([A-Za-z_$][\w$]*)\s*(?:,\s*([A-Za-z_$][\w$]*)\s*)?(?:,\s*([A-Za-z_$][\w$]*)\s*)?\)"
                  r"|([A-Za-z_$][\w$]*))\s+in\s+(.+?)\s*$", re.S)
# The preview's inspect-element mark (engine.preview.source_map.MARKER): not a prop; the expander moves it
# onto the elements the instance expands to, so a click in the preview finds the instance's line.
INSPECT_MARKER = "data-cs-src"
QUOTED_PATH = re.compile(r"""^\s*(['"`])([\w$.\[\]'"-]+)\1\s*$""")


@lru_cache(maxsize=4096)
def interpolations(text: str) -> tuple:
    """`jsscan.find_interpolations`, memoized: template text is the same for every instance."""
    return tuple(jsscan.find_interpolations(text))


@lru_cache(maxsize=1024)
def set_calls(css: str) -> tuple:
    """`jsscan.find_set_calls`, memoized, each with the code to evaluate (`set('props.x')` → `props.x`)."""
    out = []
    for start, end, arg in jsscan.find_set_calls(css):
        m = QUOTED_PATH.match(arg)
        out.append((start, end, m.group(2) if m else arg))
    return tuple(out)


@lru_cache(maxsize=256)
def script_code(script: str) -> str:
    """The script as the sandbox runs it (`export` stripped), memoized per source."""
    return jsscan.strip_exports(script)


def props_code(el: Element) -> tuple[str, list[str], list]:
    """An instance's raw props as one JS object-literal expression.

    Returns (code, static attribute names, notes); notes are the attributes the
    expander warns about: ("liquid" | "directive", attribute).
    """
    parts, static, notes = [], [], []
    for a in el.attrs:
        name = a.name
        if name == INSPECT_MARKER:
            continue
        if a.is_liquid:
            notes.append(("liquid", a))
            continue
        if name[0] == "#":
            if name in CONTROL or name in ("#is", "#set:is"):
                continue
            if name == "#set":
                parts.append(f"...({a.value or '{}'}\n)")
            elif name.startswith("#set:"):
                parts.append(f"{json.dumps(name[5:])}: ({a.value or 'undefined'}\n)")
            else:
                notes.append(("directive", a))
        elif name[0] == ":":
            if name == ":is":
                continue
            parts.append(f"{json.dumps(name[1:])}: ({a.value or 'undefined'}\n)")
        else:
            value = _html.unescape(a.value) if a.value else ""
            parts.append(f"{json.dumps(name)}: {json.dumps(value)}")
            static.append(name)
    return "{" + ", ".join(parts) + "}", static, notes


def template_expressions(d: ComponentDef) -> tuple[str, ...]:
    """Every expression of `d`'s template and head elements, in order of appearance, without repeats."""
    return _expressions_cached(source_hash(d), d)


def source_hash(d: ComponentDef) -> str:
    """A digest of the component's tag and source (kept on the cached definition)."""
    found = d.__dict__.get("_source_hash")
    if found is None:
        found = d.__dict__["_source_hash"] = hashlib.sha1(
            f"{d.tag}\0{d.source}".encode("utf-8", "surrogatepass")).hexdigest()
    return found


_CACHE: dict[str, tuple[str, ...]] = {}


def _expressions_cached(key: str, d: ComponentDef) -> tuple[str, ...]:
    found = _CACHE.get(key)
    if found is None:
        seen: dict[str, None] = {}
        nodes = list(d.heads) + ([d.template] if d.template is not None else [])
        for n in nodes:
            _walk(n, seen)
        found = tuple(code for code in seen if compilable(code))
        if len(_CACHE) > 512:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def compilable(code: str) -> bool:
    """True when `code` can sit inside `return (…\\n)` without closing it (balanced, strings/comments ended)."""
    if not code.strip() or code.strip() == "__proto__":
        return False
    wrapped = "(" + code + "\n)"
    return jsscan.match_bracket(wrapped, 0) == len(wrapped) - 1


def _walk(n, seen: dict) -> None:
    cls = n.__class__
    if cls is Text:
        if "${" in n.text:
            for _s, _e, expr in interpolations(n.text):
                seen[restore(expr)] = None
        return
    if cls is Comment:
        if n.is_conditional and ("${" in n.text or ":" in n.text or "#" in n.text):
            _walk_conditional(n.text, seen)
        return
    if cls is not Element:
        return
    name = n.name
    if n.attr("#is:raw") is not None:
        return
    for a in n.attrs:
        nm = a.name
        if a.is_liquid or not nm or nm[0] not in "#:":
            continue
        if nm == "#each":
            m = EACH.match(a.value or "")
            if m:
                seen[restore(m.group(5))] = None
        elif nm in ("#if", "#else-if", "#set", ":is", "#set:is") or nm.startswith((":", "#set:")):
            seen[restore(a.value or "undefined")] = None
    if "-" in name and not name.startswith("x-"):  # maybe a nested instance: its props object
        seen[props_code(n)[0]] = None
    if name == "style":
        for c in n.children:
            if c.__class__ is Text and "set(" in c.text:
                for _s, _e, code in set_calls(c.text):
                    seen[restore(code)] = None
    if name == "script":
        return
    for c in n.children:
        _walk(c, seen)


def _walk_conditional(text: str, seen: dict) -> None:
    head_end = text.find(">")
    tail_start = text.rfind("<![endif]")
    if head_end < 0 or tail_start <= head_end:
        return
    from engine.document.parser import parse_with_problems

    inner, problems = parse_with_problems(text[head_end + 1:tail_start])
    if not problems:
        for c in inner.children:
            _walk(c, seen)
