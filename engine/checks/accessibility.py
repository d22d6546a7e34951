"""Accessibility (design-studio.md §10): the 16 custom email rules plus the axe core rules email needs.

Design Studio runs axe-core 4.3 in the preview plus sixteen email rules. We
run no browser here (the checks must work headless and in CI), so the axe
rules that matter in email are implemented on the compiled tree, with styles
from `computed.StyleResolver`:

| rule | impact |
|---|---|
| `image-alt` — `<img>` without `alt` (decorative: `alt=""`) | Critical |
| `color-contrast` / `color-contrast-dark` — text below 4.5:1 (3:1 for large text) in light / dark mode | Serious |
| `link-name` — a link with no text, no image alt and no `aria-label` | Serious |
| `document-title` — no non-empty `<title>` | Serious |
| `page-has-heading-one` — no `<h1>` at all | Moderate |
| `font-size` — visible text under 14 px | Moderate |

Findings are warnings (§10: errors are what breaks rendering; these are
quality advice), grouped by `extra["impact"]` ("Critical", "Serious",
"Moderate", "Mild") as the Accessibility panel shows them; `extra["help"]`
is the "learn more" line. Hidden content (a preheader, the dark-only logo in
light mode) is not judged for contrast or size.

Decisions [inf]:
- A table is a *layout* table unless it has `<th>` or `<caption>` (a data table).
- `body-lang`/`body-dir` pass when `<body>` itself carries the attribute or
  every piece of its visible content sits in elements carrying it (the hidden
  preheader before the wrapper is not content).
- VML shapes needing `alt`: `v:image`, `v:rect`, `v:roundrect`, `v:oval`, `v:shape`.
- Generic link texts are a fixed list ("click here", "here", "read more"...).
"""
from __future__ import annotations

import html as _html
import re

from engine.document.nodes import Element, Text
from engine.preview.colors import contrast_ratio
from engine.problems import Problem, Severity

from .build import Build
from .computed import StyleResolver

CRITICAL, SERIOUS, MODERATE, MILD = "Critical", "Serious", "Moderate", "Mild"
IMPACTS = (CRITICAL, SERIOUS, MODERATE, MILD)
MIN_FONT_PX = 14
_INVISIBLE = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u034f\u00ad\ufeff\u2007]+")
_GENERIC_LINK_TEXT = frozenset(
    "click here|here|click|read more|more|learn more|this link|link|go|details|more info|info|this|continue|"
    "see more|view more|find out more|click this link|tap here".split("|")
)
_VML_SHAPES = frozenset({"v:image", "v:rect", "v:roundrect", "v:oval", "v:shape"})
_LANDMARKS = {
    "article": ("article-article", MILD, 'Use <div role="article"> instead of <article>: clients drop or restyle it'),
    "section": ("region-section", MILD, 'Use <div role="region"> instead of <section>'),
    "nav": ("navigation-nav", MILD, 'Use <div role="navigation"> instead of <nav>'),
    "header": ("banner-header", MODERATE, "Avoid the banner landmark <header> in an email (it sits inside the client's page)"),
    "footer": ("contentinfo-footer", MODERATE, "Avoid the contentinfo landmark <footer> in an email"),
    "main": ("main-main", MODERATE, "Avoid the main landmark <main> in an email (the client's page has its own)"),
    "aside": ("complementary-aside", MODERATE, "Avoid the complementary landmark <aside> in an email"),
}
_HELP = "https://dequeuniversity.com/rules/axe/4.3/"


def visible_text(el: Element) -> str:
    """The element's own text (not its children's), with entities decoded and invisible characters removed."""
    parts = [c.text for c in el.children if isinstance(c, Text)]
    return _INVISIBLE.sub(" ", _html.unescape("".join(parts))).strip()


def all_text(el: Element) -> str:
    out: list[str] = []

    def visit(node):
        for c in node.children:
            if isinstance(c, Text):
                out.append(c.text)
            elif isinstance(c, Element) and c.name not in ("style", "script"):
                visit(c)
    visit(el)
    return _INVISIBLE.sub(" ", _html.unescape("".join(out))).strip()


def _find(b: Build, el, rule: str, impact: str, message: str) -> Problem:
    return b.finding(el, message, rule, Severity.WARNING, impact=impact, help=_HELP + rule, topic=_TOPIC.get(rule, rule))


_TOPIC = {"image-alt": "img-alt"}


