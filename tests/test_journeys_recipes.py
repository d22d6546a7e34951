"""Recipes R1–R6 of spec §17, built through the model API the canvas uses, validated clean,
saved and reopened unchanged."""
from __future__ import annotations

import pytest

from engine.journeys import TRIGGER, Campaign, dump_campaign, load_campaign, new_block, save_campaign, validate
from engine.journeys import conditions as c
from engine.journeys.settings import DateTrigger, EventTrigger, Frequency, Goal, SegmentTrigger
from engine.journeys.values import Duration


def chain(campaign: Campaign, source: str, path, *blocks) -> str:
    """Drop blocks one under the other, starting on `source`'s `path`, as a marketer does from the palette."""
    for type_id, settings in blocks:
        block = new_block(type_id, campaign.workflow.new_id(type_id.replace("_", "-")), settings=settings)
        campaign.workflow.place_block(block, source, path)
        source, path = block.id, None
    return source


def email(name: str, **extra) -> tuple[str, dict]:
    return "email", {"email": name, "sending": "automatic", **extra}


def delay(amount: int, unit: str) -> tuple[str, dict]:
    return "time_delay", {"amount": amount, "unit": unit}


def r1() -> Campaign:
    campaign = Campaign("R1 Welcome email")
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Signed up"))), frequency=Frequency("once"),
                 start="future_additions")
    chain(campaign, TRIGGER, None, delay(10, "minutes"), email("Welcome"))
    return campaign


def r1_multi_step() -> Campaign:
    campaign = Campaign("R1 Welcome (multi-step)")
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Signed up"))), start="future_additions")
    last = chain(campaign, TRIGGER, None, delay(2, "hours"), email("Welcome"))
    opened = {"message": {"type": "email", "message_ref": last, "status": "opened", "mode": "has_ever"}}
    last2 = chain(campaign, last, None, email("Tips", action_conditions=opened))
    clicked = {"message": {"type": "email", "message_ref": last2, "status": "clicked", "mode": "has_ever"}}
    chain(campaign, last2, None,
          ("sms", {"body": "Need a hand? Reply to this text.", "sending": "automatic", "action_conditions": clicked}),
          ("slack", {"channel": "#sales", "text": "{{customer.email}} reached funnel step", "sending": "automatic"}),
          ("update_person", {"attributes": [{"name": "contacted_by_sales", "value": True}]}))
    return campaign


def r2_event() -> Campaign:
    campaign = Campaign("R2 Abandoned cart (event)")
    campaign.set(trigger=EventTrigger(event="cart_updated"), frequency=Frequency("every_event"),
                 goal=Goal(c.event("purchase"), Duration(3, "days")), exit="on_conversion")
    wait = chain(campaign, TRIGGER, None, ("wait_until", {
        "paths": [{"id": "updated", "label": "Cart updated", "conditions": c.event("cart_updated", since_wait_start=True).to_json()},
                  {"id": "purchased", "label": "Purchased", "conditions": c.event("purchase", since_wait_start=True).to_json()}],
        "max_time": {"amount": 45, "unit": "minutes"}}))
    chain(campaign, wait, "updated", ("exit", {}))
    chain(campaign, wait, "purchased", ("exit", {}))
    chain(campaign, wait, "max_time", email("Abandoned cart"))
    return campaign


def r2_segment() -> Campaign:
    campaign = Campaign("R2 Abandoned cart (segment)")
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Has cart"))),
                 frequency=Frequency("every_rematch", min_wait=Duration(1, "days")))
    chain(campaign, TRIGGER, None, delay(45, "minutes"), email("Abandoned cart"), delay(1, "days"),
          email("Abandoned cart", subject_override="Still thinking it over?"))
    return campaign


