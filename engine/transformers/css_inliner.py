"""CSS inlining (§8.2): `<style>` rules become `style=""` attributes, via css-inline.

Why css-inline and not premailer (tech-notes): it gets the `!important`
cascade against existing inline styles right and is ~2 ms on 50 KB.

How, and why this way: css-inline (html5ever) re-serializes the whole
document: it inserts `<tbody>`, decodes entities, rewrites Outlook's
`<![if !mso]>` and would move Liquid out of tables. So we use it only as the
selector engine and cascade. Each element of a *copy* that a rule may reach
(`_selectors`: the subject of some selector names its tag, classes or ids)
or whose own style yields attributes gets a numbered marker attribute, the
copy goes through css-inline, and the resulting `style` (and
`width`/`height`) of each marker is written back onto the original
element of the shared tree. Everything else keeps its bytes.

What stays in `<style>` (Juice's options, as the API names them):
- `@media` when `preserve_media_queries`, `@font-face` when
  `preserve_font_faces`, `@keyframes` when `preserve_keyframes`; other
  at-rules (`@import`, `@supports`, `@page`...) always (they cannot be inlined);
- rules with state pseudo-classes (`:hover`, `:focus`...) and pseudo-elements
  when `preserve_pseudos`; a selector list is split, so `a, a:hover` inlines
  `a` and keeps `a:hover`;
- the whole sheet when `remove_style_tags` is off (Juice keeps the tags);
- [inf] rules for markup the mail client injects (`.ExternalClass`,
  `#outlook a`, `.MsoHyperlink`, `a[x-apple-data-detectors]`, Outlook.com's
  `[data-ogsc]`...; the list in `remove_unused_css`): they
  can never match our document, so inlining would silently drop them.
Not preserved means dropped, which is what the switch says.

Never inlined and left exactly as written: `<style data-embed>`,
`<style data-ignore-inlining>` (also css-inline's own `data-css-inline="ignore"`),
`<style media="...">` other than `all`/`screen`, styles inside Outlook
conditional comments, `<link rel="stylesheet">` (never downloaded), and
[inf] a `<style>` whose CSS holds Liquid tags `{% %}` (rules switched on and
off by Liquid cannot be inlined statically). `{{ }}` values inline fine.

`preserve_important: false` writes inlined declarations without
`!important` (the cascade already decided); declarations the author wrote
inline keep theirs. `apply_style_tags: false` inlines nothing.

`apply_html_attributes`: `width`/`height` attributes from CSS pixel sizes on
`table`, `td`, `th`, `img` (css-inline's own rules), and for table elements
`bgcolor`, `align`, `valign` and `background` from `background-color`,
`text-align`, `vertical-align` and `background-image` (Juice's table). An
attribute already written is never overwritten.

`inline_pseudo_elements` [inf, as Juice]: a `::before` / `::after` rule with a
`content` becomes a `<span>` with that text and the rule's other declarations
as its style, first or last child of each element the selector matches.
"""
from __future__ import annotations

import html as _html
import re
from functools import lru_cache

import css_inline

from engine.document import serialize
from engine.document.parser import attributes_end
from engine.document.serialize import serialize_attribute
from engine.document.nodes import Attribute, Comment, Element, Text
from engine.problems import Problem

from . import _css
from ._liquid import Masked, mask, mask_more
from ._markup import Tree, TransformError, escape_attr, merge_texts, set_attr
from ._selectors import Subjects
from .remove_unused_css import names_in_selector as _css_names, is_client_name
from .settings import CssInliner

