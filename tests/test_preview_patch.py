"""The preview's typing fast path: a re-render patches only what changed, and ends with the same page as a fresh load."""
from __future__ import annotations

import json

import pytest

BASE = """<!DOCTYPE html><html lang="en"><head><style>p{color:#123456}</style></head><body>
<table><tr><td><p class="a" data-cs-src="3:1">Hello there</p><p data-cs-src="4:1">Second</p></td></tr></table>
<!-- a comment --><img src="https://example.invalid/x.png" alt="pic" width="10" height="10">
</body></html>"""

EDITS = {
    "text": BASE.replace("Hello there", "Hello there friend"),
    "attribute": BASE.replace('class="a" data-cs-src="3:1"', 'data-cs-src="5:1" style="margin:0"'),
    "added element": BASE.replace("<p data-cs-src=\"4:1\">Second</p>", "<p data-cs-src=\"4:1\">Second</p><h1>New</h1>"),
    "removed element": BASE.replace("<p data-cs-src=\"4:1\">Second</p>", ""),
    "style": BASE.replace("#123456", "#654321"),
    "comment": BASE.replace("a comment", "another comment"),
    "html attribute": BASE.replace('lang="en"', 'lang="fr" dir="ltr"'),
    "tag renamed": BASE.replace("<p data-cs-src=\"4:1\">Second</p>", "<div data-cs-src=\"4:1\">Second</div>"),
}


# The page as a string with each element's attributes sorted (their order carries no meaning).
CANONICAL = """(function c(n){if(n.nodeType!==1)return n.nodeType+':'+n.nodeValue;
var a=Array.prototype.map.call(n.attributes,function(x){return x.name+'='+x.value;}).sort().join(' ');
return '<'+n.nodeName+' '+a+'>'+Array.prototype.map.call(n.childNodes,c).join('')+'</>';})(document.documentElement)"""


def _js(qtbot, pane, expression):
    from PySide6.QtWebEngineCore import QWebEngineScript

    out = []
    pane.page.runJavaScript(f"JSON.stringify({expression})", QWebEngineScript.ScriptWorldId.ApplicationWorld, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=5000)
    return json.loads(out[0])


@pytest.fixture(scope="module")
def panes(qapp):
    from PySide6.QtCore import QCoreApplication, QEvent

    from editor.preview.pane import PreviewPane

    made = [PreviewPane(), PreviewPane()]
    for p in made:
        p.resize(800, 600)
        p.show()
    yield made
    for p in made:
        p.close_preview()
        p.close()
        p.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _render(qtbot, pane, html):
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.set_html(html)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_patched_page_equals_a_fresh_load(qtbot, panes, edit):
    patched, fresh = panes
    _render(qtbot, patched, BASE)
    loads = []
    patched.page.loadStarted.connect(lambda: loads.append(1))
    try:
        _render(qtbot, patched, EDITS[edit])
    finally:
        patched.page.loadStarted.disconnect()
    fresh._loaded_mode = None  # a new document in the other pane
    _render(qtbot, fresh, EDITS[edit])
    assert loads == []  # patched in place, no navigation
    assert _js(qtbot, patched, CANONICAL) == _js(qtbot, fresh, CANONICAL)


def test_only_the_changed_text_node_is_touched(qtbot, panes):
    patched, _ = panes
    _render(qtbot, patched, BASE)
    _js(qtbot, patched, "(window.__kept = document.querySelector('p[data-cs-src=\"4:1\"]'), 1)")
    _render(qtbot, patched, EDITS["text"])
    # the untouched paragraph is the very same node; the edited one shows the new text
    assert _js(qtbot, patched, "window.__kept === document.querySelector('p[data-cs-src=\"4:1\"]')") is True
    assert _js(qtbot, patched, "document.querySelector('p.a').textContent") == "Hello there friend"


def test_losing_the_doctype_takes_a_full_load(qtbot, panes):
    patched, _ = panes
    _render(qtbot, patched, BASE)
    loads = []
    patched.page.loadStarted.connect(lambda: loads.append(1))
    try:
        _render(qtbot, patched, BASE.replace("<!DOCTYPE html>", ""))
    finally:
        patched.page.loadStarted.disconnect()
    assert loads and _js(qtbot, patched, "document.compatMode") == "BackCompat"
