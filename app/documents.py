"""Document tabs: what a tab shows for a file or a campaign, and its key.

A key is "kind:id" (`email:3`, `component:2`, `campaign:1`); keys are what
the main window saves in QSettings to reopen tabs on the next start, so a tab
whose record was deleted meanwhile is simply not restored.

Until the email editor and the journeys canvas land (their own issues), a tab
is a read-only view of the source or the workflow JSON, with a header saying so.
"""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.files.model import KIND_LABELS, local_time
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

    def refresh_icons(self) -> None:
        self.icon_label.setPixmap(kind_icon(self.kind).pixmap(28, 28))


def build_document(workspace, key: str) -> DocumentView:
    """The tab for `key`; raises LookupError (or FileError) when the record is gone."""
    parsed = parse_key(key)
    if parsed is None:
        raise LookupError(f"Not a document key: {key!r}")
    kind, record_id = parsed
    if kind == "campaign":
        from app.campaigns.document import CampaignDocument  # the workflow canvas (issue 5)

        workspace.campaigns.get(record_id)  # raises LookupError when gone
        return CampaignDocument(workspace, record_id, key)
    ref = FileRef(kind, record_id)
    info = workspace.files.get(ref)
    text = workspace.files.source(ref)
    extra = f" · <{info.tag}>" if info.tag else ""
    note = (
        f"{KIND_LABELS[kind]}{extra} · last edited {local_time(info.updated_at)} — "
        "read-only source view; the editor arrives with its own issue."
    )
    return DocumentView(key, kind, info.name, note, text)


__all__ = ["DocumentView", "build_document", "key_of", "parse_key", "FileError"]
