"""`asset:NAME` in the preview: a URL scheme handler serving workspace images (issue 10.8, `engine.assets`).

Qt requires a custom scheme to be registered before the first WebEngine
object exists, so `register_asset_scheme()` runs from
`environment.enable_remote_debugging()`, which every entry point already
calls before its QApplication. The scheme is flagged secure (an `https:`
preview page may load it without mixed-content blocking) and CORS-enabled;
it is not a local scheme, so pages keep their no-local-files rule.

One handler per WebEngine profile (installing a second one for the same
scheme makes Qt warn): previews, the screenshot helper and the QA matrix
share the default profile, so they share its handler and its `source`. The
app has one workspace open at a time; the preview sets the source to that
workspace's assets (`use_assets`). Until one is set — the command line on a
bare email file — the sample's bundled images answer, so the sample emails
render offline everywhere. Requests run on the UI thread (Qt calls
`requestStarted` there), so the source may use the workspace's database.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject
from PySide6.QtWebEngineCore import (
    QWebEngineProfile, QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler,
)

from urllib.parse import quote

from engine.assets import SCHEME, AssetSource, asset_name, bundled_sample_assets, rewrite_asset_urls

_SCHEME = SCHEME.encode("ascii")
_handlers: list["AssetSchemeHandler"] = []


def register_asset_scheme() -> None:
    """Declare the `asset:` scheme to Chromium (before any WebEngine object; later calls are no-ops)."""
    if QWebEngineUrlScheme.schemeByName(QByteArray(_SCHEME)).name() == QByteArray(_SCHEME):
        return
    scheme = QWebEngineUrlScheme(QByteArray(_SCHEME))
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Path)
    flags = QWebEngineUrlScheme.Flag
    scheme.setFlags(flags.SecureScheme | flags.CorsEnabled | flags.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)


class AssetSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.source: AssetSource = bundled_sample_assets()
        self.generation = 0  # bumped by `use_assets`; part of every preview URL (`versioned`)
        self.served: list[str] = []  # names answered, newest last (bounded; for tests and diagnostics)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt name)
        name = asset_name(job.requestUrl().toString())
        try:
            found = self.source(name) if name else None
        except Exception:  # noqa: BLE001 - a closed workspace must not take the preview down
            found = None
        if found is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)
        buffer.setData(QByteArray(found.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(QByteArray(found.mime_type.encode("ascii", "replace")), buffer)
        self.served = (self.served + [name])[-200:]


def asset_handler(profile: QWebEngineProfile | None = None) -> AssetSchemeHandler:
    """The handler of `profile` (default profile), installed on first use."""
    profile = profile or QWebEngineProfile.defaultProfile()
    handler = profile.urlSchemeHandler(QByteArray(_SCHEME))  # the same Python object we installed
    if handler is None:
        handler = AssetSchemeHandler(profile)
        profile.installUrlSchemeHandler(QByteArray(_SCHEME), handler)
        _handlers.append(handler)  # keep the Python side (and its attributes) alive with the profile
    return handler


def use_assets(source: AssetSource | None, profile: QWebEngineProfile | None = None) -> None:
    """Serve `asset:` URLs from `source` (a workspace's `assets`); None goes back to the bundled sample."""
    handler = asset_handler(profile)
    handler.source = source if source is not None else bundled_sample_assets()
    handler.generation += 1


def versioned(html: str, profile: QWebEngineProfile | None = None) -> str:
    """`asset:NAME` → `asset:NAME?v=GENERATION` in a preview copy.

    Chromium keeps decoded images by URL (its memory cache ignores
    `Cache-Control` for a custom scheme — tried), and the same `asset:NAME`
    means other bytes in another workspace; a new source bumps the generation,
    so no image of the previous workspace is ever shown.
    """
    if "asset:" not in html:
        return html
    generation = asset_handler(profile).generation
    return rewrite_asset_urls(html, lambda name: f"{SCHEME}:{quote(name, safe='/')}?v={generation}")
