"""The preview copy: the compiled email rewritten for one preview mode.

The compiled HTML (what Source shows and Export ships) is never touched; each
preview control produces a *copy* for the web view. Passes run in a fixed
order, each a pure function of a string so it can be tested alone:

1. block styles  — every `<style>` block and every `<link>` removed, inline
   styles kept (spec §9.2);
2. block images  — `<img>` loses `src`/`srcset` (kept as `data-cs-blocked-src`
   for inspection) so the alt text shows; CSS `url()` backgrounds become
   `none`; the legacy `background=` attribute goes. The Qt side also blocks
   image requests with an interceptor, so nothing slips through (VML fills in
   Outlook-only comments, fonts' images…);
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


def _block_img(tag: str) -> str:
    def keep(m: re.Match) -> str:
        return f" data-cs-blocked-{m.group(1).lower()}" + m.group(0)[len(m.group(1)) + 1:]

    return _SRC_ATTR_RE.sub(keep, tag)


def block_images(html: str) -> str:
    html = _IMG_RE.sub(lambda m: _block_img(m.group(0)), html)
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
