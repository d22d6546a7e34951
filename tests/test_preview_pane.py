"""The live preview pane: each control changes the page as a user would see it."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, Qt

from engine.preview import compile_for_preview, vision
from widgets.preview.harness import BASE_URL

MUST_HAVE_1 = """<x-base>
  <x-section :background="{ light: '#ffffff', dark: '#111111' }">
    <x-paragraph :color="{ light: '#000000', dark: '#ffffff' }">Welcome aboard!</x-paragraph>
  </x-section>
</x-base>"""


@pytest.fixture(scope="module")
def pane(qapp):
    from editor.preview.pane import PreviewPane

    p = PreviewPane()
    p.resize(900, 700)
    p.show()
    yield p
    from PySide6.QtCore import QCoreApplication, QEvent

    p.close_preview()
    p.close()
    p.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def show(qtbot, pane, html, **controls):
    """Set controls, then the HTML, and wait until the pane has rendered."""
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.set_scheme(controls.get("scheme", "light"))
        pane.set_vision(controls.get("vision"))
        pane.set_block_images(controls.get("block_images", False))
        pane.set_block_styles(controls.get("block_styles", False))
        pane.set_device(controls.get("device", "Desktop"))
        pane.set_html(html)


def js(qtbot, pane, expression):
    from PySide6.QtWebEngineCore import QWebEngineScript

    out = []
    pane.page.runJavaScript(f"JSON.stringify({expression})", QWebEngineScript.ScriptWorldId.ApplicationWorld, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=5000)
    return json.loads(out[0])


def pixel_becomes(qtbot, pane, point, predicate, timeout=5000):
    """The live view's grab at `point` satisfies `predicate` (frames arrive a little after the load)."""
    seen = []

    def check():
        c = pane.view.grab().toImage().pixelColor(point)
        seen.append(c.getRgb()[:3])
        return predicate(seen[-1])

    try:
        qtbot.waitUntil(check, timeout=timeout)
    except Exception:
        pytest.fail(f"pixel at {point} never matched; last {seen[-1] if seen else None}")
    return seen[-1]


def test_dark_mode_turns_the_must_have_paragraph_white(qtbot, pane):
    html = compile_for_preview(MUST_HAVE_1).marked_html
    show(qtbot, pane, html, scheme="dark")
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('p')).color") == "rgb(255, 255, 255)"
    show(qtbot, pane, html, scheme="light")
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('p')).color") == "rgb(0, 0, 0)"


@pytest.mark.parametrize("scheme", ["forced-dark-outlook", "forced-dark-google"])
def test_forced_dark_turns_a_white_background_dark(qtbot, pane, scheme):
    html = '<html><body style="margin:0"><div style="background:#ffffff;color:#000000;height:300px">Text</div></body></html>'
    show(qtbot, pane, html)
    pixel_becomes(qtbot, pane, QPoint(200, 150), lambda c: c == (255, 255, 255))
    show(qtbot, pane, html, scheme=scheme)
    dark = pixel_becomes(qtbot, pane, QPoint(200, 150), lambda c: max(c) < 70)
    assert max(dark) < 70
    # the emulation does not pretend to be the email's own dark mode
    assert js(qtbot, pane, "matchMedia('(prefers-color-scheme: dark)').matches") is False


def _png_data_url() -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    img = QImage(40, 20, QImage.Format.Format_RGB32)
    img.fill(QColor("#00aa00"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return "data:image/png;base64," + bytes(data.toBase64()).decode()


def test_block_images_hides_images_and_shows_alt_text(qtbot, pane):
    html = (f'<html><body><img id="i" src="{_png_data_url()}" alt="Lumen logo" style="display:block">'
            '<div id="b" style="background:url(https://preview.invalid/bg.png) #ffffff;height:20px"></div></body></html>')
    show(qtbot, pane, html)
    assert js(qtbot, pane, "document.getElementById('i').naturalWidth") == 40
    show(qtbot, pane, html, block_images=True)
    img = js(qtbot, pane, "(function(i){var r=i.getBoundingClientRect();return {tag:i.tagName,src:i.getAttribute('src'),"
                          "text:i.innerText,rw:r.width,rh:r.height}})(document.getElementById('i'))")
    assert img["tag"] == "SPAN" and img["src"] is None and img["text"] == "Lumen logo"  # Gmail's box with the alt text
    assert img["rw"] > 0 and img["rh"] > 0  # the alt text takes room on the page
    assert js(qtbot, pane, "document.images.length") == 0
    assert js(qtbot, pane, "getComputedStyle(document.getElementById('b')).backgroundImage") == "none"


def test_block_styles_removes_style_blocks(qtbot, pane):
    html = '<html><head><style>.big{font-size:40px}</style></head><body><p class="big" style="color:#123456">x</p></body></html>'
    show(qtbot, pane, html)
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('.big')).fontSize") == "40px"
    show(qtbot, pane, html, block_styles=True)
    assert js(qtbot, pane, "document.querySelectorAll('style:not([data-cs-preview]), link').length") == 0
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('.big')).fontSize") == "16px"
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('.big')).color") == "rgb(18, 52, 86)"


