"""Helpers for the compiler tests: a tiny DOM over the produced HTML, CSS rule lookup, client views.

Tests assert on parsed output (elements, attributes, declarations, rules), never on whole strings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from engine.compiler import compile_email
from engine.document.parser import VOID_ELEMENTS
from engine.styles import GlobalStyles

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_STYLES = ROOT / "resources" / "sample" / "global-styles.json"


@dataclass
class El:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)
    parent: "El | None" = None
    text: str = ""

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    @property
    def style(self) -> dict[str, str]:
        out = {}
        for part in (self.attrs.get("style") or "").split(";"):
            name, sep, value = part.partition(":")
            if sep:
                out[name.strip().lower()] = value.strip()
        return out

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["El"]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def find(self, tag: str | None = None, cls: str | None = None) -> "El":
        found = self.find_all(tag, cls)
        assert found, f"no <{tag}> with class {cls!r}"
        return found[0]

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.root = El("#root", {})
        self.cur = self.root
        self.comments: list[str] = []
        self.decls: list[str] = []

    def handle_starttag(self, tag, attrs):
        el = El(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.cur)
        self.cur.children.append(el)
        if tag not in VOID_ELEMENTS:
            self.cur = el

    def handle_startendtag(self, tag, attrs):
        el = El(tag, {k: (v if v is not None else "") for k, v in attrs}, parent=self.cur)
        self.cur.children.append(el)

    def handle_endtag(self, tag):
        node = self.cur
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.text += data

    def handle_comment(self, data):
        self.comments.append(data)

    def handle_decl(self, decl):
        self.decls.append(decl)


def dom(html: str) -> El:
    b = _Builder()
    b.feed(html)
    b.root.comments = b.comments
    b.root.decls = b.decls
    return b.root


def compiled(source: str, styles: GlobalStyles | None = None, **kw):
    return compile_email(source, styles=styles, **kw)


def sample_styles() -> GlobalStyles:
    return GlobalStyles.load(SAMPLE_STYLES)


def style_blocks(html: str) -> list[tuple[str, str]]:
    """(attributes, css) of every <style> element outside Outlook-only comments."""
    visible = re.sub(r"<!--\[if mso\]>.*?<!\[endif\]-->", "", html, flags=re.S)
    return re.findall(r"<style([^>]*)>(.*?)</style>", visible, flags=re.S)


def rules(css: str) -> list[tuple[str | None, str, dict[str, str]]]:
    """(media or None, selector, declarations) for every rule, one level of @media deep."""
    out = []
    i = 0
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    while i < len(css):
        m = re.compile(r"\s*(@media[^{]*|[^{}]+)\{").match(css, i)
        if not m:
            break
        head = m.group(1).strip()
        i = m.end()
        if head.startswith("@media"):
            media = head[len("@media"):].strip()
            while True:
                m2 = re.compile(r"\s*([^{}]+)\{([^}]*)\}").match(css, i)
                if not m2:
                    break
                out.append((media, m2.group(1).strip(), _decls(m2.group(2))))
                i = m2.end()
            close = css.find("}", i)
            i = close + 1 if close >= 0 else len(css)
        else:
            close = css.find("}", i)
            out.append((None, head, _decls(css[i:close])))
            i = close + 1
    return out


def _decls(body: str) -> dict[str, str]:
    d = {}
    for part in body.split(";"):
        name, sep, value = part.partition(":")
        if sep:
            d[name.strip()] = value.strip()
    return d


def rules_for(html: str, cls: str, *, media_attr: str | None = "") -> list[tuple[str | None, str, dict]]:
    """Rules whose selector names `.cls`, from style blocks whose media attribute matches `media_attr`."""
    found = []
    for attrs_, css in style_blocks(html):
        m = re.search(r'media="([^"]*)"', attrs_)
        block_media = m.group(1) if m else ""
        if media_attr is not None and block_media != media_attr:
            continue
        for media, selector, decls in rules(css):
            if re.search(rf"\.{re.escape(cls)}(?![\w-])", selector):
                found.append((media, selector, decls))
    return found


def outlook_view(html: str) -> str:
    """What Outlook (Word) renders: [if mso] content revealed, [if !mso] content removed."""
    html = re.sub(r"<!--\[if !mso\]><!-->.*?<!--<!\[endif\]-->", "", html, flags=re.S)
    return re.sub(r"<!--\[if mso\]>(.*?)<!\[endif\]-->", r"\1", html, flags=re.S)


def blocked_styles(html: str) -> str:
    """The preview's Block styles: every <style> and <link> removed, inline styles kept."""
    html = re.sub(r"<style[^>]*>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<link[^>]*>", "", html)


def body_of(html: str) -> El:
    return dom(html).find("body")
