// Boots Monaco and talks to Python (widgets/code_editor/bridge.py) over a QWebChannel.
//
// Python -> JS: the bridge's `command(name, json)` signal, dispatched by COMMANDS.
// JS -> Python: bridge slots — pageReady, contentChanged (full text + version on
// every change, so Python's text() is synchronous), stateChanged (undo/redo,
// cursor, focus), shortcut (keys the host window handles), and two slots with
// return values (expandEmmet, formatText) used through callbacks.
// Monaco's location comes in the query string (?vs=file:///…/min/vs) because
// it lives in the monaco-qt package, not next to this page.
/* global monaco, require, QWebChannel, qt, registerLanguages, defineThemes, registerCompletions,
          COMPLETION_DATA, DS_LANGUAGE */
"use strict";

const DS = { bridge: null, editor: null, msoHighlight: true, theme: "light", knownTags: [], decorations: [] };

function post(slot, ...args) {
  if (DS.bridge) DS.bridge[slot](...args);
}

function reportState() {
  const ed = DS.editor;
  const model = ed.getModel();
  const pos = ed.getPosition() || { lineNumber: 1, column: 1 };
  post("stateChanged", JSON.stringify({
    canUndo: model.canUndo ? model.canUndo() : true,
    canRedo: model.canRedo ? model.canRedo() : false,
    line: pos.lineNumber, column: pos.column,
    focused: ed.hasTextFocus(),
  }));
}

// ---- Emmet on Tab -----------------------------------------------------------
// The abbreviation is the run of non-space characters before the cursor (spaces
// allowed inside {text} and [attrs]); it must start a line or follow whitespace
// or `>`, and the cursor must not be inside a tag, a quoted value or Liquid.
function abbreviationBeforeCursor() {
  const ed = DS.editor;
  const sel = ed.getSelection();
  if (!sel.isEmpty() || ed.getSelections().length > 1) return null;
  const pos = sel.getPosition();
  const line = ed.getModel().getLineContent(pos.lineNumber).slice(0, pos.column - 1);
  let i = line.length, depth = 0;
  while (i > 0) {
    const ch = line[i - 1];
    if (ch === "}" || ch === "]") depth++;
    else if (ch === "{" || ch === "[") depth--;
    else if (depth === 0 && /\s/.test(ch)) break;
    if (depth < 0) return null;
    i--;
  }
  let abbr = line.slice(i);
  // `<p>div.x` — the text after the last `>` of a finished tag is the abbreviation.
  const gt = abbr.lastIndexOf(">");
  if (abbr.includes("<") && gt >= 0) abbr = abbr.slice(gt + 1);
  if (!abbr || abbr.includes("<") || abbr.includes("{{") || abbr.includes("{%")) return null;
  const before = ed.getModel().getValueInRange({
    startLineNumber: Math.max(1, pos.lineNumber - 200), startColumn: 1,
    endLineNumber: pos.lineNumber, endColumn: pos.column - abbr.length,
  });
  if (before.lastIndexOf("<") > before.lastIndexOf(">")) return null; // inside a tag
  if (liquidContext(before)) return null;
  return { text: abbr, position: pos };
}

function tabPressed() {
  const ed = DS.editor;
  const found = ed.getModel().getLanguageId() === DS_LANGUAGE ? abbreviationBeforeCursor() : null;
  if (!found) {
    ed.trigger("keyboard", "tab", null);
    return;
  }
  const version = ed.getModel().getVersionId();
  const indent = ed.getModel().getOptions().insertSpaces ? " ".repeat(ed.getModel().getOptions().tabSize) : "\t";
  DS.bridge.expandEmmet(found.text, indent, (snippet) => {
    if (ed.getModel().getVersionId() !== version) return; // the user typed on meanwhile
    if (!snippet) {
      ed.trigger("keyboard", "tab", null);
      return;
    }
    ed.getContribution("snippetController2").insert(snippet, { overwriteBefore: found.text.length, overwriteAfter: 0 });
    ed.focus();
  });
}

