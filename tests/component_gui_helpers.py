"""Fixtures for the custom-component GUI tests: the sample workspace, with a second use of <promo-card>."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from engine.store import Workspace
from tests.gui_helpers import open_main_window

SPRING_SOURCE = """<x-base>
  <x-section>
    <x-heading-1>Spring sale</x-heading-1>
    <promo-card code="SPRING" headline="Spring deal"></promo-card>
    <x-paragraph>See you soon.</x-paragraph>
  </x-section>
</x-base>
"""


def make_sample(path) -> Workspace:
    from engine.sample import create_sample

    ws = Workspace.open(path)
    create_sample(ws, people=20)
    ws.files.create_email("Spring sale", source=SPRING_SOURCE)
    return ws


def file_named(ws, name: str):
    return next(f for f in ws.files.all() if f.name == name)


@pytest.fixture
def sample(tmp_path):
    ws = make_sample(tmp_path / "sample.db")
    yield ws
    ws.close()


@pytest.fixture
def sample_window(qtbot, sample, settings):
    return open_main_window(qtbot, sample, settings, size=(1440, 900))


def click_in_popup(text: str, picked: list, timeout_ms: int = 3000) -> QTimer:
    """When the next popup menu shows, record its entries in `picked` and trigger the one labelled `text`."""
    timer = QTimer()
    left = [timeout_ms]

    def poll():
        left[0] -= 10
        menu = QApplication.activePopupWidget()
        if menu is not None:
            timer.stop()
            picked.extend(a.text() for a in menu.actions() if not a.isSeparator())
            action = next((a for a in menu.actions() if a.text() == text), None)
            menu.close()
            if action is not None:
                action.trigger()
        elif left[0] <= 0:
            timer.stop()

    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    return timer
