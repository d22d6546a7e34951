"""`date` and (legacy) `timezone` (A7, A11).

Input: Unix seconds (number or numeric string), ISO-8601 strings, RFC-2822
style strings, `'now'`/`'today'`, or datetimes. Times without a zone are
UTC. The latest engine takes the time zone as the second argument
(`date: "%H:%M", "America/New_York"`); the legacy engine shifts with the
`timezone` filter first — both give the same wall-clock time (must-have 7).
A value that is not a date prints unchanged (Ruby Liquid's behaviour).
`'now'` is the render's clock (`render_liquid(now=...)`), so previews and
tests are reproducible.

Format codes follow strftime plus Ruby's: `%s` epoch seconds, `%-d` etc.
without padding, `%L` milliseconds, `%N` nanoseconds, `%P` lowercase am/pm,
`%:z` offset with a colon, `%e` space-padded day, `%l` space-padded 12-hour.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timezone, tzinfo
from email.utils import parsedate_to_datetime
from typing import Any

from liquid.filter import with_context
from liquid.undefined import Undefined

from .errors import CioRenderError
from .timezones import UnknownTimeZone, resolve_zone

_DIRECTIVE = re.compile(r"%([-_0^#]?)(:?[a-zA-Z%])")
_NUMERIC = re.compile(r"-?\d+(\.\d+)?")


def _parse_iso(text: str) -> datetime | None:
    candidate = text.strip()
    if candidate.endswith(("Z", "z")):
        candidate = candidate[:-1] + "+00:00"
    candidate = re.sub(r"^(\d{4})(\d{2})(\d{2})T", r"\1-\2-\3T", candidate)
    if re.fullmatch(r"\d{4}-\d{2}", candidate):
        candidate += "-01"
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S %Z", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%Y/%m/%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(candidate, fmt)
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def to_datetime(value: object, now: datetime) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, bool) or value is None or isinstance(value, Undefined):
        return None
    elif isinstance(value, (int, float)):
        moment = datetime.fromtimestamp(value, timezone.utc)
    elif isinstance(value, str):
        text = value.strip()
        if text.lower() in ("now", "today"):
            moment = now
        elif _NUMERIC.fullmatch(text):
            moment = datetime.fromtimestamp(float(text), timezone.utc)
        else:
            parsed = _parse_iso(text)
            if parsed is None:
                return None
            moment = parsed
    else:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def _format_one(moment: datetime, flag: str, code: str) -> str:
    if code == "s":
        return str(int(moment.timestamp()))
    if code == "L":
        return f"{moment.microsecond // 1000:03d}"
    if code == "N":
        return f"{moment.microsecond * 1000:09d}"
    if code == "P":
        return moment.strftime("%p").lower()
    if code == ":z":
        raw = moment.strftime("%z") or "+0000"
        return f"{raw[:3]}:{raw[3:]}"
    if code == "e":
        text = f"{moment.day:2d}"
    elif code == "l":
        text = f"{(moment.hour % 12) or 12:2d}"
    elif code == "%":
        return "%"
    else:
        text = moment.strftime("%" + code)
    if flag == "-":
        stripped = text.lstrip("0 ")
        return stripped or "0"
    if flag == "^":
        return text.upper()
    if flag == "_":
        return re.sub(r"^0", " ", text)
    return text


def strftime(moment: datetime, fmt: str) -> str:
    return _DIRECTIVE.sub(lambda m: _format_one(moment, m.group(1), m.group(2)), fmt)


def _zone(name: object, latest: bool, token: Any = None) -> tzinfo | None:
    if name is None or isinstance(name, Undefined) or name == "":
        return None
    try:
        return resolve_zone(str(name), latest)
    except UnknownTimeZone:
        raise CioRenderError(f"Liquid error: invalid time zone '{name}'", token=token) from None


@with_context
def date_filter(value: object, fmt: object = None, tz: object = None, *, context: Any) -> object:
    moment = to_datetime(value, context.state.now)
    if moment is None:
        return value
    zone = _zone(tz, context.env.latest)
    if zone is not None:
        moment = moment.astimezone(zone)
    if fmt is None or isinstance(fmt, Undefined) or fmt == "":
        return value
    return strftime(moment, str(fmt))


@with_context
def timezone_filter(value: object, tz: object = None, *, context: Any) -> object:
    """Legacy engine only: shift a time into `tz` before `date` formats it."""
    moment = to_datetime(value, context.state.now)
    if moment is None:
        return value
    zone = _zone(tz, latest=False)
    return moment.astimezone(zone) if zone is not None else moment


@with_context
def add_to_date(value: object, amount: object = 0, unit: object = "days", *, context: Any) -> object:
    """[unverified] Not in the docs dump (A0): adds `amount` `unit`s, returns Unix seconds."""
    from datetime import timedelta

    moment = to_datetime(value, context.state.now)
    if moment is None:
        return value
    units = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}
    key = str(unit).lower()
    key = key if key.endswith("s") else key + "s"
    seconds = units.get(key)
    if seconds is None:
        raise CioRenderError(f"Liquid error: add_to_date: unknown unit '{unit}'")
    return int((moment + timedelta(seconds=float(amount) * seconds)).timestamp())
