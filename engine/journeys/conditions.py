"""The one segment-condition tree (spec §2), shared by segments, triggers, filters,
branches, wait-until paths, action conditions, goals and batch-update matchers.

Canonical JSON (spec §2.2) — one key per node naming its kind::

    {"and": [...]} | {"or": [...]} | {"not": {...}}
    {"attribute": {"field": "plan", "operator": "eq", "value": "pro"}}
    {"segment": {"id": 4, "in": true}}
    {"event": {"name": "purchase", "performed": true, "count_op": "at_least", "count": 1,
               "within": {"amount": 30, "unit": "days"}, "data_filters": {"and": [...]}}}
    {"message": {"type": "email", "message_ref": "any", "status": "opened", "mode": "has_ever"}}
    {"device": {...}}, {"journey_attribute": {...}}, {"event_attribute": {...}},
    {"trigger_object": {...}}, {"object_attribute": {...}}, {"relationship_attribute": {...}}
    {"relationship": {"object_type_id": 1, "exists": true, "refine": {"and": [...]}}}
    {"page": {...}}, {"screen": {...}}, {"form": {...}}   (shaped like "event")

Decisions where §2.2 is silent [inf]:

- Attribute-shaped kinds (`attribute`, `device`, `journey_attribute`, …) share
  `{field, operator, value?, compare_to?}`. Operator values:
  relative timestamps take `{"amount": 7, "unit": "days", "direction": "ago"|"from_now"}`,
  absolute ones unix seconds, `ts_between` a `[from, to]` pair (inclusive).
  `compare_to: {"source": "attribute"|"event"|"journey"|"trigger", "field": path}`
  replaces `value` when a branch compares to another value (§2.3 last row).
- `segment` names a segment by `id` (inside a workspace) or by `name` (portable
  files such as the bundled samples; the sample generator swaps names for ids).
- `event` adds `since_wait_start: true` for wait-until paths that count only
  events after the person entered the wait (§19 item 5). `page` uses `name`
  for the URL pattern, `screen` for the screen name and `form` for the form id.
- `message.message_ref` is `"any"`, a numeric message id of the workspace, or
  the id of a message block of this campaign (a string), as R3 needs.
- Optional keys are omitted when they hold their default; `performed`, `in`,
  `exists`, `message_ref` and `mode` are always written because they change
  the meaning so much that a reader should never have to know the default.

Reading raises `FormatError` for shapes that cannot be a condition at all;
`problems(path)` reports values that are wrong but loadable (an unknown
operator, a missing value), so the editor can open and fix them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

from engine.journeys.errors import FormatError, join
from engine.journeys.records import ANY, BOOL, INT, STR, Codec, Nested, OneOf, Optional, Record, describe, setting
from engine.journeys.values import UNITS, Duration

Issue = tuple[str, str]  # (JSON path, message)

# ---- vocabularies ----------------------------------------------------------

#: operator id -> the value it takes: none, scalar (string/number/bool), number,
#: relative, absolute (unix seconds) or range ([from, to] unix seconds).
OPERATORS: dict[str, str] = {
    "exists": "none", "not_exists": "none",
    "eq": "scalar", "neq": "scalar", "contains": "scalar", "not_contains": "scalar",
    "gt": "number", "lt": "number",
    "is_timestamp": "none",
    "ts_before_rel": "relative", "ts_after_rel": "relative",
    "ts_before_abs": "absolute", "ts_after_abs": "absolute",
    "ts_between": "range",
}
#: UI wording for each operator (the condition editor shows these).
OPERATOR_LABELS = {
    "exists": "exists", "not_exists": "does not exist", "eq": "is equal to", "neq": "is not equal to",
    "contains": "contains", "not_contains": "does not contain", "gt": "is greater than", "lt": "is less than",
    "is_timestamp": "is a timestamp", "ts_before_rel": "is a timestamp before a relative date",
    "ts_after_rel": "is a timestamp after a relative date", "ts_before_abs": "is a timestamp before a specific date",
    "ts_after_abs": "is a timestamp after a specific date", "ts_between": "is a timestamp between",
}
#: Object/relationship triggers and newsletter recipients accept only these (§2.3).
EQUALITY_OPERATORS = frozenset({"eq", "neq", "exists", "not_exists"})
COUNT_OPS = ("at_least", "at_most", "exactly")
RELATIVE_DIRECTIONS = ("ago", "from_now")
VALUE_SOURCES = ("attribute", "event", "journey", "trigger")
MESSAGE_TYPES = ("email", "push", "sms", "in_app", "inbox", "slack", "whatsapp", "webhook")
MESSAGE_STATUSES = (
    "sent", "delivered", "opened", "clicked", "converted", "bounced", "spammed", "unsubscribed",
    "failed", "undeliverable", "drafted",
)
MESSAGE_MODES = ("has_ever", "is")


# ---- JSON paths (§2.7) ------------------------------------------------------

@dataclass(frozen=True)
class PathStep:
    """One step of an attribute path: `key` (name), `index` (n), `each` ([]) or `maybe_array` (?)."""

    kind: str
    value: Any = None


_NAME = re.compile(r"[^.\[\]?]+")


def parse_json_path(text: str) -> list[PathStep]:
    """Split `purchases[].coupons[0].code` or `purchases?.type` into steps.

    Raises ValueError naming the 1-based column of the first bad character.
    """
    if not text or not text.strip():
        raise ValueError("is empty")
    steps: list[PathStep] = []
    i, n = 0, len(text)
    expect_name = True
    while i < n:
        if expect_name:
            m = _NAME.match(text, i)
            if not m:
                raise ValueError(f"expected a name at column {i + 1}")
            steps.append(PathStep("key", m.group()))
            i = m.end()
            expect_name = False
            continue
        ch = text[i]
        if ch == ".":
            expect_name = True
            i += 1
            if i == n:
                raise ValueError(f"ends with '.' at column {i}")
        elif ch == "?":
            steps.append(PathStep("maybe_array"))
            i += 1
            if i < n and text[i] != ".":
                raise ValueError(f"'?' must be followed by '.' (column {i + 1})")
        elif ch == "[":
            close = text.find("]", i)
            if close < 0:
                raise ValueError(f"'[' at column {i + 1} is never closed")
            inner = text[i + 1:close]
            if inner == "":
                steps.append(PathStep("each"))
            elif inner.isdigit():
                steps.append(PathStep("index", int(inner)))
            else:
                raise ValueError(f"array index {inner!r} at column {i + 2} must be a number or empty")
            i = close + 1
        else:
            raise ValueError(f"unexpected {ch!r} at column {i + 1}")
    return steps


# ---- the nodes -------------------------------------------------------------

class Condition:
    """Base of every node. `KIND` is the node's JSON key."""

    KIND: ClassVar[str] = ""

    def to_json(self) -> dict:
        raise NotImplementedError

    def problems(self, path: str = "") -> list[Issue]:
        return []

    def children(self) -> list["Condition"]:
        return []

    def walk(self, path: str = "") -> Iterator[tuple[str, "Condition"]]:
        """Every node with the JSON path of its body (`…and[1].attribute` for leaves)."""
        here = join(path, self.KIND)
        yield here, self
        for i, child in enumerate(self.children()):
            yield from child.walk(join(here, i) if isinstance(self, Group) else here)


