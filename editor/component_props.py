"""A component's props as the code editor's autocomplete wants them, read without running its script.

`CodeEditor.set_custom_components({tag: {"props": {name: {"type", "values"}}}})`.

Decision: a static read of `Component.defineProps(…)` (balanced brackets via
`engine.components.jsscan`), not a sandbox run. The editor refreshes the list
whenever it opens a file and when the Insert menu's library is read, on the
GUI thread; running every component's script there could stall the window
for a runaway script's full second. Autocomplete only needs names, a type and
enum/option values, which are written literally in practically every
component; a prop declared by computed code is simply not completed.
Type: the first `Component.props.X` builder in the prop's value (the inner
schema of `withDynamicStyles`), `enum` values from `enum([...])`, and
`select`/`toggle` option values from `options: [{value: …}]`.
"""
from __future__ import annotations

import re

from engine.components import jsscan

_DEFINE = re.compile(r"Component\s*\.\s*defineProps\s*\(")
_BUILDER = re.compile(r"Component\s*\.\s*props\s*\.\s*(string|number|boolean|enum|array|object)\s*\(")
_LITERAL = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)""")
_OPTION_VALUE = re.compile(r"""\bvalue\s*:\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)""")
_KEY = re.compile(r"""\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$-]*))\s*:""")


def component_props(script: str) -> dict[str, dict]:
    """{prop name: {"type": …, "values": [...]}} declared in `script` (empty when none can be read)."""
    m = _DEFINE.search(script)
    if m is None:
        return {}
    i = m.end()
    while i < len(script) and script[i].isspace():
        i += 1
    if i >= len(script) or script[i] not in "[{":
        return {}
    end = jsscan.match_bracket(script, i)
    body = script[i + 1:end]
    if script[i] == "[":
        return {_unquote(x): {"type": "string", "values": []} for x in _literals(body) if isinstance(x, str)}
    out = {}
    for key, value in _entries(body):
        out[key] = _describe(value)
    return out


def _entries(body: str):
    """(key, value text) of each top-level `key: value` of an object literal body."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(body):
        c = body[i]
        if c in "'\"`":
            i = jsscan.skip_string(body, i)
            continue
        if body.startswith("//", i):
            j = body.find("\n", i)
            i = len(body) if j < 0 else j
            continue
        if body.startswith("/*", i):
            j = body.find("*/", i + 2)
            i = len(body) if j < 0 else j + 2
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
        i += 1
    parts.append(body[start:])
    for part in parts:
        part = re.sub(r"^\s*(//[^\n]*\n|/\*.*?\*/)*", "", part, flags=re.DOTALL)
        km = _KEY.match(part)
        if km:
            yield next(g for g in km.groups() if g is not None), part[km.end():]


def _describe(value: str) -> dict:
    kind, values = "string", []
    builders = list(_BUILDER.finditer(value))
    if builders:
        kind = builders[0].group(1)
        if kind == "enum":
            start = builders[0].end()
            while start < len(value) and value[start].isspace():
                start += 1
            if start < len(value) and value[start] == "[":
                close = jsscan.match_bracket(value, start)
                values = [v for v in _literals(value[start + 1:close])]
    options = re.search(r"\boptions\s*:\s*\[", value)
    if options:
        close = jsscan.match_bracket(value, options.end() - 1)
        found = [_literal(v) for v in _OPTION_VALUE.findall(value[options.end():close])]
        values = values or [v for v in found if v is not None]
    if kind in ("array", "object"):
        kind = "string"
    return {"type": kind, "values": [str(v) for v in values]}


def _literals(text: str) -> list:
    return [_literal(m.group(0)) for m in _LITERAL.finditer(text)]


def _literal(token: str):
    if token[:1] in "'\"":
        return _unquote(token[1:-1])
    try:
        return float(token) if "." in token else int(token)
    except ValueError:
        return None


def _unquote(text) -> str:
    return str(text).replace("\\'", "'").replace('\\"', '"')


def workspace_completion(library) -> dict[str, dict]:
    """The argument of `CodeEditor.set_custom_components` for every component of `library`."""
    from engine.components import parse_component

    out = {}
    if library is None:
        return out
    for tag in library.tags():
        try:
            d = parse_component(tag, library.sources[tag])
            props = component_props(d.script)
        except Exception:  # noqa: BLE001 - a half-written component still completes its tag
            props = {}
        out[tag] = {"props": props}
    return out