def r3() -> Campaign:
    campaign = Campaign("R3 Double opt-in")
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Needs opt-in"))), frequency=Frequency("once"), exit="never")
    wait = chain(campaign, TRIGGER, None, email("Confirm your subscription", tracking=True),
                 ("wait_until", {"paths": [{"id": "clicked", "label": "Clicked opt-in",
                                            "conditions": c.in_segment("Clicked opt-in").to_json()}],
                                 "max_time": {"amount": 1, "unit": "weeks"}}))
    chain(campaign, wait, "clicked", ("update_person", {"attributes": [{"name": "double_optin", "value": True}]}))
    chain(campaign, wait, "max_time", ("update_person", {"attributes": [{"name": "double_optin", "value": False}]}))
    return campaign


def r4() -> Campaign:
    campaign = Campaign("R4 Trial expiration")
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Trial ending"), c.in_segment("Free plan"))),
                 goal=Goal(c.in_segment("Trial users", member=False), Duration(1, "weeks")),
                 exit="on_conversion_or_stop_matching")
    chain(campaign, TRIGGER, None, email("7 days left"), delay(6, "days"), email("1 day left"), delay(1, "days"),
          email("Trial ended"))
    return campaign


def r5() -> Campaign:
    campaign = Campaign("R5 Anniversary")
    campaign.set(trigger=DateTrigger(attribute="anniversary_date", recurrence="yearly", time="00:00",
                                     timezone="person", fallback_timezone="America/New_York"))
    chain(campaign, TRIGGER, None,
          ("time_window", {"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                           "ranges": [{"start": "09:00", "end": "11:00"}], "fallback_timezone": "America/New_York"}),
          email("Happy anniversary"))
    return campaign


def r6() -> Campaign:
    campaign = Campaign("R6 Onboarding drip")
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Signed up"))), start="future_additions",
                 goal=Goal(c.in_segment("Incomplete profile", member=False), Duration(1, "weeks")), exit="on_conversion")
    chain(campaign, TRIGGER, None, email("Why set up your profile"), delay(1, "days"),
          email("Tips", action_conditions=c.in_segment("Incomplete profile").to_json()),
          ("time_window", {"days": ["sat", "sun"], "ranges": [{"start": "08:00", "end": "12:00"}]}),
          email("Level up"))
    return campaign


RECIPES = [r1, r1_multi_step, r2_event, r2_segment, r3, r4, r5, r6]


@pytest.mark.parametrize("build", RECIPES, ids=lambda f: f.__name__)
def test_recipe_validates_clean_and_survives_save_and_reopen(build, tmp_path):
    campaign = build()
    assert validate(campaign) == []
    path = tmp_path / "recipe.campaign.json"
    save_campaign(campaign, path)
    reopened = load_campaign(path)
    assert dump_campaign(reopened) == dump_campaign(campaign)
    assert validate(reopened) == []


def test_recipe_graphs_have_the_documented_shape():
    wf = r2_event().workflow
    wait = next(b for b in wf.blocks.values() if b.type == "wait_until")
    assert [wf.blocks[t].type for t in wf.successors(wait.id)] == ["exit", "exit", "email"]
    wf = r3().workflow
    wait = next(b for b in wf.blocks.values() if b.type == "wait_until")
    updates = [wf.blocks[t].settings.attributes[0].value for t in wf.successors(wait.id)]
    assert updates == [True, False]
    types = []
    node = TRIGGER
    wf = r6().workflow
    while wf.successors(node):
        node = wf.successors(node)[0]
        types.append(wf.blocks[node].type)
    assert types == ["email", "time_delay", "email", "time_window", "email"]
    tidy = wf.tidy_layout()
    assert sorted(p.y for p in tidy.values()) == [120, 240, 360, 480, 600]


def test_removing_the_wait_path_target_in_r3_breaks_validation_until_restored():
    campaign = r3()
    wf = campaign.workflow
    wait = next(b for b in wf.blocks.values() if b.type == "wait_until")
    target = wf.edge_on(wait.id, "clicked").target
    removed = wf.remove_block(target)
    assert [(p.rule, p.extra["output"]) for p in validate(campaign)] == [("branch-path-empty", "clicked")]
    wf.restore_block(removed)
    assert validate(campaign) == []
