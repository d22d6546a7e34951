"""What every workflow block's settings have in common, and the registry of block types.

A block type is one entry in `REGISTRY`: id, label, palette group, icon and
settings class. Settings classes are `Record` dataclasses (see records.py) with
three questions the canvas and the validator ask of any block:

- `missing()`: what the marketer still has to fill in. Empty means configured;
  otherwise the canvas shows "You still have work to do" (spec §4.2) and lists
  these sentences;
- `problems(path)`: values that are wrong (an unknown method, percentages that
  don't add up), each with a JSON path;
- `outputs()`: the block's outgoing paths as `(path_id, label)`. A plain block
  has one unlabelled output `(None, "")`; branches have one per path; Exit has none.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Iterator

from engine.journeys import conditions as cond
from engine.journeys.conditions import CONDITION, Condition
from engine.journeys.errors import FormatError, join
from engine.journeys.records import ANY, BOOL, INT, OBJECT, STR, Nested, OneOf, Optional, Record, setting

Issue = tuple[str, str]

GROUPS = ("Messages", "Data", "Delays", "Flow control")
SENDING = ("automatic", "draft", "dont_send")
SENDING_LABELS = {"automatic": "Send automatically", "draft": "Queue draft", "dont_send": "Don't send"}
SUBSCRIPTION_MODES = ("inherit", "all_subscribed", "everyone")
SUBSCRIPTION_CHOICES = (("inherit", "Use campaign settings"), ("all_subscribed", "Subscribed people only"),
                        ("everyone", "Subscribed and unsubscribed"))
MESSAGE_LIMIT_CHOICES = (("inherit", "Use campaign settings"), (True, "Counts toward message limits"),
                         (False, "Ignores message limits"))
SINGLE_OUTPUT: list[tuple[str | None, str]] = [(None, "")]


class BlockSettings(Record):
    """Base of every block's settings."""

    def missing(self) -> list[str]:
        return []

    @property
    def configured(self) -> bool:
        return not self.missing()

    def problems(self, path: str = "") -> list[Issue]:
        return []

    def outputs(self) -> list[tuple[str | None, str]]:
        return SINGLE_OUTPUT

    def condition_trees(self) -> Iterator[tuple[str, Condition, str]]:
        """Every condition tree held by the block: (JSON path below settings, tree, context of §2.8)."""
        return iter(())

    def condition_problems(self, path: str) -> list[Issue]:
        out: list[Issue] = []
        for sub, tree, context in self.condition_trees():
            where = join(path, sub) if sub else path
            out += tree.problems(where)
            out += cond.context_problems(tree, context, where)
        return out


class ActionSettings(BlockSettings):
    """Blocks that may carry an action condition (messages, data blocks, delays; spec §9.5)."""

    def condition_trees(self):
        if getattr(self, "action_conditions", None) is not None:
            yield "action_conditions", self.action_conditions, "action"


def sending_problems(value: str, path: str) -> list[Issue]:
    if value not in SENDING:
        return [(join(path, "sending"), f"unknown sending behaviour {value!r} (use {', '.join(SENDING)})")]
    return []


def subscription_problems(value: Any, path: str, *, allow_inherit: bool = True) -> list[Issue]:
    """`"inherit"`, `"all_subscribed"`, `"everyone"` (subscribed and unsubscribed) or `{"topic": N}`."""
    where = join(path, "subscription")
    if isinstance(value, dict):
        if set(value) != {"topic"} or not isinstance(value["topic"], int) or isinstance(value["topic"], bool):
            return [(where, 'a topic is written {"topic": <topic id>}')]
        return []
    modes = SUBSCRIPTION_MODES if allow_inherit else SUBSCRIPTION_MODES[1:]
    if value not in modes:
        return [(where, f"unknown subscription preference {value!r} (use {', '.join(modes)} or a topic)")]
    return []


SUBSCRIPTION = OneOf(STR, OBJECT, name="a subscription preference")
MESSAGE_LIMIT = OneOf(STR, BOOL, name="'inherit', true or false")


