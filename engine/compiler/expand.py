"""Pass 3 — expand standard components into email-safe HTML.

Each component has one method here that turns its typed props into the
pieces its Jinja2 template (`resources/components/<tag>.html.j2`) needs;
all CSS goes through the shared `StyleSheet`, all head material through the
`HeadCollector`. Raw HTML is written back as parsed (byte-exact attributes),
with its children expanded, the global Links style injected on `<a>`, and
`<style>`/`<title>`/`<meta>`/`<link>` found in the body moved to the head.
"""
from __future__ import annotations

import re

from engine.compiler.fonts import google_font_links
from engine.compiler.head import HeadCollector
from engine.compiler.markup import attrs, close_tag, join_classes, open_tag
from engine.compiler.schema import INHERITED_TEXT_PROPS
from engine.compiler.stylesheet import StyleSheet
from engine.compiler.templates import render
from engine.compiler.tree import Component, Raw
from engine.compiler.values import Dynamic, css_length, format_number
from engine.document.nodes import Comment, Doctype, Liquid, Text
from engine.problems import Problem

_BORDER = ("border-style", "border-width", "border-color")
_BOX_DECOR = ("border-radius", "box-shadow", "opacity")
_ALIGN_MARGIN = {"left": "0 auto 0 0", "center": "0 auto", "right": "0 0 0 auto"}
_PX = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")
_HEADINGS = {f"x-heading-{i}": i for i in range(1, 7)}
_DEFAULT_TEXT_MARGIN = "0 0 16px"


