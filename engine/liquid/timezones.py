"""Time-zone names Customer.io accepts (A11).

IANA region names (`America/New_York`, `US/Pacific`) and Rails' "detailed"
names (`(GMT-08:00) Pacific Time (US & Canada)`). Rails names map to their
IANA zone when we know it (so DST applies); otherwise the `(GMT±hh:mm)`
prefix gives a fixed offset. The latest engine rejects the legacy-only
`Asia/Riyadh87/88/89` and `Mideast/Riyadh87/88/89` zones.
"""
from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LEGACY_ONLY = {f"{area}/Riyadh{n}" for area in ("Asia", "Mideast") for n in (87, 88, 89)}

# Rails ActiveSupport names most often seen in profiles (subset) [inf].
RAILS_NAMES = {
    "Pacific Time (US & Canada)": "America/Los_Angeles",
    "Mountain Time (US & Canada)": "America/Denver",
    "Central Time (US & Canada)": "America/Chicago",
    "Eastern Time (US & Canada)": "America/New_York",
    "Alaska": "America/Juneau",
    "Hawaii": "Pacific/Honolulu",
    "Arizona": "America/Phoenix",
    "Atlantic Time (Canada)": "America/Halifax",
    "Newfoundland": "America/St_Johns",
    "Mexico City": "America/Mexico_City",
    "Brasilia": "America/Sao_Paulo",
    "Buenos Aires": "America/Argentina/Buenos_Aires",
    "UTC": "Etc/UTC",
    "London": "Europe/London",
    "Edinburgh": "Europe/London",
    "Dublin": "Europe/Dublin",
    "Lisbon": "Europe/Lisbon",
    "Amsterdam": "Europe/Amsterdam",
    "Berlin": "Europe/Berlin",
    "Brussels": "Europe/Brussels",
    "Madrid": "Europe/Madrid",
    "Paris": "Europe/Paris",
    "Rome": "Europe/Rome",
    "Stockholm": "Europe/Stockholm",
    "Vienna": "Europe/Vienna",
    "Warsaw": "Europe/Warsaw",
    "Athens": "Europe/Athens",
    "Helsinki": "Europe/Helsinki",
    "Istanbul": "Europe/Istanbul",
    "Moscow": "Europe/Moscow",
    "Cairo": "Africa/Cairo",
    "Johannesburg": "Africa/Johannesburg",
    "Riyadh": "Asia/Riyadh",
    "Dubai": "Asia/Dubai",
    "Abu Dhabi": "Asia/Dubai",
    "Karachi": "Asia/Karachi",
    "Mumbai": "Asia/Kolkata",
    "New Delhi": "Asia/Kolkata",
    "Kolkata": "Asia/Kolkata",
    "Bangkok": "Asia/Bangkok",
    "Jakarta": "Asia/Jakarta",
    "Singapore": "Asia/Singapore",
    "Hong Kong": "Asia/Hong_Kong",
    "Beijing": "Asia/Shanghai",
    "Taipei": "Asia/Taipei",
    "Seoul": "Asia/Seoul",
    "Tokyo": "Asia/Tokyo",
    "Osaka": "Asia/Tokyo",
    "Sydney": "Australia/Sydney",
    "Melbourne": "Australia/Melbourne",
    "Brisbane": "Australia/Brisbane",
    "Perth": "Australia/Perth",
    "Auckland": "Pacific/Auckland",
}

_DETAILED = re.compile(r"\(GMT([+-])(\d{2}):(\d{2})\)\s*(.*)")


class UnknownTimeZone(ValueError):
    pass


@lru_cache(maxsize=256)
def resolve_zone(name: str, latest: bool = True) -> tzinfo:
    """The tzinfo for a Customer.io time-zone value, or UnknownTimeZone."""
    name = str(name).strip()
    if latest and name in LEGACY_ONLY:
        raise UnknownTimeZone(name)
    detailed = _DETAILED.fullmatch(name)
    if detailed:
        sign, hours, minutes, label = detailed.groups()
        if label in RAILS_NAMES:
            return ZoneInfo(RAILS_NAMES[label])
        offset = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-offset if sign == "-" else offset)
    if name in RAILS_NAMES:
        return ZoneInfo(RAILS_NAMES[name])
    if name.upper() in ("UTC", "GMT", "Z"):
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownTimeZone(name) from None
