"""Campaign validation: every problem, each with the block it concerns.

`validate(campaign, workspace=None)` never stops at the first problem; the
canvas lists them all ("Review items") and focuses a block from
`Problem.extra["block"]`. `Problem.extra["path"]` is the JSON path in the
campaign document (`workflow.blocks[2].settings.url`), `Problem.rule` a stable
id tests and filters use:

    block-unconfigured   a block still has work to do (spec §4.2)
    message-no-content   a message block without content, or (with a workspace) linked to no email
    message-envelope     (with a workspace) the linked email can't be sent: no From or no Subject
                         (the email's own blocking envelope problems; a blank To is the default
                         recipient {{customer.email}}, as in Customer.io, so it is not one)
    trigger-empty        a segment trigger without any condition: nobody would enter
    wait-until-no-path   a wait-until with neither a condition path nor an event time
    block-settings       a settings value is wrong (unknown method, bad condition …)
    cohort-total         random cohort percentages don't add up to 100
    branch-path-empty    a path of a branching block leads nowhere (end it with an Exit block)
    loop                 blocks lead back to themselves
    unreachable          no path from the trigger leads to the block
    exit-not-last        something follows an Exit block
    edge-dangling / edge-path / edge-duplicate   edges naming missing blocks, unknown paths, or a path twice
    block-id             an id the format does not allow
    block-not-allowed    a block the trigger's campaign type can't run (webhook campaigns, §8.6)
    unknown-message      a message condition naming a block that is not a message of this campaign
    unknown-segment      (with a workspace) a segment id or name that does not exist
    trigger-not-in-only  a trigger made only of "not in segment" conditions (§5.2)
    trigger / filters / frequency / goal / exit / schedule / timezone / messages   campaign settings
    note-dangling        a sticky note linked to a missing block
    workflow-empty       a campaign with no blocks

Problems about structure a marketer can still save (an empty branch path, an
unreachable block) are warnings; the rest are errors that block starting.
"""
from __future__ import annotations

from typing import Any, Iterable

from engine.journeys import conditions as cond
from engine.journeys.blocks import BLOCK_ID, TRIGGER, UNCONFIGURED, Block
from engine.journeys.blocks_flow import RandomCohortSettings
from engine.journeys.errors import join
from engine.journeys.model import Campaign
from engine.journeys.settings import EXITS, START_AUDIENCES
from engine.journeys.timezones import timezone_problems
from engine.problems import Problem, Severity

ERROR, WARNING = Severity.ERROR, Severity.WARNING


class _Report:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def add(self, rule: str, message: str, *, block: str | None = None, path: str = "",
            severity: Severity = ERROR, **extra: Any) -> None:
        self.problems.append(Problem(message, severity=severity, rule=rule, file=self.file,
                                     extra={"block": block, "path": path, **extra}))


def validate(campaign: Campaign, workspace=None, *, file: str = "") -> list[Problem]:
    report = _Report(file)
    _check_settings(campaign, report)
    _check_blocks(campaign, report)
    _check_graph(campaign, report)
    if workspace is not None:
        _check_references(campaign, workspace, report)
    return report.problems


# ---- campaign settings -------------------------------------------------------------

def _issues(report: _Report, rule: str, issues: Iterable[tuple], prefix: str = "settings") -> None:
    for path, message, *specific in issues:
        report.add(specific[0] if specific else rule, f"{path}: {message}", path=join(prefix, path) if prefix else path)


def _check_settings(campaign: Campaign, report: _Report) -> None:
    s = campaign.settings
    trigger = s.trigger
    for path, message in trigger.problems("trigger"):
        rule = "trigger-not-in-only" if "'not in segment'" in message else \
            "trigger-empty" if message.startswith("add a condition") else "trigger"
        report.add(rule, f"{path}: {message}", path=join("settings", path))
    if s.filters is not None and not cond.is_empty(s.filters):
        if not trigger.HAS_FILTERS:
            report.add("filters", f"filters: a {trigger.LABEL.lower()} trigger has no filters; fold them into the trigger conditions",
                       path="settings.filters")
        else:
            _issues(report, "filters", s.filters.problems("filters") + cond.context_problems(s.filters, "filters", "filters"))
    if s.frequency is not None:
        _issues(report, "frequency", s.frequency.problems("frequency", trigger.TYPE))
    if s.start not in START_AUDIENCES:
        report.add("trigger", f"start: unknown start audience {s.start!r} (use {', '.join(START_AUDIENCES)})", path="settings.start")
    if s.goal is not None:
        if trigger.TYPE == "webhook":
            report.add("goal", "goal: webhook campaigns have no people, so no conversion goal", path="settings.goal")
        _issues(report, "goal", s.goal.problems("goal"))
    if s.exit not in EXITS:
        report.add("exit", f"exit: unknown exit option {s.exit!r} (use {', '.join(EXITS)})", path="settings.exit")
    elif "conversion" in s.exit and s.goal is None:
        report.add("exit", "exit: people can only exit on conversion when the campaign has a goal", path="settings.exit")
    if s.schedule is not None:
        _issues(report, "schedule", s.schedule.problems("schedule"))
    _issues(report, "timezone", timezone_problems(s.timezone, "timezone", allow_person=True)
            + timezone_problems(s.fallback_timezone, "fallback_timezone"))
    _issues(report, "messages", s.messages.problems("messages"))