@dataclass
class ABTest(Record):
    """A message turned into an A/B test (§9.6).

    `variant_b` holds the settings of B that differ from A (e.g. another
    `email_id` or a `subject_override`); `holdout` names the variant whose
    deliveries are routed to the holdout trap (§9.7). A new test starts 100/0.
    """

    percent_b: int = setting(INT, 0, always=True)
    variant_b: dict = setting(ANY, factory=dict)
    holdout: str | None = setting(Optional(STR), None)

    def problems(self, path: str, owner: "MessageSettings") -> list[Issue]:
        out: list[Issue] = []
        if not 0 <= self.percent_b <= 100:
            out.append((join(path, "percent_b"), "must be between 0 and 100"))
        if self.holdout not in (None, "a", "b"):
            out.append((join(path, "holdout"), "must be 'a' or 'b'"))
        if not isinstance(self.variant_b, dict):
            out.append((join(path, "variant_b"), "expected an object"))
        else:
            try:
                type(owner).from_json({**owner.to_json(), **self.variant_b}, join(path, "variant_b"))
            except FormatError as exc:
                out.append((exc.path, exc.message))
            if "ab_test" in self.variant_b:
                out.append((join(path, "variant_b.ab_test"), "a variant can't hold another A/B test"))
        return out


@dataclass
class MessageSettings(ActionSettings):
    """Fields shared by every message block (§4.1 defaults: queue draft, tracking on, inherit)."""

    CHANNEL: ClassVar[str] = ""
    sending: str = setting(STR, "draft", choices=SENDING_LABELS)
    subscription: Any = setting(SUBSCRIPTION, "inherit", choices=SUBSCRIPTION_CHOICES)
    tracking: bool = setting(BOOL, True)
    message_limit: Any = setting(MESSAGE_LIMIT, "inherit", choices=MESSAGE_LIMIT_CHOICES)
    holdout: bool = setting(BOOL, False)
    ab_test: ABTest | None = setting(Optional(Nested(ABTest)), None)
    action_conditions: Condition | None = setting(Optional(CONDITION), None)

    def problems(self, path: str = "") -> list[Issue]:
        out = sending_problems(self.sending, path)
        out += subscription_problems(self.subscription, path)
        if self.message_limit not in ("inherit", True, False):
            out.append((join(path, "message_limit"), "must be 'inherit', true or false"))
        if self.holdout and self.sending == "dont_send":
            out.append((join(path, "holdout"), "a holdout needs 'Send automatically' or 'Queue draft' (§9.1)"))
        if self.ab_test is not None:
            out += self.ab_test.problems(join(path, "ab_test"), self)
        out += self.condition_problems(path)
        out += self.content_problems(path)
        return out

    def content_problems(self, path: str) -> list[Issue]:
        return []


@dataclass
class DataSettings(ActionSettings):
    """Data blocks: sending behaviour (default send automatically [inf], §9.1) and an action condition."""

    sending: str = setting(STR, "automatic", choices=SENDING_LABELS)
    action_conditions: Condition | None = setting(Optional(CONDITION), None)

    def problems(self, path: str = "") -> list[Issue]:
        return sending_problems(self.sending, path) + self.condition_problems(path) + self.content_problems(path)

    def content_problems(self, path: str) -> list[Issue]:
        return []


# ---- registry ---------------------------------------------------------------

@dataclass(frozen=True)
class BlockType:
    id: str
    label: str
    group: str
    icon: str  # a qtawesome name
    settings: type[BlockSettings]
    description: str = ""
    #: allowed in webhook-triggered campaigns (§5.7, §8.6)
    webhook_campaigns: bool = False

    def default_settings(self) -> BlockSettings:
        return self.settings()


REGISTRY: dict[str, BlockType] = {}


def register(type_id: str, label: str, group: str, icon: str, *, description: str = "", webhook_campaigns: bool = False):
    """Class decorator adding a settings class to the registry under `type_id`."""
    if group not in GROUPS:
        raise ValueError(f"unknown palette group {group!r}")

    def wrap(cls: type[BlockSettings]) -> type[BlockSettings]:
        REGISTRY[type_id] = BlockType(type_id, label, group, icon, cls, description, webhook_campaigns)
        cls.TYPE = type_id
        return cls

    return wrap


def block_type(type_id: str) -> BlockType:
    try:
        return REGISTRY[type_id]
    except KeyError:
        raise KeyError(f"unknown block type {type_id!r}") from None


def palette() -> dict[str, list[BlockType]]:
    """Block types by palette group, in palette order (the build menu shows exactly this)."""
    return {group: [t for t in REGISTRY.values() if t.group == group] for group in GROUPS}
