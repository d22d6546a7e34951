"""Standard component schemas as data (spec §2.2), shared by the compiler and the editor.

Each `ComponentSchema` lists its props with a type (`string`, `number`, `enum`,
`boolean`, `array`), the enum values, whether the prop accepts responsive
(`{small, medium}`) and dark-mode (`{light, dark}`) values (§2.1), and a default.
The compiler type-checks attributes against these; the code editor's
autocomplete and the properties panel read the same tables.

Decisions on the spec's gaps, kept here so every consumer agrees:
- `hide-on` (none|mobile|desktop) is accepted on every standard component.
- Columns: `:stack="false"` is the "don't stack" option and `:reverse="true"`
  the "reverse top and bottom columns" toggle (§2.2 leaves both names open).
- Lists accept `element` (ul|ol, in-app name) and both `list-style` and
  `list-style-type`.
- `x-wrap` props: `gap`, `align`, `padding`, `margin`, `background`.
- `x-spacer`'s `size` is responsive (it is a layout height).
- Any `data-*`/`aria-*`/`id`/`title` attribute passes through to the main
  element (the "Data Attribute" pairs under Advanced); other unknown
  attributes are a warning.
"""
from __future__ import annotations

from dataclasses import dataclass, field

FONT_WEIGHTS = ("300", "400", "700")
ALL_WEIGHTS = ("100", "200", "300", "400", "500", "600", "700", "800", "900")
ALIGN = ("left", "center", "right")
DIR = ("ltr", "rtl", "auto")
BORDER_STYLE = ("none", "solid", "dashed", "dotted")
TEXT_TRANSFORM = ("none", "capitalize", "uppercase", "lowercase")
TEXT_DECORATION = ("none", "underline", "line-through")
ROLE = ("article", "region", "navigation")
HIDE_ON = ("none", "mobile", "desktop")
LIST_STYLES = (
    "disc", "circle", "square", "decimal", "decimal-leading-zero", "lower-alpha", "upper-alpha",
    "lower-roman", "upper-roman", "lower-greek", "lower-latin", "upper-latin", "armenian", "georgian",
    "hebrew", "hiragana", "hiragana-iroha", "katakana", "katakana-iroha",
)
# Text props a container passes to its descendants (§2.0 "Text inheritance", §5.5 rule 3).
INHERITED_TEXT_PROPS = ("color", "font-family", "font-size", "font-weight", "line-height", "text-align")


@dataclass(frozen=True)
class Prop:
    name: str
    type: str = "string"  # string | number | enum | boolean | array
    values: tuple[str, ...] = ()
    responsive: bool = False
    dark: bool = False
    default: object = None
    group: str = "Styles"  # General | Layout | Styles | Advanced (properties panel)

    def to_json(self) -> dict:
        return {"name": self.name, "type": self.type, "values": list(self.values), "responsive": self.responsive,
                "dark": self.dark, "default": self.default, "group": self.group}


@dataclass(frozen=True)
class ComponentSchema:
    tag: str
    label: str
    props: dict[str, Prop]
    global_style: str | None = None  # global styles block providing defaults (§5.5)
    container: bool = False  # passes explicit text props to descendants
    void: bool = False  # takes no content
    description: str = ""
    aliases: dict[str, str] = field(default_factory=dict)  # alternative attribute names

    def prop(self, name: str) -> Prop | None:
        return self.props.get(self.aliases.get(name, name))

    def to_json(self) -> dict:
        return {"tag": self.tag, "label": self.label, "globalStyle": self.global_style, "container": self.container,
                "void": self.void, "props": [p.to_json() for p in self.props.values()]}


def _s(name, **kw):
    return Prop(name, "string", **kw)


def _n(name, **kw):
    return Prop(name, "number", **kw)


def _e(name, values, **kw):
    return Prop(name, "enum", tuple(values), **kw)


def _color(name):
    return Prop(name, "string", dark=True)


def _props(*props: Prop) -> dict[str, Prop]:
    common = (_s("class", group="Advanced"), _s("style", group="Advanced"),
              _e("hide-on", HIDE_ON, responsive=False, default="none", group="Layout"))
    out = {p.name: p for p in props}
    for p in common:
        out.setdefault(p.name, p)
    return out