# ---- blocks ------------------------------------------------------------------------

def _check_blocks(campaign: Campaign, report: _Report) -> None:
    wf = campaign.workflow
    if not wf.blocks:
        report.add("workflow-empty", "The workflow has no blocks yet: add one from the build menu", severity=WARNING, path="workflow.blocks")
    message_blocks = {b.id for b in wf.blocks.values() if b.kind.group == "Messages"}
    for index, block in enumerate(wf.blocks.values()):
        where = f"workflow.blocks[{index}]"
        label = _label(block)
        if not BLOCK_ID.match(block.id):
            report.add("block-id", f"{label}: the id {block.id!r} may use letters, digits, '-', '_', '.', ':' (64 at most)",
                       block=block.id, path=join(where, "id"))
        missing = block.missing()
        if block.type == "wait_until" and "Add a condition path" in missing:
            missing.remove("Add a condition path")
            report.add("wait-until-no-path", f"{label}: {UNCONFIGURED}: add a condition path or an event time",
                       block=block.id, path=join(where, "settings.paths"))
        rule = "message-no-content" if block.kind.group == "Messages" else "block-unconfigured"
        for item in missing:
            report.add(rule, f"{label}: {UNCONFIGURED}: {item}", block=block.id, path=join(where, "settings"))
        for path, message, *specific in block.settings.problems("settings"):
            rule = specific[0] if specific else ("cohort-total" if isinstance(block.settings, RandomCohortSettings)
                                                 and "add up to" in message else "block-settings")
            report.add(rule, f"{label}: {path}: {message}", block=block.id, path=join(where, path))
        if campaign.settings.trigger.TYPE == "webhook" and not block.kind.webhook_campaigns:
            report.add("block-not-allowed", f"{label}: webhook campaigns have no person, so they can't use {block.kind.label} blocks",
                       block=block.id, path=join(where, "type"))
        for sub, tree, _context in block.settings.condition_trees():
            for node_path, node in tree.walk(join(join(where, "settings"), sub)):
                if isinstance(node, cond.MessageCondition) and isinstance(node.message_ref, str) \
                        and node.message_ref != "any" and node.message_ref not in message_blocks:
                    report.add("unknown-message", f"{label}: {node_path}: no message block {node.message_ref!r} in this campaign",
                               block=block.id, path=join(node_path, "message_ref"))


def _label(block: Block) -> str:
    return f"{block.label!r} ({block.id})" if block.name else f"{block.kind.label} ({block.id})"


# ---- graph -------------------------------------------------------------------------

def _check_graph(campaign: Campaign, report: _Report) -> None:
    wf = campaign.workflow
    index = {b: i for i, b in enumerate(wf.blocks)}
    seen_paths: set[tuple[str, str | None]] = set()
    for i, edge in enumerate(wf.edges):
        where = f"workflow.edges[{i}]"
        block = edge.source if edge.source in wf.blocks else None
        if edge.source != TRIGGER and edge.source not in wf.blocks:
            report.add("edge-dangling", f"{where}: no block {edge.source!r} to start from", path=join(where, "from"))
            continue
        if edge.target not in wf.blocks:
            report.add("edge-dangling", f"{where}: no block {edge.target!r} to lead to", block=block, path=join(where, "to"))
            continue
        if edge.source != TRIGGER and wf.blocks[edge.source].type == "exit":
            src = wf.blocks[edge.source]
            report.add("exit-not-last", f"{_label(src)}: an Exit block ends its path, but {edge.target!r} follows it",
                       block=src.id, path=where)
            continue
        outputs = [p for p, _ in wf.outputs(edge.source)]
        if edge.path not in outputs:
            names = ", ".join("(none)" if p is None else repr(p) for p in outputs) or "none"
            report.add("edge-path", f"{where}: {edge.source!r} has no path {edge.path!r} (its paths: {names})",
                       block=block, path=join(where, "path"))
        if (edge.source, edge.path) in seen_paths:
            report.add("edge-duplicate", f"{where}: the path {edge.path!r} of {edge.source!r} leads to two blocks",
                       block=block, path=where)
        seen_paths.add((edge.source, edge.path))

    cycle = _find_cycle(campaign)
    if cycle:
        names = " → ".join(cycle + [cycle[0]])
        report.add("loop", f"The workflow loops: {names}; a journey must always move forward", block=cycle[0],
                   path=f"workflow.blocks[{index[cycle[0]]}]", blocks=cycle)

    reachable = wf.reachable()
    if wf.blocks and not wf.outgoing(TRIGGER):
        report.add("unreachable", "Nothing follows the trigger: connect the first block to it", severity=WARNING,
                   path="workflow.edges")
    for block in wf.blocks.values():
        if block.id not in reachable:
            report.add("unreachable", f"{_label(block)}: no path from the trigger leads here, so no one will reach it",
                       block=block.id, severity=WARNING, path=f"workflow.blocks[{index[block.id]}]")
        connected = {e.path for e in wf.outgoing(block.id)}
        outputs = block.outputs()
        if len(outputs) > 1 or (outputs and outputs[0][0] is not None):
            for path, label in outputs:
                if path not in connected:
                    report.add("branch-path-empty",
                               f"{_label(block)}: the path {label!r} has no blocks; add one, or an Exit block to end it",
                               block=block.id, severity=WARNING, path=f"workflow.blocks[{index[block.id]}]", output=path)
    for i, note in enumerate(wf.notes.values()):
        if note.block is not None and note.block not in wf.blocks:
            report.add("note-dangling", f"Note {note.id!r} is linked to a missing block {note.block!r}", severity=WARNING,
                       path=f"workflow.notes[{i}].block")


