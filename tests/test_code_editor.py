"""The code editor widget driven as a user drives it: real Monaco in offscreen Qt WebEngine.

Key events sent with pytest-qt to the web view's focus proxy reach Monaco
offscreen (checked: typing, Tab, Ctrl/Alt/Shift chords), so the tests type
for real; Monaco's own state is read back through `run_js`.
"""
from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from engine.problems import Problem, Severity
from widgets.code_editor import CodeEditor
from widgets.code_editor.preferences import EditorPreferences

ROOT = Path(__file__).resolve().parent.parent
NEWSLETTER = (ROOT / "resources" / "sample" / "emails" / "newsletter.html").read_text(encoding="utf-8")


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def editor(qtbot, settings):
    ed = CodeEditor(settings=settings)
    qtbot.addWidget(ed)
    ed.resize(900, 600)
    ed.show()
    qtbot.waitUntil(ed.is_ready, timeout=20000)
    yield ed
    assert ed.console_errors == []  # no JavaScript error in the page during the test


def js(qtbot, ed: CodeEditor, expression: str):
    """Evaluate `expression` in the editor page and return its JSON value."""
    box = []
    ed.run_js(f"JSON.stringify({expression})", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    return json.loads(box[0]) if box[0] is not None else None


def keys(ed: CodeEditor):
    return ed.view.focusProxy()


def focus(qtbot, ed: CodeEditor):
    """Focus Monaco and wait until it says so (keys sent earlier would be lost)."""
    ed.focus_editor()
    qtbot.waitUntil(ed.has_editor_focus, timeout=3000)


def type_text(qtbot, ed: CodeEditor, text: str):
    focus(qtbot, ed)
    qtbot.keyClicks(keys(ed), text)


def load(qtbot, ed: CodeEditor, text: str, line: int | None = None, column: int | None = None):
    ed.set_text(text)
    qtbot.waitUntil(lambda: js(qtbot, ed, "DS.editor.getValue()") == text)
    if line is not None:
        ed.go_to(line, column or 1)
        qtbot.waitUntil(lambda: ed.cursor_position() == (line, column or 1))


def model_text(qtbot, ed):
    return js(qtbot, ed, "DS.editor.getValue()")


# ---- text, signals, queue -------------------------------------------------------------

def test_calls_before_load_are_queued_and_text_is_synchronous(qtbot, settings):
    ed = CodeEditor(settings=settings, theme="dark")
    qtbot.addWidget(ed)
    ed.set_text("first")
    ed.set_text(NEWSLETTER)
    ed.set_language("design-studio-html")
    ed.set_markers([Problem("Unknown prop", 3, 5)])
    assert ed.text() == NEWSLETTER  # synchronous even before Monaco exists
    with qtbot.waitSignal(ed.ready, timeout=20000):
        pass
    assert model_text(qtbot, ed) == NEWSLETTER
    assert js(qtbot, ed, "DS.editor._themeService._theme.themeName") == "ds-dark"
    assert js(qtbot, ed, "monaco.editor.getModelMarkers({owner: 'design-studio'}).length") == 1
    assert ed.console_errors == []


def test_typing_updates_text_and_emits_change_then_pause(editor, qtbot):
    load(qtbot, editor, "")
    changes = []
    editor.text_changed.connect(changes.append)
    with qtbot.waitSignal(editor.edit_paused, timeout=3000) as paused:
        type_text(qtbot, editor, "<p>Hi</p>")
        qtbot.waitUntil(lambda: editor.text() == "<p>Hi</p>", timeout=3000)
    assert paused.args == ["<p>Hi</p>"]
    assert len(changes) == len("<p>Hi</p>")  # one per keystroke
    assert changes[-1] == "<p>Hi</p>"


def test_set_text_does_not_count_as_an_edit(editor, qtbot):
    changes = []
    editor.text_changed.connect(changes.append)
    load(qtbot, editor, NEWSLETTER)
    qtbot.wait(100)
    assert changes == [] and editor.text() == NEWSLETTER
    assert not editor.can_undo()


def test_undo_redo_availability(editor, qtbot):
    load(qtbot, editor, "")
    type_text(qtbot, editor, "abc")
    qtbot.waitUntil(lambda: editor.text() == "abc", timeout=3000)
    qtbot.waitUntil(editor.can_undo)
    with qtbot.waitSignal(editor.redo_available, timeout=3000) as redo:
        editor.undo()
    assert redo.args == [True]
    qtbot.waitUntil(lambda: editor.text() == "")
    editor.redo()
    qtbot.waitUntil(lambda: editor.text() == "abc")


def test_read_only_ignores_typing(editor, qtbot):
    load(qtbot, editor, "fixed")
    editor.set_read_only(True)
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.readOnly)") is True)
    type_text(qtbot, editor, "xyz")
    qtbot.wait(200)
    assert editor.text() == "fixed" and model_text(qtbot, editor) == "fixed"