@dataclass
class Group(Condition):
    """`and` (UI "All") or `or` (UI "At least one"); an empty `and` matches everyone."""

    op: str = "and"
    items: list[Condition] = field(default_factory=list)

    @property
    def KIND(self) -> str:  # type: ignore[override]
        return self.op

    def to_json(self) -> dict:
        return {self.op: [c.to_json() for c in self.items]}

    def children(self) -> list[Condition]:
        return self.items

    def problems(self, path: str = "") -> list[Issue]:
        out: list[Issue] = []
        for i, child in enumerate(self.items):
            out += child.problems(join(join(path, self.op), i))
        return out


@dataclass
class Not(Condition):
    KIND: ClassVar[str] = "not"
    item: Condition = None  # type: ignore[assignment]

    def to_json(self) -> dict:
        return {"not": self.item.to_json()}

    def children(self) -> list[Condition]:
        return [self.item]

    def problems(self, path: str = "") -> list[Issue]:
        return self.item.problems(join(path, "not"))


class Leaf(Record, Condition):
    """A condition whose body is a record: `{KIND: {…fields…}}`."""

    def to_json(self) -> dict:
        return {self.KIND: Record.to_json(self)}


class _ConditionCodec(Codec):
    def read(self, value, path):
        return parse_condition(value, path)

    def write(self, value):
        return value.to_json()