@pytest.mark.parametrize("kind", vision.KINDS)
def test_each_vision_filter_changes_pure_red_as_its_matrix_predicts(qtbot, pane, kind):
    html = '<html><body style="margin:0;background:#ffffff"><div style="background:#ff0000;height:200px"></div></body></html>'
    show(qtbot, pane, html)
    pixel_becomes(qtbot, pane, QPoint(100, 100), lambda c: c == (255, 0, 0))
    expected = vision.simulate((255, 0, 0), kind)
    show(qtbot, pane, html, vision=kind)
    got = pixel_becomes(qtbot, pane, QPoint(100, 100), lambda c: max(abs(a - b) for a, b in zip(c, expected)) <= 6)
    assert got != (255, 0, 0)
    # white stays white under every simulation, also below the content
    pixel_becomes(qtbot, pane, QPoint(100, 400), lambda c: min(c) >= 250)


def test_devices_set_the_css_width(qtbot, pane):
    html = "<html><body><p>w</p></body></html>"
    for device, width in (("Mobile", 320), ("iPhone 15", 393), ("Outlook desktop", 1024), ("Desktop", 700)):
        show(qtbot, pane, html, device=device)
        qtbot.waitUntil(lambda: js(qtbot, pane, "window.innerWidth") == width, timeout=5000)
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.set_viewport_size(500, 400)
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.innerWidth") == 500, timeout=5000)
    assert pane.frame.right.isVisible() and pane.frame.bottom.isVisible()
    show(qtbot, pane, html, device="Desktop")
    assert not pane.frame.right.isVisible()


def test_inspect_element_click_reports_the_source_line(qtbot, pane):
    from PySide6.QtTest import QTest

    html = compile_for_preview(MUST_HAVE_1).marked_html
    show(qtbot, pane, html)
    rect = js(qtbot, pane, "(function(r){return {x:r.x+5,y:r.y+5}})(document.querySelector('p').getBoundingClientRect())")
    pane.inspect_button.setChecked(True)
    try:
        qtbot.waitUntil(lambda: pane.view.focusProxy() is not None, timeout=3000)
        pane._hook_proxy()
        with qtbot.waitSignal(pane.source_position_clicked, timeout=5000) as sig:
            QTest.mouseClick(pane.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(int(rect["x"]), int(rect["y"])))
        assert sig.args == [3, 5]
    finally:
        pane.inspect_button.setChecked(False)