def test_go_to_moves_the_cursor_and_clamps(editor, qtbot):
    load(qtbot, editor, NEWSLETTER)
    editor.go_to(30, 5)
    qtbot.waitUntil(lambda: editor.cursor_position() == (30, 5))
    editor.go_to(99999, 1)
    last = NEWSLETTER.count("\n") + 1
    qtbot.waitUntil(lambda: editor.cursor_position()[0] == last)


def test_unknown_language_or_theme_is_a_clear_error(editor):
    with pytest.raises(ValueError, match="unknown editor language 'python'"):
        editor.set_language("python")
    with pytest.raises(ValueError, match="'light' or 'dark'"):
        editor.set_theme("blue")


# ---- markers ----------------------------------------------------------------------------

def test_problems_become_model_markers_and_gutter_dots(editor, qtbot):
    load(qtbot, editor, NEWSLETTER)
    editor.set_markers([
        Problem("x-paragraph has no prop 'colour'", 24, 7, Severity.ERROR, rule="unknown-prop"),
        Problem("Image without alt text", 11, 9, Severity.WARNING, rule="a11y"),
    ])
    qtbot.waitUntil(lambda: len(js(qtbot, editor, "monaco.editor.getModelMarkers({owner: 'design-studio'})")) == 2)
    markers = js(qtbot, editor, "monaco.editor.getModelMarkers({owner: 'design-studio'})"
                                ".map(m => [m.severity, m.startLineNumber, m.startColumn, m.message])")
    assert sorted(markers) == sorted([
        [8, 24, 7, "x-paragraph has no prop 'colour'"],  # 8 = MarkerSeverity.Error
        [4, 11, 9, "Image without alt text"],  # 4 = Warning
    ])
    editor.go_to(24, 1)  # the gutter dot is drawn once its line is on screen
    qtbot.waitUntil(lambda: js(qtbot, editor,
                               "document.querySelectorAll('.ds-glyph-error').length") == 1, timeout=3000)
    editor.set_markers([])
    qtbot.waitUntil(lambda: js(qtbot, editor, "monaco.editor.getModelMarkers({owner: 'design-studio'}).length") == 0)


# ---- tokenizer ------------------------------------------------------------------------

def tokens(qtbot, ed, source: str, language: str = "design-studio-html") -> dict[str, str]:
    """{token text: token type} for a one-line source (type without the language postfix)."""
    lines = js(qtbot, ed, f"monaco.editor.tokenize({json.dumps(source)}, {json.dumps(language)})"
                          ".map(l => l.map(t => [t.offset, t.type]))")
    out = {}
    toks = lines[0]
    for i, (offset, kind) in enumerate(toks):
        end = toks[i + 1][0] if i + 1 < len(toks) else len(source)
        out.setdefault(source[offset:end], kind.rsplit(".", 1)[0] if kind else "")
    return out


def test_tokenizer_gives_design_studio_constructs_their_own_types(editor, qtbot):
    src = ('<x-section :padding="24" #if="show" style="mso-line-height-rule: exactly; color: red">'
           '<my-card title="{{ customer.first_name }}"></my-card><!--[if mso]><table><![endif]-->'
           '<div>{% if vip %}Hi{% endif %}</div><!-- note --></x-section>')
    t = tokens(qtbot, editor, src)
    assert t["x-section"] == "tag.component"
    assert t["my-card"] == "tag.custom"
    assert t["div"] == "tag"
    assert t[":padding"] == "attribute.name.expression"
    assert t["#if"] == "attribute.name.directive"
    assert t["title"] == "attribute.name"
    assert t["mso-line-height-rule"] == "css.property.mso"
    assert t["color"] == "css.property"
    assert t["{{"] == "liquid.delimiter"  # Liquid inside an attribute value
    assert t["customer"] == "liquid.variable"
    assert t["if"] == "liquid.tag"
    assert t["<!--[if mso]>"] == "comment.mso"
    assert t["<![endif]-->"] == "comment.mso"
    assert t["<!-- note -->"] == "comment"


