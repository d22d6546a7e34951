"""`EditorWindow`: the code editor for one email, template or component (spec §7).

Layout: a collapsible file panel (Ctrl+Shift+B) | the envelope over the
tabs HTML, Text, AMP, Transformers, with the Problems panel below | the live
preview (Ctrl+Shift+D). Components get the HTML tab and the preview only.

Undo model (the project rule: every user edit is a `QUndoCommand` on one
`QUndoStack`; "modified" = the stack is not clean):
- Monaco keeps its own fine-grained undo: Ctrl+Z / Ctrl+Y inside a code
  editor undo keystrokes, as in any code editor.
- The window's stack records what changed in the document: one `FieldEdit`
  per burst of typing in a code tab (successive keystrokes merge until the
  autosave after the pause marks the stack clean — QUndoStack never merges
  into its clean command), per burst of typing in one envelope field, per
  transformer change, per Regenerate. A Monaco undo is itself an edit and
  lands on the stack the same way, so the stack always describes the text.
- Edit ▸ Undo/Redo (and `undo()`/`redo()`) go to Monaco when a code editor
  has the keyboard focus — the menu then does what Ctrl+Z does there — and
  to the window's stack otherwise (envelope, transformers, or a whole chunk
  of code when the focus is elsewhere). Undoing a code chunk from the stack
  reloads that editor's text, which restarts Monaco's own history.

Autosave: nothing waits for an explicit save. Each pause in typing (the
editor's 300 ms `edit_paused`, or the same delay after a form edit, undo or
redo) writes the dirty fields through the store, which commits at once
(SQLite WAL): a killed app loses at most the last 300 ms. Focus leaving the
window, closing the tab, and a 2 s periodic flush write too. The dirty marker
(" •" after the tab title) shows while the stack is not clean, i.e. between
an edit and its autosave.

Preview: every text change schedules a build (compile + transformers) on
the next event-loop turn; while the preview is loading, later changes
coalesce into one more build. So the preview follows keystrokes (measured in
`bench/editor_latency.py`), and problems, markers and the Text tab refresh on
the pause.
The build runs on a worker thread (`editor/build_worker.py`): a component
script stuck in a loop for its full second never freezes the window, and a
result that a newer edit made stale is dropped.
Per keystroke only the build and the preview patch run: the workspace's
components are re-read on each pause and when the tab is shown again (not
from the store per keystroke), and the drawer's Source and Spam follow once
builds stop coming for the pause. The first email opens on the Monaco editor
and preview the app warmed up after its first paint (`editor/warmup.py`). Custom-component tools
(Insert, Detach, presets, references) are in `editor/components_gui.py`.
"""
from __future__ import annotations

import gc
import time

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QMenu, QMessageBox, QSizePolicy, QSplitter, QTabWidget, QToolButton, QVBoxLayout, QWidget,
)

from engine.checks.amp import AMP_SKELETON, check_amp
from editor.build_worker import BuildRequest, BuildWorker, run_build
from editor.commands import FieldEdit
from editor.components_gui import ComponentTools
from editor.document import EmailDocument
from editor.envelope_form import EnvelopeForm
from editor.file_panel import FilePanel
from engine.email_build import Build, build_email
from editor.devtools import ChecksInput, DevToolsDrawer, ProblemsPanel
from editor.transformers_form import TransformersForm
from engine.problems import Problem
from engine.store.files import FileError, FileRef

TABS = (("source", "HTML"), ("text", "Text"), ("amp", "AMP"))
PAUSE_MS = 300
FLUSH_MS = 2000
DIRTY = " •"
_GC_FROZEN = False  # gc.freeze() runs once per process, after the first preview

STYLE = """
#editorToolbar { border-bottom: 1px solid palette(mid); }
#editorToolbar QToolButton { padding: 3px 8px; border-radius: 4px; }
#editorToolbar QToolButton:hover { background: palette(alternate-base); }
#editorToolbar QToolButton:checked { background: palette(alternate-base); }
QLabel#editorTitle { font-size: 15px; font-weight: 600; padding: 0 6px; }
QLabel#editorState { color: palette(placeholder-text); }
#envelopeForm { border-bottom: 1px solid palette(mid); }
#problemsPanel { border-top: 1px solid palette(mid); }
"""


