"""One build path: what the command line writes is what the app previews and ships.

- The build's final HTML (from the instrumented compile the preview needs)
  is byte-for-byte the transformers applied to the plain compile, for every
  sample email and transformer mix — the formatter's wrapping once counted
  the inspect marks and shipped stray blank lines.
- `render --transformers` equals the editor's own final HTML for the same
  stored email (MJML switch and envelope title included), read from a real
  editor window on a workspace.
- `shot` and `matrix` capture the transformed, personalised build.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine.compiler import compile_email
from engine.components import ComponentLibrary
from engine.email_build import build_email
from engine.styles import GlobalStyles
from engine.transformers import TransformerSettings, apply_transformers

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
EMAILS = sorted((SAMPLE / "emails").glob("*.html"))
STYLES = SAMPLE / "global-styles.json"
COMPONENTS = SAMPLE / "components"

MIXES = {
    "none": {},
    "prettify-wrapped": {"formatter": {"type": "prettify", "prettify": {"wrap_attributes": True}}},
    "minify-60": {"formatter": {"type": "minify", "minify": {"line_length_limit": 60, "remove_line_breaks": True}}},
    "everything": {
        "css_variables": {"enabled": True}, "css_inliner": {"enabled": True},
        "remove_unused_css": {"enabled": True, "uglify": True}, "accessibility": {"enabled": True},
        "url_parameters": {"enabled": True, "parameters": [{"key": "utm_source", "value": "cs"}]},
        "formatter": {"type": "prettify"}, "encode_entities": {"enabled": True}, "prevent_widows": {"enabled": True},
    },
}


def run_cli(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("mix", sorted(MIXES))
@pytest.mark.parametrize("email", EMAILS, ids=lambda p: p.stem)
def test_final_html_is_the_transformed_plain_compile(email, mix):
    source = email.read_text()
    styles = GlobalStyles.load(STYLES)
    components = ComponentLibrary.from_folder(COMPONENTS)
    settings = TransformerSettings.from_json(MIXES[mix])
    built = build_email(source, styles=styles, transformers=settings, components=components, filename=email.name)
    plain = compile_email(source, styles=styles, components=components, filename=email.name).html
    assert built.instrumented and "data-cs-src" in built.marked_html
    assert built.html == apply_transformers(plain, settings, filename=email.name).html


# ---- render = the editor -------------------------------------------------------------------------
HTML_EMAIL = """<x-base>
  <x-section>
    <x-heading-1>Spring sale</x-heading-1>
    <x-paragraph>Everything you picked is still in your cart, waiting for you to come back.</x-paragraph>
    <x-cta href="https://shop.example/cart">Back to my cart</x-cta>
  </x-section>
</x-base>
"""
MJML_EMAIL = """<mjml>
  <mj-body>
    <mj-section><mj-column>
      <mj-text>Hello from MJML</mj-text>
      <mj-button href="https://shop.example/">Shop</mj-button>
    </mj-column></mj-section>
  </mj-body>