def test_css_in_style_blocks_and_javascript_in_scripts(editor, qtbot):
    src = ('<style>.a { mso-hide: all; color: {{ brand.color }}; }</style>'
           '<script>const n = 42;</script><p>x</p>')
    def by_text():
        lines = js(qtbot, editor, f"monaco.editor.tokenize({json.dumps(src)}, 'design-studio-html')"
                                  ".map(l => l.map(t => [t.offset, t.type, t.language]))")[0]
        out = {}
        for i, (offset, kind, lang) in enumerate(lines):
            end = lines[i + 1][0] if i + 1 < len(lines) else len(src)
            out.setdefault(src[offset:end].strip(), (kind, lang))
        return out

    # Monaco loads its JavaScript tokenizer on first use; until then the script is plain text
    qtbot.waitUntil(lambda: "const" in by_text(), timeout=5000)
    by_text = by_text()
    assert by_text[".a"][0].startswith("selector.css")
    assert by_text["mso-hide"][0].startswith("css.property.mso")
    assert by_text["brand"][0].startswith("liquid.variable")
    assert by_text["const"] == ("keyword.js", "javascript")  # Monaco's own JavaScript tokenizer
    assert by_text["p"][0] == "tag.ds"  # back to HTML after </script>


def test_text_tab_language_highlights_liquid(editor, qtbot):
    t = tokens(qtbot, editor, "Hi {{ customer.first_name | capitalize }}, see https://x.example", "liquid-text")
    assert t["{{"] == "liquid.delimiter"
    assert t["capitalize"] == "liquid.filter"
    assert t["https://x.example"] == "string.link"


# ---- autocomplete -------------------------------------------------------------------------

def provided(qtbot, ed, text: str, line: int, column: int) -> list[str]:
    """Every label our provider returns at a position (the widget shows only the visible rows)."""
    return js(qtbot, ed, "(function(){ const m = monaco.editor.createModel(%s, 'design-studio-html');"
                         "const r = provideDesignStudio(m, {lineNumber: %d, column: %d}).map(s => s.label);"
                         "m.dispose(); return r; })()" % (json.dumps(text), line, column))


def test_typing_x_dash_offers_standard_components(editor, qtbot):
    load(qtbot, editor, "")
    type_text(qtbot, editor, "<x-s")
    probe = ("[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')]"
             ".map(r => r.getAttribute('aria-label') || r.textContent)")
    qtbot.waitUntil(lambda: any("x-section" in row for row in js(qtbot, editor, probe)), timeout=5000)
    qtbot.keyClick(keys(editor), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.text() == "<x-section></x-section>", timeout=3000)
    qtbot.waitUntil(lambda: editor.cursor_position() == (1, 12), timeout=3000)  # between the tags


def test_component_props_values_and_custom_components(editor, qtbot):
    editor.set_custom_components({"promo-card": {"props": {"tone": {"type": "enum", "values": ["calm", "loud"]},
                                                           "title": {"type": "string"}}}})
    qtbot.waitUntil(lambda: js(qtbot, editor, "'promo-card' in COMPLETION_DATA.custom"))
    assert "promo-card" in provided(qtbot, editor, "<promo", 1, 7)
    assert "x-section" in provided(qtbot, editor, "<x", 1, 3)
    props = provided(qtbot, editor, "<x-cta ", 1, 8)
    assert "href" in props and ":font-size" in props and "hover-background" in props
    assert set(provided(qtbot, editor, '<x-cta align="', 1, 15)) == {"left", "center", "right"}
    assert set(provided(qtbot, editor, '<promo-card tone="', 1, 19)) == {"calm", "loud"}
    assert "title" in provided(qtbot, editor, "<promo-card ", 1, 13)
    assert "#each" in provided(qtbot, editor, "<div #", 1, 7)


def test_mso_properties_after_typing_mso_in_style(editor, qtbot):
    in_attr = provided(qtbot, editor, '<td style="color: red; mso', 1, 27)
    assert "mso-line-height-rule" in in_attr and "mso-table-lspace" in in_attr
    in_block = provided(qtbot, editor, "<style>\n.a { mso\n</style>", 2, 9)
    assert "mso-hide" in in_block
    assert provided(qtbot, editor, "<p>mso", 1, 7) == []  # plain text is not CSS
    # Enter accepts in the real widget
    load(qtbot, editor, "", 1, 1)
    type_text(qtbot, editor, '<td style="mso-line-height-r')
    probe = "[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].length"
    qtbot.waitUntil(lambda: js(qtbot, editor, probe) > 0, timeout=5000)
    qtbot.keyClick(keys(editor), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "mso-line-height-rule: " in editor.text(), timeout=3000)