// ---- Formatting -------------------------------------------------------------
// Design Studio source and the Text tab are formatted by Python (formatting.py);
// CSS, JSON and JavaScript use Monaco's own formatters.
function registerFormatters() {
  for (const lang of [DS_LANGUAGE, "liquid-text"]) {
    monaco.languages.registerDocumentFormattingEditProvider(lang, {
      provideDocumentFormattingEdits(model, options) {
        return new Promise((resolve) => {
          DS.bridge.formatText(lang, model.getValue(), options.tabSize, (formatted) => {
            if (formatted === null || formatted === undefined || formatted === model.getValue()) {
              resolve([]);
            } else {
              resolve([{ range: model.getFullModelRange(), text: formatted }]);
            }
          });
        });
      },
    });
  }
}

// ---- Keyboard shortcuts of spec §7.5 that differ from Monaco's defaults -------
function wrapSelection(tag) {
  const ed = DS.editor;
  const edits = ed.getSelections().map((sel) => {
    const text = ed.getModel().getValueInRange(sel);
    return { range: sel, text: `<${tag}>${text}</${tag}>` };
  });
  ed.executeEdits("wrap-" + tag, edits);
}

function registerShortcuts() {
  const ed = DS.editor;
  const KM = monaco.KeyMod, KC = monaco.KeyCode;
  const run = (id) => () => ed.trigger("keyboard", id, null);
  const host = (name) => () => post("shortcut", name);
  const bindings = [
    // host window actions (the page swallows these keys, so they travel as names)
    [KM.CtrlCmd | KC.Comma, host("preferences")],
    [KM.CtrlCmd | KM.Shift | KC.KeyB, host("toggle-sidebar")],
    [KM.Alt | KC.KeyW, host("close-editor")],
    [KM.CtrlCmd | KM.Shift | KC.KeyD, host("toggle-preview")],
    [KM.CtrlCmd | KM.Shift | KC.KeyC, host("toggle-inspect")],
    [KM.CtrlCmd | KM.Shift | KC.KeyM, host("toggle-focus-mode")],
    [KM.CtrlCmd | KC.KeyS, host("save")],
    // formatting: Ctrl+U is cursor-undo and Ctrl+I trigger-suggest in Monaco
    [KM.CtrlCmd | KC.KeyB, () => wrapSelection("strong")],
    [KM.CtrlCmd | KC.KeyI, () => wrapSelection("em")],
    [KM.CtrlCmd | KC.KeyU, () => wrapSelection("u")],
    // Linux keymaps bind Shift+Alt+Up/Down to add-cursor; the spec wants copy-line there
    [KM.Shift | KM.Alt | KC.UpArrow, run("editor.action.copyLinesUpAction")],
    [KM.Shift | KM.Alt | KC.DownArrow, run("editor.action.copyLinesDownAction")],
    [KM.CtrlCmd | KM.Alt | KC.UpArrow, run("editor.action.insertCursorAbove")],
    [KM.CtrlCmd | KM.Alt | KC.DownArrow, run("editor.action.insertCursorBelow")],
    // fold/unfold the current region (Monaco: Ctrl+K Ctrl+[ folds recursively)
    [KM.chord(KM.CtrlCmd | KC.KeyK, KM.CtrlCmd | KC.BracketLeft), run("editor.fold")],
    [KM.chord(KM.CtrlCmd | KC.KeyK, KM.CtrlCmd | KC.BracketRight), run("editor.unfold")],
    // find/replace: Monaco uses Ctrl+H and F3 / Shift+F3 (Ctrl+G is go-to-line)
    [KM.CtrlCmd | KM.Alt | KC.KeyF, run("editor.action.startFindReplaceAction")],
    [KM.CtrlCmd | KC.KeyG, run("editor.action.nextMatchFindAction")],
    [KM.CtrlCmd | KM.Shift | KC.KeyG, run("editor.action.previousMatchFindAction")],
  ];
  for (const [keys, handler] of bindings) ed.addCommand(keys, handler);
  // Tab: Emmet first, plain Tab otherwise; not while a suggestion or snippet is active.
  ed.addCommand(KC.Tab, tabPressed,
    "editorTextFocus && !editorReadonly && !suggestWidgetVisible && !inSnippetMode && !editorHasSelection && !editorTabMovesFocus");
}

