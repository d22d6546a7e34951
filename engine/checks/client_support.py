"""Client support: the final HTML and CSS linted against caniemail's data (§10.1 warnings).

The data is a dated copy of caniemail.com's (MIT), shipped in
`resources/caniemail/data.json` and refreshed by `resources/caniemail/refresh.py`.
Detection is ours: we find the features the final HTML uses (CSS
properties, functions, units, at-rules, media features, selectors,
elements, attributes, image formats) and look up each feature's caniemail
slug. One finding per feature used, at its first use, naming the clients
whose latest tested version does not support it.

Decisions [inf] (caniemail lists 300 features and ~40 clients; reporting all
would bury what matters):
- Warning when at least one *major* client lacks the feature (Gmail, Apple
  Mail, Outlook, Yahoo! Mail, Samsung Email: most opens); info when only
  other clients lack it, or major ones support it partially. Features fully
  supported everywhere produce nothing.
- Basics every email needs and every client handles well enough (`div`,
  `p`, `table`, `img`, `span`, `body`, `style`, the doctype, type/class
  selectors, grouping, descendant combinators, `px`/`%` units, `color` and
  the table attributes) are never reported: caniemail marks them partial in
  a client or two for edge cases, which is noise in a QA list.
- The position is the first element using the feature; a CSS feature found
  only in a `<style>` block is placed at the first place its name appears
  in the source, when it does (a compiled component's CSS may not appear).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from engine.document.nodes import Comment, Doctype, Element, Text, walk
from engine.problems import Problem, Severity
from engine.transformers import _css
from engine.transformers._liquid import mask

from .build import Build

DATA = Path(__file__).resolve().parents[2] / "resources" / "caniemail" / "data.json"
MAJOR = ("gmail", "apple-mail", "outlook", "yahoo", "samsung-email")
_IGNORED = frozenset(
    "html-div html-p html-table html-img html-span html-body html-style html-doctype html-comments html-width "
    "html-height html-cellpadding html-cellspacing html-align html-valign css-selector-type css-selector-class "
    "css-selector-grouping css-selector-descendant css-unit-px css-unit-percent css-color css-comments "
    "html-h1-h6 html-strong html-hr html-lists css-display css-width css-height css-text-align css-font-size "
    "css-font-weight css-line-height css-background-color css-padding css-margin css-border css-font "
    "css-vertical-align css-font-family html-link html-meta-color-scheme "
    # Harmless where unsupported (the client ignores them) and asked for by the accessibility rules:
    "html-role html-lang html-dir html-aria-label html-aria-hidden html-aria-describedby html-aria-labelledby".split()
)
_SEMANTIC = frozenset("article aside details figcaption figure footer header main mark nav section summary time".split())
_ELEMENT_SLUGS = {
    "video": "html-video", "audio": "html-audio", "form": "html-form", "select": "html-select",
    "textarea": "html-textarea", "svg": "html-svg", "picture": "html-picture", "marquee": "html-marquee",
    "object": "html-object", "dialog": "html-dialog", "meter": "html-meter", "progress": "html-progress",
    "abbr": "html-abbr", "address": "html-address", "acronym": "html-acronym", "bdi": "html-bdi",
    "blockquote": "html-blockquote", "code": "html-code", "del": "html-del", "dfn": "html-dfn", "pre": "html-pre",
    "small": "html-small", "strike": "html-strike", "base": "html-base", "ruby": "html-ruby", "rt": "html-rt",
    "rp": "html-rp", "wbr": "html-wbr", "map": "html-image-maps", "link": "html-link",
}
_ATTR_SLUGS = {
    "background": "html-background", "lang": "html-lang", "dir": "html-dir", "role": "html-role",
    "aria-label": "html-aria-label", "aria-hidden": "html-aria-hidden", "aria-describedby": "html-aria-describedby",
    "aria-labelledby": "html-aria-labelledby", "aria-live": "html-aria-live", "loading": "html-loading-attribute",
    "srcset": "html-srcset", "hidden": "html-hidden", "target": "html-target", "required": "html-required",
    "popover": "html-popover", "inert": "css-inert-attribute",
}
_INPUT_SLUGS = {"checkbox": "html-input-checkbox", "radio": "html-input-radio", "hidden": "html-input-hidden",
                "submit": "html-input-submit", "reset": "html-input-reset", "text": "html-input-text"}
_PROPERTY_ALIASES = {
    "border-top-left-radius": "css-border-radius", "border-top-right-radius": "css-border-radius",
    "border-bottom-left-radius": "css-border-radius", "border-bottom-right-radius": "css-border-radius",
    "top": "css-left-right-top-bottom", "left": "css-left-right-top-bottom", "right": "css-left-right-top-bottom",
    "bottom": "css-left-right-top-bottom", "row-gap": "css-gap", "column-gap": "css-gap",
    "grid-template-columns": "css-grid-template", "grid-template-rows": "css-grid-template",
    "grid-template-areas": "css-grid-template", "column-width": "css-column-layout-properties",
    "column-rule": "css-column-layout-properties", "column-span": "css-column-layout-properties",
    "column-fill": "css-column-layout-properties", "columns": "css-column-layout-properties",
    "margin-block-start": "css-margin-block-start-end", "margin-block-end": "css-margin-block-start-end",
    "margin-inline-start": "css-margin-inline-start-end", "margin-inline-end": "css-margin-inline-start-end",
    "margin-inline": "css-margin-inline-block", "margin-block": "css-margin-inline-block",
    "padding-block-start": "css-padding-block-start-end", "padding-block-end": "css-padding-block-start-end",
    "padding-inline-start": "css-padding-inline-start-end", "padding-inline-end": "css-padding-inline-start-end",
    "padding-inline": "css-padding-inline-block", "padding-block": "css-padding-inline-block",
    "border-inline": "css-border-inline-block", "border-block": "css-border-inline-block",
    "border-start-start-radius": "css-border-radius-logical", "border-start-end-radius": "css-border-radius-logical",
    "border-end-start-radius": "css-border-radius-logical", "border-end-end-radius": "css-border-radius-logical",
    "inline-size": "css-inline-size", "block-size": "css-block-inline-size", "white-space-collapse": "css-white-space-collapse",
    "font-family": "", "mso-hide": "",
}
_PREFIX = re.compile(r"^-(webkit|moz|ms|o)-")
_FUNCTIONS = {"var(": "css-variables", "calc(": "css-unit-calc", "clamp(": "css-function-clamp",
              "min(": "css-function-min", "max(": "css-function-max", "light-dark(": "css-function-light-dark",
              "linear-gradient(": "css-linear-gradient", "radial-gradient(": "css-radial-gradient",
              "conic-gradient(": "css-conic-gradient", "rgba(": "css-rgba"}
_UNIT = re.compile(r"(?<![\w#.-])-?\d*\.?\d+(rem|em|vh|vw|vmin|vmax|ch|ex|cm|mm|in|pc)\b")
_MEDIA_FEATURES = {"prefers-color-scheme": "css-at-media-prefers-color-scheme", "orientation": "css-at-media-orientation",
                   "hover": "css-at-media-hover", "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
                   "device-pixel-ratio": "css-at-media-device-pixel-ratio", "resolution": "css-at-media-device-pixel-ratio"}
_PSEUDO = re.compile(r"(::?)([a-zA-Z-]+)")
_IMAGE_EXT = re.compile(r"\.(webp|svg|avif|bmp|tiff?|ico|heic|heif|apng|gif|png|jpe?g)(?:[?#]|$)", re.I)
_IMAGE_SLUGS = {"webp": "image-webp", "svg": "image-svg", "avif": "image-avif", "bmp": "image-bmp", "tif": "image-tiff",
                "tiff": "image-tiff", "ico": "image-ico", "heic": "image-heif", "heif": "image-heif", "apng": "image-apng"}


@dataclass
class Feature:
    slug: str
    title: str
    url: str
    unsupported: list[str] = field(default_factory=list)  # "Outlook Windows" …
    partial: list[str] = field(default_factory=list)
    major_unsupported: bool = False
    tested: str = ""


@lru_cache(maxsize=1)
def load_data(path: str = str(DATA)) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def feature(slug: str) -> Feature | None:
    data = load_data()
    f = data["features"].get(slug)
    if f is None:
        return None
    names = data["nicenames"]
    out = Feature(slug, f["title"], f["url"], tested=f.get("last_test_date", ""))
    for key, result in sorted(f["support"].items(), key=lambda kv: (kv[0].split("/")[0] not in MAJOR, kv[0])):
        family, platform = key.split("/", 1)
        family_name, platform_name = names["family"].get(family, family), names["platform"].get(platform, platform)
        label = platform_name if platform_name.startswith(family_name) else f"{family_name} {platform_name}"
        letter = result[1]
        if letter == "n":
            out.unsupported.append(label)
            out.major_unsupported = out.major_unsupported or family in MAJOR
        elif letter == "a":
            out.partial.append(label)
    return out


def check_client_support(b: Build) -> list[Problem]:
    uses: dict[str, object] = {}  # slug -> first node (or a (line, col) source position)
    detect(b, uses)
    out = []
    for slug, where in uses.items():
        if slug in _IGNORED:
            continue
        f = feature(slug)
        if f is None or not (f.unsupported or f.partial):
            continue
        partial_major = any(label.split(" ")[0] in ("Gmail", "Apple", "Outlook", "Yahoo!", "Samsung") for label in f.partial)
        if not f.unsupported and not partial_major:
            continue
        severity = Severity.WARNING if f.major_unsupported else Severity.INFO
        parts = []
        if f.unsupported:
            parts.append("not supported by " + _list(f.unsupported))
        if f.partial:
            parts.append("partly supported by " + _list(f.partial))
        message = f"{f.title}: {'; '.join(parts)} (caniemail)"
        extra = {"slug": slug, "url": f.url, "unsupported": f.unsupported, "partial": f.partial,
                 "tested": f.tested, "topic": f"caniemail:{slug}"}
        if isinstance(where, tuple):
            out.append(Problem(message, where[0], where[1], severity, f"client-support/{slug}", b.filename, extra))
        else:
            out.append(b.finding(where, message, f"client-support/{slug}", severity, **extra))
    return out


def _list(labels: list[str], limit: int = 6) -> str:
    if len(labels) <= limit:
        return ", ".join(labels)
    return ", ".join(labels[:limit]) + f" and {len(labels) - limit} more"


# -- detection -------------------------------------------------------------------
def detect(b: Build, uses: dict) -> None:
    """Fill `uses` with slug -> the first node (or source position) that uses the feature."""
    def use(slug: str, where) -> None:
        if slug and slug not in uses:
            uses[slug] = where

    for node in walk(b.document):
        if isinstance(node, Doctype) and node.is_doctype:
            use("html-doctype", node)
        elif isinstance(node, Comment) and not node.is_conditional:
            use("html-comments", node)
        if not isinstance(node, Element):
            continue
        name = node.name
        if name in _ELEMENT_SLUGS:
            use(_ELEMENT_SLUGS[name], node)
        elif name in _SEMANTIC:
            use("html-semantics", node)
        elif name == "input":
            use(_INPUT_SLUGS.get((node.get("type") or "text").lower(), ""), node)
        elif name == "button":
            use("html-button-submit" if (node.get("type") or "submit").lower() == "submit" else "html-button-reset", node)
        elif name == "meta" and (node.get("name") or "").lower() == "color-scheme":
            use("html-meta-color-scheme", node)
        for a in node.attrs:
            key = a.name.lower()
            if key in _ATTR_SLUGS and not (key == "background" and name not in ("table", "td", "th", "body")):
                use(_ATTR_SLUGS[key], node)
        href = (node.get("href") or "").strip().lower()
        if name == "a" and href.startswith("mailto:"):
            use("html-mailto-links", node)
        elif name == "a" and href.startswith("#") and len(href) > 1:
            use("html-anchor-links", node)
        if name == "img":
            src = node.get("src") or ""
            if src.lower().startswith("data:image/"):
                use("image-base64", node)
            m = _IMAGE_EXT.search(src)
            if m:
                use(_IMAGE_SLUGS.get(m.group(1).lower(), ""), node)
        style = node.get("style")
        if style:
            _declarations(style, node, use)
        if name == "style":
            css = "".join(c.text for c in node.children if isinstance(c, Text))
            _stylesheet(b, css, node, use)


def _declarations(body: str, where, use) -> None:
    for d in _css.split_declarations(body):
        prop = _PREFIX.sub("", d.prop.lower())
        if prop.startswith("--"):
            use("css-variables", where)
            continue
        if prop.startswith("mso-"):
            continue
        slug = _PROPERTY_ALIASES.get(prop)
        if slug is None:
            slug = f"css-{prop}"
        use(slug, where)
        value = d.value.lower()
        if prop == "display":
            kind = value.split()[0] if value else ""
            use({"flex": "css-display-flex", "inline-flex": "css-display-flex", "grid": "css-display-grid",
                 "inline-grid": "css-display-grid", "none": "css-display-none"}.get(kind, ""), where)
        if d.important:
            use("css-important", where)
        for fn, fslug in _FUNCTIONS.items():
            if fn in value and not (fn in ("min(", "max(") and re.search(r"\b(?:clamp|[a-z-])" + re.escape(fn), value)):
                use(fslug, where)
        for m in _UNIT.finditer(value):
            use(f"css-unit-{m.group(1)}", where)


def _stylesheet(b: Build, css: str, style_el: Element, use) -> None:
    try:
        css = mask(css).text
    except ValueError:
        return

    def at(token: str):
        """The source position of `token`, else the `<style>` element."""
        pos = _source_position(b.source, token)
        return pos if pos is not None else style_el

    def rules(items) -> None:
        for rule in items:
            if rule.kind == "at":
                name = rule.name
                slug = {"media": "css-at-media", "font-face": "css-at-font-face", "import": "css-at-import",
                        "keyframes": "css-at-keyframes", "supports": "css-at-supports"}.get(name.replace("-webkit-", ""))
                if slug:
                    use(slug, at("@" + name))
                if name == "media":
                    for feat, fslug in _MEDIA_FEATURES.items():
                        if feat in rule.prelude.lower():
                            use(fslug, at(feat))
                if name in ("media", "supports") and rule.body:
                    rules(_css.split_rules(rule.body))
                elif name == "font-face" and rule.body:
                    _declarations(rule.body, at("@font-face"), lambda s, w: None)
            elif rule.kind == "style" and rule.body is not None:
                _selectors(rule.prelude, at, use)
                for d in _css.split_declarations(rule.body):
                    _declarations(f"{d.prop}:{d.value}{' !important' if d.important else ''}", at(d.prop), use)

    rules(_css.split_rules(css))


def _selectors(prelude: str, at, use) -> None:
    for sel in _css.split_top_level(prelude, ","):
        sel = sel.strip()
        bare = re.sub(r"\[[^\]]*\]", "[]", sel)
        if "[]" in bare:
            use("css-selector-attribute", at(sel))
        if ">" in bare:
            use("css-selector-child", at(sel))
        if "+" in bare:
            use("css-selector-adjacent-sibling", at(sel))
        if "~" in bare:
            use("css-selector-general-sibling", at(sel))
        if re.search(r"(?:^|[\s>+~])\*", bare):
            use("css-selector-universal", at(sel))
        if re.search(r"[\w\]\)][.#][\w-]", bare) and re.search(r"[.#][\w-]+[.#][\w-]", bare):
            use("css-selector-chaining", at(sel))
        if "#" in bare:
            use("css-selector-id", at(sel))
        for m in _PSEUDO.finditer(bare):
            kind = "element" if m.group(1) == "::" or m.group(2).lower() in ("before", "after", "first-line", "first-letter") else "class"
            use(f"css-pseudo-{kind}-{m.group(2).lower()}", at(m.group(0)))


def _source_position(source: str, token: str) -> tuple[int, int] | None:
    i = source.lower().find(token.lower())
    if i < 0:
        return None
    line = source.count("\n", 0, i) + 1
    return line, i - (source.rfind("\n", 0, i) + 1) + 1