def test_liquid_variables_tags_and_filters(editor, qtbot):
    editor.set_liquid_variables({"customer": {"first_name": "Ada", "plan": "pro", "address": {"city": "Paris"}},
                                 "event": {"name": "purchase"}})
    qtbot.waitUntil(lambda: js(qtbot, editor, "'customer' in COMPLETION_DATA.liquid.variables"))
    assert set(provided(qtbot, editor, "{{ ", 1, 4)) >= {"customer", "event"}
    assert set(provided(qtbot, editor, "<p>{{ customer.", 1, 16)) == {"first_name", "plan", "address"}
    assert provided(qtbot, editor, '<a href="{{ customer.address.c', 1, 31) == ["city"]
    filters = provided(qtbot, editor, "{{ customer.first_name | ", 1, 26)
    assert "upcase" in filters and "default" in filters
    assert "unless" in provided(qtbot, editor, "{% un", 1, 6)
    # typed for real: `{{ customer.` pops the sample person's fields
    load(qtbot, editor, "", 1, 1)
    type_text(qtbot, editor, "{{ customer.fi")
    probe = ("[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')]"
             ".map(r => r.getAttribute('aria-label') || r.textContent)")
    qtbot.waitUntil(lambda: any("first_name" in r for r in js(qtbot, editor, probe)), timeout=5000)


# ---- Emmet on Tab --------------------------------------------------------------------------

def test_tab_expands_emmet_abbreviations(editor, qtbot):
    load(qtbot, editor, "")
    type_text(qtbot, editor, "div>ul>li*3")
    qtbot.keyClick(keys(editor), Qt.Key.Key_Tab)
    expected = "<div>\n  <ul>\n    <li></li>\n    <li></li>\n    <li></li>\n  </ul>\n</div>"
    qtbot.waitUntil(lambda: editor.text() == expected, timeout=3000)
    qtbot.waitUntil(lambda: editor.cursor_position() == (3, 9), timeout=3000)  # first tab stop: first <li>


def test_tab_expansion_keeps_the_line_indentation(editor, qtbot):
    load(qtbot, editor, "<x-section>\n  \n</x-section>", 2, 3)
    type_text(qtbot, editor, "a#my-link.text-blue")
    qtbot.keyClick(keys(editor), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: '<a href="" id="my-link" class="text-blue"></a>' in editor.text(), timeout=3000)
    assert editor.text().splitlines()[1] == '  <a href="" id="my-link" class="text-blue"></a>'


def test_tab_after_prose_or_inside_a_tag_just_indents(editor, qtbot):
    load(qtbot, editor, "", 1, 1)
    type_text(qtbot, editor, "hello")
    qtbot.keyClick(keys(editor), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.text() == "hello ", timeout=3000)  # to the next 2-space tab stop
    load(qtbot, editor, '<x-image src="a.png" ', 1, 22)
    type_text(qtbot, editor, "p")
    qtbot.keyClick(keys(editor), Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: editor.text() == '<x-image src="a.png" p  ', timeout=3000)


# ---- shortcuts of §7.5 ---------------------------------------------------------------------

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.mark.parametrize("key, modifiers, name", [
    (Qt.Key.Key_D, CTRL | SHIFT, "toggle-preview"),
    (Qt.Key.Key_B, CTRL | SHIFT, "toggle-sidebar"),
    (Qt.Key.Key_C, CTRL | SHIFT, "toggle-inspect"),
    (Qt.Key.Key_M, CTRL | SHIFT, "toggle-focus-mode"),
    (Qt.Key.Key_W, ALT, "close-editor"),
])
def test_host_shortcuts_come_out_as_signals(editor, qtbot, key, modifiers, name):
    load(qtbot, editor, "x")
    focus(qtbot, editor)
    with qtbot.waitSignal(editor.shortcut_triggered, timeout=3000) as sig:
        qtbot.keyClick(keys(editor), key, modifiers)
    assert sig.args == [name]


def press_and_wait(qtbot, ed, key, modifiers, expected_text):
    qtbot.keyClick(keys(ed), key, modifiers)
    qtbot.waitUntil(lambda: ed.text() == expected_text, timeout=3000)


