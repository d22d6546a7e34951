"""Helpers for the GUI tests: a small real workspace, private QSettings, dialog drivers.

Dialogs are driven as a user would: a timer waits for the modal dialog to
appear, types into it and presses its button. Only QMessageBox / QInputDialog
static calls are patched (at that boundary), never our own code.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox  # noqa: E402

from engine.store import Workspace  # noqa: E402
from engine.store.files import FileRef  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

WELCOME_SOURCE = """<x-base>
  <x-section>
    <x-heading-1>Welcome aboard</x-heading-1>
    <x-paragraph>Your promo code is inside.</x-paragraph>
    <x-paragraph>Use the PROMO before Friday; one promo per person.</x-paragraph>
  </x-section>
</x-base>
"""
NEWSLETTER_SOURCE = "<x-base>\n  <x-paragraph>Monthly news</x-paragraph>\n</x-base>\n"
TEMPLATE_SOURCE = "<x-base>\n  <x-section><x-heading-1>Template headline</x-heading-1></x-section>\n</x-base>\n"


def make_workspace(path: Path, people: int = 0) -> Workspace:
    """Folders Lifecycle/ and Archive/Old/, two emails, a template, a component, a campaign using Welcome."""
    ws = Workspace.open(path)
    files = ws.files
    lifecycle = files.create_folder("Lifecycle")
    archive = files.create_folder("Archive")
    files.create_folder("Old", archive.id)
    welcome = files.create_email("Welcome", lifecycle.id, source=WELCOME_SOURCE)
    files.create_email("Newsletter", source=NEWSLETTER_SOURCE)
    files.create_email("Basic layout", kind="template", source=TEMPLATE_SOURCE)
    files.create_component("Promo card", source="<script>\n  export const config = { label: \"Card\" };\n</script>\n<template><div>Card</div></template>\n")
    files.create_email("Old notice", archive.id, source="<x-base>old</x-base>")
    ws.campaigns.create("Onboarding", workflow={"nodes": [{"id": "a", "type": "email", "email_id": welcome.id}]})
    styles = json.loads((ROOT / "resources" / "sample" / "global-styles.json").read_text())
    ws.styles.set(styles)
    if people:
        start = datetime(2025, 1, 1)
        ws.people.bulk_insert(
            (
                {
                    "cio_id": f"cio{n:05d}",
                    "external_id": f"user-{n:05d}",
                    "email": f"person{n}@example.com",
                    "attributes": {"first_name": f"Name{n}", "plan": "pro" if n % 3 == 0 else "free", "country": "FR"},
                    "created_at": start + timedelta(hours=n),
                }
                for n in range(1, people + 1)
            ),
            [],
        )
        ws.people.add_segment("Pro users", {"attribute": {"field": "plan", "operator": "eq", "value": "pro"}})
    return ws


def find_file(ws: Workspace, name: str):
    matches = [f for f in ws.files.all() if f.name == name]
    return matches[0] if matches else None


@pytest.fixture
def workspace(tmp_path):
    ws = make_workspace(tmp_path / "ws.db", people=250)
    yield ws
    ws.close()


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.clear()
    return s


def open_main_window(qtbot, workspace, settings, size=(1280, 800)):
    """A shown main window on `workspace`, closed by qtbot after the test."""
    from app.main_window import MainWindow

    w = MainWindow(workspace, settings=settings, theme=None)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()  # as a user's window is: shortcuts (Ctrl+D, Del, F2…) reach the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)
    return w


@pytest.fixture
def window(qtbot, workspace, settings):
    return open_main_window(qtbot, workspace, settings)


_PENDING: list = []  # answers stay alive until they ran, even if the caller drops them


class DialogAnswer:
    """Waits for the next modal dialog and runs `callback(dialog)` on it; `.done` tells whether it ran.

    If no dialog shows within the timeout, any modal dialog that appears later is
    rejected, so a broken test fails instead of hanging in `exec()`.
    """

    def __init__(self, callback, timeout_ms: int = 3000):
        self.callback = callback
        self.dialog = None
        self.done = False
        self._left = timeout_ms
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        _PENDING.append(self)

    def _poll(self):
        self._left -= 10
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            self._timer.stop()
            self.dialog = dialog
            try:
                self.callback(dialog)
            finally:
                self.done = True
                _PENDING.remove(self)
        elif self._left <= 0:
            self._timer.stop()
            _PENDING.remove(self)


def when_dialog(callback, timeout_ms: int = 3000) -> DialogAnswer:
    return DialogAnswer(callback, timeout_ms)


def retype(edit, text: str) -> None:
    """Select all in a line edit and type `text` over it, key by key."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        QTest.keyClicks(edit, text)
    else:
        QTest.keyClick(edit, Qt.Key.Key_Delete)


