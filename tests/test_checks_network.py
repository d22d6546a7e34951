"""Links and Images checks against a real HTTP server on 127.0.0.1 (http.server in a thread)."""
from __future__ import annotations

import io
import threading
import time
from concurrent.futures import Future
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PIL import Image

from engine.checks import UrlChecker, build, check_images, check_links, start_link_checks
from engine.problems import Severity


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _noisy_jpeg(width: int, height: int) -> bytes:
    """A JPEG over 1 MB: random pixels do not compress."""
    import random

    rnd = random.Random(7)
    image = Image.frombytes("RGB", (width, height), rnd.randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=100)
    return out.getvalue()


SMALL_PNG = _png(120, 40)
BIG_JPEG = _noisy_jpeg(800, 760)
HEAD_SEEN: list[str] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass

    def _route(self, body: bool) -> None:
        path = self.path
        if body is False:
            HEAD_SEEN.append(path)
        if path == "/ok":
            self._send(200, b"<html>fine</html>", "text/html", body)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/missing":
            self._send(404, b"nope", "text/plain", body)
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, b"late", "text/plain", body)
        elif path == "/no-head":
            if not body:
                self._send(405, b"", "text/plain", body)
            else:
                self._send(200, b"get works", "text/plain", body)
        elif path == "/logo.png":
            self._send(200, SMALL_PNG, "image/png", body)
        elif path == "/hero.jpg":
            self._send(200, BIG_JPEG, "image/jpeg", body)
        elif path == "/not-image.png":
            self._send(200, b"<html>oops</html>", "text/html", body)
        else:
            self._send(404, b"", "text/plain", body)

    def _send(self, status: int, payload: bytes, ctype: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def do_GET(self):
        self._route(True)

    def do_HEAD(self):
        self._route(False)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _email(body: str) -> str:
    return f'<!doctype html><html lang="en"><head><title>t</title></head><body>\n{body}\n</body></html>'


def _by_url(findings):
    return {p.extra["url"]: p for p in findings if "url" in p.extra and p.rule.startswith(("links/", "images/")) and p.rule != "images/alt"}


def test_each_unique_link_once_with_status_redirects_and_https(server):
    b = build(_email(
        f'<a href="{server}/ok">a</a>\n<a href="{server}/ok">again</a>\n<a href="{server}/moved">b</a>\n'
        f'<a href="{server}/missing">c</a>\n<a href="mailto:x@example.com">mail</a>\n<a href="#top">top</a>\n'
        f'<a href="{{{{ customer.url }}}}">liquid</a>'
    ), filename="e.html")
    findings = check_links(b, timeout=5)
    urls = [p.extra["url"] for p in findings]
    assert len(urls) == len(set(urls)) == 6  # the repeated /ok is listed once
    by = _by_url(findings)
    ok = by[f"{server}/ok"]
    assert ok.extra["occurrences"] == 2 and ok.extra["status"] == 200
    assert ok.rule == "links/insecure" and ok.severity == Severity.WARNING  # plain http on the test server
    assert ok.extra["secure"] is False
    moved = by[f"{server}/moved"]
    assert moved.extra["status"] == 200 and moved.extra["final_url"] == f"{server}/ok"
    assert moved.extra["redirects"] == [f"{server}/moved"]
    missing = by[f"{server}/missing"]
    assert missing.severity == Severity.ERROR and missing.rule == "links/broken" and "404" in missing.message
    assert (missing.line, missing.column) == (5, 1)  # source position of the <a>
    assert by["mailto:x@example.com"].rule == "links/skipped"
    assert by["{{ customer.url }}"].rule == "links/not-checked"


def test_head_refused_falls_back_to_get(server):
    HEAD_SEEN.clear()
    b = build(_email(f'<a href="{server}/no-head">x</a>'))
    [finding] = check_links(b)
    assert "/no-head" in HEAD_SEEN  # HEAD was tried first
    assert finding.extra["status"] == 200 and finding.severity != Severity.ERROR


def test_timeout_is_reported_not_waited_for(server):
    b = build(_email(f'<a href="{server}/slow">x</a>'))
    start = time.monotonic()
    [finding] = check_links(b, timeout=0.5)
    assert time.monotonic() - start < 1.9
    assert finding.rule == "links/unreachable" and "timed out" in finding.message


def test_offline_reports_not_checked_without_network(server):
    HEAD_SEEN.clear()
    b = build(_email(f'<a href="https://example.invalid/x">x</a><a href="{server}/ok">y</a>'))
    findings = check_links(b, offline=True)
    assert not HEAD_SEEN
    assert all("not checked" in p.message for p in findings)
    assert {p.extra["secure"] for p in findings} == {True, False}


def test_background_checks_return_a_future_immediately(server):
    b = build(_email(f'<a href="{server}/slow">x</a><a href="{server}/ok">y</a>'))
    with UrlChecker(timeout=5) as checker:
        start = time.monotonic()
        future = start_link_checks(b, checker)
        assert isinstance(future, Future)
        assert time.monotonic() - start < 0.5 and not future.done()  # the caller never waits
        findings = future.result(timeout=10)
    assert {p.extra["status"] for p in findings} == {200}


def test_images_size_dimensions_alt_and_failures(server):
    b = build(_email(
        f'<img src="{server}/logo.png" alt="Logo">\n<img src="{server}/hero.jpg">\n'
        f'<img src="{server}/gone.png" alt="">\n<img src="{server}/not-image.png" alt="x">\n'
        f'<img src="{server}/logo.png" alt="again">'
    ), filename="e.html")
    findings = check_images(b, timeout=5)
    by = _by_url(findings)
    logo = by[f"{server}/logo.png"]
    assert (logo.extra["width"], logo.extra["height"], logo.extra["format"]) == (120, 40, "PNG")
    assert logo.extra["bytes"] == len(SMALL_PNG) and logo.extra["occurrences"] == 2
    assert logo.rule == "images/insecure"  # http
    hero = by[f"{server}/hero.jpg"]
    assert len(BIG_JPEG) > 1024 * 1024
    assert hero.rule == "images/too-large" and "over 1 MB" in hero.message and hero.extra["width"] == 800
    assert by[f"{server}/gone.png"].rule == "images/broken" and by[f"{server}/gone.png"].severity == Severity.ERROR
    assert by[f"{server}/not-image.png"].rule == "images/broken" and "not an image" in by[f"{server}/not-image.png"].message
    alts = [p for p in findings if p.rule == "images/alt"]
    assert [(p.line, p.column) for p in alts] == [(3, 1)]  # only the hero lacks alt; alt="" is decorative


def test_images_offline_still_checks_https_and_base64():
    b = build(_email('<img src="http://cdn.example.com/a.png" alt="a"><img src="data:image/png;base64,AAAA" alt="b">'))
    by = _by_url(check_images(b, offline=True))
    assert by["http://cdn.example.com/a.png"].rule == "images/insecure"
    assert by["data:image/png;base64,AAAA"].rule == "images/base64"
