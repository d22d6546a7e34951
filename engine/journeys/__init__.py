"""Headless campaign model (issue 5): condition tree, blocks, campaign + workflow graph,
the `*.campaign.json` format and validation. No Qt here — the canvas listens to the
model's signals and drives it through its mutation methods.

    conditions   the shared segment-condition tree of spec §2
    blocks       every block of spec §8, its settings and the palette registry
    settings     campaign settings: trigger, filters, frequency, goal, exit, schedule …
    model        Campaign, Workflow (mutations, signals, copy/paste, tidy layout)
    fileformat   load_campaign / dump_campaign / save_campaign, store parts
    validate     validate(campaign, workspace=None) -> list[Problem]
"""
from engine.journeys.blocks import REGISTRY, TRIGGER, UNCONFIGURED, Block, new_block, palette
from engine.journeys.errors import CampaignFormatError, FormatError
from engine.journeys.fileformat import (
    FORMAT, VERSION, campaign_from_parts, campaign_to_parts, dump_campaign, load_campaign, save_campaign,
)
from engine.journeys.model import Campaign, Edge, ModelError, Note, RemovedBlock, Workflow
from engine.journeys.settings import CampaignSettings
from engine.journeys.validate import validate

__all__ = [
    "REGISTRY", "TRIGGER", "UNCONFIGURED", "Block", "new_block", "palette", "CampaignFormatError", "FormatError",
    "FORMAT", "VERSION", "campaign_from_parts", "campaign_to_parts", "dump_campaign", "load_campaign",
    "save_campaign", "Campaign", "Edge", "ModelError", "Note", "RemovedBlock", "Workflow", "CampaignSettings",
    "validate",
]
