"""Find Component References and the refusing delete, from the file manager (spec §4.14)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.component_gui_helpers import click_in_popup, file_named, sample, sample_window  # noqa: F401
from app.main_window import FILES
from tests.gui_helpers import double_click_file, row_point, settings, when_dialog  # noqa: F401


def right_click_row(qtbot, fm, name: str) -> None:
    """A right click on the row, as a user opens its context menu (the menu is answered by click_in_popup)."""
    point = row_point(fm, name)
    # through the window, as the platform delivers it: that is where Qt turns a right click into a context menu
    top = fm.window()
    qtbot.mouseClick(top.windowHandle(), Qt.MouseButton.RightButton, pos=fm.table.viewport().mapTo(top, point))
    qtbot.waitUntil(lambda: fm.selected_file() is not None and fm.selected_file().name == name, timeout=2000)


def show_component_in_files(qtbot, window):
    """Design Studio ▸ double-click Components ▸ click Promo card: the component row is selected."""
    window.activateWindow()  # shortcuts (Del) reach the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    double_click_file(qtbot, window, "Components")  # into the folder
    fm = window.file_manager
    qtbot.mouseClick(fm.table.viewport(), Qt.MouseButton.LeftButton, pos=row_point(fm, "Promo card"))
    assert fm.selected_file().name == "Promo card"
    return fm


def test_context_menu_of_a_component_finds_its_references_and_opens_one(qtbot, sample_window):
    fm = show_component_in_files(qtbot, sample_window)
    picked = []
    keep = click_in_popup("Find Component References", picked)
    right_click_row(qtbot, fm, "Promo card")
    assert "Find Component References" in picked, picked
    dialog = fm.references_dialog
    assert dialog.isVisible()
    rows = [(dialog.list.topLevelItem(i).text(0), dialog.list.topLevelItem(i).text(1), dialog.list.topLevelItem(i).text(2))
            for i in range(dialog.list.topLevelItemCount())]
    assert rows == [
        ("Newsletter (email)", "72", '<promo-card code="LUMEN15" headline="15% off annual plans">Use it on any annual '
                                     'plan before December 31.</promo-card>'),
        ("Spring sale (email)", "4", '<promo-card code="SPRING" headline="Spring deal"></promo-card>'),
    ]
    assert "used 2 times in 2 files" in dialog.summary.text()
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    doc = sample_window.tabs.currentWidget()
    assert doc.title == "Spring sale"
    qtbot.waitUntil(lambda: doc.editors["source"].cursor_position()[0] == 4, timeout=10000)
    del keep


def test_the_context_menu_of_an_email_has_no_references_entry(qtbot, sample_window):
    qtbot.mouseClick(sample_window.rail.buttons[FILES], Qt.MouseButton.LeftButton)
    fm = sample_window.file_manager
    picked = []
    keep = click_in_popup("(nothing: just close the menu)", picked)
    right_click_row(qtbot, fm, "Newsletter")
    assert "Find Component References" not in picked and "Delete…" in picked
    del keep


def test_delete_of_a_used_component_lists_the_uses_and_cancel_keeps_it(qtbot, sample_window, sample):
    fm = show_component_in_files(qtbot, sample_window)
    seen = {}

    def cancel(dialog):
        seen["title"] = dialog.windowTitle()
        seen["files"] = [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]
        seen["default"] = dialog.cancel_button.isDefault()
        dialog.cancel_button.click()

    answer = when_dialog(cancel)
    qtbot.keyClick(fm.table, Qt.Key.Key_Delete)
    assert answer.done
    assert seen == {"title": "Component in use", "files": ["Newsletter (email)", "Spring sale (email)"], "default": True}
    assert file_named(sample, "Promo card")  # still there
    assert fm.select_name("Promo card")


def test_delete_anyway_deletes_a_used_component(qtbot, sample_window, sample):
    fm = show_component_in_files(qtbot, sample_window)
    answer = when_dialog(lambda d: d.delete_button.click())
    qtbot.keyClick(fm.table, Qt.Key.Key_Delete)
    assert answer.done
    assert not [f for f in sample.files.all() if f.kind == "component"]
    assert not fm.select_name("Promo card")


def test_an_unused_component_is_deleted_after_the_usual_confirmation(qtbot, sample_window, sample, monkeypatch):
    fm = sample_window.file_manager
    sample.files.create_component("Spare", source="<script>export const config = {label: 'Spare'};</script>"
                                                  "<template><p>x</p></template>")
    fm.refresh()
    sample_window.show_screen(0)
    assert fm.select_name("Spare")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Ok)
    fm.delete_action.trigger()
    assert asked and "No email uses it" in asked[0]
    assert not [f for f in sample.files.all() if f.name == "Spare"]
