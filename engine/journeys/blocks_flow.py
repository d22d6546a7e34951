"""Flow-control blocks (spec §8.5): branches, random cohorts, holdout, exit.

Path ids are what edges name in their `path`; labels are what the canvas shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.journeys.block_base import BlockSettings, Issue, register
from engine.journeys.blocks_delays import ConditionPath, path_id_problems
from engine.journeys.conditions import CONDITION, Condition, is_empty, leaves
from engine.journeys.errors import join
from engine.journeys.records import INT, STR, ListOf, Nested, OneOf, Optional, Record, setting

MAX_PATHS = 20
OTHERS = "others"
SPLIT_DATA_TYPES = ("attribute", "event_attribute", "segment", "relationship", "trigger_object", "journey_attribute")


@register("true_false_branch", "True/False branch", "Flow control", "mdi6.arrow-decision-outline", webhook_campaigns=True)
@dataclass
class TrueFalseSettings(BlockSettings):
    """Conditions are ANDed (§8.5). With none everyone would go False, so it counts as unconfigured."""

    conditions: Condition | None = setting(Optional(CONDITION), None)

    def outputs(self):
        return [("true", "True"), ("false", "False")]

    def missing(self) -> list[str]:
        return ["Add a condition"] if is_empty(self.conditions) else []

    def problems(self, path: str = "") -> list[Issue]:
        return self.condition_problems(path)

    def condition_trees(self):
        if self.conditions is not None:
            yield "conditions", self.conditions, "branch"


@register("multi_split", "Multi-split branch", "Flow control", "mdi6.call-split", webhook_campaigns=True)
@dataclass
class MultiSplitSettings(BlockSettings):
    """Up to 20 condition paths of one data type, tried left to right, then "All others"."""

    data_type: str = setting(STR, "attribute", always=True,
                             choices=[(d, d.replace("_", " ").capitalize()) for d in SPLIT_DATA_TYPES])
    paths: list[ConditionPath] = setting(ListOf(Nested(ConditionPath)), factory=list)

    def outputs(self):
        return [(p.id, p.label or f"Path {i + 1}") for i, p in enumerate(self.paths)] + [(OTHERS, "All others")]

    def missing(self) -> list[str]:
        out = [] if self.paths else ["Add a path"]
        for i, p in enumerate(self.paths):
            if is_empty(p.conditions):
                out.append(f"Add conditions to {p.label or f'path {i + 1}'}")
        return out

    def condition_trees(self):
        for i, p in enumerate(self.paths):
            if p.conditions is not None:
                yield f"paths[{i}].conditions", p.conditions, "split"

    def problems(self, path: str = "") -> list[Issue]:
        out = path_id_problems([p.id for p in self.paths], path, (OTHERS,))
        if self.data_type not in SPLIT_DATA_TYPES:
            out.append((join(path, "data_type"), f"unknown data type {self.data_type!r} (use {', '.join(SPLIT_DATA_TYPES)})"))
        if len(self.paths) > MAX_PATHS:
            out.append((join(path, "paths"), f"at most {MAX_PATHS} paths"))
        for i, p in enumerate(self.paths):
            for leaf in leaves(p.conditions):
                if leaf.KIND != self.data_type:
                    out.append((join(join(path, "paths"), i) + ".conditions",
                                f"this split compares {self.data_type!r}, not {leaf.KIND!r}"))
                    break
        return out + self.condition_problems(path)


@dataclass
class CohortPath(Record):
    id: str = setting(STR)
    percent: int = setting(INT, always=True)
    label: str = setting(STR, "")


def _default_cohorts() -> list[CohortPath]:
    return [CohortPath("a", 50, "A"), CohortPath("b", 50, "B")]


@register("random_cohort", "Random cohort branch", "Flow control", "mdi6.shuffle-variant", webhook_campaigns=True)
@dataclass
class RandomCohortSettings(BlockSettings):
    """2–20 paths whose percentages add up to 100; `cohort_by` is "profile" or an object type id.

    A new block starts 50/50 [inf]; the canvas may start it 100/0 when added to
    a running campaign (§8.5) by passing explicit paths.
    """

    paths: list[CohortPath] = setting(ListOf(Nested(CohortPath)), factory=_default_cohorts)
    cohort_by: Any = setting(OneOf(STR, INT, name="'profile' or an object type id"), "profile",
                             choices=[("profile", "Person profile")], open_choices=True)

    def outputs(self):
        return [(p.id, p.label or f"{p.percent}%") for p in self.paths]

    @property
    def total(self) -> int:
        return sum(p.percent for p in self.paths)

    def problems(self, path: str = "") -> list[Issue]:
        out = path_id_problems([p.id for p in self.paths], path, ())
        if not 2 <= len(self.paths) <= MAX_PATHS:
            out.append((join(path, "paths"), f"a random cohort has 2 to {MAX_PATHS} paths"))
        for i, p in enumerate(self.paths):
            if not 0 <= p.percent <= 100:
                out.append((join(join(path, "paths"), i) + ".percent", "must be between 0 and 100"))
        if self.paths and self.total != 100:
            out.append((join(path, "paths"), f"cohort percentages add up to {self.total}%, not 100%"))
        if self.cohort_by != "profile" and not (isinstance(self.cohort_by, int) and self.cohort_by >= 1):
            out.append((join(path, "cohort_by"), "must be 'profile' or an object type id"))
        return out


@register("holdout", "Holdout", "Flow control", "mdi6.account-cancel-outline")
@dataclass
class HoldoutSettings(BlockSettings):
    """[inf] A two-way random split for lift measurement (§9.7 made a block).

    `percent` of arrivals take the "holdout" path, whose messages are generated
    as holdout deliveries that never reach the person; the rest "continue".
    """

    percent: int = setting(INT, 10, always=True)

    def outputs(self):
        return [("continue", "Continue"), ("holdout", f"Holdout {self.percent}%")]

    def problems(self, path: str = "") -> list[Issue]:
        if not 1 <= self.percent <= 99:
            return [(join(path, "percent"), "hold out between 1% and 99%")]
        return []


@register("exit", "Exit", "Flow control", "mdi6.exit-run", webhook_campaigns=True)
@dataclass
class ExitSettings(BlockSettings):
    """Ends the journey ("Finished"). Nothing may follow it."""

    def outputs(self):
        return []