</mjml>
"""
CASES = {
    "html-title": (HTML_EMAIL, {"formatter": {"type": "prettify", "prettify": {"wrap_attributes": True}},
                                "url_parameters": {"enabled": True,
                                                   "parameters": [{"key": "utm_source", "value": "spring"}]}}),
    "mjml-switch": (MJML_EMAIL, {"url_parameters": {"enabled": True,
                                                    "parameters": [{"key": "utm_source", "value": "mjml"}]},
                                 "x-campaign-studio": {"framework": "mjml"}}),
}
TITLE = "Spring & sale"


@pytest.mark.parametrize("case", sorted(CASES))
def test_render_writes_what_the_editor_builds(case, qtbot, tmp_path, workspace, settings):
    from editor.window import EditorWindow
    from tests.gui_helpers import find_file

    source, stored = CASES[case]
    info = workspace.files.create_email(f"Case {case}", source=source, transformers=stored,
                                        envelope={"title": TITLE}, preheader="Ends Friday")
    w = EditorWindow(workspace, f"{info.kind}:{info.id}", settings=settings, dark=False)
    qtbot.addWidget(w)
    w.show()
    try:
        qtbot.waitUntil(lambda: bool(w.build.html), timeout=20000)
        editor_html = w.final_html()
    finally:
        w.close_document()
    assert find_file(workspace, f"Case {case}") is not None
    email, settings_file = tmp_path / "email.html", tmp_path / "transformers.json"
    email.write_text(source)
    settings_file.write_text(json.dumps(stored))
    styles = tmp_path / "styles.json"
    styles.write_text(json.dumps(workspace.styles.get()))
    r = run_cli("render", email, "--styles", styles, "--transformers", settings_file, "--title", TITLE,
                "--preheader", "Ends Friday")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (editor_html if editor_html.endswith("\n") else editor_html + "\n")
    assert "utm_source=" in r.stdout and re.search(r"<title>\s*Spring &amp; sale\s*</title>", r.stdout)
    if case == "mjml-switch":
        assert "<mjml" not in r.stdout and "Hello from MJML" in r.stdout


def test_render_refuses_a_bad_framework_with_its_place(tmp_path):
    email, settings_file = tmp_path / "email.html", tmp_path / "t.json"
    email.write_text(HTML_EMAIL)
    settings_file.write_text(json.dumps({"x-campaign-studio": {"framework": "handlebars"}}))
    r = run_cli("render", email, "--transformers", settings_file)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f'{settings_file}:0:0: x-campaign-studio.framework must be "mjml"')


# ---- shot and matrix capture the build ------------------------------------------------------------
@pytest.fixture
def captured(monkeypatch):
    """The HTML `shot`/`matrix` hand to the web view; Chromium itself is not started (test_preview_commands does)."""
    import editor.preview.headless as headless
    import editor.preview.qa_matrix as qa_matrix
    import widgets.preview.assets as assets

    seen: list[str] = []

    class Snap:
        def capture(self, html, mode):
            seen.append(html)
            return "image"

    monkeypatch.setattr(headless, "start_qt", lambda: None)
    monkeypatch.setattr(assets, "use_assets", lambda source, profile=None: None)  # needs a running WebEngine
    monkeypatch.setattr(headless, "capture", lambda email, draw: draw(Snap()))
    monkeypatch.setattr(headless, "save_png", lambda image, out: Path(out).write_bytes(b"png"))
    monkeypatch.setattr(qa_matrix, "render_matrix", lambda html, snap: seen.append(html) or [])
    monkeypatch.setattr(qa_matrix, "compose_sheet", lambda cells, title: "sheet")
    return seen


@pytest.mark.parametrize("command", ["shot", "matrix"])
def test_shot_and_matrix_apply_the_transformers(command, captured, tmp_path, capsys):
    from app.cli import main

    email, settings_file = tmp_path / "email.html", tmp_path / "t.json"
    email.write_text(HTML_EMAIL)
    settings_file.write_text(json.dumps(CASES["html-title"][1]))
    assert main([command, str(email), "--transformers", str(settings_file), "--title", TITLE,
                 "--out", str(tmp_path / "o.png")]) == 0, capsys.readouterr().err
    expected = build_email(HTML_EMAIL, transformers=TransformerSettings.from_json(CASES["html-title"][1]),
                           filename=str(email), title=TITLE).html
    assert captured == [expected] and "utm_source=spring" in expected


@pytest.mark.parametrize("command", ["shot", "matrix"])
def test_shot_and_matrix_with_the_mjml_switch(command, captured, tmp_path):
    from app.cli import main

    email, settings_file = tmp_path / "email.html", tmp_path / "t.json"
    email.write_text(MJML_EMAIL)
    settings_file.write_text(json.dumps({"x-campaign-studio": {"framework": "mjml"}}))
    assert main([command, str(email), "--transformers", str(settings_file), "--out", str(tmp_path / "o.png")]) == 0
    assert len(captured) == 1 and "<mjml" not in captured[0] and "Hello from MJML" in captured[0]


from tests.gui_helpers import settings, workspace  # noqa: E402,F401  (fixtures)


def test_text_is_made_from_the_build_like_the_text_tab():
    from engine.text import plain_text

    newsletter = SAMPLE / "emails" / "newsletter.html"
    r = run_cli("text", newsletter, "--styles", STYLES, "--components", COMPONENTS)
    assert r.returncode == 0, r.stderr
    built = build_email(newsletter.read_text(), styles=GlobalStyles.load(STYLES),
                        components=ComponentLibrary.from_folder(COMPONENTS), filename=str(newsletter))
    text = plain_text(built.html)  # what the editor's Text tab generates
    assert r.stdout == (text if text.endswith("\n") else text + "\n")
    assert "LUMEN15" in r.stdout  # the custom component's content, which the source alone does not have
