"""Campaign settings (spec §4.1): trigger (§5), filters, frequency (§5.8), goal (§10),
exit (§6.3), schedule (§4.3), time zone rules and message defaults.

Every trigger is written `{"type": <id>, …its fields}`. Decisions [inf]:

- `start` (start audience) defaults to `future_additions`: a fresh campaign
  never mails everyone already matching unless the marketer says so;
- `frequency` omitted means the trigger type's default (first of its list in
  `FREQUENCIES`; event/form default to every occurrence, §19 item 1);
- exit ids are `stop_matching` (the label reads "they stop matching the
  trigger" or "… the filters" depending on the trigger), `on_conversion`,
  `on_conversion_or_stop_matching` and `never`;
- schedule times are ISO 8601 with an offset (the editing user's zone is
  applied by the UI when it writes them).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from engine.journeys import conditions as cond
from engine.journeys.conditions import CONDITION, Condition, Group
from engine.journeys.errors import FormatError, join
from engine.journeys.records import BOOL, INT, STR, Codec, ListOf, Nested, OneOf, OBJECT, Optional, Record, describe, setting
from engine.journeys.timezones import PERSON_ZONE, ZONE_CHOICES, timezone_problems
from engine.journeys.values import Duration

Issue = tuple[str, str]

EXITS = {
    "stop_matching": "They stop matching the trigger",
    "on_conversion": "They match the conversion criteria",
    "on_conversion_or_stop_matching": "They match the conversion criteria or stop matching the trigger",
    "never": "People don't exit early",
}
START_AUDIENCES = {"current_and_future": "Current people and future additions", "future_additions": "Future additions only"}
FREQUENCY_LABELS = {
    "once": "Once", "every_rematch": "Every time they re-match", "fixed_interval": "At fixed intervals",
    "every_event": "Every time", "once_per_period": "Once within a time period",
}
GOAL_BASES = ("sent", "opened", "clicked")
MAX_GOAL_WINDOW = 90 * 86400
MAX_AUTO_RETRY = 48 * 3600


# ---- triggers ------------------------------------------------------------------

class Trigger(Record):
    TYPE: ClassVar[str] = ""
    LABEL: ClassVar[str] = ""
    CONTEXT: ClassVar[str] = ""  # the condition context of its `conditions`
    HAS_FILTERS: ClassVar[bool] = True
    HAS_START_AUDIENCE: ClassVar[bool] = False

    def to_json(self) -> dict:
        return {"type": self.TYPE, **Record.to_json(self)}

    def problems(self, path: str) -> list[Issue]:
        tree = getattr(self, "conditions", None)
        if tree is None:
            return []
        where = join(path, "conditions")
        return tree.problems(where) + cond.context_problems(tree, self.CONTEXT, where)


def _empty_and() -> Condition:
    return Group("and", [])


@dataclass
class SegmentTrigger(Trigger):
    """Attribute or segment (the current trigger, §5.2): no filters, at least one positive condition."""

    TYPE = "segment"
    LABEL = "Attribute or segment"
    CONTEXT = "trigger.segment"
    HAS_FILTERS = False
    HAS_START_AUDIENCE = True
    conditions: Condition = setting(CONDITION, factory=_empty_and, always=True)

    def problems(self, path: str) -> list[Issue]:
        out = super().problems(path)
        leaves = cond.leaves(self.conditions)
        if not leaves:  # nobody matches an empty trigger: the campaign would never start anyone
            out.append((join(path, "conditions"), "add a condition: who enters this campaign?"))
            return out
        positive = [leaf for leaf in leaves if leaf.KIND == "attribute" or (leaf.KIND == "segment" and leaf.member)]
        if leaves and not positive:
            out.append((join(path, "conditions"),
                        "a trigger made only of 'not in segment' conditions can't be saved; add an attribute or 'in segment' condition"))
        return out


@dataclass
class SegmentChangeTrigger(SegmentTrigger):
    """Legacy "Segment change" trigger: kept for imported campaigns; filters allowed."""

    TYPE = "segment_change"
    LABEL = "Segment change (legacy)"
    HAS_FILTERS = True


@dataclass
class EventTrigger(Trigger):
    """`conditions` are the event data filters; their attribute fields are paths in the event's data."""

    TYPE = "event"
    LABEL = "Event"
    CONTEXT = "trigger.event"
    event: str = setting(STR, "", always=True)
    conditions: Condition | None = setting(Optional(CONDITION), None)

    def problems(self, path: str) -> list[Issue]:
        out = super().problems(path)
        if not self.event.strip():
            out.append((join(path, "event"), "choose the event that starts the campaign"))
        return out