MARK = "data-cs-inline-id"
_OUT_TAG = re.compile(r"<([A-Za-z][^\s/>]*)((?:\s+[^\s\"'>/=]+(?:=\"[^\"]*\")?)*)\s*/?>")
_OUT_ATTR = re.compile(r"\s([^\s\"'>/=]+)(?:=\"([^\"]*)\")?")
_PSEUDO_MARK = "--cs-pseudo-"
_KEYFRAMES = re.compile(r"^(-[a-z]+-)?keyframes$")
_SKIP_ATTRS = ("data-embed", "data-ignore-inlining")
_TABLE_ELEMENTS = frozenset("table th tr td caption colgroup col thead tbody tfoot".split())
_STYLE_TO_ATTR = {
    "background-color": "bgcolor",
    "background-image": "background",
    "text-align": "align",
    "vertical-align": "valign",
}


def transform(html: str, options: CssInliner) -> str:
    if "<style" not in html.lower() or not options.apply_style_tags:
        return html
    tree = Tree(html, "css_inliner")
    apply(tree, options, source=html)
    return tree.finish()


def apply(tree: Tree, options: CssInliner, *, source: str | None = None) -> None:
    """Inline the sheets of `tree` into its elements, in place.

    `source` is the text the tree was parsed from, passed when no step has
    edited the tree yet (the inliner runs first): see `_marked_copy`.
    """
    if not options.apply_style_tags:
        return
    elements = list(tree.elements(conditional=False))
    styles = [el for el in elements if el.name == "style"]
    if not styles:
        return
    # Sheets and values are cut up on masked text; `liquid` holds every piece.
    liquid = Masked("")
    inline_css: list[str] = []
    kept_css: dict[int, str] = {}
    pseudo_rules: list[tuple[str, str, list[_css.Declaration]]] = []
    selectors: list[str] = []  # every selector css-inline gets
    for el in styles:
        if not _inlinable(el):
            continue
        css = mask_more(_text_of(el), liquid)
        to_inline, to_keep, pseudos = _split_sheet(css, options, selectors)
        inline_css.append(liquid.restore(to_inline))
        kept_css[id(el)] = liquid.restore(to_keep)
        pseudo_rules.extend(pseudos)
    if not inline_css:
        return

    extra = []
    for k, (selector, _where, _decls) in enumerate(pseudo_rules):
        extra.append(f"{selector}{{{_PSEUDO_MARK}{k}:1}}")
        selectors.append(selector)
    marked = _reachable(elements, Subjects(selectors))
    sheet = "\n".join(inline_css + [liquid.restore(e) for e in extra])
    copy = mask(_marked_copy(tree, marked, styles, sheet, source))
    attrs = options.apply_html_attributes
    inliner = css_inline.CSSInliner(
        inline_style_tags=True,
        keep_style_tags=False,
        keep_link_tags=True,
        load_remote_stylesheets=False,
        apply_width_attributes=attrs.enabled and attrs.apply_width_attributes,
        apply_height_attributes=attrs.enabled and attrs.apply_height_attributes,
    )
    try:
        result = inliner.inline(copy.text)
    except Exception as exc:  # css_inline.InlineError and parser errors alike
        raise TransformError([Problem(f"css_inliner: {exc}", rule="transformers/css_inliner")]) from exc

    by_mark = _read_back(result)
    same: dict = {}  # see `_apply`
    for index, el in enumerate(marked):
        found = by_mark.get(str(index))
        if found is None:
            continue
        _apply(el, found, options, pseudo_rules, copy, liquid, same)
    for el in styles:
        if id(el) in kept_css and options.remove_style_tags:
            _set_text(el, kept_css[id(el)])
    if options.remove_style_tags:
        _drop_empty_styles(tree)
    if pseudo_rules:
        tree.changed()  # pseudo-element spans may have come in


# -- the sheet ----------------------------------------------------------------------


def _inlinable(style: Element) -> bool:
    if any(style.attr(name) is not None for name in _SKIP_ATTRS):
        return False
    if (style.get("data-css-inline") or "").lower() == "ignore":
        return False
    media = (style.get("media") or "").strip().lower()
    if media not in ("", "all", "screen"):
        return False
    return "{%" not in _text_of(style)


