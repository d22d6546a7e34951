"""The WebEngine harness: widths drive media queries, dark emulation is per page, probes return JSON."""
from __future__ import annotations

import pytest

PAGE = """<!doctype html><html><head><style>
  body { margin: 0; }
  .text { color: rgb(0, 0, 0); background: rgb(255, 255, 255); }
  @media (prefers-color-scheme: dark) { .text { color: rgb(255, 255, 255) !important; background: rgb(17, 17, 17); } }
  .desktop-only { display: block; height: 40px; }
  @media (max-width: 600px) { .desktop-only { display: none !important; } }
</style></head><body>
  <p class="text" id="t">Hello</p>
  <div class="desktop-only" id="d">Wide screens only</div>
  <div id="box" style="width: 120px; height: 30px; margin-left: 10px"></div>
</body></html>"""


def test_dark_scheme_flips_the_colour_and_light_flips_it_back(web_render):
    assert web_render(PAGE, scheme="dark").style("#t", "color") == "rgb(255, 255, 255)"
    again = web_render(PAGE, scheme="dark")  # the emulation survives the next load
    assert again.style("#t", "background-color") == "rgb(17, 17, 17)"
    assert again.js("matchMedia('(prefers-color-scheme: dark)').matches") is True
    light = web_render(PAGE, scheme="light")
    assert light.style("#t", "color") == "rgb(0, 0, 0)"
    assert light.js("matchMedia('(prefers-color-scheme: dark)').matches") is False


def test_dark_emulation_belongs_to_one_page_only(web_harness, qapp):
    from widgets.preview.harness import WebHarness

    other = WebHarness()
    try:
        web_harness.render(PAGE, scheme="dark")
        other.render(PAGE, scheme="light")
        assert web_harness.evaluate("getComputedStyle(document.getElementById('t')).color") == "rgb(255, 255, 255)"
        assert other.evaluate("getComputedStyle(document.getElementById('t')).color") == "rgb(0, 0, 0)"
    finally:
        other.close()
        web_harness.set_color_scheme("light")


def test_max_width_media_query_follows_the_css_width(web_render):
    narrow = web_render(PAGE, width=375)
    assert narrow.js("window.innerWidth") == 375
    assert narrow.display("#d") == "none" and not narrow.visible("#d")
    wide = web_render(PAGE, width=700)
    assert wide.display("#d") == "block" and wide.visible("#d")
    assert wide.rect("#d") == {"x": 0, "y": pytest.approx(wide.rect("#d")["y"]), "width": 700, "height": 40}


def test_probe_returns_json_values_and_reports_script_errors(web_render):
    from widgets.preview.harness import WebEngineError

    page = web_render(PAGE)
    assert page.js("[1, 'a', {b: null}]") == [1, "a", {"b": None}]
    assert page.rect("#box") == {"x": 10, "y": pytest.approx(page.rect("#box")["y"]), "width": 120, "height": 30}
    assert page.rect(".missing") is None
    with pytest.raises(WebEngineError, match="ReferenceError"):
        page.js("notDefined.x")


def test_page_scripts_do_not_run_but_probes_do(web_render):
    page = web_render("<p id=p>static</p><script>document.getElementById('p').textContent='changed'</script>")
    assert page.js("document.getElementById('p').textContent") == "static"


def test_base_url_is_https_placeholder(web_render):
    assert web_render("<p>x</p>").js("document.baseURI") == "https://preview.invalid/"


def test_rerender_is_fast(web_render):
    web_render(PAGE, width=375)
    times = [web_render(PAGE, width=375).elapsed_ms for _ in range(5)]
    assert sorted(times)[2] < 500
