"""Workspace images referenced from emails as `asset:NAME` (issue 10.8).

Decisions:
- An email refers to an image stored in its workspace (the `assets` table,
  `engine.store.assets`) by the URL `asset:NAME`, NAME being the asset's
  path-like name (`asset:newsletter/hero.png`). The reference is stable and
  readable in the code, and means nothing outside the app, on purpose: it is
  resolved wherever the email leaves the editor —
  - the preview (Qt) serves it from the workspace through a URL scheme
    handler (`widgets.preview.assets`), so images show offline;
  - export writes the bytes into the ZIP and points the HTML at them
    (`editor.export.write_zip`), or at the hosted URL once there is one;
  - the checks read the bytes (`engine.checks.images`: format, size, pixels);
  - pushing to Customer.io (later) uploads each asset once with
    `POST /v1/assets/files`, stores the returned `asset.path` as the asset's
    `url`, and sends the HTML with `hosted_html()` — every `asset:NAME`
    replaced by that URL. An asset with a `url` is never uploaded again.
- Liquid stays possible around it (`asset:products/{{ item.id }}.png` is
  left alone by the rewriting and checked as Liquid-built).
- A source of assets is any callable `name -> AssetData | None`; the
  workspace's `assets` repository is one, `bundled_sample_assets()` (the
  sample's images as shipped) another, for the command line on a bare file.
"""
from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import unquote

SCHEME = "asset"
PREFIX = SCHEME + ":"

# `asset:NAME` up to a delimiter; a match preceded by a word character, `:`, `/`, `.` or `-` is part of
# another word or URL and is skipped (`_starts_url`). The literal start lets `re` scan fast (~0.05 ms
# on the 24 KB sample newsletter, run on every keystroke by the preview).
ASSET_URL_RE = re.compile(r"asset:(?!//)([^\s\"'()<>,]+)")


def _starts_url(html: str, m: re.Match) -> bool:
    i = m.start()
    return i == 0 or not (html[i - 1].isalnum() or html[i - 1] in "_:/.-")


@dataclass(frozen=True)
class AssetData:
    name: str
    data: bytes
    mime_type: str
    width: float | None = None
    height: float | None = None
    url: str | None = None  # the hosted copy, once uploaded


AssetSource = Callable[[str], Optional[AssetData]]


def asset_name(url: str) -> str | None:
    """NAME of an `asset:NAME` URL (percent-decoding undone, leading slashes dropped), else None."""
    text = (url or "").strip()
    if not text[: len(PREFIX)].lower() == PREFIX:
        return None
    name = unquote(text[len(PREFIX):].split("#", 1)[0].split("?", 1)[0]).lstrip("/")
    return name or None


def asset_url(name: str) -> str:
    return PREFIX + name


def guess_mime(name: str) -> str:
    kind, _ = mimetypes.guess_type(name)
    return kind or "application/octet-stream"


def image_size(data: bytes) -> tuple[int, int] | None:
    """Pixel size of image bytes (None when Pillow cannot read them)."""
    import io

    try:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except Exception:  # noqa: BLE001 - Pillow raises several kinds for "not an image"
        return None


def rewrite_asset_urls(html: str, target: Callable[[str], str | None]) -> str:
    """Replace each `asset:NAME` by `target(NAME)`; a None answer leaves the reference as written."""
    def swap(m: re.Match) -> str:
        if not _starts_url(html, m):
            return m.group(0)
        name = asset_name(m.group(0))
        if name is None or "{{" in m.group(0) or "{%" in m.group(0):
            return m.group(0)
        new = target(name)
        return m.group(0) if new is None else new

    return ASSET_URL_RE.sub(swap, html)


def asset_names(html: str) -> list[str]:
    """The asset names an HTML uses, first use first, without Liquid-built ones."""
    seen: list[str] = []
    for m in ASSET_URL_RE.finditer(html):
        if not _starts_url(html, m):
            continue
        name = asset_name(m.group(0))
        if name and "{{" not in name and "{%" not in name and name not in seen:
            seen.append(name)
    return seen


def hosted_html(html: str, source: AssetSource) -> tuple[str, list[str]]:
    """The HTML to send: `asset:` URLs replaced by the assets' hosted URLs; also the names still not uploaded."""
    missing: list[str] = []

    def hosted(name: str) -> str | None:
        found = source(name)
        if found is None or not found.url:
            missing.append(name)
            return None
        return found.url

    return rewrite_asset_urls(html, hosted), missing


def bundled_sample_assets() -> AssetSource:
    """The sample's images as shipped with the app (`resources/sample/images`)."""
    from engine.sample.images import sample_image_files

    files = dict(sample_image_files())

    def source(name: str) -> AssetData | None:
        path = files.get(name)
        if path is None:
            return None
        data = path.read_bytes()
        size = image_size(data)
        return AssetData(name, data, guess_mime(name), *(size or (None, None)))

    return source


def chain(*sources: AssetSource | None) -> AssetSource:
    """The first source that knows the name answers."""
    present = [s for s in sources if s is not None]

    def source(name: str) -> AssetData | None:
        for s in present:
            found = s(name)
            if found is not None:
                return found
        return None

    return source
