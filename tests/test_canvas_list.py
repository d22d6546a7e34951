"""The campaign list: create, duplicate, delete, status, import/export files (bad files reported with a location)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from canvas_helpers import SAMPLES, make_workspace  # noqa: E402
from app.screens.campaigns import CampaignsScreen  # noqa: E402
from engine.journeys import CampaignFormatError, load_campaign  # noqa: E402


@pytest.fixture
def screen(qtbot, tmp_path):
    ws = make_workspace(tmp_path)
    s = CampaignsScreen(ws)
    qtbot.addWidget(s)
    return s


def test_create_duplicate_status_delete(qtbot, screen):
    opened = []
    screen.openRequested.connect(opened.append)
    cid = screen.create("Win-back")
    assert opened == [f"campaign:{cid}"] and screen.names() == ["Win-back"]
    copy = screen.duplicate_selected()
    assert screen.names() == ["Win-back", "Win-back copy"]
    assert screen.ws.campaigns.get(copy).workflow == screen.ws.campaigns.get(cid).workflow
    screen.set_status("running")
    assert screen.ws.campaigns.get(copy).status == "running"
    assert screen.delete_selected(confirm=False)
    assert screen.names() == ["Win-back"]


def test_import_export_round_trip(qtbot, screen, tmp_path):
    for path in SAMPLES:
        cid = screen.import_file(path)
        out = tmp_path / path.name
        screen.export_file(cid, out)
        assert load_campaign(out).to_json() == load_campaign(path).to_json()
    assert len(screen.names()) == len(SAMPLES)


def test_a_bad_file_is_reported_with_its_line_and_field(qtbot, screen, tmp_path):
    data = json.loads(SAMPLES[0].read_text())
    data["workflow"]["blocks"][0]["settings"]["amount"] = "ten"
    bad = tmp_path / "bad.campaign.json"
    bad.write_text(json.dumps(data, indent=2))
    with pytest.raises(CampaignFormatError) as info:
        screen.import_file(bad)
    problem = info.value.problems[0]
    assert problem.line > 1 and "amount" in problem.extra["path"]
    assert screen.names() == []


def test_steps_is_0_for_a_new_campaign_and_follows_a_save_on_the_canvas_without_f5(qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QPushButton

    from app.main_window import CAMPAIGNS
    from canvas_helpers import click, drop
    from engine.journeys import TRIGGER
    from gui_helpers import open_main_window, when_dialog

    ws = make_workspace(tmp_path)
    window = open_main_window(qtbot, ws, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.show_screen(CAMPAIGNS)
    screen = window.screen(CAMPAIGNS)

    def name_it(dialog):  # the "New campaign" QInputDialog
        dialog.setTextValue("Win-back")
        dialog.accept()

    answer = when_dialog(name_it)
    click(next(b for b in screen.findChildren(QPushButton) if b.objectName() == "newCampaign"))
    qtbot.waitUntil(lambda: answer.done, timeout=3000)
    item = screen.list.topLevelItem(0)
    assert (item.text(0), item.text(2)) == ("Win-back", "0")
    doc = window.tabs.currentWidget()
    assert getattr(doc, "kind", "") == "campaign"
    drop(doc, "time_delay", TRIGGER)
    click(doc.toolbar.widgetForAction(doc.save_action))
    assert screen.list.topLevelItem(0).text(2) == "1"  # no F5