def _text(weights=FONT_WEIGHTS):
    return (
        _color("color"), _s("font-family"), _n("font-size", responsive=True), _e("font-weight", weights),
        _n("line-height"), _e("text-align", ALIGN, responsive=True),
    )


def _box(*, align=True):
    return (
        _s("width", responsive=True, group="Layout"), _s("padding", responsive=True, group="Layout"),
        _s("margin", responsive=True, group="Layout"),
        *((_e("align", ALIGN, responsive=True, group="Layout"),) if align else ()),
        _s("background", dark=True), _n("opacity"), _s("border-radius"), _e("border-style", BORDER_STYLE),
        _s("border-width"), _color("border-color"), _s("box-shadow"),
    )


_LANG = (_s("lang", group="Advanced"), _e("dir", DIR, group="Advanced"))
_LANDMARK = (_s("label", group="Advanced"), _e("role", ROLE, group="Advanced"))
_TEXT_EXTRA = (_e("text-transform", TEXT_TRANSFORM), _e("text-decoration", TEXT_DECORATION))
_TEXT_BLOCK = (_s("margin", responsive=True, group="Layout"), *_text(), *_TEXT_EXTRA, *_LANG)

SCHEMAS: dict[str, ComponentSchema] = {}


def _add(schema: ComponentSchema) -> None:
    SCHEMAS[schema.tag] = schema


_add(ComponentSchema("x-base", "Message", _props(
    _s("title", group="General"), _s("preheader", group="General"), _s("background", dark=True),
    *_text(ALL_WEIGHTS), *_LANG,
), global_style="paragraph", container=True, description="The document root: doctype, head and body."))
_add(ComponentSchema("x-head", "Head", {}, description="Raw content copied verbatim into <head>."))
_add(ComponentSchema("x-section", "Section", _props(
    *_box(), _s("outer-background", dark=True), *_text(), *_LANG, *_LANDMARK,
), container=True, description="A full-width band; Background spans the message, Content Fill the content width."))
_add(ComponentSchema("x-box", "Box", _props(
    *_box(), _s("height", responsive=True, group="Layout"), *_text(), *_LANG, *_LANDMARK,
), container=True, description="A simpler section with one background."))
_add(ComponentSchema("x-row", "Columns", _props(
    Prop("layout", "array", group="Layout"), _n("gap", group="Layout"), *_box(),
    _n("break-point", default=600, group="Layout"), _e("fallback", ("single", "multi"), default="single", group="Layout"),
    Prop("stack", "boolean", default=True, group="Layout"), Prop("reverse", "boolean", default=False, group="Layout"),
    *_text(),
), container=True, description="Columns; stacks at or below its break-point."))
_add(ComponentSchema("x-column", "Column", _props(
    _s("padding", responsive=True, group="Layout"), _s("background", dark=True),
    _e("vertical-align", ("top", "middle", "bottom"), default="top", group="Layout"), _n("opacity"),
    _s("border-radius"), _e("border-style", BORDER_STYLE), _s("border-width"), _color("border-color"), _s("box-shadow"),
), container=True))
_add(ComponentSchema("x-paragraph", "Paragraph", _props(*_TEXT_BLOCK), global_style="paragraph"))
for _level in range(1, 7):
    _add(ComponentSchema(f"x-heading-{_level}", f"Heading {_level}", _props(*_TEXT_BLOCK),
                         global_style=f"heading-{_level}"))
