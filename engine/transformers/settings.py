"""Per-message transformer settings, shaped exactly like the App API's `transformers`.

The object mirrors `app-api.md` §2.3 / `app-api-contract.json#Transformers`
field for field (names, nesting, defaults), so what Customer.io sends us comes
back out unchanged and what we store can be PUT to the API as is.

Why each group keeps `enabled` apart from its options: the Transformers tab
switches a transformer off by flipping `enabled` only; every sub-option stays
in the object, so switching it on again brings the same options back (§8,
"sub-option states come back"). The formatter's `type` plays that role for
`minify` / `prettify`: both option objects live on whatever the type is.

Round trip: `from_json(d).to_json() == d` for every valid `d`. The API treats
every field as optional, so we remember which fields were given and emit
those (plus any field changed since); `to_json(complete=True)` writes the full
object with every default, for a new message or a file on disk.

Validation never raises on the lenient path: `from_json_with_problems` returns
the settings it could read (bad fields keep their defaults) and one `Problem`
per bad field, whose message starts with the field path
(`transformers.formatter.prettify.indent_size`) and whose `extra["field"]`
holds the same path for the form to highlight. Unknown fields are problems
because the API answers them with a 400.

Decisions on the spec's gaps:
- [gap] `remove_unused_css.backend_markers` defaults to
  `[{heads:"",tails:""},{heads:"{%",tails:"%}"}]` in the contract: the empty
  pair is almost certainly `{{`/`}}` eaten by the documentation's own Liquid.
  We keep the default byte-for-byte (round trip) and the cleanup treats `{{ }}`
  as always protected; an empty pair protects nothing by itself.
- [inf] `line_length_limit` 0 means "no limit"; `indent_size` must be 0..16.
- [inf] A URL parameter without `url_encode` encodes (the Encode switch is on by default).
"""
from __future__ import annotations

import copy
import json
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, ClassVar

from engine.problems import Problem, ProblemError, Severity

RULE = "transformers/settings"


class _Group:
    """Base for one JSON object: remembers which fields were given or changed."""

    _choices: ClassVar[dict[str, tuple[str, ...]]] = {}
    _items: ClassVar[dict[str, type]] = {}  # list field -> item dataclass (or str)
    # List items (a URL parameter row, a marker pair) built by code write all
    # their fields; read from JSON they write back only what was given.
    _list_item: ClassVar[bool] = False

    def __post_init__(self) -> None:
        given = {f.name for f in fields(self)} if self._list_item else set()
        object.__setattr__(self, "_given", given)
        object.__setattr__(self, "_ready", True)

    def __setattr__(self, name: str, value: Any) -> None:
        object.__setattr__(self, name, value)
        if getattr(self, "_ready", False) and not name.startswith("_"):
            self._given.add(name)

    # -- JSON out ---------------------------------------------------------------
    def to_json(self, *, complete: bool = False) -> dict:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            given = f.name in self._given
            if isinstance(value, _Group):
                sub = value.to_json(complete=complete)
                if complete or given or sub:
                    out[f.name] = sub
                continue
            encoded = _encode(value, complete)
            if complete or given or encoded != _encode(_default_of(f), complete):
                out[f.name] = encoded
        return out

    # -- JSON in ----------------------------------------------------------------
    @classmethod
    def _read(cls, data: Any, path: str, problems: list[Problem]):
        group = cls()
        group._given.clear()
        if not isinstance(data, dict):
            problems.append(_problem(path, f"must be an object, got {_kind(data)}"))
            return group
        known = {f.name: f for f in fields(cls)}
        for key, value in data.items():
            where = f"{path}.{key}"
            f = known.get(key)
            if f is None:
                problems.append(_problem(where, "is not a field the App API knows (it would answer 400)"))
                continue
            default = _default_of(f)
            if isinstance(default, _Group):
                setattr(group, key, type(default)._read(value, where, problems))
                continue
            ok, converted = _check(cls, key, default, value, where, problems)
            if ok:
                setattr(group, key, converted)
        return group

    def _validate(self, path: str, problems: list[Problem]) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, _Group):
                value._validate(f"{path}.{f.name}", problems)


