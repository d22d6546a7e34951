"""CSS cleanup (§8.5): drop rules whose classes or ids match nothing; optionally shorten names.

Why only class and id selectors are candidates: they are the only ones we
can prove unused from the markup alone. `a[x-apple-data-detectors]`, `u + #body`
style hacks for injected markup, tag selectors and `@font-face` /
`@keyframes` are never removed. A selector list is cleaned per selector
(`.used, .unused {}` keeps `.used {}`), and an `@media` left with no rule goes.

What counts as used: every `class` and `id` in the markup, including markup
inside Outlook conditional comments. Protected, never removed nor renamed:
- the allowlist (`whitelist`): entries like `.ExternalClass`, `#outlook`,
  `MsoHyperlink` (no prefix = class or id), with `*` as a wildcard;
- names email clients inject themselves (the "Email Resets" set):
  `MsoHyperlink`, `ExternalClass`, `ReadMsgBody`, `#outlook`, ... (below);
- templating: a selector holding `{{ }}` / `{% %}` (or another configured
  `backend_markers` pair) is kept as is; a class written partly in Liquid in
  the markup (`class="btn-{{ kind }}"`) keeps every CSS class starting with
  its literal part (`btn-`), since we cannot know what Liquid will print;
  classes switched by Liquid (`{% if a %}on{% endif %}`) count as used.

[inf] Liquid written among a tag's attributes (`<p {% if vip %}class="a"{% endif %}>`)
does not hide the class: the tree reads the Liquid as its own attribute, so
`a` counts as used and is renamed with the sheet. (Before the shared tree,
cleanup parsed Liquid-masked text, took `{% if vip %}class` for one name, and
shortened `.a` in the sheet while this element kept `a`.)

`uglify` (Shorten selectors) renames each kept class and id to the shortest
name not already in the document (`a`, `b`, ..., `aa`), the same in every
`<style>` and `class` / `id` attribute. [inf] Ids that something points at
(`href="#x"`, `for`, `headers`, `aria-labelledby`, `aria-describedby`,
`usemap`) keep their names: renaming them would break the link.
"""
from __future__ import annotations

import fnmatch
import re
from itertools import count

from . import _css
from engine.document.nodes import Comment, Element, Text

from ._liquid import CLOSE, OPEN, Masked, mask_more
from ._markup import Tree, attrs_named
from ._styles import rewrite_style_blocks
from .settings import RemoveUnusedCss

# Names mail clients add to the markup themselves (Outlook.com, Outlook desktop, Yahoo, Apple Mail, Gmail, Thunderbird).
CLIENT_NAMES = (
    ".ExternalClass*", ".ReadMsgBody", "#outlook", ".MsoHyperlink*", ".MsoNormal*", ".MsoListParagraph*",
    ".yshortcuts", ".moz-text-html", "#MessageViewBody", "#MessageWebViewDiv", ".apple-link*",
    ".x_*", ".gmail*", ".im", ".aBn", ".a6S", ".ii", ".WordSection1",
)
_NAME = r"-?(?:[_a-zA-Z]|[^\x00-\x7f]|\\.)(?:[-\w]|[^\x00-\x7f]|\\.)*"
_SELECTOR_NAME = re.compile(r"([.#])(" + _NAME + ")")
_TOKEN_SPLIT = re.compile(OPEN + r"\d+" + CLOSE)
_NON_SPACE = re.compile(r"[^\s]+")
_REFERENCING_ATTRS = ("for", "headers", "aria-labelledby", "aria-describedby")
_READ = frozenset(("class", "id", "href", "usemap") + _REFERENCING_ATTRS)
_RAW_HOLDERS = frozenset("script textarea title xmp".split())  # raw text a `<style>` could be written in


def _value(attr) -> str | None:
    return None if attr is None else attr.value


def transform(html: str, options: RemoveUnusedCss) -> str:
    if "<style" not in html.lower():
        return html
    tree = Tree(html, "remove_unused_css")
    apply(tree, options)
    return tree.finish()


