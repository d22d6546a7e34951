"""Custom components in the email editor, driven through the real window on the sample workspace:
the component tab's preset preview and problems, Insert, Detach, references, autocomplete,
and a runaway component script that never freezes the window."""
from __future__ import annotations

import json
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from editor.build_worker import BuildRequest, BuildWorker
from editor.window import EditorWindow
from tests.component_gui_helpers import file_named, sample, sample_window  # noqa: F401
from tests.gui_helpers import settings  # noqa: F401

PROMO = "Promo card"


def js(qtbot, page, expression: str):
    box = []
    page.runJavaScript(f"JSON.stringify({expression})", 1, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0]) if box[0] else None


def preview_text(qtbot, w) -> str:
    return js(qtbot, w.preview.page, "document.body ? document.body.innerText : ''") or ""


def editor_js(qtbot, ed, expression: str):
    box = []
    ed.run_js(f"JSON.stringify({expression})", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0]) if box[0] else None


def put_cursor(qtbot, ed, line: int, column: int) -> None:
    ed.go_to(line, column)
    qtbot.waitUntil(lambda: ed.cursor_position() == (line, column), timeout=5000)


@pytest.fixture
def open_file(qtbot, sample, settings):
    made = []

    def make(name: str) -> EditorWindow:
        info = file_named(sample, name)
        w = EditorWindow(sample, f"{info.kind}:{info.id}", settings=settings, dark=False)
        qtbot.addWidget(w)
        w.resize(1440, 900)
        w.show()
        qtbot.waitUntil(w.editors["source"].is_ready, timeout=20000)
        made.append(w)
        return w

    yield make
    for w in made:
        w.close_document()


def with_second_preset(sample):
    info = file_named(sample, PROMO)
    source = sample.files.source(info.ref).replace(
        "presets: [\n",
        'presets: [\n      { label: "Summer promo", content: `<promo-card code="SUN25" headline="Summer deals">'
        'Bring a friend.</promo-card>` },\n')
    sample.files.set_source(info.ref, source)
    return source


# ---- 1. the component tab ------------------------------------------------------------------------
def test_component_tab_previews_each_preset_compiled_with_its_props(qtbot, open_file, sample):
    with_second_preset(sample)
    w = open_file(PROMO)
    box = w.components.preset_box
    assert w.components.preset_box.isVisible() and not w.components.insert_button.isVisible()
    assert [box.itemText(i) for i in range(box.count())] == ["Summer promo", "Promo card"]
    qtbot.waitUntil(lambda: "SUN25" in preview_text(qtbot, w), timeout=10000)
    text = preview_text(qtbot, w)
    assert "Summer deals" in text and "Bring a friend." in text and "Shop now" in text
    assert "${" not in text  # props evaluated, not the bare template
    box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "WELCOME15" in preview_text(qtbot, w), timeout=10000)
    assert "15% off your first upgrade" in preview_text(qtbot, w)
    # the preview uses the global styles: the heading's font comes from the sample's styles
    assert w.problems.rows == []


def test_component_problems_are_listed_with_their_line_and_jump_there(qtbot, open_file, sample):
    info = file_named(sample, PROMO)
    source = sample.files.source(info.ref)
    broken = source.replace("  export const props", "  missingHelper();\n  export const props", 1)
    broken = broken.replace('code="WELCOME15"', 'code="WELCOME15"', 1)
    sample.files.set_source(info.ref, broken)
    w = open_file(PROMO)
    line = broken.split("\n").index("  missingHelper();") + 1

    def script_row():
        return next(((a, p) for a, p in w.problems.rows if "missingHelper" in p.message), None)

    qtbot.waitUntil(lambda: script_row() is not None, timeout=10000)
    area, problem = script_row()
    assert area == "HTML" and problem.line == line and problem.column == 3
    assert f"line {line}, column 3" in w.problems.tree.topLevelItem(w.problems.rows.index((area, problem))).text(1)
    w.problems.tree.itemClicked.emit(w.problems.tree.topLevelItem(w.problems.rows.index((area, problem))), 0)
    qtbot.waitUntil(lambda: w.editors["source"].cursor_position() == (line, 3), timeout=5000)


def test_preset_and_tag_problems_point_into_the_component_file(qtbot, open_file, sample):
    info = file_named(sample, PROMO)
    source = sample.files.source(info.ref).replace('code="WELCOME15"', 'code="WELCOME15" colour="red"')
    sample.files.set_source(info.ref, source)
    w = open_file(PROMO)
    preset_line = next(n for n, text in enumerate(source.split("\n"), 1) if "colour=" in text)
    qtbot.waitUntil(lambda: any("colour" in p.message for _a, p in w.problems.rows), timeout=10000)
    problem = next(p for _a, p in w.problems.rows if "colour" in p.message)
    assert problem.line == preset_line and "has no prop 'colour'" in problem.message
    assert "preset “Promo card”" in problem.message


