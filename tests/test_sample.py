"""The sample workspace: what a new user finds on first run, generated deterministically."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from engine.sample import create_sample, generate_people
from engine.store import Workspace

ROOT = Path(__file__).resolve().parents[1]


def test_generator_is_deterministic():
    a = list(generate_people(50, seed=3))
    b = list(generate_people(50, seed=3))
    c = list(generate_people(50, seed=4))
    assert a == b
    assert a != c


def test_people_have_the_documented_attributes_and_90_days_of_events():
    people = list(generate_people(300))
    for person, events in people:
        attrs = person["attributes"]
        assert {"first_name", "email", "plan", "country", "created_at", "timezone"} <= set(attrs)
        assert events[0]["name"] == "signed_up"
        assert all(e["name"] in {"signed_up", "added_to_cart", "purchased"} for e in events)
    names = {e["name"] for _, events in people for e in events}
    assert names == {"signed_up", "added_to_cart", "purchased"}
    stamps = [e["timestamp"] for _, events in people for e in events]
    assert (max(stamps) - min(stamps)).days >= 80


def test_init_sample_command_creates_the_workspace(tmp_path):
    db = tmp_path / "sample.db"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "init-sample", "--workspace", str(db)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1,000 people" in done.stdout
    with Workspace.open(db) as ws:
        assert ws.people.count() == 1000
        assert ws.people.event_count("signed_up") == 1000
        assert ws.people.event_count("added_to_cart") > 500
        assert ws.people.event_count("purchased") > 200
        emails = [f for f in ws.files.all() if f.kind == "email"]
        assert {"Welcome", "Abandoned cart", "Newsletter"} <= {e.name for e in emails}
        components = [f for f in ws.files.all() if f.kind == "component"]
        assert [c.tag for c in components] == ["promo-card"]
        campaigns = ws.campaigns.list()
        assert sorted(c.name for c in campaigns) == ["Abandoned cart", "Welcome series"]
        styles = ws.styles.get()
        assert {c["name"] for c in styles["colors"]} >= {"brand", "ink"}
        # Every email block of the campaigns points at a real email of the workspace.
        for campaign in campaigns:
            for block in campaign.workflow["blocks"]:
                if block["type"] == "email":
                    assert ws.files.email(block["settings"]["email_id"]).kind == "email"
        assert all(f.used_in for f in emails if f.name in ("Welcome", "Abandoned cart"))


def test_sample_emails_use_the_standard_components(tmp_path):
    with Workspace.open(tmp_path / "s.db") as ws:
        create_sample(ws, people=5)
        newsletter = next(f for f in ws.files.all() if f.name == "Newsletter")
        source = ws.files.source(newsletter.ref)
    for tag in ("x-base", "x-section", "x-heading-1", "x-paragraph", "x-cta", "x-image", "x-row", "x-column"):
        assert f"<{tag}" in source
    assert source.count("<x-") >= 30


def test_sample_refuses_a_workspace_that_has_files(tmp_path):
    import pytest

    with Workspace.open(tmp_path / "s.db") as ws:
        ws.files.create_email("Mine")
        with pytest.raises(ValueError, match="not empty"):
            create_sample(ws, people=1)
        assert [f.name for f in ws.files.all()] == ["Mine"]


def test_sample_custom_font_url_is_a_real_google_fonts_stylesheet():
    """The sample once appended `.css` to Google's query (`display=swap.css`) to satisfy the validator."""
    import json

    from engine.styles import GlobalStyles

    data = json.loads((ROOT / "resources" / "sample" / "global-styles.json").read_text())
    url = next(f["url"] for f in data["fonts"] if f["kind"] == "custom")
    assert url == "https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap"
    assert GlobalStyles.from_json(data).problems == []
    data["fonts"][1]["url"] = "https://cdn.example/inter.css?v=2"
    assert GlobalStyles.from_json(data).problems == []
    data["fonts"][1]["url"] = "https://cdn.example/inter.woff2"
    assert [p.extra["path"] for p in GlobalStyles.from_json(data).problems] == ["fonts[1].url"]
