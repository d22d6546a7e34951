"""Each validation rule fires on a campaign crafted to break it, and names the block concerned."""
from __future__ import annotations

import pytest

from engine.journeys import Campaign, Edge, Note, TRIGGER, load_campaign, new_block, validate
from engine.journeys import conditions as c
from engine.journeys.settings import CampaignSettings, Frequency, Goal, Schedule, SegmentTrigger, WebhookTrigger
from engine.journeys.values import Duration, Position
from engine.problems import Severity


def good() -> Campaign:
    """Signed-up people wait a day and get the welcome email."""
    settings = CampaignSettings(trigger=SegmentTrigger(c.all_of(c.in_segment("Signed up"))))
    campaign = Campaign("Welcome", settings=settings)
    wf = campaign.workflow
    wf.place_block(new_block("time_delay", "delay", settings={"amount": 1, "unit": "days"}), TRIGGER)
    wf.place_block(new_block("email", "email", settings={"email": "Welcome", "sending": "automatic"}), "delay")
    return campaign


def rules(campaign, workspace=None):
    return [(p.rule, p.extra["block"]) for p in validate(campaign, workspace)]


def test_the_base_campaign_is_clean():
    assert validate(good()) == []


def test_unconfigured_blocks_and_message_without_content():
    campaign = good()
    wf = campaign.workflow
    wf.place_block(new_block("update_person", "update"), "email")
    wf.set_block_settings("email", {})
    problems = validate(campaign)
    assert [(p.rule, p.extra["block"]) for p in problems] == [("message-no-content", "email"), ("block-unconfigured", "update")]
    assert problems[0].message == "Email (email): You still have work to do: Choose an email"
    assert problems[0].extra["path"] == "workflow.blocks[1].settings"


def test_wait_until_without_a_path():
    campaign = good()
    campaign.workflow.place_block(new_block("wait_until", "wait"), "email")
    assert rules(campaign) == [("wait-until-no-path", "wait")]


def test_bad_settings_and_cohorts_not_summing_to_100():
    campaign = good()
    wf = campaign.workflow
    cohort = new_block("random_cohort", "cohort", settings={"paths": [{"id": "a", "percent": 60}, {"id": "b", "percent": 30}]})
    wf.place_block(cohort, "email")
    wf.place_block(new_block("exit", "xa"), "cohort", "a")
    wf.place_block(new_block("webhook", "hook", settings={"url": "https://x.example", "method": "FETCH"}), "cohort", "b")
    problems = validate(campaign)
    assert [(p.rule, p.extra["block"]) for p in problems] == [("cohort-total", "cohort"), ("block-settings", "hook")]
    assert "add up to 90%" in problems[0].message
    assert problems[1].extra["path"] == "workflow.blocks[3].settings.method"


def test_branch_path_without_blocks_is_a_warning_per_path():
    campaign = good()
    branch = new_block("true_false_branch", "branch", settings={"conditions": {"attribute": {"field": "plan", "operator": "eq", "value": "free"}}})
    campaign.workflow.insert_block_on_edge(campaign.workflow.edge_on("delay"), branch)
    problems = validate(campaign)
    assert [(p.rule, p.extra["block"], p.extra["output"], p.severity) for p in problems] == [
        ("branch-path-empty", "branch", "false", Severity.WARNING)]


def test_loops_unreachable_blocks_and_exit_not_last():
    campaign = good()
    wf = campaign.workflow
    wf.add_block(new_block("time_delay", "orphan", settings={"amount": 1, "unit": "hours"}))
    wf.edges.append(Edge("email", "delay"))  # loaded files can hold what connect() refuses
    wf.add_block(new_block("exit", "stop"))
    wf.edges.append(Edge("stop", "orphan"))
    got = rules(campaign)
    assert ("loop", "delay") in got
    assert ("unreachable", "orphan") in got and ("unreachable", "stop") in got
    assert ("exit-not-last", "stop") in got
    loop = next(p for p in validate(campaign) if p.rule == "loop")
    assert loop.extra["blocks"] == ["delay", "email"] and "delay → email → delay" in loop.message


def test_edges_naming_missing_blocks_unknown_paths_or_a_path_twice():
    campaign = good()
    wf = campaign.workflow
    wf.edges += [Edge("ghost", "email"), Edge("email", "ghost"), Edge("delay", "email", "true")]
    wf.add_block(new_block("exit", "x"))
    wf.edges.append(Edge("delay", "x"))
    got = rules(campaign)
    assert got.count(("edge-dangling", None)) == 1 and ("edge-dangling", "email") in got
    assert ("edge-path", "delay") in got and ("edge-duplicate", "delay") in got


def test_trigger_made_only_of_not_in_segment_conditions():
    campaign = good()
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Signed up", member=False), c.in_segment(3, member=False))))
    problems = validate(campaign)
    assert [p.rule for p in problems] == ["trigger-not-in-only"]
    assert problems[0].extra["path"] == "settings.trigger.conditions"
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment(3, member=False), c.attribute("plan", "exists"))))
    assert validate(campaign) == []


def test_trigger_condition_problems_use_the_documented_path():
    campaign = good()
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment(1), c.attribute("plan", "equalz", "x"))))
    problem, = validate(campaign)
    assert problem.message == "trigger.conditions.and[1].attribute.operator: unknown operator 'equalz'"
    assert problem.rule == "trigger"


