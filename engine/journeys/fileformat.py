"""The `*.campaign.json` file format, version 1 (schema: resources/schemas/campaign.schema.json).

    {
      "format": "campaign-studio/campaign", "version": 1,
      "name": "Welcome series", "description": "…", "tags": ["onboarding"],
      "settings": {                       # CampaignSettings (settings.py)
        "trigger": {"type": "segment", "conditions": {…condition tree…}},
        "filters": {…}, "frequency": {"mode": "once"}, "start": "future_additions",
        "goal": {"conditions": {…}, "window": {"amount": 14, "unit": "days"}},
        "exit": "stop_matching", "schedule": {"start": ISO, "stop": ISO, "stop_mode": "finish"},
        "timezone": "person", "fallback_timezone": "UTC", "messages": {…}
      },
      "workflow": {
        "blocks": [{"id", "type", "name", "settings": {…per type…}, "position": {"x", "y"}}],
        "edges":  [{"from": "trigger"|block id, "to": block id, "path"?: output id}],
        "notes":  [{"id", "text", "color", "block"?, "position"}]
      }
    }

Decisions:
- `settings` and `workflow` are the two JSON documents the workspace store
  keeps per campaign (`campaign_to_parts` / `campaign_from_parts`), so a file
  and a database row hold the same text;
- references are portable in files — an email block may name its Design
  Studio email (`"email": "Welcome"`) and a segment condition its segment
  (`{"segment": {"name": "Signed up", "in": true}}`); inside a workspace they
  are ids (`email_id`, `segment.id`);
- canonical output omits optional values equal to their defaults and sorts
  edges (by source block, then path), so equal campaigns give equal JSON;
- a newer `version` is refused with a clear message instead of being half-read;
  older versions go through `MIGRATIONS` (none yet).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from engine.journeys.errors import CampaignFormatError, FormatError, join
from engine.journeys.model import Campaign, Workflow
from engine.journeys.records import describe
from engine.journeys.settings import CampaignSettings
from engine.problems import Problem

FORMAT = "campaign-studio/campaign"
VERSION = 1
SUFFIX = ".campaign.json"
#: version -> function upgrading a document of that version to the next one
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def dump_campaign(campaign: Campaign) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "name": campaign.name,
        "description": campaign.description,
        "tags": list(campaign.tags),
        "settings": campaign.settings.to_json(),
        "workflow": campaign.workflow.to_json(),
    }


def load_campaign(source: str | Path | dict, *, file: str = "") -> Campaign:
    """A campaign from a file path, JSON text or an already parsed document.

    Raises `CampaignFormatError` whose problems carry the file, the JSON path
    of the bad field and, for files, its line and column.
    """
    text = None
    if isinstance(source, Path) or (isinstance(source, str) and not source.lstrip().startswith("{")):
        file = file or str(source)
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise CampaignFormatError([Problem(f"can't read the file: {exc.strerror or exc}", rule="campaign-format", file=file)]) from None
    elif isinstance(source, str):
        text = source
    if text is not None:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CampaignFormatError([Problem(f"invalid JSON: {exc.msg}", exc.lineno, exc.colno, rule="campaign-format", file=file)]) from None
    else:
        data = source
    try:
        return campaign_from_document(data)
    except FormatError as exc:
        line, column = locate(text, exc.path) if text else (0, 0)
        raise CampaignFormatError([Problem(str(exc), line, column, rule="campaign-format", file=file, extra={"path": exc.path})]) from None


def campaign_from_document(data: Any) -> Campaign:
    if not isinstance(data, dict):
        raise FormatError("", f"a campaign file holds an object, got {describe(data)}")
    if data.get("format") != FORMAT:
        raise FormatError("format", f"not a campaign file (expected \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError("version", f"expected a version number, got {describe(version)}")
    if version > VERSION:
        raise FormatError("version", f"written by a newer Campaign Studio (format version {version}; this one reads up to {VERSION})")
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    extra = set(data) - {"format", "version", "name", "description", "tags", "settings", "workflow"}
    if extra:
        key = sorted(extra)[0]
        raise FormatError(key, f"unknown key {key!r}")
    name = data.get("name", "Untitled")
    if not isinstance(name, str):
        raise FormatError("name", f"expected a string, got {describe(name)}")
    description = data.get("description", "")
    if not isinstance(description, str):
        raise FormatError("description", f"expected a string, got {describe(description)}")
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise FormatError("tags", "expected an array of strings")
    return campaign_from_parts(name, data.get("settings", {}), data.get("workflow", {}), description=description, tags=tags)


def campaign_from_parts(name: str, settings: dict, workflow: dict, *, description: str | None = None,
                        tags: list[str] | None = None) -> Campaign:
    """A campaign from the store's two JSON documents (the store keeps description and tags in settings)."""
    settings = dict(settings or {})
    description = settings.pop("description", "") if description is None else description
    tags = settings.pop("tags", []) if tags is None else tags
    settings.pop("description", None)
    settings.pop("tags", None)
    return Campaign(name, description, tags, CampaignSettings.from_json(settings, "settings"),
                    Workflow.from_json(workflow or {}, "workflow"))


