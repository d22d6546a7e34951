"""What a block or the trigger says on the canvas, in words: "Wait 3 minutes", "in Signed up".

Qt-free, so the canvas, exports and the CLI word things alike. Names come from
`Names` — the workspace's emails and segments by id — so a summary shows the
same names the settings form shows ("in Signed up", never "in segment 1");
an id the workspace does not know reads "segment 7" so it is still findable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.journeys.blocks import Block
from engine.journeys.conditions import OPERATOR_LABELS, Condition, leaves


@dataclass
class Names:
    emails: dict[int, str] = field(default_factory=dict)
    segments: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of_workspace(cls, workspace) -> "Names":
        emails = {f.id: f.name for f in workspace.files.all() if getattr(f, "kind", None) == "email"}
        segments = {s.id: s.name for s in workspace.people.segments()}
        return cls(emails, segments)


NO_NAMES = Names()


def condition_text(tree: Condition | None, limit: int = 2, names: Names = NO_NAMES) -> str:
    """'plan is equal to free and 1 more' — the first leaves of a tree in words."""
    items = leaves(tree)
    if not items:
        return "no conditions"
    words = [leaf_text(x, names) for x in items[:limit]]
    more = len(items) - limit
    return " and ".join(words) + (f" and {more} more" if more > 0 else "")


def leaf_text(leaf, names: Names = NO_NAMES) -> str:
    kind = leaf.KIND
    if kind == "segment":
        name = names.segments.get(leaf.id) if leaf.id is not None else None
        name = name or leaf.name or (f"segment {leaf.id}" if leaf.id is not None else "…")
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


def trigger_summary(campaign, names: Names = NO_NAMES) -> str:
    t = campaign.settings.trigger
    if t.TYPE in ("segment", "segment_change"):
        return condition_text(t.conditions, names=names)
    if t.TYPE == "event":
        return f"Event {t.event}" if t.event else "Event"
    if t.TYPE == "date":
        return f"Date in {t.attribute}" if t.attribute else "Date"
    return t.LABEL


def block_summary(block: Block, names: Names = NO_NAMES) -> str:
    s = block.settings
    t = block.type
    if t == "email":
        name = s.email or names.emails.get(s.email_id) or (f"email #{s.email_id}" if s.email_id else "")
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
        attrs = ", ".join(a.name for a in s.attributes[:3])
        return f"Set {attrs}" if attrs else block.kind.label
    if t == "batch_update":
        return f"Update people where {condition_text(s.matcher, 1, names)}"
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
        return condition_text(s.conditions, 1, names)
    if t == "multi_split":
        return f"{len(s.paths)} paths + all others"
    if t == "random_cohort":
        return " / ".join(f"{p.percent}%" for p in s.paths)
    if t == "holdout":
        return f"Hold out {s.percent}%"
    if t == "exit":
        return "The journey ends here"
    return block.kind.label
