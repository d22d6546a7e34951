"""What one editor tab edits: an email/template row or a component, and writing it back.

Plain Python (no Qt), so autosave can be reasoned about on its own:
`set(field, value)` records a change and marks the field dirty; `save(ws)`
writes every dirty field through the store in one call per row and clears
them. The store commits each call (SQLite WAL), so a saved edit survives the
process being killed a moment later — and another connection sees it.

Fields: `source` (HTML tab), `text` (None = generated from the HTML, the
`emails.text` column's own convention), `amp` (None/"" = no AMP part),
`envelope` (`engine.delivery.Envelope`), `transformers` (the App-API JSON
object). Components have `source` only.
"""
from __future__ import annotations

from engine.delivery import Envelope
from engine.store.files import COMPONENT, FileRef

EMAIL_FIELDS = ("source", "text", "amp", "envelope", "transformers")


class EmailDocument:
    def __init__(self, ref: FileRef, name: str, values: dict, *, tag: str | None = None):
        self.ref = ref
        self.name = name
        self.tag = tag
        self.values = dict(values)
        self.dirty: set[str] = set()

    @property
    def kind(self) -> str:
        return self.ref.kind

    @property
    def is_component(self) -> bool:
        return self.ref.kind == COMPONENT

    @property
    def key(self) -> str:
        return f"{self.ref.kind}:{self.ref.id}"

    @classmethod
    def load(cls, ws, ref: FileRef) -> "EmailDocument":
        info = ws.files.get(ref)
        if ref.kind == COMPONENT:
            return cls(ref, info.name, {"source": ws.files.source(ref)}, tag=info.tag)
        row = ws.files.email(ref.id)
        return cls(ref, info.name, {
            "source": row.source or "",
            "text": row.text,
            "amp": row.amp,
            "envelope": Envelope.from_row(row.subject, row.preheader, row.envelope),
            "transformers": dict(row.transformers or {}),
        })

    def get(self, name: str):
        return self.values.get(name)

    def set(self, name: str, value) -> bool:
        """Record a change; False when `value` is what the field already holds."""
        if self.values.get(name) == value:
            return False
        self.values[name] = value
        self.dirty.add(name)
        return True

    def save(self, ws) -> bool:
        """Write the dirty fields; True when something was written."""
        if not self.dirty:
            return False
        if self.is_component:
            ws.files.set_source(self.ref, self.values["source"])
        else:
            columns: dict = {}
            for name in self.dirty:
                if name == "envelope":
                    columns.update(self.values["envelope"].to_columns())
                else:
                    columns[name] = self.values[name]
            ws.files.update_email(self.ref.id, **columns)
        self.dirty.clear()
        return True