// ---- Markers ------------------------------------------------------------------
function setMarkers(problems) {
  const model = DS.editor.getModel();
  const S = monaco.MarkerSeverity;
  const sev = { error: S.Error, warning: S.Warning, info: S.Info };
  const markers = problems.map((p) => {
    const line = Math.min(Math.max(1, p.line || 1), model.getLineCount());
    const col = Math.max(1, p.column || 1);
    // underline the word at (or right after) the position, else one character
    const word = model.getWordAtPosition({ lineNumber: line, column: col })
      || model.getWordAtPosition({ lineNumber: line, column: col + 1 });
    const endColumn = word && word.endColumn > col ? word.endColumn : Math.min(col + 1, model.getLineMaxColumn(line));
    return {
      severity: sev[p.severity] || S.Error, message: p.message, source: p.rule || undefined, code: p.rule || undefined,
      startLineNumber: line, startColumn: p.column ? col : model.getLineFirstNonWhitespaceColumn(line) || 1,
      endLineNumber: line, endColumn,
    };
  });
  monaco.editor.setModelMarkers(model, "design-studio", markers);
  // gutter dots (markers alone draw squiggles, the overview ruler and the minimap)
  DS.decorations = DS.editor.deltaDecorations(DS.decorations, markers.map((m) => ({
    range: new monaco.Range(m.startLineNumber, 1, m.startLineNumber, 1),
    options: {
      glyphMarginClassName: m.severity === S.Error ? "ds-glyph-error" : "ds-glyph-warning",
      glyphMarginHoverMessage: { value: m.message },
      minimap: { color: m.severity === S.Error ? "#e5484d" : "#e8a317", position: 1 },
    },
  })));
}

// One undo step: stops before and after, the cursor placed at the end of the new text.
function replaceAsOneEdit(range, text) {
  const ed = DS.editor;
  const model = ed.getModel();
  const start = model.validatePosition({ lineNumber: range.startLineNumber, column: range.startColumn });
  const end = model.validatePosition({ lineNumber: range.endLineNumber, column: range.endColumn });
  const startOffset = model.getOffsetAt(start);
  ed.pushUndoStop();
  ed.executeEdits("host", [{ range: monaco.Range.fromPositions(start, end), text, forceMoveMarkers: true }]);
  ed.pushUndoStop();
  const after = model.getPositionAt(startOffset + text.length);
  ed.setPosition(after);
  ed.revealPositionInCenterIfOutsideViewport(after);
  ed.focus();
}

