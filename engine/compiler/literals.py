"""A small, safe evaluator for the JavaScript literals written in `:`-attributes.

Standard components only ever need data in their expressions (`:font-size="14"`,
`:layout="[50, 50]"`, `:color="{ light: '#000', dark: '#fff' }"`), so instead of
starting a JavaScript engine for every attribute we parse the literal subset
ourselves: numbers (with sign and exponent), `true`/`false`/`null`/`undefined`,
strings in '', "" or backticks, arrays, and objects whose keys are identifiers,
strings or numbers, with trailing commas. A dotted path starting with
`globalStyles` is returned as a `GlobalRef` so the compiler can resolve it
against the workspace styles. Anything else (operators, calls, `${}` in
template strings) raises `LiteralError` with the offset where it stopped, so
the caller can report a precise problem. Full JavaScript comes later via
quickjs for custom components.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass


class LiteralError(ValueError):
    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True)
class GlobalRef:
    """`globalStyles.colors.brand_k7d1q2` written as a bare expression."""

    path: str


_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_PATH = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_UNDEFINED = object()


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.i = 0

    def error(self, message: str) -> LiteralError:
        return LiteralError(message, self.i)

    def skip(self) -> None:
        text, n = self.text, len(self.text)
        while self.i < n:
            c = text[self.i]
            if c in " \t\r\n":
                self.i += 1
            elif text.startswith("//", self.i):
                end = text.find("\n", self.i)
                self.i = n if end < 0 else end + 1
            elif text.startswith("/*", self.i):
                end = text.find("*/", self.i + 2)
                if end < 0:
                    raise self.error("unterminated comment")
                self.i = end + 2
            else:
                break

    def peek(self) -> str:
        self.skip()
        return self.text[self.i] if self.i < len(self.text) else ""

    def expect(self, ch: str) -> None:
        if self.peek() != ch:
            found = self.peek() or "end of expression"
            raise self.error(f"expected '{ch}' but found '{found}'")
        self.i += 1

    def value(self):
        c = self.peek()
        if not c:
            raise self.error("expected a value")
        if c == "[":
            return self.array()
        if c == "{":
            return self.object()
        if c in "'\"`":
            return self.string()
        m = _NUMBER.match(self.text, self.i)
        if m and (c.isdigit() or c in "+-."):
            self.i = m.end()
            raw = m.group()
            number = float(raw)
            return int(number) if number.is_integer() and not re.search(r"[.eE]", raw) else number
        m = _PATH.match(self.text, self.i)
        if m:
            word = m.group()
            self.i = m.end()
            if word == "true":
                return True
            if word == "false":
                return False
            if word == "null":
                return None
            if word == "undefined":
                return _UNDEFINED
            if word.startswith("globalStyles."):
                return GlobalRef(word)
            self.i = m.start()
            raise self.error(f"'{word}' is not a literal (only numbers, strings, booleans, arrays and objects are allowed here)")
        raise self.error(f"unexpected '{c}'")

    def string(self) -> str:
        quote = self.text[self.i]
        self.i += 1
        out = []
        text = self.text
        while self.i < len(text):
            c = text[self.i]
            if c == quote:
                self.i += 1
                return "".join(out)
            if c == "\\":
                self.i += 1
                if self.i >= len(text):
                    break
                e = text[self.i]
                if e == "u" and re.match(r"[0-9a-fA-F]{4}", text[self.i + 1:self.i + 5]):
                    out.append(chr(int(text[self.i + 1:self.i + 5], 16)))
                    self.i += 5
                    continue
                out.append(_ESCAPES.get(e, e))
                self.i += 1
                continue
            if quote == "`" and text.startswith("${", self.i):
                raise self.error("template substitutions `${...}` need a custom component")
            if c == "\n" and quote != "`":
                break
            out.append(c)
            self.i += 1
        raise self.error("unterminated string")

    def array(self) -> list:
        self.expect("[")
        items = []
        while self.peek() != "]":
            v = self.value()
            items.append(None if v is _UNDEFINED else v)
            if self.peek() == ",":
                self.i += 1
                continue
            if self.peek() != "]":
                raise self.error(f"expected ',' or ']' but found '{self.peek() or 'end of expression'}'")
        self.i += 1
        return items

    def key(self) -> str:
        c = self.peek()
        if c in "'\"`":
            return self.string()
        m = _IDENT.match(self.text, self.i) or _NUMBER.match(self.text, self.i)
        if not m:
            raise self.error(f"expected a property name but found '{c or 'end of expression'}'")
        self.i = m.end()
        return m.group()

    def object(self) -> dict:
        self.expect("{")
        out: dict = {}
        while self.peek() != "}":
            k = self.key()
            self.expect(":")
            v = self.value()
            if v is not _UNDEFINED:  # `{color: undefined}` drops the key, as JSON.stringify does
                out[k] = v
            if self.peek() == ",":
                self.i += 1
                continue
            if self.peek() != "}":
                raise self.error(f"expected ',' or '}}' but found '{self.peek() or 'end of expression'}'")
        self.i += 1
        return out


def evaluate(text: str):
    """The Python value of one JS literal; `undefined` becomes None.

    Results are cached by text (the same `:font-size="14"` appears again and again
    across compiles); callers must treat the returned lists and dicts as read-only.
    """
    return _evaluate(text)


@lru_cache(maxsize=4096)
def _evaluate(text: str):
    p = _Parser(text)
    v = p.value()
    if p.peek():
        raise p.error(f"unexpected '{p.peek()}' after the value")
    return None if v is _UNDEFINED else v
