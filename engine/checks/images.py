"""Images (§10, §14): each image loads, is secure (https) and optimized; every `<img>` has alt.

Per unique image URL, one finding carrying what the Images panel shows in
`extra` (`url`, `secure`, `status`, `bytes`, `width`, `height`, `format`,
`occurrences`), with the severity of the worst issue:
- error `images/broken` — does not load (HTTP error, timeout) or is not an
  image Pillow can read;
- warning `images/too-large` — over 1 MB (§14: "keep under 1 MB");
  `images/dimensions` — over 4096 px on a side (§14's upload limit);
  `images/insecure` — `http:`; `images/base64` — inline `data:` images
  (§14: not supported by clients such as Gmail);
- info `images/ok`, `images/not-checked` (offline, Liquid-built).
Plus one warning `images/alt` per `<img>` without an `alt` attribute
(§10.1), at the element's own source position.

Workspace images (`asset:NAME`, `engine.assets`) are read from `assets` (a
workspace's `assets`, or any source; `b.assets` when the build carries
one), offline or not: their bytes are local, so they get the same format,
size and dimension findings as a downloaded image; a name the source does
not know is `images/broken`. Without a source they are `images/not-checked`
(an `asset:` URL is only meaningful inside a workspace).
"""
from __future__ import annotations

import io

from engine.assets import AssetSource, asset_name
from engine.problems import Problem, Severity

from .build import Build
from .network import FetchResult, UrlChecker
from .urls import UrlUse, collect_images

MAX_BYTES = 1024 * 1024
MAX_SIDE = 4096


def check_images(b: Build, *, offline: bool = False, checker: UrlChecker | None = None,
                 timeout: float = 8.0, assets: AssetSource | None = None) -> list[Problem]:
    out = alt_findings(b)
    uses = collect_images(b)
    assets = assets if assets is not None else getattr(b, "assets", None)
    local = [use for use in uses if asset_name(use.url) is not None and not use.has_liquid]
    out += [_asset_finding(b, use, assets) for use in local]
    uses = [use for use in uses if use not in local]
    if offline:
        return out + [_finding(b, use, None) for use in uses]
    own = checker is None
    checker = checker or UrlChecker(timeout=timeout)
    try:
        futures = [(use, checker.image(use.url) if _fetchable(use) else None) for use in uses]
        return out + [_finding(b, use, f.result() if f is not None else None) for use, f in futures]
    finally:
        if own:
            checker.close()


def alt_findings(b: Build) -> list[Problem]:
    return [
        b.finding(el, f"<img> without alt: {el.get('src') or '(no src)'}", "images/alt", Severity.WARNING,
                  topic="img-alt", url=el.get("src") or "")
        for el in b.elements()
        if el.name == "img" and el.attr("alt") is None
    ]


def _asset_finding(b: Build, use: UrlUse, assets: AssetSource | None) -> Problem:
    """A workspace image: its bytes come from the workspace, never from the network."""
    name = asset_name(use.url)
    extra = {"url": use.url, "secure": True, "occurrences": len(use.elements), "checked": False,
             "topic": f"image:{use.url}", "asset": name}
    if assets is None:
        return b.finding(use.first, f"{use.url}: workspace image, not checked (no workspace)", "images/not-checked",
                         Severity.INFO, **extra)
    found = assets(name)
    if found is None:
        return b.finding(use.first, f"{use.url}: no image named {name!r} in the workspace's assets", "images/broken",
                         Severity.ERROR, **extra)
    result = FetchResult(use.url, status=200, reason="OK", final_url=use.url, content_type=found.mime_type,
                         body=found.data, size=len(found.data))
    problem = _finding(b, use, result)
    problem.extra.update(asset=name, hosted_url=found.url)
    return problem


def _fetchable(use: UrlUse) -> bool:
    return use.url.lower().startswith(("http://", "https://")) and not use.has_liquid


def _finding(b: Build, use: UrlUse, result: FetchResult | None) -> Problem:
    url = use.url
    short = url if len(url) <= 90 else url[:60] + "…" + url[-20:]
    lowered = url.lower()
    secure = lowered.startswith("https:")
    extra = {"url": url, "secure": secure, "occurrences": len(use.elements), "checked": False, "topic": f"image:{url}"}
    el = use.first

    def make(message: str, rule: str, severity: Severity) -> Problem:
        return b.finding(el, message, rule, severity, **extra)

    if lowered.startswith("data:"):
        extra["secure"] = None
        return make(f"{short}: inline base64 image — Gmail and others do not show it; host the image instead",
                    "images/base64", Severity.WARNING)
    if use.has_liquid:  # judged on its scheme only when written before the Liquid (see links.py)
        extra.update(secure=use.secure, liquid=True)
        return make(f"{short}: built with Liquid, not checked", "images/not-checked", Severity.INFO)
    if not lowered.startswith(("http://", "https://")) and not (result is not None and asset_name(url)):
        return make(f"{short}: not an absolute http(s) URL — mail clients cannot load it", "images/broken",
                    Severity.ERROR)
    secure = secure or bool(asset_name(url))  # sent as its hosted https copy
    extra["secure"] = secure
    insecure = "" if secure else " — not secure (http)"
    if result is None:
        return make(f"{short}: not checked (offline){insecure}", "images/insecure" if not secure else "images/not-checked",
                    Severity.WARNING if not secure else Severity.INFO)
    extra.update(checked=True, status=result.status, final_url=result.final_url or url, bytes=result.size)
    if result.error:
        return make(f"{short}: does not load, {result.error}{insecure}", "images/broken", Severity.ERROR)
    if result.status is None or result.status >= 400:
        return make(f"{short}: does not load, HTTP {result.status} {result.reason}".rstrip() + insecure,
                    "images/broken", Severity.ERROR)
    size = result.size or 0
    extra["kb"] = round(size / 1024, 1)
    if result.truncated:
        return make(f"{short}: {size / 1048576:.1f} MB, far over 1 MB{insecure}", "images/too-large", Severity.WARNING)
    try:
        from PIL import Image

        with Image.open(io.BytesIO(result.body or b"")) as image:
            width, height = image.size
            extra.update(width=width, height=height, format=image.format)
    except Exception:  # noqa: BLE001 - Pillow raises several kinds for "not an image"
        return make(f"{short}: not an image (Content-Type {result.content_type or 'unknown'}){insecure}",
                    "images/broken", Severity.ERROR)
    what = f"{extra['format']} {width}×{height}, {_human(size)}"
    if size > MAX_BYTES:
        return make(f"{short}: {what} — over 1 MB, slow to load; optimize it{insecure}", "images/too-large",
                    Severity.WARNING)
    if max(width, height) > MAX_SIDE:
        return make(f"{short}: {what} — larger than {MAX_SIDE} px on a side{insecure}", "images/dimensions",
                    Severity.WARNING)
    if not secure:
        return make(f"{short}: {what}{insecure}", "images/insecure", Severity.WARNING)
    return make(f"{short}: OK, {what}", "images/ok", Severity.INFO)


def _human(size: int) -> str:
    return f"{size / 1048576:.2f} MB" if size >= 1048576 else f"{size / 1024:.1f} KB"
