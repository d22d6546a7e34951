"""Pass 4 — collect what goes into `<head>` (§1.2 step 6, §4.10, §4.11).

- `<style>` blocks found in the body (and, later, in custom components) are
  merged into the one main style block, identical blocks once.
- `#isolated` (or `isolated`, the docs' other spelling) keeps a block as its
  own `<style>`; `#isolated="g"` merges with other `g` blocks only when their
  `media` attributes are equal.
- identical `<title>`, `<meta>` and `<link>` are written once; different ones
  all stay (the client picks).
- `x-head` content is kept verbatim and in order: never merged or deduplicated.
"""
from __future__ import annotations


class HeadCollector:
    def __init__(self):
        self.titles: dict[str, None] = {}
        self.tags: dict[str, None] = {}  # <meta>/<link> markup, deduplicated
        self.styles: dict[str, None] = {}
        self.isolated: list[tuple[str | None, str, list[str]]] = []  # (group, media, blocks)
        self.raw: list[str] = []

    def add_title(self, text: str) -> None:
        if text is not None:
            self.titles.setdefault(text, None)

    def add_tag(self, markup: str) -> None:
        self.tags.setdefault(markup.strip(), None)

    def add_link(self, href: str) -> None:
        self.add_tag(f'<link href="{href}" rel="stylesheet" type="text/css">')

    def add_style(self, css: str, *, isolated: str | bool | None = None, media: str = "") -> None:
        css = css.strip()
        if not css:
            return
        if not isolated:
            if media:
                # A media attribute only makes sense on its own element.
                self.isolated.append((None, media, [css]))
            else:
                self.styles.setdefault(css, None)
            return
        if isolated is True:
            self.isolated.append((None, media, [css]))
            return
        for group, group_media, blocks in self.isolated:
            if group == isolated and group_media == media:
                if css not in blocks:
                    blocks.append(css)
                return
        self.isolated.append((isolated, media, [css]))

    def add_raw(self, content: str) -> None:
        self.raw.append(content)

    def render_isolated(self) -> list[str]:
        out = []
        for _group, media, blocks in self.isolated:
            attr = f' media="{media}"' if media else ""
            out.append(f"<style{attr}>\n" + "\n".join(blocks) + "\n</style>")
        return out