def test_line_editing_shortcuts(editor, qtbot):
    load(qtbot, editor, "one\ntwo\nthree", 1, 1)
    focus(qtbot, editor)
    press_and_wait(qtbot, editor, Qt.Key.Key_Down, ALT, "two\none\nthree")  # move line down
    press_and_wait(qtbot, editor, Qt.Key.Key_Up, ALT, "one\ntwo\nthree")  # move line up
    press_and_wait(qtbot, editor, Qt.Key.Key_Down, SHIFT | ALT, "one\none\ntwo\nthree")  # copy line down
    press_and_wait(qtbot, editor, Qt.Key.Key_K, CTRL | SHIFT, "one\ntwo\nthree")  # delete line
    press_and_wait(qtbot, editor, Qt.Key.Key_BracketRight, CTRL, "one\n  two\nthree")  # indent
    press_and_wait(qtbot, editor, Qt.Key.Key_BracketLeft, CTRL, "one\ntwo\nthree")  # outdent
    press_and_wait(qtbot, editor, Qt.Key.Key_Slash, CTRL, "one\n<!-- two -->\nthree")  # toggle comment
    press_and_wait(qtbot, editor, Qt.Key.Key_Slash, CTRL, "one\ntwo\nthree")


def select(qtbot, ed, start: int, end: int):
    ed.run_js(f"DS.editor.setSelection(new monaco.Range(1, {start}, 1, {end}))")
    qtbot.waitUntil(lambda: js(qtbot, ed, "DS.editor.getSelection().endColumn") == end)


def test_wrap_bold_italic_underline(editor, qtbot):
    load(qtbot, editor, "Big news")
    focus(qtbot, editor)
    select(qtbot, editor, 1, 4)
    press_and_wait(qtbot, editor, Qt.Key.Key_B, CTRL, "<strong>Big</strong> news")
    select(qtbot, editor, 22, 26)
    press_and_wait(qtbot, editor, Qt.Key.Key_I, CTRL, "<strong>Big</strong> <em>news</em>")
    select(qtbot, editor, 1, 1)
    press_and_wait(qtbot, editor, Qt.Key.Key_U, CTRL, "<u></u><strong>Big</strong> <em>news</em>")


def test_multi_cursor_and_select_line_shortcuts(editor, qtbot):
    load(qtbot, editor, "a\nb\nc", 1, 2)
    focus(qtbot, editor)
    qtbot.keyClick(keys(editor), Qt.Key.Key_Down, CTRL | ALT)  # insert cursor below
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getSelections().length") == 2, timeout=3000)
    qtbot.keyClicks(keys(editor), "!")
    qtbot.waitUntil(lambda: editor.text() == "a!\nb!\nc", timeout=3000)
    qtbot.keyClick(keys(editor), Qt.Key.Key_Escape)
    qtbot.keyClick(keys(editor), Qt.Key.Key_L, CTRL)  # select current line
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getModel().getValueInRange(DS.editor.getSelection())")
                    in ("b!\n", "a!\n"), timeout=3000)


