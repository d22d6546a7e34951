"""Client support against the shipped caniemail copy, and its refresh script's reduction."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from engine.checks import build, check_client_support
from engine.checks.client_support import DATA, feature
from engine.problems import Severity

ROOT = Path(__file__).resolve().parent.parent


def _by_slug(source: str):
    return {p.extra["slug"]: p for p in check_client_support(build(source, filename="e.html"))}


def test_shipped_data_is_dated_and_licensed():
    data = json.loads(DATA.read_text())
    assert data["copied"] and data["last_update_date"] and "caniemail" in data["source"]
    assert len(data["features"]) > 250
    assert "MIT" in (DATA.parent / "LICENSE").read_text()


def test_unsupported_css_names_the_clients_and_its_place():
    source = ('<html><head><title>t</title></head><body>\n'
              '<div style="display:flex;border-radius:8px">a</div>\n</body></html>')
    found = _by_slug(source)
    flex = found["css-display-flex"]
    assert flex.severity == Severity.WARNING
    assert any(name.startswith("Outlook") for name in flex.extra["unsupported"])
    assert "Outlook" in flex.message and (flex.line, flex.column) == (2, 1)
    assert "css-border-radius" in found


def test_style_block_features_are_placed_where_the_source_writes_them():
    source = ('<html><head><title>t</title><style>\n.a { color: red; }\n.b:hover { color: blue; }\n'
              '@media (prefers-color-scheme: dark) { .a { color: white; } }\n</style></head>'
              '<body><p class="a b">x</p></body></html>')
    found = _by_slug(source)
    assert (found["css-pseudo-class-hover"].line, found["css-pseudo-class-hover"].column) == (3, 3)
    dark = found["css-at-media-prefers-color-scheme"]
    assert any(name.startswith("Gmail") for name in dark.extra["unsupported"]) and dark.line == 4


def test_basics_and_supported_features_are_not_reported():
    found = _by_slug('<html><body><table><tr><td><p style="color:#333;font-size:16px">x</p></td></tr></table></body></html>')
    assert not {"html-table", "html-p", "css-color", "css-font-size"} & set(found)


def test_feature_lookup_groups_latest_results():
    f = feature("css-display-flex")
    assert f.unsupported and f.major_unsupported and f.url.startswith("https://www.caniemail.com/")
    assert feature("not-a-feature") is None


def test_refresh_reduces_to_latest_versions(tmp_path):
    spec = importlib.util.spec_from_file_location("refresh", ROOT / "resources" / "caniemail" / "refresh.py")
    refresh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(refresh)
    raw = {"api_version": "1", "last_update_date": "2026-01-01", "nicenames": {"family": {}, "platform": {}},
           "data": [{"slug": "css-x", "title": "x", "category": "css", "url": "u", "last_test_date": "d",
                     "notes_by_num": {"1": "n"},
                     "stats": {"outlook": {"windows": {"2007": "y", "2019": "n #1", "2016": "a"}}}}]}
    data = refresh.reduce(raw, "caniemail@9")
    assert data["features"]["css-x"]["support"]["outlook/windows"] == ["2019", "n", "1"]
    text = refresh.dump(data)
    assert json.loads(text)["features"]["css-x"]["title"] == "x"