def campaign_to_parts(campaign: Campaign) -> tuple[str, dict, dict]:
    """`(name, settings, workflow)` for the store, description and tags folded into settings."""
    settings = {**campaign.settings.to_json(), "description": campaign.description, "tags": list(campaign.tags)}
    return campaign.name, settings, campaign.workflow.to_json()


def save_campaign(campaign: Campaign, path: str | Path) -> None:
    Path(path).write_text(format_json(dump_campaign(campaign)) + "\n", encoding="utf-8")


def format_json(value: Any, indent: int = 0, width: int = 110) -> str:
    """Indented JSON that keeps small objects on one line, so a block reads as one line or a few."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(flat) + indent <= width or not isinstance(value, (dict, list)) or not value:
        return flat
    pad = " " * (indent + 2)
    if isinstance(value, list):
        items = [pad + format_json(v, indent + 2, width) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {format_json(v, indent + 2, width)}" for k, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


def locate(text: str | None, path: str) -> tuple[int, int]:
    """Line and column (1-based) of the value at a JSON path like `workflow.blocks[2].settings.amount`.

    A small scanner over the JSON text, good enough for files this app writes
    and for hand edits; (0, 0) when the path can't be followed.
    """
    if not text or not path:
        return (0, 0)
    steps: list[str | int] = []
    for part in path.replace("]", "").split("."):
        name, *indexes = part.split("[")
        if name:
            steps.append(name)
        steps.extend(int(i) for i in indexes if i.isdigit())
    try:
        pos = _walk(text, _skip_ws(text, 0), steps)
    except (IndexError, ValueError):
        return (0, 0)
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def _skip_ws(text: str, i: int) -> int:
    while text[i] in " \t\r\n":
        i += 1
    return i


def _skip_value(text: str, i: int) -> int:
    decoder = json.JSONDecoder()
    _, end = decoder.raw_decode(text, i)
    return end


def _walk(text: str, i: int, steps: list[str | int]) -> int:
    for step in steps:
        if isinstance(step, int):
            if text[i] != "[":
                raise ValueError
            i = _skip_ws(text, i + 1)
            for _ in range(step):
                i = _skip_ws(text, _skip_value(text, i))
                if text[i] != ",":
                    raise ValueError
                i = _skip_ws(text, i + 1)
        else:
            if text[i] != "{":
                raise ValueError
            i = _skip_ws(text, i + 1)
            while True:
                key, end = json.JSONDecoder().raw_decode(text, i)
                i = _skip_ws(text, end)
                i = _skip_ws(text, i + 1)  # past ':'
                if key == step:
                    key_start = i
                    break
                i = _skip_ws(text, _skip_value(text, i))
                if text[i] != ",":
                    raise ValueError
                i = _skip_ws(text, i + 1)
            i = key_start
    return i