def test_editing_the_presets_updates_the_picker_and_the_preview(qtbot, open_file):
    w = open_file(PROMO)
    ed = w.editors["source"]
    qtbot.waitUntil(lambda: "WELCOME15" in preview_text(qtbot, w), timeout=10000)
    assert w.components.preset_box.count() == 1 and not w.components.preset_box.isEnabled()
    new = ed.text().replace('code="WELCOME15"', 'code="AUTUMN30"')
    ed.replace_range((1, 1), (len(ed.text().split("\n")), 10_000), new)  # as a user replacing the text
    qtbot.waitUntil(lambda: "AUTUMN30" in preview_text(qtbot, w), timeout=10000)


# ---- 2. Insert ----------------------------------------------------------------------------------
def test_insert_menu_lists_standard_blocks_then_component_presets(qtbot, open_file):
    w = open_file("Spring sale")
    menu = w.components.insert_menu
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions()]
    assert labels[:2] == ["Standard components", "Heading"]
    assert labels.index("Custom components") > labels.index("Section")
    assert labels[-1] == "Promo card"
    assert "Navigation" in labels and "Social links" in labels


def test_insert_a_preset_at_the_cursor_is_one_undo_step(qtbot, open_file, sample):
    w = open_file("Spring sale")
    ed = w.editors["source"]
    before = ed.text()
    put_cursor(qtbot, ed, 6, 1)  # the empty start of the line after the paragraph? line 6 is "  </x-section>"
    w.components.insert_menu.aboutToShow.emit()
    w.components.insert_menu.action_for("Promo card").trigger()
    preset = '<promo-card code="WELCOME15" headline="15% off your first upgrade"></promo-card>'
    qtbot.waitUntil(lambda: preset in ed.text(), timeout=5000)
    lines = ed.text().split("\n")
    assert lines[5].startswith(preset) and lines[5].endswith("</x-section>")
    assert ed.text().replace(preset, "", 1) == before
    qtbot.waitUntil(lambda: "15% off your first upgrade" in preview_text(qtbot, w), timeout=10000)
    qtbot.waitUntil(lambda: preset in sample.files.source(file_named(sample, "Spring sale").ref), timeout=5000)
    ed.undo()
    qtbot.waitUntil(lambda: ed.text() == before, timeout=5000)


def test_insert_a_standard_block_keeps_the_line_indentation(qtbot, open_file):
    w = open_file("Spring sale")
    ed = w.editors["source"]
    put_cursor(qtbot, ed, 5, 5)  # "    <x-paragraph>…" at its first character
    w.components.insert_menu.aboutToShow.emit()
    w.components.insert_menu.action_for("Columns").trigger()
    qtbot.waitUntil(lambda: "<x-row>" in ed.text(), timeout=5000)
    lines = ed.text().split("\n")
    assert lines[4] == "    <x-row>" and lines[5] == "      <x-column>" and lines[-3] == "  </x-section>"
    assert "    </x-row><x-paragraph>See you soon.</x-paragraph>" in ed.text()


# ---- 3. Detach ----------------------------------------------------------------------------------
def test_detach_replaces_the_instance_with_its_blocks_and_undo_brings_it_back(qtbot, open_file, sample):
    w = open_file("Spring sale")
    ed = w.editors["source"]
    before = ed.text()
    put_cursor(qtbot, ed, 4, 30)  # inside <promo-card code="SPRING" …>
    ed.trigger("cs.detach-component")  # the editor's right-click menu entry
    qtbot.waitUntil(lambda: "<promo-card" not in ed.text(), timeout=5000)
    text = ed.text()
    assert "<x-box padding=\"24px\"" in text and ">SPRING</x-paragraph>" in text and "Spring deal" in text
    assert text.startswith(before.split("<promo-card")[0]) and text.endswith(before.split("</promo-card>")[1])
    qtbot.waitUntil(lambda: "<promo-card" not in sample.files.source(file_named(sample, "Spring sale").ref),
                    timeout=5000)
    qtbot.waitUntil(lambda: "SPRING" in preview_text(qtbot, w), timeout=10000)
    ed.undo()
    qtbot.waitUntil(lambda: ed.text() == before, timeout=5000)


def test_detach_outside_an_instance_says_what_it_needs(qtbot, open_file, monkeypatch):
    w = open_file("Spring sale")
    ed = w.editors["source"]
    before = ed.text()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    put_cursor(qtbot, ed, 3, 8)  # inside <x-heading-1>
    assert w.components.detach_at_cursor() is False
    assert told and "line 3, column 8" in told[0] and "not inside a custom component instance" in told[0]
    assert "<promo-card>" in told[0]
    assert ed.text() == before


