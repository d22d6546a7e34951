"""Computed styles without a browser: the cascade email HTML actually uses.

The accessibility checks need each text element's colour, background and
font size in light mode *and* in dark mode. A browser would answer, but the
checks must stay headless (CI, the command line) and fast, and email CSS is
a small, regular subset: inline `style=""` (most of it, after inlining),
type/class/id/attribute selectors with descendant and child combinators,
`!important`, and `@media (prefers-color-scheme: dark)` overrides.

Decisions [inf]:
- The view is the desktop one: `@media` rules apply only when their query
  is about the colour scheme (`prefers-color-scheme`, optionally with a
  `min-width` that desktop satisfies); `max-width` rules (mobile) never.
  `<style media="(prefers-color-scheme: dark)">` counts as a dark rule.
- Selectors with pseudo-classes, pseudo-elements or sibling combinators are
  skipped: they describe states (`:hover`) or clients' own markup.
- Dark-mode defaults: when the email declares it supports dark mode
  (`<meta name="color-scheme" content="light dark">` or `color-scheme` in its
  CSS), Apple Mail and other dark-capable clients paint the canvas dark and
  default text light, as Chromium does: `#121212` and `#ffffff`. Without the
  declaration the email keeps light defaults in dark mode.
- A background image (`background-image`, `background="..."`, a gradient)
  makes the background unknown: contrast is then not judged (axe reports
  such text as "needs review", not as a violation).
- Links without a colour of their own take the browser's link blue.
- `var(--x)` is resolved from custom properties declared on `:root`/`html`
  (the CSS variables transformer may be off); a background we still cannot
  read counts as unknown.
- Semi-transparent colours are blended over the background below them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from engine.document.nodes import Document, Element, Text, walk
from engine.preview.colors import COLOR_TOKEN_RE, Color, parse_color
from engine.transformers import _css
from engine.transformers._liquid import mask

LIGHT_TEXT, LIGHT_CANVAS = Color(0, 0, 0), Color(255, 255, 255)
DARK_TEXT, DARK_CANVAS = Color(255, 255, 255), Color(18, 18, 18)
LIGHT_LINK, DARK_LINK = Color(0, 0, 238), Color(158, 158, 255)  # Chromium's -webkit-link in each scheme
INHERITED = ("color", "font-size", "font-weight", "visibility")
_COMPOUND = re.compile(r"^(\*|[A-Za-z][\w-]*)?((?:[.#][\w-]+|\[[^\]]+\])*)$")
_PART = re.compile(r"[.#][\w-]+|\[[^\]]+\]")
_COMBINATOR = re.compile(r"\s*>\s*|\s+")
_ATTR_SEL = re.compile(r"""\[\s*([\w:-]+)\s*(?:([~|^$*]?=)\s*["']?([^"'\]]*)["']?\s*)?(?:\s+i)?\]""")


@dataclass
class _Selector:
    compounds: list  # [(tag, classes, ids, attrs)] right-most last
    combinators: list  # between compounds: " " or ">"
    specificity: tuple


@dataclass
class _Rule:
    selector: _Selector
    declarations: list  # [_css.Declaration]
    order: int
    dark: bool


@dataclass
class Computed:
    """What a text element looks like in one colour scheme."""

    color: Color
    background: Color | None  # None: an image or gradient sits behind the text
    font_size: float  # CSS px
    bold: bool
    hidden: bool

    @property
    def large(self) -> bool:
        """WCAG "large text": 18pt, or 14pt bold (24 px, 18.66 px bold)."""
        return self.font_size >= 24 or (self.bold and self.font_size >= 18.66)


@dataclass
class _State:
    color: Color
    background: Color | None
    font_size: float
    bold: bool
    hidden: bool
    values: dict = field(default_factory=dict)


class StyleResolver:
    """Resolve light and dark computed styles for the elements of one document."""

    def __init__(self, document: Document, parents: dict | None = None):
        self.document = document
        self.rules: list[_Rule] = []
        self.variables: dict[str, str] = {}  # custom properties declared on :root / html
        self.dark_capable = False
        self._collect(document)
        self.light: dict[int, _State] = {}
        self.dark: dict[int, _State] = {}
        self._resolve(dark=False, out=self.light)
        self._resolve(dark=True, out=self.dark)

    def computed(self, el: Element, scheme: str) -> Computed | None:
        state = (self.dark if scheme == "dark" else self.light).get(id(el))
        if state is None:
            return None
        return Computed(state.color, state.background, state.font_size, state.bold, state.hidden)

    # -- style sheets ------------------------------------------------------------
    def _collect(self, document: Document) -> None:
        order = 0
        for node in walk(document):
            if not isinstance(node, Element):
                continue
            if node.name == "meta" and (node.get("name") or "").lower() in ("color-scheme", "supported-color-schemes"):
                if "dark" in (node.get("content") or "").lower():
                    self.dark_capable = True
            if node.name != "style":
                continue
            css = "".join(c.text for c in node.children if isinstance(c, Text))
            media = (node.get("media") or "").lower()
            if media and "prefers-color-scheme" not in media and media not in ("all", "screen"):
                continue
            dark_sheet = "prefers-color-scheme" in media and "dark" in media
            if re.search(r"color-scheme\s*:[^;}]*dark", css, re.I):
                self.dark_capable = True
            try:
                masked = mask(css).text
            except ValueError:
                continue
            order = self._add_rules(_css.split_rules(masked), dark_sheet, order)

    def _add_rules(self, rules, dark: bool, order: int) -> int:
        for rule in rules:
            if rule.kind == "at" and rule.name == "media" and rule.body is not None:
                query = rule.prelude.lower()
                if "max-width" in query or "print" in query:
                    continue
                is_dark = "prefers-color-scheme" in query and "dark" in query
                if "prefers-color-scheme" in query and not is_dark:
                    continue
                if not is_dark and "min-width" not in query and "screen" not in query and "all" not in query:
                    continue
                order = self._add_rules(_css.split_rules(rule.body), dark or is_dark, order)
            elif rule.kind == "style" and rule.body is not None:
                declarations = _css.split_declarations(rule.body)
                if not declarations:
                    continue
                if rule.prelude.strip().lower() in (":root", "html") and not dark:
                    self.variables.update({d.prop: d.value for d in declarations if d.prop.startswith("--")})
                for text in _css.split_top_level(rule.prelude, ","):
                    selector = _parse_selector(text.strip())
                    if selector is not None:
                        order += 1
                        self.rules.append(_Rule(selector, declarations, order, dark))
        return order

    # -- cascade -----------------------------------------------------------------
    def _declared(self, el: Element, dark: bool, ancestors: list[Element]) -> dict[str, str]:
        """property -> value after the cascade (sheet rules, then inline, `!important` honoured)."""
        weighted: dict[str, tuple] = {}
        for rule in self.rules:
            if rule.dark and not dark:
                continue
            if not _matches(rule.selector, el, ancestors):
                continue
            for d in rule.declarations:
                weight = (1 if d.important else 0, 0, rule.selector.specificity, rule.order)
                _offer(weighted, d.prop.lower(), d.value, weight)
        style = el.get("style")
        if style and "{%" not in style:
            for d in _css.split_declarations(style):
                weight = (1 if d.important else 0, 1, (0, 0, 0), 0)
                _offer(weighted, d.prop.lower(), d.value, weight)
        return {k: v[0] for k, v in weighted.items()}

    def _resolve(self, *, dark: bool, out: dict) -> None:
        defaults = (DARK_TEXT, DARK_CANVAS) if dark and self.dark_capable else (LIGHT_TEXT, LIGHT_CANVAS)
        root = _State(defaults[0], defaults[1], 16.0, False, False)

        def visit(node, state: _State, ancestors: list[Element]) -> None:
            for child in node.children:
                if not isinstance(child, Element):
                    continue
                child_state = self._element_state(child, state, dark, ancestors)
                out[id(child)] = child_state
                if child.children:
                    ancestors.append(child)
                    visit(child, child_state, ancestors)
                    ancestors.pop()

        visit(self.document, root, [])

    def _element_state(self, el: Element, parent: _State, dark: bool, ancestors: list[Element]) -> _State:
        values = self._declared(el, dark, ancestors)
        if self.variables:
            values = {k: _substitute(v, self.variables) if "var(" in v else v for k, v in values.items()}
        color = parent.color
        if el.name == "a" and el.get("href") is not None:
            color = DARK_LINK if dark and self.dark_capable else LIGHT_LINK
        if "color" in values:
            c = parse_color(values["color"])
            if c is not None:
                color = c
        elif el.name == "font" and el.get("color"):
            color = parse_color(el.get("color") or "") or color
        background = parent.background
        own_bg = _background(values, el)
        if own_bg == "image" or (own_bg is None and _unknown_background(values)):
            background = None
        elif own_bg is not None and background is not None:
            background = _blend(own_bg, background)
        elif own_bg is not None and own_bg.a >= 1:
            background = own_bg
        color = _blend(color, background) if background is not None and color.a < 1 else color
        font_size = _font_size(values.get("font-size"), parent.font_size)
        weight = (values.get("font-weight") or "").strip().lower()
        bold = parent.bold if not weight else weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        if el.name in ("b", "strong", "th") or re.fullmatch(r"h[1-6]", el.name):
            bold = bold or not weight
        if re.fullmatch(r"h[1-6]", el.name) and "font-size" not in values:
            font_size = parent.font_size * {"h1": 2, "h2": 1.5, "h3": 1.17, "h4": 1, "h5": 0.83, "h6": 0.67}[el.name]
        hidden = parent.hidden or _hidden(values, el, font_size)
        return _State(color, background, font_size, bold, hidden, values)


def _offer(weighted: dict, prop: str, value: str, weight: tuple) -> None:
    current = weighted.get(prop)
    if current is None or weight >= current[1]:
        weighted[prop] = (value, weight)
    if prop == "background":  # the shorthand resets what it covers
        for longhand in ("background-color", "background-image"):
            cur = weighted.get(longhand)
            if cur is None or weight >= cur[1]:
                weighted[longhand] = ("", weight)


def _background(values: dict, el: Element):
    """A Color, "image", or None (transparent / not set)."""
    image = values.get("background-image", "")
    shorthand = values.get("background", "")
    if "url(" in image or "gradient(" in image or "url(" in shorthand or "gradient(" in shorthand:
        return "image"
    if el.get("background"):
        return "image"
    for text in (values.get("background-color", ""), shorthand):
        if text:
            m = COLOR_TOKEN_RE.search(text)
            if m:
                return parse_color(m.group(0))
    if el.get("bgcolor"):
        return parse_color(el.get("bgcolor") or "")
    return None


def _unknown_background(values: dict) -> bool:
    """A background is set but we cannot read its colour (`var()` left, `currentColor`...)."""
    for key in ("background-color", "background"):
        v = values.get(key, "").strip().lower()
        if v and v not in ("transparent", "none", "initial", "inherit", "unset") and not v.startswith("none"):
            return True
    return False


_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\))?[^()]*))?\)")


def _substitute(value: str, variables: dict) -> str:
    for _ in range(5):  # nested var() in fallbacks or values
        new = _VAR.sub(lambda m: variables.get(m.group(1), m.group(2) or ""), value)
        if new == value:
            break
        value = new
    return value


def _blend(top: Color, bottom: Color) -> Color:
    if top.a >= 1:
        return top
    a = top.a
    return Color(*(int(round(t * a + b * (1 - a))) for t, b in zip(top.rgb, bottom.rgb)))


def _font_size(value: str | None, parent: float) -> float:
    if not value:
        return parent
    v = value.strip().lower()
    keywords = {"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32}
    if v in keywords:
        return float(keywords[v])
    m = re.fullmatch(r"(-?\d*\.?\d+)\s*(px|pt|em|rem|%)?", v)
    if not m:
        return parent
    n, unit = float(m.group(1)), m.group(2) or "px"
    return {"px": n, "pt": n * 4 / 3, "em": n * parent, "rem": n * 16, "%": n * parent / 100}[unit]


def _hidden(values: dict, el: Element, font_size: float) -> bool:
    display = values.get("display", "").strip().lower()
    if display == "none" or el.get("hidden") is not None or el.attr("hidden") is not None:
        return True
    if values.get("visibility", "").strip().lower() == "hidden":
        return True
    if values.get("opacity", "").strip() in ("0", "0.0"):
        return True
    if font_size <= 0.5:
        return True
    max_height = values.get("max-height", "").strip().lower()
    if max_height in ("0", "0px") and "hidden" in values.get("overflow", "").lower():
        return True
    return False


# -- selectors -------------------------------------------------------------------
def _parse_selector(text: str) -> _Selector | None:
    if not text or ":" in re.sub(r"\[[^\]]*\]", "", text) or "+" in text or "~" in text.replace("~=", ""):
        return None
    parts = [p for p in _COMBINATOR.split(text) if p]
    combinators = [c.strip() or " " for c in _COMBINATOR.findall(text)]
    if len(combinators) != len(parts) - 1:
        return None
    compounds = []
    a = b = c = 0
    for part in parts:
        m = _COMPOUND.match(part)
        if m is None:
            return None
        tag = (m.group(1) or "*").lower()
        classes, ids, attrs = [], [], []
        for token in _PART.findall(m.group(2) or ""):
            if token[0] == ".":
                classes.append(token[1:])
            elif token[0] == "#":
                ids.append(token[1:])
            else:
                am = _ATTR_SEL.fullmatch(token)
                if am is None:
                    return None
                attrs.append((am.group(1).lower(), am.group(2), am.group(3)))
        a += len(ids)
        b += len(classes) + len(attrs)
        c += 0 if tag == "*" else 1
        compounds.append((tag, classes, ids, attrs))
    return _Selector(compounds, combinators, (a, b, c))


def _compound_matches(compound, el: Element) -> bool:
    tag, classes, ids, attrs = compound
    if tag != "*" and el.name != tag:
        return False
    if classes:
        have = (el.get("class") or "").split()
        if any(cls not in have for cls in classes):
            return False
    if ids and any(el.get("id") != i for i in ids):
        return False
    for name, op, value in attrs:
        actual = el.get(name)
        if el.attr(name) is None:
            return False
        if op is None:
            continue
        actual = actual or ""
        if op == "=" and actual != value or op == "~=" and value not in actual.split() \
                or op == "^=" and not actual.startswith(value) or op == "$=" and not actual.endswith(value) \
                or op == "*=" and value not in actual or op == "|=" and not (actual == value or actual.startswith(value + "-")):
            return False
    return True


def _matches(selector: _Selector, el: Element, ancestors: list[Element]) -> bool:
    compounds = selector.compounds
    if not _compound_matches(compounds[-1], el):
        return False
    i = len(compounds) - 2
    depth = len(ancestors) - 1
    while i >= 0:
        combinator = selector.combinators[i]
        if combinator == ">":
            if depth < 0 or not _compound_matches(compounds[i], ancestors[depth]):
                return False
            depth -= 1
        else:
            while depth >= 0 and not _compound_matches(compounds[i], ancestors[depth]):
                depth -= 1
            if depth < 0:
                return False
            depth -= 1
        i -= 1
    return True
