"""Data blocks (spec §8.3): change people, objects, journey attributes; send events.

Values are `Assignment`s: a name, a value and where the value comes from
(`static` text, `liquid`, `javascript`, or a reference to a profile/journey/
event/trigger attribute). `remove: true` unsets the attribute instead (§8.3:
`""`/null unset too, but an explicit flag reads better on the canvas).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.journeys.block_base import DataSettings, Issue, register
from engine.journeys.conditions import CONDITION, Condition, parse_json_path
from engine.journeys.errors import join
from engine.journeys.records import ANY, BOOL, INT, STR, ListOf, Nested, Optional, Record, setting

VALUE_SOURCES = ("static", "liquid", "javascript", "attribute", "journey", "event", "trigger_object", "trigger_relationship")
IDENTIFIERS = ("id", "email", "cio_id")
JOURNEY_ATTRIBUTE_NAME_BYTES = 128
JOURNEY_ATTRIBUTES_PER_JOURNEY = 100


@dataclass
class Assignment(Record):
    name: str = setting(STR)
    value: Any = setting(ANY, "")
    source: str = setting(STR, "static", choices=[(s, s.replace("_", " ")) for s in VALUE_SOURCES])
    remove: bool = setting(BOOL, False)


@dataclass
class Target(Record):
    """Whom a block acts on: the journey's person (`current`) or `other`, found by an identifier."""

    kind: str = setting(STR, "current", choices=[("current", "The person in the journey"), ("other", "Another person")])
    identifier: str = setting(STR, "id", choices=[("id", "ID"), ("email", "Email"), ("cio_id", "cio_id")])
    value: str = setting(STR, "")


def assignment_problems(items: list[Assignment], path: str, sources=VALUE_SOURCES) -> list[Issue]:
    out: list[Issue] = []
    seen: set[str] = set()
    for i, item in enumerate(items):
        where = join(path, i)
        if not item.name.strip():
            out.append((join(where, "name"), "needs a name"))
        else:
            try:
                parse_json_path(item.name)
            except ValueError as exc:
                out.append((join(where, "name"), f"invalid name {item.name!r}: {exc}"))
            if item.name in seen:
                out.append((join(where, "name"), f"{item.name!r} is set twice"))
            seen.add(item.name)
        if item.source not in sources:
            out.append((join(where, "source"), f"unknown value source {item.source!r} (use {', '.join(sources)})"))
    return out


def target_problems(target: Target, path: str) -> list[Issue]:
    where = join(path, "target")
    if target.kind == "current":
        return []
    if target.kind != "other":
        return [(join(where, "kind"), "must be 'current' or 'other'")]
    out = []
    if target.identifier not in IDENTIFIERS:
        out.append((join(where, "identifier"), f"unknown identifier {target.identifier!r} (use {', '.join(IDENTIFIERS)})"))
    if not target.value.strip():
        out.append((join(where, "value"), "needs the identifier's value"))
    return out


@register("update_person", "Create or update person", "Data", "mdi6.account-edit-outline", webhook_campaigns=True)
@dataclass
class UpdatePersonSettings(DataSettings):
    target: Target = setting(Nested(Target), factory=Target)
    attributes: list[Assignment] = setting(ListOf(Nested(Assignment)), factory=list)

    def missing(self) -> list[str]:
        return [] if self.attributes else ["Add an attribute to set"]

    def content_problems(self, path: str) -> list[Issue]:
        return target_problems(self.target, path) + assignment_problems(self.attributes, join(path, "attributes"))


@register("update_object", "Update object or relationship", "Data", "mdi6.cube-outline")
@dataclass
class UpdateObjectSettings(DataSettings):
    """[inf, §19 item 11] The analogue of Create or update person for an object or its relationship.

    `object_id` empty means the object that triggered the journey.
    """

    scope: str = setting(STR, "object", choices=[("object", "Object"), ("relationship", "Relationship")])
    object_type_id: int | None = setting(Optional(INT), None)
    object_id: str = setting(STR, "")
    attributes: list[Assignment] = setting(ListOf(Nested(Assignment)), factory=list)

    def missing(self) -> list[str]:
        out = []
        if self.object_type_id is None:
            out.append("Choose an object type")
        if not self.attributes:
            out.append("Add an attribute to set")
        return out

    def content_problems(self, path: str) -> list[Issue]:
        out = [] if self.scope in ("object", "relationship") else [(join(path, "scope"), "must be 'object' or 'relationship'")]
        return out + assignment_problems(self.attributes, join(path, "attributes"))


@register("set_journey_attributes", "Set journey attributes", "Data", "mdi6.tag-text-outline")
@dataclass
class SetJourneyAttributesSettings(DataSettings):
    attributes: list[Assignment] = setting(ListOf(Nested(Assignment)), factory=list)

    def missing(self) -> list[str]:
        return [] if self.attributes else ["Add a journey attribute"]

    def content_problems(self, path: str) -> list[Issue]:
        where = join(path, "attributes")
        out = assignment_problems(self.attributes, where, ("static", "liquid", "javascript", "attribute", "event", "trigger_object"))
        if len(self.attributes) > JOURNEY_ATTRIBUTES_PER_JOURNEY:
            out.append((where, f"a journey holds at most {JOURNEY_ATTRIBUTES_PER_JOURNEY} journey attributes"))
        for i, item in enumerate(self.attributes):
            if len(item.name.encode()) > JOURNEY_ATTRIBUTE_NAME_BYTES:
                out.append((join(join(where, i), "name"), f"longer than {JOURNEY_ATTRIBUTE_NAME_BYTES} bytes"))
        return out


@register("batch_update", "Batch update", "Data", "mdi6.account-multiple-check-outline", webhook_campaigns=True)
@dataclass
class BatchUpdateSettings(DataSettings):
    """Update every person the matcher finds (AND of attribute/relationship conditions; ≤1,000 people)."""

    mode: str = setting(STR, "attributes", choices=[("attributes", "Update attributes"), ("event", "Send an event")])
    matcher: Condition | None = setting(Optional(CONDITION), None)
    attributes: list[Assignment] = setting(ListOf(Nested(Assignment)), factory=list)
    event_name: str = setting(STR, "")
    event_data: list[Assignment] = setting(ListOf(Nested(Assignment)), factory=list)

    def missing(self) -> list[str]:
        from engine.journeys.conditions import is_empty

        out = []
        if is_empty(self.matcher):
            out.append("Say whom to update")
        if self.mode == "attributes" and not self.attributes:
            out.append("Add an attribute to set")
        if self.mode == "event" and not self.event_name.strip():
            out.append("Name the event to send")
        return out

    def condition_trees(self):
        yield from super().condition_trees()
        if self.matcher is not None:
            yield "matcher", self.matcher, "batch"

    def content_problems(self, path: str) -> list[Issue]:
        out = [] if self.mode in ("attributes", "event") else [(join(path, "mode"), "must be 'attributes' or 'event'")]
        return out + assignment_problems(self.attributes, join(path, "attributes")) + \
            assignment_problems(self.event_data, join(path, "event_data"))


@register("send_event", "Send event", "Data", "mdi6.lightning-bolt-outline", webhook_campaigns=True)
@dataclass
class SendEventSettings(DataSettings):
    target: Target = setting(Nested(Target), factory=Target)
    event_name: str = setting(STR, "")
    data: list[Assignment] = setting(ListOf(Nested(Assignment)), factory=list)

    def missing(self) -> list[str]:
        return ["Name the event to send"] if not self.event_name.strip() else []

    def content_problems(self, path: str) -> list[Issue]:
        return target_problems(self.target, path) + assignment_problems(self.data, join(path, "data"))
