"""URL parameters (§8.4): append the message's key/value pairs to every link.

Where: `href` of `<a>` and `<area>`, and of VML shapes in Outlook conditional
comments (`<v:roundrect href>` bulletproof buttons are the same link for
Outlook users; leaving them out would split the campaign's tracking).

Skipped links [inf]: `mailto:`, `tel:`, `sms:`, `javascript:`, `data:`
and any other non-web scheme; `#anchors`; empty hrefs; and hrefs made only
of Liquid (`{% unsubscribe_url %}`, `{{ product.url }}`): what they print is
unknown, so a `?` could land in the wrong place. Liquid *inside* a URL
(`https://x.com/p/{{ id }}`) is fine: the parameters go after it.

A link with `data-ignore-params` keeps its href and loses the attribute.

Building the query: `&` when the URL already has a query, `?` otherwise; a
`#fragment` stays at the end; `&amp;` is used when the href already writes
its ampersands that way. Encode on percent-encodes key and value
(`hello world` -> `hello%20world`) but never the Liquid inside them, so
`{{ customer.id }}` still prints. [inf] A key the link already carries is
not added again: the author's value on that link wins and no duplicate key
reaches the analytics.
"""
from __future__ import annotations

import re
from urllib.parse import quote

from ._liquid import LIQUID, mask
from ._markup import Tree, remove_attr
from .settings import UrlParameters

_LINK_ELEMENTS = frozenset({"a", "area"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def transform(html: str, options: UrlParameters) -> str:
    params = [p for p in options.parameters if p.key.strip()]
    if "href" not in html.lower() and "data-ignore-params" not in html.lower():
        return html
    tree = Tree(html, "url_parameters")
    apply(tree, options)
    return tree.finish()


def apply(tree: Tree, options: UrlParameters) -> None:
    params = [p for p in options.parameters if p.key.strip()]
    for el in tree.elements(conditional=True):
        if el.name not in _LINK_ELEMENTS and not el.name.startswith("v:"):
            continue
        if el.attr("data-ignore-params") is not None:
            remove_attr(el, "data-ignore-params")
            continue
        href = el.attr("href")
        if href is None or href.value is None or not params:
            continue
        href.value = add_parameters(href.value, params)


def add_parameters(url: str, params) -> str:
    """`url` with `params` appended, or unchanged when it is not a web link."""
    stripped = url.strip()
    if not stripped or stripped.startswith("#"):
        return url
    if not LIQUID.sub("", stripped).strip():
        return url  # Liquid only
    masked = mask(url)
    text = masked.text
    scheme = _SCHEME.match(text.strip())
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return url
    body, hash_, fragment = text.partition("#")
    amp = "&amp;" if "&amp;" in body else "&"
    query = body.partition("?")[2]
    present = {part.split("=", 1)[0] for part in re.split(r"&amp;|&", query) if part}
    pairs = []
    for p in params:
        key = _encode(p.key) if p.url_encode else p.key
        if key in present or p.key in present:
            continue
        value = _encode(p.value) if p.url_encode else p.value
        pairs.append(f"{key}={value}")
    if not pairs:
        return url
    trail = len(body) - len(body.rstrip())
    core, space = (body[: len(body) - trail], body[len(body) - trail :]) if trail else (body, "")
    if "?" in core:
        joiner = "" if core.endswith(("?", "&")) else amp
    else:
        joiner = "?"
    rebuilt = core + joiner + amp.join(pairs) + space + (hash_ + fragment)
    return masked.restore(rebuilt)


def _encode(text: str) -> str:
    """Percent-encode `text`, leaving any Liquid in it as written."""
    out: list[str] = []
    last = 0
    for m in LIQUID.finditer(text):
        out.append(quote(text[last : m.start()], safe=""))
        out.append(m.group())
        last = m.end()
    out.append(quote(text[last:], safe=""))
    return "".join(out)
