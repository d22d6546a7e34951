"""How values print in `{{ }}`.

* Hashes print Ruby-inspect style (`{"name"=>"English Literature"}`) — the
  shape Customer.io documents for `{{ objects.x[0] }}` (A3, must-have 11).
* Arrays print their items joined with nothing, as Shopify Liquid and
  LiquidJS do. [DOC-QUIRK decision] the docs show `map` output as
  `shoes, socks`; we keep the engines' behaviour and say so here.
* In the latest engine a whole-number float prints without `.0` (A7).
* Dates print as `2020-07-31 00:00:00 +0000` (Ruby Time#to_s). [inf]
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from liquid.undefined import Undefined


def number_text(value: float | Decimal, latest: bool = True) -> str:
    if isinstance(value, Decimal):
        value = float(value)
    if latest and value == value and value not in (float("inf"), float("-inf")) and value == int(value):
        return str(int(value))
    return repr(value)


def ruby_inspect(value: object) -> str:
    if value is None or isinstance(value, Undefined):
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (int, float, Decimal)):
        return number_text(value) if isinstance(value, (float, Decimal)) else str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{ruby_inspect(k)}=>{ruby_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(ruby_inspect(v) for v in value) + "]"
    return ruby_inspect(to_output(value))


def to_output(value: object, latest: bool = True) -> str:
    if isinstance(value, str):
        return value
    if value is None or isinstance(value, Undefined):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (float, Decimal)):
        return number_text(value, latest)
    if isinstance(value, dict):
        return ruby_inspect(value)
    if isinstance(value, (list, tuple)):
        return "".join(to_output(v, latest) for v in value)
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S %z").strip()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