def apply(tree: Tree, options: RemoveUnusedCss) -> None:
    """Clean (and shorten) the sheets of `tree` and its class / id names, in place."""
    markers = _marker_patterns(options)
    used_classes: set[str] = set()
    used_ids: set[str] = set()
    prefixes: list[str] = []
    referenced_ids: set[str] = set()
    # Each element's `class` and `id`, for shortening (no second walk: cleanup
    # only rewrites sheets, so these are still the attributes to rename).
    renamable: list[tuple] = []
    for el in tree.elements():
        if not el.attrs:
            continue
        named = attrs_named(el, _READ)
        if not named:
            continue
        cls = named.get("class")
        if cls is not None and cls.value:
            for token in _masked(cls.value, markers).split():
                _use(token, used_classes, prefixes)
        id_ = named.get("id")
        if id_ is not None and id_.value:
            _use(_masked(id_.value, markers).strip(), used_ids, prefixes)
        if cls is not None or id_ is not None:
            renamable.append((cls, id_))
            if len(named) == (cls is not None) + (id_ is not None):
                continue  # nothing that points at an id (performance: the usual element)
        href = _value(named.get("href")) or _value(named.get("usemap")) or ""
        if href.startswith("#"):
            referenced_ids.add(_masked(href[1:], markers))
        for name in _REFERENCING_ATTRS:
            value = _value(named.get(name))
            if value:
                referenced_ids.update(_masked(value, markers).split())

    protected = list(CLIENT_NAMES) + [w.strip() for w in options.whitelist if w.strip()]

    def is_protected(kind: str, name: str) -> bool:
        return _matches(protected, kind, name)

    def is_used(kind: str, name: str) -> bool:
        if is_protected(kind, name):
            return True
        if any(name.startswith(p) for p in prefixes if p):
            return True
        return name in (used_classes if kind == "." else used_ids)

    kept_names: list[tuple[str, str]] = []

    def clean_selector(selector: str) -> bool:
        if OPEN in selector:
            return True
        names = names_in_selector(selector)
        if not names:
            return True
        if all(is_used(kind, name) for kind, name in names):
            for pair in names:
                if pair not in kept_names:
                    kept_names.append(pair)
            return True
        return False

    sheets = _Sheets(tree, markers)
    sheets.rewrite(lambda css: _clean_rules(css, clean_selector))
    if options.uglify:
        _shorten(renamable, sheets, kept_names, used_classes | used_ids, is_protected, prefixes, referenced_ids, markers)


class _Sheets:
    """Every style sheet of the tree in document order, rewritten on masked CSS.

    Order matters: shortening hands out names in the order cleanup met them.
    Sheets are `<style>` elements (also inside parsed conditional comments)
    and `<style>` blocks written in other comments or raw text, which the
    parser keeps as text and a regular expression finds.
    """

    def __init__(self, tree: Tree, markers):
        self.tree = tree
        self.markers = markers
        elements = list(tree.elements())
        self.styles: list[Element] | None = [el for el in elements if el.name == "style"]
        if any("<style" in c.text.lower() for c in tree.plain_comments()) or any(
            el.name in _RAW_HOLDERS and any("<style" in c.text.lower() for c in el.children if c.__class__ is Text)
            for el in elements
        ):
            self.styles = None  # sheets written as text too: walk the tree in document order

    def rewrite(self, fn) -> None:
        def masked_fn(css: str) -> str:
            liquid = Masked("")
            text = _swap_markers(mask_more(css, liquid), liquid, self.markers)
            return liquid.restore(fn(text))

        if self.styles is None:
            self._visit(self.tree.doc, masked_fn)
            return
        for el in self.styles:
            self._style(el, masked_fn)

    @staticmethod
    def _style(el: Element, fn) -> None:
        texts = [c for c in el.children if c.__class__ is Text]
        if texts and len(texts) == len(el.children) and not el.self_closing:
            css = "".join(t.text for t in texts)
            new = fn(css)
            if new != css:
                el.children = [Text(text=new)] if new else []

    def _visit(self, node, fn) -> None:
        for child in node.children:
            kind = child.__class__
            if kind is Element:
                if child.name == "style":
                    self._style(child, fn)
                    continue
                if child.children:
                    self._visit(child, fn)
            elif kind is Comment:
                inner = self.tree._conditional(child)
                if inner is not None:
                    self._visit(inner, fn)
                elif "<style" in child.text.lower():
                    child.text = rewrite_style_blocks(child.text, lambda _tag, css: fn(css))
            elif kind is Text and "<style" in child.text.lower():
                child.text = rewrite_style_blocks(child.text, lambda _tag, css: fn(css))


def names_in_selector(selector: str) -> list[tuple[str, str]]:
    """The (`.` or `#`, name) pairs a selector mentions, outside attribute selectors and strings."""
    return _SELECTOR_NAME.findall(_without_attributes(selector))


def is_client_name(kind: str, name: str) -> bool:
    return _matches(CLIENT_NAMES, kind, name)


def _matches(patterns, kind: str, name: str) -> bool:
    for pattern in patterns:
        bare = pattern.lstrip(".#")
        if pattern[0] in ".#" and pattern[0] != kind:
            continue
        if fnmatch.fnmatchcase(name, bare):
            return True
    return False


def _use(token: str, used: set[str], prefixes: list[str]) -> None:
    """Record a class/id token; a token holding Liquid records its literal parts."""
    if OPEN not in token:
        used.add(token)
        return
    parts = _TOKEN_SPLIT.split(token)
    if parts[0]:
        prefixes.append(parts[0])
    for part in parts[1:]:
        if part:
            used.add(part)  # `{% if a %}on{% endif %}`: the literal between tags is a class


def _without_attributes(selector: str) -> str:
    return re.sub(r"\[[^\]]*\]|\"[^\"]*\"|'[^']*'|:not\(", lambda m: "" if m.group().startswith(("[", "\"", "'")) else m.group(), selector)


