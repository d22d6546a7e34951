"""The email editor's custom-component tools (spec §4.3, §4.14): Insert, Detach, Edit source,
the preset picker and Find References of a component tab, and autocomplete of component props.

`ComponentTools` hangs off one `EditorWindow` and adds its buttons to the
window's toolbar, so the window itself only creates it and asks it for the
preset to preview. Everything it reads from the store it reads on the GUI
thread, when an action runs (components edited in another tab are current).

Decisions:
- Detach acts on the *innermost* custom-component instance around the
  cursor — the one a click on the canvas would select — anywhere from its
  `<` to its closing `>`. The instance's text is replaced by its expanded
  blocks with one edit (`CodeEditor.replace_range`), so Ctrl+Z in the editor
  brings the instance back in one step; every other byte stays as it was.
- Detach and "Edit component source" live in the code editor's own
  right-click menu (the canvas's context menu holds them in §3.4); outside an
  instance, Detach explains what it needs instead of doing nothing.
- Positions: Monaco counts columns in UTF-16 code units, Python strings in
  code points; `to_offset`/`to_position` convert, so an emoji before the
  cursor does not shift the edit.
- Inserting or detaching first writes what is pending (autosave), which
  closes the window stack's current typing chunk: the insertion is then its
  own chunk there as well.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QToolButton

from editor.insert import InsertMenu, indented

DETACH = "cs.detach-component"
EDIT_SOURCE = "cs.edit-component-source"


def to_offset(source: str, line: int, column: int) -> int:
    """Code-point offset of a 1-based (line, UTF-16 column) position, clamped to the text."""
    start = 0
    for _ in range(max(0, line - 1)):
        nl = source.find("\n", start)
        if nl < 0:
            return len(source)
        start = nl + 1
    end = source.find("\n", start)
    text = source[start:] if end < 0 else source[start:end]
    units, i = column - 1, 0
    while i < len(text) and units > 0:
        units -= 2 if ord(text[i]) > 0xFFFF else 1
        i += 1
    return start + i


def to_position(source: str, offset: int) -> tuple[int, int]:
    """1-based (line, UTF-16 column) of a code-point offset."""
    line = source.count("\n", 0, offset) + 1
    start = source.rfind("\n", 0, offset) + 1
    return line, len(source[start:offset].encode("utf-16-le")) // 2 + 1


def instance_at(source: str, offset: int, library):
    """The innermost element of `source` whose tag is in `library` and whose span holds `offset`, or None."""
    from engine.document.nodes import Element, walk
    from engine.document.parser import parse_with_problems

    if library is None or not len(library):
        return None
    doc, _ = parse_with_problems(source)
    best = None
    for n in walk(doc):
        if isinstance(n, Element) and n.name in library and 0 <= n.start <= offset <= n.end and n.end > 0:
            if best is None or n.start >= best.start:
                best = n
    return best


class ComponentTools(QObject):
    open_requested = Signal(str, int)  # document key, line: the host opens that file there
    preset_changed = Signal(int)

    def __init__(self, window, toolbar):
        super().__init__(window)
        self.window = window
        self.preset_index = 0
        self.references_dialog = None
        self._editor_hooked = None

        self.insert_button = QToolButton(text="Insert", toolTip="Insert a block or a component preset at the cursor")
        self.insert_button.setObjectName("insertButton")
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.insert_menu = InsertMenu(self.library, self.insert_button)
        self.insert_menu.chosen.connect(self.insert_entry)
        self.insert_button.setMenu(self.insert_menu)

        self.preset_label = QLabel("Preset:")
        self.preset_box = QComboBox()
        self.preset_box.setObjectName("presetPicker")
        self.preset_box.setToolTip("Which preset of this component the preview shows")
        self.preset_box.setMinimumContentsLength(14)
        self.preset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_box.currentIndexChanged.connect(self._preset_picked)
        self.references_button = QToolButton(text="References", toolTip="Find Component References: where this "
                                                                         "component is used")
        self.references_button.setObjectName("referencesButton")
        self.references_button.clicked.connect(self.show_references)
        for w in (self.insert_button, self.preset_label, self.preset_box, self.references_button):
            toolbar.addWidget(w)
        self.document_changed()

    # ---- state ------------------------------------------------------------------------
    def library(self):
        """The workspace's components as they are in the store now (this tab's unsaved text included)."""
        from engine.components import ComponentLibrary

        lib = ComponentLibrary.from_workspace(self.window.ws)
        doc = self.window.doc
        if doc.is_component and doc.tag:
            lib.sources[doc.tag] = doc.get("source") or ""
        return lib

    def document_changed(self) -> None:
        """The window shows another file (or the same one reloaded): tools, presets, autocomplete."""
        component = self.window.doc.is_component
        self.insert_button.setVisible(not component)
        for w in (self.preset_label, self.preset_box, self.references_button):
            w.setVisible(component)
        self.preset_index = 0
        self.refresh_presets()
        self.refresh_completion()
        self._hook_editor()

    def _hook_editor(self) -> None:
        ed = self.window.editors.get("source")
        if ed is None or ed is self._editor_hooked:
            return
        self._editor_hooked = ed
        ed.add_context_action(DETACH, "Detach component", order=1)
        ed.add_context_action(EDIT_SOURCE, "Edit component source", order=2)
        ed.context_action_triggered.connect(self._context_action)

    def refresh_completion(self) -> None:
        from editor.component_props import workspace_completion

        ed = self.window.editors.get("source")
        if ed is not None:
            ed.set_custom_components(workspace_completion(self.library()))

    def refresh_presets(self) -> None:
        """The picker follows the component's `config.presets` (after each pause in typing)."""
        doc = self.window.doc
        if not doc.is_component:
            return
        from engine.email_build import preset_choices

        labels = [c.label for c in preset_choices(doc.tag or "", doc.get("source") or "")]
        current = [self.preset_box.itemText(i) for i in range(self.preset_box.count())]
        if labels != current:
            self.preset_box.blockSignals(True)
            self.preset_box.clear()
            self.preset_box.addItems(labels)
            self.preset_index = min(self.preset_index, len(labels) - 1)
            self.preset_box.setCurrentIndex(self.preset_index)
            self.preset_box.blockSignals(False)
        self.preset_box.setEnabled(len(labels) > 1)

    def _preset_picked(self, index: int) -> None:
        if index >= 0 and index != self.preset_index:
            self.preset_index = index
            self.preset_changed.emit(index)

    # ---- actions ----------------------------------------------------------------------
    def insert_entry(self, entry) -> None:
        """Insert a preset's content at the cursor of the HTML tab (one undo step)."""
        w = self.window
        w.tabs.setCurrentWidget(w.pages["source"])
        ed = w.editors["source"]
        w.save()
        line, _column = ed.cursor_position()
        ed.insert_text(indented(entry.content, ed.text(), line))
        w.status_message.emit(f"Inserted {entry.label}")

    def detach_at_cursor(self) -> bool:
        """Replace the custom-component instance around the cursor with its expanded blocks."""
        from engine.components.operations import DetachError, detach

        w = self.window
        ed = w.editors["source"]
        source = ed.text()
        line, column = ed.cursor_position()
        library = self.library()
        target = instance_at(source, to_offset(source, line, column), library)
        if target is None:
            tags = ", ".join(f"<{t}>" for t in library.tags()) or "none in this workspace"
            QMessageBox.information(w, "Detach component",
                                    f"The cursor (line {line}, column {column}) is not inside a custom component "
                                    f"instance. Put it inside one — custom components: {tags} — and try again.")
            return False
        try:
            detached = detach(source, target.pos.line, target.pos.column, library, styles=w._styles)
        except DetachError as exc:
            QMessageBox.warning(w, "Detach component", f"<{target.name}> at line {target.pos.line}: {exc}")
            return False
        middle = detached[target.start:len(detached) - (len(source) - target.end)]
        w.save()
        ed.replace_range(to_position(source, target.start), to_position(source, target.end), middle)
        w.status_message.emit(f"Detached <{target.name}>: its blocks are now part of this email")
        return True

    def edit_source_at_cursor(self) -> bool:
        """Open the component whose instance holds the cursor (§3.4 "Edit source")."""
        w = self.window
        ed = w.editors["source"]
        source = ed.text()
        line, column = ed.cursor_position()
        target = instance_at(source, to_offset(source, line, column), self.library())
        if target is None:
            QMessageBox.information(w, "Edit component source",
                                    "The cursor is not inside a custom component instance.")
            return False
        from engine.store.files import COMPONENT

        info = next((i for i in w.ws.files.all() if i.kind == COMPONENT and i.tag == target.name), None)
        if info is not None:
            self.open_requested.emit(f"{info.kind}:{info.id}", 0)
        return info is not None

    def show_references(self):
        """Find Component References for the component of this tab (modeless list)."""
        from editor.references import ReferencesDialog

        w = self.window
        doc = w.doc
        if not doc.is_component or not doc.tag:
            return None
        w.save()  # the search reads the store
        dialog = ReferencesDialog(w.ws, doc.tag, doc.name, w)
        dialog.open_requested.connect(lambda info, line: self.open_requested.emit(f"{info.kind}:{info.id}", line))
        dialog.show()
        self.references_dialog = dialog
        return dialog

    def _context_action(self, action_id: str) -> None:
        if action_id == DETACH:
            self.detach_at_cursor()
        elif action_id == EDIT_SOURCE:
            self.edit_source_at_cursor()
