"""Switching the theme in Settings re-themes the whole window at once, both ways (issue 10 #3).

The user opens Settings, clicks the Theme dropdown and picks Dark (then Light)
with the keyboard in its popup; the test then reads what is on screen: the
palette each visible widget actually paints with, text contrast (WCAG ratio
≥ 4.5 for body text) and pixels grabbed from the files table.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QLabel

from app.main_window import FILES, SETTINGS
from tests.component_gui_helpers import file_named, sample, sample_window  # noqa: F401
from tests.gui_helpers import settings, window, workspace  # noqa: F401


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_contrast(label: QLabel) -> float:
    """The label's text colour (what its style sheet resolved) against the background it sits on."""
    pal = label.palette()
    return contrast(pal.color(label.foregroundRole()), pal.color(QPalette.ColorRole.Window))


def choose_theme(qtbot, window, label: str) -> None:
    """Click the Theme dropdown, move to `label` with the arrow keys, press Return."""
    combo: QComboBox = window.screen(SETTINGS).theme_combo
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    popup = combo.view()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    target = combo.findText(label)
    key = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    for _ in range(abs(target - popup.currentIndex().row())):
        qtbot.keyClick(popup, key)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=2000)
    assert combo.currentText() == label


def pixel(widget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


def dark(color: QColor) -> bool:
    return color.lightness() < 128


def test_theme_switch_from_settings_rethemes_every_visible_widget_both_ways(qtbot, window, settings):
    files = window.file_manager
    table = files.table
    qtbot.mouseClick(window.rail.buttons[SETTINGS], Qt.MouseButton.LeftButton)
    page = window.screen(SETTINGS)
    hint = page.keyring_note  # a "color: palette(placeholder-text)" hint
    title = page.findChild(QLabel, "screenTitle")  # under the window's style sheet
    assert not dark(table.palette().color(QPalette.ColorRole.Base))

    choose_theme(qtbot, window, "Dark")
    assert settings.value("appearance/theme") == "dark"
    for widget in (table, title, hint, window.rail, page.location):
        assert dark(widget.palette().color(QPalette.ColorRole.Window)), widget.objectName()
    assert dark(table.palette().color(QPalette.ColorRole.Base))
    assert dark(page.location.palette().color(QPalette.ColorRole.Base))
    assert text_contrast(title) >= 4.5
    assert text_contrast(hint) >= 4.5
    assert not dark(title.palette().color(QPalette.ColorRole.WindowText))
    qtbot.mouseClick(window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    assert dark(pixel(table.viewport(), table.viewport().width() - 5, table.viewport().height() - 5))
    assert dark(pixel(window.rail, 50, window.rail.height() - 20))

    qtbot.mouseClick(window.rail.buttons[SETTINGS], Qt.MouseButton.LeftButton)
    choose_theme(qtbot, window, "Light")
    assert settings.value("appearance/theme") == "light"
    for widget in (table, title, hint, window.rail, page.location):
        assert not dark(widget.palette().color(QPalette.ColorRole.Window)), widget.objectName()
    assert not dark(table.palette().color(QPalette.ColorRole.Base))
    assert text_contrast(title) >= 4.5
    assert text_contrast(hint) >= 4.5
    assert dark(title.palette().color(QPalette.ColorRole.WindowText))
    qtbot.mouseClick(window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    assert not dark(pixel(table.viewport(), table.viewport().width() - 5, table.viewport().height() - 5))
    assert not dark(pixel(window.rail, 50, window.rail.height() - 20))


def test_theme_switch_reaches_open_editors_and_canvases(qtbot, sample_window, sample):
    window = sample_window
    editor = window.open_document(f"email:{file_named(sample, 'Newsletter').id}")
    canvas = window.open_document(f"campaign:{sample.campaigns.list()[0].id}")
    node = next(iter(canvas.scene.nodes.values()))
    canvas.view.centerOn(node)
    # inside a block, clear of its text: the block's fill, painted (and cached) in the light theme first
    spot = canvas.view.mapFromScene(node.mapToScene(node.boundingRect().right() - 20, 58))
    qtbot.waitUntil(lambda: not dark(pixel(canvas.view.viewport(), spot.x(), spot.y())), timeout=2000)
    qtbot.mouseClick(window.rail.buttons[SETTINGS], Qt.MouseButton.LeftButton)
    choose_theme(qtbot, window, "Dark")
    assert all(ed._theme == "dark" for ed in editor.editors.values())
    bar = editor.devtools.tab_bar  # the checks drawer: tabs not in alarm follow the theme's text colour
    source = next(i for i in range(bar.count()) if bar.tabText(i).startswith("Source"))
    shown = bar.tabTextColor(source)
    if not shown.isValid():  # no colour of its own: the bar's
        shown = bar.palette().color(QPalette.ColorRole.WindowText)
    assert contrast(shown, bar.palette().color(QPalette.ColorRole.Window)) >= 4.5
    assert canvas.scene.theme.dark
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(canvas)).center())
    qtbot.wait(300)  # the minimap re-renders the scene meanwhile
    assert dark(pixel(canvas.view.viewport(), spot.x(), spot.y()))  # the dark fill, not a stale white cache
    qtbot.mouseClick(window.rail.buttons[SETTINGS], Qt.MouseButton.LeftButton)
    choose_theme(qtbot, window, "Light")
    assert all(ed._theme == "light" for ed in editor.editors.values())
    assert not canvas.scene.theme.dark
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(window.tabs.indexOf(canvas)).center())
    qtbot.wait(300)
    assert not dark(pixel(canvas.view.viewport(), spot.x(), spot.y()))
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 128


def test_a_canvas_on_screen_follows_the_system_switching_to_dark(qtbot, sample_window, sample):
    """The canvas in front while the desktop turns dark: its blocks repaint dark (no stale white cache)."""
    window = sample_window
    canvas = window.open_document(f"campaign:{sample.campaigns.list()[0].id}")
    node = next(iter(canvas.scene.nodes.values()))
    canvas.view.centerOn(node)
    spot = canvas.view.mapFromScene(node.mapToScene(node.boundingRect().right() - 20, 58))
    qtbot.waitUntil(lambda: not dark(pixel(canvas.view.viewport(), spot.x(), spot.y())), timeout=2000)
    qtbot.wait(1000)  # the user looks at it a while: view and minimap have painted (and cached) it
    assert window.theme.preference == "system"
    # Emitting colorSchemeChanged stands in for the OPERATING SYSTEM switching its scheme (no input event
    # of this app can do that, and the offscreen platform has no desktop scheme to flip).
    QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    try:
        qtbot.wait(300)  # the minimap re-renders the scene meanwhile
        assert canvas.scene.theme.dark
        assert dark(pixel(canvas.view.viewport(), spot.x(), spot.y()))
    finally:
        QApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