def _split_sheet(css: str, options: CssInliner, selectors: list[str]) -> tuple[str, str, list]:
    to_inline: list[str] = []
    to_keep: list[str] = []
    pseudos: list[tuple[str, str, list[_css.Declaration]]] = []
    for rule in _css.split_rules(css):
        if rule.kind == "space":
            continue
        if rule.kind == "comment":
            continue
        if rule.kind == "at":
            keep = {
                "media": options.preserve_media_queries,
                "font-face": options.preserve_font_faces,
            }.get(rule.name)
            if keep is None:
                keep = options.preserve_keyframes if _KEYFRAMES.match(rule.name) else True
            if keep:
                to_keep.append(rule.text)
            continue
        if rule.body is None:
            continue
        plain, state, clients = [], [], []
        for selector in _css.split_top_level(rule.prelude, ","):
            selector = selector.strip()
            if not selector:
                continue
            if targets_client_markup(selector):
                clients.append(selector)
            elif _css.has_pseudo_element(selector):
                m = re.search(r"::?(before|after)\s*$", selector, re.I)
                decls = _css.split_declarations(rule.body)
                if options.inline_pseudo_elements and m and any(d.prop.lower() == "content" for d in decls):
                    pseudos.append((selector[: m.start()] or "*", m.group(1).lower(), decls))
                else:
                    state.append(selector)
            elif _css.has_dynamic_pseudo_class(selector):
                state.append(selector)
            else:
                plain.append(selector)
        if plain:
            to_inline.append(f"{', '.join(plain)}{{{rule.body}}}")
            selectors.extend(plain)
        if not options.preserve_pseudos:
            state = []
        kept_selectors = clients + state
        if kept_selectors:
            to_keep.append(rule.text if not plain else f"{', '.join(kept_selectors)}{{{rule.body}}}")
    kept = ""
    if to_keep:
        edge = "\n" if css.startswith(("\n", "\r\n")) else ""
        kept = edge + "\n".join(to_keep) + edge
    return "\n".join(to_inline), kept, pseudos


_CLIENT_ATTRIBUTES = re.compile(r"\[\s*(x-apple-data-detectors|data-ogsc|data-ogsb|data-ogac|data-ogab|x-apple-[-\w]*)", re.I)


@lru_cache(maxsize=4096)  # pure, and the same sheet comes back with every preview (performance)
def targets_client_markup(selector: str) -> bool:
    """`.ExternalClass p`, `#outlook a`, `a[x-apple-data-detectors]`: markup the mail client adds, absent from ours."""
    if _CLIENT_ATTRIBUTES.search(selector):
        return True
    for kind, name in _css_names(selector):
        if is_client_name(kind, name):
            return True
    return False


# -- the marked copy ------------------------------------------------------------------


_SIZED = frozenset(_TABLE_ELEMENTS | {"img"})
_OWN_STYLE_MATTERS = ("width", "height", "background", "align")  # what css-inline or `_apply` reads from it


def _reachable(elements: list[Element], subjects: Subjects) -> list[Element]:
    """The elements css-inline's answer can change: those a rule may match, and table
    elements and images whose own style yields attributes (width, height, bgcolor...)."""
    out = []
    for el in elements:
        if subjects.may_match(el):
            out.append(el)
        elif el.name in _SIZED:
            style = el.get("style")
            if style and any(word in style.lower() for word in _OWN_STYLE_MATTERS):
                out.append(el)
    return out



def _text_of(el: Element) -> str:
    return "".join(c.text for c in el.children if isinstance(c, Text))


def _set_text(el: Element, text: str) -> None:
    el.children = [Text(text=text)] if text else []


