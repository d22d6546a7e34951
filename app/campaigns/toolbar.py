"""The canvas tab's toolbar and actions (a mixin of `CampaignDocument`).

Decisions:
- Undo/redo shortcuts belong to the main window alone (Edit ▸ Undo: Ctrl+Z,
  Redo: Ctrl+Y and Ctrl+Shift+Z), which calls the tab's `undo()`/`redo()`;
  an action here with the same keys made Qt report an ambiguous shortcut and
  do nothing.
- Stable geometry: every button keeps a fixed label (the command being undone
  goes to the tooltip: "Undo Add Time delay  (Ctrl+Z)") and the title label is
  always as wide as the title plus its "modified" dot, so no button moves
  under the mouse while the user works.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolButton, QWidget

from engine.journeys.model import NOTE_COLORS

STATUS_COLORS = {"running": "#2e9d5b", "draft": "#8a8c96", "stopped": "#d64545", "archived": "#6b6f7b"}


class CanvasToolbar:
    """Builds `self.toolbar`'s actions; expects the document's slots (undo, tidy, save …)."""

    def _action(self, text, keys, slot, *, checkable=False, tip="") -> QAction:
        a = QAction(text, self)
        if keys:
            a.setShortcuts([QKeySequence(k) for k in keys])
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = tip or text
            a.setToolTip(f"{tip}  ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})")
        a.setCheckable(checkable)
        a.triggered.connect(lambda _checked=False: slot())  # slots take no arguments
        self.addAction(a)
        return a

    def _build_actions(self) -> None:
        tb = self.toolbar
        self.title_label = QLabel(self.title)
        self.title_label.setObjectName("campaignTitle")
        tb.addWidget(self.title_label)
        self._show_title(False)
        self.status_label = QLabel(self.status)
        self.status_label.setObjectName("campaignStatus")
        self.status_label.setStyleSheet(f"background: {STATUS_COLORS.get(self.status, '#8a8c96')};")
        tb.addWidget(self.status_label)
        tb.addSeparator()
        self.build_action = self._action("Build", ["B"], self.toggle_palette, checkable=True, tip="Build menu")
        # no shortcut here: the main window's Edit menu owns Ctrl+Z / Ctrl+Y (module docstring)
        self.undo_action = self._action("Undo", [], self.undo)
        self.redo_action = self._action("Redo", [], self.redo)
        self.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.stack.undoTextChanged.connect(lambda _t: self._undo_tips())
        self.stack.redoTextChanged.connect(lambda _t: self._undo_tips())
        self.stack.indexChanged.connect(lambda _i: self._undo_tips())
        self._undo_tips()
        self.delete_action = self._action("Delete", ["Delete", "Backspace"], self.delete_selection)
        self.copy_action = self._action("Copy", ["Ctrl+C"], self.copy_selection)
        self.paste_action = self._action("Paste", ["Ctrl+V"], self.paste)
        self.select_all_action = self._action("Select all", ["Ctrl+A"], self.select_all)
        self.tidy_action = self._action("Tidy up", ["Ctrl+Shift+L"], self.tidy)
        self.note_action = self._action("Add note", ["Shift+M"], self.add_note)
        self.notes_visible_action = self._action("Notes", ["Shift+N"], self.toggle_notes, checkable=True, tip="Show or hide notes")
        self.notes_visible_action.setChecked(True)
        self.fit_action = self._action("Fit", [], self.view.zoom_to_fit, tip="Zoom to fit (Ctrl+0)")
        self.minimap_action = self._action("Minimap", [], self.toggle_minimap, checkable=True, tip="Show or hide the minimap")
        self.minimap_action.setChecked(True)
        self.export_action = self._action("Export PNG", [], self.export_png_dialog)
        self.save_action = self._action("Save", ["Ctrl+S"], self.save)
        for a in (self.build_action, self.undo_action, self.redo_action, None, self.tidy_action, self.note_action,
                  self.notes_visible_action, None, self.fit_action, self.minimap_action, self.export_action, None,
                  self.save_action):
            tb.addSeparator() if a is None else tb.addAction(a)
        colors = QMenu(self)
        for color in NOTE_COLORS:
            colors.addAction(color.capitalize(), lambda c=color: self.color_notes(c))
        btn = QToolButton()
        btn.setText("Note colour")
        btn.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        btn.setMenu(colors)
        tb.insertWidget(self.notes_visible_action, btn)
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy().Preferred)
        tb.addWidget(spacer)
        self.problems_button = QToolButton()
        self.problems_button.setObjectName("problemsButton")
        self.problems_button.clicked.connect(lambda: self.side.setCurrentWidget(self.problems))
        tb.addWidget(self.problems_button)

    def _undo_tips(self) -> None:
        import shiboken6

        if not (shiboken6.isValid(self.stack) and shiboken6.isValid(self.undo_action) and shiboken6.isValid(self.redo_action)):
            return  # the stack reports its last state while the tab is being destroyed
        undo, redo = self.stack.undoText(), self.stack.redoText()
        self.undo_action.setEnabled(self.stack.canUndo())
        self.redo_action.setEnabled(self.stack.canRedo())
        self.undo_action.setToolTip(f"Undo {undo}  (Ctrl+Z)" if undo else "Nothing to undo  (Ctrl+Z)")
        self.redo_action.setToolTip(f"Redo {redo}  (Ctrl+Y)" if redo else "Nothing to redo  (Ctrl+Y)")

    def _show_title(self, modified: bool) -> None:
        """The title with its "modified" dot, in a label as wide as title + dot either way, so the
        toolbar buttons after it never move when the dot comes and goes."""
        self.title_label.setText(self.title + (" •" if modified else ""))
        self.title_label.ensurePolished()
        room = self.title_label.fontMetrics().horizontalAdvance(self.title + " •") + 16  # + the 4+10 px padding
        self.title_label.setFixedWidth(room)