def test_focus_mode_outlines_the_element_for_a_source_line(qtbot, pane):
    html = compile_for_preview(MUST_HAVE_1).marked_html
    show(qtbot, pane, html)
    got = []
    pane.highlight_source_line(3, got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == ["3:5"]
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('p')).outlineStyle") == "solid"
    got.clear()
    pane.focus_at(QPoint(5, 5), got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert js(qtbot, pane, "document.querySelectorAll('[data-cs-focus]').length") == 1


def test_link_clicks_do_not_navigate_and_page_scripts_do_not_run(qtbot, pane):
    from PySide6.QtTest import QTest

    html = ('<html><body style="margin:0"><a id="a" href="https://example.com/" style="display:block;height:300px">go</a>'
            '<script>document.body.setAttribute("data-ran","1")</script></body></html>')
    show(qtbot, pane, html)
    pane._hook_proxy()
    QTest.mouseClick(pane.view.focusProxy(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(50, 50))
    qtbot.wait(400)
    assert pane.page.url().toString() == BASE_URL
    assert js(qtbot, pane, "document.getElementById('a') !== null && document.body.getAttribute('data-ran')") is None


def test_rerender_keeps_the_scroll_position(qtbot, pane):
    html = '<html><body><div style="height:4000px">tall</div></body></html>'
    show(qtbot, pane, html)
    js(qtbot, pane, "(window.scrollTo(0, 800), true)")
    qtbot.waitUntil(lambda: pane._scroll.y() == 800, timeout=3000)
    show(qtbot, pane, html.replace("tall", "taller"))
    qtbot.waitUntil(lambda: js(qtbot, pane, "window.scrollY") == 800, timeout=3000)


def test_liquid_errors_show_errors_found_and_the_email_unrendered(qtbot, pane):
    html = "<html><body><p>Hi {{ customer.first_name }}</p></body></html>"
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.set_html(html)
        pane.sample.set_json('{"customer": {"first_name": "Ada"}}')
    assert not pane.banner.isVisibleTo(pane)
    assert js(qtbot, pane, "document.querySelector('p').textContent") == "Hi Ada"
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.sample.set_json('{"customer": {}}')
    assert pane.banner.isVisibleTo(pane) and pane.banner.text().startswith("Errors found (1)")
    assert "customer.first_name" in pane.error_list.item(0).text()
    assert js(qtbot, pane, "document.querySelector('p').textContent") == "Hi {{ customer.first_name }}"
    with qtbot.waitSignal(pane.rendered, timeout=10000):
        pane.sample.set_json("")


def test_source_view_and_size_warning(qtbot, pane):
    html = compile_for_preview(MUST_HAVE_1).marked_html
    show(qtbot, pane, html)
    assert "data-cs-src" not in pane.source_view.toPlainText() and "Welcome aboard!" in pane.source_view.toPlainText()
    assert pane.size_label.text().endswith("KB") and "⚠" not in pane.size_label.text()
    big = html.replace("Welcome aboard!", "x" * (110 * 1024))
    show(qtbot, pane, big)
    assert pane.size_label.text().startswith("⚠") and "Gmail" in pane.size_label.toolTip()


def test_screenshot_is_the_full_page_height(qtbot, pane):
    html = '<html><body style="margin:0"><div style="height:2500px;background:#00ff00"></div><div style="height:50px;background:#0000ff"></div></body></html>'
    show(qtbot, pane, html, device="Mobile")
    image = pane.screenshot()
    assert image.width() == 320 and image.height() == 2550
    assert image.pixelColor(10, 2530).getRgb()[:3] == (0, 0, 255)
    show(qtbot, pane, html, device="Desktop")


def test_sample_newsletter_images_show_offline_and_blocking_shows_alt_text(qtbot, pane, tmp_path):
    """Issue 10.8 in the app's pane: workspace images load offline; the Block images button shows alt boxes."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from engine.preview import compile_for_preview
    from engine.sample import create_sample
    from engine.store import Workspace
    from engine.styles import GlobalStyles

    ws = Workspace.open(tmp_path / "s.db")
    create_sample(ws, people=2)
    ws.assets.add("logo-light.png", ws.assets.get("social/x.png").data)  # the workspace's copy wins
    info = next(f for f in ws.files.all() if f.name == "Newsletter")
    html = compile_for_preview(ws.files.source(info.ref), styles=GlobalStyles.from_json(ws.styles.get()),
                               components=ws).marked_html
    try:
        pane.set_workspace(ws)
        show(qtbot, pane, html)
        broken = "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length"
        qtbot.waitUntil(lambda: js(qtbot, pane, "document.images.length") == 11 and js(qtbot, pane, broken) == 0,
                        timeout=5000)
        assert js(qtbot, pane, "document.querySelector('img[alt=Lumen]').naturalWidth") == 56  # from the workspace
        with qtbot.waitSignal(pane.rendered, timeout=10000):
            QTest.mouseClick(pane.images_button, Qt.MouseButton.LeftButton)
        assert pane.mode.block_images
        text = js(qtbot, pane, "document.body.innerText")
        assert "A dashboard glowing on a laptop at dusk" in text and "Lumen on Instagram" in text
        assert js(qtbot, pane, "document.images.length") == 0
        with qtbot.waitSignal(pane.rendered, timeout=10000):
            QTest.mouseClick(pane.images_button, Qt.MouseButton.LeftButton)
    finally:
        pane.set_workspace(None)
        ws.close()


def test_qa_matrix_sheet_is_titled_with_the_emails_name(qtbot, qapp, tmp_path):
    """Issue 10.14: the exported QA sheet said only "QA matrix"; it names the email its editor holds."""
    from types import SimpleNamespace

    from PySide6.QtGui import QImage
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from editor.preview.pane import PreviewPane

    editor = QWidget()
    editor.doc = SimpleNamespace(name="Spring newsletter")
    qtbot.addWidget(editor)
    pane = PreviewPane(editor)
    QVBoxLayout(editor).addWidget(pane)
    editor.resize(900, 700)
    editor.show()
    try:
        with qtbot.waitSignal(pane.rendered, timeout=10000):
            pane.set_html("<html><body style='margin:0;background:#fff'><p>Hi</p></body></html>")
        QTest.mouseClick(pane.matrix_button, Qt.MouseButton.LeftButton)
        dialog = next(w for w in pane.findChildren(QWidget) if w.windowTitle().startswith("QA matrix"))
        assert dialog.windowTitle() == "QA matrix — Spring newsletter"
        out = tmp_path / "sheet.png"
        assert dialog.export(str(out))
        sheet = QImage(str(out))
        untitled_height = sheet.height() - 44  # compose_sheet's title band
        assert untitled_height > 0 and dialog.sheet().height() == sheet.height()
        dialog.close()
    finally:
        pane.close_preview()


def test_desktop_fits_the_pane_by_default_and_100_percent_is_true_size(qtbot, qapp):
    """Issue 10.9: at 1280×800 the pane beside the code is narrower than Desktop 700, which scrolled sideways.
    Fit scales with the zoom factor (the page still lays out at 700 CSS px, so media queries see the
    device width); 100% keeps true size (and scrolls)."""
    from PySide6.QtTest import QTest

    from editor.preview.pane import PreviewPane

    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(560, 700)
    pane.show()
    html = ("<html><head><style>@media (min-width: 600px){#w{color:rgb(0,0,255)}}</style></head>"
            "<body style='margin:0'><div id='w' style='width:700px;height:40px'>wide</div></body></html>")
    try:
        with qtbot.waitSignal(pane.rendered, timeout=10000):
            pane.set_html(html)
        bar = pane.stage.horizontalScrollBar()
        qtbot.waitUntil(lambda: pane.zoom < 1.0, timeout=3000)
        assert pane.zoom_box.currentText() == f"Fit ({round(pane.zoom * 100)}%)"  # the scale is shown
        assert bar.maximum() == 0  # no horizontal scrolling
        assert pane.view.width() <= pane.stage.viewport().width()
        assert js(qtbot, pane, "window.innerWidth") == 700  # media queries see the device width
        assert js(qtbot, pane, "getComputedStyle(document.getElementById('w')).color") == "rgb(0, 0, 255)"

        # the user picks 100% with the keyboard (Fit, 50%, 75%, 100%)
        pane.zoom_box.setFocus()
        for _ in range(3):
            QTest.keyClick(pane.zoom_box, Qt.Key.Key_Down)
        assert pane.zoom_box.currentText() == "100%"
        qtbot.waitUntil(lambda: pane.view.width() == 700 and bar.maximum() > 0, timeout=3000)
        qtbot.waitUntil(lambda: js(qtbot, pane, "window.innerWidth") == 700, timeout=3000)
        assert abs(pane.view.zoomFactor() - 1.0) < 1e-6

        # back to Fit, then a wider pane: Fit never enlarges past 100%
        for _ in range(3):
            QTest.keyClick(pane.zoom_box, Qt.Key.Key_Up)
        pane.resize(1000, 700)
        qtbot.waitUntil(lambda: pane.zoom == 1.0 and pane.view.width() == 700, timeout=3000)
        assert pane.zoom_box.currentText() == "Fit (100%)" and bar.maximum() == 0
        # the whole label is readable in the box (it was cut to "Fit (100%" beside the device box)
        from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

        option = QStyleOptionComboBox()
        pane.zoom_box.initStyleOption(option)
        text_rect = pane.zoom_box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                                         QStyle.SubControl.SC_ComboBoxEditField, pane.zoom_box)
        assert pane.zoom_box.fontMetrics().horizontalAdvance("Fit (100%)") <= text_rect.width()
    finally:
        pane.close_preview()
