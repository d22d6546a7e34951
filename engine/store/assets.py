"""The workspace's images (`assets` table): what `asset:NAME` in an email refers to (`engine.assets`).

Decisions: the name is the key (path-like, `newsletter/hero.png`, unique by
this repository: adding a name again replaces its bytes); the pixel size and
MIME type are worked out when the bytes are stored, so the preview, the
checks and export never decode an image just to learn them. `url` is the
hosted copy (Customer.io's `asset.path`) once uploaded; replacing the bytes
clears it, since the hosted copy is then stale.
"""
from __future__ import annotations

from sqlalchemy import select

from engine.assets import AssetData, guess_mime, image_size
from engine.store.schema import Asset

MAX_BYTES = 2 * 1024 * 1024  # Customer.io's upload limit (app-api: POST /v1/assets/files, ≤2 MB)


class AssetError(ValueError):
    """An asset could not be stored; the message says which and why."""


class WorkspaceAssets:
    def __init__(self, workspace):
        self.ws = workspace

    def add(self, name: str, data: bytes, mime_type: str | None = None) -> AssetData:
        name = (name or "").strip().lstrip("/")
        if not name or any(c in name for c in "\"'<>()\\ \t\n"):
            raise AssetError(f"{name!r}: an asset name needs no spaces, quotes, brackets or backslashes")
        if len(data) > MAX_BYTES:
            raise AssetError(f"{name}: {len(data) / 1048576:.1f} MB, over the 2 MB an asset may have")
        size = image_size(data)
        mime = mime_type or guess_mime(name)
        with self.ws.session() as s:
            row = s.scalars(select(Asset).where(Asset.name == name)).first()
            if row is None:
                row = Asset(name=name)
                s.add(row)
            row.data, row.mime_type, row.url = data, mime, None
            row.width, row.height = (float(size[0]), float(size[1])) if size else (None, None)
        return self.get(name)

    def get(self, name: str) -> AssetData | None:
        with self.ws.session() as s:
            row = s.scalars(select(Asset).where(Asset.name == name)).first()
            if row is None or row.data is None:
                return None
            return AssetData(row.name, row.data, row.mime_type, row.width, row.height, row.url)

    __call__ = get  # a workspace's assets are an `engine.assets.AssetSource`

    def names(self) -> list[str]:
        with self.ws.session() as s:
            return list(s.scalars(select(Asset.name).order_by(Asset.name)))

    def set_url(self, name: str, url: str | None) -> None:
        """Remember the hosted copy (after an upload to Customer.io)."""
        with self.ws.session() as s:
            row = s.scalars(select(Asset).where(Asset.name == name)).first()
            if row is None:
                raise AssetError(f"{name}: no such asset")
            row.url = url
