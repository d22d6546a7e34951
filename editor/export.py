"""Export (spec §11.1): ZIP, Copy HTML (in the window), PDF report.

The ZIP holds the final HTML (transformers applied, Liquid left as written,
like Source), the plain text, and the images the email uses. Remote images
are downloaded when reachable (5 s each); one that cannot be fetched —
offline, 404, not an image — is skipped and named in `NOTES.txt` inside the
ZIP and in the returned notes, so the user knows the archive is incomplete.
The HTML is not rewritten to point at the downloaded copies: it stays the
exact HTML that would be sent. Workspace images (`asset:NAME`,
`engine.assets`) are the exception, since `asset:` means nothing outside the
app: their bytes come from the workspace (offline too) into `images/NAME`,
and the HTML points at the hosted copy when the asset has been uploaded
(what would be sent), else at `images/NAME`, so the unpacked ZIP opens with
its images in any browser.

The PDF report is painted with QPainter on a QPdfWriter (A4, 72 dpi
coordinates): the envelope summary, the 700 px desktop screenshot (always),
optionally the 320 px mobile and the dark-mode screenshots and the plain text,
then the link and image lists. Each screenshot stays whole on one page: it
starts a new page when the rest of the current one is too short, and one
taller than a page is scaled down to fit it (issue 10.14: split screenshots
could not be compared).
"""
from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlparse

from engine.assets import AssetSource, asset_name, asset_names, asset_url, rewrite_asset_urls

_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_BACKGROUND = re.compile(r"\bbackground\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)", re.IGNORECASE)
_HREF = re.compile(r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']*)[\"']", re.IGNORECASE)
_IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp", "image/svg+xml": ".svg"}


def image_urls(html: str) -> list[str]:
    seen: list[str] = []
    for pattern in (_IMG_SRC, _BACKGROUND, _CSS_URL):
        for m in pattern.finditer(html):
            url = m.group(1).strip()
            if url and not url.startswith("data:") and url not in seen:
                seen.append(url)
    return seen


def link_urls(html: str) -> list[str]:
    seen: list[str] = []
    for m in _HREF.finditer(html):
        url = m.group(1).strip()
        if url and url not in seen:
            seen.append(url)
    return seen


@dataclass
class ZipReport:
    images: list[str] = field(default_factory=list)  # names inside the ZIP
    notes: list[str] = field(default_factory=list)  # what was skipped and why


def _fetch(url: str, timeout: float) -> tuple[bytes, str]:
    request = urllib.request.Request(url, headers={"User-Agent": "CampaignStudio-export"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only, checked by caller
        kind = response.headers.get_content_type()
        return response.read(20 * 1024 * 1024), kind


def _file_name(url: str, kind: str, taken: set[str]) -> str:
    name = PurePosixPath(urlparse(url).path).name or "image"
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name)[:80] or "image"
    if "." not in name and kind in _IMAGE_TYPES:
        name += _IMAGE_TYPES[kind]
    if name in taken:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem or name}-{hashlib.sha1(url.encode()).hexdigest()[:6]}{dot}{ext if stem else ''}"
    taken.add(name)
    return name


def _asset_file(name: str) -> str:
    parts = [re.sub(r"[^A-Za-z0-9._-]+", "-", p)[:80] for p in PurePosixPath(name).parts if p not in ("", ".", "..")]
    return "images/" + "/".join(p for p in parts if p) if parts else "images/image"


def write_zip(path: str, name: str, html: str, text: str, *, fetch: bool = True, timeout: float = 5.0,
              assets: AssetSource | None = None) -> ZipReport:
    """`assets`: where `asset:NAME` images come from (the workspace's `assets`)."""
    report = ZipReport()
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "email"
    taken: set[str] = set()
    local: dict[str, tuple[str, bytes]] = {}  # asset name -> (file in the ZIP, bytes)
    for asset in asset_names(html):
        found = assets(asset) if assets is not None else None
        if found is None:
            report.notes.append(f"{asset_url(asset)}: skipped, no such image in the workspace")
            continue
        local[asset] = (found.url or _asset_file(asset), found.data)
    html = rewrite_asset_urls(html, lambda asset: local[asset][0] if asset in local else None)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{base}.html", html)
        archive.writestr(f"{base}.txt", text)
        for asset, (_where, data) in local.items():
            file_name = _asset_file(asset)
            taken.add(PurePosixPath(file_name).name)
            archive.writestr(file_name, data)
            report.images.append(file_name)
        written = {where for where, _data in local.values()}
        for url in image_urls(html):
            scheme = urlparse(url).scheme.lower()
            if url in written or asset_name(url) is not None:
                continue  # a workspace image, already written (or already named in the notes)
            if "{{" in url or "{%" in url:
                report.notes.append(f"{url}: skipped, the address is Liquid (depends on the person)")
                continue
            if scheme not in ("http", "https"):
                report.notes.append(f"{url}: skipped, not a web address")
                continue
            if not fetch:
                report.notes.append(f"{url}: skipped, downloading was off")
                continue
            try:
                data, kind = _fetch(url, timeout)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                reason = getattr(exc, "reason", None) or exc
                report.notes.append(f"{url}: skipped, could not download it ({reason}) — offline?")
                continue
            if not kind.startswith("image/"):
                report.notes.append(f"{url}: skipped, the server sent {kind}, not an image")
                continue
            file_name = _file_name(url, kind, taken)
            archive.writestr(f"images/{file_name}", data)
            report.images.append(f"images/{file_name}")
        if report.notes:
            archive.writestr("NOTES.txt", "Images not included:\n" + "\n".join(f"- {n}" for n in report.notes) + "\n")
    return report


