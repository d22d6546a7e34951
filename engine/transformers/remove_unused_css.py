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
from ._liquid import CLOSE, OPEN, mask
from ._markup import Tree
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


def transform(html: str, options: RemoveUnusedCss) -> str:
    if "<style" not in html.lower():
        return html
    masked = mask(html)
    text = _mask_markers(masked, options)
    tree = Tree(text, "remove_unused_css")
    elements = list(tree.elements())
    used_classes: set[str] = set()
    used_ids: set[str] = set()
    prefixes: list[str] = []
    referenced_ids: set[str] = set()
    for el in elements:
        for token in (el.get("class") or "").split():
            _use(token, used_classes, prefixes)
        id_ = el.get("id")
        if id_:
            _use(id_.strip(), used_ids, prefixes)
        href = el.get("href") or el.get("usemap") or ""
        if href.startswith("#"):
            referenced_ids.add(href[1:])
        for name in _REFERENCING_ATTRS:
            referenced_ids.update((el.get(name) or "").split())

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

    cleaned: list[tuple[str, str]] = []  # each <style> body before and after, in document order

    def clean_sheet(_tag: str, css: str) -> str:
        out = _clean_rules(css, clean_selector)
        cleaned.append((css, out))
        return out

    text = tree.finish()
    text = rewrite_style_blocks(text, clean_sheet)
    if options.uglify:
        text = _shorten(tree, text, cleaned, kept_names, used_classes | used_ids, is_protected, prefixes,
                        referenced_ids, options)
    # Marker tokens share Liquid's numbering, so one restore brings both back.
    return masked.restore(text)


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


def _mask_markers(masked, options: RemoveUnusedCss) -> str:
    """Extra delimiter pairs (Handlebars, ERB...) become placeholders like Liquid."""
    text = masked.text
    for marker in options.backend_markers:
        heads, tails = marker.heads, marker.tails
        if not heads or not tails or (heads, tails) in (("{{", "}}"), ("{%", "%}")):
            continue
        pattern = re.compile(re.escape(heads) + ".*?" + re.escape(tails), re.S)

        def swap(m: re.Match) -> str:
            masked.pieces.append(m.group())
            return f"{OPEN}{len(masked.pieces) - 1}{CLOSE}"

        text = pattern.sub(swap, text)
    return text


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


def _shorten(tree, text, cleaned, kept_names, taken, is_protected, prefixes, referenced_ids, options) -> str:
    """Rename kept classes and ids in the sheets and the markup.

    `tree` is the parse `text` came from before its `<style>` bodies were
    cleaned (`cleaned` pairs each body before/after). Renaming attributes
    on that tree and then rewriting the bodies gives the same bytes as
    parsing the cleaned text again, one parse cheaper (performance), as long
    as no renamed attribute sits inside a `<style>` block as the regex
    finds it; when one does (the bodies no longer match), re-parse.
    """
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
        return text

    def css(_tag: str, sheet: str) -> str:
        out = []
        for rule in _css.split_rules(sheet):
            out.append(_rename_in_rule(rule, rename))
        return "".join(out)

    if all(not el.self_closing for el in tree.elements() if el.name == "style"):
        _rename_markup(tree, rename)
        bodies = iter(cleaned)
        same = True

        def renamed_sheet(tag: str, body: str) -> str:
            nonlocal same
            before, after = next(bodies, (None, ""))
            if before != body:
                same = False
                return body
            return css(tag, after)

        out = rewrite_style_blocks(tree.finish(), renamed_sheet)
        if same and next(bodies, None) is None:
            return out
    text = rewrite_style_blocks(text, css)
    tree = Tree(text, "remove_unused_css")
    _rename_markup(tree, rename)
    return tree.finish()


def _rename_markup(tree, rename) -> None:
    for el in tree.elements():
        cls = el.attr("class")
        if cls is not None and cls.value:
            cls.value = _NON_SPACE.sub(lambda m: rename["."].get(m.group(), m.group()), cls.value)
        id_ = el.attr("id")
        if id_ is not None and id_.value and id_.value.strip() in rename["#"]:
            id_.value = rename["#"][id_.value.strip()]


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
