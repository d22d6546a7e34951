"""`shot` and `matrix` preview as a workspace person (`--workspace WS [--person ID]`), as the app does.

Chromium is not started here (tests/test_preview_commands.py covers the
capture itself, and one real shot below checks the whole command): the
HTML the commands hand to the web view is what is compared.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gui_helpers import make_workspace
from tests.test_one_build import captured  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent
EMAIL = "<x-base>\n  <x-paragraph>Hi {{ customer.first_name }} {{ event.item | default: 'nothing' }}</x-paragraph>\n</x-base>\n"


@pytest.fixture
def ws_path(tmp_path):
    path = tmp_path / "ws.db"
    make_workspace(path, people=3).close()
    return path


@pytest.fixture
def email(tmp_path):
    f = tmp_path / "email.html"
    f.write_text(EMAIL)
    return f


def shot(*args) -> int:
    from app.cli import main

    return main(["shot", *map(str, args)])


@pytest.mark.parametrize("command", ["shot", "matrix"])
def test_without_a_workspace_liquid_stays_as_written(command, captured, email, tmp_path):
    from app.cli import main

    assert main([command, str(email), "--out", str(tmp_path / "o.png")]) == 0
    assert "{{ customer.first_name }}" in captured[0]


@pytest.mark.parametrize("command", ["shot", "matrix"])
def test_workspace_previews_as_the_apps_first_person(command, captured, email, ws_path, tmp_path, qtbot):
    from app.cli import main
    from editor.preview.sample_panel import SamplePanel
    from engine.store import Workspace

    assert main([command, str(email), "--workspace", str(ws_path), "--out", str(tmp_path / "o.png")]) == 0
    assert "Hi Name1 nothing" in captured[0]
    panel = SamplePanel()  # the app's own choice of person, for the same workspace
    qtbot.addWidget(panel)
    with Workspace.open(ws_path) as ws:
        panel.set_workspace(ws)
        assert panel.data()["customer"]["first_name"] == "Name1"


def test_person_by_id_email_or_cio_id(captured, email, ws_path, tmp_path):
    out = tmp_path / "o.png"
    assert shot(email, "--workspace", ws_path, "--person", "user-00002", "--out", out) == 0
    assert shot(email, "--workspace", ws_path, "--person", "person3@example.com", "--out", out) == 0
    assert shot(email, "--workspace", ws_path, "--person", "cio00001", "--out", out) == 0
    assert ["Hi Name2" in captured[0], "Hi Name3" in captured[1], "Hi Name1" in captured[2]] == [True] * 3


def test_the_global_workspace_option_means_the_same(captured, email, ws_path, tmp_path):
    from app.cli import main

    assert main(["--workspace", str(ws_path), "shot", str(email), "--person", "user-00003",
                 "--out", str(tmp_path / "o.png")]) == 0
    assert "Hi Name3" in captured[0]


def test_data_with_a_workspace_is_the_sample_json_box(captured, email, ws_path, tmp_path):
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"event": {"item": "a lamp"}, "customer": {"first_name": "Override"}}))
    assert shot(email, "--workspace", ws_path, "--data", data, "--out", tmp_path / "o.png") == 0
    assert "Hi Override a lamp" in captured[0]


@pytest.mark.parametrize("args, message", [
    (["--person", "nobody"], "no person with id, email or cio_id 'nobody' in this workspace"),
    (["--no-workspace", "--person", "user-00001"], "--person needs --workspace"),
])
def test_unknown_person_or_person_without_workspace_exit_2(args, message, captured, email, ws_path, tmp_path,
                                                           capsys):
    ws_args = [] if args[0] == "--no-workspace" else ["--workspace", ws_path]
    assert shot(email, *ws_args, *args[args[0] == "--no-workspace":], "--out", tmp_path / "o.png") == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and captured == []


def test_a_missing_workspace_is_not_created(captured, email, tmp_path, capsys):
    missing = tmp_path / "nope.db"
    assert shot(email, "--workspace", missing, "--out", tmp_path / "o.png") == 2
    assert f"{missing}:0:0: no such workspace" in capsys.readouterr().err and not missing.exists()


def test_real_shot_as_a_workspace_person(email, ws_path, tmp_path):
    from PySide6.QtGui import QImage

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    out = tmp_path / "person.png"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "shot", str(email), "--workspace", str(ws_path),
                        "--person", "user-00002", "--width", "320", "--out", str(out)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert QImage(str(out)).width() == 320
    bad = subprocess.run([sys.executable, str(ROOT / "main.py"), "matrix", str(email), "--workspace", str(ws_path),
                          "--person", "ghost", "--out", str(out)], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert bad.returncode == 2 and f"{ws_path}:0:0: no person" in bad.stderr and "Traceback" not in bad.stderr
