"""Accessibility fixes (§8.7): the ten switches of the App API's `accessibility` object.

Each switch adds what a screen reader or zooming reader needs and is missing;
nothing the author wrote is overwritten (an existing `lang`, `alt`, `role`
or `<title>` wins).

Decisions [inf]:
- Language: `language` when set; otherwise the `lang` already on `<html>`;
  otherwise detected from the visible text by counting common words of
  English, Spanish, French, German, Portuguese, Italian and Dutch. When no
  language clearly wins nothing is added: a wrong `lang` makes a screen
  reader mispronounce everything, which is worse than none.
- `dir` is `rtl` for Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi,
  Dhivehi and Kurdish (Sorani), else `ltr`.
- The content wrapper is the single element child of `<body>` (the usual
  `<div>` / `<table>` / `<center>` around everything); when `<body>` holds
  several elements, `<body>` itself is the wrapper.
- The added `<title>` takes the text of the first heading (its `{{ }}` kept,
  they print fine in a title), else the first 60 characters of visible text.
- VML alt text: `v:rect`, `v:roundrect`, `v:oval`, `v:shape`, `v:image` in
  Outlook conditional comments get `alt` from the text they contain (a
  bulletproof button's label), else `alt=""` so Outlook doesn't read the
  shape's name aloud.
- Zoom: `user-scalable=no|0` and `maximum-scale` of 1 or less are removed
  from the viewport `<meta>`; the tag goes only when nothing else is left.
"""
from __future__ import annotations

import html as _html
import re
from collections import Counter

from engine.document.nodes import Comment, Element, Text

from ._markup import Tree, escape_attr, merge_texts, remove_attr, set_attr
from .settings import Accessibility

RTL = frozenset("ar he iw fa ur yi ji ps sd dv ckb".split())
_VML_SHAPES = frozenset("v:rect v:roundrect v:oval v:shape v:image".split())
_STOPWORDS = {
    "en": "the and you your for with this that are our from have will not all more now",
    "es": "el la los las que y de en para con tu su por una más este esta",
    "fr": "le la les des et est pour vous votre avec une dans sur nous pas plus",
    "de": "der die das und ist für mit sie ihr ihre nicht ein eine auf wir jetzt",
    "pt": "o a os as que e de para com você seu sua uma mais não",
    "it": "il lo la gli le che e di per con tuo tua una più non sono",
    "nl": "de het een en van voor met je jouw uw niet op nu ons",
}
_WORD = re.compile(r"[^\W\d_]+", re.U)


def transform(html: str, options: Accessibility) -> str:
    tree = Tree(html, "accessibility")
    apply(tree, options)
    return tree.finish()


def apply(tree: Tree, options: Accessibility) -> None:
    elements = list(tree.elements(conditional=False))
    html_el = _first(elements, "html")
    lang = options.language.strip() or (html_el.get("lang", "").strip() if html_el is not None else "")
    if not lang:
        lang = detect_language(tree)
    direction = "rtl" if lang.split("-")[0].lower() in RTL else "ltr"

    if html_el is not None:
        if options.add_lang_to_html and lang and not html_el.get("lang"):
            set_attr(html_el, "lang", escape_attr(lang))
        if options.add_dir_to_html and lang and not html_el.get("dir"):
            set_attr(html_el, "dir", direction)
    wrapper = _content_wrapper(elements)
    if wrapper is not None:
        if options.add_lang_to_content and lang and not wrapper.get("lang"):
            set_attr(wrapper, "lang", escape_attr(lang))
        if options.add_dir_to_content and lang and not wrapper.get("dir"):
            set_attr(wrapper, "dir", direction)

    for el in tree.elements(conditional=True):
        name = el.name
        if name == "img" and options.add_empty_alt_to_images and el.attr("alt") is None:
            set_attr(el, "alt", "")
        elif name == "table" and options.add_role_to_tables and not el.get("role"):
            set_attr(el, "role", "presentation")
        elif name == "a" and options.remove_button_role_from_links and (el.get("role") or "").strip().lower() == "button":
            remove_attr(el, "role")
        elif name in _VML_SHAPES and options.add_vml_alt_text and el.attr("alt") is None:
            set_attr(el, "alt", escape_attr(_squash(_visible_text(el))))

    if options.remove_zoom_meta_tag:
        _unblock_zoom(tree)
    if options.add_title_to_head:
        _add_title(tree, elements)


def _first(elements: list[Element], name: str) -> Element | None:
    return next((el for el in elements if el.name == name), None)


