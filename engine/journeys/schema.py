"""The JSON Schema of `*.campaign.json`, generated from the model's own codecs.

The schema file under `resources/schemas/` is produced by this module (run
`python -m engine.journeys.schema > resources/schemas/campaign.schema.json`)
and a test checks the two agree, so the documented format can never drift
from what `load_campaign` reads. The schema describes shapes; meaning
(known operators, percentages adding up) is `validate()`'s job, exactly as
for the loader.
"""
from __future__ import annotations

import dataclasses
import json
from typing import Any

from engine.journeys import conditions as cond
from engine.journeys import records as rec
from engine.journeys.blocks import REGISTRY
from engine.journeys.model import Note
from engine.journeys.settings import TRIGGERS, CampaignSettings, _TriggerCodec
from engine.journeys.values import Position

SCHEMA_ID = "https://campaign-studio.local/schemas/campaign.schema.json"


class _Builder:
    def __init__(self):
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict:
        return {"$ref": f"#/$defs/{name}"}

    def codec(self, codec: rec.Codec) -> dict:
        if codec is rec.STR:
            return {"type": "string"}
        if codec is rec.INT:
            return {"type": "integer"}
        if codec is rec.NUM:
            return {"type": "number"}
        if codec is rec.BOOL:
            return {"type": "boolean"}
        if codec is rec.OBJECT:
            return {"type": "object"}
        if codec is rec.ANY:
            return {}
        if codec is cond.CONDITION:
            return self.ref("condition")
        if isinstance(codec, _TriggerCodec):
            return self.ref("trigger")
        if isinstance(codec, rec.Optional):
            return {"anyOf": [self.codec(codec.inner), {"type": "null"}]}
        if isinstance(codec, rec.ListOf):
            return {"type": "array", "items": self.codec(codec.inner)}
        if isinstance(codec, rec.OneOf):
            return {"anyOf": [self.codec(c) for c in codec.codecs]}
        if isinstance(codec, rec.Nested):
            return self.record(codec.cls)
        raise TypeError(f"no schema for {codec!r}")

    def record(self, cls: type, name: str | None = None, extra: dict | None = None) -> dict:
        name = name or cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            props, required = dict(extra or {}), []
            for f in dataclasses.fields(cls):
                if "codec" not in f.metadata:
                    continue
                key = f.metadata["key"] or f.name
                props[key] = self.codec(f.metadata["codec"])
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    required.append(key)
            body = {"type": "object", "properties": props, "additionalProperties": False}
            if cls.__doc__:
                body["description"] = " ".join(cls.__doc__.split())
            if required:
                body["required"] = required
            self.defs[name] = body
        return self.ref(name)


def build_schema() -> dict:
    b = _Builder()
    leaves = {kind: b.record(cls, f"condition_{kind}") for kind, cls in cond.LEAF_KINDS.items()}
    b.defs["condition"] = {
        "description": "The shared condition tree (spec §2.2): one key naming the node's kind.",
        "oneOf": [
            {"type": "object", "properties": {"and": {"type": "array", "items": b.ref("condition")}},
             "required": ["and"], "additionalProperties": False},
            {"type": "object", "properties": {"or": {"type": "array", "items": b.ref("condition")}},
             "required": ["or"], "additionalProperties": False},
            {"type": "object", "properties": {"not": b.ref("condition")}, "required": ["not"], "additionalProperties": False},
            *({"type": "object", "properties": {kind: ref}, "required": [kind], "additionalProperties": False}
              for kind, ref in leaves.items()),
        ],
    }
    b.defs["trigger"] = {"oneOf": [
        b.record(cls, f"trigger_{type_id}", {"type": {"const": type_id}}) for type_id, cls in TRIGGERS.items()]}
    for type_id in TRIGGERS:
        b.defs[f"trigger_{type_id}"].setdefault("required", []).insert(0, "type")
    block_variants = []
    for type_id, kind in REGISTRY.items():
        settings = b.record(kind.settings, f"settings_{type_id}")
        block_variants.append({
            "type": "object",
            "description": f"{kind.label} ({kind.group})",
            "properties": {"id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"},
                           "type": {"const": type_id}, "name": {"type": "string"},
                           "settings": settings, "position": b.ref("Position")},
            "required": ["id", "type"], "additionalProperties": False,
        })
    b.record(Position)

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Campaign Studio campaign",
        "description": "A campaign file (*.campaign.json), format version 1. See engine/journeys/fileformat.py.",
        "type": "object",
        "properties": {
            "format": {"const": "campaign-studio/campaign"},
            "version": {"const": 1},
            "name": {"type": "string"},
            "description": {"type": "string"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "settings": b.record(CampaignSettings),
            "workflow": {
                "type": "object", "additionalProperties": False,
                "properties": {
                    "blocks": {"type": "array", "items": {"oneOf": block_variants}},
                    "edges": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["from", "to"],
                        "properties": {"from": {"type": "string", "description": "a block id or \"trigger\""},
                                       "to": {"type": "string"},
                                       "path": {"type": "string", "description": "the output of a branching block"}}}},
                    "notes": {"type": "array", "items": b.record(Note)},
                },
            },
        },
        "required": ["format", "version"],
        "additionalProperties": False,
        "$defs": dict(sorted(b.defs.items())),
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