@dataclass
class FormTrigger(Trigger):
    TYPE = "form"
    LABEL = "Form submission"
    CONTEXT = "trigger.event"
    forms: list[str] = setting(ListOf(STR), factory=list, always=True)
    conditions: Condition | None = setting(Optional(CONDITION), None)

    def problems(self, path: str) -> list[Issue]:
        out = super().problems(path)
        if not self.forms:
            out.append((join(path, "forms"), "choose at least one form"))
        return out


@dataclass
class DateTrigger(Trigger):
    """Important date (§5.5): `offset_days` before/after (or `on`) the date in `attribute`."""

    TYPE = "date"
    LABEL = "Date"
    attribute: str = setting(STR, "", always=True)
    recurrence: str = setting(STR, "yearly", always=True,
                              choices=[("once", "Once"), ("monthly", "Every month"), ("yearly", "Every year")])
    offset: str = setting(STR, "on", choices=[("on", "On the date"), ("before", "Days before"), ("after", "Days after")])
    offset_days: int = setting(INT, 0)
    time: str = setting(STR, "00:00")
    timezone: str = setting(STR, "person", choices=PERSON_ZONE + ZONE_CHOICES, open_choices=True)
    fallback_timezone: str = setting(STR, "UTC", choices=ZONE_CHOICES, open_choices=True)

    def problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        if not self.attribute.strip():
            out.append((join(path, "attribute"), "choose the date attribute"))
        else:
            try:
                cond.parse_json_path(self.attribute)
            except ValueError as exc:
                out.append((join(path, "attribute"), f"invalid path {self.attribute!r}: {exc}"))
        if self.recurrence not in ("once", "monthly", "yearly"):
            out.append((join(path, "recurrence"), "must be 'once', 'monthly' or 'yearly'"))
        if self.offset not in ("on", "before", "after"):
            out.append((join(path, "offset"), "must be 'on', 'before' or 'after'"))
        elif self.offset == "on" and self.offset_days:
            out.append((join(path, "offset_days"), "'on' the date takes no day offset"))
        elif self.offset != "on" and self.offset_days < 1:
            out.append((join(path, "offset_days"), "must be at least 1 day"))
        if not _is_clock(self.time):
            out.append((join(path, "time"), f"expected HH:MM, got {self.time!r}"))
        out += timezone_problems(self.timezone, join(path, "timezone"), allow_person=True)
        out += timezone_problems(self.fallback_timezone, join(path, "fallback_timezone"))
        return out


@dataclass
class Audience(Record):
    """Who enters an object/relationship campaign: `all` related people, `certain` ones, or the `added` person."""

    kind: str = setting(STR, "all", choices=[("all", "All related people"), ("certain", "Certain related people"),
                                             ("added", "The person added")])
    conditions: Condition | None = setting(Optional(CONDITION), None)


@dataclass
class ObjectTrigger(Trigger):
    TYPE = "object_updated"
    LABEL = "Object updated"
    CONTEXT = "trigger.object"
    HAS_START_AUDIENCE = True
    object_type_id: int | None = setting(Optional(INT), None, always=True)
    conditions: Condition = setting(CONDITION, factory=_empty_and, always=True)
    audience: Audience = setting(Nested(Audience), factory=Audience)
    AUDIENCES: ClassVar[tuple[str, ...]] = ("all", "certain")

    def problems(self, path: str) -> list[Issue]:
        out = super().problems(path)
        if self.object_type_id is None:
            out.append((join(path, "object_type_id"), "choose an object type"))
        if cond.is_empty(self.conditions):
            out.append((join(path, "conditions"), "name the attribute change that starts the campaign"))
        if self.audience.kind not in self.AUDIENCES:
            out.append((join(path, "audience.kind"), f"must be one of {', '.join(self.AUDIENCES)}"))
        if self.audience.kind == "certain" and cond.is_empty(self.audience.conditions):
            out.append((join(path, "audience.conditions"), "say which related people enter"))
        if self.audience.conditions is not None:
            where = join(path, "audience.conditions")
            out += self.audience.conditions.problems(where) + cond.context_problems(self.audience.conditions, "trigger.object", where)
        return out


