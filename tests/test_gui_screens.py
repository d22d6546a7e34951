"""Campaigns, People, Segments, Styles and Settings screens on a temporary workspace."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.main_window import CAMPAIGNS, PEOPLE, SEGMENTS, SETTINGS, STYLES
from tests.gui_helpers import click_tree_item, settings, window, workspace  # noqa: F401


def test_campaigns_list_opens_a_workflow_tab(qtbot, window, workspace):
    qtbot.mouseClick(window.rail.buttons[CAMPAIGNS], Qt.MouseButton.LeftButton)
    screen = window.screen(CAMPAIGNS)
    assert screen.names() == ["Onboarding"]
    item = screen.list.topLevelItem(0)
    assert item.text(1) == "draft" and item.text(2) == "1"
    click_tree_item(qtbot, screen.list, item, double=True)
    doc = window.tabs.currentWidget()
    assert doc.key == "campaign:1" and doc.title == "Onboarding"
    assert json.loads(doc.code.toPlainText()) == workspace.campaigns.get(1).workflow
    assert workspace.campaigns.get(1).opened_at is not None


def test_campaigns_screen_refreshes_when_shown(qtbot, window, workspace):
    qtbot.mouseClick(window.rail.buttons[CAMPAIGNS], Qt.MouseButton.LeftButton)
    workspace.campaigns.create("Win-back")
    qtbot.mouseClick(window.rail.buttons[STYLES], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.rail.buttons[CAMPAIGNS], Qt.MouseButton.LeftButton)
    assert window.screen(CAMPAIGNS).names() == ["Onboarding", "Win-back"]


def test_people_pages_and_search(qtbot, window):
    qtbot.mouseClick(window.rail.buttons[PEOPLE], Qt.MouseButton.LeftButton)
    screen = window.screen(PEOPLE)
    model = screen.model
    assert model.rowCount() == 100
    assert model.data(model.index(0, 0)) == "user-00001"
    assert model.data(model.index(0, 1)) == "person1@example.com"
    assert model.data(model.index(0, 3)) == "free"
    assert screen.pager_label.text() == "1–100 of 250"
    assert not screen.prev_button.isEnabled()
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.next_button, Qt.MouseButton.LeftButton)
    assert screen.pager_label.text() == "201–250 of 250"
    assert not screen.next_button.isEnabled() and model.data(model.index(0, 0)) == "user-00201"
    qtbot.mouseClick(screen.search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(screen.search, "person17@")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert model.data(model.index(0, 1)) == "person17@example.com"
    assert screen.pager_label.text() == "Matches 1–1"


def test_segments_list(qtbot, window):
    qtbot.mouseClick(window.rail.buttons[SEGMENTS], Qt.MouseButton.LeftButton)
    screen = window.screen(SEGMENTS)
    assert screen.names() == ["Pro users"]
    item = screen.list.topLevelItem(0)
    assert item.text(3) == "plan is equal to pro"  # in words, as the canvas words a trigger
    assert json.loads(item.toolTip(3)) == {"attribute": {"field": "plan", "operator": "eq", "value": "pro"}}


def test_styles_show_colours_fonts_and_component_defaults(qtbot, window, workspace):
    qtbot.mouseClick(window.rail.buttons[STYLES], Qt.MouseButton.LeftButton)
    screen = window.screen(STYLES)
    styles = workspace.styles.get()
    swatches = screen.scroll.widget().findChildren(QWidget, "swatch")
    assert len(swatches) == len(styles["colors"]) == 6
    texts = " ".join(w.text() for w in screen.scroll.widget().findChildren(type(screen.subtitle)))
    assert "#5B3FD9" in texts and "Helvetica" in texts
    tree = screen.tree
    components = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert components == list(styles["components"])
    paragraph = tree.topLevelItem(0)
    color_row = next(paragraph.child(i) for i in range(paragraph.childCount()) if paragraph.child(i).text(0) == "color")
    assert color_row.text(1).startswith("light: ink (#1F2330)")


def test_settings_show_the_workspace_location(qtbot, window, workspace, tmp_path):
    qtbot.mouseClick(window.rail.buttons[SETTINGS], Qt.MouseButton.LeftButton)
    screen = window.screen(SETTINGS)
    assert screen.location.text() == str(tmp_path / "ws.db")
    assert screen.location.isReadOnly()
