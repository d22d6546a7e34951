"""Typed dataclasses that read and write their own JSON, with paths in every error.

Block settings, triggers and campaign settings are plain dataclasses whose
fields carry a *codec* (see `setting`). One generic reader/writer then gives
all of them the same rules, so the file format stays uniform:

- reading checks JSON types only (a string where a string belongs, …) and
  rejects unknown keys — a typo in a hand-edited file is reported with its
  path instead of being silently dropped. Whether a value makes sense (a known
  operator, a positive amount) is left to validation, so a half-finished
  campaign still loads and can be fixed on the canvas;
- writing omits every optional field that equals its default (the canonical
  form: short files, and a round trip `to_json(from_json(x)) == x` for any
  canonical `x`).
"""
from __future__ import annotations

import copy
import dataclasses
from typing import Any, Callable, ClassVar

from engine.journeys.errors import FormatError, join

_TYPE_NAMES = {str: "a string", bool: "true or false", dict: "an object", list: "an array"}


class Codec:
    """Reads one JSON value into a Python value (raising FormatError) and writes it back."""

    def read(self, value: Any, path: str) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> Any:
        return value


class _Scalar(Codec):
    def __init__(self, kind: type, name: str):
        self.kind, self.name = kind, name

    def read(self, value, path):
        ok = isinstance(value, self.kind) and not (self.kind is not bool and isinstance(value, bool))
        if self.kind is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok:
            raise FormatError(path, f"expected {self.name}, got {describe(value)}")
        return value


STR = _Scalar(str, "a string")
INT = _Scalar(int, "an integer")
NUM = _Scalar(float, "a number")
BOOL = _Scalar(bool, "true or false")
OBJECT = _Scalar(dict, "an object")


class _Any(Codec):
    """Free JSON (payloads, literal values): copied so the model never aliases the caller's data."""

    def read(self, value, path):
        return copy.deepcopy(value)

    def write(self, value):
        return copy.deepcopy(value)


ANY = _Any()


class OneOf(Codec):
    """The first codec that accepts the value wins (e.g. an email id or an email name)."""

    def __init__(self, *codecs: Codec, name: str):
        self.codecs, self.name = codecs, name

    def read(self, value, path):
        for codec in self.codecs:
            try:
                return codec.read(value, path)
            except FormatError:
                continue
        raise FormatError(path, f"expected {self.name}, got {describe(value)}")


class Optional(Codec):
    def __init__(self, inner: Codec):
        self.inner = inner

    def read(self, value, path):
        return None if value is None else self.inner.read(value, path)

    def write(self, value):
        return None if value is None else self.inner.write(value)


class ListOf(Codec):
    def __init__(self, inner: Codec):
        self.inner = inner

    def read(self, value, path):
        if not isinstance(value, list):
            raise FormatError(path, f"expected an array, got {describe(value)}")
        return [self.inner.read(item, join(path, i)) for i, item in enumerate(value)]

    def write(self, value):
        return [self.inner.write(item) for item in value]


class Nested(Codec):
    """Any class with `from_json(data, path)` and `to_json()`."""

    def __init__(self, cls: Any):
        self.cls = cls

    def read(self, value, path):
        return self.cls.from_json(value, path)

    def write(self, value):
        return value.to_json()


def setting(codec: Codec, default: Any = dataclasses.MISSING, *, factory: Callable[[], Any] | None = None,
            key: str | None = None, always: bool = False, choices: Any = None, open_choices: bool = False,
            applies_when: tuple[str, tuple[Any, ...]] | None = None):
    """A dataclass field with its JSON codec; `key` renames it in JSON, `always` writes defaults too.

    `choices` — `(value, label)` pairs, or a `{value: label}` dict — is the closed list of values a
    form offers for the field. It lives here, on the field, so every form (and any other front end)
    asks the definition instead of guessing from a bare field name that several records share.
    `open_choices` marks them as suggestions (time zones): any other value may be typed.
    `applies_when=("mode", ("every_rematch",))`: the field only means something while the sibling
    field `mode` holds one of those values (a frequency's interval); forms hide it otherwise and
    do not save it, so a file never carries a setting the chosen mode ignores.
    """
    if isinstance(choices, dict):
        choices = tuple(choices.items())
    meta = {"codec": codec, "key": key, "always": always, "choices": tuple(choices) if choices else None,
            "open_choices": open_choices, "applies_when": applies_when}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


def field_choices(f: dataclasses.Field) -> tuple[tuple[Any, str], ...] | None:
    """The `(value, label)` pairs declared on a `setting` field, or None when it is free."""
    return f.metadata.get("choices")


def field_applies(f: dataclasses.Field, data: dict) -> bool:
    """Whether `f` means something with its record's other values `data` (JSON); see `applies_when`."""
    when = f.metadata.get("applies_when")
    return when is None or data.get(when[0]) in when[1]


class Record:
    """Mixin for dataclasses whose fields were declared with `setting`."""

    EXTRA_KEYS: ClassVar[tuple[str, ...]] = ()  # keys tolerated (and dropped) when reading

    @classmethod
    def from_json(cls, data: Any, path: str = ""):
        if not isinstance(data, dict):
            raise FormatError(path, f"expected an object, got {describe(data)}")
        values: dict[str, Any] = {}
        known = set(cls.EXTRA_KEYS)
        for f in dataclasses.fields(cls):
            if "codec" not in f.metadata:
                continue
            key = f.metadata["key"] or f.name
            known.add(key)
            if key in data:
                values[f.name] = f.metadata["codec"].read(data[key], join(path, key))
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise FormatError(join(path, key), "is required")
        unknown = [k for k in data if k not in known]
        if unknown:
            raise FormatError(join(path, unknown[0]), f"unknown key {unknown[0]!r}")
        return cls(**values)

    def to_json(self) -> dict:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if "codec" not in f.metadata:
                continue
            value = getattr(self, f.name)
            required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
            if not (required or f.metadata["always"]) and value == field_default(f):
                continue
            out[f.metadata["key"] or f.name] = f.metadata["codec"].write(value)
        return out

    def copy(self):
        return copy.deepcopy(self)


def field_default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def describe(value: Any) -> str:
    """`"a string 'x'"`, `"null"`, `"an array"` — for messages a marketer can read."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    return _TYPE_NAMES.get(type(value), type(value).__name__)
