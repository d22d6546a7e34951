"""The QA matrix's ten cells, captured in parallel pages (issue 10 §17: ≤ 3 s in the app and the CLI).

One `Snapshotter` rendered the cells one after another, each a fresh
`setHtml` and a wait. Here the cells are grouped by what the loaded document
depends on — the preview copy (scheme, images/styles blocked) — and each of
the six copies is loaded once, by one of `PAGES` offscreen pages working at
the same time; a copy shown at two widths (Desktop and Mobile of one
scheme) is resized between its two captures instead of loading again.

A cell is taken by a verified grab: the view is made as tall as the
document (scrollbars hidden, as `captureBeyondViewport` draws it), Chromium
captures one 8 px column down the middle over DevTools (this forces a
fresh frame and is the reference), then `QWidget.grab()` copies the frame
Qt holds and is kept only if its column is identical to Chromium's. A grab
costs a few ms where a full `Page.captureScreenshot` re-rasters, encodes
and decodes the whole page (~150 ms a cell, most of the matrix's CPU). A
grab that keeps failing the check (Qt's copy can lag a frame or two, and a
stale one was seen in the first QA sheets, see `snapshot.py`) falls back to
the full DevTools capture, so the sheet never shows a stale frame. The
pixels are identical either way (checked on the sample newsletter). Everything is driven by
callbacks; the caller blocks in one local event loop until every cell is in.

Decisions:
- The pages are the preview's own locked-down `PreviewPage`s (no page
  JavaScript, no local files, the same request blocker and `asset:` images),
  created for one matrix and deleted after it: their renderers stay in
  memory only while the matrix is made.
- Without a DevTools port (`debugging_port()` is None) the caller falls back
  to the sequential `Snapshotter` path.
- A cell that fails or times out fails the whole matrix with
  `WebEngineError`, which the dialog and the `matrix` command report.
"""
from __future__ import annotations

import json
import time
from typing import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView

from editor.preview.web import PreviewPage
from engine.preview import PreviewMode, preview_copy
from widgets.preview.devtools import DevToolsSession
from widgets.preview.harness import SET_HTML_LIMIT, WebEngineError

PAGES = 3  # pages at work at once: rendering is CPU-bound, so a few more than the cores, not one per copy
MAX_HEIGHT = 16000  # as the Snapshotter: beyond this Chromium's offscreen surfaces fail
STRIP = 8  # rows Chromium captures at the document's foot, to check the grab against
# Qt's copy of the frame lags Chromium's by 50–170 ms (measured on the sample, 2 cores under load): the
# first grab waits a little, so few tall grabs (each a full render on the main thread) are wasted.
GRAB_FIRST_MS, GRAB_WAIT_MS, GRAB_TRIES = 40, 15, 20
_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_HEIGHT = "Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)"


