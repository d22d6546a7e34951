"""The envelope above the code editor (spec §12.1): From, To, Subject, Title, Preheader,
Reply-to, BCC and custom headers.

Emits `field_edited(key, value)` only for user edits (QLineEdit.textEdited,
header rows added, removed or typed in), never for `set_envelope`, so the
window can turn each emission into an undo command. `show_problems` marks the
fields that have problems (red border, tooltip with the messages). Liquid is
allowed in every field; the window checks it on pause.

An empty To is not an error: the message goes to `{{customer.email}}`, as in
Customer.io. The field says so as a hint — "Default: {{customer.email}}" in
italics, in the placeholder colour — rather than a placeholder that reads like
a value, and the tooltip explains it; typing any recipient replaces the default.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QToolButton, QVBoxLayout, QWidget,
)

from engine.delivery import MAX_CUSTOM_HEADERS, Envelope
from engine.delivery.envelope import FIELDS

#: What an empty To means (Customer.io's default recipient); shown as a hint, never as a value.
DEFAULT_TO = "{{customer.email}}"
PLACEHOLDERS = {
    "from": "Sender <sender@example.com>", "to": f"Default: {DEFAULT_TO}", "subject": "Required",
    "title": "Shown on the view-in-browser page", "preheader": "Preview text after the subject (≈140 characters show)",
    "reply_to": "Optional", "bcc": "Optional",
}
_TO_TIP = f"Empty: the email goes to {DEFAULT_TO}, the person's own address (Customer.io's default)."
_BAD = "QLineEdit { border: 1px solid #d93025; border-radius: 3px; }"


class _HeaderRow(QWidget):
    def __init__(self, form: "EnvelopeForm", name: str, value: str):
        super().__init__()
        self.name = QLineEdit(name, placeholderText="Header-Name")
        self.value = QLineEdit(value, placeholderText="value (Liquid allowed)")
        self.remove = QToolButton(text="✕", toolTip="Remove this header", autoRaise=True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name, 2)
        row.addWidget(self.value, 3)
        row.addWidget(self.remove)
        self.name.textEdited.connect(lambda _t: form._headers_edited())
        self.value.textEdited.connect(lambda _t: form._headers_edited())
        self.remove.clicked.connect(lambda: form._remove_row(self))


class EnvelopeForm(QWidget):
    field_edited = Signal(str, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("envelopeForm")
        self.edits: dict[str, QLineEdit] = {}
        self.header_rows: list[_HeaderRow] = []
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        # two columns of label/field pairs; Subject and Preheader span the full width
        layout = [("from", 0, 0), ("to", 0, 2), ("subject", 1, 0), ("preheader", 2, 0), ("title", 3, 0),
                  ("reply_to", 3, 2), ("bcc", 4, 0)]
        labels = dict(FIELDS)
        for key, row, col in layout:
            edit = QLineEdit(placeholderText=PLACEHOLDERS[key])
            edit.setObjectName(f"envelope_{key}")
            edit.textEdited.connect(lambda text, k=key: self.field_edited.emit(k, text))
            self.edits[key] = edit
            if key == "to":
                edit.setToolTip(_TO_TIP)
                edit.textChanged.connect(lambda _t, e=edit: self._style_default(e))
                self._style_default(edit)
            label = QLabel(labels[key])
            label.setBuddy(edit)
            grid.addWidget(label, row, col)
            span = 3 if key in ("subject", "preheader") else 1
            grid.addWidget(edit, row, col + 1, 1, span)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.add_header = QToolButton(text="+ Custom header", autoRaise=True)
        self.add_header.clicked.connect(self._add_clicked)
        grid.addWidget(self.add_header, 4, 2, 1, 2)
        self.headers_box = QVBoxLayout()
        self.headers_box.setContentsMargins(0, 0, 0, 0)
        self.headers_box.setSpacing(4)
        self.more = QWidget()
        self.more.setLayout(self.headers_box)
        self.more.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 6, 10, 6)
        outer.setSpacing(4)
        outer.addLayout(grid)
        outer.addWidget(self.more)
        self.more.setVisible(False)

    # ---- values ---------------------------------------------------------------
    def set_envelope(self, envelope: Envelope) -> None:
        for key, edit in self.edits.items():
            value = envelope.get(key)
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)  # show the start of a long address, not its end
        current = [(r.name.text(), r.value.text()) for r in self.header_rows]
        if current != list(envelope.headers):
            for row in list(self.header_rows):
                self._drop(row)
            for name, value in envelope.headers:
                self._append(name, value)
        self.add_header.setEnabled(len(self.header_rows) < MAX_CUSTOM_HEADERS)

    def headers(self) -> list[tuple[str, str]]:
        return [(r.name.text(), r.value.text()) for r in self.header_rows]

    def show_problems(self, problems) -> None:
        by_field: dict[str, list[str]] = {}
        for p in problems:
            by_field.setdefault(p.extra.get("field", ""), []).append(p.message)
        for key, edit in self.edits.items():
            messages = by_field.get(key, [])
            edit.setStyleSheet(_BAD if messages else "")
            edit.setToolTip("\n".join(messages) or (_TO_TIP if key == "to" else ""))
        for i, row in enumerate(self.header_rows):
            for part, edit in (("name", row.name), ("value", row.value)):
                messages = by_field.get(f"headers[{i}].{part}", [])
                edit.setStyleSheet(_BAD if messages else "")
                edit.setToolTip("\n".join(messages))

    @staticmethod
    def _style_default(edit: QLineEdit) -> None:
        """Italic while empty, so the default reads as a hint; the typed recipient is upright."""
        font = edit.font()
        if font.italic() != (not edit.text()):
            font.setItalic(not edit.text())
            edit.setFont(font)

    def focus_field(self, field_key: str) -> None:
        if field_key in self.edits:
            self.edits[field_key].setFocus()
            return
        if field_key.startswith("headers[") and "]" in field_key:
            index = int(field_key[8:field_key.index("]")])
            if index < len(self.header_rows):
                row = self.header_rows[index]
                (row.value if field_key.endswith(".value") else row.name).setFocus()

    # ---- header rows ------------------------------------------------------------
    def _append(self, name: str, value: str) -> _HeaderRow:
        row = _HeaderRow(self, name, value)
        self.header_rows.append(row)
        self.headers_box.addWidget(row)
        self.more.setVisible(True)
        return row

    def _drop(self, row: _HeaderRow) -> None:
        self.header_rows.remove(row)
        self.headers_box.removeWidget(row)
        row.deleteLater()
        self.more.setVisible(bool(self.header_rows))

    def _add_clicked(self) -> None:
        if len(self.header_rows) >= MAX_CUSTOM_HEADERS:
            return
        row = self._append("", "")
        row.name.setFocus()
        self._headers_edited()

    def _remove_row(self, row: _HeaderRow) -> None:
        self._drop(row)
        self._headers_edited()

    def _headers_edited(self) -> None:
        self.add_header.setEnabled(len(self.header_rows) < MAX_CUSTOM_HEADERS)
        self.field_edited.emit("headers", self.headers())
