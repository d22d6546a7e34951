"""Every block of spec §8: registry, settings round trips, "configured?" rules, settings problems."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.journeys import REGISTRY, new_block, palette
from engine.journeys.blocks import Block
from engine.journeys.errors import FormatError

COND = {"attribute": {"field": "plan", "operator": "eq", "value": "free"}}
# A fully configured, non-default example of every block type.
CONFIGURED = {
    "email": {"email_id": 3, "subject_override": "Hi {{customer.first_name}}", "sending": "automatic", "tracking": False,
              "subscription": {"topic": 2}, "message_limit": True, "action_conditions": {"and": [COND]},
              "ab_test": {"percent_b": 50, "variant_b": {"email_id": 4}, "holdout": "b"}},
    "push": {"title": "Back in stock", "body": "{{event.name}} is back", "link": "app://item/1", "data": {"k": [1, 2]}},
    "sms": {"body": "Your code is {{journey.code}}", "sending": "dont_send"},
    "in_app": {"display": "overlay", "position": "top-right", "body": "Hello", "priority": 2,
               "page_rules": [{"pattern": "/pricing*"}, {"pattern": "/admin*", "rule": "exclude"}],
               "expiration": {"amount": 14, "unit": "days"}, "persistent": True},
    "inbox": {"inbox_type": "announcement", "title": "New", "topics": ["product"], "payload": {"cta": "/new"}},
    "slack": {"channel": "#sales", "text": "{{customer.email}} reached funnel step"},
    "whatsapp": {"template": "order_update", "language": "en", "variables": {"1": "{{customer.first_name}}"}},
    "webhook": {"method": "PUT", "url": "https://api.example.com/people/{{customer.id}}",
                "headers": [{"name": "Authorization", "value": "Bearer x"}], "body": "{\"a\": {{customer.a | to_json}}}",
                "response_mapping": [{"source": "response.id", "target": "crm_id", "scope": "journey"}],
                "track_conversions": True, "sending": "automatic"},
    "update_person": {"target": {"kind": "other", "identifier": "email", "value": "{{event.friend}}"},
                      "attributes": [{"name": "contacted_by_sales", "value": True},
                                     {"name": "old", "remove": True},
                                     {"name": "count", "value": "{{customer.count | plus: 1}}", "source": "liquid"}]},
    "update_object": {"scope": "relationship", "object_type_id": 1, "attributes": [{"name": "role", "value": "owner"}]},
    "set_journey_attributes": {"attributes": [{"name": "cohort", "value": "A"}]},
    "batch_update": {"mode": "event", "matcher": {"and": [{"attribute": {"field": "interested_sku", "operator": "eq",
                                                                         "value": "{{trigger.sku}}"}}]},
                     "event_name": "back_in_stock", "event_data": [{"name": "sku", "value": "{{trigger.sku}}", "source": "liquid"}]},
    "send_event": {"event_name": "cohort_assigned", "data": [{"name": "cohort", "value": "A"}]},
    "time_delay": {"amount": 45, "unit": "minutes", "action_conditions": {"and": [COND]}},
    "time_window": {"days": ["sat", "sun"], "ranges": [{"start": "08:00", "end": "12:00"}], "fallback_timezone": "America/New_York"},
    "wait_until": {"paths": [{"id": "clicked", "label": "Clicked", "conditions": {"segment": {"id": 3, "in": True}}}],
                   "event_time": {"property": "appointment_time", "offset": {"amount": 1, "unit": "days"}},
                   "max_time": {"amount": 1, "unit": "weeks"}},
    "random_delay": {"min": {"amount": 1, "unit": "hours"}, "max": {"amount": 3, "unit": "hours"}},
    "true_false_branch": {"conditions": {"and": [COND, {"message": {"type": "email", "message_ref": "any", "status": "opened", "mode": "has_ever"}}]}},
    "multi_split": {"data_type": "attribute", "paths": [{"id": "fr", "label": "France", "conditions": {"attribute": {"field": "country", "operator": "eq", "value": "FR"}}},
                                                        {"id": "de", "conditions": {"attribute": {"field": "country", "operator": "eq", "value": "DE"}}}]},
    "random_cohort": {"paths": [{"id": "a", "percent": 80, "label": "Offer"}, {"id": "b", "percent": 20, "label": "Control"}], "cohort_by": 2},
    "holdout": {"percent": 20},
    "exit": {},
}
NEEDS_WORK = {t for t in REGISTRY if t not in ("random_cohort", "holdout", "exit")}


def test_the_palette_has_every_block_of_the_spec_in_four_groups():
    groups = {g: [t.id for t in types] for g, types in palette().items()}
    assert groups == {
        "Messages": ["email", "push", "sms", "in_app", "inbox", "slack", "whatsapp", "webhook"],
        "Data": ["update_person", "update_object", "set_journey_attributes", "batch_update", "send_event"],
        "Delays": ["time_delay", "time_window", "wait_until", "random_delay"],
        "Flow control": ["true_false_branch", "multi_split", "random_cohort", "holdout", "exit"],
    }
    assert set(CONFIGURED) == set(REGISTRY)


def test_every_icon_exists_in_the_qtawesome_fonts():
    qta = pytest.importorskip("qtawesome")
    fonts = Path(qta.__file__).parent / "fonts"
    charmaps = {"mdi6": "materialdesignicons6-webfont-charmap-*.json", "fa6s": "fontawesome6-solid-webfont-charmap-*.json"}
    for kind in REGISTRY.values():
        prefix, name = kind.icon.split(".", 1)
        charmap = json.loads(next(fonts.glob(charmaps[prefix])).read_text())
        assert name in charmap, kind.icon


@pytest.mark.parametrize("type_id", sorted(REGISTRY))
def test_configured_settings_round_trip_and_are_clean(type_id):
    kind = REGISTRY[type_id]
    settings = kind.settings.from_json(CONFIGURED[type_id], "settings")
    assert settings.to_json() == CONFIGURED[type_id]
    assert settings.missing() == []
    assert settings.problems("settings") == []
    block = Block("b1", type_id, "Named", settings)
    assert Block.from_json(block.to_json()).to_json() == block.to_json()


@pytest.mark.parametrize("type_id", sorted(REGISTRY))
def test_a_block_fresh_from_the_palette(type_id):
    block = new_block(type_id, "b1")
    assert block.to_json()["settings"] == REGISTRY[type_id].settings().to_json()
    assert block.configured == (type_id not in NEEDS_WORK)
    assert all(isinstance(item, str) and item for item in block.missing())
    assert block.label == REGISTRY[type_id].label


def test_outputs_of_branching_blocks():
    def outputs(type_id):
        return [p for p, _ in new_block(type_id, "b", settings=CONFIGURED[type_id]).outputs()]

    assert outputs("true_false_branch") == ["true", "false"]
    assert outputs("multi_split") == ["fr", "de", "others"]
    assert outputs("random_cohort") == ["a", "b"]
    assert outputs("wait_until") == ["clicked", "event_time", "max_time"]
    assert outputs("holdout") == ["continue", "holdout"]
    assert outputs("exit") == []
    assert outputs("email") == [None]


def test_message_defaults_follow_the_spec():
    email = REGISTRY["email"].settings()
    assert (email.sending, email.tracking, email.subscription, email.message_limit) == ("draft", True, "inherit", "inherit")
    assert REGISTRY["webhook"].settings().sending == "draft"
    assert REGISTRY["update_person"].settings().sending == "automatic"
    assert REGISTRY["webhook"].settings().headers[0].name == "Content-Type"


@pytest.mark.parametrize("type_id, change, path, fragment", [
    ("webhook", {"method": "FETCH"}, "settings.method", "unknown method"),
    ("webhook", {"url": "ftp://x"}, "settings.url", "not an http"),
    ("email", {"sending": "later"}, "settings.sending", "unknown sending"),
    ("email", {"ab_test": {"percent_b": 120}}, "settings.ab_test.percent_b", "between 0 and 100"),
    ("email", {"ab_test": {"variant_b": {"email_id": "x"}}}, "settings.ab_test.variant_b.email_id", "expected an integer"),
    ("email", {"subscription": "topic"}, "settings.subscription", "unknown subscription"),
    ("random_cohort", {"paths": [{"id": "a", "percent": 70}, {"id": "b", "percent": 20}]}, "settings.paths", "add up to 90%"),
    ("random_cohort", {"paths": [{"id": "a", "percent": 100}]}, "settings.paths", "2 to 20 paths"),
    ("time_window", {"days": ["mon", "funday"]}, "settings.days[1]", "unknown day"),
    ("time_window", {"ranges": [{"start": "9:00", "end": "17:00"}]}, "settings.ranges[0].start", "HH:MM"),
    ("time_window", {"timezone": "Mars/Olympus"}, "settings.timezone", "unknown time zone"),
    ("wait_until", {"paths": [{"id": "max_time", "conditions": COND}]}, "settings.paths[0].id", "reserved"),
    ("multi_split", {"paths": [{"id": "s", "conditions": {"segment": {"id": 1, "in": True}}}]}, "settings.paths[0].conditions", "compares 'attribute'"),
    ("random_delay", {"min": {"amount": 3, "unit": "hours"}, "max": {"amount": 1, "unit": "hours"}}, "settings.max", "shorter"),
    ("true_false_branch", {"conditions": {"or": [COND]}}, "settings.conditions.or", "AND only"),
    ("update_person", {"attributes": [{"name": "a"}, {"name": "a"}]}, "settings.attributes[1].name", "set twice"),
    ("holdout", {"percent": 0}, "settings.percent", "between 1% and 99%"),
])
def test_settings_problems_name_the_field(type_id, change, path, fragment):
    settings = REGISTRY[type_id].settings.from_json({**CONFIGURED[type_id], **change}, "settings")
    problems = settings.problems("settings")
    assert any(p == path and fragment in m for p, m, *_ in problems), problems


def test_unconfigured_blocks_say_what_is_missing():
    assert new_block("email", "e").missing() == ["Choose an email"]
    assert new_block("email", "e", settings={"email": "Welcome"}).configured
    assert new_block("wait_until", "w").missing() == ["Add a condition path"]
    assert new_block("wait_until", "w", settings={"paths": [{"id": "p", "label": "Clicked"}]}).missing() == ["Add conditions to Clicked"]
    assert new_block("slack", "s", settings={"channel": "#x"}).missing() == ["Write the Slack message"]


@pytest.mark.parametrize("data, path", [
    ({"id": "a", "type": "fax"}, "type"),
    ({"id": "a", "type": "email", "settings": {"email_id": "three"}}, "settings.email_id"),
    ({"id": "a", "type": "time_delay", "settings": {"amount": 1, "unit": "days", "colour": 1}}, "settings.colour"),
    ({"type": "email"}, "id"),
    ({"id": "a", "type": "email", "position": {"x": "left"}}, "position.x"),
])
def test_bad_block_json_raises_with_the_field_path(data, path):
    with pytest.raises(FormatError) as info:
        Block.from_json(data)
    assert info.value.path == path