def test_find_replace_shortcuts(editor, qtbot):
    load(qtbot, editor, "cat dog cat dog cat", 1, 1)
    focus(qtbot, editor)
    qtbot.keyClick(keys(editor), Qt.Key.Key_F, CTRL | ALT)  # replace widget
    qtbot.waitUntil(lambda: js(qtbot, editor, "!!document.querySelector('.find-widget.visible.replaceToggled')"),
                    timeout=3000)
    qtbot.waitUntil(lambda: js(qtbot, editor, "document.activeElement.tagName") == "TEXTAREA"
                    and js(qtbot, editor, "document.activeElement.closest('.find-widget') !== null"), timeout=3000)
    qtbot.keyClicks(keys(editor), "cat")  # the find input (seeded with the word at the cursor, selected)
    qtbot.waitUntil(lambda: js(qtbot, editor, "document.activeElement.value") == "cat", timeout=3000)
    qtbot.keyClick(keys(editor), Qt.Key.Key_Return, ALT)  # select all matches
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getSelections().length") == 3, timeout=3000)
    focus(qtbot, editor)
    editor.run_js("DS.editor.setPosition({lineNumber: 1, column: 1})")
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getSelections().length") == 1)
    qtbot.keyClick(keys(editor), Qt.Key.Key_G, CTRL)  # find next
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getSelection().startColumn") == 1
                    and js(qtbot, editor, "DS.editor.getSelection().endColumn") == 4, timeout=3000)
    qtbot.keyClick(keys(editor), Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getSelection().startColumn") == 9, timeout=3000)


def test_fold_and_unfold_current_region(editor, qtbot):
    load(qtbot, editor, "<x-section>\n  <x-paragraph>\n    Hi\n  </x-paragraph>\n</x-section>", 1, 3)
    focus(qtbot, editor)
    qtbot.keyClick(keys(editor), Qt.Key.Key_K, CTRL)
    qtbot.keyClick(keys(editor), Qt.Key.Key_BracketLeft, CTRL)
    visible = "DS.editor.getVisibleRanges().reduce((n, r) => n + r.endLineNumber - r.startLineNumber + 1, 0)"
    qtbot.waitUntil(lambda: js(qtbot, editor, visible) == 2, timeout=3000)
    qtbot.keyClick(keys(editor), Qt.Key.Key_K, CTRL)
    qtbot.keyClick(keys(editor), Qt.Key.Key_BracketRight, CTRL)
    qtbot.waitUntil(lambda: js(qtbot, editor, visible) == 5, timeout=3000)


# ---- formatting, options, themes, preferences ----------------------------------------------

def test_format_document_reindents(editor, qtbot):
    messy = "<x-base>\n<x-section>\n<x-paragraph>Hi {{ customer.first_name }}</x-paragraph>\n</x-section>\n</x-base>"
    load(qtbot, editor, messy)
    editor.format_document()
    qtbot.waitUntil(lambda: editor.text() == (
        "<x-base>\n  <x-section>\n    <x-paragraph>Hi {{ customer.first_name }}</x-paragraph>\n"
        "  </x-section>\n</x-base>"), timeout=3000)
    qtbot.waitUntil(editor.can_undo, timeout=3000)  # formatting is one undoable edit (state arrives async)


def test_preferences_dialog_applies_live_and_persists(editor, qtbot, settings):
    load(qtbot, editor, "x")
    focus(qtbot, editor)
    with qtbot.waitSignal(editor.shortcut_triggered, timeout=3000):
        qtbot.keyClick(keys(editor), Qt.Key.Key_Comma, CTRL)
    from widgets.code_editor.preferences import PreferencesDialog
    dialog = editor.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.font_size.setValue(18)
    dialog.minimap.setChecked(True)
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.fontSize)") == 18)
    assert js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.minimap).enabled") is True
    dialog.accept()
    assert EditorPreferences.load(settings).font_size == 18
    # a new editor starts with the stored preferences
    other = CodeEditor(settings=settings)
    qtbot.addWidget(other)
    qtbot.waitUntil(other.is_ready, timeout=20000)
    qtbot.waitUntil(lambda: js(qtbot, other, "DS.editor.getOption(monaco.editor.EditorOption.fontSize)") == 18)


def test_cancel_reverts_preferences(editor, qtbot, settings):
    load(qtbot, editor, "x")
    dialog = editor.open_preferences()
    dialog.word_wrap.setChecked(True)
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.wordWrap)") == "on")
    dialog.reject()
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.wordWrap)") == "off")
    assert EditorPreferences.load(settings).word_wrap is False


def test_defaults_minimap_off_and_options_per_editor(editor, qtbot):
    assert js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.minimap).enabled") is False
    editor.set_options(line_numbers=False, tab_size=4)
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getModel().getOptions().tabSize") == 4)
    assert js(qtbot, editor, "DS.editor.getOption(monaco.editor.EditorOption.lineNumbers).renderType") == 0


def test_theme_switch(editor, qtbot):
    editor.set_theme("dark")
    qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor._themeService._theme.themeName") == "ds-dark")
    bg = js(qtbot, editor, "getComputedStyle(document.querySelector('.monaco-editor-background')).backgroundColor")
    assert bg == "rgb(23, 24, 28)"  # the app's dark base colour


def test_other_languages(editor, qtbot):
    for language in ("css", "json", "javascript", "liquid-text", "design-studio-html"):
        editor.set_language(language)
        qtbot.waitUntil(lambda: js(qtbot, editor, "DS.editor.getModel().getLanguageId()") == language)


# ---- load time ---------------------------------------------------------------------------

def test_load_time(qtbot, settings):
    """Construction to `ready` (Monaco loaded, page bridged), five editors; the median is reported."""
    times = []
    for _ in range(5):
        ed = CodeEditor(settings=settings)
        qtbot.addWidget(ed)
        ed.set_text(NEWSLETTER)
        qtbot.waitUntil(ed.is_ready, timeout=20000)
        times.append(ed.load_ms)
        ed.close()
    median = statistics.median(times)
    print(f"\ncode editor load: median {median:.0f} ms over {len(times)} ({', '.join(f'{t:.0f}' for t in times)})")
    assert median < 5000