// ---- Commands from Python -------------------------------------------------------
const COMMANDS = {
  setText(a) {
    const model = DS.editor.getModel();
    if (model.getValue() !== a.text) model.setValue(a.text);
  },
  setLanguage(a) { monaco.editor.setModelLanguage(DS.editor.getModel(), a.language); },
  setTheme(a) { DS.theme = a.theme; monaco.editor.setTheme(`ds-${a.theme}`); },
  setReadOnly(a) { DS.editor.updateOptions({ readOnly: a.readOnly }); },
  setOptions(a) {
    const o = {};
    if (a.fontSize !== undefined) o.fontSize = a.fontSize;
    if (a.wordWrap !== undefined) o.wordWrap = a.wordWrap ? "on" : "off";
    if (a.minimap !== undefined) o.minimap = { enabled: a.minimap };
    if (a.lineNumbers !== undefined) o.lineNumbers = a.lineNumbers ? "on" : "off";
    DS.editor.updateOptions(o);
    if (a.tabSize !== undefined) DS.editor.getModel().updateOptions({ tabSize: a.tabSize, insertSpaces: true });
    if (a.msoHighlight !== undefined && a.msoHighlight !== DS.msoHighlight) {
      DS.msoHighlight = a.msoHighlight;
      defineThemes(DS.msoHighlight);
      monaco.editor.setTheme(`ds-${DS.theme}`);
    }
  },
  goTo(a) {
    const ed = DS.editor;
    const pos = ed.getModel().validatePosition({ lineNumber: a.line, column: a.column });
    ed.setPosition(pos);
    ed.revealPositionInCenterIfOutsideViewport(pos);
    ed.focus();
  },
  setMarkers(a) { setMarkers(a.problems); },
  addContextAction(a) {
    DS.editor.addAction({
      id: a.id, label: a.label, contextMenuGroupId: "0_host", contextMenuOrder: a.order || 0,
      run: () => post("contextAction", a.id),
    });
  },
  insertText(a) { replaceAsOneEdit(DS.editor.getSelection(), a.text); },
  replaceRange(a) {
    replaceAsOneEdit(new monaco.Range(a.startLine, a.startColumn, a.endLine, a.endColumn), a.text);
  },
  setCompletionData(a) { Object.assign(COMPLETION_DATA, a.data); DS.knownTags = a.knownTags || DS.knownTags; },
  format() { DS.editor.getAction("editor.action.formatDocument").run(); },
  undo() { DS.editor.trigger("api", "undo", null); DS.editor.focus(); },
  redo() { DS.editor.trigger("api", "redo", null); DS.editor.focus(); },
  focus() { DS.editor.focus(); },
  action(a) { DS.editor.trigger("api", a.id, a.args || null); },
};

function runCommand(name, json) {
  const fn = COMMANDS[name];
  if (!fn) { console.error("unknown editor command " + name); return; }
  try { fn(JSON.parse(json)); } catch (e) { console.error(`editor command ${name} failed: ${e && e.stack || e}`); }
}

// ---- Boot ------------------------------------------------------------------------
function boot() {
  registerLanguages();
  defineThemes(DS.msoHighlight);
  registerCompletions();
  registerFormatters();
  DS.editor = monaco.editor.create(document.getElementById("container"), {
    value: "", language: DS_LANGUAGE, theme: "ds-light",
    automaticLayout: true, minimap: { enabled: false }, glyphMargin: true, folding: true,
    fontFamily: "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace", fontSize: 13,
    tabSize: 2, insertSpaces: true, detectIndentation: false, scrollBeyondLastLine: false,
    renderWhitespace: "selection", fixedOverflowWidgets: true, multiCursorModifier: "alt",
    quickSuggestions: { other: true, strings: true, comments: false }, suggestOnTriggerCharacters: true,
    emptySelectionClipboard: true, wordWrap: "off", lineNumbers: "on", tabCompletion: "off",
    overviewRulerBorder: false, renderLineHighlight: "all",
  });
  const model = DS.editor.getModel();
  model.updateOptions({ tabSize: 2, insertSpaces: true });
  model.onDidChangeContent(() => {
    post("contentChanged", model.getValue(), model.getVersionId());
    reportState();
  });
  DS.editor.onDidChangeCursorPosition(reportState);
  DS.editor.onDidFocusEditorText(reportState);
  DS.editor.onDidBlurEditorText(reportState);
  registerShortcuts();
  new QWebChannel(qt.webChannelTransport, (channel) => {
    DS.bridge = channel.objects.bridge;
    DS.bridge.command.connect(runCommand);
    post("pageReady", JSON.stringify({ monaco: monaco.editor.EditorType ? "ok" : "?" }));
  });
}

(function load() {
  const vs = new URLSearchParams(location.search).get("vs");
  const loader = document.createElement("script");
  loader.src = vs + "/loader.js";
  loader.onload = () => {
    require.config({ paths: { vs } });
    // Workers cannot start from a file:// page: Monaco notices and runs them on the main thread.
    require(["vs/editor/editor.main"], boot);
  };
  loader.onerror = () => console.error("Monaco loader not found at " + vs);
  document.head.appendChild(loader);
})();
