"""Workspace global styles: variables plus per-element defaults (spec §5).

The JSON form (`resources/sample/global-styles.json`) keeps variables as lists
with a stable `id` and a user-facing `name`; component defaults reference them
as `globalStyles.<type>.<name>_<id>`. References resolve by **id first** so that
renaming a variable never breaks an email, and fall back to the name when the id
is unknown (hand-written references). A reference to a deleted variable is a
problem, not a crash.

Validation never raises for content errors: `from_json` collects `Problem`s
whose message starts with the JSON field path (`colors[2].value: ...`) and keeps
every valid part, so one typo doesn't blank out a workspace's styles.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from engine.problems import Problem, ProblemError, Severity

FORMAT = "campaign-studio/global-styles"
VARIABLE_TYPES = ("colors", "fonts", "radii", "spacing")
COMPONENT_BLOCKS = (
    "paragraph", "heading-1", "heading-2", "heading-3", "heading-4", "heading-5", "heading-6",
    "links", "button", "divider",
)
# Settable fields per block (§5.2). Headings share the paragraph's.
_TEXT_FIELDS = ("color", "font-family", "font-size", "font-weight", "line-height")
BLOCK_FIELDS = {
    **{b: _TEXT_FIELDS for b in COMPONENT_BLOCKS if b == "paragraph" or b.startswith("heading-")},
    "links": ("color", "font-weight", "text-decoration"),
    "button": ("color", "font-family", "font-size", "font-weight", "padding", "background", "border-radius"),
    "divider": ("background", "height"),
}
VALUE_KEYS = {"light", "dark", "small", "medium", "small:light", "small:dark", "medium:light", "medium:dark"}
REF_RE = re.compile(r"^globalStyles\.(colors|fonts|radii|spacing)\.([\w-]+)$")
_HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_GOOGLE_FONTS_CSS_RE = re.compile(r"^https://fonts\.googleapis\.com/css2?\?", re.IGNORECASE)


def is_font_stylesheet_url(url: str) -> bool:
    """A custom font's stylesheet: its path ends in `.css`, or it is Google Fonts' `css`/`css2` endpoint.

    The docs ask for "the extension .css" yet name Google Fonts as a host, whose
    stylesheet URLs (`/css2?family=…&display=swap`) have none; appending `.css`
    to the query (as the sample once did) only corrupts the last parameter.
    """
    path = url.split("#", 1)[0].split("?", 1)[0].lower()
    return path.endswith(".css") or bool(_GOOGLE_FONTS_CSS_RE.match(url.strip()))
_GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def quote_family(name: str) -> str:
    """Quote a family name containing spaces, as font stacks in CSS need."""
    name = name.strip()
    if not name or name[0] in "'\"" or " " not in name or name in _GENERIC_FAMILIES:
        return name
    return f"'{name}'"


def hex_with_opacity(value: str, opacity) -> str:
    """`#RRGGBB` at 100 % stays hex; below 100 % becomes `rgba()` (§2.4)."""
    if opacity is None or float(opacity) >= 100 or not _HEX_RE.match(value or ""):
        return value
    h = value[1:]
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    a = round(max(0.0, float(opacity)) / 100, 3)
    return f"rgba({r},{g},{b},{a:g})"


@dataclass
class ColorVar:
    id: str
    name: str
    value: str
    opacity: float = 100

    def css(self) -> str:
        return hex_with_opacity(self.value, self.opacity)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "value": self.value, "opacity": self.opacity}


@dataclass
class FontVar:
    id: str
    name: str
    family: str
    kind: str = "standard"  # standard | custom
    fallback: str = ""
    url: str | None = None
    stack: str | None = None

    def css(self) -> str:
        """The font stack: an explicit stack overrides family + fallback (§5.1)."""
        if self.stack:
            return self.stack
        parts = [quote_family(self.family)] + [quote_family(p) for p in (self.fallback or "").split(",") if p.strip()]
        return ", ".join(p for p in parts if p)

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "kind": self.kind, "family": self.family,
                "fallback": self.fallback, "url": self.url, "stack": self.stack}


@dataclass
class LengthVar:
    id: str
    name: str
    value: float

    def css(self):
        return self.value

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "value": self.value}


@dataclass
class GlobalStyles:
    colors: list[ColorVar] = field(default_factory=list)
    fonts: list[FontVar] = field(default_factory=list)
    radii: list[LengthVar] = field(default_factory=list)
    spacing: list[LengthVar] = field(default_factory=list)
    components: dict[str, dict] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list, compare=False)

    # ---- loading and saving -------------------------------------------------
    @classmethod
    def from_json(cls, data, *, file: str = "") -> "GlobalStyles":
        styles = cls()
        v = _Validator(file)
        if not isinstance(data, dict):
            v.problem("", "global styles must be a JSON object")
            styles.problems = v.problems
            return styles
        fmt = data.get("format")
        if fmt is not None and fmt != FORMAT:
            v.problem("format", f"expected '{FORMAT}', found '{fmt}'")
        for kind in VARIABLE_TYPES:
            items = data.get(kind, [])
            if not isinstance(items, list):
                v.problem(kind, "must be a list of variables")
                continue
            seen: set[str] = set()
            for i, item in enumerate(items):
                var = v.variable(kind, i, item)
                if var is None:
                    continue
                if var.id in seen:
                    v.problem(f"{kind}[{i}].id", f"duplicate id '{var.id}'")
                    continue
                seen.add(var.id)
                getattr(styles, kind).append(var)
        comps = data.get("components", {})
        if not isinstance(comps, dict):
            v.problem("components", "must be an object")
            comps = {}
        for block, fields in comps.items():
            path = f"components.{block}"
            if block not in BLOCK_FIELDS:
                v.problem(path, f"unknown component block (expected one of {', '.join(COMPONENT_BLOCKS)})")
                continue
            if not isinstance(fields, dict):
                v.problem(path, "must be an object")
                continue
            kept = {}
            for name, value in fields.items():
                if name not in BLOCK_FIELDS[block]:
                    v.problem(f"{path}.{name}", f"'{block}' has no field '{name}' (allowed: {', '.join(BLOCK_FIELDS[block])})")
                    continue
                if v.value(f"{path}.{name}", value):
                    kept[name] = value
            styles.components[block] = kept
        styles.problems = v.problems
        # References are checked once everything is loaded so order in the file doesn't matter.
        for block, fields in styles.components.items():
            for name, value in fields.items():
                for ref in _refs_in(value):
                    try:
                        styles.resolve(ref)
                    except KeyError as exc:
                        styles.problems.append(v.make(f"components.{block}.{name}", exc.args[0]))
        return styles

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "version": 1,
            **{kind: [var.to_json() for var in getattr(self, kind)] for kind in VARIABLE_TYPES},
            "components": {b: dict(f) for b, f in self.components.items()},
        }

    @classmethod
    def load(cls, path) -> "GlobalStyles":
        """Read a styles file; unreadable or malformed JSON raises `ProblemError` with line/column."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProblemError([Problem(f"cannot read styles: {exc}", file=str(path))]) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProblemError([Problem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, file=str(path))]) from None
        return cls.from_json(data, file=str(path))

    def save(self, path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=2) + "\n", encoding="utf-8")

    # ---- lookups --------------------------------------------------------------
    def variable(self, ref: str):
        """The variable a `globalStyles.<type>.<name>_<id>` reference points at; KeyError if none."""
        m = REF_RE.match(ref.strip())
        if not m:
            raise KeyError(f"'{ref}' is not a global style reference (globalStyles.<type>.<name>_<id>)")
        kind, tail = m.groups()
        items = getattr(self, kind)
        name, _, ident = tail.rpartition("_")
        for var in items:
            if ident and var.id == ident:
                return var
        for var in items:
            if var.name == tail or (name and var.name == name):
                return var
        raise KeyError(f"unknown global style {kind[:-1] if kind != 'radii' else 'radius'} '{tail}' in '{ref}'")

    def resolve(self, ref: str):
        """The CSS-ready value of a reference: colour string, font stack, or a px number."""
        return self.variable(ref).css()

    def resolve_value(self, value):
        """A component-default value with every reference inside it resolved (unknown refs kept)."""
        if isinstance(value, dict):
            return {k: self.resolve_value(v) for k, v in value.items()}
        if isinstance(value, str) and value.startswith("globalStyles."):
            try:
                return self.resolve(value)
            except KeyError:
                return value
        return value

    def defaults(self, block: str) -> dict:
        """Resolved default values for one component block (`paragraph`, `heading-2`, …)."""
        return {k: self.resolve_value(v) for k, v in self.components.get(block, {}).items()}

    def font_for_stack(self, stack: str) -> FontVar | None:
        for font in self.fonts:
            if font.css() == stack:
                return font
        return None