def _find_cycle(campaign: Campaign) -> list[str]:
    """The blocks of one loop, in order, or [] (iterative DFS, so deep workflows are fine)."""
    wf = campaign.workflow
    succ: dict[str, list[str]] = {}
    for e in wf.edges:
        if e.source in wf.blocks and e.target in wf.blocks:
            succ.setdefault(e.source, []).append(e.target)
    state: dict[str, int] = {}
    for start in wf.blocks:
        if state.get(start):
            continue
        stack = [(start, iter(succ.get(start, ())))]
        trail = [start]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
                trail.pop()
            elif state.get(nxt) == 1:
                return trail[trail.index(nxt):]
            elif not state.get(nxt):
                state[nxt] = 1
                trail.append(nxt)
                stack.append((nxt, iter(succ.get(nxt, ()))))
    return []


# ---- references into the workspace -------------------------------------------------

def _check_references(campaign: Campaign, workspace, report: _Report) -> None:
    emails = _workspace_emails(workspace)
    segments = _workspace_segments(workspace)
    for index, block in enumerate(campaign.workflow.blocks.values()):
        where = f"workflow.blocks[{index}].settings"
        if block.type == "email":
            s = block.settings
            variants = [("", s.email_id, s.email)]
            if s.ab_test is not None and ("email_id" in s.ab_test.variant_b or "email" in s.ab_test.variant_b):
                variants.append(("ab_test.variant_b.", s.ab_test.variant_b.get("email_id"), s.ab_test.variant_b.get("email")))
            for prefix, email_id, name in variants:
                if email_id is not None and email_id not in emails["ids"]:
                    report.add("message-no-content", f"{_label(block)}: email {email_id} does not exist in this workspace",
                               block=block.id, path=f"{where}.{prefix}email_id")
                elif email_id is None and name and name not in emails["names"]:
                    report.add("message-no-content", f"{_label(block)}: there is no email named {name!r} in this workspace",
                               block=block.id, path=f"{where}.{prefix}email")
                else:
                    found = email_id if email_id is not None else emails["by_name"].get(name)
                    if found is not None:
                        _envelope_problems(workspace, found, block, f"{where}.{prefix}email_id", report)
        for sub, tree, _ in block.settings.condition_trees():
            _segment_refs(tree, join(where, sub), segments, report, block.id)
    s = campaign.settings
    for key, tree in (("trigger.conditions", getattr(s.trigger, "conditions", None)), ("filters", s.filters),
                      ("goal.conditions", s.goal.conditions if s.goal else None)):
        if tree is not None:
            _segment_refs(tree, join("settings", key), segments, report, None)


def _segment_refs(tree, path: str, segments: dict, report: _Report, block: str | None) -> None:
    for node_path, node in tree.walk(path):
        if isinstance(node, cond.SegmentCondition):
            if node.id is not None and node.id not in segments["ids"]:
                report.add("unknown-segment", f"{node_path}: segment {node.id} does not exist in this workspace",
                           block=block, path=join(node_path, "id"))
            elif node.id is None and node.name and node.name not in segments["names"]:
                report.add("unknown-segment", f"{node_path}: there is no segment named {node.name!r}",
                           block=block, path=join(node_path, "name"))


def _envelope_problems(workspace, email_id: int, block: Block, path: str, report: _Report) -> None:
    """The linked email's blocking envelope problems, named after the block and the email."""
    from engine.delivery.envelope import Envelope

    try:
        row = workspace.files.email(email_id)
    except Exception:  # noqa: BLE001 - a row deleted meanwhile is reported as missing elsewhere
        return
    envelope = Envelope.from_row(row.subject, row.preheader, row.envelope)
    name = getattr(row, "name", "") or f"#{email_id}"
    for p in envelope.blocking_problems():
        report.add("message-envelope", f"{_label(block)}: email {name!r}: {p.message}", block=block.id, path=path,
                   field=p.extra.get("field"), email_id=email_id)


def _workspace_emails(workspace) -> dict:
    items = [f for f in workspace.files.all() if getattr(f, "kind", None) == "email"]
    return {"ids": {f.id for f in items}, "names": {f.name for f in items}, "by_name": {f.name: f.id for f in items}}


def _workspace_segments(workspace) -> dict:
    items = workspace.people.segments()
    return {"ids": {s.id for s in items}, "names": {s.name for s in items}}