def px_number(value, default: float | None = None) -> float | None:
    """A length in px as a number (`600`, `'600px'`), else `default`."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    m = _PX.match(str(value)) if isinstance(value, str) else None
    return float(m.group(1)) if m else default


def _num(n: float) -> str:
    return format_number(round(n, 2))


def _px(n: float) -> str:
    return "0" if not n else f"{_num(n)}px"


class Expander:
    def __init__(self, sheet: StyleSheet, head: HeadCollector, problems: list[Problem], filename: str = "",
                 hoist_head_tags: bool = True):
        self.sheet = sheet
        self.head = head
        self.problems = problems
        self.filename = filename
        self.hoist = hoist_head_tags
        self.source = ""

    # ---- dispatch -------------------------------------------------------------
    def nodes(self, nodes) -> str:
        node = self.node
        return "".join([node(n) for n in nodes])

    def node(self, n) -> str:
        if isinstance(n, Component):
            return self.component(n)
        if isinstance(n, Raw):
            return self.raw(n)
        if isinstance(n, (Text, Liquid)):
            return n.text
        if isinstance(n, Comment):
            return f"<!--{n.text}-->"
        if isinstance(n, Doctype):
            return f"<!{n.text}>"
        return ""

    def component(self, c: Component) -> str:
        key = (self.__class__, c.tag)
        try:
            method_name = _METHOD_NAMES[key]
        except KeyError:
            method_name = _METHOD_NAMES[key] = _method_name(*key)
        if method_name is None:  # fragment, x-edit-text
            html = self.nodes(c.children)
        else:
            html = getattr(self, method_name)(c)
        hide = c.value("hide-on", "none")
        if hide in ("mobile", "desktop") and c.tag != "x-base":
            html = self.hide_on(html, hide)
        return html

    def hide_on(self, html: str, mode: str) -> str:
        if mode == "mobile":
            display = Dynamic({"": "none", "medium": "block"})
        else:
            display = Dynamic({"medium": "none"})
        style, cls = self.sheet.style({"display": display})
        return render("hide-on.html.j2", mode=mode, content=html, attrs=attrs(("class", cls), ("style", style)))

    # ---- helpers ----------------------------------------------------------------
    def style(self, c: Component, props, *, extra: dict | None = None, user: bool = True, breakpoint: int = 600):
        decls = dict(extra or {})
        for p in props:
            if p in c.props:
                decls[p] = c.props[p]
        return self.sheet.style(decls, user_style=c.user_style if user else "", breakpoint=breakpoint)

    def text_decls(self, c: Component, names=INHERITED_TEXT_PROPS) -> dict:
        return {p: c.props[p] for p in names if p in c.props}

    @staticmethod
    def passthrough(c: Component) -> list:
        return [(k, True if v is None else v) for k, v in c.passthrough]

    @staticmethod
    def align_margin(align: Dynamic | None) -> Dynamic | None:
        if align is None:
            return None
        return align.map(lambda a: _ALIGN_MARGIN.get(a, "0 auto"))

    def background_attr(self, value) -> str | None:
        """An Outlook `bgcolor` when the background is a plain colour."""
        if isinstance(value, str) and re.match(r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)$", value.strip()):
            return value.strip()
        return None

    # ---- components ---------------------------------------------------------------
    def x_base(self, c: Component) -> str:  # the shell is written by the assembly pass
        return self.nodes(c.children)

    def x_section(self, c: Component) -> str:
        width = c.value("width", "600px")
        width_px = px_number(width)
        outer_style, outer_cls = self.sheet.style(
            {"background": c.props.get("outer-background"), "margin": c.props.get("margin")},
            user_style=c.user_style)
        inner_decls = {
            "max-width": css_length(width, "max-width"),
            "margin": self.align_margin(c.props.get("align")) or "0 auto",
        }
        for p in ("background", "padding", *_BORDER, *_BOX_DECOR, *INHERITED_TEXT_PROPS):
            if p in c.props:
                inner_decls[p] = c.props[p]
        _border_box(inner_decls)
        inner_style, inner_cls = self.sheet.style(inner_decls)
        landmark = self.landmark(c)
        return render(
            "x-section.html.j2",
            outer_attrs=attrs(("class", join_classes(c.user_class, outer_cls)), ("style", outer_style),
                              *self.passthrough(c)),
            inner_attrs=attrs(("class", inner_cls), ("style", inner_style), ("lang", c.value("lang")),
                              ("dir", c.value("dir")), *landmark),
            mso_align=c.value("align", "center"),
            mso_width=_num(width_px) if width_px else "100%",
            mso_width_css=f"{_num(width_px)}px" if width_px else "100%",
            mso_td_attrs=attrs(("bgcolor", self.background_attr(c.value("background")))),
            content=self.nodes(c.children),
        )

    def landmark(self, c: Component) -> list:
        role, label = c.value("role"), c.value("label")
        return [("role", role), ("aria-label", label)] if role and label else []

    def x_box(self, c: Component) -> str:
        width = c.value("width")
        width_px = px_number(width)
        decls = {"margin": self.align_margin(c.props.get("align"))}
        if width is not None:
            decls["max-width"] = c.props["width"]
        if c.props.get("margin") is not None:
            decls["margin"] = c.props["margin"]
        for p in ("height", "background", "padding", *_BORDER, *_BOX_DECOR, *INHERITED_TEXT_PROPS):
            if p in c.props:
                decls[p] = c.props[p]
        _border_box(decls)
        style, cls = self.sheet.style(decls, user_style=c.user_style)
        return render(
            "x-box.html.j2",
            attrs=attrs(("class", join_classes(c.user_class, cls)), ("style", style), ("lang", c.value("lang")),
                        ("dir", c.value("dir")), *self.landmark(c), *self.passthrough(c)),
            mso_align=c.value("align", "center"),
            mso_width=_num(width_px) if width_px else "100%",
            mso_width_css=f"{_num(width_px)}px" if width_px else "100%",
            mso_td_attrs=attrs(("bgcolor", self.background_attr(c.value("background"))),
                               ("style", f"padding:{css_length(c.value('padding'), 'padding')}" if c.value("padding") else None)),
            content=self.nodes(c.children),
        )

    def x_row(self, c: Component) -> str:
        columns = [n for n in c.children if isinstance(n, Component) and n.tag == "x-column"]
        count = len(columns) or 1
        layout = c.value("layout")
        if not layout or len(layout) != len(columns):
            layout = [100 / count] * count
        bp = int(px_number(c.value("break-point", 600), 600))
        fallback = c.value("fallback", "single")
        stack = c.value("stack", True)
        reverse = bool(c.value("reverse", False))
        gap = px_number(c.value("gap", 0), 0) or 0
        width = c.value("width", "600px")
        row_px = px_number(width, 600) if not str(width).endswith("%") else 600

        decls = {"max-width": css_length(width, "max-width"),
                 "margin": self.align_margin(c.props.get("align")) or "0 auto"}
        if "margin" in c.props:
            decls["margin"] = c.props["margin"]
        for p in ("background", "padding", *_BORDER, *_BOX_DECOR, *INHERITED_TEXT_PROPS):
            if p in c.props:
                decls[p] = c.props[p]
        _border_box(decls)
        style, cls = self.sheet.style(decls, user_style=c.user_style)

        # The track holding the columns: reversed stacking uses flex on narrow screens only.
        track = {}
        if reverse and stack:
            if fallback == "multi":
                track = {"display": Dynamic({"small": "flex"}), "flex-direction": Dynamic({"small": "column-reverse"})}
            else:
                track = {"display": Dynamic({"": "flex", "medium": "block"}),
                         "flex-direction": Dynamic({"": "column-reverse"})}
        track_style, track_cls = self.sheet.style(track, breakpoint=bp)

        cols = []
        for i, (col, pct) in enumerate(zip(columns, layout)):
            share = f"{_num(pct)}%"
            left = gap / 2 if i > 0 else 0
            right = gap / 2 if i < len(columns) - 1 else 0
            side_pad = f"0 {_px(right)} 0 {_px(left)}" if gap else None
            # Stacked, the gap separates consecutive columns vertically (in reverse order when reversed).
            stacked_pad = (f"0 0 {_px(gap)} 0" if reverse else f"{_px(gap)} 0 0 0") if gap and i > 0 else None
            if not stack:
                width_v, pad_v = Dynamic({"": share}), (Dynamic({"": side_pad}) if side_pad else None)
            elif fallback == "multi":
                width_v = Dynamic({"": share, "small": "100%"})
                pad_v = Dynamic({k: v for k, v in (("", side_pad), ("small", stacked_pad or "0")) if v}) if gap else None
            else:
                width_v = Dynamic({"": "100%", "medium": share})
                pad_v = Dynamic({k: v for k, v in (("", stacked_pad), ("medium", side_pad or "0")) if v}) if gap else None
            valign = col.value("vertical-align", "top")
            outer = {"display": "inline-block", "vertical-align": valign, "box-sizing": "border-box",
                     "width": width_v, "padding": pad_v}
            o_style, o_cls = self.sheet.style(outer, breakpoint=bp)
            inner = {}
            for p in ("padding", "background", *_BORDER, *_BOX_DECOR):
                if p in col.props:
                    inner[p] = col.props[p]
            i_style, i_cls = self.sheet.style(inner, user_style=col.user_style)
            col_px = row_px * pct / 100
            cols.append({
                "outer_attrs": attrs(("class", o_cls), ("style", o_style)) + (' dir="ltr"' if reverse else ""),
                "inner_attrs": attrs(("class", join_classes(col.user_class, i_cls)), ("style", i_style),
                                     *self.passthrough(col)),
                "content": self.nodes(col.children),
                "mso_width": _num(col_px),
                "valign": valign,
                "mso_padding": f"padding:0 {_px(right)} 0 {_px(left)}" if gap else "",
            })
        return render(
            "x-row.html.j2",
            attrs=attrs(("class", join_classes(c.user_class, cls)), ("style", style), *self.passthrough(c)),
            track_attrs=attrs(("class", track_cls), ("style", track_style)),
            columns=cols, mso_width=_num(row_px),
        )

    def text_block(self, c: Component, template: str, **extra) -> str:
        decls = {"margin": c.props.get("margin") or _DEFAULT_TEXT_MARGIN}
        for p in ("color", "font-family", "font-size", "font-weight", "line-height", "text-align",
                  "text-transform", "text-decoration"):
            if p in c.props:
                decls[p] = c.props[p]
        if "list-style" in c.props:
            decls["list-style-type"] = c.props["list-style"]
            decls["padding"] = "0 0 0 1.5em"
        style, cls = self.sheet.style(decls, user_style=c.user_style)
        return render(template, attrs=attrs(("class", join_classes(c.user_class, cls)), ("style", style),
                                            ("lang", c.value("lang")), ("dir", c.value("dir")),
                                            *self.passthrough(c)),
                      content=self.nodes(c.children), **extra)

    def x_paragraph(self, c: Component) -> str:
        return self.text_block(c, "x-paragraph.html.j2")

    def x_heading(self, c: Component) -> str:
        return self.text_block(c, "x-heading.html.j2", level=_HEADINGS[c.tag])

    def x_list(self, c: Component) -> str:
        element = c.value("element")
        if element is None:
            ordered = c.value("list-style", "disc") not in ("disc", "circle", "square")
            element = "ol" if ordered else "ul"
        if "list-style" not in c.props:
            c.props["list-style"] = Dynamic({"": "decimal" if element == "ol" else "disc"})
        return self.text_block(c, "x-list.html.j2", element=element)

    def x_cta(self, c: Component) -> str:
        wrapper, wcls = self.sheet.style({"text-align": c.props.get("align"), "margin": c.props.get("margin")})
        link = {"display": "inline-block", "text-decoration": "none"}
        for p in ("background", "color", "font-family", "font-size", "font-weight", "line-height", "text-align",
                  "text-transform", "text-decoration", "padding", "width", "height", *_BORDER, *_BOX_DECOR):
            if p in c.props:
                link[p] = c.props[p]
        for p in ("color", "background", "opacity", "box-shadow", "border-radius"):
            add_hover(link, p, c.props.get(f"hover-{p}"))
        style, cls = self.sheet.style(link, user_style=c.user_style)
        classes = join_classes(c.user_class, cls, "" if c.value("track-link", True) else "untracked")
        padding = str(css_length(c.value("padding", "12px 24px"), "padding")).split()
        vert = px_number(padding[0], 12) if padding else 12
        horiz = px_number(padding[1] if len(padding) > 1 else padding[0], 24) if padding else 24
        return render(
            "x-cta.html.j2",
            wrapper_attrs=attrs(("class", wcls), ("style", wrapper)),
            link_attrs=attrs(("href", c.value("href")), ("target", "_blank"), ("class", classes), ("style", style),
                             *self.passthrough(c)),
            content=self.nodes(c.children),
            mso_x=_num(horiz or 0), mso_raise=_num((vert or 0) * 1.5), mso_raise_half=_num((vert or 0) * 0.75),
        )

    def x_image(self, c: Component) -> str:
        wrapper, wcls = self.sheet.style({"text-align": c.props.get("align") or "center",
                                          "margin": c.props.get("margin"), "line-height": "0", "font-size": "0"})
        width = c.value("width")
        width_px = px_number(width)
        base = {"display": "inline-block", "border": "0", "outline": "none", "text-decoration": "none",
                "height": "auto", "max-width": "100%"}
        if width is not None:
            base["width"] = c.props["width"]
        for p in ("opacity", "border-radius", *_BORDER, "box-shadow", "background-color", "color", "font-family",
                  "font-size", "font-weight", "letter-spacing", "line-height", "text-align", "text-transform",
                  "text-decoration"):
            if p in c.props:
                base[p] = c.props[p]
        for p in ("opacity", "box-shadow", "border-radius"):
            add_hover(base, p, c.props.get(f"hover-{p}"))
        src = c.props.get("src") or Dynamic({"": ""})
        alt = c.value("alt", "")
        common = [("alt", alt), ("width", _num(width_px) if width_px else None)]
        images, mso_image = [], ""
        variants = [k for k in ("", "medium", "dark", "medium:dark") if k in src.variants]
        if len(variants) <= 1:
            style, cls = self.sheet.style(base, user_style=c.user_style)
            images.append("<img" + attrs(("src", src.base or ""), *common, ("srcset", c.value("srcset")),
                                         ("sizes", c.value("sizes")), ("class", cls), ("style", style),
                                         *self.passthrough(c)) + ">")
        else:
            for key in variants:
                shown = {ctx: "inline-block" if self.chosen(src, ctx) == key else "none"
                         for ctx in ("", "medium", "dark", "medium:dark")}
                decls = dict(base)
                decls["display"] = Dynamic(shown)
                if shown[""] == "none":
                    decls["mso-hide"] = "all"
                style, cls = self.sheet.style(decls, user_style=c.user_style)
                extra = [("srcset", c.value("srcset")), ("sizes", c.value("sizes"))] if key == "" else []
                images.append("<img" + attrs(("src", src.variants[key]), *common, *extra, ("class", cls),
                                             ("style", style), *self.passthrough(c)) + ">")
            desktop = src.variants.get("medium", src.base or "")
            mso_style, _ = self.sheet.style({k: v for k, v in base.items() if k != "display"})
            mso_image = "<img" + attrs(("src", desktop), *common, ("style", mso_style)) + ">"
        href = c.value("href")
        return render(
            "x-image.html.j2",
            wrapper_attrs=attrs(("class", join_classes(c.user_class, wcls)), ("style", wrapper)),
            href=href,
            link_attrs=attrs(("href", href), ("target", "_blank"),
                             ("class", "" if c.value("track-link", True) else "untracked")),
            images=images, mso_image=mso_image,
        )

    @staticmethod
    def chosen(src: Dynamic, ctx: str) -> str:
        """Which source variant a screen in `ctx` shows (dark beats medium, see values.py)."""
        if ctx in src.variants:
            return ctx
        if ctx == "medium:dark":
            for k in ("dark", "medium"):
                if k in src.variants:
                    return k
        return ""

    def x_hr(self, c: Component) -> str:
        align = c.value("align", "center")
        height = c.props.get("height") or Dynamic({"": 1})
        width = c.props.get("width") or Dynamic({"": "100%"})
        table_decls = {"width": width, "margin": c.props.get("margin") or "16px 0", "border-collapse": "separate"}
        if align == "center":
            table_decls["margin-left"] = "auto"
            table_decls["margin-right"] = "auto"
        elif align == "right":
            table_decls["margin-left"] = "auto"
        t_style, t_cls = self.sheet.style(table_decls, user_style=c.user_style)
        cell = {"height": height, "line-height": height, "font-size": "1px", "mso-line-height-rule": "exactly",
                "background-color": c.props.get("background-color") or "#DDDDDD",
                "border-radius": c.props.get("border-radius")}
        c_style, c_cls = self.sheet.style(cell)
        width_attr = c.value("width", "100%")
        return render(
            "x-hr.html.j2",
            table_attrs=attrs(("width", str(css_length(width_attr, "width")).replace("px", "")),
                              ("align", "center" if align == "center" else None),
                              ("class", join_classes(c.user_class, t_cls)), ("style", t_style), *self.passthrough(c)),
            cell_attrs=attrs(("class", c_cls), ("style", c_style),
                             ("bgcolor", self.background_attr(c.value("background-color")))),
        )

    def x_spacer(self, c: Component) -> str:
        size = c.props.get("size") or Dynamic({"": 16})
        style, cls = self.sheet.style({"height": size, "line-height": size, "font-size": "1px",
                                       "mso-line-height-rule": "exactly"}, user_style=c.user_style)
        return render("x-spacer.html.j2", attrs=attrs(("class", join_classes(c.user_class, cls)), ("style", style),
                                                      ("aria-hidden", "true"), *self.passthrough(c)))

    def x_wrap(self, c: Component) -> str:
        gap = px_number(c.value("gap", 8), 8) or 0
        align = c.value("align", "center")
        style, cls = self.style(c, ("padding", "margin", "background"), extra={"text-align": align})
        items = []
        for child in c.children:
            if isinstance(child, (Component, Raw)):
                items.append({"html": self.node(child)})
            elif isinstance(child, Text) and not child.text.strip():
                continue
            else:
                items.append({"raw": self.node(child)})
        item_style = f"display:inline-block;vertical-align:middle;padding:{_num(gap / 2)}px"
        return render("x-wrap.html.j2", attrs=attrs(("class", join_classes(c.user_class, cls)), ("style", style),
                                                    *self.passthrough(c)),
                      items=items, align=align, half_gap=_num(gap / 2), item_attrs=attrs(("style", item_style)))

    def x_html(self, c: Component) -> str:
        el = c.element
        if el is not None and el.children and el.children[0].start >= 0 and self.source:
            return self.source[el.children[0].start:el.children[-1].end]
        from engine.document.serialize import serialize

        return serialize(c.children)

    def x_hidden_text(self, c: Component) -> str:
        return render("x-hidden-text.html.j2", content=self.nodes(c.children),
                      attrs=attrs(("class", c.user_class), *self.passthrough(c)))

    def x_font_family(self, c: Component) -> str:
        for href in google_font_links(c.value("font-family", "")):
            self.head.add_link(href)
        return ""

    def x_empty_state(self, c: Component) -> str:
        return ""

    def x_head(self, c: Component) -> str:  # collected verbatim by the value pass
        return ""

    # ---- raw HTML -----------------------------------------------------------------
    def raw(self, r: Raw) -> str:
        el = r.element
        name = el.name
        if self.hoist and name in ("style", "title", "meta", "link"):
            self.hoist_tag(r)
            return ""
        replace = dict(r.evaluated)
        if r.injected:
            own = replace.get("style", el.get("style", "")) or ""
            style, cls = self.sheet.style(dict(r.injected), user_style=own)
            replace["style"] = style
            if cls:
                replace["class"] = join_classes(replace.get("class", el.get("class", "")) or "", cls)
        return open_tag(el, replace=replace) + self.nodes(r.children) + close_tag(el)

    def hoist_tag(self, r: Raw) -> None:
        el = r.element
        content = "".join(ch.text for ch in el.children if isinstance(ch, (Text, Liquid)))
        if el.name == "style":
            iso_attr = el.attr("#isolated") or el.attr("isolated")
            isolated = None if iso_attr is None else (iso_attr.value or True)
            self.head.add_style(content, isolated=isolated, media=el.get("media", "") or "")
        elif el.name == "title":
            self.head.add_title(content)
        else:
            self.head.add_tag(open_tag(el, replace=dict(r.evaluated)))


def add_hover(decls: dict, prop: str, hover: Dynamic | None) -> None:
    """Add a `:hover` value to a declaration, keeping its other variants (the Hover Effect group)."""
    if hover is None or hover.base is None:
        return
    current = decls.get(prop)
    variants = dict(current.variants) if isinstance(current, Dynamic) else ({"": current} if current is not None else {})
    variants["hover"] = hover.base
    decls[prop] = Dynamic(variants)


def _border_box(decls: dict) -> None:
    """Keep padding and borders inside a container's width, as the designer set it.

    A section of width 600 with 32 px padding must still be 600 px wide in the
    inbox (it is in Design Studio's canvas); with the browser default
    `content-box` it would grow to 664 px and stand out from its neighbours.
    """
    if any(decls.get(p) not in (None, "") for p in ("padding", "border-width", "border")):
        decls["box-sizing"] = "border-box"


# (expander class, tag) -> method name (None: expand the children only); filled on first use so
# dispatch costs one dict look-up per component instead of building a name each time.
_METHOD_NAMES: dict[tuple[type, str], str | None] = {}


def _method_name(cls, tag: str) -> str | None:
    if tag in _HEADINGS:
        return "x_heading"
    if not tag.startswith("x-"):
        return None
    name = "x_" + tag[2:].replace("-", "_")
    return name if hasattr(cls, name) else None
