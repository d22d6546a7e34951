"""The preview copy: the compiled email rewritten for one preview mode.

The compiled HTML (what Source shows and Export ships) is never touched; each
preview control produces a *copy* for the web view. Passes run in a fixed
order, each a pure function of a string so it can be tested alone:

1. block styles  — every `<style>` block and every `<link>` removed, inline
   styles kept (spec §9.2);
2. block images  — each `<img>` becomes what Gmail and Outlook draw for a
   blocked image: a box of the image's width (and of its `height` attribute
   when it has one; else as tall as its text) showing the alt text
   (`alt_box`). Chromium itself draws only a broken-image icon in a box that
   `height:auto` collapses, so the alt text never showed (issue 10.8). The
   box keeps the image's `id`, `class` (responsive and dark swaps still
   toggle it), display, margins and inspect marker, with the source kept as
   `data-cs-blocked-src`. CSS `url()` backgrounds become `none`; the legacy
   `background=` attribute goes. The Qt side also blocks image requests with
   an interceptor, so nothing slips through (VML fills in Outlook-only
   comments, fonts' images…);
3. forced dark   — `forced_dark.apply_forced_dark` (emulations);
4. app additions — the forced-dark reading-pane colours and the vision
   filter, injected *after* block styles so blocking never removes them.

`prefers-color-scheme` itself is not rewritten: the web view emulates it per
page over DevTools (`PreviewMode.emulated_media`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from engine.preview import forced_dark, vision

SCHEMES = ("light", "dark", "forced-dark-outlook", "forced-dark-google")
SCHEME_LABELS = {
    "light": "Light",
    "dark": "Dark",
    "forced-dark-outlook": "Forced dark (Outlook)",
    "forced-dark-google": "Forced dark (Google)",
}


@dataclass(frozen=True)
class PreviewMode:
    width: int = 700
    scheme: str = "light"
    block_images: bool = False
    block_styles: bool = False
    vision: str | None = None

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise ValueError(f"colour scheme must be one of {', '.join(SCHEMES)}, not {self.scheme!r}")
        if self.vision is not None and self.vision not in vision.KINDS:
            raise ValueError(f"vision must be one of {', '.join(vision.KINDS)}, not {self.vision!r}")
        if self.width < 1:
            raise ValueError(f"width must be positive, not {self.width}")

    @property
    def emulated_media(self) -> str:
        """What `prefers-color-scheme` answers: forced modes emulate clients that ignore the dark rules."""
        return "dark" if self.scheme == "dark" else "light"

    def label(self) -> str:
        parts = [f"{self.width} px", SCHEME_LABELS[self.scheme]]
        if self.block_images:
            parts.append("images blocked")
        if self.block_styles:
            parts.append("styles blocked")
        if self.vision:
            parts.append(vision.LABELS[self.vision])
        return " · ".join(parts)

    def with_(self, **changes) -> "PreviewMode":
        return replace(self, **changes)


_STYLE_RE = re.compile(r"<style\b[^>]*>.*?</style\s*>", re.IGNORECASE | re.DOTALL)
_LINK_RE = re.compile(r"<link\b[^>]*>", re.IGNORECASE)


def block_styles(html: str) -> str:
    return _LINK_RE.sub("", _STYLE_RE.sub("", html))


_IMG_RE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC_ATTR_RE = re.compile(r"""\s(src|srcset)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE)
_BACKGROUND_ATTR_RE = re.compile(r"""\sbackground\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE)
_TAG_RE = re.compile(r"<[a-zA-Z][^<>]*>")
_CSS_URL_RE = re.compile(r"url\(\s*(?:\"[^\"]*\"|'[^']*'|[^)]*)\)", re.IGNORECASE)
_STYLE_BLOCK_RE = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR_RE = re.compile(r"""(\sstyle\s*=\s*)("[^"]*"|'[^']*')""", re.IGNORECASE)
_IMAGE_DECL_RE = re.compile(r"((?:background|background-image)\s*:[^;{}\"']*?)" + _CSS_URL_RE.pattern, re.IGNORECASE)


def _drop_css_images(css: str) -> str:
    return _IMAGE_DECL_RE.sub(lambda m: m.group(1) + "none", css)


