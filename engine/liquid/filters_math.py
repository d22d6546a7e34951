"""Arithmetic and the array filters whose behaviour differs by engine (A7).

Numeric strings count as numbers (the documented `| plus: 0` idiom); nil and
missing count as 0. A non-numeric string is the composer's "Unidentified
method" error (A8). Integer `divided_by` floors (`200000 | divided_by: 86400`
→ 2). Latest only: whole-number results print without `.0`, `modulo` is
never negative, `sort` returns arrays containing nil unchanged, `sum` casts
every element to a number, `concat` also merges hashes.
"""
from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from liquid.undefined import Undefined

from .errors import UNIDENTIFIED_METHOD, CioRenderError


def to_number(value: object, filter_name: str) -> int | float:
    if value is None or isinstance(value, Undefined):
        return 0
    if isinstance(value, bool):
        raise CioRenderError(UNIDENTIFIED_METHOD, hint=f"{filter_name}: {value!r} is not a number")
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0
        try:
            return int(text)
        except ValueError:
            pass
        try:
            return float(text)
        except ValueError:
            pass
    raise CioRenderError(
        UNIDENTIFIED_METHOD,
        hint=f"{filter_name}: {value!r} is not a number; math needs numbers (use | plus: 0 on numeric text)",
    )


def _whole(value: int | float, latest: bool) -> int | float:
    if latest and isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def make_math_filters(latest: bool) -> dict[str, Any]:
    def plus(a: object, b: object = 0) -> object:
        return _whole(to_number(a, "plus") + to_number(b, "plus"), latest)

    def minus(a: object, b: object = 0) -> object:
        return _whole(to_number(a, "minus") - to_number(b, "minus"), latest)

    def times(a: object, b: object = 1) -> object:
        return _whole(to_number(a, "times") * to_number(b, "times"), latest)

    def divided_by(a: object, b: object = 1) -> object:
        x, y = to_number(a, "divided_by"), to_number(b, "divided_by")
        if y == 0:
            raise CioRenderError("Liquid error: divided by 0")
        if isinstance(x, int) and isinstance(y, int):
            return x // y
        return _whole(x / y, latest)

    def modulo(a: object, b: object = 1) -> object:
        x, y = to_number(a, "modulo"), to_number(b, "modulo")
        if y == 0:
            raise CioRenderError("Liquid error: divided by 0")
        if latest:
            return _whole(x % abs(y), latest)
        return _whole(math.fmod(x, y) if isinstance(x, float) or isinstance(y, float) else int(math.fmod(x, y)), latest)

    return {"plus": plus, "minus": minus, "times": times, "divided_by": divided_by, "modulo": modulo}


def _items(value: object) -> list:
    if isinstance(value, (list, tuple)):
        return list(value)
    if value is None or isinstance(value, Undefined):
        return []
    if isinstance(value, dict):
        return [value]
    return [value]


def make_array_filters(latest: bool) -> dict[str, Any]:
    def sort(value: object, key: object = None) -> object:
        items = _items(value)
        try:
            if key:
                return sorted(items, key=lambda item: item.get(str(key)) if isinstance(item, dict) else None)
            return sorted(items)
        except TypeError:
            if latest:
                return items
            raise CioRenderError("Liquid error: comparison of array elements failed") from None

    def sum_(value: object, key: object = None) -> object:
        items = _items(value)
        if key:
            items = [item.get(str(key)) if isinstance(item, dict) else None for item in items]
        if latest:
            total: int | float = 0
            for item in items:
                try:
                    total += to_number(item, "sum")
                except CioRenderError:
                    continue
            return _whole(total, latest)
        return "".join("" if i is None else str(i) for i in items)

    def concat(value: object, other: object = None) -> object:
        if latest and isinstance(value, dict) and isinstance(other, dict):
            return {**value, **other}
        return _items(value) + _items(other)

    return {"sort": sort, "sum": sum_, "concat": concat}
