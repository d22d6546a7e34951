"""The shared condition tree: canonical JSON round trips, problems with paths, contexts."""
from __future__ import annotations

import pytest

from engine.journeys import conditions as c
from engine.journeys.errors import FormatError

# One canonical example of every node kind (spec §2.2), nested where the kind allows it.
EXAMPLES = {
    "attribute": {"attribute": {"field": "plan", "operator": "eq", "value": "pro"}},
    "attribute_compare": {"attribute": {"field": "trips_with_hotel_booked", "operator": "contains",
                                        "compare_to": {"source": "event", "field": "trip_id"}}},
    "attribute_rel": {"attribute": {"field": "trial_expires", "operator": "ts_before_rel",
                                    "value": {"amount": 7, "unit": "days", "direction": "from_now"}}},
    "attribute_abs": {"attribute": {"field": "created_at", "operator": "ts_after_abs", "value": 1767225600}},
    "attribute_between": {"attribute": {"field": "created_at", "operator": "ts_between", "value": [1767225600, 1769904000]}},
    "attribute_path": {"attribute": {"field": "purchases[].coupons_applied[0].code", "operator": "exists"}},
    "segment_id": {"segment": {"id": 4, "in": True}},
    "segment_name": {"segment": {"name": "Signed up", "in": False}},
    "event": {"event": {"name": "purchase", "performed": True, "count_op": "at_least", "count": 1,
                        "within": {"amount": 30, "unit": "days"},
                        "data_filters": {"and": [{"attribute": {"field": "items[].type", "operator": "eq", "value": "book"}}]}}},
    "event_wait": {"event": {"name": "cart_updated", "performed": True, "since_wait_start": True}},
    "message": {"message": {"type": "email", "message_ref": "any", "status": "opened", "human_only": True, "mode": "has_ever"}},
    "message_block": {"message": {"type": "email", "message_ref": "email-confirm", "status": "clicked", "mode": "is",
                                  "link_contains": "double_optin=true"}},
    "message_id": {"message": {"type": "sms", "message_ref": 12, "status": "delivered", "mode": "has_ever"}},
    "device": {"device": {"field": "platform", "operator": "eq", "value": "ios"}},
    "relationship": {"relationship": {"object_type_id": 1, "exists": True, "refine": {"and": [
        {"object_attribute": {"field": "plan", "operator": "eq", "value": "enterprise"}},
        {"relationship_attribute": {"field": "role", "operator": "eq", "value": "admin"}}]}}},
    "page": {"page": {"name": "/pricing*", "performed": True, "within": {"amount": 7, "unit": "days"}}},
    "screen": {"screen": {"name": "Checkout", "performed": False}},
    "form": {"form": {"name": "newsletter-signup", "performed": True}},
    "journey_attribute": {"journey_attribute": {"field": "score", "operator": "gt", "value": 10}},
    "event_attribute": {"event_attribute": {"field": "total", "operator": "lt", "value": 25.5}},
    "trigger_object": {"trigger_object": {"field": "allow_registration", "operator": "eq", "value": True}},
    "groups": {"or": [{"and": []}, {"not": {"segment": {"id": 2, "in": True}}},
                      {"and": [{"attribute": {"field": "age", "operator": "lt", "value": 25}},
                               {"or": [{"attribute": {"field": "country", "operator": "eq", "value": "FR"}}]}]}]},
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_kind_round_trips_exactly_and_is_valid(name):
    tree = c.from_json(EXAMPLES[name])
    assert c.to_json(tree) == EXAMPLES[name]
    assert tree.problems("x") == []


def test_every_leaf_kind_has_an_example():
    used = {kind for ex in EXAMPLES.values() for _, node in c.from_json(ex).walk() for kind in [node.KIND]}
    used |= {"object_attribute", "relationship_attribute"}  # nested inside the relationship refinement
    assert set(c.LEAF_KINDS) <= used


def test_unknown_operator_is_reported_with_its_json_path():
    tree = c.from_json({"and": [{"segment": {"id": 1, "in": True}},
                                {"attribute": {"field": "plan", "operator": "equalz", "value": "x"}}]})
    problems = tree.problems("trigger.conditions")
    assert [f"{p}: {m}" for p, m in problems] == ["trigger.conditions.and[1].attribute.operator: unknown operator 'equalz'"]


@pytest.mark.parametrize("body, path, fragment", [
    ({"field": "plan", "operator": "eq"}, "attribute.value", "needs a value"),
    ({"field": "plan", "operator": "eq", "value": ""}, "attribute.value", "use 'exists'"),
    ({"field": "plan", "operator": "exists", "value": 3}, "attribute.value", "takes no value"),
    ({"field": "age", "operator": "gt", "value": "old"}, "attribute.value", "needs a number"),
    ({"field": "t", "operator": "ts_before_rel", "value": {"amount": 7, "unit": "fortnights", "direction": "ago"}},
     "attribute.value.unit", "unknown unit"),
    ({"field": "t", "operator": "ts_between", "value": [20000000000, 1700000000]}, "attribute.value", "after the end"),
    ({"field": "items[x]", "operator": "exists"}, "attribute.field", "must be a number"),
    ({"field": "_secret", "operator": "exists"}, "attribute.field", "internal"),
])
def test_attribute_value_problems(body, path, fragment):
    problems = c.from_json({"attribute": body}).problems()
    assert any(p == path and fragment in m for p, m in problems), problems


def test_event_and_message_problems():
    bad_event = c.from_json({"event": {"name": "a+b", "performed": True, "count_op": "about", "count": 2,
                                       "data_filters": {"and": [{"segment": {"id": 1, "in": True}}]}}})
    paths = {p for p, _ in bad_event.problems()}
    assert {"event.name", "event.count_op", "event.data_filters.and[0].segment"} <= paths
    msg = c.from_json({"message": {"type": "fax", "status": "sent", "human_only": True, "message_ref": "any", "mode": "was"}})
    assert {p for p, _ in msg.problems()} == {"message.type", "message.mode", "message.human_only"}


@pytest.mark.parametrize("data, path, fragment", [
    ([], "", "expected a condition object"),
    ({"and": [], "or": []}, "", "exactly one key"),
    ({"attrib": {}}, "attrib", "unknown condition kind"),
    ({"and": {"segment": {}}}, "and", "expected an array"),
    ({"and": [{"attribute": {"field": "x"}}]}, "and[0].attribute.operator", "is required"),
    ({"attribute": {"field": "x", "operator": "eq", "valu": 1}}, "attribute.valu", "unknown key"),
    ({"segment": {"id": "four", "in": True}}, "segment.id", "expected an integer"),
])
def test_shapes_that_are_not_conditions_raise_with_a_path(data, path, fragment):
    with pytest.raises(FormatError) as info:
        c.from_json(data)
    assert info.value.path == path and fragment in info.value.message


def test_contexts_follow_the_capability_matrix():
    branch_or = c.from_json({"or": [{"attribute": {"field": "a", "operator": "exists"}}]})
    assert c.context_problems(branch_or, "branch") == [("or", "a true/false branch joins conditions with AND only")]
    trigger = c.from_json({"and": [{"event": {"name": "x", "performed": True}}]})
    assert c.context_problems(trigger, "trigger.segment")[0][0] == "and[0].event"
    obj = c.from_json({"object_attribute": {"field": "n", "operator": "gt", "value": 3}})
    assert "only equal" in c.context_problems(obj, "trigger.object")[0][1]
    assert c.context_problems(c.from_json(EXAMPLES["segment_id"]), "goal") == []


def test_json_paths_follow_the_documented_syntax():
    steps = c.parse_json_path("purchases[].coupons_applied[0].code")
    assert [(s.kind, s.value) for s in steps] == [("key", "purchases"), ("each", None), ("key", "coupons_applied"),
                                                  ("index", 0), ("key", "code")]
    assert [s.kind for s in c.parse_json_path("purchases?.type")] == ["key", "maybe_array", "key"]
    for bad in ("a..b", "a[", "a.", "a?b", ""):
        with pytest.raises(ValueError):
            c.parse_json_path(bad)


def test_builders_produce_canonical_json():
    tree = c.all_of(c.in_segment("Signed up"), c.attribute("plan", "eq", "free"), c.event("purchase", False))
    assert tree.to_json() == {"and": [{"segment": {"name": "Signed up", "in": True}},
                                      {"attribute": {"field": "plan", "operator": "eq", "value": "free"}},
                                      {"event": {"name": "purchase", "performed": False}}]}
