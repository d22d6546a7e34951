"""The Transformers tab's form over every `TransformerSettings` option, the MJML switch, and stale results.

Real widgets in the real editor window; the stored JSON is read back from
the workspace, as another connection (or an API sync) would see it.
"""
from __future__ import annotations

import threading
import time
from dataclasses import fields

from PySide6.QtWidgets import QComboBox, QLineEdit, QToolButton, QWidget

from editor.devtools.runner import Runner
from editor.transformers_form import TransformersForm
from engine.email_build import STUDIO_KEY, split_studio_options
from engine.transformers import TransformerSettings
from engine.transformers.settings import _Group
from tests.test_devtools_drawer import open_email, settings  # noqa: F401

MJML = """<mjml lang="en">
  <mj-body>
    <mj-section><mj-column><mj-text>Hello from MJML</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>
"""


def _stored(w) -> dict:
    return w.ws.files.email(w.doc.ref.id).transformers or {}


def test_every_settings_field_has_a_control(qtbot):
    form = TransformersForm()
    qtbot.addWidget(form)
    form.set_settings(TransformerSettings().to_json(complete=True))
    text = " ".join(w.text() for w in form.findChildren(QWidget) if hasattr(w, "text") and isinstance(w.text(), str))
    text += " ".join(w.title() for w in form.boxes.values())
    missing = []

    def visit(group, path):
        for f in fields(group):
            value = getattr(group, f.name)
            if isinstance(value, _Group):
                visit(value, f"{path}.{f.name}")
            elif f.name not in ("enabled", "type"):
                words = {"parameters": "Add parameter", "backend_markers": "Add delimiters", "whitelist": "Always keep",
                         "language": "Language", "uglify": "Shorten selectors"}
                label = words.get(f.name, f.name.replace("_", " ").split(" ")[-1])
                if label.lower() not in text.lower():
                    missing.append(f"{path}.{f.name}")

    visit(form.settings, "transformers")
    assert missing == []
    assert form.findChild(QComboBox, "frameworkType") is not None
    assert form.findChild(QWidget, "backendMarkers") is not None


def test_mjml_switch_is_stored_under_a_namespaced_key_and_compiles(qtbot, open_email):
    w = open_email(MJML, name="Launch")
    assert "<mj-text" in w.build.html  # without the switch the MJML tags pass through as unknown markup
    combo = w.transformers.findChild(QComboBox, "frameworkType")
    combo.setCurrentIndex(combo.findData("mjml"))
    qtbot.waitUntil(lambda: "<mj-" not in w.devtools.source.html, timeout=10000)
    assert "Hello from MJML" in w.devtools.source.html
    qtbot.waitUntil(lambda: _stored(w).get(STUDIO_KEY) == {"framework": "mjml"}, timeout=5000)
    api, studio = split_studio_options(_stored(w))
    assert studio == {"framework": "mjml"}
    assert TransformerSettings.from_json_with_problems(api)[1] == []  # what goes to the App API stays valid
    assert STUDIO_KEY not in TransformerSettings.from_json(api).to_json()
    assert not [p for area, p in w.problems.rows if area == "Transformers"]
    combo.setCurrentIndex(combo.findData(""))  # off again: the key goes away
    qtbot.waitUntil(lambda: STUDIO_KEY not in _stored(w), timeout=5000)


def test_backend_markers_rows_round_trip_through_the_form(qtbot, open_email):
    w = open_email("<x-base><x-paragraph>Hi</x-paragraph></x-base>")
    w.transformers.boxes["remove_unused_css"].setChecked(True)
    holder = w.transformers.findChild(QWidget, "backendMarkers")
    add = next(b for b in holder.findChildren(QToolButton) if b.text() == "+ Add delimiters")
    add.click()
    holder = w.transformers.findChild(QWidget, "backendMarkers")  # the form rebuilt itself
    heads, tails = holder.findChildren(QLineEdit)[-2:]
    heads.setText("{{#")
    heads.editingFinished.emit()
    tails.setText("}}")
    tails.editingFinished.emit()
    want = [{"heads": "", "tails": ""}, {"heads": "{%", "tails": "%}"}, {"heads": "{{#", "tails": "}}"}]
    qtbot.waitUntil(lambda: _stored(w).get("remove_unused_css", {}).get("backend_markers") == want, timeout=5000)
    assert _stored(w)["remove_unused_css"]["enabled"] is True


def test_a_late_answer_of_an_older_run_is_dropped(qtbot):
    runner = Runner()
    got = []
    runner.finished.connect(lambda kind, gen, result: got.append((kind, result)))
    release = threading.Event()

    def slow():
        release.wait(5)
        return "old"

    runner.run("cheap", slow)
    runner.run("cheap", lambda: "new")
    qtbot.waitUntil(lambda: got == [("cheap", "new")], timeout=5000)
    release.set()
    time.sleep(0.2)
    qtbot.wait(200)
    assert got == [("cheap", "new")]  # "old" finished later and never reached the panel
    runner.close()