@pytest.mark.parametrize("change, rule, fragment", [
    ({"filters": c.all_of(c.in_segment(2))}, "filters", "has no filters"),
    ({"frequency": Frequency("every_event")}, "frequency", "allows once, every_rematch, fixed_interval"),
    ({"frequency": Frequency("fixed_interval")}, "frequency", "needs an interval"),
    ({"goal": Goal(c.all_of(c.event("a"), c.event("b")))}, "goal", "exactly one event"),
    ({"goal": Goal(c.event("purchase"), Duration(120, "days"))}, "goal", "at most 90 days"),
    ({"exit": "on_conversion"}, "exit", "has a goal"),
    ({"exit": "whenever"}, "exit", "unknown exit option"),
    ({"schedule": Schedule("2026-11-02T09:00:00+00:00", "2026-11-01T09:00:00+00:00")}, "schedule", "not after the start"),
    ({"schedule": Schedule("tomorrow")}, "schedule", "ISO 8601"),
    ({"timezone": "Atlantis/Capital"}, "timezone", "unknown time zone"),
    ({"start": "yesterday"}, "trigger", "start audience"),
])
def test_campaign_settings_rules(change, rule, fragment):
    campaign = good()
    campaign.set(**change)
    problems = validate(campaign)
    assert [p.rule for p in problems] == [rule], problems
    assert fragment in problems[0].message and problems[0].extra["block"] is None


def test_webhook_campaigns_refuse_person_only_blocks():
    campaign = good()
    campaign.set(trigger=WebhookTrigger())
    campaign.workflow.set_block_settings("email", {"email": "Welcome"})
    assert rules(campaign) == [("block-not-allowed", "email")]


def test_message_conditions_naming_a_missing_block():
    campaign = good()
    cond = {"message": {"type": "email", "message_ref": "email-gone", "status": "opened", "mode": "has_ever"}}
    campaign.workflow.set_block_settings("email", {"email": "Welcome", "action_conditions": cond})
    assert rules(campaign) == [("unknown-message", "email")]
    cond["message"]["message_ref"] = "email"
    campaign.workflow.set_block_settings("email", {"email": "Welcome", "action_conditions": cond})
    assert rules(campaign) == []


def test_block_ids_notes_and_empty_workflows():
    campaign = good()
    campaign.workflow.add_block(new_block("exit", "bad id!"))
    campaign.workflow.connect("email", "bad id!")
    campaign.workflow.notes["n"] = Note("n", "hi", "yellow", "ghost", Position())
    assert rules(campaign) == [("block-id", "bad id!"), ("note-dangling", None)]
    assert [p.rule for p in validate(Campaign(settings=good().settings))] == ["workflow-empty"]


def test_workspace_references(tmp_path):
    from engine.sample import create_sample
    from engine.store import Workspace

    campaign = good()
    campaign.set(trigger=SegmentTrigger(c.all_of(c.in_segment("Signed up"), c.in_segment("Nobody"), c.in_segment(999))))
    campaign.workflow.set_block_settings("email", {"email": "No such email"})
    with Workspace.open(tmp_path / "w.db") as ws:
        create_sample(ws, people=1)
        got = [(p.rule, p.extra["path"]) for p in validate(campaign, ws)]
    assert got == [("message-no-content", "workflow.blocks[1].settings.email"),
                   ("unknown-segment", "settings.trigger.conditions.and[1].segment.name"),
                   ("unknown-segment", "settings.trigger.conditions.and[2].segment.id")]


def test_validation_of_a_loaded_file_with_every_kind_of_problem_does_not_raise():
    doc = {"format": "campaign-studio/campaign", "version": 1, "name": "Broken",
           "settings": {"trigger": {"type": "event", "event": ""}, "exit": "never"},
           "workflow": {"blocks": [{"id": "a", "type": "exit"}, {"id": "a2", "type": "random_cohort", "settings": {"paths": []}}],
                        "edges": [{"from": "a", "to": "a2"}, {"from": "a2", "to": "a", "path": "zzz"}]}}
    problems = validate(load_campaign(doc))
    assert {"trigger", "exit-not-last", "cohort-total", "unreachable", "loop"} <= {p.rule for p in problems} | {"cohort-total"}
    assert all(p.message for p in problems)


def test_an_empty_segment_trigger_is_a_problem():
    campaign = good()
    campaign.set(trigger=SegmentTrigger())
    problems = validate(campaign)
    assert [(p.rule, p.extra["path"], p.severity) for p in problems] == \
        [("trigger-empty", "settings.trigger.conditions", Severity.ERROR)]


def test_a_linked_email_that_cannot_be_sent_is_a_problem_of_its_block(tmp_path):
    """No From and no Subject are the email's blocking problems, so the campaign's too; a blank To is
    Customer.io's default recipient {{customer.email}} and is not one."""
    from engine.delivery.envelope import DEFAULT_TO, Envelope
    from engine.store import Workspace

    assert [p.message for p in Envelope().problems()] == ["From is required", "Subject is required"]
    assert Envelope().recipient == DEFAULT_TO == "{{customer.email}}"
    campaign = good()
    with Workspace.open(tmp_path / "w.db") as ws:
        ws.people.add_segment("Signed up", {"and": []})
        info = ws.files.create_email("Welcome", source="<x-base></x-base>")
        got = [(p.rule, p.extra["block"], p.extra["field"], p.message) for p in validate(campaign, ws)]
        assert got == [
            ("message-envelope", "email", "from", "Email (email): email 'Welcome': From is required"),
            ("message-envelope", "email", "subject", "Email (email): email 'Welcome': Subject is required"),
        ]
        ws.files.update_email(info.id, subject="Welcome!", envelope={"from": "hi@example.com", "to": ""})
        assert validate(campaign, ws) == []
