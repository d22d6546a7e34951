"""The render context: where Customer.io's missing-variable rule lives.

Customer.io fails a message when an *output* references data that does not
exist, yet lets conditions (`if`, `unless`, `case`) and a `default:` fallback
look at missing data freely. python-liquid's StrictUndefined raises inside
conditions and StrictDefaultUndefined still does (tech-notes), so we keep the
forgiving `Undefined` and record the miss at lookup time instead, unless the
lookup happens inside a *lenient* region that tags open (see `conditions.py`).
Recording instead of raising lets one render list every missing variable, as
the composer preview does.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from liquid import RenderContext
from liquid.undefined import UNDEFINED, Undefined

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


class MissingUndefined(Undefined):
    """Stands for data that does not exist: empty, falsy, equal to nil."""

    __slots__ = ()


def path_name(path: list[object]) -> str:
    """Spell a looked-up path the way a user would write it: `customer["a b"].c`."""
    parts: list[str] = []
    for i, segment in enumerate(path):
        if isinstance(segment, int) and not isinstance(segment, bool):
            parts.append(f"[{segment}]")
        elif isinstance(segment, str) and _IDENTIFIER.fullmatch(segment):
            parts.append(segment if i == 0 else f".{segment}")
        else:
            parts.append(f'["{segment}"]')
    return "".join(parts)


class MissingVariable:
    """One missing lookup: the name and where in the source it was written."""

    __slots__ = ("name", "index")

    def __init__(self, name: str, index: int):
        self.name = name
        self.index = index


class RenderState:
    """State shared by a render and every nested render it starts."""

    __slots__ = ("missing", "now", "lenient_roots", "position_override", "link_count")

    def __init__(self, now: datetime, lenient_roots: frozenset[str]):
        self.missing: list[MissingVariable] = []
        self.now = now
        self.lenient_roots = lenient_roots
        # Inside render_liquid / snippets the tokens point into another string;
        # the user needs the position of the tag in *their* source.
        self.position_override: list[int] = []
        self.link_count = 0


class CioContext(RenderContext):
    __slots__ = ("state", "lenient")

    def __init__(self, *args: Any, state: RenderState | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.state = state or RenderState(datetime.now(timezone.utc), frozenset())
        self.lenient = 0

    def get(self, path: list[object], *, token: Any, default: object = UNDEFINED) -> object:
        result = super().get(path, token=token, default=default)
        if default is UNDEFINED and isinstance(result, Undefined) and not self.lenient:
            self.report_missing(path, token)
        return result

    def report_missing(self, path: list[object], token: Any) -> None:
        root = path[0] if path else ""
        if root in self.state.lenient_roots:
            return
        if self.state.position_override:
            index = self.state.position_override[0]
        else:
            index = token.start_index if token is not None else -1
        self.state.missing.append(MissingVariable(path_name(path), index))

    def copy(self, *args: Any, **kwargs: Any) -> "CioContext":
        ctx = super().copy(*args, **kwargs)
        ctx.state = self.state
        ctx.lenient = self.lenient
        return ctx
