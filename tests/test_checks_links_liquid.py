"""Issue 10 #12: a URL Liquid writes is "not checked (Liquid)", never "http — not secure".

`{% unsubscribe_url %}` and a preferences link from a variable have no
scheme until send time; only a URL that writes `http:` itself before its
Liquid can be judged insecure.
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from engine.checks import build, check_images, check_links
from tests.test_devtools_drawer import _row, open_email  # noqa: F401  (fixture)
from tests.gui_helpers import settings  # noqa: F401

SOURCE = """<x-base lang="en" dir="ltr">
  <x-section>
    <x-paragraph><a href="{% unsubscribe_url %}">Unsubscribe</a></x-paragraph>
    <x-paragraph><a href="{{ customer.preferences_url }}">Preferences</a></x-paragraph>
    <x-paragraph><a href="http://legacy.example/{{ customer.id }}">Old profile</a></x-paragraph>
    <x-paragraph><a href="https://lumen.example/?u={{ customer.id }}">Profile</a></x-paragraph>
    <x-image src="{{ customer.avatar_url }}" alt="You"></x-image>
  </x-section>
</x-base>
"""


def _by_url(findings):
    return {p.extra["url"]: p for p in findings}


def test_liquid_urls_are_not_judged_on_a_scheme_they_do_not_show():
    b = build(SOURCE)
    links = _by_url(check_links(b, offline=True))
    for url in ("{% unsubscribe_url %}", "{{ customer.preferences_url }}"):
        assert links[url].extra["secure"] is None and links[url].extra["liquid"] is True
        assert "secure" not in links[url].message and links[url].rule == "links/not-checked"
    assert links["http://legacy.example/{{ customer.id }}"].extra["secure"] is False  # says http itself
    assert links["https://lumen.example/?u={{ customer.id }}"].extra["secure"] is True
    images = _by_url(check_images(b, offline=True))
    assert images["{{ customer.avatar_url }}"].extra["secure"] is None


def test_links_tab_shows_only_not_checked_liquid(qtbot, open_email):
    w = open_email(SOURCE)
    bar = w.devtools.tab_bar
    index = next(i for i in range(bar.count()) if bar.tabText(i).startswith("Links"))
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    links = w.devtools.links
    qtbot.waitUntil(lambda: links.tree.topLevelItemCount() == 4, timeout=10000)
    for url in ("{% unsubscribe_url %}", "{{ customer.preferences_url }}"):
        row = _row(links, url)
        assert row.text(2) == "not checked (Liquid)"
        assert "not secure" not in row.text(1) and row.text(1) == "—"
    assert _row(links, "http://legacy.example/{{ customer.id }}").text(1) == "http — not secure"