CONDITION = _ConditionCodec()


@dataclass
class ValueRef(Record):
    """Compare to another value instead of a literal: `{"source": "event", "field": "trip_id"}`."""

    source: str = setting(STR)
    field: str = setting(STR)


@dataclass
class FieldCondition(Leaf):
    """`{field, operator, value?, compare_to?}` — the shape of every attribute-like condition."""

    KIND: ClassVar[str] = "attribute"
    field: str = setting(STR)
    operator: str = setting(STR)
    value: Any = setting(ANY, None)
    compare_to: ValueRef | None = setting(Optional(Nested(ValueRef)), None)

    def problems(self, path: str = "") -> list[Issue]:
        here = join(path, self.KIND)
        out: list[Issue] = []
        if not self.field.strip():
            out.append((join(here, "field"), "needs an attribute name"))
        else:
            try:
                parse_json_path(self.field)
            except ValueError as exc:
                out.append((join(here, "field"), f"invalid path {self.field!r}: {exc}"))
            if self.KIND == "attribute" and self.field.startswith("_"):
                out.append((join(here, "field"), f"{self.field!r} is internal (names starting with '_' can't be used in conditions)"))
        shape = OPERATORS.get(self.operator)
        if shape is None:
            out.append((join(here, "operator"), f"unknown operator {self.operator!r}"))
            return out
        out += _value_problems(self, shape, here)
        return out


def _value_problems(cond: FieldCondition, shape: str, here: str) -> list[Issue]:
    where = join(here, "value")
    v = cond.value
    if cond.compare_to is not None:
        if shape not in ("scalar", "number"):
            return [(join(here, "compare_to"), f"operator {cond.operator!r} can't compare to another value")]
        if v is not None:
            return [(where, "give either a value or compare_to, not both")]
        if cond.compare_to.source not in VALUE_SOURCES:
            return [(join(here, "compare_to.source"), f"unknown source {cond.compare_to.source!r} (use {', '.join(VALUE_SOURCES)})")]
        return [] if cond.compare_to.field.strip() else [(join(here, "compare_to.field"), "needs a field")]
    if shape == "none":
        return [] if v is None else [(where, f"operator {cond.operator!r} takes no value")]
    if v is None:
        return [(where, f"operator {cond.operator!r} needs a value")]
    if shape == "scalar":
        if isinstance(v, (dict, list)):
            return [(where, f"expected a string, number or boolean, got {describe(v)}")]
        if v == "":
            return [(where, "can't compare to an empty value; use 'exists' or 'does not exist'")]
        return []
    if shape == "number":
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return [(where, f"operator {cond.operator!r} needs a number, got {describe(v)}")]
        return []
    if shape == "relative":
        if not isinstance(v, dict) or set(v) != {"amount", "unit", "direction"}:
            return [(where, 'expected {"amount": N, "unit": "days", "direction": "ago"|"from_now"}')]
        out = []
        if isinstance(v["amount"], bool) or not isinstance(v["amount"], int) or v["amount"] < 0:
            out.append((join(where, "amount"), "must be a whole number ≥ 0"))
        if v["unit"] not in UNITS:
            out.append((join(where, "unit"), f"unknown unit {v['unit']!r}"))
        if v["direction"] not in RELATIVE_DIRECTIONS:
            out.append((join(where, "direction"), f"must be 'ago' or 'from_now', got {v['direction']!r}"))
        return out
    if shape == "absolute":
        return [] if _is_unix(v) else [(where, f"expected a date as unix seconds, got {describe(v)}")]
    # range
    if not (isinstance(v, list) and len(v) == 2 and all(_is_unix(x) for x in v)):
        return [(where, "expected [from, to] as unix seconds")]
    return [] if v[0] <= v[1] else [(where, "the start date is after the end date")]