class _Page(QObject):
    """One copy of the email in one offscreen page, captured at each of its widths in turn."""

    def __init__(self):
        super().__init__()
        self._next_job = self._done = self._fail = None
        self._blank = True  # the first load is an empty document: Chromium's renderer starts with it
        self._begin_after_blank = False
        self.shots: list[tuple[int, int]] = []  # (cell index, width) of the current copy
        self.mode = PreviewMode()
        self._scheme = "light"
        self.view = QWebEngineView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.page = PreviewPage(self.view)
        self.view.setPage(self.page)
        from widgets.preview.assets import asset_handler

        asset_handler(self.page.profile())
        self.view.resize(700, 600)
        self.view.show()
        self.devtools = DevToolsSession(self.page, parent=self)
        self.devtools.failed.connect(lambda reason: self._fail and self._fail(f"DevTools: {reason}"))
        self.page.loadFinished.connect(self._loaded)
        self.page.load_html("<!DOCTYPE html><title>QA matrix</title>")

    def begin(self, next_job: Callable[[], tuple | None], done: Callable[[int, QImage], None],
              fail: Callable[[str], None]) -> None:
        """Work through `next_job()`'s copies until there are none left."""
        self._next_job, self._done, self._fail = next_job, done, fail
        if self._blank:
            self._begin_after_blank = True
        else:
            self._start_next()

    def _start_next(self) -> None:
        job = self._next_job()
        if job is None:
            return
        copy, self.mode, shots = job
        self.shots = list(shots)
        from widgets.preview.assets import versioned

        self.page.blocker.block_images = self.mode.block_images
        self.page.blocker.block_styles = self.mode.block_styles
        if self.view.size() != QSize(self.shots[0][1], 600):
            self.view.resize(self.shots[0][1], 600)
        self.page.load_html(versioned(copy, self.page.profile()))

    def close(self) -> None:
        self.view.close()
        self.page.deleteLater()
        self.view.deleteLater()
        self.deleteLater()

    # -- the chain: loaded → scheme → (width → height → capture) per shot --------------------------
    def _loaded(self, ok: bool) -> None:
        if self._blank:
            self._blank = False
            if self._begin_after_blank:
                self._start_next()
            return
        if not ok:
            self._fail("the page failed to load")
            return
        if self.mode.emulated_media == self._scheme:
            self._next_shot()
        else:
            self._scheme = self.mode.emulated_media
            self.devtools.set_color_scheme(self._scheme, lambda _r: self._next_shot())

    def _next_shot(self) -> None:
        if not self.shots:
            self._start_next()
            return
        index, width = self.shots[0]
        if self.view.size() != QSize(width, 600):
            self.view.resize(width, 600)
        self._await_width(index, width)

    def _await_width(self, index: int, width: int) -> None:
        def answered(value) -> None:
            if value == width:
                self.page.runJavaScript(_HEIGHT, _WORLD, lambda h: self._grow(index, width, h))
            else:
                QTimer.singleShot(10, lambda: self._await_width(index, width))

        self.page.runJavaScript("window.innerWidth", _WORLD, answered)

    # -- verified grab: the view made as tall as the document, grabbed, checked against a strip --
    def _grow(self, index: int, width: int, height) -> None:
        height = max(1, min(int(height or 1), MAX_HEIGHT))

        def hidden(_result) -> None:
            self.view.resize(width, height)
            self._await_height(index, width, height)

        # as captureBeyondViewport draws it: no scrollbars (a 100vh body would keep one in the tall view)
        self._scrollbars(True, hidden)

    def _scrollbars(self, hidden: bool, then: Callable[[dict], None]) -> None:
        self.devtools.call("Emulation.setScrollbarsHidden", {"hidden": hidden}, then)

    def _await_height(self, index: int, width: int, height: int) -> None:
        def answered(value) -> None:
            if value == height:
                self._strip(index, width, height)
            else:
                QTimer.singleShot(5, lambda: self._await_height(index, width, height))

        self.page.runJavaScript("window.innerHeight", _WORLD, answered)

    def _strip(self, index: int, width: int, height: int) -> None:
        """Chromium's own picture of a column down the middle: a fresh frame, and the grab's reference."""
        clip = {"x": _strip_x(width), "y": 0, "width": min(STRIP, width), "height": height, "scale": 1}
        self.devtools.call("Page.captureScreenshot", {"format": "png", "fromSurface": True, "clip": clip},
                           lambda result: self._grab_later(index, width, height, _decode(result)))

    def _grab_later(self, index: int, width: int, height: int, strip: QImage | None) -> None:
        QTimer.singleShot(GRAB_FIRST_MS, lambda: self._grab(index, width, height, strip, GRAB_TRIES))

    def _grab(self, index: int, width: int, height: int, strip: QImage | None, tries: int) -> None:
        if strip is not None:
            image = self.view.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
            image.setColorSpace(strip.colorSpace())  # Chromium's PNGs say sRGB, as its frames are; the grab says nothing
            if (image.width() == width and image.height() == height
                    and image.copy(_strip_x(width), 0, strip.width(), height) == strip):
                self._shot_done(index, image)
                return
            if tries > 1:
                QTimer.singleShot(GRAB_WAIT_MS, lambda: self._grab(index, width, height, strip, tries - 1))
                return
        self._capture(index, width, height)  # no strip, or Qt's frame never caught up: Chromium draws it

    def _capture(self, index: int, width: int, height: int) -> None:
        params = {"format": "png", "captureBeyondViewport": True, "fromSurface": True, "optimizeForSpeed": True,
                  "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}}
        self.devtools.call("Page.captureScreenshot", params, lambda result: self._captured(index, result))

    def _captured(self, index: int, result: dict) -> None:
        image = _decode(result)
        if image is None:
            self._fail(f"no screenshot ({json.dumps(result)[:200]})")
            return
        self._shot_done(index, image)

    def _shot_done(self, index: int, image: QImage) -> None:
        self.shots.pop(0)
        self._done(index, image)
        # the next height is measured as before, with the scrollbar a 600 px viewport shows
        self._scrollbars(False, lambda _result: self._next_shot())


def _decode(result: dict | None) -> QImage | None:
    data = (result or {}).get("data")
    image = QImage.fromData(QByteArray.fromBase64(data.encode("ascii")), "PNG") if data else QImage()
    return None if image.isNull() else image.convertToFormat(QImage.Format.Format_RGB32)


def _strip_x(width: int) -> int:
    return max(0, (width - STRIP) // 2)


_PRESTARTED: list[_Page] = []


def prestart() -> None:
    """Start the matrix's pages now (Chromium and its renderers start in the background).

    For the `matrix` command: Chromium's start-up then overlaps building the
    email. `discard_prestarted()` releases them if the matrix is not made.
    """
    while len(_PRESTARTED) < PAGES:
        _PRESTARTED.append(_Page())


def discard_prestarted() -> None:
    pages, _PRESTARTED[:] = list(_PRESTARTED), []
    _close(pages)


def capture_cells(html: str, modes: list[PreviewMode], timeout: float = 30.0) -> list[QImage]:
    """One full-page image per mode, in order (see the module docstring); raises `WebEngineError`."""
    groups: dict[PreviewMode, list[tuple[int, int]]] = {}
    for index, mode in enumerate(modes):
        groups.setdefault(mode.with_(width=modes[0].width), []).append((index, mode.width))
    images: dict[int, QImage] = {}
    failures: list[str] = []
    loop = QEventLoop()

    def done(index: int, image: QImage) -> None:
        images[index] = image
        if len(images) == len(modes):
            loop.quit()

    def fail(reason: str) -> None:
        failures.append(reason)
        loop.quit()

    jobs = []
    for mode, shots in groups.items():
        copy = preview_copy(html, mode)
        if len(copy.encode("utf-8")) > SET_HTML_LIMIT:
            raise WebEngineError("the email is larger than 2 MB and cannot be previewed")
        jobs.append((copy, mode, shots))
    jobs.sort(key=lambda job: -len(job[2]))  # the two-width copies first: the single ones fill in after

    def next_job():
        return jobs.pop(0) if jobs else None

    pages = []
    try:
        while len(pages) < min(PAGES, len(jobs)):
            pages.append(_PRESTARTED.pop() if _PRESTARTED else _Page())
        for page in pages:
            page.begin(next_job, done, fail)
        deadline = time.monotonic() + timeout
        while len(images) < len(modes) and not failures:
            if time.monotonic() > deadline:
                raise WebEngineError(f"timed out after {timeout:g} s rendering the QA matrix")
            QTimer.singleShot(100, loop.quit)
            loop.exec()
        if failures:
            raise WebEngineError(f"cannot render the QA matrix: {failures[0]}")
        return [images[i] for i in range(len(modes))]
    finally:
        _close(pages)


def _close(pages: list[_Page]) -> None:
    """DevTools clients leave first (a page deleted with DevTools attached makes Chromium warn), then the pages."""
    if not pages:
        return
    for page in pages:
        page.devtools.close()
    deadline = time.monotonic() + 1.0
    loop = QEventLoop()
    while any(p.devtools.is_connected for p in pages) and time.monotonic() < deadline:
        QTimer.singleShot(10, loop.quit)
        loop.exec()
    for page in pages:
        page.close()
    # deleted now, not on a later event-loop turn: the command line exits right after the matrix
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
