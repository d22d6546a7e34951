"""`main.py check` and `main.py render --transformers` as a user runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RETAILER = ROOT / "tests" / "data" / "transformers" / "retailer_newsletter.html"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_json_findings_have_exactly_the_contract_keys():
    run = _run("check", str(RETAILER), "--json", "--offline", "--no-spam")
    assert run.returncode == 0, run.stderr  # warnings only
    findings = json.loads(run.stdout)
    assert findings and all(set(f) == {"severity", "rule", "message", "line", "column"} for f in findings)
    assert {"warning", "info"} >= {f["severity"] for f in findings}
    assert any(f["rule"] == "images/alt" and f["line"] == 39 for f in findings)


def test_human_output_and_exit_status_1_on_errors(tmp_path):
    email = tmp_path / "broken.html"
    email.write_text("<x-base>\n<x-row :layout=\"[50,50]\"><x-column>a</x-column></x-row>\n</x-base>\n")
    run = _run("check", str(email), "--offline", "--no-spam")
    assert run.returncode == 1
    assert f"{email}:2:8: error: x-row layout has 2 values but the row has 1 x-column children [row-layout]" in run.stdout


def test_unreadable_input_exits_2_with_a_located_message(tmp_path):
    run = _run("check", str(tmp_path / "missing.html"), "--offline")
    assert run.returncode == 2 and "missing.html" in run.stderr and "Traceback" not in run.stderr
    bad = tmp_path / "t.json"
    bad.write_text('{"formatter": {"type": "minify",}}')
    run = _run("check", str(RETAILER), "--transformers", str(bad), "--offline")
    assert run.returncode == 2 and f"{bad}:1:" in run.stderr and "Traceback" not in run.stderr


def test_transformers_change_what_is_checked(tmp_path):
    settings = tmp_path / "t.json"
    settings.write_text(json.dumps({"accessibility": {"enabled": True}}))
    before = json.loads(_run("check", str(RETAILER), "--json", "--offline", "--no-spam").stdout)
    after = json.loads(_run("check", str(RETAILER), "--json", "--offline", "--no-spam",
                            "--transformers", str(settings)).stdout)
    assert any(f["rule"] == "table-role" for f in before)
    assert not any(f["rule"] == "table-role" for f in after)


def test_render_applies_a_transformers_object(tmp_path):
    settings = tmp_path / "t.json"
    settings.write_text(json.dumps({"formatter": {"type": "minify"}, "encode_entities": {"enabled": True}}))
    plain = _run("render", str(RETAILER))
    minified = _run("render", str(RETAILER), "--transformers", str(settings))
    assert plain.returncode == minified.returncode == 0, minified.stderr
    assert len(minified.stdout) < len(plain.stdout)
    assert "©" in plain.stdout and "©" not in minified.stdout and "&copy;" in minified.stdout


@pytest.mark.parametrize("content", ['{"formatter": {"typ": "x"}}', "[1]"])
def test_render_rejects_bad_settings(tmp_path, content):
    settings = tmp_path / "t.json"
    settings.write_text(content)
    run = _run("render", str(RETAILER), "--transformers", str(settings))
    assert run.returncode == 2 and str(settings) in run.stderr and not run.stdout