def choose_in_menu(text: str, seen: list | None = None, timeout_ms: int = 3000) -> QTimer:
    """When the next popup menu shows, click its entry `text` with the mouse (keep the timer alive)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    timer = QTimer()
    left = [timeout_ms]

    def poll():
        left[0] -= 10
        menu = QApplication.activePopupWidget()
        if menu is not None and menu.isVisible():
            timer.stop()
            if seen is not None:
                seen.extend(a.text() for a in menu.actions() if not a.isSeparator())
            action = next((a for a in menu.actions() if a.text() == text), None)
            if action is None:
                menu.close()
                return
            QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
        elif left[0] <= 0:
            timer.stop()

    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    return timer


def create_with_button(qtbot, fm, text: str) -> None:
    """Click Create, then `text` (Email, Template, Component, New Folder) in its menu."""
    from PySide6.QtCore import Qt

    keep = choose_in_menu(text)
    qtbot.mouseClick(fm.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not keep.isActive(), timeout=3000)


def select_row(qtbot, fm, name: str) -> None:
    """Click `name`'s row in the files table."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(fm.table.viewport(), Qt.MouseButton.LeftButton, pos=row_point(fm, name))
    assert fm.selected_file() is not None and fm.selected_file().name == name


def answer_name(name: str | None, *, check=None, then=None) -> DialogAnswer:
    """Type `name` into the NameDialog and press OK (None: press Cancel)."""

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def fill(dialog):
        if check is not None:
            check(dialog)
        if name is None:
            QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
            return
        retype(dialog.edit, name)
        if then is not None:
            then()  # arm the answer to the dialog that follows (Start from: …)
        QTest.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    return when_dialog(fill)


def type_name(name: str, *, then=None) -> DialogAnswer:
    """Type `name` into the NameDialog key by key and press Return; `then()` arms the next dialog's answer."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    def fill(dialog):
        QTest.keyClick(dialog.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(dialog.edit, name)
        if then is not None:
            then()
        QTest.keyClick(dialog.edit, Qt.Key.Key_Return)

    return when_dialog(fill)


def pick_item(text: str) -> DialogAnswer:
    """In a QInputDialog list (Start from: …), move to `text` with the arrow keys and press Return."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox

    def choose(dialog):
        combo = dialog.findChild(QComboBox)
        target = combo.findText(text)
        assert target >= 0, f"{text!r} not offered: {[combo.itemText(i) for i in range(combo.count())]}"
        while combo.currentIndex() != target:
            QTest.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)
        QTest.keyClick(combo, Qt.Key.Key_Return)

    return when_dialog(choose)


def row_point(fm, name: str):
    """The centre of `name`'s row in the files table (viewport coordinates)."""
    row = next(n for n, info in enumerate(fm.model.files()) if info.name == name)
    return fm.table.visualRect(fm.model.index(row, 0)).center()


def double_click_file(qtbot, window, name: str):
    """Show the Design Studio and double-click `name` in the current folder, as a user opens a file."""
    from PySide6.QtCore import Qt

    from app.main_window import FILES

    qtbot.mouseClick(window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    fm = window.file_manager
    viewport = fm.table.viewport()
    point = row_point(fm, name)
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    return window.tabs.currentWidget()


def click_tree_item(qtbot, tree, item, *, double: bool = False) -> None:
    """Click (or double-click) a QTreeWidget item where it is drawn."""
    from PySide6.QtCore import Qt

    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    if double:
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)


__all__ = [
    "make_workspace", "find_file", "workspace", "settings", "window", "when_dialog", "answer_name", "type_name",
    "pick_item", "row_point", "double_click_file", "click_tree_item", "retype", "choose_in_menu",
    "create_with_button", "select_row", "FileRef",
    "WELCOME_SOURCE", "NEWSLETTER_SOURCE", "TEMPLATE_SOURCE",
]