_add(ComponentSchema("x-cta", "Button", _props(
    _s("href", group="General"), Prop("track-link", "boolean", default=True, group="General"),
    _s("width", responsive=True, group="Layout"), _s("height", responsive=True, group="Layout"),
    _s("padding", responsive=True, group="Layout"), _s("margin", responsive=True, group="Layout"),
    _e("align", ALIGN, responsive=True, default="left", group="Layout"),
    _s("background", dark=True), _n("opacity"), _s("border-radius"), _e("border-style", BORDER_STYLE),
    _s("border-width"), _color("border-color"), _s("box-shadow"),
    _color("hover-color"), _s("hover-background", dark=True), _n("hover-opacity"), _s("hover-box-shadow"),
    _s("hover-border-radius"),
    _color("color"), _n("font-size", responsive=True), _s("font-family"), _e("font-weight", FONT_WEIGHTS),
    _e("text-align", ALIGN, responsive=True), _n("line-height"), *_TEXT_EXTRA,
), global_style="button"))
_add(ComponentSchema("x-image", "Image", _props(
    _s("src", responsive=True, dark=True, group="General"), _s("href", group="General"), _s("alt", group="General"),
    Prop("track-link", "boolean", default=True, group="General"), _s("srcset", group="General"),
    _s("sizes", group="General"),
    _s("width", responsive=True, group="Layout"), _s("margin", responsive=True, group="Layout"),
    _e("align", ALIGN, responsive=True, default="center", group="Layout"),
    _n("opacity"), _s("border-radius"), _e("border-style", BORDER_STYLE), _s("border-width"),
    _color("border-color"), _s("box-shadow"), _n("hover-opacity"), _s("hover-box-shadow"), _s("hover-border-radius"),
    _color("background-color"), _color("color"), _s("font-family"), _n("font-size", responsive=True),
    _e("font-weight", FONT_WEIGHTS), _n("letter-spacing"), _n("line-height"),
    _e("text-align", ALIGN, responsive=True), *_TEXT_EXTRA,
), void=True))
_add(ComponentSchema("x-list", "List", _props(
    _e("element", ("ul", "ol"), group="General"), _e("list-style", LIST_STYLES, group="General"),
    _s("margin", responsive=True, group="Layout"), *_text(), *_TEXT_EXTRA,
), global_style="paragraph", aliases={"list-style-type": "list-style"}))
_add(ComponentSchema("x-hr", "Divider", _props(
    _s("margin", responsive=True, group="Layout"), _color("background-color"), _n("height", responsive=True),
    _s("width", responsive=True, group="Layout"), _s("border-radius"),
    _e("align", ALIGN, default="center", group="Layout"),
), global_style="divider", void=True))
_add(ComponentSchema("x-spacer", "Spacer", _props(_n("size", responsive=True, default=16, group="Layout")),
                     void=True))
_add(ComponentSchema("x-wrap", "Wrap", _props(
    _n("gap", default=8, group="Layout"), _e("align", ALIGN, default="center", group="Layout"),
    _s("padding", responsive=True, group="Layout"), _s("margin", responsive=True, group="Layout"),
    _s("background", dark=True),
), description="Flow container for the navigation and social-links presets."))
_add(ComponentSchema("x-html", "HTML block", _props(), description="Raw HTML, copied as written."))
_add(ComponentSchema("x-hidden-text", "Hidden text", _props(),
                     description="Announced by screen readers, visually hidden."))
_add(ComponentSchema("x-edit-text", "Editable text", {}, description="Marks text editable; emits no element."))
_add(ComponentSchema("x-font-family", "Font family", {"font-family": _s("font-family")}, void=True,
                     description="Adds the Google Fonts stylesheet for each Google font in the stack."))
_add(ComponentSchema("x-empty-state", "Empty state", {}, void=True,
                     description="A drop zone in the visual editor; emits nothing."))
_add(ComponentSchema("fragment", "Fragment", {}, description="Groups children; never rendered."))

# Attributes passed through verbatim to the component's main element.
PASSTHROUGH_PREFIXES = ("data-", "aria-")
PASSTHROUGH_NAMES = frozenset({"id", "title", "target", "rel"})

# Insert-menu presets for `x-wrap` (§2.2). The social icons are placeholders
# the user replaces with their own hosted images (any PNG works on light and dark).
PRESETS = {
    "navigation": (
        '<x-wrap :gap="8">\n'
        '  <x-cta href="https://example.com/">Home</x-cta>\n'
        '  <x-cta href="https://example.com/about">About</x-cta>\n'
        '  <x-cta href="https://example.com/contact">Contact</x-cta>\n'
        "</x-wrap>"
    ),
    "social-links": (
        '<x-wrap :gap="12">\n'
        + "".join(
            f'  <x-image href="https://{site}.com/" src="https://static.campaign-studio.app/social/{icon}.png" '
            f'alt="{label}" :width="32"/>\n'
            for site, icon, label in (("facebook", "facebook", "Facebook"), ("x", "x", "X"),
                                      ("instagram", "instagram", "Instagram"), ("linkedin", "linkedin", "LinkedIn"))
        )
        + "</x-wrap>"
    ),
}


def schema_json() -> list[dict]:
    """Every schema as JSON, for the code editor's autocomplete."""
    return [s.to_json() for s in SCHEMAS.values()]