def _marked_copy(tree: Tree, elements: list[Element], styles: list[Element], sheet: str,
                 source: str | None = None) -> str:
    """The document with a marker on every element and one sheet holding what may be inlined.

    `source`: the text `tree` was parsed from, when nothing has edited the
    tree since; the copy is then that text with the markers and the sheet
    spliced in at the parser's offsets, instead of a second serialization
    (performance).
    """
    if source is not None:
        return _spliced_copy(source, elements, styles, sheet)
    saved_children = [(el, el.children) for el in styles]
    for el in styles:
        el.children = []
    if styles:
        styles[0].children = [Text(text=sheet)]
    for index, el in enumerate(elements):
        el.attrs.append(_marker(index))
    try:
        tree.sync()
        return serialize(tree.doc)
    finally:
        for el in elements:
            el.attrs.pop()
        for el, children in saved_children:
            el.children = children


def _spliced_copy(source: str, elements: list[Element], styles: list[Element], sheet: str) -> str:
    edits: list[tuple[int, int, str]] = []  # (start, end, new text) in the source
    for index, el in enumerate(elements):
        at = _attributes_end(el)
        edits.append((at, at, f' {MARK}="{index}"'))
    for k, el in enumerate(styles):
        if el.children:
            start, end = el.children[0].start, el.children[-1].end
        else:
            start = end = _attributes_end(el) + len(el.open_tail) + (2 if el.self_closing else 1)
        edits.append((start, end, sheet if k == 0 else ""))
    edits.sort(key=lambda e: e[0])
    out: list[str] = []
    last = 0
    for start, end, text in edits:
        out.append(source[last:start])
        out.append(text)
        last = end
    out.append(source[last:])
    return "".join(out)


def _attributes_end(el: Element) -> int:
    """Offset, in the parsed source, just after `el`'s last attribute (where a new one goes)."""
    at = attributes_end(el)  # noted by the parser for the usual tag (performance)
    if at is not None:
        return at
    at = el.start + 1 + len(el.tag)
    for a in el.attrs:
        value = a.value
        if value is None:
            at += len(a.space) + len(a.name)
        elif a.quote == '"' and a.eq and '"' not in value and "{" not in value:
            at += len(a.space) + len(a.name) + len(a.eq) + len(value) + 2
        else:
            at += len(serialize_attribute(a))
    return at


def _marker(index: int) -> Attribute:
    a = _new(Attribute)  # as `Attribute(MARK, str(index))`, without __init__'s cost: one per element
    a.__dict__ = {"name": MARK, "value": str(index), "pos": None, "quote": '"', "space": " ", "eq": "=", "value_pos": None}
    return a


_new = object.__new__


_WANTED = frozenset({"style", "width", "height"})


def _read_back(result: str) -> dict[str, dict[str, str]]:
    """Marker -> the `style`, `width` and `height` css-inline wrote (masked, entities decoded).

    Only the tags around a marker are read (performance: most tags carry
    none); should a marker not sit in a tag as expected, every tag is read.
    """
    found: dict[str, dict[str, str]] = {}
    tag_at = _OUT_TAG.match
    needle = MARK + '="'
    at = result.find(needle)
    while at >= 0:
        if result[at - 1 : at].isspace():
            start = result.rfind("<", 0, at)
            tag = tag_at(result, start) if start >= 0 else None
            if tag is None or tag.end() < at + len(needle):
                return _read_back_all(result)
            _read_tag(tag.group(2), found)
        at = result.find(needle, at + 1)
    return found


def _read_back_all(result: str) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for tag in _OUT_TAG.finditer(result):
        if MARK in tag.group(2):
            _read_tag(tag.group(2), found)
    return found


def _read_tag(body: str, found: dict[str, dict[str, str]]) -> None:
    """One output tag's marker, `style`, `width` and `height`.

    html5ever writes each attribute once, as ` name="value"` with the name
    lower-cased, one space before it and `"` inside values as `&quot;`, so a
    plain search for ` name="` cannot land inside a value (performance: a
    regular expression per attribute was most of the read-back).
    """
    mark = _value_after(body, _MARK_AT)
    if mark is None:
        return
    attrs = {}
    for name, needle in _WANTED_AT:
        value = _value_after(body, needle)
        if value is not None:
            attrs[name] = _html.unescape(value) if "&" in value else value
    found[_html.unescape(mark) if "&" in mark else mark] = attrs


