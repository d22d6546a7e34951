"""The developer tools drawer in the real email editor: links, images, accessibility, source, spam.

A real HTTP server on 127.0.0.1 (a thread) answers 200, 301, 404 and serves
real PNG bytes, so the Links and Images tabs go over the network exactly as
they do for a user; nothing of ours is replaced.
"""
from __future__ import annotations

import io
import os
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from editor.window import EditorWindow
from engine.store import Workspace
from tests.gui_helpers import settings  # noqa: F401


def _png(width: int, height: int, *, noise: bool = False) -> bytes:
    if noise:  # incompressible: a PNG over 1 MB
        image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    else:
        image = Image.new("RGB", (width, height), (91, 63, 217))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def server():
    routes = {
        "/ok": (200, {"Content-Type": "text/html"}, b"<p>ok</p>"),
        "/moved": (301, {"Location": "/ok"}, b""),
        "/img/logo.png": (200, {"Content-Type": "image/png"}, _png(120, 48)),
        "/img/huge.png": (200, {"Content-Type": "image/png"}, _png(700, 700, noise=True)),
    }
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args):
            pass

        def _answer(self, body: bool):
            hits.append(self.path)
            status, headers, data = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)

        def do_GET(self):  # noqa: N802
            self._answer(True)

        def do_HEAD(self):  # noqa: N802
            self._answer(False)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.hits = hits
    yield httpd
    httpd.shutdown()


def _links_source(base: str) -> str:
    return f"""<x-base lang="en" dir="ltr">
  <x-section>
    <x-heading-1>Links</x-heading-1>
    <x-paragraph><a href="{base}/ok">Read the launch post</a></x-paragraph>
    <x-paragraph><a href="{base}/moved">Read the customer story</a></x-paragraph>
    <x-paragraph><a href="{base}/missing">See the templates</a></x-paragraph>
    <x-paragraph><a href="{base}/ok">Read the launch post again</a></x-paragraph>
    <x-paragraph><a href="mailto:hello@example.com">Write to us</a></x-paragraph>
  </x-section>
</x-base>
"""


@pytest.fixture
def open_email(qtbot, tmp_path, settings):  # noqa: F811
    made = []
    ws = Workspace.open(tmp_path / "ws.db")

    def make(source: str, name: str = "Checked", transformers: dict | None = None) -> EditorWindow:
        info = ws.files.create_email(name, source=source, transformers=transformers or {})
        w = EditorWindow(ws, f"{info.kind}:{info.id}", settings=settings, dark=False)
        qtbot.addWidget(w)
        w.resize(1440, 900)
        w.show()
        qtbot.waitUntil(w.editors["source"].is_ready, timeout=20000)
        qtbot.waitUntil(lambda: w.devtools.report is not None, timeout=10000)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close_document()
    ws.close()


def _row(tab, url_end: str):
    for i in range(tab.tree.topLevelItemCount()):
        item = tab.tree.topLevelItem(i)
        if item.text(0).endswith(url_end):
            return item
    raise AssertionError(f"no row for {url_end}: {[tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]}")


def test_links_tab_checks_each_unique_url_on_the_local_server(qtbot, open_email, server):
    w = open_email(_links_source(server.base))
    links = w.devtools.links
    assert links.state() == "not-checked"
    assert [links.tree.topLevelItem(i).text(2) for i in range(links.tree.topLevelItemCount())] == \
        ["not checked"] * 3 + ["skipped (not a web link)"]
    w.devtools.show_tab("links")  # first visit: checks in the background
    qtbot.waitUntil(lambda: links.state() == "in-sync", timeout=20000)
    assert links.tree.topLevelItemCount() == 4  # /ok is listed once although used twice
    assert _row(links, "/ok").text(2) == "reachable — HTTP 200"
    assert _row(links, "/ok").text(3) == "2"
    assert _row(links, "/moved").text(2) == f"redirect → {server.base}/ok (HTTP 200)"
    assert _row(links, "/missing").text(2) == "broken — HTTP 404"
    assert _row(links, "/ok").text(1).startswith("http — not secure")
    assert _row(links, "mailto:hello@example.com").text(2).startswith("skipped")
    assert links.strip.badge.text() == "In Sync"
    assert w.devtools.tab_bar.tabText(2) == "Links 4"


