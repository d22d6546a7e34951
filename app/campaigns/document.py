"""CampaignDocument: the tab where a campaign is built — canvas, build menu, forms, problems, undo.

Data flow (orange-canvas style): the user's gesture → an undo command →
the model's mutation → model signals → `CampaignCanvas` redraws and the
document re-validates. Nothing else edits the model, so undo/redo and every
view stay consistent. "Modified" is the undo stack not being clean; Save
writes the model through `ws.campaigns.update` with `campaign_to_parts`.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QInputDialog, QLabel, QMenu, QMessageBox, QScrollArea, QSplitter, QTabWidget,
    QToolBar, QVBoxLayout, QWidget,
)

from app.campaigns import commands as cmd
from app.campaigns.canvas import CampaignCanvas
from app.campaigns.forms import BlockForm
from app.campaigns.palette import BLOCK_MIME, BlockPalette
from app.campaigns.problems import ProblemsList
from app.campaigns.settings_panel import CampaignSettingsPanel
from app.campaigns.toolbar import CanvasToolbar
from engine.journeys import TRIGGER, CampaignFormatError, FormatError, ModelError, campaign_from_parts, campaign_to_parts, validate
from engine.journeys.operations import fragment_offset
from engine.journeys.values import Position
from widgets.node_canvas import NodeCanvasScene, NodeCanvasView
from widgets.node_canvas.theme import CanvasTheme

FRAGMENT_MIME = "application/x-campaign-studio-fragment"

STYLE = """
QToolBar#canvasToolbar { border: none; border-bottom: 1px solid palette(mid); spacing: 2px; padding: 4px 8px; }
QToolBar#canvasToolbar QToolButton { padding: 4px 8px; border-radius: 6px; }
QToolBar#canvasToolbar QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); }
QLabel#campaignTitle { font-size: 15px; font-weight: 600; padding: 0 10px 0 4px; }
QLabel#campaignStatus { border-radius: 8px; padding: 1px 8px; color: white; font-size: 11px; }
QWidget#blockPalette { border-right: 1px solid palette(mid); }
QTabWidget#sidePanel::pane { border: none; border-left: 1px solid palette(mid); }
QLabel#fieldHeading { font-weight: 600; padding-top: 6px; }
QFrame#conditionRow { border: 1px solid palette(mid); border-radius: 6px; background: palette(base); }
QFrame#conditionGroup { border-left: 3px solid palette(highlight); background: palette(alternate-base); border-radius: 4px; }
QToolButton#dayToggle { padding: 3px 6px; border: 1px solid palette(mid); border-radius: 4px; }
QToolButton#dayToggle:checked { background: palette(highlight); color: palette(highlighted-text); }
"""


def _is_dark() -> bool:
    try:
        from app.theme import is_dark

        return bool(is_dark())
    except Exception:  # noqa: BLE001
        return False


class CampaignDocument(CanvasToolbar, QWidget):
    """A document tab. Besides its own signals it offers the main window's tab interface
    (`key`, `kind`, `title`, `set_title`, `show_line`, `undo`/`redo`, `close_document`,
    `tab_title_changed`, `switch_requested`, `status_message`) shared with the email editor."""

    titleChanged = Signal(str)
    statusMessage = Signal(str)
    tab_title_changed = Signal(str)
    switch_requested = Signal(str)
    status_message = Signal(str)

    kind = "campaign"

    def __init__(self, workspace, campaign_id: int, key: str = "", parent=None):
        super().__init__(parent)
        self.setObjectName("campaignDocument")
        self.setStyleSheet(STYLE)
        self.ws = workspace
        self.campaign_id = campaign_id
        self.key = key or f"campaign:{campaign_id}"
        row = workspace.campaigns.get(campaign_id)
        self.title = row.name
        self.status = row.status
        self.campaign = None
        self.load_error = ""
        try:
            self.campaign = campaign_from_parts(row.name, row.settings or {}, row.workflow or {})
        except FormatError as exc:
            self.load_error = f"{row.name}: {exc}"
        except CampaignFormatError as exc:
            self.load_error = str(exc)
        if self.campaign is None:
            self._build_error_page()
            return
        self.emails = self._emails()
        self.segments = [(s.id, s.name) for s in workspace.people.segments()]
        self.stack = QUndoStack(self)
        self.stack.cleanChanged.connect(lambda clean: self._modified_changed(not clean))
        self.statusMessage.connect(self.status_message.emit)
        self._form_edit = False
        self._build()
        self.campaign.changed.connect(self._model_changed)
        self.campaign.workflow.block_changed.connect(self._block_changed)
        self.revalidate()

    # ---- construction -----------------------------------------------------------------
    def _emails(self) -> list[dict]:
        out = []
        for info in self.ws.files.all():
            if info.kind != "email":
                continue
            try:
                row = self.ws.files.email(info.id)
                out.append({"id": info.id, "name": info.name, "subject": row.subject, "preheader": row.preheader})
            except Exception:  # noqa: BLE001 - a row deleted meanwhile
                continue
        return out

    def _build_error_page(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 24, 24, 24)
        label = QLabel(f"<h3>This campaign can't be opened on the canvas</h3><p>{self.load_error}</p>"
                       "<p>Fix the file and import it again, or delete this campaign.</p>")
        label.setObjectName("campaignLoadError")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(label)
        from widgets.code_view import CodeView

        row = self.ws.campaigns.get(self.campaign_id)
        self.code = CodeView(json.dumps(row.workflow or {}, indent=2, ensure_ascii=False))  # the raw workflow, read-only
        lay.addWidget(self.code, 1)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("canvasToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        outer.addWidget(self.toolbar)

        self.scene = NodeCanvasScene(CanvasTheme.dark() if _is_dark() else CanvasTheme.light(), self)
        names = {e["id"]: e["name"] for e in self.emails}
        self.canvas = CampaignCanvas(self.campaign, self.scene, names, segment_names=dict(self.segments))
        self.view = NodeCanvasView(self.scene)
        self.view.accepted_mime_types = (BLOCK_MIME, FRAGMENT_MIME)
        self.view.dropRequested.connect(self._dropped)
        self.scene.itemsMoved.connect(self._items_moved)
        self.scene.nodeDropped.connect(self._node_dropped)
        self.scene.copyDragged.connect(self._copy_dragged)
        self.scene.indicatorActivated.connect(self._indicator_clicked)
        self.scene.nodeActivated.connect(self._node_activated)
        self.scene.noteActivated.connect(self.edit_note_text)
        self.scene.selectionChanged.connect(self._selection_changed)

        self.palette = BlockPalette()
        self.palette.setMinimumWidth(210)
        self.palette.activated.connect(self.add_after_selection)
        self.palette.hide()

        self.side = QTabWidget()
        self.side.setObjectName("sidePanel")
        self.side.setDocumentMode(True)
        self.block_scroll = QScrollArea()
        self.block_scroll.setWidgetResizable(True)
        self.block_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.block_form: BlockForm | None = None
        self._block_hint()
        self.settings_panel = CampaignSettingsPanel(self.campaign, self.segments)
        self.settings_panel.changed.connect(self._settings_edited)
        self.settings_panel.renamed.connect(self.rename_campaign)
        settings_scroll = QScrollArea()
        settings_scroll.setWidgetResizable(True)
        settings_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        holder = QWidget()
        hl = QVBoxLayout(holder)
        hl.setContentsMargins(12, 12, 12, 12)
        hl.addWidget(self.settings_panel)
        hl.addStretch(1)
        settings_scroll.setWidget(holder)
        settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.block_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._panel_edit = False
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.timeout.connect(lambda: self.settings_panel.load(self.campaign.settings.to_json()))
        self._form_timer = QTimer(self)
        self._form_timer.setSingleShot(True)
        self._form_timer.timeout.connect(self._reload_form)
        self.campaign.settings_changed.connect(self._campaign_settings_changed)
        self.problems = ProblemsList()
        self.problems.blockRequested.connect(self.focus_block)
        self.problems.settingsRequested.connect(lambda: self.side.setCurrentIndex(1))
        self.side.addTab(self.block_scroll, "Block")
        self.side.addTab(settings_scroll, "Campaign")
        self.side.addTab(self.problems, "Problems")
        self.side.setMinimumWidth(420)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.palette)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 800, 470])
        self.splitter.setCollapsible(1, False)
        outer.addWidget(self.splitter, 1)
        self._build_actions()

        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(120)
        self._validate_timer.timeout.connect(self.revalidate)
        QTimer.singleShot(0, self.view.zoom_to_fit)

    # ---- state ------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self.campaign is not None and not self.stack.isClean()

    def _modified_changed(self, modified: bool) -> None:
        import shiboken6

        if not shiboken6.isValid(self) or not shiboken6.isValid(self.title_label):
            return  # the stack reports "clean" while the tab is being destroyed
        self._show_title(modified)
        self.tab_title_changed.emit(self.title + (" •" if modified else ""))

    # -- the main window's tab interface
    def set_title(self, title: str) -> None:
        self.title = title

    def show_line(self, _line: int) -> None:
        pass

    def undo(self) -> None:
        if self.campaign is not None:
            self.stack.undo()

    def redo(self) -> None:
        if self.campaign is not None:
            self.stack.redo()

    def close_document(self) -> None:
        """The tab is closing: keep the edits, as the email editor's autosave does (a refused save is reported)."""
        if self.campaign is not None and self.modified and not self.save():
            self.status_message.emit(f"{self.title} was not saved: {self.last_refusal}")

    def _model_changed(self) -> None:
        self._validate_timer.start()

    def revalidate(self) -> list:
        problems = validate(self.campaign, self.ws)
        labels = {b.id: b.label for b in self.campaign.workflow.blocks.values()}
        self.problems.show_problems(problems, labels)
        errors = sum(p.severity.value == "error" for p in problems)
        self.problems_button.setText(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "No problems")
        self.problems_button.setStyleSheet(f"color: {'#d64545' if errors else ('#c7791f' if problems else '#2e9d5b')}; font-weight: 600;")
        self.side.setTabText(2, f"Problems ({len(problems)})" if problems else "Problems")
        self.last_problems = problems
        return problems

    # ---- commands ------------------------------------------------------------------------
    def push(self, command: cmd.ModelCommand) -> bool:
        """Apply a command now; a refused edit (ModelError) leaves the model untouched and says why."""
        try:
            command.run()
        except ModelError as exc:
            self.statusMessage.emit(str(exc))
            self.last_refusal = str(exc)
            return False
        self.last_refusal = ""
        self.stack.push(command)
        return True

    def _make_room(self, source: str, path) -> tuple[Position, dict[str, Position]]:
        """The engine's `make_room`, told where the canvas draws that path's "+"."""
        wf = self.campaign.workflow
        end = None
        if wf.edge_on(source, path) is None:
            point = self.canvas.end_point(source, path)
            end = Position(point.x(), point.y())
        return wf.make_room(source, path, end)

    def add_block(self, type_id: str, source: str, path, settings: dict | None = None) -> str | None:
        """Insert a new block on (source, path) — the one code path for palette drops and "+" clicks."""
        position, shift = self._make_room(source, path)
        command = AddBlockWithRoom(self.campaign, type_id, source, path, position, shift, settings)
        if not self.push(command):
            return None
        self.select_block(command.block_id)
        item = self.scene.nodes.get(command.block_id)
        if item is not None:  # the new block and the "+" below it, clear of the minimap
            self.view.reveal(item.sceneBoundingRect().adjusted(0, 0, 0, 60))
        return command.block_id

    def add_after_selection(self, type_id: str) -> None:
        """Palette double-click: add at the first open path below the selected block (or the trigger)."""
        ids = self.scene.selected_node_ids()
        spot = self.campaign.workflow.first_open_path(ids[0] if len(ids) == 1 else TRIGGER)
        if spot is None:
            self.statusMessage.emit("Nothing can follow an Exit block")
            return
        self.add_block(type_id, *spot)

    def _dropped(self, mime: QMimeData, key, scene_pos: QPointF) -> None:
        if mime.hasFormat(BLOCK_MIME):
            type_id = bytes(mime.data(BLOCK_MIME)).decode()
            if key is None:
                self.statusMessage.emit("Drop the block on a + (on an edge or at the end of a path)")
                return
            _kind, (source, path) = key
            self.add_block(type_id, source, path)
        elif mime.hasFormat(FRAGMENT_MIME):
            fragment = json.loads(bytes(mime.data(FRAGMENT_MIME)).decode())
            self._paste_fragment(fragment, key, scene_pos)

    def _items_moved(self, nodes: dict, notes: dict) -> None:
        self.push(cmd.MoveItems(self.campaign, {k: Position(round(p.x(), 1), round(p.y(), 1)) for k, p in nodes.items()},
                                {k: Position(round(p.x(), 1), round(p.y(), 1)) for k, p in notes.items()}))

    def _node_dropped(self, node_id: str, key, copy: bool) -> None:
        _kind, (source, path) = key
        if copy:
            fragment = self.campaign.workflow.copy_fragment([node_id])
            self._paste_fragment(fragment, key, QPointF())
            return
        position, shift = self._make_room(source, path)
        shift.pop(node_id, None)
        self.push(cmd.MoveBlockOnto(self.campaign, node_id, source, path, {**shift, node_id: position}))

    def _copy_dragged(self, ids: list, delta: QPointF) -> None:
        fragment = self.campaign.workflow.copy_fragment(ids)
        self.push(cmd.Paste(self.campaign, fragment, (round(delta.x(), 1), round(delta.y(), 1))))

    def _indicator_clicked(self, key) -> None:
        menu = QMenu(self)
        from engine.journeys import palette

        for group, types in palette().items():
            menu.addSection(group)
            for t in types:
                menu.addAction(t.label, lambda tid=t.id: self.add_block(tid, *key[1]))
        menu.popup(self.view.mapToGlobal(self.view.mapFromScene(self.scene.indicators[key].pos() if key in self.scene.indicators else QPointF())))

    # ---- selection and forms ----------------------------------------------------------------
    def select_block(self, block_id: str) -> None:
        self.scene.select_only([block_id])

    def focus_block(self, block_id: str) -> None:
        if block_id in self.scene.nodes:
            self.select_block(block_id)
            self.view.focus_on(self.scene.nodes[block_id].sceneBoundingRect().center())
            self.side.setCurrentIndex(0)

    def _node_activated(self, node_id: str) -> None:
        if node_id == TRIGGER:
            self.side.setCurrentIndex(1)
        else:
            self.side.setCurrentIndex(0)

    def _selection_changed(self) -> None:
        ids = self.scene.selected_node_ids()
        if TRIGGER in [i.node_id for i in self.scene.selectedItems() if hasattr(i, "node_id")]:
            self.side.setCurrentIndex(1)
        self.show_block_form(ids[0] if len(ids) == 1 else None)

    def _block_hint(self) -> None:
        hint = QLabel("Select a block to edit its settings.\n\nPress B for the build menu, drag a block onto a +.\n"
                      "Shift-click or drag a marquee to select several; Del deletes; Ctrl+C / Ctrl+V copy;\n"
                      "Alt-drag copies; Shift+N shows or hides notes.")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignTop)
        hint.setStyleSheet("color: palette(placeholder-text); padding: 16px;")
        self.block_scroll.setWidget(hint)

    def show_block_form(self, block_id: str | None) -> None:
        if block_id is None or block_id not in self.campaign.workflow.blocks:
            self.block_form = None
            self._block_hint()
            return
        block = self.campaign.workflow.block(block_id)
        form = BlockForm(block, self.emails, self.segments)
        form.changed.connect(lambda data, key, f=form: self._form_edited(f, data, key))
        form.renamed.connect(lambda name, bid=block_id: self._rename(bid, name))
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(12, 12, 12, 12)
        head = QHBoxLayout()
        title = QLabel(f"<b>{block.kind.label}</b>")
        title.setStyleSheet("font-size: 14px;")
        head.addWidget(title)
        head.addStretch(1)
        lay.addLayout(head)
        lay.addWidget(form)
        self.block_scroll.setWidget(holder)
        self.block_form = form
        if self.side.currentIndex() == 2:
            return
        self.side.setCurrentIndex(0)

    def _block_changed(self, block, _what) -> None:
        """Undo/redo (or any edit not typed in the form) reloads the open block form."""
        if not self._form_edit and self.block_form is not None and block.id == self.block_form.block_id:
            self._form_timer.start(0)

    def _reload_form(self) -> None:
        if self.block_form is not None:
            self.show_block_form(self.block_form.block_id)

    def _form_edited(self, form: BlockForm, data: dict, key: str = "") -> None:
        self._form_edit = True
        try:
            if self.campaign.workflow.block(form.block_id).settings.to_json() != data:
                self.push(cmd.SetBlockSettings(self.campaign, form.block_id, data, session=form, key=key))
            form.show_missing(self.campaign.workflow.block(form.block_id))
        finally:
            self._form_edit = False

    def _rename(self, block_id: str, name: str) -> None:
        if block_id in self.campaign.workflow.blocks and self.campaign.workflow.block(block_id).name != name:
            self._form_edit = True
            try:
                self.push(cmd.RenameBlock(self.campaign, block_id, name))
            finally:
                self._form_edit = False

    def _campaign_settings_changed(self, key, _old, _new) -> None:
        """Undo/redo (or any edit not typed in the panel) reloads the settings panel."""
        if not self._panel_edit and key not in ("name", "description", "tags"):
            self._panel_timer.start(0)

    def _settings_edited(self, data: dict, key: str = "") -> None:
        from engine.journeys.settings import CampaignSettings

        new = CampaignSettings.from_json(data, "settings")
        changes = {k: getattr(new, k) for k in CampaignSettings.__dataclass_fields__
                   if getattr(new, k) != getattr(self.campaign.settings, k)}
        if changes:
            self._panel_edit = True
            try:
                self.push(cmd.SetCampaign(self.campaign, merge_key=key, session=self.settings_panel, **changes))
            finally:
                self._panel_edit = False
        try:
            in_sync = self.settings_panel.settings_json() == self.campaign.settings.to_json()
        except FormatError:
            in_sync = False
        if not in_sync:  # settings given from outside the widgets: show what the model now holds
            self._panel_timer.start(0)

    def rename_campaign(self, name: str) -> None:
        if name and name != self.campaign.name:
            self.push(cmd.SetCampaign(self.campaign, "Rename campaign", name=name))
            self.title = name
            self._show_title(self.modified)
            self.titleChanged.emit(name)

    # ---- edit actions ----------------------------------------------------------------
    def delete_selection(self) -> None:
        blocks, notes = self.scene.selected_node_ids(), self.scene.selected_note_ids()
        if blocks or notes:
            self.push(cmd.DeleteItems(self.campaign, blocks, notes))

    def fragment_of_selection(self) -> dict | None:
        ids = self.scene.selected_node_ids()
        return self.campaign.workflow.copy_fragment(ids) if ids else None

    def copy_selection(self) -> None:
        fragment = self.fragment_of_selection()
        if fragment is None:
            return
        mime = QMimeData()
        text = json.dumps(fragment, ensure_ascii=False)
        mime.setData(FRAGMENT_MIME, text.encode())
        mime.setText(text)
        QGuiApplication.clipboard().setMimeData(mime)
        self.statusMessage.emit(f"Copied {len(fragment['blocks'])} block(s)")

    def paste(self) -> None:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(FRAGMENT_MIME):
            return
        fragment = json.loads(bytes(mime.data(FRAGMENT_MIME)).decode())
        ids = self.scene.selected_node_ids()
        if len(ids) == 1:
            free = self.campaign.workflow.free_outputs(ids[0])
            if free:
                self._paste_fragment(fragment, ("end", (ids[0], free[0])), QPointF())
                return
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        self._paste_fragment(fragment, None, centre)

    def _paste_fragment(self, fragment: dict, key, scene_pos: QPointF) -> None:
        """On a path (key): where the engine makes room; else with its top-left at `scene_pos`."""
        if not fragment.get("blocks"):
            return
        if key is not None:
            _kind, (source, path) = key
            position, _shift = self._make_room(source, path)
            self.push(cmd.Paste(self.campaign, fragment, fragment_offset(fragment, position), source, path))
        else:
            at = Position(scene_pos.x(), scene_pos.y())
            self.push(cmd.Paste(self.campaign, fragment, fragment_offset(fragment, at)))

    def select_all(self) -> None:
        self.scene.select_only(list(self.campaign.workflow.blocks))

    def tidy(self) -> None:
        ids = self.scene.selected_node_ids()
        self.push(cmd.Tidy(self.campaign, ids if len(ids) > 1 else None))

    def add_note(self, text: str = "") -> None:
        ids = self.scene.selected_node_ids()
        if len(ids) == 1:
            b = self.campaign.workflow.block(ids[0])
            pos, link = Position(b.position.x + 140, b.position.y - 10), ids[0]
        else:
            c = self.view.mapToScene(self.view.viewport().rect().center())
            pos, link = Position(round(c.x(), 1), round(c.y(), 1)), None
        self.push(cmd.AddNote(self.campaign, pos, link, text if isinstance(text, str) else ""))

    def edit_note_text(self, note_id: str) -> None:
        note = self.campaign.workflow.notes[note_id]
        text, ok = QInputDialog.getMultiLineText(self, "Note", "Text", note.text)
        if ok and text != note.text:
            self.push(cmd.EditNote(self.campaign, note_id, text=text))

    def color_notes(self, color: str) -> None:
        for note_id in self.scene.selected_note_ids():
            self.push(cmd.EditNote(self.campaign, note_id, color=color))

    def toggle_notes(self, visible: bool | None = None) -> None:
        visible = self.notes_visible_action.isChecked() if visible is None or not isinstance(visible, bool) else visible
        self.notes_visible_action.setChecked(visible)
        self.scene.set_notes_visible(visible)

    def toggle_minimap(self) -> None:
        self.view.set_minimap_visible(self.minimap_action.isChecked())

    def toggle_palette(self, shown: bool | None = None) -> None:
        shown = self.build_action.isChecked() if not isinstance(shown, bool) else shown
        self.build_action.setChecked(shown)
        self.palette.setVisible(shown)
        if shown:
            self.palette.search.setFocus()

    # ---- save, export, close ------------------------------------------------------------------
    def save(self) -> bool:
        problems = validate(self.campaign)
        blocking = [p for p in problems if p.rule == "trigger-not-in-only"]
        if blocking:
            self.statusMessage.emit(blocking[0].message)
            self.last_refusal = blocking[0].message
            return False
        name, settings, workflow = campaign_to_parts(self.campaign)
        self.ws.campaigns.update(self.campaign_id, name=name, settings=settings, workflow=workflow)
        from app.campaigns.events import campaign_events

        campaign_events(self.ws).changed.emit(self.campaign_id)
        self.stack.setClean()
        self.statusMessage.emit(f"Saved {name}")
        return True

    def export_png(self, path: str) -> bool:
        return self.view.export_png(path)

    def export_png_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export workflow as PNG", f"{self.title}.png", "PNG image (*.png)")
        if path:
            self.export_png(path)

    def maybe_close(self) -> bool:
        """Ask before losing edits; True when the tab may close."""
        if not self.modified:
            return True
        answer = QMessageBox.question(self, "Unsaved changes", f"Save the changes to {self.title}?",
                                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                                      | QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def refresh_icons(self) -> None:
        if self.campaign is None:
            return
        self.scene.set_theme(CanvasTheme.dark() if _is_dark() else CanvasTheme.light())
        self.view.minimap.refresh()

    def closeEvent(self, event) -> None:
        if self.campaign is not None and self.canvas._slots:
            self.canvas.close()
            self.campaign.changed.disconnect(self._model_changed)
            self.campaign.workflow.block_changed.disconnect(self._block_changed)
            self.campaign.settings_changed.disconnect(self._campaign_settings_changed)
        super().closeEvent(event)


class AddBlockWithRoom(cmd.AddBlock):
    """AddBlock that first pushes the blocks below the drop point one row down (same undo step)."""

    def __init__(self, campaign, type_id, source, path, position, shift, settings=None):
        super().__init__(campaign, type_id, source, path, position, settings)
        self.shift = shift

    def perform(self, wf):
        if self.shift:
            wf.move_blocks(self.shift)
        super().perform(wf)