def check_accessibility(b: Build, *, resolver: StyleResolver | None = None) -> list[Problem]:
    out: list[Problem] = []
    elements = list(b.elements())
    body = next((e for e in elements if e.name == "body"), None)
    out += _body_attribute(b, body, "lang", "body-lang")
    out += _body_attribute(b, body, "dir", "body-dir")
    h1s = [e for e in elements if e.name == "h1"]
    if len(h1s) > 1:
        for extra in h1s[1:]:
            out.append(_find(b, extra, "h1-tag", MODERATE, f"More than one <h1> ({len(h1s)} in the email): keep exactly one"))
    elif not h1s:
        out.append(_find(b, body, "page-has-heading-one", MODERATE, "The email has no <h1>: give it one main heading"))
    title = next((e for e in elements if e.name == "title"), None)
    if title is None or not all_text(title):
        out.append(_find(b, None, "document-title", SERIOUS, "The email has no <title>: screen readers announce it first"))

    for el in elements:
        name = el.name
        if name == "img" and el.attr("alt") is None and (el.get("role") or "") not in ("presentation", "none"):
            out.append(_find(b, el, "image-alt", CRITICAL, 'Image without alt text: add alt="..." (alt="" if it is decorative)'))
        elif name == "table" and (el.get("role") or "").lower() not in ("presentation", "none") and not _is_data_table(el):
            out.append(_find(b, el, "table-role", SERIOUS, 'Layout table without role="presentation": screen readers announce rows and cells'))
        elif name == "a":
            out += _link_rules(b, el)
        if name in _LANDMARKS:
            rule, impact, message = _LANDMARKS[name]
            out.append(_find(b, el, rule, impact, message))

    for el in b.elements(conditional=True):
        if not el.name.startswith("v:") and not _inside_vml(b, el):
            continue
        if el.name in _VML_SHAPES and el.attr("alt") is None:
            out.append(_find(b, el, "vml-alt", CRITICAL, f"VML <{el.tag}> without alt: Outlook reads it without a description"))
        if el.name == "a" and _inside_vml(b, el):
            out.append(_find(b, el, "vml-links", CRITICAL, "Link inside VML: put the href on the VML shape instead"))
        if re.fullmatch(r"h[1-6]", el.name) and _inside_vml(b, el):
            out.append(_find(b, el, "vml-headings", MODERATE, f"Heading <{el.tag}> inside VML: screen readers miss it"))

    out += _text_rules(b, elements, resolver or StyleResolver(b.document))
    return out


def _body_attribute(b: Build, body: Element | None, attr: str, rule: str) -> list[Problem]:
    if body is None:
        return []
    if body.get(attr):
        return []
    content = [c for c in body.children if (isinstance(c, Text) and _INVISIBLE.sub("", c.text)) or isinstance(c, Element)]
    content = [c for c in content if not (isinstance(c, Element) and (c.name in ("style", "script") or _hidden(c)))]
    if content and all(isinstance(c, Element) and c.get(attr) for c in content):
        return []
    what = "language (lang)" if attr == "lang" else "text direction (dir)"
    return [_find(b, body, rule, SERIOUS,
                  f"The content of <body> is not wrapped in an element with {attr}=\"...\": clients often strip "
                  f"<html>, so its {what} is lost")]


def _hidden(el: Element) -> bool:
    """`display:none` content (the preheader) is read by no one, so its language does not matter."""
    return bool(re.search(r"display\s*:\s*none", el.get("style") or "", re.I))


def _is_data_table(table: Element) -> bool:
    def visit(node) -> bool:
        for c in node.children:
            if isinstance(c, Element):
                if c.name in ("th", "caption"):
                    return True
                if c.name != "table" and visit(c):
                    return True
        return False
    return visit(table)


def _inside_vml(b: Build, el: Element) -> bool:
    return any(isinstance(a, Element) and a.name.startswith("v:") for a in b.ancestors(el))


def _link_rules(b: Build, a: Element) -> list[Problem]:
    out = []
    if (a.get("role") or "").lower() == "button":
        out.append(_find(b, a, "role-button", CRITICAL, '<a role="button">: links in email must stay links (remove role="button")'))
    if a.get("href") is None:
        return out
    text = all_text(a)
    label = a.get("aria-label") or a.get("title") or ""
    alts = [img.get("alt") or "" for img in _descendants(a) if img.name == "img"]
    if not text and not label.strip() and not any(alt.strip() for alt in alts):
        out.append(_find(b, a, "link-name", SERIOUS, "Link without text: screen readers read out the URL (add text, an image alt or aria-label)"))
    elif text and re.sub(r"[^\w ]+", "", text.lower()).strip() in _GENERIC_LINK_TEXT:
        out.append(_find(b, a, "accessible-hyperlinks", MODERATE, f'Link text "{text}" does not say where it goes'))
    return out


def _descendants(el: Element):
    for c in el.children:
        if isinstance(c, Element):
            yield c
            yield from _descendants(c)


def _text_rules(b: Build, elements: list[Element], resolver: StyleResolver) -> list[Problem]:
    out: list[Problem] = []
    for el in elements:
        if el.name in ("style", "script", "title", "head") or not visible_text(el):
            continue
        if any(isinstance(a, Element) and a.name == "head" for a in b.ancestors(el)):
            continue
        light = resolver.computed(el, "light")
        if light is None:
            continue
        if not light.hidden and light.font_size < MIN_FONT_PX:
            out.append(_find(b, el, "font-size", MODERATE,
                             f"Text at {light.font_size:g}px is smaller than {MIN_FONT_PX}px: hard to read on phones"))
        for scheme, rule in (("light", "color-contrast"), ("dark", "color-contrast-dark")):
            c = light if scheme == "light" else resolver.computed(el, "dark")
            if c is None or c.hidden or c.background is None:
                continue
            if scheme == "dark" and not light.hidden and (c.color, c.background) == (light.color, light.background):
                continue  # dark mode looks like light mode here: the light finding says it all
            ratio = contrast_ratio(c.color, c.background)
            needed = 3.0 if c.large else 4.5
            if ratio + 1e-9 < needed:
                p = _find(b, el, rule, SERIOUS,
                          f"Text contrast {ratio:.2f}:1 in {scheme} mode ({c.color.css()} on {c.background.css()}) "
                          f"is below {needed:g}:1")
                p.extra.update(ratio=round(ratio, 2), scheme=scheme, foreground=c.color.css(), background=c.background.css())
                out.append(p)
    return out