@dataclass
class RelationshipAddedTrigger(ObjectTrigger):
    TYPE = "relationship_added"
    LABEL = "Person added to object"
    AUDIENCES = ("added", "all", "certain")
    audience: Audience = setting(Nested(Audience), factory=lambda: Audience("added"))

    def problems(self, path: str) -> list[Issue]:  # conditions optional here
        return [p for p in super().problems(path) if "attribute change" not in p[1]]


@dataclass
class RelationshipChangedTrigger(ObjectTrigger):
    TYPE = "relationship_changed"
    LABEL = "Relationship changed"
    AUDIENCES = ("added", "all", "certain")
    audience: Audience = setting(Nested(Audience), factory=lambda: Audience("added"))


@dataclass
class WebhookTrigger(Trigger):
    """A data campaign started by an HTTP request (§5.7); the URL token is assigned by the workspace."""

    TYPE = "webhook"
    LABEL = "Webhook"
    HAS_FILTERS = False
    token: str = setting(STR, "")


TRIGGERS: dict[str, type[Trigger]] = {
    t.TYPE: t for t in (SegmentTrigger, SegmentChangeTrigger, EventTrigger, FormTrigger, DateTrigger,
                        ObjectTrigger, RelationshipAddedTrigger, RelationshipChangedTrigger, WebhookTrigger)
}
#: Frequency modes per trigger type, default first (§5.1).
FREQUENCIES: dict[str, tuple[str, ...]] = {
    "segment": ("once", "every_rematch", "fixed_interval"),
    "segment_change": ("once", "every_rematch", "fixed_interval"),
    "event": ("every_event", "once", "once_per_period"),
    "form": ("every_event", "once", "once_per_period"),
    "date": ("once",),  # the recurrence lives in the trigger itself
    "object_updated": ("every_rematch",),
    "relationship_added": ("every_rematch",),
    "relationship_changed": ("every_rematch",),
    "webhook": ("every_event",),
}


def parse_trigger(data: Any, path: str = "trigger") -> Trigger:
    if not isinstance(data, dict):
        raise FormatError(path, f"expected a trigger object, got {describe(data)}")
    kind = data.get("type")
    if kind not in TRIGGERS:
        raise FormatError(join(path, "type"), f"unknown trigger type {kind!r} (use one of: {', '.join(TRIGGERS)})")
    body = {k: v for k, v in data.items() if k != "type"}
    return TRIGGERS[kind].from_json(body, path)


class _TriggerCodec(Codec):
    def read(self, value, path):
        return parse_trigger(value, path)

    def write(self, value):
        return value.to_json()


# ---- the other settings ----------------------------------------------------------

@dataclass
class Frequency(Record):
    mode: str = setting(STR)
    min_wait: Duration | None = setting(Optional(Nested(Duration)), None, applies_when=("mode", ("every_rematch",)))
    interval: Duration | None = setting(Optional(Nested(Duration)), None, applies_when=("mode", ("fixed_interval",)))
    period: Duration | None = setting(Optional(Nested(Duration)), None, applies_when=("mode", ("once_per_period",)))

    def problems(self, path: str, trigger_type: str) -> list[Issue]:
        allowed = FREQUENCIES.get(trigger_type, ())
        if self.mode not in allowed:
            return [(join(path, "mode"), f"a {TRIGGERS[trigger_type].LABEL.lower()} trigger allows {', '.join(allowed)}, not {self.mode!r}")]
        out: list[Issue] = []
        need = {"fixed_interval": "interval", "once_per_period": "period"}.get(self.mode)
        if need and getattr(self, need) is None:
            out.append((join(path, need), f"'{self.mode}' needs {'an' if need == 'interval' else 'a'} {need}"))
        for key in ("min_wait", "interval", "period"):
            value = getattr(self, key)
            if value is not None:
                out += value.problems(join(path, key), allow_zero=key == "min_wait")
        return out