# ---- PDF report ---------------------------------------------------------------------------
@dataclass
class PdfOptions:
    mobile: bool = True
    dark: bool = True
    text: bool = True
    description: str = ""


def write_pdf_report(path: str, *, name: str, envelope, html: str, personalized_html: str, text: str,
                     snapshotter, options: PdfOptions | None = None) -> int:
    """Paint the report; returns the number of pages."""
    from PySide6.QtCore import QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    from engine.preview import PreviewMode, email_size

    options = options or PdfOptions()
    shots = [("Desktop — 700 px", snapshotter.capture(personalized_html, PreviewMode(width=700)))]
    if options.mobile:
        shots.append(("Mobile — 320 px", snapshotter.capture(personalized_html, PreviewMode(width=320))))
    if options.dark:
        shots.append(("Dark mode — 700 px", snapshotter.capture(personalized_html, PreviewMode(width=700, scheme="dark"))))

    writer = QPdfWriter(path)
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(36, 36, 36, 36)))
    writer.setTitle(f"{name} — report")
    painter = QPainter(writer)
    area = writer.pageLayout().paintRectPixels(72)
    width, height = area.width(), area.height()
    state = {"y": 0.0, "pages": 1}

    def new_page():
        writer.newPage()
        state["y"] = 0.0
        state["pages"] += 1

    def write(text_: str, size: int = 10, bold: bool = False, color: str = "#222222", gap: float = 4) -> None:
        font = QFont("Sans Serif", size)
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor(color))
        for paragraph in text_.split("\n"):
            rect = painter.boundingRect(QRectF(0, 0, width, 10000), Qt.TextFlag.TextWordWrap, paragraph or " ")
            if state["y"] + rect.height() > height:
                new_page()
            painter.drawText(QRectF(0, state["y"], width, rect.height()), Qt.TextFlag.TextWordWrap, paragraph or " ")
            state["y"] += rect.height()
        state["y"] += gap

    def image(label: str, img) -> None:
        label_h = 22.0  # the 12 pt bold label and its gap
        scale = min(1.0, width / max(1, img.width()), (height - label_h) / max(1, img.height()))
        drawn_w, drawn_h = img.width() * scale, img.height() * scale
        if state["y"] > 0 and state["y"] + label_h + drawn_h > height:
            new_page()  # the label stays with its screenshot, and the screenshot stays whole
        write(label, 12, True, gap=6)
        target = QRectF((width - drawn_w) / 2, state["y"], drawn_w, drawn_h)
        painter.drawImage(target, img)
        painter.setPen(QColor("#bbbbbb"))
        painter.drawRect(target)
        state["y"] += drawn_h + 10
        state.setdefault("shots", []).append((state["pages"], target))

    write(name, 20, True, gap=8)
    size = email_size(html)
    summary = [
        f"From: {envelope.from_ or '—'}", f"Subject: {envelope.subject or name}",
        f"Preheader: {envelope.preheader or '—'}", f"Size: {size.label()}" + (f" — {size.warning()}" if size.warning() else ""),
    ]
    if options.description:
        summary.append(options.description)
    write("\n".join(summary), 10, color="#444444", gap=12)
    for label, img in shots:
        image(label, img)
    if options.text:
        new_page()
        write("Plain text", 14, True, gap=8)
        write(text or "(empty)", 9, color="#333333")
    links = link_urls(html)
    images = image_urls(html)
    write("Links", 14, True, gap=6)
    write("\n".join(f"{n}. {u}" for n, u in enumerate(links, 1)) or "No links.", 9)
    write("Images", 14, True, gap=6)
    write("\n".join(f"{n}. {u}" for n, u in enumerate(images, 1)) or "No images.", 9)
    painter.end()
    return state["pages"]


# ---- dialogs (the window's Export menu) -----------------------------------------------------
def export_zip_dialog(window) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    path, _ = QFileDialog.getSaveFileName(window, "Download ZIP", f"{window.doc.name}.zip", "ZIP archive (*.zip)")
    if not path:
        return
    workspace = getattr(window, "ws", None)
    report = write_zip(path, window.doc.name, window.final_html(), window.plain_text(),
                       assets=getattr(workspace, "assets", None))
    message = f"Saved {path} with {len(report.images)} image(s)."
    if report.notes:
        QMessageBox.information(window, "ZIP saved with notes", message + "\n\nNot included:\n" + "\n".join(report.notes))
    window.status_message.emit(message)


def export_pdf_dialog(window) -> None:
    from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QLineEdit, QVBoxLayout

    dialog = QDialog(window)
    dialog.setWindowTitle("PDF report")
    box = QVBoxLayout(dialog)
    mobile = QCheckBox("320 px mobile screenshot", checked=True)
    dark = QCheckBox("Dark mode screenshot", checked=True)
    text = QCheckBox("Plain text", checked=True)
    description = QLineEdit(placeholderText="Description (optional)")
    for w in (mobile, dark, text, description):
        box.addWidget(w)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    box.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    path, _ = QFileDialog.getSaveFileName(window, "Save PDF report", f"{window.doc.name}.pdf", "PDF (*.pdf)")
    if not path:
        return
    html = window.final_html()
    personalized = window.preview._personalized()
    pages = write_pdf_report(path, name=window.doc.name, envelope=window.doc.get("envelope"), html=html,
                             personalized_html=personalized, text=window.plain_text(),
                             snapshotter=window.preview._snap(),
                             options=PdfOptions(mobile.isChecked(), dark.isChecked(), text.isChecked(), description.text()))
    window.status_message.emit(f"Saved the {pages}-page report to {path}")