def test_editing_a_link_puts_the_links_tab_out_of_sync_until_rechecked(qtbot, open_email, server):
    w = open_email(_links_source(server.base))
    w.devtools.show_tab("links")
    links = w.devtools.links
    qtbot.waitUntil(lambda: links.state() == "in-sync", timeout=20000)
    ed = w.editors["source"]
    column = len(f'    <x-paragraph><a href="{server.base}/missing') + 1  # right after "/missing" on line 6
    ed.go_to(6, column)
    qtbot.waitUntil(lambda: ed.cursor_position() == (6, column), timeout=5000)
    ed.insert_text("-page")
    qtbot.waitUntil(lambda: links.state() == "out-of-sync", timeout=10000)
    assert links.strip.badge.text() == "Out of sync"
    assert "re-check" in links.strip.label.text()
    assert "not checked" in _row(links, "/missing-page").text(2)  # the edited URL has no result yet
    assert _row(links, "/ok").text(2) == "reachable — HTTP 200"  # the others keep theirs
    links.strip.button.click()
    qtbot.waitUntil(lambda: links.state() == "in-sync", timeout=20000)
    assert _row(links, "/missing-page").text(2) == "broken — HTTP 404"


def test_offline_reports_not_checked_without_a_request(qtbot, open_email, server):
    w = open_email(_links_source(server.base))
    links = w.devtools.links
    links.offline.setChecked(True)
    before = len(server.hits)
    w.devtools.show_tab("links")
    qtbot.waitUntil(lambda: links.state() == "in-sync", timeout=10000)
    assert _row(links, "/ok").text(2) == "not checked (offline)"
    assert _row(links, "/missing").text(2) == "not checked (offline)"
    assert len(server.hits) == before


def test_images_tab_shows_dimensions_size_thumbnail_and_missing_alt(qtbot, open_email, server):
    source = f"""<x-base lang="en" dir="ltr">
  <x-section>
    <x-image src="{server.base}/img/logo.png" alt="Lumen" width="120px"/>
    <x-paragraph>Hero below.</x-paragraph>
    <img src="{server.base}/img/huge.png" width="300">
    <img src="{server.base}/img/gone.png" alt="Gone">
  </x-section>
</x-base>
"""
    w = open_email(source)
    images = w.devtools.images
    w.devtools.show_tab("images")
    qtbot.waitUntil(lambda: images.state() == "in-sync", timeout=20000)
    logo = _row(images, "/img/logo.png")
    assert logo.text(3) == "120 × 48"
    assert logo.text(1).startswith("http — not secure")
    assert images.thumbnails[f"{server.base}/img/logo.png"].width() == 44  # a real thumbnail, scaled from the PNG
    huge = _row(images, "/img/huge.png")
    assert huge.text(3) == "700 × 700"
    assert huge.text(2).endswith("MB")
    assert "over 1 MB" in huge.text(4) and "missing alt" in huge.text(4)
    assert huge.text(5) == "5"
    assert _row(images, "/img/gone.png").text(4).startswith("broken")
    assert w.devtools.tab_bar.tabText(3) == "Images 3"


