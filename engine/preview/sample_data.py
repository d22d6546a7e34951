"""Preview sample data: a workspace person plus hand-written event/trigger JSON → Liquid data.

Spec §3.6: profile attributes are `customer.*`; events `event.*`; trigger and
transactional data `trigger.*`. The person's identifiers are columns in the
store, so they are folded back in the way Customer.io exposes them:
`customer.id` is the external id, `customer.email` the email, `customer.cio_id`
the internal id; attributes win when they carry the same key, as they are
what the user edited most recently.

The extra JSON is one object whose keys become top-level namespaces
(`{"event": {...}, "trigger": {...}}`); a syntax error is a Problem at its
line and column, and a non-object a Problem at 1:1 — never an exception.
"""
from __future__ import annotations

import json
from typing import Any

from engine.problems import Problem

SAMPLE_JSON_NAME = "sample data (JSON)"


def customer_of(person: Any) -> dict:
    """`customer` namespace from a store `Person` row (or any object with those fields, or a dict)."""
    if isinstance(person, dict):
        return dict(person)
    customer: dict = {}
    for key, field in (("id", "external_id"), ("email", "email"), ("cio_id", "cio_id")):
        value = getattr(person, field, None)
        if value is not None:
            customer[key] = value
    created = getattr(person, "created_at", None)
    if created is not None:
        customer["created_at"] = int(created.timestamp())
    customer.update(getattr(person, "attributes", None) or {})
    return customer


def parse_extra(text: str, name: str = SAMPLE_JSON_NAME) -> tuple[dict, list[Problem]]:
    """The event/trigger JSON the user typed: (namespaces, problems)."""
    if not text.strip():
        return {}, []
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return {}, [Problem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, file=name)]
    if not isinstance(value, dict):
        return {}, [Problem("sample data must be a JSON object such as {\"event\": {...}, \"trigger\": {...}}",
                            1, 1, file=name)]
    return value, []


def sample_data(person: Any | None = None, extra: dict | None = None) -> dict:
    """The Liquid data for a preview: `{"customer": …, "event": …, "trigger": …}`."""
    data: dict = {"customer": customer_of(person)} if person is not None else {}
    for key, value in (extra or {}).items():
        if key == "customer" and isinstance(value, dict):
            data.setdefault("customer", {}).update(value)  # typed overrides of profile attributes
        else:
            data[key] = value
    return data
