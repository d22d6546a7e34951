"""The `transformers` object: App API shape, defaults, round trip, validation."""
import json
from pathlib import Path

import pytest

from engine.problems import ProblemError, Severity
from engine.transformers import TransformerSettings
from engine.transformers.settings import UrlParameter

# The contract's `Transformers` schema, copied under tests/data so the test
# runs on any clone; the spec itself sits beside the repository (../shared/spec).
SCHEMA_COPY = Path(__file__).parent / "data" / "transformers" / "api_contract_transformers.json"
CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "spec" / "app-api-contract.json"


def _schema_defaults(schema: dict) -> dict:
    out = {}
    for name, prop in schema["properties"].items():
        if prop.get("type") == "object":
            out[name] = _schema_defaults(prop)
        elif "default" in prop:
            out[name] = prop["default"]
        elif prop.get("type") == "array":
            out[name] = []
    return out


def test_complete_json_matches_the_api_contract_field_for_field():
    schema = json.loads(SCHEMA_COPY.read_text())["Transformers"]
    assert TransformerSettings().to_json(complete=True) == _schema_defaults(schema)


@pytest.mark.skipif(not CONTRACT.exists(), reason="the spec is not checked out beside the repository")
def test_the_copied_schema_is_the_contract_s():
    contract = json.loads(CONTRACT.read_text())["sharedSchemas"]["Transformers"]
    assert json.loads(SCHEMA_COPY.read_text())["Transformers"] == contract


def test_partial_api_payload_round_trips_unchanged():
    payload = {"css_inliner": {"enabled": True}, "formatter": {"type": "minify"}}
    assert TransformerSettings.from_json(payload).to_json() == payload


def test_complete_payload_round_trips_unchanged():
    full = TransformerSettings().to_json(complete=True)
    full["url_parameters"] = {"enabled": True, "parameters": [{"key": "utm_source", "value": "x", "url_encode": False}]}
    full["remove_unused_css"]["whitelist"] = [".ExternalClass*", "#outlook"]
    assert TransformerSettings.from_json(full).to_json(complete=True) == full
    assert TransformerSettings.from_json(full).to_json() == full


def test_defaults_are_the_documented_ones():
    s = TransformerSettings()
    assert not s.css_inliner.enabled and s.css_inliner.preserve_media_queries and s.css_inliner.remove_style_tags
    assert s.formatter.type == "none" and s.formatter.minify.line_length_limit == 500
    assert s.formatter.minify.remove_html_comments == "0" and s.formatter.prettify.indent_size == 2
    assert s.accessibility.add_role_to_tables and s.accessibility.language == ""
    assert [(m.heads, m.tails) for m in s.remove_unused_css.backend_markers] == [("", ""), ("{%", "%}")]


def test_switching_off_and_on_keeps_sub_options():
    s = TransformerSettings()
    s.css_inliner.enabled = True
    s.css_inliner.preserve_media_queries = False
    s.formatter.type = "prettify"
    s.formatter.prettify.indent_character = "tabs"
    s.formatter.minify.remove_line_breaks = True
    stored = s.to_json()
    s2 = TransformerSettings.from_json(stored)  # stored per message, read back
    s2.css_inliner.enabled = False
    s2.formatter.type = "none"
    s3 = TransformerSettings.from_json(s2.to_json())
    s3.css_inliner.enabled = True
    s3.formatter.type = "minify"
    assert s3.css_inliner.preserve_media_queries is False
    assert s3.formatter.prettify.indent_character == "tabs"
    assert s3.formatter.minify.remove_line_breaks is True


def test_new_url_parameter_rows_write_every_field():
    s = TransformerSettings()
    s.url_parameters.parameters.append(UrlParameter("utm_campaign", "spring"))
    assert s.to_json() == {"url_parameters": {"parameters": [{"key": "utm_campaign", "value": "spring", "url_encode": True}]}}


def test_problems_name_the_field_path():
    _, problems = TransformerSettings.from_json_with_problems(
        {
            "formatter": {"type": "pretty", "prettify": {"indent_size": "2"}},
            "css_inliner": {"enabled": "yes"},
            "colour": {},
        }
    )
    fields = {p.extra["field"] for p in problems}
    assert fields == {
        "transformers.formatter.type",
        "transformers.formatter.prettify.indent_size",
        "transformers.css_inliner.enabled",
        "transformers.colour",
    }
    assert all(p.message.startswith(p.extra["field"]) for p in problems)


def test_bad_values_keep_defaults_on_the_lenient_path_and_raise_on_the_strict_one():
    settings, _ = TransformerSettings.from_json_with_problems({"formatter": {"type": 3, "minify": {"line_length_limit": -1}}})
    assert settings.formatter.type == "none"
    with pytest.raises(ProblemError) as err:
        TransformerSettings.from_json({"formatter": {"minify": {"line_length_limit": -1}}})
    assert "line_length_limit" in err.value.problems[0].message


def test_duplicate_url_parameter_keys_warn_and_empty_keys_fail():
    _, problems = TransformerSettings.from_json_with_problems(
        {"url_parameters": {"parameters": [{"key": "a", "value": "1"}, {"key": "a", "value": "2"}, {"key": " "}]}}
    )
    by_field = {p.extra["field"]: p.severity for p in problems}
    assert by_field["transformers.url_parameters.parameters[1].key"] is Severity.WARNING
    assert by_field["transformers.url_parameters.parameters[2].key"] is Severity.ERROR


def test_settings_file_syntax_errors_carry_line_and_column():
    _, problems = TransformerSettings.loads('{\n  "formatter": {"type": "minify",}\n}', filename="t.json")
    assert problems[0].line == 2 and problems[0].column > 1 and problems[0].file == "t.json"
