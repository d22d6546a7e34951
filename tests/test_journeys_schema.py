"""The JSON Schema under resources/schemas/ matches the loader, accepts the samples and rejects bad files.

jsonschema isn't installed, so a small checker for the keywords the schema
uses (type, const, properties, required, additionalProperties, items,
anyOf, oneOf, pattern, $ref) stands in; it is exact for those keywords.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.journeys.schema import schema_text

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "resources" / "schemas" / "campaign.schema.json"
SAMPLES = sorted((ROOT / "resources" / "sample" / "campaigns").glob("*.campaign.json"))
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def errors(value, schema, root, path="$") -> list[str]:
    if "$ref" in schema:
        return errors(value, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root, path)
    out: list[str] = []
    kind = schema.get("type")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = kind is None or isinstance(value, TYPES[kind])
    if not ok:
        return [f"{path}: expected {kind}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{path}: expected {schema['const']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        out.append(f"{path}: does not match {schema['pattern']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{path}.{k}: required" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            if key in props:
                out += errors(item, props[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{path}.{key}: not allowed")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            out += errors(item, schema["items"], root, f"{path}[{i}]")
    if "anyOf" in schema and not any(not errors(value, s, root, path) for s in schema["anyOf"]):
        out.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema:
        matches = sum(not errors(value, s, root, path) for s in schema["oneOf"])
        if matches != 1:
            out.append(f"{path}: matches {matches} of oneOf")
    return out


@pytest.fixture(scope="module")
def schema():
    return json.loads(SCHEMA_FILE.read_text())


def test_the_schema_file_is_the_generated_one():
    assert SCHEMA_FILE.read_text() == schema_text(), "regenerate: python -m engine.journeys.schema > resources/schemas/campaign.schema.json"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_conform(schema, path):
    assert errors(json.loads(path.read_text()), schema, schema) == []


def test_recipes_conform(schema):
    from engine.journeys import dump_campaign
    from tests.test_journeys_recipes import RECIPES

    for build in RECIPES:
        assert errors(dump_campaign(build()), schema, schema) == [], build.__name__


def test_every_block_type_example_conforms(schema):
    from engine.journeys import Campaign, TRIGGER, dump_campaign, new_block
    from tests.test_journeys_blocks import CONFIGURED

    campaign = Campaign()
    for type_id, settings in CONFIGURED.items():
        campaign.workflow.add_block(new_block(type_id, type_id.replace("_", "-"), settings=settings))
    doc = dump_campaign(campaign)
    assert errors(doc, schema, schema) == []
    assert TRIGGER not in campaign.workflow.blocks


@pytest.mark.parametrize("edit, where", [
    (lambda d: d["workflow"]["blocks"][0].__setitem__("type", "fax"), "$.workflow.blocks[0]"),
    (lambda d: d["workflow"]["blocks"][0]["settings"].__setitem__("colour", "red"), "$.workflow.blocks[0]"),
    (lambda d: d["settings"]["trigger"].__setitem__("type", "whenever"), "$.settings.trigger"),
    (lambda d: d["settings"].__setitem__("exit", 3), "$.settings.exit"),
    (lambda d: d["workflow"]["edges"][0].pop("to"), "$.workflow.edges[0].to"),
    (lambda d: d.__setitem__("version", 2), "$.version"),
])
def test_bad_documents_are_rejected(schema, edit, where):
    doc = json.loads(SAMPLES[0].read_text())
    edit(doc)
    found = errors(doc, schema, schema)
    assert any(e.startswith(where) for e in found), found
