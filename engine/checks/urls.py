"""Where an email's URLs are: links and images of the final HTML, each unique URL once.

`collect_links` / `collect_images` return `UrlUse`s in order of first
appearance, each with every element that uses it (the panel lists a URL
once; clicking it goes to the first use). Attribute values are
entity-decoded (`&amp;` in an href is `&` on the wire).

Not checkable, reported as such rather than fetched: URLs built with Liquid
(`{{ }}`/`{% %}`: their value exists only at send time), `mailto:`, `tel:`,
`sms:`, in-page `#anchors` (links only).
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field

from engine.document.nodes import Element, Text

from .build import Build

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.I)
_LINK_ATTRS = {"a": "href", "area": "href", "v:roundrect": "href", "v:rect": "href", "v:oval": "href", "v:shape": "href"}
_IMAGE_ATTRS = {"img": ("src",), "v:image": ("src",), "v:fill": ("src",), "table": ("background",),
                "td": ("background",), "th": ("background",), "body": ("background",), "div": ("background",)}
NOT_FETCHED_SCHEMES = ("mailto:", "tel:", "sms:", "javascript:", "cid:")


@dataclass
class UrlUse:
    url: str
    elements: list = field(default_factory=list)

    @property
    def first(self):
        return self.elements[0] if self.elements else None

    @property
    def has_liquid(self) -> bool:
        return "{{" in self.url or "{%" in self.url

    @property
    def secure(self) -> bool | None:
        """https or not, when the URL says so; None when Liquid writes the scheme (known only at send time)."""
        return literal_secure(self.url)


def literal_secure(url: str) -> bool | None:
    """True for `https:`, False for `http:`, None when the scheme is not written before any Liquid.

    `{% unsubscribe_url %}` or `{{ prefs_url }}` may well be https: judging
    them on a scheme they do not show would be a false alarm.
    """
    head = url
    for mark in ("{{", "{%"):
        head = head.split(mark, 1)[0]
    lowered = head.lower()
    if lowered.startswith("https:"):
        return True
    if lowered.startswith("http:"):
        return False
    return None if head != url else False


def _add(found: dict[str, UrlUse], url: str, el) -> None:
    url = _html.unescape(url).strip()
    if not url:
        return
    use = found.get(url)
    if use is None:
        use = found[url] = UrlUse(url)
    use.elements.append(el)


def collect_links(b: Build) -> list[UrlUse]:
    found: dict[str, UrlUse] = {}
    for el in b.elements(conditional=True):
        attr = _LINK_ATTRS.get(el.name)
        if attr and el.get(attr) is not None:
            _add(found, el.get(attr) or "", el)
    return list(found.values())


def collect_images(b: Build) -> list[UrlUse]:
    found: dict[str, UrlUse] = {}
    for el in b.elements(conditional=True):
        for attr in _IMAGE_ATTRS.get(el.name, ()):
            value = el.get(attr)
            if value:
                _add(found, value, el)
        style = el.get("style")
        if style and "url(" in style:
            for m in _CSS_URL.finditer(style):
                _add(found, m.group(2), el)
        if el.name == "style":
            css = "".join(c.text for c in el.children if isinstance(c, Text))
            for m in _CSS_URL.finditer(css):
                if "@font-face" not in css[max(0, m.start() - 200):m.start()]:
                    _add(found, m.group(2), el)
    return list(found.values())


def is_anchor(url: str) -> bool:
    return url.startswith("#")


def unfetchable(url: str) -> bool:
    return url.lower().startswith(NOT_FETCHED_SCHEMES)


def signature(uses: list[UrlUse]) -> str:
    """What the Links/Images panels compare to show **In Sync** (§10): the unique URLs, in order.

    Results computed for a signature stay in sync until an edit changes it;
    editing text around the links does not.
    """
    import hashlib

    return hashlib.sha1("\n".join(u.url for u in uses).encode("utf-8")).hexdigest()


def link_signature(b: Build) -> str:
    return signature(collect_links(b))


def image_signature(b: Build) -> str:
    return signature(collect_images(b))