def _value_after(body: str, needle: str) -> str | None:
    at = body.find(needle)
    if at < 0:
        return None
    at += len(needle)
    return body[at : body.find('"', at)]


_MARK_AT = f' {MARK}="'
_WANTED_AT = [(name, f' {name}="') for name in ("style", "width", "height")]
# -- writing back -------------------------------------------------------------------


def _apply(el: Element, found: dict[str, str], options: CssInliner, pseudo_rules: list, copy: Masked,
           liquid: Masked, same: dict | None = None) -> None:
    """Write css-inline's result for `el` back; `copy` masks its values, `liquid` the pseudo rules'.

    `same` remembers, for one run, what a (written style, inlined style,
    table element?) triple comes to: repeated rows of an email meet the same
    triple again and again, and the answer depends on nothing else
    (performance). Elements with pseudo-element spans are worked out each time.
    """
    style_attr = el.attr("style")
    original = None if style_attr is None else style_attr.value  # `el.get("style")`
    new_style = found.get("style")
    attrs = options.apply_html_attributes
    if new_style is not None:
        table = attrs.enabled and attrs.apply_table_element_attributes and el.name in _TABLE_ELEMENTS
        key = (original, new_style, table)
        known = same.get(key) if same is not None else None
        if known is not None:
            style, table_attrs = known
            if style is not None:
                if style_attr is None:
                    el.attrs.append(Attribute("style", style))
                else:
                    set_attr(el, "style", style)
            for name, value in table_attrs:
                if el.attr(name) is None:  # (`set_attr` for an attribute known to be missing)
                    el.attrs.append(Attribute(name, value))
        elif original is not None and "&" not in original and copy.restore(new_style) == original:
            # Nothing matched this element: css-inline hands its style back as written.
            table_attrs = _table_attributes(el, _css.split_declarations(new_style), copy) if table else []
            if same is not None:
                same[key] = (None, table_attrs)
        else:
            style, decls = _write_style(el, original, new_style, options, pseudo_rules, copy, liquid)
            table_attrs = _table_attributes(el, decls, copy) if table else []
            if same is not None and _PSEUDO_MARK not in new_style:
                same[key] = (style, table_attrs)
    if attrs.enabled:
        for name, wanted in (("width", attrs.apply_width_attributes), ("height", attrs.apply_height_attributes)):
            if wanted and name in found and el.attr(name) is None:
                el.attrs.append(Attribute(name, copy.restore(escape_attr(found[name]))))


def _write_style(el: Element, original: str | None, new_style: str, options: CssInliner, pseudo_rules: list,
                 copy: Masked, liquid: Masked) -> tuple[str | None, list[_css.Declaration]]:
    """Set the inlined `style` when its declarations differ from the written ones.

    Returns the value set (None when none was) and the new declarations."""
    decls = _css.split_declarations(new_style)
    pseudo_hits = [d for d in decls if d.prop.startswith(_PSEUDO_MARK)]
    if pseudo_hits:
        decls = [d for d in decls if not d.prop.startswith(_PSEUDO_MARK)]
        for d in pseudo_hits:
            _insert_pseudo(el, pseudo_rules[int(d.prop[len(_PSEUDO_MARK) :])], liquid)
    if original:
        local = mask(original)  # (no copy without Liquid)
        css = _html.unescape(local.text) if "&" in local.text else local.text
        before = [(d.prop, local.restore(d.value), d.important) for d in _css.split_declarations(css)]
    else:
        before = []
    now = [(d.prop, copy.restore(d.value), d.important) for d in decls]
    style = None
    if now != before:
        written = {(prop.lower(), value, important) for prop, value, important in before}
        parts = []
        for d, (_p, value, _i) in zip(decls, now):
            keep_important = options.preserve_important or (d.prop.lower(), value, d.important) in written
            parts.append(d.render(important=d.important and keep_important))
        if parts:
            style = copy.restore(escape_attr(";".join(parts) + ";"))
            set_attr(el, "style", style)
    return style, decls


