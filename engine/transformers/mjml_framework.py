"""Framework → MJML (§8.1): compile MJML to HTML with mjml-python (MRML, Rust).

Runs first in the chain: every other transformer works on HTML.

Two things MRML would damage are swapped for plain ASCII tokens around the
compile and put back after it:
- the whole content of each `<mj-raw>`: it may hold `x-*` and custom
  components whose `:prop` / `#if` attributes MRML renames or rejects
  (`:color` comes out as `color`, `#if` is a parse error);
- every Liquid `{{ }}` / `{% %}` (quotes inside `{{ a | default: "b" }}`
  would end an attribute; private-use placeholders come out escaped).
ASCII tokens (`zzcsq0zz`) are used because MRML escapes non-ASCII in
attributes; `mask` still guards against a source that already contains one.

Invalid MJML raises `TransformError` with MRML's message (it gives no
position; [inf] when the message names an element we point at its first
occurrence in the source).
"""
from __future__ import annotations

import re

import mjml

from engine.problems import Problem

from ._liquid import LIQUID
from ._markup import TransformError

_RAW = re.compile(r"(<mj-raw\b[^>]*>)(.*?)(</mj-raw\s*>)", re.S | re.I)
_TOKEN = re.compile(r"zzcs([qr])(\d+)zz")


def is_mjml(html: str, filename: str = "") -> bool:
    return filename.lower().endswith(".mjml")


def transform(html: str, options: object = None) -> str:
    if "zzcs" in html:
        raise TransformError([Problem("mjml: the source contains the reserved text 'zzcs...zz'", rule="transformers/mjml")])
    raws: list[str] = []
    liquid: list[str] = []

    def keep_raw(m: re.Match) -> str:
        raws.append(m.group(2))
        return f"{m.group(1)}zzcsr{len(raws) - 1}zz{m.group(3)}"

    def keep_liquid(m: re.Match) -> str:
        liquid.append(m.group())
        return f"zzcsq{len(liquid) - 1}zz"

    source = _RAW.sub(keep_raw, html)
    source = LIQUID.sub(keep_liquid, source)
    try:
        out = mjml.mjml2html(source)
    except Exception as exc:  # MRML raises ValueError for every invalid input
        line, column = _locate(html, str(exc))
        raise TransformError(
            [Problem(f"Invalid MJML: {exc}", line, column, rule="transformers/mjml")]
        ) from exc

    def restore(m: re.Match) -> str:
        store = raws if m.group(1) == "r" else liquid
        return store[int(m.group(2))]

    # Raw content may itself hold Liquid tokens: restore twice.
    return _TOKEN.sub(restore, _TOKEN.sub(restore, out))


def _locate(html: str, message: str) -> tuple[int, int]:
    m = re.search(r"<?(mj-[\w-]+|mjml)", message)
    if m is None:
        return 0, 0
    at = html.find("<" + m.group(1))
    if at < 0:
        return 0, 0
    line = html.count("\n", 0, at) + 1
    return line, at - (html.rfind("\n", 0, at) + 1) + 1