def _content_wrapper(elements: list[Element]) -> Element | None:
    body = _first(elements, "body")
    if body is None:
        return None
    significant = [
        c for c in body.children
        if not (isinstance(c, Text) and not c.text.strip()) and not isinstance(c, Comment)
    ]
    if len(significant) == 1 and isinstance(significant[0], Element) and significant[0].name not in ("script", "style"):
        return significant[0]
    return body


_HIDDEN = frozenset(("style", "script", "title", "head"))


def _visible_text(node, *, keep_output: bool = False) -> str:
    parts: list[str] = []
    append = parts.append
    # Depth first with an explicit stack (performance: language detection reads
    # the whole email); an element's children come before the space after it.
    stack = [node]
    while stack:
        n = stack.pop()
        kind = n.__class__
        if kind is Text:
            append(n.text)
        elif kind is Element:
            if n.name in _HIDDEN:
                continue
            stack.append(_SPACE)
            if n.children:
                stack.extend(reversed(n.children))
        elif kind is _Space:
            append(" ")
        elif hasattr(n, "children"):
            stack.extend(reversed(n.children))
    text = "".join(parts)
    if keep_output:  # a `{{ }}` in a title prints fine; entities stay as written
        return text
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.S)
    return _html.unescape(text)


class _Space:
    """The space written after an element's text (a marker on the walk's stack)."""


_SPACE = _Space()


def _squash(text: str) -> str:
    return " ".join(text.split())


def detect_language(tree: Tree) -> str:
    # White space runs made single spaces first: they only separate words, and the
    # email's indentation is most of its visible text (performance: the word
    # pattern then reads a few hundred characters instead of tens of thousands).
    words = [w.lower() for w in _WORD.findall(" ".join(_visible_text(tree.doc).split()))]
    if len(words) < 5:
        return ""
    counts = Counter(words)
    scores = {lang: sum(counts[w] for w in stop.split()) for lang, stop in _STOPWORDS.items()}
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    best, score = ranked[0]
    runner_up = ranked[1][1]
    if score >= 3 and score >= 1.5 * runner_up:
        return best
    return ""


def _unblock_zoom(tree: Tree) -> None:
    todo = {id(el) for el in tree.elements(conditional=False) if el.name == "meta" and _kept_viewport(el) is not None}
    if not todo:
        return  # the usual case: no walk for parents (performance)
    for parent, index, el in _with_parents(tree.doc):
        if id(el) not in todo:
            continue
        todo.discard(id(el))
        kept = _kept_viewport(el)
        if kept:
            set_attr(el, "content", ", ".join(kept))
        else:
            tree.changed()
            del parent.children[index]
            if index < len(parent.children):
                nxt = parent.children[index]
                if isinstance(nxt, Text) and not nxt.text.strip():
                    del parent.children[index]
            merge_texts(parent.children, index)
        if not todo:
            return


def _kept_viewport(el: Element) -> list[str] | None:
    """What stays of a viewport `<meta>`'s content, or None when it blocks no zoom."""
    if (el.get("name") or "").strip().lower() != "viewport":
        return None
    content = el.get("content") or ""
    parts = [p.strip() for p in re.split(r"[,;]", content) if p.strip()]
    kept = [p for p in parts if not _blocks_zoom(p)]
    return None if len(kept) == len(parts) else kept


def _blocks_zoom(part: str) -> bool:
    key, _, value = part.partition("=")
    key, value = key.strip().lower(), value.strip().lower()
    if key == "user-scalable":
        return value in ("no", "0")
    if key == "maximum-scale":
        try:
            return float(value) <= 1
        except ValueError:
            return False
    return False


def _with_parents(node):
    stack = [node]
    while stack:
        parent = stack.pop()
        for index in range(len(parent.children) - 1, -1, -1):
            child = parent.children[index]
            if isinstance(child, Element):
                yield parent, index, child
                stack.append(child)


def _add_title(tree: Tree, elements: list[Element]) -> None:
    head = _first(elements, "head")
    if head is None or any(el.name == "title" for el in elements):
        return
    heading = next((el for el in elements if re.fullmatch(r"h[1-6]", el.name)), None)
    text = _squash(_visible_text(heading, keep_output=True)) if heading is not None else ""
    if not text:
        body = _first(elements, "body")
        text = _html.escape(_squash(_visible_text(body)), quote=False) if body is not None else ""
        if len(text) > 60:
            text = text[:60].rsplit(" ", 1)[0]
    title = Element(tag="title", end_tag=None)
    title.children = [Text(text=text)]
    tree.append_child(head, title)
