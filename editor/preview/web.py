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

    def javaScriptConsoleMessage(self, level, message, line, source):  # noqa: N802
        """Kept on the page, not logged as Qt warnings: with page JavaScript off, the console only carries
        Chromium's remarks about the email's content (an `http:` image on the https preview is "Mixed
        Content"), which the checks already report where the user can act on them."""
        self.console = (getattr(self, "console", []) + [(level, message, line, source)])[-100:]


# The typing fast path (pane.py): the new preview copy is parsed aside (DOMParser) and only what
# differs is changed in the live document — a text node's value, an element's attributes, or a
# subtree where the children no longer line up. Chromium then restyles, lays out and repaints just
# that part, instead of the whole email after a `setHtml` or a swap of the root element (measured
# in bench/editor_latency.py). Runs in the ApplicationWorld: the page's own JavaScript stays off,
# and nodes from DOMParser never run scripts. Answers true, or false when it could not patch (the
# caller then loads the document anew).
_PATCH = """(function(h){try{
var d=new DOMParser().parseFromString(h,'text/html');
function attrs(p,q){var a=p.attributes,b=q.attributes,i,n;
for(i=a.length-1;i>=0;i--){n=a[i].name;if(!q.hasAttribute(n))p.removeAttribute(n);}
for(i=0;i<b.length;i++){n=b[i].name;if(p.getAttribute(n)!==b[i].value)p.setAttribute(n,b[i].value);}}
function morph(p,q){var a=p.childNodes,b=q.childNodes,i;
if(a.length!==b.length){p.replaceChildren.apply(p,Array.prototype.map.call(b,function(n){return document.importNode(n,true);}));return;}
for(i=0;i<b.length;i++){var x=a[i],y=b[i];if(x.isEqualNode(y))continue;
if(x.nodeType===y.nodeType&&x.nodeType!==1&&x.nodeName===y.nodeName){x.nodeValue=y.nodeValue;continue;}
if(x.nodeType===1&&x.nodeName===y.nodeName){attrs(x,y);morph(x,y);continue;}
p.replaceChild(document.importNode(y,true),x);}}
var root=document.documentElement;
if(!root||(document.compatMode==='BackCompat')!==(d.compatMode==='BackCompat'))return false;
attrs(root,d.documentElement);morph(root,d.documentElement);
return root.offsetHeight>=0;}catch(e){return false;}})(%s)"""


def patch_script(html: str) -> str:
    """The script that turns the live preview document into `html` in place (see `_PATCH`)."""
    import json

    return _PATCH % json.dumps(html)
