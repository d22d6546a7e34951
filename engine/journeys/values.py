"""Small value types shared by conditions, blocks and campaign settings."""
from __future__ import annotations

from dataclasses import dataclass

from engine.journeys.records import INT, NUM, STR, Record, setting

#: Units a marketer can pick for delays, windows and periods. Seconds are not
#: offered by Customer.io and would make the simulated clock needlessly fine.
UNITS = {"minutes": 60, "hours": 3600, "days": 86400, "weeks": 7 * 86400}


@dataclass
class Duration(Record):
    """`{"amount": 45, "unit": "minutes"}` — the one way every length of time is written."""

    amount: int = setting(INT)
    unit: str = setting(STR, choices=[(u, u) for u in UNITS])

    @property
    def seconds(self) -> int:
        return self.amount * UNITS.get(self.unit, 0)

    def problems(self, path: str, *, allow_zero: bool = False) -> list[tuple[str, str]]:
        out = []
        if self.unit not in UNITS:
            out.append((f"{path}.unit", f"unknown unit {self.unit!r} (use {', '.join(UNITS)})"))
        if self.amount < 0 or (self.amount == 0 and not allow_zero):
            out.append((f"{path}.amount", "must be greater than 0"))
        return out

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.amount == 1 and self.unit.endswith("s") else self.unit
        return f"{self.amount} {unit}"


@dataclass
class Position(Record):
    """Canvas coordinates of a block's top-centre, in scene units (y grows downwards)."""

    x: float = setting(NUM, 0)
    y: float = setting(NUM, 0)

    def to_json(self) -> dict:  # both always written: a position is never "default"
        return {"x": self.x, "y": self.y}
