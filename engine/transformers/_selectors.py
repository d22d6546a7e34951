"""Which elements a CSS selector could match, told from its last compound alone.

Why: the inliner hands css-inline a copy of the email with a marker on each
element it wants the result for, and reads every marked element back;
marking only the elements a rule can reach makes the copy and the read-back
a fraction of the work (performance). So this answers "could", never
"does": a selector's subject (`p.note` in `.card > p.note:first-child`) must
carry the tag, classes and ids it names. Anything harder to read (escapes,
quotes, namespaces, `:not()` / `:is()` / `:where()` / `:has()`, Liquid) counts
as matching every element. Class and id names compare without case, as in
quirks mode, where an email without a doctype renders.
"""
from __future__ import annotations

import re
from functools import lru_cache

from engine.document.nodes import Element

from ._liquid import OPEN

_COMBINATORS = frozenset(" \t\n\r\f>+~")
_TAG = re.compile(r"[A-Za-z][\w-]*")
_NAMES = re.compile(r"([.#])(-?[_a-zA-Z][\w-]*)")
_HARD = re.compile(r"[\\\"'|]|:(?:not|is|where|has|matches|-\w+-any)\(|[^\x00-\x7f]", re.I)
_STRIP = re.compile(r"\[[^\]]*\]|\([^)]*\)|::?[-\w]+")

ANY = None  # a subject that may be any element


@lru_cache(maxsize=4096)  # pure (an immutable answer), and the same sheet comes back with every preview
def subject(selector: str):
    """`(tag or "", classes, ids)` the matched element must carry, or `ANY`."""
    selector = selector.strip()
    if not selector or OPEN in selector or _HARD.search(selector):
        return ANY
    depth = 0
    cut = 0
    for i, c in enumerate(selector):
        if c in "[(":
            depth += 1
        elif c in "])":
            depth -= 1
        elif depth == 0 and c in _COMBINATORS:
            cut = i + 1
    compound = _STRIP.sub("", selector[cut:])
    m = _TAG.match(compound)
    tag = m.group().lower() if m else ""
    classes = frozenset(name.lower() for kind, name in _NAMES.findall(compound) if kind == ".")
    ids = frozenset(name.lower() for kind, name in _NAMES.findall(compound) if kind == "#")
    if not tag and not classes and not ids:
        return ANY
    return tag, classes, ids


class Subjects:
    """The subjects of a set of selectors; `may_match(el)` is True for every element one could match."""

    def __init__(self, selectors):
        self.any = False
        self.tags: set[str] = set()
        self.by_class: list[tuple[str, frozenset, frozenset]] = []
        for selector in selectors:
            found = subject(selector)
            if found is ANY:
                self.any = True
                return
            tag, classes, ids = found
            if not classes and not ids:
                self.tags.add(tag)
            else:
                self.by_class.append(found)

    def may_match(self, el: Element) -> bool:
        if self.any or el.name in self.tags:
            return True
        if not self.by_class:
            return False
        classes: set[str] = set()
        ids: set[str] = set()
        for a in el.attrs:
            if a.value is None:
                continue
            name = a.name
            if len(name) != 5 and len(name) != 2:
                continue  # neither `class` nor `id` in any case (performance: no `lower()`)
            name = name.lower()
            if name == "class":
                if "{" in a.value:
                    return True  # Liquid may print any class
                classes.update(a.value.lower().split())
            elif name == "id":
                if "{" in a.value:
                    return True
                ids.add(a.value.strip().lower())
        if not classes and not ids:
            return False
        for tag, need_classes, need_ids in self.by_class:
            if (not tag or tag == el.name) and need_classes <= classes and need_ids <= ids:
                return True
        return False
