"""Delay blocks (spec §8.4): time delay, time window, wait until, random delay.

Webhook campaigns may use the time-based delays [inf, §5.7]; wait-until is
about a person's data, so it is not offered there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from engine.journeys.block_base import ActionSettings, Issue, register
from engine.journeys.conditions import CONDITION, Condition, is_empty
from engine.journeys.errors import join
from engine.journeys.records import INT, STR, ListOf, Nested, Optional, Record, setting
from engine.journeys.timezones import PERSON_ZONE, ZONE_CHOICES, timezone_problems
from engine.journeys.values import UNITS, Duration

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
#: Output ids a wait-until reserves for its fallback paths.
MAX_TIME, EVENT_TIME = "max_time", "event_time"


@dataclass
class DelaySettings(ActionSettings):
    """Any delay may carry an action condition: when false the delay is skipped (§8.4.1)."""

    action_conditions: Condition | None = setting(Optional(CONDITION), None)

    def problems(self, path: str = "") -> list[Issue]:
        return self.condition_problems(path) + self.content_problems(path)

    def content_problems(self, path: str) -> list[Issue]:
        return []


@register("time_delay", "Time delay", "Delays", "mdi6.timer-sand", webhook_campaigns=True)
@dataclass
class TimeDelaySettings(DelaySettings):
    """Written flat (`{"amount": 10, "unit": "minutes"}`) as the first draft of the format had it."""

    amount: int = setting(INT, 0, always=True)
    unit: str = setting(STR, "days", always=True, choices=[(u, u) for u in UNITS])

    @property
    def duration(self) -> Duration:
        return Duration(self.amount, self.unit)

    def missing(self) -> list[str]:
        return ["Set how long to wait"] if self.amount <= 0 else []

    def content_problems(self, path: str) -> list[Issue]:
        out = []
        if self.unit not in UNITS:
            out.append((join(path, "unit"), f"unknown unit {self.unit!r} (use {', '.join(UNITS)})"))
        if self.amount < 0:
            out.append((join(path, "amount"), "can't be negative"))
        return out


@dataclass
class TimeRange(Record):
    start: str = setting(STR)
    end: str = setting(STR)


@register("time_window", "Time window", "Delays", "mdi6.calendar-clock", webhook_campaigns=True)
@dataclass
class TimeWindowSettings(DelaySettings):
    """Hold people until the next allowed day and hour; `timezone` is `"person"` or an IANA name.

    A range whose end is before its start spans midnight (22:00–02:00) [inf].
    """

    days: list[str] = setting(ListOf(STR), factory=list)
    ranges: list[TimeRange] = setting(ListOf(Nested(TimeRange)), factory=list)
    timezone: str = setting(STR, "person", choices=PERSON_ZONE + ZONE_CHOICES, open_choices=True)
    fallback_timezone: str = setting(STR, "UTC", choices=ZONE_CHOICES, open_choices=True)

    def missing(self) -> list[str]:
        out = []
        if not self.days:
            out.append("Choose the days")
        if not self.ranges:
            out.append("Choose the hours")
        return out

    def content_problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        for i, day in enumerate(self.days):
            if day not in DAYS:
                out.append((join(join(path, "days"), i), f"unknown day {day!r} (use {', '.join(DAYS)})"))
        if len(set(self.days)) != len(self.days):
            out.append((join(path, "days"), "a day is listed twice"))
        for i, rng in enumerate(self.ranges):
            where = join(join(path, "ranges"), i)
            for key in ("start", "end"):
                if not _CLOCK.match(getattr(rng, key)):
                    out.append((join(where, key), f"expected HH:MM, got {getattr(rng, key)!r}"))
            if rng.start == rng.end and _CLOCK.match(rng.start):
                out.append((where, "the window is empty (start equals end)"))
        out += timezone_problems(self.timezone, join(path, "timezone"), allow_person=True)
        out += timezone_problems(self.fallback_timezone, join(path, "fallback_timezone"))
        return out


@dataclass
class ConditionPath(Record):
    """One labelled outgoing path of a wait-until or multi-split, chosen when its conditions hold."""

    id: str = setting(STR)
    label: str = setting(STR, "")
    conditions: Condition | None = setting(Optional(CONDITION), None)


@dataclass
class EventTime(Record):
    """Wait until a timestamp in the trigger event (`property`) shifted by `offset` (§8.4.1)."""

    property: str = setting(STR)
    offset: Duration | None = setting(Optional(Nested(Duration)), None)
    direction: str = setting(STR, "before", choices=[("before", "before"), ("after", "after")])  # the timestamp
    label: str = setting(STR, "")


def path_id_problems(ids: list[str], path: str, reserved: tuple[str, ...]) -> list[Issue]:
    out: list[Issue] = []
    seen: set[str] = set()
    for i, pid in enumerate(ids):
        where = join(join(path, "paths"), i) + ".id"
        if not pid.strip():
            out.append((where, "a path needs an id"))
        elif pid in reserved:
            out.append((where, f"{pid!r} is reserved"))
        elif pid in seen:
            out.append((where, f"two paths share the id {pid!r}"))
        seen.add(pid)
    return out


@register("wait_until", "Wait until…", "Delays", "mdi6.clock-time-four-outline")
@dataclass
class WaitUntilSettings(DelaySettings):
    """Paths are tried in order (lowest first wins, §8.4.1); then the event time, then max time."""

    paths: list[ConditionPath] = setting(ListOf(Nested(ConditionPath)), factory=list)
    event_time: EventTime | None = setting(Optional(Nested(EventTime)), None)
    max_time: Duration | None = setting(Optional(Nested(Duration)), None)

    def outputs(self):
        out = [(p.id, p.label or f"Path {i + 1}") for i, p in enumerate(self.paths)]
        if self.event_time is not None:
            out.append((EVENT_TIME, self.event_time.label or "Event time"))
        if self.max_time is not None:
            out.append((MAX_TIME, f"Max time: {self.max_time}"))
        return out

    def missing(self) -> list[str]:
        out = []
        if not self.paths and self.event_time is None:
            out.append("Add a condition path")
        for i, p in enumerate(self.paths):
            if is_empty(p.conditions):
                out.append(f"Add conditions to {p.label or f'path {i + 1}'}")
        return out

    def condition_trees(self):
        yield from super().condition_trees()
        for i, p in enumerate(self.paths):
            if p.conditions is not None:
                yield f"paths[{i}].conditions", p.conditions, "wait"

    def content_problems(self, path: str) -> list[Issue]:
        out = path_id_problems([p.id for p in self.paths], path, (MAX_TIME, EVENT_TIME))
        if self.max_time is not None:
            out += self.max_time.problems(join(path, "max_time"))
        if self.event_time is not None:
            where = join(path, "event_time")
            if not self.event_time.property.strip():
                out.append((join(where, "property"), "name the event property holding the time"))
            if self.event_time.direction not in ("before", "after"):
                out.append((join(where, "direction"), "must be 'before' or 'after'"))
            if self.event_time.offset is not None:
                out += self.event_time.offset.problems(join(where, "offset"), allow_zero=True)
        return out


@register("random_delay", "Random delay", "Delays", "mdi6.dice-multiple-outline", webhook_campaigns=True)
@dataclass
class RandomDelaySettings(DelaySettings):
    min: Duration | None = setting(Optional(Nested(Duration)), None)
    max: Duration | None = setting(Optional(Nested(Duration)), None)

    def missing(self) -> list[str]:
        return ["Set the shortest and longest wait"] if self.min is None or self.max is None else []

    def content_problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        if self.min is not None:
            out += self.min.problems(join(path, "min"), allow_zero=True)
        if self.max is not None:
            out += self.max.problems(join(path, "max"))
        if self.min is not None and self.max is not None and self.min.seconds > self.max.seconds:
            out.append((join(path, "max"), "the longest wait is shorter than the shortest"))
        return out
