"""Full-page PNGs of an email, offscreen (screenshot button, `shot`, the QA matrix).

`QWebEngineView.grab()` captures only the viewport (tech-notes). Resizing the
offscreen view to `scrollHeight` and grabbing proved unreliable: the grab can
return a stale compositor frame (a blank image right after a load; the old
600 px viewport stretched over the new height after a resize — seen in the
first QA sheets). So the page is captured over DevTools,
`Page.captureScreenshot` with `captureBeyondViewport` and a clip of the whole
document, which Chromium renders afresh for the call. Without a DevTools
port the resize-and-grab path remains, waiting for three identical grabs.

One `Snapshotter` reuses one view (Chromium starts once, ~0.3 s; a capture
then costs tens of ms). It blocks by spinning a local event loop: fine for
the command line, the QA matrix and a button press, never for typing.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from editor.preview.web import lock_down
from engine.preview import PreviewMode, preview_copy
from widgets.preview.assets import asset_handler, versioned
from widgets.preview.harness import SET_HTML_LIMIT, WebEngineError, WebHarness

MAX_HEIGHT = 16000  # beyond this Chromium's offscreen surfaces fail; taller emails are cut


class Snapshotter:
    def __init__(self):
        self.harness = WebHarness(height=600)
        self.blocker = lock_down(self.harness.page)
        asset_handler(self.harness.page.profile())  # `asset:` images (widgets.preview.assets)

    def capture(self, html: str, mode: PreviewMode, timeout: float = 15.0) -> QImage:
        """The whole email (`html` is the compiled or personalised HTML) rendered in `mode`."""
        copy = versioned(preview_copy(html, mode), self.harness.page.profile())
        if len(copy.encode("utf-8")) > SET_HTML_LIMIT:
            raise WebEngineError("the email is larger than 2 MB and cannot be previewed")
        self.blocker.block_images = mode.block_images
        self.blocker.block_styles = mode.block_styles
        h = self.harness
        h.view.resize(mode.width, 600)
        page = h.render(copy, width=mode.width, scheme=mode.emulated_media, timeout=timeout)
        height = int(page.js("Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0)") or 1)
        height = max(1, min(height, MAX_HEIGHT))
        if not h.devtools.has_failed:
            image = self._devtools_capture(mode.width, height, timeout)
            if image is not None:
                return image
        h.view.resize(mode.width, height)
        h._wait(lambda: h.evaluate("window.innerHeight") == height, timeout, "full-page resize")
        return self._stable_grab(timeout)

    def _devtools_capture(self, width: int, height: int, timeout: float) -> QImage | None:
        results: list[dict] = []
        self.harness.devtools.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True, "fromSurface": True,
             "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}},
            lambda result: (results.append(result), self.harness._wake()),
        )
        try:
            self.harness._wait(lambda: bool(results) or self.harness.devtools.has_failed, timeout, "DevTools screenshot")
        except WebEngineError:
            return None
        data = results[0].get("data") if results else None
        if not data:
            return None
        image = QImage.fromData(QByteArray.fromBase64(data.encode("ascii")), "PNG")
        return None if image.isNull() else image.convertToFormat(QImage.Format.Format_RGB32)

    def _stable_grab(self, timeout: float) -> QImage:
        deadline = time.monotonic() + min(timeout, 3.0)
        seen: list[QImage] = []
        while True:
            _settle(0.05)
            seen.append(self.harness.view.grab().toImage())
            if len(seen) >= 3 and seen[-1] == seen[-2] == seen[-3]:
                return seen[-1]
            if time.monotonic() > deadline:
                return seen[-1]

    def close(self) -> None:
        self.harness.close()


def _settle(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)
