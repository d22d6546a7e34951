"""Create the sample workspace: styles, images, emails, a component, campaigns, people, events.

Everything is deterministic: the random generator is seeded and time is
anchored at `SAMPLE_NOW` rather than the wall clock, so two runs produce the
same workspace (tests and bug reports rely on that). The authored content —
emails, the component, campaigns, styles — lives as files under
`resources/sample/` so designers can read and edit it as source. The images
the emails show are stored as workspace assets and referenced as
`asset:NAME` (`engine.assets`), so the sample looks right offline; a cart
item's `image_url` is such a reference too (the product's own picture).
"""
from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from importlib import resources
from typing import Iterator

from engine.sample.images import sample_image_files

SAMPLE_NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
HISTORY_DAYS = 90

FIRST_NAMES = (
    "Ada Alan Amara Anika Ben Bianca Carlos Chloe Dara Diego Elena Emeka Farah Felix Grace Hana Hugo Ines "
    "Isaac Jade Jonas Kai Keiko Lars Leila Liam Lucia Malik Maya Nadia Noah Olga Omar Priya Quinn Rafael "
    "Rosa Sam Sofia Tariq Tess Uma Victor Wen Yara Yusuf Zoe"
).split()
LAST_NAMES = "Abe Baker Costa Diaz Evans Fischer Garcia Haddad Ito Jensen Kowalski Larsen Moreau Nakamura Okafor Park Rossi Silva Tanaka Vogel".split()
COUNTRIES = {
    "US": ("America/New_York", "America/Chicago", "America/Los_Angeles"),
    "GB": ("Europe/London",),
    "DE": ("Europe/Berlin",),
    "FR": ("Europe/Paris",),
    "BR": ("America/Sao_Paulo",),
    "IN": ("Asia/Kolkata",),
    "JP": ("Asia/Tokyo",),
    "AU": ("Australia/Sydney",),
    "CA": ("America/Toronto", "America/Vancouver"),
    "NG": ("Africa/Lagos",),
}
COUNTRY_WEIGHTS = (30, 12, 10, 8, 8, 10, 6, 5, 6, 5)
PLANS = ("free", "starter", "pro", "enterprise")
PLAN_WEIGHTS = (50, 25, 18, 7)
PRODUCTS = (
    ("Aurora desk lamp", 89.0), ("Linen notebook", 18.5), ("Walnut monitor stand", 129.0), ("Ceramic mug", 24.0),
    ("Wool throw", 74.0), ("Brass pen", 42.0), ("Cork mouse pad", 16.0), ("Travel charger", 39.0),
)

EMAILS = (
    # (file, name, subject, preheader)
    ("welcome.html", "Welcome", "Welcome to Lumen, {{ customer.first_name | default: \"friend\" }}", "Three things to try in your first week"),
    ("abandoned-cart.html", "Abandoned cart", "You left something in your cart", "Your cart is saved for 48 hours"),
    ("newsletter.html", "Newsletter", "The Lumen Letter: dashboards that explain themselves", "A customer story and three new templates"),
)

SEGMENTS = (
    ("Signed up", "Everyone with a signup timestamp.", {"and": [{"attribute": {"field": "created_at", "operator": "exists"}}]}),
    ("Paying customers", "Any plan but free.", {"and": [{"attribute": {"field": "plan", "operator": "neq", "value": "free"}}]}),
    ("Carted, never bought", "Added to a cart in the last 30 days and never purchased.", {"and": [
        {"event": {"name": "added_to_cart", "performed": True, "count_op": "at_least", "count": 1, "within": {"amount": 30, "unit": "days"}}},
        {"event": {"name": "purchased", "performed": False}},
    ]}),
)


