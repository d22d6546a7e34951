// Autocomplete for Design Studio source (spec §7.2). All data comes from Python
// (`CodeEditor.set_*`), so the compiler's schemas stay the only source of truth:
//   COMPLETION_DATA.components / .custom: {tag: {props: {name: {type, values}}, void, description}}
//   COMPLETION_DATA.liquid: {variables: {...sample person...}, tags: [...], filters: [...]}
//   COMPLETION_DATA.mso: [{name, description}]
// The context (tag name, attribute, attribute value, CSS, Liquid) is read from
// the text before the cursor; a look-back of 8 KB is plenty for one tag or block.
/* global monaco, DS_LANGUAGE, LIQUID_TEXT */
"use strict";

const COMPLETION_DATA = {
  components: {},
  custom: {},
  liquid: { variables: {}, tags: [], filters: [] },
  mso: [],
};

const DIRECTIVES = [
  ["#if", "render only if the expression is truthy"], ["#else-if", "next condition of an #if chain"],
  ["#else", "last branch of an #if chain"], ["#each", "repeat for each item: item in list"],
  ["#set", "set several attributes from an object"], ["#set:html", "inner HTML without escaping"],
  ["#is", "render as another tag or component"], ["#is:raw", "emit descendants literally"],
  ["#slot", "put this element into a named slot"], ["#isolated", "<style> only: isolate the stylesheet"],
  ["#class:", "always add a class"], ["#style:", "add a style property"],
];

function lookBack(model, position) {
  const start = model.getPositionAt(Math.max(0, model.getOffsetAt(position) - 8192));
  return model.getValueInRange({
    startLineNumber: start.lineNumber, startColumn: start.column,
    endLineNumber: position.lineNumber, endColumn: position.column,
  });
}

function rangeBack(position, length) {
  return {
    startLineNumber: position.lineNumber, startColumn: position.column - length,
    endLineNumber: position.lineNumber, endColumn: position.column,
  };
}

// Unclosed `{{` or `{%` before the cursor: returns {kind, expr} or null.
function liquidContext(before) {
  const open = Math.max(before.lastIndexOf("{{"), before.lastIndexOf("{%"));
  if (open < 0) return null;
  const close = Math.max(before.lastIndexOf("}}"), before.lastIndexOf("%}"));
  if (close > open) return null;
  return { kind: before.substr(open, 2) === "{{" ? "output" : "tag", expr: before.slice(open + 2) };
}

function liquidSuggestions(ctx, position) {
  const K = monaco.languages.CompletionItemKind;
  const expr = ctx.expr;
  const filter = /\|\s*([\w]*)$/.exec(expr);
  if (filter) {
    return COMPLETION_DATA.liquid.filters.map((name) => ({
      label: name, kind: K.Function, insertText: name, detail: "Liquid filter",
      range: rangeBack(position, filter[1].length),
    }));
  }
  if (ctx.kind === "tag" && /^-?\s*\w*$/.test(expr)) {
    const word = /\w*$/.exec(expr)[0];
    return COMPLETION_DATA.liquid.tags.map((name) => ({
      label: name, kind: K.Keyword, insertText: name, detail: "Liquid tag",
      range: rangeBack(position, word.length),
    }));
  }
  const path = /([A-Za-z_][\w-]*(?:\.[\w-]+)*)?\.?([\w-]*)$/.exec(expr);
  const typed = path[0];
  const parts = typed.split(".");
  const leaf = parts.pop();
  let node = COMPLETION_DATA.liquid.variables;
  for (const p of parts) {
    node = node && typeof node === "object" ? node[p] : undefined;
  }
  if (!node || typeof node !== "object" || Array.isArray(node)) return [];
  return Object.keys(node).map((key) => {
    const value = node[key];
    const isObject = value && typeof value === "object" && !Array.isArray(value);
    return {
      label: key, kind: isObject ? K.Module : K.Variable, insertText: key,
      detail: isObject ? "object" : JSON.stringify(value),
      range: rangeBack(position, leaf.length),
    };
  });
}

function allComponents() {
  return Object.assign({}, COMPLETION_DATA.components, COMPLETION_DATA.custom);
}

// Inside a start tag: {tag, attrText} (attrText = text after the tag name), else null.
function openTagContext(before) {
  const lt = before.lastIndexOf("<");
  if (lt < 0 || before.lastIndexOf(">") > lt) return null;
  const m = /^<([A-Za-z][\w-]*)(\s[\s\S]*)?$/.exec(before.slice(lt));
  if (!m) return null;
  return { tag: m[1], attrText: m[2] || "" };
}

function insideStyleBlock(before) {
  return before.lastIndexOf("<style") > before.lastIndexOf("</style");
}