def _refs_in(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _refs_in(v)
    elif isinstance(value, str) and value.startswith("globalStyles."):
        yield value


class _Validator:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def make(self, path: str, message: str) -> Problem:
        text = f"{path}: {message}" if path else message
        return Problem(text, severity=Severity.ERROR, rule="global-styles", file=self.file, extra={"path": path})

    def problem(self, path: str, message: str) -> None:
        self.problems.append(self.make(path, message))

    def variable(self, kind: str, i: int, item):
        path = f"{kind}[{i}]"
        if not isinstance(item, dict):
            self.problem(path, "must be an object")
            return None
        ident, name = item.get("id"), item.get("name")
        if not isinstance(ident, str) or not ident:
            self.problem(f"{path}.id", "must be a non-empty string")
            return None
        if not isinstance(name, str) or not re.fullmatch(r"[\w-]+", name or ""):
            self.problem(f"{path}.name", "must be a name of letters, digits, '-' or '_'")
            return None
        if kind == "colors":
            value = item.get("value")
            if not isinstance(value, str) or not _HEX_RE.match(value):
                self.problem(f"{path}.value", f"'{value}' is not a hex colour (#RRGGBB)")
                return None
            opacity = item.get("opacity", 100)
            if isinstance(opacity, bool) or not isinstance(opacity, (int, float)) or not 0 <= opacity <= 100:
                self.problem(f"{path}.opacity", "must be a number from 0 to 100")
                opacity = 100
            return ColorVar(ident, name, value, opacity)
        if kind == "fonts":
            family = item.get("family")
            if not isinstance(family, str) or not family.strip():
                self.problem(f"{path}.family", "must be a font name")
                return None
            kind_ = item.get("kind", "standard")
            if kind_ not in ("standard", "custom"):
                self.problem(f"{path}.kind", f"'{kind_}' is not one of standard, custom")
                kind_ = "standard"
            url = item.get("url")
            if kind_ == "custom":
                if not isinstance(url, str) or not is_font_stylesheet_url(url):
                    self.problem(f"{path}.url", "a custom font needs a stylesheet URL ending in .css "
                                 "(or a Google Fonts https://fonts.googleapis.com/css2?family=… URL)")
            stack = item.get("stack")
            if stack and family.strip("'\" ") not in stack:
                self.problem(f"{path}.stack", f"the font stack must contain '{family}'")
            return FontVar(ident, name, family, kind_, item.get("fallback") or "", url, stack or None)
        value = item.get("value")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.problem(f"{path}.value", "must be a non-negative number of pixels")
            return None
        return LengthVar(ident, name, value)

    def value(self, path: str, value) -> bool:
        if isinstance(value, dict):
            bad = [k for k in value if k not in VALUE_KEYS]
            if bad:
                self.problem(path, f"unknown key '{bad[0]}' (expected light/dark or small/medium)")
                return False
            return all(self.value(f"{path}.{k}", v) for k, v in value.items())
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(path, "must be a string, a number, or a {light, dark} / {small, medium} object")
            return False
        return True