def _resource(*parts: str) -> str:
    return resources.files("resources").joinpath("sample", *parts).read_text(encoding="utf-8")


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def generate_people(count: int = 1000, *, seed: int = 7, now: datetime = SAMPLE_NOW) -> Iterator[tuple[dict, list[dict]]]:
    """Yield (person row, that person's events) — deterministic for a given seed and count."""
    rng = random.Random(seed)
    countries = list(COUNTRIES)
    for n in range(1, count + 1):
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        country = rng.choices(countries, COUNTRY_WEIGHTS)[0]
        plan = rng.choices(PLANS, PLAN_WEIGHTS)[0]
        signed_up = now - timedelta(days=rng.uniform(0, HISTORY_DAYS))
        email = f"{first}.{last}.{n}@example.com".lower()
        attributes = {
            "id": f"user-{n:05d}",
            "email": email,
            "first_name": first,
            "last_name": last,
            "plan": plan,
            "country": country,
            "timezone": rng.choice(COUNTRIES[country]),
            "created_at": int(signed_up.timestamp()),
        }
        events = [{"name": "signed_up", "timestamp": _naive_utc(signed_up), "data": {"source": rng.choice(("web", "ios", "android", "referral"))}}]
        moment = signed_up
        carts = rng.choices((0, 1, 2, 3, 5), (35, 30, 18, 12, 5))[0]
        for cart_no in range(carts):
            moment = moment + timedelta(hours=rng.uniform(2, 24 * 12))
            if moment >= now:
                break
            items = [
                {"name": name, "price": price, "quantity": rng.randint(1, 3),
                 "image_url": f"asset:products/{PRODUCTS.index((name, price))}.png"}
                for name, price in rng.sample(PRODUCTS, rng.randint(1, 3))
            ]
            cart_id = f"cart-{n:05d}-{cart_no}"
            events.append({"name": "added_to_cart", "timestamp": _naive_utc(moment), "data": {"cart_id": cart_id, "items": items, "currency": "USD"}})
            if rng.random() < 0.45:
                paid = moment + timedelta(minutes=rng.uniform(5, 60 * 36))
                if paid < now:
                    total = round(sum(i["price"] * i["quantity"] for i in items), 2)
                    events.append({"name": "purchased", "timestamp": _naive_utc(paid), "data": {"cart_id": cart_id, "total": total, "currency": "USD"}})
                    moment = paid
        person = {
            "cio_id": f"{seed:02x}{n:08x}",
            "external_id": attributes["id"],
            "email": email,
            "attributes": attributes,
            "created_at": _naive_utc(signed_up),
        }
        yield person, events


def create_sample(workspace, *, people: int = 1000, seed: int = 7, now: datetime = SAMPLE_NOW) -> None:
    """Fill `workspace` with the sample content. Refuses a workspace that already has files."""
    if workspace.files.all():
        raise ValueError("The workspace is not empty; the sample is only created in an empty workspace.")
    workspace.styles.set(json.loads(_resource("global-styles.json")))
    for name, path in sample_image_files():
        workspace.assets.add(name, path.read_bytes())

    emails_folder = workspace.files.create_folder("Lifecycle emails")
    email_ids: dict[str, int] = {}
    for filename, name, subject, preheader in EMAILS:
        folder = None if filename == "newsletter.html" else emails_folder.id
        info = workspace.files.create_email(
            name, folder, source=_resource("emails", filename), subject=subject, preheader=preheader,
            envelope={"from": "Lumen <hello@lumen.example>", "reply_to": "support@lumen.example", "to": "{{ customer.email }}"},
        )
        email_ids[name] = info.id
    workspace.files.create_email(
        "Announcement template", None, kind="template", source=_resource("emails", "welcome.html"),
        subject="Announcing …", preheader="",
    )
    workspace.files.create_folder("Components")
    components = workspace.files.list(type_filter="all")
    comp_folder = next(i for i in components if i.name == "Components")
    workspace.files.create_component("Promo card", comp_folder.id, source=_resource("components", "promo-card.html"), tag="promo-card")

    segment_ids = {}
    for name, description, conditions in SEGMENTS:
        segment_ids[name] = workspace.people.add_segment(name, conditions, description).id

    for filename in ("welcome-series.campaign.json", "abandoned-cart.campaign.json"):
        doc = json.loads(_resource("campaigns", filename))
        workflow = _link_emails(doc["workflow"], email_ids)
        settings = _link_segments(doc["settings"], segment_ids)
        settings.update({"description": doc.get("description", ""), "tags": doc.get("tags", [])})
        workspace.campaigns.create(doc["name"], settings=settings, workflow=workflow)

    rows, events = [], []
    for person_id, (person, person_events) in enumerate(generate_people(people, seed=seed, now=now), start=1):
        rows.append({"id": person_id, **person})
        events += [{"person_id": person_id, **e} for e in person_events]
    workspace.people.bulk_insert(rows, events)
    workspace.settings.set("sample", {"seed": seed, "people": people, "now": now.isoformat()})


def _link_emails(node, email_ids: dict[str, int]):
    """Swap each email block's `email` name for the workspace's `email_id`."""
    if isinstance(node, dict):
        out = {k: _link_emails(v, email_ids) for k, v in node.items()}
        if isinstance(node.get("email"), str) and node["email"] in email_ids:
            out["email_id"] = email_ids[out.pop("email")]
        return out
    if isinstance(node, list):
        return [_link_emails(v, email_ids) for v in node]
    return node


def _link_segments(node, segment_ids: dict[str, int]):
    """Swap `{"segment": {"name": …}}` for the workspace's segment id."""
    if isinstance(node, dict):
        out = {k: _link_segments(v, segment_ids) for k, v in node.items()}
        seg = out.get("segment")
        if isinstance(seg, dict) and "name" in seg and seg["name"] in segment_ids:
            out["segment"] = {"id": segment_ids[seg["name"]], "in": seg.get("in", True)}
        return out
    if isinstance(node, list):
        return [_link_segments(v, segment_ids) for v in node]
    return node
