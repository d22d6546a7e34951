"""Email size as Gmail counts it: the HTML's UTF-8 bytes, in KB of 1024 bytes.

Gmail clips messages whose HTML exceeds about 102 KB and shows "[Message
clipped] View entire message". The figure is measured on the final HTML
(after transformers), the same bytes Export ships; Liquid output can make a
real send larger, which the preview shows when sample data is rendered.
"""
from __future__ import annotations

from dataclasses import dataclass

GMAIL_CLIP_KB = 102


@dataclass(frozen=True)
class EmailSize:
    bytes: int

    @property
    def kb(self) -> float:
        return self.bytes / 1024

    @property
    def clipped_by_gmail(self) -> bool:
        return self.kb > GMAIL_CLIP_KB

    def label(self) -> str:
        return f"{self.kb:.1f} KB"

    def warning(self) -> str | None:
        if not self.clipped_by_gmail:
            return None
        return f"{self.label()} is over {GMAIL_CLIP_KB} KB: Gmail clips the message and hides the rest"


def email_size(html: str) -> EmailSize:
    return EmailSize(len(html.encode("utf-8")))