def _parse_key(key: str) -> FileRef:
    kind, _, number = key.partition(":")
    return FileRef(kind, int(number))


class EditorWindow(QWidget):
    tab_title_changed = Signal(str)
    switch_requested = Signal(str)  # another file chosen in the file panel
    status_message = Signal(str)
    saved = Signal()

    def __init__(self, workspace, key: str, *, settings: QSettings | None = None, dark: bool | None = None,
                 parent=None):
        super().__init__(parent)
        self.ws = workspace
        self.settings = settings if settings is not None else QSettings()
        self.doc = EmailDocument.load(workspace, _parse_key(key))
        self.stack = QUndoStack(self)
        self.editors: dict = {}
        self.build = Build()
        self.worker = BuildWorker(self)  # compile + transformers off the GUI thread
        self._problems_due = False  # refresh problems when the build in flight arrives
        self._shown_rows: list | None = None  # the problem rows last shown (panel, markers, envelope)
        self._build_source: tuple | None = None
        self._preview_busy = False
        self._preview_pending = False
        self._typed_at: float | None = None
        self._library = None  # the workspace's components, re-read on each pause (not per keystroke)
        self.last_latency_ms: float | None = None
        self._dark = bool(dark) if dark is not None else QApplication.palette().window().color().lightness() < 128
        self.setObjectName("editorWindow")
        self.setStyleSheet(STYLE)
        self._styles = self._load_styles()
        self._build_ui()
        self._wire()
        self._show_document()

    # ---- the main window's document interface -------------------------------------------
    @property
    def key(self) -> str:
        return self.doc.key

    @property
    def kind(self) -> str:
        return self.doc.kind

    @property
    def title(self) -> str:
        return self.doc.name

    def is_modified(self) -> bool:
        return not self.stack.isClean()

    def tab_title(self) -> str:
        return self.doc.name + (DIRTY if self.is_modified() else "")

    def set_title(self, name: str) -> None:
        self.doc.name = name
        self.title_label.setText(name)
        self.tab_title_changed.emit(self.tab_title())

    def refresh_icons(self) -> None:
        """Called by the main window when the app theme changes."""
        dark = QApplication.palette().window().color().lightness() < 128
        if dark != self._dark:
            self._dark = dark
            for ed in self.editors.values():
                ed.set_theme("dark" if dark else "light")

    def show_line(self, line: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.editors["source"].go_to(line, 1)

    def undo(self) -> None:
        ed = self._focused_editor()
        if ed is not None:
            ed.undo()
        else:
            self.stack.undo()

    def redo(self) -> None:
        ed = self._focused_editor()
        if ed is not None:
            ed.redo()
        else:
            self.stack.redo()

    def close_document(self) -> None:
        """Before the tab goes: write what is pending and release Chromium objects."""
        self.save()
        self._flush_timer.stop()
        self._devtools_timer.stop()
        self.worker.wait()
        try:
            QApplication.instance().focusChanged.disconnect(self._focus_changed)
        except (RuntimeError, TypeError):
            pass
        self.preview.close_preview()
        self.devtools.close()

    # ---- construction -------------------------------------------------------------------
    def _build_ui(self) -> None:
        from editor.preview.pane import PreviewPane
        from widgets.code_editor import CodeEditor

        self._CodeEditor = CodeEditor
        bar = QWidget()
        bar.setObjectName("editorToolbar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(6, 4, 6, 4)
        row.setSpacing(4)

        def button(text, tip, slot=None, checkable=False):
            b = QToolButton(text=text, toolTip=tip, checkable=checkable)
            if slot is not None:
                (b.toggled if checkable else b.clicked).connect(slot)
            row.addWidget(b)
            return b

        self.files_button = button("Files", "Show or hide the file panel (Ctrl+Shift+B)", checkable=True)
        self.title_label = QLabel(self.doc.name)
        self.title_label.setObjectName("editorTitle")
        row.addWidget(self.title_label)
        self.state_label = QLabel()
        self.state_label.setObjectName("editorState")
        self.state_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title_label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.title_label.setMinimumWidth(40)
        row.addWidget(self.state_label, 1)
        self.undo_button = button("Undo", "Undo (Ctrl+Z)", self.undo)
        self.redo_button = button("Redo", "Redo (Ctrl+Y / Ctrl+Shift+Z)", self.redo)
        self.format_button = button("Format", "Format document (Shift+Alt+F)", lambda: self._current_editor() and self._current_editor().format_document())
        self.components = ComponentTools(self, row)  # Insert, presets, references, detach (components_gui)
        self.export_button = button("Export", "Download ZIP, copy HTML, PDF report")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.zip_action = menu.addAction("Download ZIP…", self.export_zip)
        self.copy_action = menu.addAction("Copy HTML", self.copy_html)
        self.pdf_action = menu.addAction("PDF report…", self.export_pdf)
        self.export_button.setMenu(menu)
        self.send_button = button("Send test…", "Send a test over SMTP", self.send_test)
        self.preview_button = button("Preview", "Show or hide the preview (Ctrl+Shift+D)", checkable=True)
        if self.doc.is_component:
            self.export_button.setVisible(False)
            self.send_button.setVisible(False)

        self.file_panel = FilePanel(self.ws)
        self.file_panel.set_current(self.doc.key)

        center = QWidget()
        cbox = QVBoxLayout(center)
        cbox.setContentsMargins(0, 0, 0, 0)
        cbox.setSpacing(0)
        self.envelope = EnvelopeForm()
        cbox.addWidget(self.envelope)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.pages: dict[str, QWidget] = {}
        self.editors["source"] = self._make_editor("source")
        self.pages["source"] = self.editors["source"]
        self.tabs.addTab(self.pages["source"], "HTML")
        if not self.doc.is_component:
            for field, label in TABS[1:]:
                page = QWidget()
                QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
                self.pages[field] = page
                self.tabs.addTab(page, label)
            self.transformers = TransformersForm()
            self.tabs.addTab(self.transformers, "Transformers")
            self.text_note = QLabel()
            self.regenerate_button = QToolButton(text="Regenerate from HTML", toolTip="Overwrite the Text tab with text generated from the HTML")
            self.amp_note = QLabel()
            self.amp_skeleton_button = QToolButton(text="Insert AMP skeleton")
            for field, note, btn in (("text", self.text_note, self.regenerate_button), ("amp", self.amp_note, self.amp_skeleton_button)):
                strip = QHBoxLayout()
                strip.setContentsMargins(8, 3, 8, 3)
                note.setStyleSheet("color: palette(placeholder-text);")
                strip.addWidget(note, 1)
                strip.addWidget(btn)
                self.pages[field].layout().addLayout(strip)
        else:
            self.envelope.setVisible(False)
            self.tabs.tabBar().setVisible(False)
            self.transformers = None
        self.problems = ProblemsPanel()
        cbox.addWidget(self.tabs, 1)

        from editor import warmup

        self.preview = warmup.take_preview(self.ws)  # a page warmed up after the app's first paint
        if self.preview is None:
            self.preview = PreviewPane(workspace=self.ws)
        else:  # people may have changed since it was made; the email's first render uses the fresh list
            self.preview.sample.blockSignals(True)
            self.preview.set_workspace(self.ws)
            self.preview.sample.blockSignals(False)
        self.preview.setMinimumWidth(260)  # narrower windows clip the preview's toolbar rather than grow
        # Developer tools (§10) in a drawer under the preview; Problems lives there (one home).
        self.devtools = DevToolsDrawer(self.problems, settings=self.settings)
        self.devtools.set_component(self.doc.is_component)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("previewColumn")
        self.right.addWidget(self.preview)
        self.right.addWidget(self.devtools)
        self.right.setStretchFactor(0, 3)
        self.right.setStretchFactor(1, 2)
        self.right.setCollapsible(1, False)
        center.setMinimumWidth(260)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("editorSplitter")
        self.splitter.addWidget(self.file_panel)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 5)
        self.splitter.setCollapsible(1, False)
        self._sized = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(bar)
        outer.addWidget(self.splitter, 1)

        show_files = self.settings.value("editor/showFiles", "false") in (True, "true")
        self.file_panel.setVisible(show_files)
        self.files_button.setChecked(show_files)
        show_preview = self.settings.value("editor/showPreview", "true") in (True, "true")
        self.preview.setVisible(show_preview)
        self.preview_button.setChecked(show_preview)

    def _make_editor(self, field: str):
        from editor import warmup

        language = "liquid-text" if field == "text" else "design-studio-html"
        theme = "dark" if self._dark else "light"
        ed = warmup.take_editor(self.ws, self.settings)  # Monaco already loaded (editor/warmup.py)
        if ed is None:
            ed = self._CodeEditor(language=language, theme=theme, settings=self.settings)
        else:
            ed.set_language(language)
            ed.set_theme(theme)
        ed.setObjectName(f"code_{field}")
        ed.text_changed.connect(lambda text, f=field: self._typed(f, text))
        ed.edit_paused.connect(lambda _text: self._paused())
        ed.shortcut_triggered.connect(self._shortcut)
        return ed

    def editor_for(self, field: str):
        """The code editor of a tab, created the first time it is needed (each is one Monaco page)."""
        if field not in self.editors:
            ed = self._make_editor(field)
            self.editors[field] = ed
            self.pages[field].layout().addWidget(ed, 1)
            ed.set_text(self._display_value(field))
            ed.set_liquid_variables(self.preview.sample.data() or {})
        return self.editors[field]

    def _wire(self) -> None:
        self.stack.cleanChanged.connect(self._update_state)
        self.stack.indexChanged.connect(self._update_state)
        self.files_button.toggled.connect(self._toggle_files)
        self.preview_button.toggled.connect(self._toggle_preview)
        self.file_panel.file_chosen.connect(self._file_chosen)
        self.preview.rendered.connect(self._preview_rendered)
        self.preview.source_position_clicked.connect(self._inspect_jump)
        self.preview.sample.data_changed.connect(self._sample_changed)
        self.problems.activated.connect(self._problem_activated)
        self.worker.finished.connect(self._build_finished)
        self.components.preset_changed.connect(lambda _index: self._rebuild())
        self.devtools.jump.connect(self._inspect_jump)
        self.preview.source_button.toggled.disconnect(self.preview.source_view.setVisible)
        self.preview.source_button.toggled.connect(lambda on: on and self.devtools.show_tab("source"))
        self.envelope.field_edited.connect(self._envelope_edited)
        self.tabs.currentChanged.connect(self._tab_changed)
        if self.transformers is not None:
            self.transformers.changed.connect(lambda data: self._form_edit("transformers", data, "Change transformers"))
            self.regenerate_button.clicked.connect(self.regenerate_text)
            self.amp_skeleton_button.clicked.connect(self._insert_amp_skeleton)
        self._save_timer = QTimer(self, singleShot=True, interval=PAUSE_MS, timeout=self._paused)
        self._flush_timer = QTimer(self, interval=FLUSH_MS, timeout=self.save)
        self._devtools_timer = QTimer(self, singleShot=True, interval=PAUSE_MS,
                                      timeout=lambda: self.devtools.show_build(self.checks_input()))
        self._flush_timer.start()
        QApplication.instance().focusChanged.connect(self._focus_changed)
        for seq, slot in (("Ctrl+Shift+D", self.preview_button.toggle), ("Ctrl+Shift+B", self.files_button.toggle),
                          ("Ctrl+S", self.save)):
            QShortcut(QKeySequence(seq), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # ---- loading ----------------------------------------------------------------------
    def _load_styles(self):
        from engine.styles import GlobalStyles

        data = self.ws.styles.get()
        return GlobalStyles.from_json(data) if data else None

    def _show_document(self) -> None:
        doc = self.doc
        self.title_label.setText(doc.name)
        self.editors["source"].set_text(doc.get("source"))
        if not doc.is_component:
            self.envelope.set_envelope(doc.get("envelope"))
            self.transformers.set_settings(doc.get("transformers"))
        self.components.document_changed()
        self._problems_due = True
        self._library = None
        self._shown_rows = None  # a newly loaded text has no markers yet
        self._rebuild(now=True)
        for field in ("text", "amp"):
            if field in self.editors:
                self.editors[field].set_text(self._display_value(field))
        self._update_notes()
        self._refresh_problems()
        self._update_state()

    def load(self, key: str) -> None:
        """Switch this tab to another file (the file panel): save, then load it fresh."""
        self.save()
        self.doc = EmailDocument.load(self.ws, _parse_key(key))
        self.stack.clear()
        self.file_panel.set_current(key)
        self._show_document()
        self.tab_title_changed.emit(self.tab_title())

    # ---- edits --------------------------------------------------------------------------
    def _typed(self, field: str, text: str) -> None:
        before = self.doc.get(field)
        if field == "text" and before is None and text == self._generated_text():
            return
        if self.doc.set(field, text):
            label = {"source": "Typing in HTML", "text": "Typing in Text", "amp": "Typing in AMP"}[field]
            self.stack.push(FieldEdit(self, field, before, text, label, merge_key=field))
        if field == "source":
            self._typed_at = time.perf_counter()
            self._schedule_preview()
        if field == "text" and before is None:
            self._update_notes()

    def _envelope_edited(self, key: str, value) -> None:
        old = self.doc.get("envelope")
        new = old.with_field(key, value)
        if self.doc.set("envelope", new):
            self.stack.push(FieldEdit(self, "envelope", old, new, f"Edit envelope {key}", merge_key=f"envelope.{key}"))
            self._save_timer.start()
            if key in ("title", "preheader"):
                self._schedule_preview()

    def _form_edit(self, field: str, value, label: str) -> None:
        old = self.doc.get(field)
        if self.doc.set(field, value):
            self.stack.push(FieldEdit(self, field, old, value, label))
            self._save_timer.start()
            self._schedule_preview()

    def regenerate_text(self) -> None:
        """Text tab ▸ Regenerate: back to text generated from the HTML (an undoable edit)."""
        old = self.doc.get("text")
        if old is not None:
            self.stack.push(FieldEdit(self, "text", old, None, "Regenerate plain text", already_applied=False))

    def _insert_amp_skeleton(self) -> None:
        old = self.doc.get("amp")
        if not (old or "").strip():
            self.stack.push(FieldEdit(self, "amp", old, AMP_SKELETON, "Insert AMP skeleton", already_applied=False))

    def apply_field(self, field: str, value) -> None:
        """Undo/redo (and Regenerate): put `value` in the document and on screen, then save after the pause."""
        self.doc.set(field, value)
        if field in self.editors:
            shown = self._display_value(field)
            if self.editors[field].text() != shown:
                self.editors[field].set_text(shown)
        if field == "envelope":
            self.envelope.set_envelope(value)
        if field == "transformers":
            self.transformers.set_settings(value)
        if field in ("source", "envelope", "transformers"):
            self._schedule_preview()
        self._update_notes()
        self._save_timer.start()

    # ---- autosave -----------------------------------------------------------------------
    def save(self) -> bool:
        """Write pending edits through the store now; the stack becomes clean."""
        try:
            wrote = self.doc.save(self.ws)
        except FileError as exc:
            self.status_message.emit(f"Could not save {self.doc.name}: {exc}")
            return False
        if not self.stack.isClean():
            self.stack.setClean()
        if wrote:
            self.saved.emit()
        return wrote

    def _paused(self) -> None:
        self.save()
        self.components.refresh_presets()
        self._reload_library()
        self._problems_due = True
        if self._build_source != self._build_key():
            self._rebuild(now=True)
        elif not self.worker.is_busy():
            self._after_build()

    def _after_build(self) -> None:
        """Problems, markers and the generated Text tab follow the build once typing has paused."""
        self._problems_due = False
        self._refresh_problems()
        if self.doc.get("text") is None and "text" in self.editors:
            shown = self._generated_text()
            if self.editors["text"].text() != shown:
                self.editors["text"].set_text(shown)

    def _focus_changed(self, old, new) -> None:
        if old is not None and self.isAncestorOf(old) and (new is None or not self.isAncestorOf(new)):
            self.save()

    # ---- build & preview ----------------------------------------------------------------
    def _reload_library(self) -> bool:
        """Re-read the workspace's components (another tab may have saved one); True when they changed."""
        from engine.components import ComponentLibrary

        fresh = ComponentLibrary.from_workspace(self.ws)
        old, self._library = self._library, fresh
        if old is not None and (old.sources, old.filenames) != (fresh.sources, fresh.filenames):
            self._build_source = None  # the next pause or check rebuilds
            return True
        return False

    def _build_key(self) -> tuple:
        env = self.doc.get("envelope")
        return (self.doc.get("source"), repr(self.doc.get("transformers")),
                (env.title, env.preheader) if env is not None else None)

    def _rebuild(self, now: bool = False) -> None:
        """Ask the build worker for a build of the document as it is now (see editor/build_worker.py).

        The result arrives in `_build_finished`; only the newest request's result is shown.
        """
        self._build_source = self._build_key()
        self.worker.submit(self._build_request())

    def _build_request(self) -> BuildRequest:
        """Everything the build needs, read here on the GUI thread: the worker never touches the store."""
        from engine.components import ComponentLibrary
        from engine.transformers import TransformerSettings

        doc = self.doc
        env = doc.get("envelope")
        settings, framework = None, ""
        if not doc.is_component:
            from engine.email_build import split_studio_options

            api, studio = split_studio_options(doc.get("transformers"))
            settings, _ = TransformerSettings.from_json_with_problems(api)
            framework = studio.get("framework", "")
        library = self._library
        if library is None:
            library = self._library = ComponentLibrary.from_workspace(self.ws)
        return BuildRequest(doc.get("source") or "", styles=self._styles, transformers=settings, filename=doc.name,
                            title=env.title if env else "", preheader=env.preheader if env else "",
                            component_sources=library.sources, component_filenames=library.filenames,
                            component_tag=(doc.tag or "") if doc.is_component else None,
                            preset=self.components.preset_index, framework=framework)

    def _build_finished(self, _request: BuildRequest, build: Build) -> None:
        if build.marked_html or not self.build.marked_html:
            self.build = build
        else:  # a half-typed source that does not compile: keep showing the last good email
            self.build = Build(self.build.html, self.build.marked_html, build.problems)
        self._preview_busy = True
        self.preview.set_html(self.build.marked_html)
        self._devtools_timer.start()  # Source and Spam follow once builds stop coming (not per keystroke)
        if self._problems_due and self._build_source == self._build_key():
            self._after_build()

    def _schedule_preview(self) -> None:
        if self._preview_busy:
            self._preview_pending = True
        else:
            self._preview_busy = True  # claimed now; the build runs on the next loop turn
            QTimer.singleShot(0, self._rebuild)

    def _preview_rendered(self, _ms: float) -> None:
        global _GC_FROZEN
        if not _GC_FROZEN:
            # Everything alive after the first render (modules, compiler caches, this window) lives long:
            # the collector stops rescanning it, which otherwise cost ~100 ms pauses every few keystrokes.
            _GC_FROZEN = True
            gc.freeze()
        self._preview_busy = False
        if self._typed_at is not None:
            self.last_latency_ms = (time.perf_counter() - self._typed_at) * 1000
            self._typed_at = None
        if self._preview_pending:
            self._preview_pending = False
            self._schedule_preview()

    def _sample_changed(self) -> None:
        data = self.preview.sample.data() or {}
        for ed in self.editors.values():
            ed.set_liquid_variables(data)

    # ---- problems -----------------------------------------------------------------------
    def _generated_text(self) -> str:
        from engine.text import plain_text

        return plain_text(self.build.html) if self.build.html else ""

    def _display_value(self, field: str) -> str:
        value = self.doc.get(field)
        if field == "text" and value is None:
            return self._generated_text()
        return value or ""

    def problem_rows(self) -> list[tuple[str, Problem]]:
        from engine.liquid import check_liquid

        rows = [("HTML", p) for p in self.build.problems]
        if not self.doc.is_component:
            text = self.doc.get("text")
            if text:
                rows += [("Text", p) for p in check_liquid(text)]
            amp = self.doc.get("amp") or ""
            if amp.strip():
                rows += [("AMP", p) for p in check_amp(amp)]
                if "{" in amp:
                    rows += [("AMP", p) for p in check_liquid(amp)]
            rows += [("Envelope", p) for p in self.doc.get("envelope").problems()]
            rows += [("Transformers", p) for p in self.transformers.problems()]
        return rows

    def _refresh_problems(self) -> None:
        rows = self.problem_rows()
        # Unchanged problems (most pauses): no list rebuild, no Monaco round trip, no envelope restyle —
        # GUI-thread work the next keystroke would wait behind.
        if rows != self._shown_rows:
            self._shown_rows = rows
            self.problems.set_problems(rows)
            for field, area in (("source", "HTML"), ("text", "Text"), ("amp", "AMP")):
                if field in self.editors:
                    self.editors[field].set_markers([p for a, p in rows if a == area and p.line])
            if not self.doc.is_component:
                self.envelope.show_problems([p for a, p in rows if a == "Envelope"])
        self.devtools.refresh(self.checks_input())

    def checks_input(self) -> ChecksInput:
        """The current build, as the developer tools check it."""
        from engine.email_build import split_studio_options

        env = None if self.doc.is_component else self.doc.get("envelope")
        api, studio = split_studio_options(self.doc.get("transformers"))
        return ChecksInput(self.doc.get("source") or "", self.doc.name, self.build.html, self.build.marked_html, api,
                           studio.get("framework", ""), env.subject if env else "", self.doc.is_component)

    def _problem_activated(self, area: str, problem: Problem) -> None:
        fields = {"HTML": "source", "Text": "text", "AMP": "amp"}
        if area in fields:
            field = fields[area]
            self.tabs.setCurrentWidget(self.pages[field])
            if problem.line:
                self.editor_for(field).go_to(problem.line, max(1, problem.column))
        elif area == "Envelope":
            self.envelope.focus_field(problem.extra.get("field", ""))
        elif area == "Transformers" and self.transformers is not None:
            self.tabs.setCurrentWidget(self.transformers)

    # ---- view -----------------------------------------------------------------------------
    def _tab_changed(self, index: int) -> None:
        for field, page in self.pages.items():
            if self.tabs.widget(index) is page and field != "source":
                self.editor_for(field)
        self.format_button.setEnabled(self._current_editor() is not None)

    def _current_editor(self):
        for field, page in self.pages.items():
            if self.tabs.currentWidget() is page:
                return self.editors.get(field)
        return None

    def _focused_editor(self):
        """The code editor that has the keyboard (Qt's focus, synchronous; Monaco's own flag can lag)."""
        focus = QApplication.focusWidget()
        for ed in self.editors.values():
            if focus is not None and ed.isAncestorOf(focus) and ed.isVisible():
                return ed
        return None

    def _update_notes(self) -> None:
        if self.doc.is_component:
            return
        if self.doc.get("text") is None:
            self.text_note.setText("Generated from the HTML — follows it until you edit here.")
            self.regenerate_button.setEnabled(False)
        else:
            self.text_note.setText("Edited by hand — Regenerate overwrites it with text from the HTML.")
            self.regenerate_button.setEnabled(True)
        has_amp = bool((self.doc.get("amp") or "").strip())
        self.amp_note.setText("AMP part (text/x-amp-html); the HTML stays the fallback." if has_amp
                              else "No AMP part. Start from the required boilerplate:")
        self.amp_skeleton_button.setVisible(not has_amp)

    def _update_state(self, *_args) -> None:
        try:
            modified = self.is_modified()
        except RuntimeError:  # the stack is being destroyed with the window
            return
        self.state_label.setText("  Unsaved changes…" if modified else "  Saved to the workspace")
        self.undo_button.setEnabled(self.stack.canUndo() or any(e.can_undo() for e in self.editors.values()))
        self.redo_button.setEnabled(self.stack.canRedo() or any(e.can_redo() for e in self.editors.values()))
        self.undo_button.setToolTip(f"Undo {self.stack.undoText()} (Ctrl+Z)" if self.stack.canUndo() else "Undo (Ctrl+Z)")
        self.tab_title_changed.emit(self.tab_title())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._fit_splitter()
        elif self._library is not None and self._reload_library():  # back to this tab: a component changed
            self._schedule_preview()

    def _fit_splitter(self) -> None:
        """The preview keeps room for the 700 px desktop email; the code column takes the rest."""
        total = max(self.splitter.width(), self.width(), 600)
        files = 210 if self.files_button.isChecked() else 0
        preview = min(764, total // 2)  # the column keeps the developer tools when the preview is hidden
        self.splitter.setSizes([files, max(260, total - files - preview), preview])
        height = max(self.right.height(), self.height() - 40, 400)
        self.right.setSizes([height - height * 2 // 5, height * 2 // 5])  # the drawer: two fifths of the column

    def _toggle_files(self, on: bool) -> None:
        self.file_panel.setVisible(on)
        if self._sized:
            self._fit_splitter()
        self.settings.setValue("editor/showFiles", "true" if on else "false")
        if on:
            self.file_panel.refresh()

    def _toggle_preview(self, on: bool) -> None:
        self.preview.setVisible(on)
        self.settings.setValue("editor/showPreview", "true" if on else "false")

    def _shortcut(self, name: str) -> None:
        if name == "toggle-preview":
            self.preview_button.toggle()
        elif name == "toggle-sidebar":
            self.files_button.toggle()
        elif name == "toggle-inspect":
            self.preview.inspect_button.toggle()
        elif name == "toggle-focus-mode":
            self.preview.focus_button.toggle()
        elif name == "save":
            self.save()
        elif name == "close-editor":
            self.save()
            self.status_message.emit("close-editor")

    def _inspect_jump(self, line: int, column: int) -> None:
        self.tabs.setCurrentWidget(self.pages["source"])
        self.editors["source"].go_to(line, column)

    def _file_chosen(self, key: str) -> None:
        self.switch_requested.emit(key)

    # ---- export & send (editor/export.py, editor/send_dialog.py) ------------------------------
    def final_html(self) -> str:
        """The shipped HTML now: built here, synchronously, when the worker's result is not current."""
        if self._build_source != self._build_key() or self.worker.is_busy():
            self._build_source = self._build_key()
            self.build = run_build(self._build_request())
        return self.build.html

    def plain_text(self) -> str:
        text = self.doc.get("text")
        return text if text is not None else self._generated_text()

    def export_zip(self) -> None:
        from editor.export import export_zip_dialog

        export_zip_dialog(self)

    def copy_html(self) -> None:
        QApplication.clipboard().setText(self.final_html())
        self.status_message.emit("Final HTML copied to the clipboard")

    def export_pdf(self) -> None:
        from editor.export import export_pdf_dialog

        export_pdf_dialog(self)

    def send_test(self) -> None:
        from editor.send_dialog import SendTestDialog

        self.save()
        dialog = SendTestDialog(self, self.ws, self)
        dialog.open()
        return dialog
