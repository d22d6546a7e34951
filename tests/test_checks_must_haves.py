"""Must-haves 24–29 of design-studio.md §16, where they concern what the checks see."""
from __future__ import annotations

from pathlib import Path

from engine.checks import build, check_images, check_links, check_size
from engine.checks.urls import image_signature, link_signature
from engine.transformers import TransformerSettings
from engine.transformers.settings import UrlParameter

RETAILER = (Path(__file__).parent / "data" / "transformers" / "retailer_newsletter.html").read_text()


def test_24_transformers_change_the_checked_html_never_the_source():
    source = RETAILER
    plain = build(source)
    settings = TransformerSettings()
    settings.url_parameters.enabled = True
    settings.url_parameters.parameters = [UrlParameter("utm_source", "qa")]
    tracked = build(source, settings=settings)
    assert source == RETAILER  # the buffer is untouched
    plain_urls = {p.extra["url"] for p in check_links(plain, offline=True)}
    tracked_urls = {p.extra["url"] for p in check_links(tracked, offline=True)}
    assert tracked_urls - plain_urls == {"https://www.example-shop.com/sale?ref=newsletter&utm_source=qa#top"}
    # Off and on again: the sub-options come back, and so does the same result.
    settings.url_parameters.enabled = False
    assert build(source, settings=settings).html == plain.html
    settings.url_parameters.enabled = True
    assert build(source, settings=settings).html == tracked.html


def test_25_cleanup_removes_unused_css_from_what_is_shipped():
    settings = TransformerSettings()
    settings.remove_unused_css.enabled = True
    b = build(RETAILER, settings=settings)
    assert ".legacy-promo-banner" in build(RETAILER).html and ".legacy-promo-banner" not in b.html
    assert "a[x-apple-data-detectors]" in b.html and "span.MsoHyperlink" in b.html


def test_26_css_variables_resolved_before_the_client_support_check():
    from engine.checks import check_client_support

    settings = TransformerSettings()
    settings.css_variables.enabled = True
    before = {p.extra["slug"] for p in check_client_support(build(RETAILER))}
    after = {p.extra["slug"] for p in check_client_support(build(RETAILER, settings=settings))}
    assert "css-variables" in before and "css-variables" not in after


def test_27_url_parameters_skip_ignored_links_in_the_links_check():
    source = ('<html><body><a href="https://a.com/x">x</a>'
              '<a href="https://a.com/keep" data-ignore-params>k</a></body></html>')
    settings = TransformerSettings()
    settings.url_parameters.enabled = True
    settings.url_parameters.parameters = [UrlParameter("utm_source", "hello world")]
    urls = [p.extra["url"] for p in check_links(build(source, settings=settings), offline=True)]
    assert urls == ["https://a.com/x?utm_source=hello%20world", "https://a.com/keep"]


def test_28_minify_makes_the_measured_size_smaller():
    settings = TransformerSettings()
    settings.formatter.type = "minify"
    before = check_size(build(RETAILER))[0].extra["bytes"]
    after = check_size(build(RETAILER, settings=settings))[0].extra["bytes"]
    assert after < before


def test_29_each_unique_url_once_and_in_sync_until_the_urls_change():
    source = ('<html><body>\n<a href="https://a.example/x">one</a>\n<a href="https://a.example/x">two</a>\n'
              '<img src="https://a.example/i.png" alt="i"><img src="https://a.example/i.png" alt="i">\n</body></html>')
    b = build(source)
    links = check_links(b, offline=True)
    images = [p for p in check_images(b, offline=True) if p.rule != "images/alt"]
    assert len(links) == 1 and links[0].extra["occurrences"] == 2
    assert len(images) == 1 and images[0].extra["occurrences"] == 2
    edited_text = build(source.replace("one", "the first one"))
    assert link_signature(edited_text) == link_signature(b)  # In Sync
    assert image_signature(edited_text) == image_signature(b)
    edited_url = build(source.replace("https://a.example/x", "https://a.example/y", 1))
    assert link_signature(edited_url) != link_signature(b)  # Refresh


def test_29_untracked_text_link_keeps_its_url_in_the_links_check():
    source = '<x-base>\n<x-paragraph><a href="https://a.example/u" class="untracked">u</a></x-paragraph>\n</x-base>'
    [link] = check_links(build(source), offline=True)
    assert link.extra["url"] == "https://a.example/u" and (link.line, link.column) == (2, 14)