def test_accessibility_groups_count_by_impact_and_a_click_jumps_to_the_code(qtbot, open_email):
    source = """<x-base lang="en" dir="ltr">
  <x-section>
    <x-heading-1>First</x-heading-1>
    <x-heading-1>Second</x-heading-1>
    <x-paragraph><a href="https://example.com/a" role="button">Buy</a></x-paragraph>
    <x-paragraph><a href="https://example.com/b">click here</a></x-paragraph>
    <article><x-paragraph>Story</x-paragraph></article>
  </x-section>
</x-base>
"""
    w = open_email(source)
    a11y = w.devtools.accessibility
    w.devtools.show_tab("accessibility")
    counts = a11y.counts()
    rules = {impact: {a11y.tree.finding_at(a11y.groups[impact].child(i)).rule
                      for i in range(a11y.groups[impact].childCount())} for impact in a11y.groups}
    assert "role-button" in rules["Critical"]
    assert {"h1-tag", "accessible-hyperlinks"} <= rules["Moderate"]
    assert "article-article" in rules["Mild"]
    for impact, group in a11y.groups.items():
        assert group.text(0) == f"{impact} ({counts[impact]})"
        assert group.childCount() == counts[impact]
    assert w.devtools.tab_bar.tabText(4) == f"Accessibility {sum(counts.values())}"
    critical = a11y.groups["Critical"]
    item = next(critical.child(i) for i in range(critical.childCount())
                if a11y.tree.finding_at(critical.child(i)).rule == "role-button")
    finding = a11y.tree.finding_at(item)
    assert finding.line == 5
    a11y.tree.click(item)
    ed = w.editors["source"]
    qtbot.waitUntil(lambda: ed.cursor_position() == (5, finding.column), timeout=5000)


def test_source_tab_shows_minified_html_when_minify_is_switched_on(qtbot, open_email):
    source = """<x-base lang="en" dir="ltr">
  <x-section>
    <x-heading-1>Minify me</x-heading-1>
    <x-paragraph>Some text that stays.</x-paragraph>
  </x-section>
</x-base>
"""
    w = open_email(source)
    w.devtools.show_tab("source")
    src = w.devtools.source
    qtbot.waitUntil(lambda: "Minify me" in src.view.toPlainText(), timeout=10000)
    before = src.size.bytes
    assert "\n  " in src.view.toPlainText()
    w.tabs.setCurrentWidget(w.transformers)
    combo = w.transformers.findChild(type(w.transformers.findChild(object, "formatterType")), "formatterType")
    combo.setCurrentIndex(combo.findData("minify"))
    qtbot.waitUntil(lambda: src.size.bytes < before, timeout=5000)
    text = src.view.toPlainText()
    assert "Minify me" in text and "Some text that stays." in text
    assert "\n  " not in text and "data-cs-src" not in text
    assert text == w.final_html()
    assert w.devtools.tab_bar.tabText(1) == f"Source {src.size.label()}"


def test_spam_tab_says_not_available_without_spamassassin(qtbot, open_email, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    w = open_email("<x-base><x-paragraph>Hello</x-paragraph></x-base>")
    w.devtools.show_tab("spam")
    spam = w.devtools.spam
    qtbot.waitUntil(lambda: spam.result is not None, timeout=10000)
    assert not spam.available
    assert "not available" in spam.score_label.text()
    assert "apt-get install spamassassin" in spam.score_label.text()
    assert w.devtools.tab_bar.tabText(6) == "Spam n/a"


@pytest.mark.skipif(shutil.which("spamassassin") is None, reason="spamassassin is not installed")
def test_spam_tab_shows_the_score_and_goes_out_of_sync(qtbot, open_email):
    w = open_email("<x-base lang=\"en\"><x-paragraph>Our November update for customers.</x-paragraph></x-base>")
    w.devtools.show_tab("spam")
    spam = w.devtools.spam
    qtbot.waitUntil(lambda: spam.result is not None, timeout=120000)
    assert spam.available and isinstance(spam.score, float)
    assert f"{spam.score:g}" in spam.score_label.text()
    assert spam.rules.topLevelItemCount() == len(spam.result.extra["rules"]) > 0
    assert spam.strip.badge.text() == "In Sync"
    ed = w.editors["source"]
    ed.go_to(1, 36)
    qtbot.waitUntil(lambda: ed.cursor_position() == (1, 36), timeout=5000)
    ed.insert_text("Big ")
    qtbot.waitUntil(lambda: spam.strip.badge.text() == "Out of sync", timeout=10000)