function msoSuggestions(word, position, inAttribute) {
  const K = monaco.languages.CompletionItemKind;
  return COMPLETION_DATA.mso.map((p) => ({
    label: p.name, kind: K.Property, detail: "Outlook (MSO) CSS", documentation: p.description,
    insertText: `${p.name}: \${1}${inAttribute ? ";" : ";"}`,
    insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
    range: rangeBack(position, word.length),
  }));
}

function tagSuggestions(typed, position) {
  const K = monaco.languages.CompletionItemKind;
  const items = [];
  const add = (tag, info, detail) => {
    const body = info.void ? `${tag}\${1}/>` : `${tag}>\${0}</${tag}>`;
    items.push({
      label: tag, kind: K.Class, detail, documentation: info.description || "",
      insertText: body, insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
      range: rangeBack(position, typed.length), sortText: (tag.startsWith("x-") ? "0" : "1") + tag,
    });
  };
  for (const [tag, info] of Object.entries(COMPLETION_DATA.components)) add(tag, info, info.label || "Design Studio component");
  for (const [tag, info] of Object.entries(COMPLETION_DATA.custom)) add(tag, info, info.label || "Custom component");
  return items;
}

function attributeSuggestions(tag, typed, position) {
  const K = monaco.languages.CompletionItemKind;
  const info = allComponents()[tag];
  const rules = monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet;
  const items = [];
  if (typed.startsWith("#")) {
    for (const [name, doc] of DIRECTIVES) {
      items.push({
        label: name, kind: K.Keyword, detail: "directive", documentation: doc,
        insertText: name.endsWith(":") || name === "#else" || name === "#is:raw" ? name : `${name}="\${1}"`,
        insertTextRules: rules, range: rangeBack(position, typed.length),
      });
    }
    return items;
  }
  if (!info) return [];
  const prefix = typed.startsWith(":") ? ":" : "";
  for (const [name, prop] of Object.entries(info.props || {})) {
    const literal = prop.type === "number" || prop.type === "boolean" || prop.type === "array";
    const attr = prefix || literal ? `:${name}` : name;
    items.push({
      label: attr, kind: K.Property, detail: prop.type + (prop.values && prop.values.length ? `: ${prop.values.join(" | ")}` : ""),
      insertText: `${attr}="\${1}"`, insertTextRules: rules, range: rangeBack(position, typed.length),
      command: prop.values && prop.values.length ? { id: "editor.action.triggerSuggest" } : undefined,
    });
  }
  return items;
}

function valueSuggestions(tag, attr, typed, position) {
  const info = allComponents()[tag];
  const prop = info && info.props ? info.props[attr.replace(/^:/, "")] : null;
  if (!prop || !prop.values || !prop.values.length) return [];
  return prop.values.map((v) => ({
    label: v, kind: monaco.languages.CompletionItemKind.EnumMember, insertText: v,
    range: rangeBack(position, typed.length),
  }));
}

function provideDesignStudio(model, position) {
  const before = lookBack(model, position);
  const liquid = liquidContext(before);
  if (liquid) return liquidSuggestions(liquid, position);

  const tagCtx = openTagContext(before);
  if (tagCtx) {
    const attrs = tagCtx.attrText;
    const styleAttr = /\sstyle\s*=\s*(["'])([^"']*)$/.exec(attrs);
    if (styleAttr) {
      const word = /[\w-]*$/.exec(styleAttr[2])[0];
      return word.startsWith("mso") ? msoSuggestions(word, position, true) : [];
    }
    const inValue = /\s([:#]?[\w:.-]+)\s*=\s*(["'])([^"']*)$/.exec(attrs);
    if (inValue) return valueSuggestions(tagCtx.tag, inValue[1], inValue[3], position);
    if (!attrs) {
      return tagSuggestions(tagCtx.tag, position); // still typing the tag name
    }
    const word = /[:#]?[\w:.-]*$/.exec(attrs)[0];
    return attributeSuggestions(tagCtx.tag, word, position);
  }
  if (/<$/.test(before)) return tagSuggestions("", position);
  if (insideStyleBlock(before)) {
    const word = /[\w-]*$/.exec(before)[0];
    return word.startsWith("mso") ? msoSuggestions(word, position, false) : [];
  }
  return [];
}

function registerCompletions() {
  monaco.languages.registerCompletionItemProvider(DS_LANGUAGE, {
    triggerCharacters: ["<", "-", " ", ":", "#", ".", "|", '"', "{", "%"],
    provideCompletionItems(model, position) {
      return { suggestions: provideDesignStudio(model, position) };
    },
  });
  monaco.languages.registerCompletionItemProvider(LIQUID_TEXT, {
    triggerCharacters: [".", "|", " ", "{", "%"],
    provideCompletionItems(model, position) {
      const liquid = liquidContext(lookBack(model, position));
      return { suggestions: liquid ? liquidSuggestions(liquid, position) : [] };
    },
  });
}