def _clean_rules(css: str, keep_selector) -> str:
    out: list[str] = []
    for rule in _css.split_rules(css):
        if rule.kind == "style" and rule.body is not None:
            selectors = _css.split_top_level(rule.prelude, ",")
            kept = [s for s in selectors if not s.strip() or keep_selector(s.strip())]
            kept = [s for s in kept if s.strip()]
            if not kept:
                _drop_space(out)
                continue
            if len(kept) == len([s for s in selectors if s.strip()]):
                out.append(rule.text)
            else:
                lead = rule.prelude[: len(rule.prelude) - len(rule.prelude.lstrip())]
                out.append(lead + ",".join(kept).strip() + " {" + rule.body + "}")
            continue
        if rule.kind == "at" and rule.body is not None and rule.name in ("media", "supports", "document", "container"):
            body = _clean_rules(rule.body, keep_selector)
            if not _css.strip_comments(body).strip():
                _drop_space(out)
                continue
            head = rule.text[: rule.text.index("{") + 1]
            out.append(head + body + "}")
            continue
        out.append(rule.text)
    return "".join(out)


def _drop_space(out: list[str]) -> None:
    """A removed rule takes the blank before it along, so no empty lines pile up."""
    if out and not out[-1].strip():
        out.pop()


# -- templating markers ------------------------------------------------------------


def _marker_patterns(options: RemoveUnusedCss) -> list[re.Pattern]:
    """Extra delimiter pairs (Handlebars, ERB...) are masked like Liquid."""
    patterns = []
    for marker in options.backend_markers:
        heads, tails = marker.heads, marker.tails
        if not heads or not tails or (heads, tails) in (("{{", "}}"), ("{%", "%}")):
            continue
        patterns.append(re.compile(re.escape(heads) + ".*?" + re.escape(tails), re.S))
    return patterns


def _swap_markers(text: str, masked: Masked, markers) -> str:
    for pattern in markers:
        def swap(m: re.Match) -> str:
            masked.pieces.append(m.group())
            return f"{OPEN}{len(masked.pieces) - 1}{CLOSE}"

        text = pattern.sub(swap, text)
    return text


def _masked(value: str, markers) -> str:
    """`value` with Liquid and templating markers as tokens (for splitting and name checks only)."""
    if "{" not in value and not markers:
        return value
    liquid = Masked("")
    return _swap_markers(mask_more(value, liquid), liquid, markers)


# -- shortening --------------------------------------------------------------------


def _short_names(taken: set[str]):
    letters = "abcdefghijklmnopqrstuvwxyz"
    for length in count(1):
        for n in range(len(letters) ** length):
            name = ""
            for _ in range(length):
                n, r = divmod(n, len(letters))
                name = letters[r] + name
            if name not in taken:
                yield name


def _shorten(renamable, sheets, kept_names, taken, is_protected, prefixes, referenced_ids, markers) -> None:
    """Rename kept classes and ids in the sheets and in `renamable`'s (class, id) attributes."""
    taken = set(taken)
    rename = {".": {}, "#": {}}
    names = _short_names(taken)
    for kind, name in kept_names:
        if is_protected(kind, name) or any(name.startswith(p) for p in prefixes if p):
            continue
        if kind == "#" and name in referenced_ids:
            continue
        if name in rename[kind]:
            continue
        rename[kind][name] = next(names)
    if not rename["."] and not rename["#"]:
        return

    def css(sheet: str) -> str:
        return "".join(_rename_in_rule(rule, rename) for rule in _css.split_rules(sheet))

    sheets.rewrite(css)
    classes, ids = rename["."], rename["#"]
    for cls, id_ in renamable:
        if cls is not None and cls.value:
            value = cls.value
            if "{" in value or markers:
                liquid = Masked("")
                masked = _swap_markers(mask_more(value, liquid), liquid, markers)
                cls.value = liquid.restore(_NON_SPACE.sub(lambda m: classes.get(m.group(), m.group()), masked))
            elif " " not in value and value.isprintable():  # one name: no white space at all
                cls.value = classes.get(value, value)
            else:
                cls.value = _NON_SPACE.sub(lambda m: classes.get(m.group(), m.group()), value)
        if id_ is not None and id_.value and id_.value.strip() in ids:
            id_.value = ids[id_.value.strip()]


def _rename_in_rule(rule: _css.Rule, rename) -> str:
    if rule.kind == "style" and rule.body is not None and OPEN not in rule.prelude:
        head_end = rule.text.index("{")
        return _rename_selector(rule.text[:head_end], rename) + rule.text[head_end:]
    if rule.kind == "at" and rule.body is not None and rule.name in ("media", "supports", "document", "container"):
        head = rule.text[: rule.text.index("{") + 1]
        return head + "".join(_rename_in_rule(r, rename) for r in _css.split_rules(rule.body)) + "}"
    return rule.text


def _rename_selector(selector: str, rename) -> str:
    def swap(m: re.Match) -> str:
        new = rename[m.group(1)].get(m.group(2))
        return m.group(1) + new if new else m.group()

    # Attribute selectors and strings keep their text.
    parts = re.split(r"(\[[^\]]*\]|\"[^\"]*\"|'[^']*')", selector)
    return "".join(p if i % 2 else _SELECTOR_NAME.sub(swap, p) for i, p in enumerate(parts))
