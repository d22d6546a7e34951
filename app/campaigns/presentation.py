"""What a block looks like on the canvas: title, one-line summary, icon, accent colour.

Summaries say what the block does in the words of the spec ("Wait 10 minutes",
"Email · Welcome", "2 paths"), so a marketer reads the flow without opening
forms. Icons are qtawesome glyphs rendered once per (name, colour) into
pixmaps — a canvas of 500 blocks shares about twenty pixmaps.
"""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QPixmap

from engine.journeys import UNCONFIGURED, Block
from engine.journeys.conditions import OPERATOR_LABELS, Condition, leaves

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


def condition_text(tree: Condition | None, limit: int = 2) -> str:
    """'plan is equal to free and 1 more' — the first leaves of a tree in words."""
    items = leaves(tree)
    if not items:
        return "no conditions"
    words = [leaf_text(x) for x in items[:limit]]
    more = len(items) - limit
    return " and ".join(words) + (f" and {more} more" if more > 0 else "")


def leaf_text(leaf) -> str:
    kind = leaf.KIND
    if kind == "segment":
        name = leaf.name or f"segment {leaf.id}"
        return f"{'in' if leaf.member else 'not in'} {name}"
    if kind in ("event", "page", "screen", "form"):
        return f"{'performed' if leaf.performed else 'did not perform'} {leaf.name or '…'}"
    if kind == "message":
        return f"{leaf.type} {leaf.status}"
    if kind == "relationship":
        return f"{'related to' if leaf.exists else 'not related to'} object type {leaf.object_type_id}"
    op = OPERATOR_LABELS.get(getattr(leaf, "operator", ""), getattr(leaf, "operator", ""))
    value = getattr(leaf, "value", None)
    return f"{leaf.field or '…'} {op}" + (f" {value}" if value not in (None, "") and not isinstance(value, (dict, list)) else "")


def summary(block: Block, email_names: dict[int, str] | None = None) -> str:
    s = block.settings
    t = block.type
    if t == "email":
        name = s.email or (email_names or {}).get(s.email_id) or (f"email #{s.email_id}" if s.email_id else "")
        return f"Email · {name}" if name else "Email"
    if t in ("sms", "push", "in_app", "inbox"):
        text = getattr(s, "title", "") or getattr(s, "body", "")
        return text.replace("\n", " ") or block.kind.label
    if t == "slack":
        return f"{s.channel} · {s.text}".strip(" ·")
    if t == "whatsapp":
        return f"Template {s.template}" if s.template else "WhatsApp"
    if t == "webhook":
        return f"{s.method} {s.url}".strip()
    if t in ("update_person", "set_journey_attributes", "update_object"):
        names = ", ".join(a.name for a in s.attributes[:3])
        return f"Set {names}" if names else block.kind.label
    if t == "batch_update":
        return f"Update people where {condition_text(s.matcher, 1)}"
    if t == "send_event":
        return f"Send {s.event_name}" if s.event_name else "Send event"
    if t == "time_delay":
        unit = s.unit[:-1] if s.amount == 1 else s.unit
        return f"Wait {s.amount} {unit}"
    if t == "time_window":
        days = ", ".join(d.capitalize() for d in s.days) if len(s.days) < 7 else "Any day"
        hours = ", ".join(f"{r.start}–{r.end}" for r in s.ranges)
        return f"{days} {hours}".strip() or "Time window"
    if t == "wait_until":
        return f"{len(s.outputs())} paths" + (f" · max {s.max_time}" if s.max_time else "")
    if t == "random_delay":
        return f"Between {s.min} and {s.max}" if s.min and s.max else "Random delay"
    if t == "true_false_branch":
        return condition_text(s.conditions, 1)
    if t == "multi_split":
        return f"{len(s.paths)} paths + all others"
    if t == "random_cohort":
        return " / ".join(f"{p.percent}%" for p in s.paths)
    if t == "holdout":
        return f"Hold out {s.percent}%"
    if t == "exit":
        return "The journey ends here"
    return block.kind.label


def warning(block: Block) -> str:
    return UNCONFIGURED if not block.configured else ""


def accent(block: Block) -> str:
    return GROUP_COLORS.get(block.kind.group, "#8a90a0")
