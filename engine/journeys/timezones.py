"""Time zone names: `"person"` (the person's `timezone`, then `cio_timezone`, then a fallback) or IANA."""
from __future__ import annotations

from functools import lru_cache
from zoneinfo import available_timezones

Issue = tuple[str, str]

#: What a form suggests for a time zone field (any IANA name may be typed).
COMMON_ZONES = ("UTC", "America/New_York", "America/Los_Angeles", "Europe/London", "Europe/Paris", "Asia/Tokyo")
PERSON_ZONE = (("person", "The person's time zone"),)
ZONE_CHOICES = tuple((z, z) for z in COMMON_ZONES)


@lru_cache(maxsize=1)
def known_zones() -> frozenset[str]:
    return frozenset(available_timezones()) | {"UTC"}


def timezone_problems(name: str, path: str, *, allow_person: bool = False) -> list[Issue]:
    if allow_person and name == "person":
        return []
    if name not in known_zones():
        hint = "an IANA name such as America/New_York" + (" or 'person'" if allow_person else "")
        return [(path, f"unknown time zone {name!r} (use {hint})")]
    return []
