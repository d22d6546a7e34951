"""Global styles: JSON load/save, reference resolution, validation with field paths."""
from __future__ import annotations

import json

import pytest

from engine.problems import ProblemError
from engine.styles import GlobalStyles
from tests.test_compiler_support import SAMPLE_STYLES


def sample() -> dict:
    return json.loads(SAMPLE_STYLES.read_text())


def test_sample_loads_clean_and_round_trips(tmp_path):
    styles = GlobalStyles.load(SAMPLE_STYLES)
    assert styles.problems == []
    assert [c.name for c in styles.colors][:2] == ["brand", "ink"]
    out = tmp_path / "s.json"
    styles.save(out)
    again = GlobalStyles.load(out)
    assert again.to_json() == styles.to_json()
    assert again.components["button"]["border-radius"] == "globalStyles.radii.pill_r6q8w3"


def test_references_resolve_by_id_then_name():
    styles = GlobalStyles.from_json(sample())
    assert styles.resolve("globalStyles.colors.brand_k7d1q2") == "#5B3FD9"
    assert styles.resolve("globalStyles.colors.renamed_k7d1q2") == "#5B3FD9"  # renamed variable, same id
    assert styles.resolve("globalStyles.colors.ink") == "#1F2330"
    assert styles.resolve("globalStyles.radii.pill_r6q8w3") == 24
    assert styles.resolve("globalStyles.fonts.body_f1b7c3") == "Helvetica, Arial, sans-serif"
    assert styles.resolve("globalStyles.fonts.display_f8d2e6").startswith("Inter, 'Helvetica Neue'")
    with pytest.raises(KeyError):
        styles.resolve("globalStyles.colors.gone_zzz")


def test_opacity_below_100_becomes_rgba():
    data = sample()
    data["colors"][0]["opacity"] = 50
    assert GlobalStyles.from_json(data).resolve("globalStyles.colors.brand_k7d1q2") == "rgba(91,63,217,0.5)"


def test_defaults_resolve_nested_objects():
    d = GlobalStyles.from_json(sample()).defaults("paragraph")
    assert d["color"] == {"light": "#1F2330", "dark": "#E8E6F0"}
    assert d["font-size"] == {"small": 16, "medium": 16}


def test_validation_problems_carry_the_field_path():
    data = sample()
    data["colors"][2]["value"] = "blue"  # "paper": referenced by no component
    data["components"]["paragraph"]["colour"] = "#000"
    data["components"]["links"]["color"] = {"light": "#000", "night": "#fff"}
    data["components"]["button"]["background"] = "globalStyles.colors.missing_000"
    data["fonts"][1]["url"] = "https://fonts.example/inter"
    styles = GlobalStyles.from_json(data, file="s.json")
    paths = {p.extra["path"] for p in styles.problems}
    assert paths == {"colors[2].value", "components.paragraph.colour", "components.links.color",
                     "components.button.background", "fonts[1].url"}
    assert all(p.file == "s.json" and p.message.startswith(p.extra["path"]) for p in styles.problems)
    assert len(styles.colors) == 5  # the valid variables survive


def test_bad_json_raises_with_line_and_column(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "colors": [\n    {"id": "a",}\n  ]\n}')
    with pytest.raises(ProblemError) as exc:
        GlobalStyles.load(bad)
    [p] = exc.value.problems
    assert (p.file, p.line) == (str(bad), 3) and p.column > 0 and "invalid JSON" in p.message


def test_custom_font_stack_must_contain_the_family():
    data = sample()
    data["fonts"][1]["stack"] = "Helvetica, sans-serif"
    assert [p.extra["path"] for p in GlobalStyles.from_json(data).problems] == ["fonts[1].stack"]


def test_a_deleted_variable_breaks_only_its_references():
    data = sample()
    del data["colors"][1]  # "ink", used by paragraph and headings
    paths = {p.extra["path"] for p in GlobalStyles.from_json(data).problems}
    assert paths == {"components.paragraph.color", "components.heading-1.color", "components.heading-2.color"}