_ATTR_RE = re.compile(r"""([^\s=<>/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_DECL_RE = re.compile(r"\s*([\w-]+)\s*:\s*([^;]+)")
_LENGTH_RE = re.compile(r"^\d+(?:\.\d+)?(?:px|%)?$")
_KEPT_DECLS = ("display", "margin", "margin-left", "margin-right", "margin-top", "margin-bottom", "float",
               "border-radius", "max-width", "vertical-align")
ALT_BOX_CSS = ("box-sizing:border-box;overflow:hidden;border:1px solid #c9c6d6;background:#f4f3f8;color:#55526a;"
               "font:12px/1.35 Arial,Helvetica,sans-serif;padding:4px 6px;text-align:center;"
               "word-wrap:break-word;overflow-wrap:anywhere;text-decoration:none;")


def _px(value: str) -> str:
    value = value.strip()
    return value + "px" if value.replace(".", "", 1).isdigit() else value


def alt_box(tag: str) -> str:
    """A blocked `<img>` as the box a mail client draws: the image's width, its alt text inside."""
    attrs: dict[str, str] = {}
    for m in _ATTR_RE.finditer(tag[4:].rstrip("/> \n\t")):
        name = m.group(1).lower()
        value = next((g for g in m.group(2, 3, 4) if g is not None), "")
        attrs.setdefault(name, value)
    decls = {k.lower(): v.strip() for k, v in _DECL_RE.findall(attrs.get("style", ""))}
    width = decls.get("width") or (_px(attrs["width"]) if _LENGTH_RE.match(attrs.get("width", "").strip()) else "")
    height = decls.get("height", "")
    if not height or height == "auto":
        height = _px(attrs["height"]) if _LENGTH_RE.match(attrs.get("height", "").strip()) else ""
    display = decls.get("display", "inline-block")
    style = [f"display:{'inline-block' if display == 'inline' else display}"]
    style += [f"{k}:{decls[k]}" for k in _KEPT_DECLS if k in decls and k != "display"]
    if width:
        style.append(f"width:{width}")
        if width.endswith("px") and float(width[:-2] or 0) < 120:  # an icon: one clipped line, not a letter tower
            style.append("white-space:nowrap;text-overflow:ellipsis;padding:4px 2px")
    if "max-width" not in decls:
        style.append("max-width:100%")
    if height and height != "auto":
        style.append(f"height:{height}")
    out = ["<span"]
    for name in ("id", "class", "title", "data-cs-src", "align"):
        if name in attrs:
            out.append(f' {name}="{attrs[name]}"')
    for name in ("src", "srcset"):
        if name in attrs:
            out.append(f' data-cs-blocked-{name}="{attrs[name]}"')
    alt = attrs.get("alt", "")
    out.append(f' data-cs-alt-box="" role="img" aria-label="{alt}" style="{ALT_BOX_CSS}{";".join(style)}">{alt}</span>')
    return "".join(out)


def block_images(html: str) -> str:
    html = _IMG_RE.sub(lambda m: alt_box(m.group(0)), html)
    html = _STYLE_BLOCK_RE.sub(lambda m: m.group(1) + _drop_css_images(m.group(2)) + m.group(3), html)

    def tag(m: re.Match) -> str:
        t = _BACKGROUND_ATTR_RE.sub("", m.group(0))
        return _STYLE_ATTR_RE.sub(lambda s: s.group(1) + _drop_css_images(s.group(2)), t)

    return _TAG_RE.sub(tag, html)


_HEAD_OPEN_RE = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE_RE = re.compile(r"</body\s*>", re.IGNORECASE)


def inject(html: str, head_css: str = "", body_end: str = "") -> str:
    """Add an app stylesheet at the start of `<head>` and markup before `</body>` (or at the ends)."""
    if head_css:
        block = f'<style data-cs-preview="">{head_css}</style>'
        m = _HEAD_OPEN_RE.search(html)
        html = html[: m.end()] + block + html[m.end():] if m else block + html
    if body_end:
        matches = list(_BODY_CLOSE_RE.finditer(html))
        html = html[: matches[-1].start()] + body_end + html[matches[-1].start():] if matches else html + body_end
    return html


def preview_copy(html: str, mode: PreviewMode) -> str:
    """The HTML the preview loads for `mode` (the compiled email itself stays untouched)."""
    if mode.block_styles:
        html = block_styles(html)
    if mode.block_images:
        html = block_images(html)
    css, body_end = [], ""
    if mode.scheme in forced_dark.SCHEMES:
        html = forced_dark.apply_forced_dark(html, mode.scheme)
        css.append(forced_dark.canvas_css(mode.scheme))
    if mode.vision:
        css.append(vision.filter_css())
        body_end = vision.svg_filter(mode.vision)
    return inject(html, "".join(css), body_end)


_DARK_FEATURE_RE = re.compile(r"\(\s*prefers-color-scheme\s*:\s*dark\s*\)", re.IGNORECASE)
_LIGHT_FEATURE_RE = re.compile(r"\(\s*prefers-color-scheme\s*:\s*light\s*\)", re.IGNORECASE)


def emulate_dark_media(html: str) -> str:
    """Fallback when DevTools emulation is unavailable: make `(prefers-color-scheme: dark)` always
    match and `(… light)` never, in `@media` rules and `media=` attributes alike (tech-notes: the
    other way to drive the email's dark rules)."""
    html = _DARK_FEATURE_RE.sub("(min-width: 0px)", html)
    return _LIGHT_FEATURE_RE.sub("(max-width: -1px)", html)
