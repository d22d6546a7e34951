"""Export: the ZIP's contents (with a local HTTP server standing in for an image host) and the PDF report."""
from __future__ import annotations

import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from editor.export import PdfOptions, image_urls, link_urls, write_pdf_report, write_zip
from engine.delivery import Envelope

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")


class Images(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/logo.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


@pytest.fixture
def image_host():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Images)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_zip_holds_html_text_and_reachable_images_with_notes_for_the_rest(tmp_path, image_host):
    html = (f'<html><body><img src="{image_host}/logo.png" alt="Logo"><img src="{image_host}/missing.png">'
            f'<td background="{{{{ customer.photo }}}}"></td><a href="https://example.com/a">A</a></body></html>')
    report = write_zip(str(tmp_path / "out.zip"), "Spring sale", html, "Plain words")
    with zipfile.ZipFile(tmp_path / "out.zip") as z:
        names = set(z.namelist())
        assert {"Spring-sale.html", "Spring-sale.txt", "images/logo.png", "NOTES.txt"} <= names
        assert z.read("Spring-sale.html").decode() == html  # exactly the final HTML
        assert z.read("images/logo.png") == PNG
        assert z.read("Spring-sale.txt").decode() == "Plain words"
        notes = z.read("NOTES.txt").decode()
    assert "missing.png: skipped, could not download it" in notes
    assert "Liquid" in notes
    assert report.images == ["images/logo.png"] and len(report.notes) == 2


def test_unreachable_host_is_skipped_with_a_note(tmp_path):
    report = write_zip(str(tmp_path / "o.zip"), "x", '<img src="http://127.0.0.1:1/a.png">', "", timeout=2)
    assert report.images == [] and "offline?" in report.notes[0]


def test_link_and_image_lists():
    html = '<a href="https://a.example/x">x</a><a href="https://a.example/x">again</a><div style="background:url(\'https://i.example/b.jpg\')"></div>'
    assert link_urls(html) == ["https://a.example/x"]
    assert image_urls(html) == ["https://i.example/b.jpg"]


def test_pdf_report_has_screenshots_text_and_lists(qapp, tmp_path):
    from editor.preview.snapshot import Snapshotter

    html = "<html><body style='margin:0'><p style='height:1500px'>Hello report</p><a href='https://example.com/x'>x</a></body></html>"
    snap = Snapshotter()
    try:
        pages = write_pdf_report(str(tmp_path / "r.pdf"), name="Report", envelope=Envelope(subject="S"), html=html,
                                 personalized_html=html, text="Plain text body", snapshotter=snap,
                                 options=PdfOptions(mobile=True, dark=True, text=True))
    finally:
        snap.close()
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert pages == 5  # the summary, one page per tall screenshot, then the text page
    # Issue 10.14: each screenshot is one whole image (no slices continued on the next page), scaled to fit.
    images = sorted((int(w), int(h)) for w, h in re.findall(rb"/Subtype /Image.*?/Width (\d+).*?/Height (\d+)", data, re.S))
    assert [w for w, _h in images] == [320, 700, 700] and min(h for _w, h in images) >= 1500, images
    assert f"/Count {pages}".encode() in data  # the page tree has as many pages as were painted


def test_zip_carries_workspace_images_and_points_the_html_at_them(tmp_path):
    """Issue 10.8: `asset:NAME` images come from the workspace, offline; hosted ones keep their hosted URL."""
    from engine.store import Workspace

    with Workspace.open(tmp_path / "w.db") as ws:
        ws.assets.add("newsletter/hero.png", PNG)
        ws.assets.add("logo.png", PNG)
        ws.assets.set_url("logo.png", "https://userimg.example/logo.png")
        html = ('<img src="asset:newsletter/hero.png" alt="Hero"><img src="asset:logo.png" alt="Logo">'
                '<div style="background:url(asset:newsletter/hero.png)"></div><img src="asset:gone.png" alt="x">')
        report = write_zip(str(tmp_path / "a.zip"), "News", html, "", fetch=False, assets=ws.assets)
    with zipfile.ZipFile(tmp_path / "a.zip") as z:
        assert z.read("images/newsletter/hero.png") == PNG and z.read("images/logo.png") == PNG
        out = z.read("News.html").decode()
    assert out == ('<img src="images/newsletter/hero.png" alt="Hero"><img src="https://userimg.example/logo.png" alt="Logo">'
                   '<div style="background:url(images/newsletter/hero.png)"></div><img src="asset:gone.png" alt="x">')
    assert report.images == ["images/newsletter/hero.png", "images/logo.png"]
    assert report.notes == ["asset:gone.png: skipped, no such image in the workspace"]
