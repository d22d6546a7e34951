"""`main.py render` and `main.py text`: output, exit status, located errors, never a traceback."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.test_compiler_support import ROOT, SAMPLE_STYLES, dom


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=60)


EMAIL = ('<x-base title="T">\n  <x-paragraph>Hi {{ customer.first_name }}</x-paragraph>\n'
         '  <x-cta href="{{ event.url }}">Go</x-cta>\n</x-base>\n')


def test_render_prints_html_and_keeps_liquid(tmp_path):
    f = tmp_path / "e.html"
    f.write_text(EMAIL)
    r = run("render", f, "--styles", SAMPLE_STYLES)
    assert r.returncode == 0, r.stderr
    assert "{{ customer.first_name }}" in r.stdout
    assert dom(r.stdout).find("title").all_text() == "T"


def test_render_with_data_renders_liquid_and_writes_out(tmp_path):
    f, data, out = tmp_path / "e.html", tmp_path / "d.json", tmp_path / "o.html"
    f.write_text(EMAIL)
    data.write_text(json.dumps({"customer": {"first_name": "Ada"}, "event": {"url": "https://e.example"}}))
    r = run("render", f, "--data", data, "--out", out)
    assert r.returncode == 0, r.stderr
    html = out.read_text()
    assert "Hi Ada" in html and 'href="https://e.example"' in html and r.stdout == ""


def test_render_missing_variable_fails_unless_lax(tmp_path):
    f, data = tmp_path / "e.html", tmp_path / "d.json"
    f.write_text(EMAIL)
    data.write_text("{}")
    strict = run("render", f, "--data", data)
    assert strict.returncode == 2 and "Traceback" not in strict.stderr and strict.stderr.strip()
    lax = run("render", f, "--data", data, "--lax")
    assert lax.returncode == 0, lax.stderr


def test_bad_json_in_styles_and_data_is_located(tmp_path):
    f, bad = tmp_path / "e.html", tmp_path / "bad.json"
    f.write_text(EMAIL)
    bad.write_text('{\n  "customer": \n}')
    for flag in ("--styles", "--data"):
        r = run("render", f, flag, bad)
        assert r.returncode == 2
        assert "Traceback" not in r.stderr
        assert r.stderr.startswith(f"{bad}:3:1: invalid JSON")


def test_errors_exit_2_with_file_line_col_warnings_exit_0(tmp_path):
    f = tmp_path / "e.html"
    f.write_text('<x-base>\n<x-paragraph text-align="middle">x</x-paragraph>\n</x-base>')
    r = run("render", f)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.splitlines()[0].startswith(f"{f}:2:14: x-paragraph text-align: 'middle' is not one of")
    w = tmp_path / "w.html"
    w.write_text('<x-base><x-paragraph sparkle="1">x</x-paragraph></x-base>')
    r = run("render", w)
    assert r.returncode == 0 and "has no property 'sparkle'" in r.stderr and "<p" in r.stdout


def test_missing_file_is_an_error_without_traceback(tmp_path):
    r = run("render", tmp_path / "nope.html")
    assert r.returncode == 2 and "Traceback" not in r.stderr and "nope.html" in r.stderr


def test_text_command_prints_plain_text(tmp_path):
    f = tmp_path / "e.html"
    f.write_text(EMAIL)
    r = run("text", f)
    assert r.returncode == 0, r.stderr
    assert "Hi {{ customer.first_name }}" in r.stdout and "<p" not in r.stdout