# ---- 4. references from the component tab, Edit component source -----------------------------------
def test_references_from_the_component_tab_open_the_email_at_its_line(qtbot, sample_window, sample):
    info = file_named(sample, PROMO)
    doc = sample_window.open_document(f"component:{info.id}")
    assert doc.components.references_button.isVisible()
    doc.components.references_button.click()
    dialog = doc.components.references_dialog
    assert dialog.list.topLevelItemCount() == 2
    dialog.list.itemActivated.emit(dialog.list.topLevelItem(0), 0)  # Newsletter, line 72
    current = sample_window.tabs.currentWidget()
    assert current.title == "Newsletter"
    qtbot.waitUntil(lambda: current.editors["source"].cursor_position()[0] == 72, timeout=10000)


def test_edit_component_source_opens_the_component(qtbot, sample_window, sample):
    spring = file_named(sample, "Spring sale")
    doc = sample_window.open_document(f"email:{spring.id}")
    ed = doc.editors["source"]
    qtbot.waitUntil(ed.is_ready, timeout=20000)
    put_cursor(qtbot, ed, 4, 10)
    ed.trigger("cs.edit-component-source")
    qtbot.waitUntil(lambda: sample_window.tabs.currentWidget().title == PROMO, timeout=5000)


# ---- 5. autocomplete -----------------------------------------------------------------------------
def test_autocomplete_knows_the_workspace_components_props(qtbot, open_file):
    w = open_file("Spring sale")
    ed = w.editors["source"]
    qtbot.waitUntil(lambda: editor_js(qtbot, ed, "COMPLETION_DATA.custom['promo-card'] || null") is not None,
                    timeout=5000)
    props = editor_js(qtbot, ed, "COMPLETION_DATA.custom['promo-card'].props")
    assert set(props) == {"headline", "code", "href", "background"}
    assert props["code"]["type"] == "string"


# ---- 6. responsiveness ---------------------------------------------------------------------------
RUNAWAY = """<script>
  // {marker}
  export const config = {{ label: "Loop", presets: [{{ label: "Loop", content: `<loop-card></loop-card>` }}] }};
  let i = 0;
  while (true) {{ i++ }}
</script>
<template><p>never</p></template>
"""


def test_a_runaway_component_compiles_off_the_gui_thread(qtbot, open_file, sample):
    calm = RUNAWAY.format(marker=f"run {time.time()}")
    sample.files.create_component("Loop card", source=calm.replace("while (true) { i++ }", "i++;"), tag="loop-card")
    w = open_file("Loop card")
    ed = w.editors["source"]
    qtbot.waitUntil(lambda: "never" in preview_text(qtbot, w), timeout=10000)
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    started = time.monotonic()
    put_cursor(qtbot, ed, 5, 3)
    ed.insert_text("while (true) { i++ }\n  ")  # the author types an endless loop: the next build runs it

    def stopped():
        return next((p for _a, p in w.problems.rows if "endless loop" in p.message), None)

    qtbot.waitUntil(lambda: stopped() is not None, timeout=10000)
    timer.stop()
    problem = stopped()
    assert problem.line == 5 and "script stopped after 1 s" in problem.message
    during = [started] + [t for t in ticks if t >= started] + [time.monotonic()]
    gaps = [b - a for a, b in zip(during, during[1:])]
    assert time.monotonic() - started > 0.9  # the script really ran for its second …
    assert len(gaps) > 20 and max(gaps) < 0.25, max(gaps)  # … while the event loop kept ticking


def test_a_stale_build_result_is_dropped(qtbot):
    worker = BuildWorker()
    shown = []
    worker.finished.connect(lambda request, build: shown.append((request.generation, build)))
    slow = BuildRequest("<x-base><slow-one></slow-one></x-base>", component_sources={"slow-one": (
        "<script>\nconst end = Date.now() + 400; // stale test\nwhile (Date.now() < end) {}\n</script>"
        "<template><p>slow</p></template>")})
    fast = BuildRequest("<x-base><x-paragraph>fresh</x-paragraph></x-base>")
    middle = BuildRequest("<x-base><x-paragraph>middle</x-paragraph></x-base>")
    worker.submit(slow)
    worker.submit(middle)  # replaced by the next one before it ever runs
    worker.submit(fast)
    qtbot.waitUntil(lambda: bool(shown) and not worker.is_busy(), timeout=5000)
    qtbot.wait(50)
    assert [g for g, _b in shown] == [fast.generation]
    assert "fresh" in shown[0][1].html and worker.dropped == 1
    worker.wait()


def test_an_unsupported_prop_schema_is_a_problem_at_its_line(qtbot, open_file, sample):
    info = file_named(sample, PROMO)
    source = sample.files.source(info.ref).replace("Component.props.string().default(\"SAVE10\")",
                                                   "Component.props.text()", 1)
    sample.files.set_source(info.ref, source)
    w = open_file(PROMO)
    line = next(n for n, text in enumerate(source.split("\n"), 1) if "props.text()" in text)
    qtbot.waitUntil(lambda: any("not a supported schema" in p.message for _a, p in w.problems.rows), timeout=10000)
    problem = next(p for _a, p in w.problems.rows if "not a supported schema" in p.message)
    assert problem.line == line and "Component.props.text()" in problem.message
