"""Document tabs: what a tab shows for a file or a campaign, and its key.

A key is "kind:id" (`email:3`, `component:2`, `campaign:1`); keys are what
the main window saves in QSettings to reopen tabs on the next start, so a tab
whose record was deleted meanwhile is simply not restored.

An email, template or component opens in the code editor
(`editor.window.EditorWindow`), which autosaves; a campaign is a read-only
view of its workflow JSON until the journeys canvas lands.

Both kinds of tab offer the same small interface to the main window: `key`,
`kind`, `title`, `set_title`, `refresh_icons`, `show_line`; editors add
`undo`/`redo`, `close_document` (flush before the tab goes) and the signals
`tab_title_changed` (dirty marker) and `switch_requested` (file panel).
Switching from the file panel follows Customer.io: the editor tab shows the
chosen file instead (one editor, many files), unless that file is already
open in another tab, which is then brought forward — one file never has two
live editors, so two autosaves can never race.
"""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.files.model import local_time
from app.icons import kind_icon
from engine.store.files import FileError, FileRef
from widgets.code_view import CodeView

FILE_KINDS = ("email", "template", "component")


def key_of(kind: str, record_id: int) -> str:
    return f"{kind}:{record_id}"


def parse_key(key: str) -> tuple[str, int] | None:
    kind, _, number = str(key).partition(":")
    if kind not in FILE_KINDS + ("campaign",) or not number.isdigit():
        return None
    return kind, int(number)


class DocumentView(QWidget):
    """A header (icon, title, what this view is) over a read-only CodeView."""

    def __init__(self, key: str, kind: str, title: str, note: str, text: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.kind = kind
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.setSpacing(10)
        self.icon_label = QLabel()
        self.icon_label.setPixmap(kind_icon(kind).pixmap(28, 28))
        header.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignTop)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("documentTitle")
        self.title_label.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.title_label)
        self.note_label = QLabel(note)
        self.note_label.setObjectName("documentNote")
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: palette(placeholder-text);")
        texts.addWidget(self.note_label)
        header.addLayout(texts, 1)
        layout.addLayout(header)
        self.code = CodeView(text)
        layout.addWidget(self.code, 1)

    def set_title(self, title: str) -> None:
        self.title = title
        self.title_label.setText(title)

    def show_line(self, line: int) -> None:
        self.code.show_line(line)

    def refresh_icons(self) -> None:
        self.icon_label.setPixmap(kind_icon(self.kind).pixmap(28, 28))


def build_document(workspace, key: str, settings=None):
    """The tab for `key`; raises LookupError (or FileError) when the record is gone."""
    parsed = parse_key(key)
    if parsed is None:
        raise LookupError(f"Not a document key: {key!r}")
    kind, record_id = parsed
    if kind == "campaign":
        from app.campaigns.document import CampaignDocument  # the workflow canvas (issue 5)

        workspace.campaigns.get(record_id)  # raises LookupError when gone
        return CampaignDocument(workspace, record_id, key)
    from editor.window import EditorWindow

    workspace.files.get(FileRef(kind, record_id))  # raises FileError when gone
    return EditorWindow(workspace, key, settings=settings)


def connect_document(window, doc) -> None:
    """Hook an editor tab into the main window: dirty marker, file switching, status messages."""
    if not hasattr(doc, "tab_title_changed"):
        return

    def retitle(text: str) -> None:
        index = window.tabs.indexOf(doc)
        if index > 0:
            window.tabs.setTabText(index, text)
            window.tabs.setTabToolTip(index, doc.title)
            if window.tabs.currentWidget() is doc:
                window.update_title()  # the dirty marker and a new name show in the window title too

    def switch(key: str) -> None:
        other = window.document(key)
        if other is not None:
            window.tabs.setCurrentWidget(other)
            return
        try:
            doc.load(key)
        except (LookupError, FileError) as exc:
            window.statusBar().showMessage(str(exc), 5000)
            return
        index = window.tabs.indexOf(doc)
        window.tabs.setTabIcon(index, kind_icon(doc.kind))
        retitle(doc.tab_title())

    def status(text: str) -> None:
        if text == "close-editor":
            window.close_tab(window.tabs.indexOf(doc))
        else:
            window.statusBar().showMessage(text, 5000)

    doc.tab_title_changed.connect(retitle)
    doc.switch_requested.connect(switch)
    doc.status_message.connect(status)
    tools = getattr(doc, "components", None)  # custom-component tools: references, Edit component source
    if tools is not None:
        tools.open_requested.connect(lambda key, line: window.open_document(key, line))


__all__ = ["DocumentView", "build_document", "connect_document", "key_of", "parse_key", "FileError"]