def _default_of(f):
    if f.default is not MISSING:
        return f.default
    return f.default_factory()  # type: ignore[misc]


def _encode(value: Any, complete: bool) -> Any:
    if isinstance(value, list):
        return [_encode(v, complete) for v in value]
    if isinstance(value, _Group):
        return value.to_json(complete=complete)
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array", dict: "an object"}.get(
        type(value), type(value).__name__
    )


def _problem(path: str, message: str, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(f"{path} {message}", severity=severity, rule=RULE, extra={"field": path})


def _check(cls, key: str, default: Any, value: Any, path: str, problems: list[Problem]) -> tuple[bool, Any]:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return True, value
        problems.append(_problem(path, f"must be true or false, got {_kind(value)}"))
        return False, None
    if isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return True, value
        problems.append(_problem(path, f"must be an integer, got {_kind(value)}"))
        return False, None
    if isinstance(default, str):
        if not isinstance(value, str):
            problems.append(_problem(path, f"must be a string, got {_kind(value)}"))
            return False, None
        choices = cls._choices.get(key)
        if choices and value not in choices:
            allowed = ", ".join(f'"{c}"' for c in choices)
            problems.append(_problem(path, f'must be one of {allowed}, got "{value}"'))
            return False, None
        return True, value
    if isinstance(default, list):
        if not isinstance(value, list):
            problems.append(_problem(path, f"must be an array, got {_kind(value)}"))
            return False, None
        item_type = cls._items[key]
        items = []
        for i, item in enumerate(value):
            where = f"{path}[{i}]"
            if item_type is str:
                if isinstance(item, str):
                    items.append(item)
                else:
                    problems.append(_problem(where, f"must be a string, got {_kind(item)}"))
            else:
                items.append(item_type._read(item, where, problems))
        return True, items
    raise TypeError(f"no reader for {path}")  # pragma: no cover - a new field type must be taught here


# -- the groups -------------------------------------------------------------------


@dataclass
class Accessibility(_Group):
    enabled: bool = False
    language: str = ""
    add_dir_to_content: bool = True
    add_dir_to_html: bool = True
    add_empty_alt_to_images: bool = True
    add_lang_to_content: bool = True
    add_lang_to_html: bool = True
    add_role_to_tables: bool = True
    add_title_to_head: bool = True
    add_vml_alt_text: bool = True
    remove_button_role_from_links: bool = True
    remove_zoom_meta_tag: bool = True


@dataclass
class HtmlAttributes(_Group):
    enabled: bool = True
    apply_height_attributes: bool = True
    apply_table_element_attributes: bool = True
    apply_width_attributes: bool = True


@dataclass
class CssInliner(_Group):
    apply_html_attributes: HtmlAttributes = field(default_factory=HtmlAttributes)
    enabled: bool = False
    apply_style_tags: bool = True
    inline_pseudo_elements: bool = False
    preserve_font_faces: bool = True
    preserve_important: bool = False
    preserve_keyframes: bool = True
    preserve_media_queries: bool = True
    preserve_pseudos: bool = True
    remove_style_tags: bool = True


@dataclass
class CssVariables(_Group):
    enabled: bool = False
    preserve: bool = False


@dataclass
class EncodeEntities(_Group):
    enabled: bool = False


@dataclass
class Minify(_Group):
    _choices: ClassVar = {"remove_html_comments": ("0", "1", "2")}
    line_length_limit: int = 500
    remove_css_comments: bool = True
    # "0" keep all comments, "1" keep only MSO conditionals, "2" remove all.
    remove_html_comments: str = "0"
    remove_indentations: bool = True
    remove_line_breaks: bool = False

    def _validate(self, path: str, problems: list[Problem]) -> None:
        if self.line_length_limit < 0:
            problems.append(_problem(f"{path}.line_length_limit", "must be 0 (no limit) or more"))


@dataclass
class Prettify(_Group):
    _choices: ClassVar = {"indent_character": ("spaces", "tabs")}
    indent_character: str = "spaces"
    indent_size: int = 2
    wrap_attributes: bool = False

    def _validate(self, path: str, problems: list[Problem]) -> None:
        if not 0 <= self.indent_size <= 16:
            problems.append(_problem(f"{path}.indent_size", "must be between 0 and 16"))


@dataclass
class Formatter(_Group):
    _choices: ClassVar = {"type": ("none", "prettify", "minify")}
    type: str = "none"
    minify: Minify = field(default_factory=Minify)
    prettify: Prettify = field(default_factory=Prettify)

    @property
    def enabled(self) -> bool:
        return self.type != "none"


@dataclass
class PreventWidows(_Group):
    enabled: bool = False


@dataclass
class BackendMarker(_Group):
    _list_item: ClassVar = True
    heads: str = ""
    tails: str = ""


def _default_markers() -> list[BackendMarker]:
    return [BackendMarker(), BackendMarker("{%", "%}")]


@dataclass
class RemoveUnusedCss(_Group):
    _items: ClassVar = {"backend_markers": BackendMarker, "whitelist": str}
    enabled: bool = False
    uglify: bool = False
    backend_markers: list[BackendMarker] = field(default_factory=_default_markers)
    whitelist: list[str] = field(default_factory=list)


@dataclass
class UrlParameter(_Group):
    _list_item: ClassVar = True
    key: str = ""
    value: str = ""
    url_encode: bool = True


@dataclass
class UrlParameters(_Group):
    _items: ClassVar = {"parameters": UrlParameter}
    enabled: bool = False
    parameters: list[UrlParameter] = field(default_factory=list)

    def _validate(self, path: str, problems: list[Problem]) -> None:
        seen: set[str] = set()
        for i, p in enumerate(self.parameters):
            where = f"{path}.parameters[{i}].key"
            if not p.key.strip():
                problems.append(_problem(where, "must not be empty"))
            elif p.key in seen:
                problems.append(
                    _problem(where, f'repeats "{p.key}": links would carry it twice', Severity.WARNING)
                )
            seen.add(p.key)


@dataclass
class TransformerSettings(_Group):
    """The whole `transformers` object of one message."""

    accessibility: Accessibility = field(default_factory=Accessibility)
    css_inliner: CssInliner = field(default_factory=CssInliner)
    css_variables: CssVariables = field(default_factory=CssVariables)
    encode_entities: EncodeEntities = field(default_factory=EncodeEntities)
    formatter: Formatter = field(default_factory=Formatter)
    prevent_widows: PreventWidows = field(default_factory=PreventWidows)
    remove_unused_css: RemoveUnusedCss = field(default_factory=RemoveUnusedCss)
    url_parameters: UrlParameters = field(default_factory=UrlParameters)

    PATH: ClassVar[str] = "transformers"

    @classmethod
    def from_json_with_problems(cls, data: Any) -> tuple["TransformerSettings", list[Problem]]:
        """Lenient read: the settings that could be read, and every problem found."""
        problems: list[Problem] = []
        settings = cls._read(data, cls.PATH, problems)
        settings._validate(cls.PATH, problems)
        return settings, problems

    @classmethod
    def from_json(cls, data: Any) -> "TransformerSettings":
        """Strict read: raise `ProblemError` when any field is wrong (warnings pass)."""
        settings, problems = cls.from_json_with_problems(data)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if errors:
            raise ProblemError(errors)
        return settings

    @classmethod
    def loads(cls, text: str, *, filename: str = "") -> tuple["TransformerSettings", list[Problem]]:
        """Read a settings file: JSON syntax errors come back with line and column."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return cls(), [Problem(f"Invalid JSON: {exc.msg}", exc.lineno, exc.colno, rule=RULE, file=filename)]
        settings, problems = cls.from_json_with_problems(data)
        return settings, [p.located(filename) for p in problems]

    def validate(self) -> list[Problem]:
        problems: list[Problem] = []
        self._validate(self.PATH, problems)
        return problems

    def copy(self) -> "TransformerSettings":
        return copy.deepcopy(self)
