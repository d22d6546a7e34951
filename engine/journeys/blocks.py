"""Workflow blocks: the `Block` node and the registry of every block type of spec §8.

    type id                 group          settings class
    email push sms in_app inbox slack whatsapp webhook      Messages
    update_person update_object set_journey_attributes batch_update send_event   Data
    time_delay time_window wait_until random_delay          Delays
    true_false_branch multi_split random_cohort holdout exit   Flow control

`REGISTRY[type_id]` gives label, palette group, qtawesome icon name and the
settings class; `palette()` the build menu's grouping; `new_block()` a block
with default settings, as dropped from the palette.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# The group modules register their types on import; keep this order (palette order).
from engine.journeys import blocks_messages, blocks_data, blocks_delays, blocks_flow  # noqa: F401
from engine.journeys.block_base import (  # noqa: F401  (re-exported)
    GROUPS, REGISTRY, SENDING, SENDING_LABELS, ABTest, BlockSettings, BlockType, block_type, palette,
)
from engine.journeys.blocks_data import *  # noqa: F401,F403
from engine.journeys.blocks_delays import *  # noqa: F401,F403
from engine.journeys.blocks_flow import *  # noqa: F401,F403
from engine.journeys.blocks_messages import *  # noqa: F401,F403
from engine.journeys.errors import FormatError, join
from engine.journeys.records import describe
from engine.journeys.values import Position

TRIGGER = "trigger"  # the pseudo-block every workflow starts from; edges name it in `from`
UNCONFIGURED = "You still have work to do"
BLOCK_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")


@dataclass
class Block:
    id: str
    type: str
    name: str = ""
    settings: BlockSettings = None  # type: ignore[assignment]  # defaults to the type's defaults
    position: Position = field(default_factory=Position)

    def __post_init__(self):
        if self.settings is None:
            self.settings = block_type(self.type).default_settings()

    @property
    def kind(self) -> BlockType:
        return block_type(self.type)

    @property
    def label(self) -> str:
        """What the canvas prints on the block: its name, else the type's label."""
        return self.name or self.kind.label

    def missing(self) -> list[str]:
        return self.settings.missing()

    @property
    def configured(self) -> bool:
        return not self.settings.missing()

    def outputs(self) -> list[tuple[str | None, str]]:
        return self.settings.outputs()

    def to_json(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name,
                "settings": self.settings.to_json(), "position": self.position.to_json()}

    @classmethod
    def from_json(cls, data: Any, path: str = "") -> "Block":
        if not isinstance(data, dict):
            raise FormatError(path, f"expected a block object, got {describe(data)}")
        for key in ("id", "type"):
            if not isinstance(data.get(key), str):
                raise FormatError(join(path, key), "is required" if key not in data else f"expected a string, got {describe(data[key])}")
        unknown = set(data) - {"id", "type", "name", "settings", "position"}
        if unknown:
            key = sorted(unknown)[0]
            raise FormatError(join(path, key), f"unknown key {key!r}")
        type_id = data["type"]
        if type_id not in REGISTRY:
            raise FormatError(join(path, "type"), f"unknown block type {type_id!r} (use one of: {', '.join(REGISTRY)})")
        name = data.get("name", "")
        if not isinstance(name, str):
            raise FormatError(join(path, "name"), f"expected a string, got {describe(name)}")
        settings = REGISTRY[type_id].settings.from_json(data.get("settings", {}), join(path, "settings"))
        position = Position.from_json(data.get("position", {}), join(path, "position"))
        return cls(data["id"], type_id, name, settings, position)

    def copy(self) -> "Block":
        return Block.from_json(self.to_json())


def new_block(type_id: str, block_id: str, name: str = "", *, settings: BlockSettings | dict | None = None,
              position: tuple[float, float] | Position | None = None) -> Block:
    """A block as dropped from the palette; `settings` may be a settings object or its JSON."""
    kind = block_type(type_id)
    if isinstance(settings, dict):
        settings = kind.settings.from_json(settings, "settings")
    if isinstance(position, tuple):
        position = Position(*position)
    return Block(block_id, type_id, name, settings or kind.default_settings(), position or Position())