@dataclass
class Goal(Record):
    """Conversion criteria (§10.1): one event (with data filters) or entering/leaving one segment."""

    conditions: Condition = setting(CONDITION)
    window: Duration = setting(Nested(Duration), factory=lambda: Duration(7, "days"), always=True)
    basis: str = setting(STR, "sent", choices=[("sent", "of being sent any message"), ("opened", "of opening"),
                                               ("clicked", "of clicking")])

    def problems(self, path: str) -> list[Issue]:
        where = join(path, "conditions")
        out = self.conditions.problems(where) + cond.context_problems(self.conditions, "goal", where)
        if len(cond.leaves(self.conditions)) != 1:
            out.append((where, "a goal is exactly one event, or entering or leaving one segment"))
        out += self.window.problems(join(path, "window"))
        if self.window.seconds > MAX_GOAL_WINDOW:
            out.append((join(path, "window"), "the conversion window is at most 90 days"))
        if self.basis not in GOAL_BASES:
            out.append((join(path, "basis"), f"must be one of {', '.join(GOAL_BASES)}"))
        return out


@dataclass
class Schedule(Record):
    start: str | None = setting(Optional(STR), None)
    stop: str | None = setting(Optional(STR), None)
    stop_mode: str = setting(STR, "finish", choices=[("finish", "Let journeys finish"),
                                                     ("exit_immediately", "Exit everyone immediately")])

    def problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        moments = {}
        for key in ("start", "stop"):
            text = getattr(self, key)
            if text is None:
                continue
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                out.append((join(path, key), f"expected an ISO 8601 date and time, got {text!r}"))
                continue
            if moment.tzinfo is None:
                out.append((join(path, key), "needs a UTC offset (e.g. 2026-11-02T09:00:00+01:00)"))
            else:
                moments[key] = moment
        if len(moments) == 2 and moments["stop"] <= moments["start"]:
            out.append((join(path, "stop"), "the stop time is not after the start time"))
        if self.stop_mode not in ("finish", "exit_immediately"):
            out.append((join(path, "stop_mode"), "must be 'finish' or 'exit_immediately'"))
        return out


@dataclass
class MessageDefaults(Record):
    """Campaign-level message settings that message blocks inherit (§4.1, §12)."""

    subscription: Any = setting(OneOf(STR, OBJECT, name="a subscription preference"), "all_subscribed",
                                choices=[("all_subscribed", "Subscribed people only"), ("everyone", "Subscribed and unsubscribed")])
    count_toward_message_limit: bool = setting(BOOL, False)
    auto_retry: Duration | None = setting(Optional(Nested(Duration)), None)

    def problems(self, path: str) -> list[Issue]:
        from engine.journeys.block_base import subscription_problems

        out = subscription_problems(self.subscription, path, allow_inherit=False)
        if self.auto_retry is not None:
            out += self.auto_retry.problems(join(path, "auto_retry"))
            if self.auto_retry.seconds > MAX_AUTO_RETRY:
                out.append((join(path, "auto_retry"), "retry for 48 hours at most"))
        return out


@dataclass
class CampaignSettings(Record):
    trigger: Trigger = setting(_TriggerCodec(), factory=SegmentTrigger, always=True)
    filters: Condition | None = setting(Optional(CONDITION), None)
    frequency: Frequency | None = setting(Optional(Nested(Frequency)), None)
    start: str = setting(STR, "future_additions", choices=START_AUDIENCES)
    goal: Goal | None = setting(Optional(Nested(Goal)), None)
    exit: str = setting(STR, "stop_matching", always=True, choices=EXITS)
    schedule: Schedule | None = setting(Optional(Nested(Schedule)), None)
    timezone: str = setting(STR, "person", choices=PERSON_ZONE + ZONE_CHOICES, open_choices=True)
    fallback_timezone: str = setting(STR, "UTC", choices=ZONE_CHOICES, open_choices=True)
    messages: MessageDefaults = setting(Nested(MessageDefaults), factory=MessageDefaults)

    @property
    def effective_frequency(self) -> Frequency:
        return self.frequency or Frequency(FREQUENCIES[self.trigger.TYPE][0])

    def exit_label(self) -> str:
        label = EXITS.get(self.exit, self.exit)
        if self.trigger.TYPE not in ("segment",):
            label = label.replace("the trigger", "the filters")
        return label


def _is_clock(text: str) -> bool:
    parts = text.split(":")
    return len(parts) == 2 and all(p.isdigit() and len(p) == 2 for p in parts) and int(parts[0]) < 24 and int(parts[1]) < 60