def _table_attributes(el: Element, decls: list[_css.Declaration], copy: Masked) -> list[tuple[str, str]]:
    """Set the table attributes `decls` give that `el` lacks; every (name, value) they give, in order."""
    given = []
    for d in decls:
        attr = _STYLE_TO_ATTR.get(d.prop.lower())
        if attr is None:
            continue
        value = d.value
        if attr == "background":
            m = re.match(r"url\(\s*['\"]?([^'\")]*)['\"]?\s*\)", value)
            if not m:
                continue
            value = m.group(1)
        value = copy.restore(escape_attr(value))
        given.append((attr, value))
        if el.attr(attr) is None:
            el.attrs.append(Attribute(attr, value))
    return given


def _insert_pseudo(el: Element, rule: tuple[str, str, list[_css.Declaration]], liquid: Masked) -> None:
    _selector, where, decls = rule
    content = next((d.value for d in decls if d.prop.lower() == "content"), "")
    text = content.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    style = ";".join(d.render() for d in decls if d.prop.lower() != "content")
    span = Element(tag="span", end_tag=None)
    if style:
        set_attr(span, "style", liquid.restore(escape_attr(style)))
    span.children = [Text(text=liquid.restore(_html.escape(text, quote=False)))] if text else []
    if where == "before":
        el.children.insert(0, span)
    else:
        el.children.append(span)


_EMPTY_STYLE = re.compile(r"<style\b[^>]*>\s*</style\s*>[ \t]*\n?", re.I)
_AFTER_STYLE = re.compile(r"[ \t]*\n?")


def _drop_empty_styles(tree: Tree, doc=None) -> None:
    """Remove every `<style>` left empty, with the rest of its line's whitespace.

    The same bytes as a regular expression over the serialized email:
    `<style>` elements anywhere in the tree (also inside conditional
    comments), and `<style></style>` written inside other comments or raw
    text, which the parser keeps as text.
    """
    if doc is None:
        if not _any_empty_style(tree):
            return
        tree.changed()
    stack = [tree.doc if doc is None else doc]
    while stack:
        parent = stack.pop()
        children = parent.children
        i = 0
        while i < len(children):
            node = children[i]
            kind = node.__class__
            if kind is Element:
                if node.name == "style" and _is_empty_style(node):
                    del children[i]
                    if i < len(children) and children[i].__class__ is Text:
                        nxt = children[i]
                        nxt.text = nxt.text[_AFTER_STYLE.match(nxt.text).end() :]
                        if not nxt.text:
                            del children[i]
                    merge_texts(children, i)
                    continue
                if node.children:
                    stack.append(node)
            elif kind is Comment:
                inner = tree._conditional(node)
                if inner is not None:
                    _drop_empty_styles(tree, inner)
                elif "<style" in node.text.lower():
                    node.text = _EMPTY_STYLE.sub("", node.text)
            elif kind is Text and "<style" in node.text.lower():
                node.text = _EMPTY_STYLE.sub("", node.text)
            i += 1


def _any_empty_style(tree: Tree) -> bool:
    """Whether `_drop_empty_styles` has anything to do (the usual answer, no, without a walk)."""
    for el in tree.elements():
        name = el.name
        if name == "style":
            if _is_empty_style(el):
                return True
        elif name in _RAW_HOLDERS and any("<style" in c.text.lower() for c in el.children if c.__class__ is Text):
            return True
    return any("<style" in c.text.lower() for c in tree.plain_comments())


_RAW_HOLDERS = frozenset("script textarea title xmp".split())


def _is_empty_style(el: Element) -> bool:
    if el.self_closing or el.end_tag == "":
        return False
    if any(c.__class__ is not Text or c.text.strip() for c in el.children):
        return False
    return ">" not in "".join(serialize_attribute(a) for a in el.attrs) + el.open_tail