def _is_unix(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


@dataclass
class AttributeCondition(FieldCondition):
    """A profile attribute (or, inside event data filters, a path in the event's data)."""

    KIND: ClassVar[str] = "attribute"


@dataclass
class DeviceCondition(FieldCondition):
    KIND: ClassVar[str] = "device"


@dataclass
class JourneyAttributeCondition(FieldCondition):
    KIND: ClassVar[str] = "journey_attribute"


@dataclass
class EventAttributeCondition(FieldCondition):
    """A property of the event that triggered the journey."""

    KIND: ClassVar[str] = "event_attribute"


@dataclass
class TriggerObjectCondition(FieldCondition):
    """An attribute of the object or relationship that triggered the journey."""

    KIND: ClassVar[str] = "trigger_object"


@dataclass
class ObjectAttributeCondition(FieldCondition):
    KIND: ClassVar[str] = "object_attribute"


@dataclass
class RelationshipAttributeCondition(FieldCondition):
    KIND: ClassVar[str] = "relationship_attribute"


@dataclass
class SegmentCondition(Leaf):
    """In (or not in) a segment — by `id` in a workspace, by `name` in portable files."""

    KIND: ClassVar[str] = "segment"
    id: int | None = setting(Optional(INT), None)
    name: str | None = setting(Optional(STR), None)
    member: bool = setting(BOOL, True, key="in", always=True)

    def problems(self, path: str = "") -> list[Issue]:
        if self.id is None and not (self.name or "").strip():
            return [(join(path, "segment"), "choose a segment")]
        return []


@dataclass
class EventCondition(Leaf):
    """Has (not) performed an event, optionally counted, windowed and filtered on its data."""

    KIND: ClassVar[str] = "event"
    name: str = setting(STR)
    performed: bool = setting(BOOL, True, always=True)
    count_op: str | None = setting(Optional(STR), None)
    count: int | None = setting(Optional(INT), None)
    within: Duration | None = setting(Optional(Nested(Duration)), None)
    data_filters: Condition | None = setting(Optional(CONDITION), None)
    since_wait_start: bool = setting(BOOL, False)

    def problems(self, path: str = "") -> list[Issue]:
        here = join(path, self.KIND)
        out: list[Issue] = []
        if not self.name.strip():
            out.append((join(here, "name"), f"needs {'an event' if self.KIND == 'event' else 'a ' + self.KIND} name"))
        elif self.KIND == "event" and re.search(r"(?<!\\)\+", self.name):
            out.append((join(here, "name"), "'+' (all-of) can't be used in event names; use '|' for any-of"))
        if (self.count_op is None) != (self.count is None):
            out.append((join(here, "count"), "give both count_op and count, or neither"))
        elif self.count_op is not None:
            if self.count_op not in COUNT_OPS:
                out.append((join(here, "count_op"), f"unknown count operator {self.count_op!r} (use {', '.join(COUNT_OPS)})"))
            if self.count < 0 or (self.count == 0 and self.count_op != "at_most"):
                out.append((join(here, "count"), "must be at least 1"))
        if self.within is not None:
            out += self.within.problems(join(here, "within"))
        if self.data_filters is not None:
            df = join(here, "data_filters")
            for node_path, node in self.data_filters.walk(df):
                if isinstance(node, (Group, Not)):
                    continue
                if node.KIND != "attribute":
                    out.append((node_path, f"event data filters take attribute conditions only, not {node.KIND!r}"))
            out += self.data_filters.problems(df)
        return out


@dataclass
class PageCondition(EventCondition):
    """Visited a page; `name` is the URL pattern (`*` wildcards)."""

    KIND: ClassVar[str] = "page"


@dataclass
class ScreenCondition(EventCondition):
    KIND: ClassVar[str] = "screen"


@dataclass
class FormCondition(EventCondition):
    """Submitted a form; `name` is the form id."""

    KIND: ClassVar[str] = "form"


@dataclass
class MessageCondition(Leaf):
    """A delivery of a message (or any message of a type) has reached a status."""

    KIND: ClassVar[str] = "message"
    type: str = setting(STR)
    status: str = setting(STR)
    message_ref: int | str = setting(OneOf(INT, STR, name="'any', a message id or a block id"), "any", always=True)
    mode: str = setting(STR, "has_ever", always=True)
    human_only: bool = setting(BOOL, False)
    link_contains: str | None = setting(Optional(STR), None)

    def problems(self, path: str = "") -> list[Issue]:
        here = join(path, self.KIND)
        out: list[Issue] = []
        if self.type not in MESSAGE_TYPES:
            out.append((join(here, "type"), f"unknown message type {self.type!r} (use {', '.join(MESSAGE_TYPES)})"))
        if self.status not in MESSAGE_STATUSES:
            out.append((join(here, "status"), f"unknown status {self.status!r}"))
        if self.mode not in MESSAGE_MODES:
            out.append((join(here, "mode"), f"unknown mode {self.mode!r} (use has_ever or is)"))
        if self.message_ref == "":
            out.append((join(here, "message_ref"), "choose a message or 'any'"))
        if self.human_only and self.status not in ("opened", "clicked"):
            out.append((join(here, "human_only"), "only opens and clicks can be restricted to humans"))
        if self.link_contains is not None and self.status != "clicked":
            out.append((join(here, "link_contains"), "a link filter needs the 'clicked' status"))
        return out


@dataclass
class RelationshipCondition(Leaf):
    """Related (or not) to an object of a type, optionally refined by object/relationship attributes."""

    KIND: ClassVar[str] = "relationship"
    object_type_id: int = setting(INT)
    exists: bool = setting(BOOL, True, always=True)
    refine: Condition | None = setting(Optional(CONDITION), None)

    def problems(self, path: str = "") -> list[Issue]:
        here = join(path, self.KIND)
        out: list[Issue] = []
        if self.object_type_id < 1:
            out.append((join(here, "object_type_id"), "choose an object type"))
        if self.refine is not None:
            for node_path, node in self.refine.walk(join(here, "refine")):
                if not isinstance(node, (Group, Not)) and node.KIND not in ("object_attribute", "relationship_attribute"):
                    out.append((node_path, f"a relationship is refined by object or relationship attributes, not {node.KIND!r}"))
            out += self.refine.problems(join(here, "refine"))
        return out


LEAF_KINDS: dict[str, type[Leaf]] = {
    cls.KIND: cls
    for cls in (
        AttributeCondition, DeviceCondition, JourneyAttributeCondition, EventAttributeCondition,
        TriggerObjectCondition, ObjectAttributeCondition, RelationshipAttributeCondition,
        SegmentCondition, EventCondition, PageCondition, ScreenCondition, FormCondition,
        MessageCondition, RelationshipCondition,
    )
}
ALL_KINDS = ("and", "or", "not", *LEAF_KINDS)


def parse_condition(data: Any, path: str = "") -> Condition:
    """Read one node of canonical JSON (and its children)."""
    if not isinstance(data, dict):
        raise FormatError(path, f"expected a condition object, got {describe(data)}")
    if len(data) != 1:
        keys = ", ".join(map(repr, data)) or "nothing"
        raise FormatError(path, f"a condition has exactly one key naming its kind, got {keys}")
    (kind, body), = data.items()
    here = join(path, kind)
    if kind in ("and", "or"):
        if not isinstance(body, list):
            raise FormatError(here, f"expected an array of conditions, got {describe(body)}")
        return Group(kind, [parse_condition(item, join(here, i)) for i, item in enumerate(body)])
    if kind == "not":
        return Not(parse_condition(body, here))
    cls = LEAF_KINDS.get(kind)
    if cls is None:
        raise FormatError(here, f"unknown condition kind {kind!r} (use one of: {', '.join(ALL_KINDS)})")
    return cls.from_json(body, here)


def from_json(data: Any, path: str = "") -> Condition:
    return parse_condition(data, path)


def to_json(condition: Condition) -> dict:
    return condition.to_json()


# ---- where each kind may be used (§2.8) ------------------------------------

@dataclass(frozen=True)
class Context:
    """Which node kinds a place accepts, and whether it allows `or` / `not`."""

    label: str
    kinds: frozenset[str]
    allow_or: bool = True
    allow_not: bool = True
    equality_only: bool = False


_WORKFLOW = {"attribute", "segment", "event", "message", "device", "relationship", "trigger_object",
             "event_attribute", "journey_attribute", "page", "screen", "form"}
CONTEXTS: dict[str, Context] = {
    "segment": Context("a segment", frozenset({"attribute", "segment", "event", "message", "device", "relationship",
                                               "page", "screen", "form"})),
    "trigger.segment": Context("an attribute or segment trigger", frozenset({"attribute", "segment"}), allow_not=False),
    "trigger.event": Context("event data filters", frozenset({"attribute"})),
    "trigger.object": Context("an object or relationship trigger",
                              frozenset({"object_attribute", "relationship_attribute", "attribute"}), equality_only=True),
    "filters": Context("campaign filters", frozenset({"segment", "relationship", "object_attribute", "relationship_attribute"})),
    "branch": Context("a true/false branch", frozenset(_WORKFLOW), allow_or=False),
    "split": Context("a multi-split path", frozenset({"attribute", "event_attribute", "segment", "relationship",
                                                      "trigger_object", "journey_attribute"}), allow_or=False),
    "action": Context("an action condition", frozenset(_WORKFLOW), allow_or=False),
    "wait": Context("a wait-until path", frozenset(_WORKFLOW - {"device"}), allow_or=False),
    "goal": Context("a conversion goal", frozenset({"event", "segment"}), allow_or=False, allow_not=False),
    "batch": Context("a batch update matcher", frozenset({"attribute", "relationship"}), allow_or=False, allow_not=False),
}


def context_problems(condition: Condition, context: str, path: str = "") -> list[Issue]:
    """Kinds, groups and operators that `context` does not accept, each with its path."""
    ctx = CONTEXTS[context]
    out: list[Issue] = []
    for node_path, node in condition.walk(path):
        if isinstance(node, Group):
            if node.op == "or" and not ctx.allow_or:
                out.append((node_path, f"{ctx.label} joins conditions with AND only"))
            continue
        if isinstance(node, Not):
            if not ctx.allow_not:
                out.append((node_path, f"{ctx.label} can't negate a group"))
            continue
        if node.KIND not in ctx.kinds:
            out.append((node_path, f"{ctx.label} can't use {node.KIND!r} conditions"))
        elif ctx.equality_only and isinstance(node, FieldCondition) and node.operator not in EQUALITY_OPERATORS \
                and node.operator in OPERATORS:
            out.append((join(node_path, "operator"), f"{ctx.label} accepts only equal/not equal/exists/does not exist"))
        # event data filters are checked by EventCondition itself; don't descend into them here
    return out


def leaves(condition: Condition | None) -> list[Condition]:
    """The leaf conditions of a tree, top-level order (children of nested events/relationships excluded)."""
    if condition is None:
        return []
    if isinstance(condition, (Group, Not)):
        return [leaf for child in condition.children() for leaf in leaves(child)]
    return [condition]


def is_empty(condition: Condition | None) -> bool:
    """No condition at all, or only empty groups."""
    return not leaves(condition)


# ---- building by hand (tests, recipes, the condition editor) --------------

def all_of(*items: Condition) -> Group:
    return Group("and", list(items))


def any_of(*items: Condition) -> Group:
    return Group("or", list(items))


def attribute(field_name: str, operator: str, value: Any = None) -> AttributeCondition:
    return AttributeCondition(field_name, operator, value)


def in_segment(ref: int | str, member: bool = True) -> SegmentCondition:
    return SegmentCondition(id=ref, member=member) if isinstance(ref, int) else SegmentCondition(name=ref, member=member)


def event(name: str, performed: bool = True, **refine: Any) -> EventCondition:
    return EventCondition(name, performed, **refine)
