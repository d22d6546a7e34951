"""What a block looks like on the canvas: title, one-line summary, icon, accent colour.

Summaries say what the block does in the words of the spec ("Wait 10 minutes",
"Email · Welcome", "2 paths"), so a marketer reads the flow without opening
forms; the words themselves live in the engine (`engine/journeys/summary.py`). Icons are qtawesome glyphs rendered once per (name, colour) into
pixmaps — a canvas of 500 blocks shares about twenty pixmaps.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QPixmap

from engine.journeys import UNCONFIGURED, Block
from engine.journeys.summary import Names, block_summary, condition_text, leaf_text, trigger_summary  # noqa: F401

GROUP_COLORS = {"Messages": "#3b82f6", "Data": "#8b5cf6", "Delays": "#e2a03f", "Flow control": "#12a58c"}
TRIGGER_COLOR = "#ef7b45"


@lru_cache(maxsize=64)
def icon_pixmap(name: str, color: str, size: int = 44) -> QPixmap:
    """A glyph as a pixmap (2× for crisp zooming); empty when the icon font is unavailable."""
    try:
        import qtawesome as qta

        return qta.icon(name, color=color).pixmap(size, size)
    except Exception:  # noqa: BLE001 - a missing glyph must not stop the canvas
        return QPixmap()


def summary(block: Block, email_names: dict[int, str] | None = None, segment_names: dict[int, str] | None = None) -> str:
    return block_summary(block, Names(email_names or {}, segment_names or {}))


def warning(block: Block) -> str:
    return UNCONFIGURED if not block.configured else ""


def accent(block: Block) -> str:
    return GROUP_COLORS.get(block.kind.group, "#8a90a0")
