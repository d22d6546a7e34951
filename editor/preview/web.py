"""A locked-down QWebEnginePage for email previews.

- Page JavaScript off (mail clients run none); the app's own probes run in
  the ApplicationWorld, which still works (tech-notes).
- Navigation blocked: a link click never replaces the preview. Ctrl+click is
  the way out: the preview widget resolves the link under the pointer and
  opens it with QDesktopServices (see `pane.py`); here every navigation other
  than our own `setHtml` is refused, and pop-ups (`target="_blank"`) get a
  throwaway page that refuses too.
- No local files: `file:` requests are refused by the interceptor and local
  content may not reach file URLs; documents load with the base URL
  `https://preview.invalid/` (`.invalid` never resolves).
- Per-page request interceptor (`RequestBlocker`) also enforces Block images
  (image requests, CSS backgrounds included) and Block styles (stylesheets and
  web fonts), whatever the HTML copy still references.
"""
from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage, QWebEngineSettings, QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor,
)

BASE_URL = QUrl("https://preview.invalid/")
_RT = QWebEngineUrlRequestInfo.ResourceType


class RequestBlocker(QWebEngineUrlRequestInterceptor):
    """Refuses local files always, images and styles on demand. Runs on Chromium's IO thread: plain flags only."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.block_images = False
        self.block_styles = False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt name)
        scheme = info.requestUrl().scheme()
        kind = info.resourceType()
        if scheme in ("file", "qrc"):
            info.block(True)
        elif self.block_images and kind in (_RT.ResourceTypeImage, _RT.ResourceTypeFavicon):
            info.block(True)
        elif self.block_styles and kind in (_RT.ResourceTypeStylesheet, _RT.ResourceTypeFontResource):
            info.block(True)


def lock_down(page: QWebEnginePage) -> RequestBlocker:
    s = page.settings()
    A = QWebEngineSettings.WebAttribute
    s.setAttribute(A.JavascriptEnabled, False)
    s.setAttribute(A.LocalContentCanAccessFileUrls, False)
    s.setAttribute(A.LocalContentCanAccessRemoteUrls, False)
    s.setAttribute(A.PluginsEnabled, False)
    s.setAttribute(A.AutoLoadIconsForPage, False)
    s.setAttribute(A.NavigateOnDropEnabled, False)
    blocker = RequestBlocker(page)
    page.setUrlRequestInterceptor(blocker)
    return blocker


class _RefusingPage(QWebEnginePage):
    """Target of a pop-up: refuses to navigate and deletes itself."""

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802
        self.deleteLater()
        return False


class PreviewPage(QWebEnginePage):
    """Accepts only the documents the app loads with `load_html`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.blocker = lock_down(self)
        self._own_loads = 0

    def load_html(self, html: str) -> None:
        self._own_loads += 1
        self.setHtml(html, BASE_URL)

    def acceptNavigationRequest(self, url, nav_type, is_main_frame):  # noqa: N802
        if is_main_frame and self._own_loads > 0 and nav_type != QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            self._own_loads -= 1
            return True
        return not is_main_frame and url.scheme() in ("data", "about")

    def createWindow(self, _type):  # noqa: N802
        return _RefusingPage(self.profile(), self)
