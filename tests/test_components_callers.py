"""Every compile path passes the custom components: the preview, the checks, the command line.

The sample newsletter uses the sample `<promo-card>`, so it is the end-to-end
case: from the sample workspace (its components) and from the bare file with
`--components resources/sample/components`.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.checks import build, check_problems
from engine.compiler import compile_email
from engine.preview import compile_for_preview
from engine.problems import Severity
from engine.sample import create_sample
from engine.store import Workspace
from engine.styles import GlobalStyles

ROOT = Path(__file__).resolve().parents[1]
NEWSLETTER = ROOT / "resources/sample/emails/newsletter.html"
COMPONENTS = ROOT / "resources/sample/components"
STYLES = ROOT / "resources/sample/global-styles.json"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """(workspace, newsletter source, styles) of a fresh sample workspace."""
    with Workspace.open(tmp_path_factory.mktemp("ws") / "s.db") as ws:
        create_sample(ws, people=5)
        info = next(f for f in ws.files.all() if f.name == "Newsletter")
        source = ws.files.source(info.ref)
        yield ws, source, GlobalStyles.from_json(ws.styles.get())


def errors(problems):
    return [p.format() for p in problems if p.severity == Severity.ERROR]


def test_sample_newsletter_compiles_clean_with_the_workspace_components(sample):
    ws, source, styles = sample
    assert "<promo-card" in source
    result = compile_email(source, styles=styles, components=ws, filename="Newsletter")
    assert result.problems == [], [p.format() for p in result.problems]
    assert "LUMEN15" in result.html and "15% off annual plans" in result.html
    assert "Use it on any annual plan before December 31." in result.html and "<promo-card" not in result.html


def test_preview_compiles_with_components_and_marks_the_instance_line(sample):
    ws, source, styles = sample
    preview = compile_for_preview(source, styles=styles, components=ws, filename="Newsletter")
    assert preview.problems == [], [p.format() for p in preview.problems]
    assert preview.html == compile_email(source, styles=styles, components=ws).html
    line = source[:source.index("<promo-card")].count("\n") + 1
    marked = preview.marked_html
    at = marked.index(f'data-cs-src="{line}:3"')  # inspect element on the card lands on its line
    assert marked.index("LUMEN15") > at and "has no prop" not in str(preview.problems)


def test_preview_problem_columns_are_those_of_the_source_not_the_marked_copy():
    comp = "<script>\nconst props = Component.defineProps({ n: Component.props.number() });\n</script><template>x</template>"
    source = '<x-base><x-section><my-comp n="abc"></my-comp></x-section></x-base>'
    preview = compile_for_preview(source, components={"my-comp": comp}, filename="e.html")
    plain = compile_email(source, components={"my-comp": comp}, filename="e.html")
    assert [(p.line, p.column, p.message) for p in preview.problems] == \
        [(p.line, p.column, p.message) for p in plain.problems]
    assert preview.problems and preview.problems[0].column == source.index('n="abc"') + 1


def test_checks_see_the_expanded_components(sample):
    ws, source, styles = sample
    b = build(source, styles=styles, filename="Newsletter", components=ws)
    assert errors(b.problems) == [] and "LUMEN15" in b.html
    assert errors(check_problems(b)) == []
    without = build(source, styles=styles, filename="Newsletter")
    assert any("unknown custom component <promo-card>" in m for m in errors(without.problems))


def test_component_file_problems_keep_their_own_position_in_checks():
    comp = "<script>\nconst props = Component.defineProps({ a: Component.props.string() });\nprops.zz;\n</script><template>x</template>"
    b = build('<x-base><x-section><my-comp a="1"></my-comp></x-section></x-base>', filename="e.html",
              components={"my-comp": comp})
    p = next(p for p in b.problems if "zz" in p.message)
    assert (p.file, p.line, p.column) == ("my-comp.html", 3, 1)


def run(*args):
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_render_the_bare_file_with_the_components_folder():
    r = run("render", NEWSLETTER, "--components", COMPONENTS, "--styles", STYLES)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert "LUMEN15" in r.stdout
    r = run("render", NEWSLETTER)
    assert r.returncode == 2 and "newsletter.html:" in r.stderr and "unknown custom component <promo-card>" in r.stderr


def test_check_takes_the_components_folder():
    r = run("check", NEWSLETTER, "--components", COMPONENTS, "--styles", STYLES, "--offline", "--no-spam", "--json")
    assert "Traceback" not in r.stderr and "unknown custom component" not in r.stdout, r.stderr
    assert '"severity": "error"' not in r.stdout, r.stdout
    r = run("check", NEWSLETTER, "--components", ROOT / "nowhere", "--offline", "--no-spam")
    assert r.returncode == 2 and "nowhere:0:0: not a folder of components" in r.stderr


@pytest.mark.parametrize("command", ["shot", "matrix"])
def test_shot_and_matrix_refuse_a_missing_components_folder(command, tmp_path):
    r = run(command, NEWSLETTER, "--components", tmp_path / "nope", "--out", tmp_path / "x.png")
    assert r.returncode == 2 and "nope:0:0: not a folder of components" in r.stderr and "Traceback" not in r.stderr


def test_editor_build_passes_the_workspace_components(sample):
    from engine.email_build import build_email

    ws, source, styles = sample
    built = build_email(source, styles=styles, filename="Newsletter", components=ws)
    assert errors(built.problems) == [] and "LUMEN15" in built.html
    assert any("unknown custom component" in m for m in errors(build_email(source, styles=styles).problems))
