"""Render an HTML string in Qt WebEngine at a CSS width and colour scheme, then probe it.

Shared by the tests (computed styles of compiled emails, media queries at 375
vs 700 px, dark rules) and by previews that need a synchronous answer. One
view is reused for every render: starting Chromium costs ~0.3 s, re-rendering
in a live view ~30 ms.

Decisions:
- `setHtml` with the base URL `https://preview.invalid/`: a `file://` base
  never loads remote images, and `.invalid` can never resolve to a real site.
- Page JavaScript is off by default (mail clients run none); probes run in
  the ApplicationWorld, which still works, and come back through
  `JSON.stringify` (tech-notes: values come back reliably as strings).
- The colour scheme is emulated per page through DevTools (`devtools.py`).
- The blocking calls spin a local event loop: fine in tests and in command
  line tools, never to be called from a GUI slot that must stay responsive.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from .devtools import DevToolsSession

BASE_URL = "https://preview.invalid/"
SET_HTML_LIMIT = 2 * 1024 * 1024  # QWebEnginePage.setHtml refuses larger documents


class WebEngineError(RuntimeError):
    """Rendering or probing failed (timeout, JavaScript exception, DevTools unavailable)."""


@dataclass
class RenderedPage:
    """The page as rendered by the last `WebHarness.render`; valid until the next render."""

    harness: "WebHarness"
    width: int
    scheme: str
    elapsed_ms: float

    def js(self, expression: str, timeout: float = 5.0) -> Any:
        """Evaluate a JavaScript expression in the page and return its JSON-decoded value."""
        return self.harness.evaluate(expression, timeout)

    # Small conveniences for the questions tests ask most.
    def style(self, selector: str, prop: str) -> str | None:
        """Computed value of CSS property `prop` of the first element matching `selector`."""
        return self.js(
            f"(function(e){{return e ? getComputedStyle(e).getPropertyValue({json.dumps(prop)}) : null}})"
            f"(document.querySelector({json.dumps(selector)}))"
        )

    def display(self, selector: str) -> str | None:
        return self.style(selector, "display")

    def visible(self, selector: str) -> bool:
        """Rendered with a non-empty box (display, visibility and every ancestor count)."""
        return bool(
            self.js(
                f"(function(e){{if(!e) return false; const r=e.getBoundingClientRect();"
                f"return r.width>0 && r.height>0 && getComputedStyle(e).visibility!=='hidden'}})"
                f"(document.querySelector({json.dumps(selector)}))"
            )
        )

    def rect(self, selector: str) -> dict | None:
        """Bounding box `{x, y, width, height}` in CSS pixels, or None when nothing matches."""
        return self.js(
            f"(function(e){{if(!e) return null; const r=e.getBoundingClientRect();"
            f"return {{x:r.x, y:r.y, width:r.width, height:r.height}}}})"
            f"(document.querySelector({json.dumps(selector)}))"
        )


class WebHarness(QObject):
    """One offscreen QWebEngineView, its DevTools session, and blocking render/probe calls.

    Needs a QApplication, created after `environment.enable_remote_debugging()`
    (for dark emulation) and after `PySide6.QtWebEngineWidgets` was imported or
    `Qt.AA_ShareOpenGLContexts` was set.
    """

    def __init__(self, *, javascript: bool = False, height: int = 800, parent: QObject | None = None):
        super().__init__(parent)
        self.view = QWebEngineView()
        self.view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.page: QWebEnginePage = self.view.page()
        settings = self.page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptEnabled, javascript)
        self.height = height
        self.view.resize(375, height)
        self.view.show()
        self.devtools = DevToolsSession(self.page, parent=self)
        self._scheme = "light"  # Chromium's default until we emulate otherwise
        self._load_ok: bool | None = None
        self._loops: list[QEventLoop] = []
        self.page.loadFinished.connect(self._on_load_finished)
        # DevTools lists a page only once it has a document.
        self._load("<!doctype html><title>harness</title>", timeout=20.0)

    # -- rendering ------------------------------------------------------------------
    def render(self, html: str, width: int = 375, scheme: str = "light", timeout: float = 10.0) -> RenderedPage:
        """Load `html` at CSS width `width` with `prefers-color-scheme: scheme`; wait until laid out."""
        if len(html.encode("utf-8")) > SET_HTML_LIMIT:
            raise WebEngineError("document larger than 2 MB: QWebEnginePage.setHtml cannot load it")
        started = time.perf_counter()
        self.set_color_scheme(scheme, timeout)
        if self.view.width() != width:
            self.view.resize(width, self.height)
        self._load(html, timeout)
        self._wait(lambda: self.evaluate("window.innerWidth", timeout) == width, timeout, f"viewport width {width}")
        return RenderedPage(self, width, scheme, (time.perf_counter() - started) * 1000)

    def set_color_scheme(self, scheme: str, timeout: float = 10.0) -> None:
        """Emulate `prefers-color-scheme` for this page (persists across renders)."""
        if scheme == self._scheme:
            return
        done: list[dict] = []
        failures: list[str] = []
        self.devtools.failed.connect(failures.append)
        try:
            self.devtools.set_color_scheme(scheme, lambda result: (done.append(result), self._wake()))
            self._wait(lambda: bool(done or failures or self.devtools.has_failed), timeout, "DevTools colour scheme")
        finally:
            self.devtools.failed.disconnect(failures.append)
        if failures or self.devtools.has_failed:
            raise WebEngineError(f"cannot emulate {scheme} scheme: {failures[0] if failures else 'DevTools failed'}")
        self._scheme = scheme

    def evaluate(self, expression: str, timeout: float = 5.0) -> Any:
        """Run `expression` in the ApplicationWorld; its value comes back JSON-decoded."""
        script = (
            "(function(){try{return JSON.stringify({ok:(" + expression + ")})}"
            "catch(e){return JSON.stringify({error:String(e)})}})()"
        )
        results: list[Any] = []

        def arrived(value: Any) -> None:
            results.append(value)
            self._wake()

        self.page.runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, arrived)
        self._wait(lambda: bool(results), timeout, f"JavaScript {expression[:60]!r}")
        raw = results[0]
        if not isinstance(raw, str):
            raise WebEngineError(f"JavaScript {expression[:60]!r} did not run (got {raw!r})")
        decoded = json.loads(raw)
        if "error" in decoded:
            raise WebEngineError(f"JavaScript {expression[:60]!r} raised {decoded['error']}")
        return decoded.get("ok")

    def close(self) -> None:
        """Delete the view now: a page outliving its profile at exit makes Qt complain."""
        self.devtools.close()
        try:  # let Chromium see the DevTools client leave before the page goes
            self._wait(lambda: not self.devtools.is_connected, 1.0, "DevTools to close")
        except WebEngineError:
            pass
        self.view.close()
        self.view.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    # -- internals --------------------------------------------------------------------
    def _on_load_finished(self, ok: bool) -> None:
        self._load_ok = ok
        self._wake()

    def _wake(self) -> None:
        """An awaited answer arrived: stop the innermost wait's nap early."""
        if self._loops:
            self._loops[-1].quit()

    def _load(self, html: str, timeout: float) -> None:
        self._load_ok = None
        self.page.setHtml(html, QUrl(BASE_URL))
        self._wait(lambda: self._load_ok is not None, timeout, "page load")
        if not self._load_ok:
            raise WebEngineError("the page failed to load")

    def _wait(self, condition: Callable[[], bool], timeout: float, what: str) -> None:
        """Spin the event loop until `condition()` holds; raise after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        loop = QEventLoop()
        self._loops.append(loop)
        try:
            while not condition():
                if time.monotonic() > deadline:
                    raise WebEngineError(f"timed out after {timeout:g} s waiting for {what}")
                QTimer.singleShot(10, loop.quit)  # re-check now and then even without a wake-up
                loop.exec()
        finally:
            self._loops.pop()
