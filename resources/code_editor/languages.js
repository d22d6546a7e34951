// Monarch tokenizers and colour themes for Design Studio source (spec §7.2).
//
// `design-studio-html` is HTML plus what Design Studio adds: `x-` components
// and custom component tags (own colours), `:expr` and `#directive`
// attributes, Liquid `{{ }}`/`{% %}` anywhere (also inside attribute values
// and CSS), and Outlook conditional comments. CSS inside <style> and style=""
// is tokenized here rather than embedded, so Liquid and `mso-` properties keep
// their colours there; <script> embeds Monaco's own JavaScript tokenizer.
// `liquid-text` is the Text tab: plain text with Liquid.
/* global monaco */
"use strict";

const DS_LANGUAGE = "design-studio-html";
const LIQUID_TEXT = "liquid-text";

// Liquid states shared by both languages.
const LIQUID_STATES = {
  liquidOutput: [
    [/-?\}\}/, { token: "liquid.delimiter", next: "@pop" }],
    { include: "@liquidExpression" },
  ],
  liquidTagBody: [
    [/-?%\}/, { token: "liquid.delimiter", next: "@pop" }],
    [/\b(and|or|contains|in|with|as|for|by|reversed|limit|offset)\b/, "liquid.keyword"],
    { include: "@liquidExpression" },
  ],
  liquidExpression: [
    [/\s+/, ""],
    [/(\|)(\s*)([A-Za-z_][\w]*)/, ["liquid.operator", "", "liquid.filter"]],
    [/"[^"]*"|'[^']*'/, "liquid.string"],
    [/-?\d+(\.\d+)?/, "liquid.number"],
    [/\b(true|false|nil|null|empty|blank)\b/, "liquid.constant"],
    [/[A-Za-z_][\w-]*/, "liquid.variable"],
    [/==|!=|<=|>=|<|>|:|,|\.\.?|\[|\]|\(|\)|=/, "liquid.operator"],
    [/./, "liquid.variable"],
  ],
  liquidComment: [
    [/\{%-?\s*endcomment\s*-?%\}/, { token: "comment.liquid", next: "@pop" }],
    [/[^{]+|\{/, "comment.liquid"],
  ],
  liquidRaw: [
    [/\{%-?\s*endraw\s*-?%\}/, { token: "liquid.delimiter", next: "@pop" }],
    [/[^{]+|\{/, ""],
  ],
  liquid: [
    [/\{%-?\s*comment\s*-?%\}/, { token: "comment.liquid", next: "@liquidComment" }],
    [/\{%-?\s*raw\s*-?%\}/, { token: "liquid.delimiter", next: "@liquidRaw" }],
    [/\{\{-?/, { token: "liquid.delimiter", next: "@liquidOutput" }],
    [/(\{%-?)(\s*)([A-Za-z_]\w*)/, ["liquid.delimiter", "", { token: "liquid.tag", next: "@liquidTagBody" }]],
  ],
};

function dsHtmlLanguage() {
  const attrValue = (quote, token) => [
    [new RegExp(quote), { token, next: "@pop" }],
    { include: "@liquid" },
    [new RegExp(`[^${quote}{]+`), token],
    [/\{/, token],
  ];
  return {
    defaultToken: "",
    tokenPostfix: ".ds",
    ignoreCase: false,
    tokenizer: Object.assign({
      root: [
        { include: "@liquid" },
        [/\$\{/, { token: "delimiter.interpolation", next: "@interpolation" }],
        [/<!--\[if[^\]]*\]>(<!-->)?/, "comment.mso"],
        [/(<!--)?<!\[endif\]-->/, "comment.mso"],
        [/<!\[endif\]>/, "comment.mso"],
        [/<!--/, { token: "comment", next: "@comment" }],
        [/<!DOCTYPE/i, { token: "metatag", next: "@doctype" }],
        [/(<)(style|script)(?=[\s/>])/, ["delimiter", { token: "tag", next: "@tag.$2" }]],
        [/(<)(x-[\w-]*)/, ["delimiter", { token: "tag.component", next: "@tag.component" }]],
        [/(<)([a-z][a-z0-9]*-[a-z0-9-]*)/, ["delimiter", { token: "tag.custom", next: "@tag.custom" }]],
        [/(<)([A-Za-z][\w]*)/, ["delimiter", { token: "tag", next: "@tag.html" }]],
        [/(<\/)(x-[\w-]*)(\s*)(>)/, ["delimiter", "tag.component", "", "delimiter"]],
        [/(<\/)([a-z][a-z0-9]*-[a-z0-9-]*)(\s*)(>)/, ["delimiter", "tag.custom", "", "delimiter"]],
        [/(<\/)([A-Za-z][\w]*)(\s*)(>)/, ["delimiter", "tag", "", "delimiter"]],
        [/&\w+;|&#\d+;|&#x[0-9a-fA-F]+;/, "string.escape"],
        [/[^<{$&]+/, ""],
        [/./, ""],
      ],
      interpolation: [
        [/\}/, { token: "delimiter.interpolation", next: "@pop" }],
        [/[^}]+/, "attribute.value.expression"],
      ],
      doctype: [[/[^>]+/, "metatag.content"], [/>/, { token: "metatag", next: "@pop" }]],
      comment: [
        [/-->/, { token: "comment", next: "@pop" }],
        [/[^-]+|-/, "comment"],
      ],
      tag: [
        [/\s+/, ""],
        [/\/?>/, {
          cases: {
            "$S2==style": { token: "delimiter", switchTo: "@cssBlock" },
            "$S2==script": { token: "delimiter", switchTo: "@scriptBody", nextEmbedded: "javascript" },
            "@default": { token: "delimiter", next: "@pop" },
          },
        }],
        { include: "@liquid" },
        [/(style)(\s*)(=)(\s*)(")/, ["attribute.name", "", "delimiter", "", { token: "attribute.value", next: "@cssInline.double" }]],
        [/(style)(\s*)(=)(\s*)(')/, ["attribute.name", "", "delimiter", "", { token: "attribute.value", next: "@cssInline.single" }]],
        [/(:[\w:.@-]*|#set:[\w:.@-]*)(\s*)(=)(\s*)(")/, ["attribute.name.expression", "", "delimiter", "", { token: "attribute.value.expression", next: "@exprDouble" }]],
        [/(:[\w:.@-]*|#set:[\w:.@-]*)(\s*)(=)(\s*)(')/, ["attribute.name.expression", "", "delimiter", "", { token: "attribute.value.expression", next: "@exprSingle" }]],
        [/(#[\w:.@-]+)(\s*)(=)(\s*)(")/, ["attribute.name.directive", "", "delimiter", "", { token: "attribute.value.expression", next: "@exprDouble" }]],
        [/(#[\w:.@-]+)(\s*)(=)(\s*)(')/, ["attribute.name.directive", "", "delimiter", "", { token: "attribute.value.expression", next: "@exprSingle" }]],
        [/:[\w:.@-]*/, "attribute.name.expression"],
        [/#[\w:.@-]+/, "attribute.name.directive"],
        [/[\w@.-]+/, "attribute.name"],
        [/=/, "delimiter"],
        [/"/, { token: "attribute.value", next: "@attrDouble" }],
        [/'/, { token: "attribute.value", next: "@attrSingle" }],
        [/[^\s"'>=/{]+/, "attribute.value"],
        [/./, ""],
      ],
      attrDouble: attrValue('"', "attribute.value"),
      attrSingle: attrValue("'", "attribute.value"),
      exprDouble: attrValue('"', "attribute.value.expression"),
      exprSingle: attrValue("'", "attribute.value.expression"),
      scriptBody: [
        [/<\/script/, { token: "@rematch", next: "@pop", nextEmbedded: "@pop" }],
        [/[^<]+/, ""],
        [/</, ""],
      ],
      // --- CSS (inside <style> and style="") ---
      cssBlock: [
        [/<\/style/, { token: "@rematch", next: "@pop" }],
        { include: "@cssTop" },
      ],
      cssNested: [
        [/\}/, { token: "delimiter.bracket.css", next: "@pop" }],
        [/<\/style/, { token: "@rematch", next: "@popall" }],
        { include: "@cssTop" },
      ],
      cssTop: [
        { include: "@liquid" },
        [/\/\*/, { token: "comment", next: "@cssComment" }],
        [/@[\w-]+/, { token: "keyword.css", next: "@cssAtRule" }],
        [/\{/, { token: "delimiter.bracket.css", next: "@cssDeclarations" }],
        [/[^<{}/@\s]+/, "selector.css"],
        [/\s+/, ""],
        [/[<}/]/, ""],
      ],
      cssAtRule: [
        [/\{/, { token: "delimiter.bracket.css", switchTo: "@cssNested" }],
        [/;/, { token: "delimiter", next: "@pop" }],
        [/<\/style/, { token: "@rematch", next: "@popall" }],
        { include: "@liquid" },
        [/[^{;<]+/, "keyword.css.prelude"],
        [/</, ""],
      ],
      cssDeclarations: [
        [/\}/, { token: "delimiter.bracket.css", next: "@pop" }],
        [/<\/style/, { token: "@rematch", next: "@popall" }],
        { include: "@cssDeclaration" },
      ],
      // cssInline (style="" / style='') is added by withInlineCss: it depends on the quote.
      cssDeclaration: [
        { include: "@liquid" },
        [/\/\*/, { token: "comment", next: "@cssComment" }],
        [/(mso-[\w-]*)(\s*)(:?)/, ["css.property.mso", "", "delimiter"]],
        [/(-?[A-Za-z][\w-]*)(\s*)(:)/, ["css.property", "", "delimiter"]],
        [/!important/, "keyword.css"],
        [/;/, "delimiter"],
        [/"[^"]*"|'[^']*'(?=[^"]*")/, "string.css"],
        [/#[0-9a-fA-F]{3,8}\b/, "css.value.color"],
        [/-?\d*\.?\d+(px|em|rem|%|pt|vh|vw|s|ms)?/, "css.value.number"],
        [/[^;{}"'<#\s\d-]+/, "css.value"],
        [/\s+/, ""],
        [/./, "css.value"],
      ],
      cssComment: [
        [/\*\//, { token: "comment", next: "@pop" }],
        [/[^*]+|\*/, "comment"],
      ],
    }, LIQUID_STATES),
  };
}

function liquidTextLanguage() {
  return {
    defaultToken: "",
    tokenPostfix: ".lt",
    tokenizer: Object.assign({
      root: [
        { include: "@liquid" },
        [/https?:\/\/[^\s)]+/, "string.link"],
        [/[^{h]+|\{|h/, ""],
      ],
    }, LIQUID_STATES),
  };
}

// The quote of style="..." vs style='...' decides where the inline CSS ends.
function withInlineCss(lang) {
  const t = lang.tokenizer;
  t.cssInline = [
    [/"/, { cases: { "$S2==double": { token: "attribute.value", next: "@pop" }, "@default": "string.css" } }],
    [/'/, { cases: { "$S2==single": { token: "attribute.value", next: "@pop" }, "@default": "string.css" } }],
    { include: "@liquid" },
    [/\/\*/, { token: "comment", next: "@cssComment" }],
    [/(mso-[\w-]*)(\s*)(:?)/, ["css.property.mso", "", "delimiter"]],
    [/(-?[A-Za-z][\w-]*)(\s*)(:)/, ["css.property", "", "delimiter"]],
    [/!important/, "keyword.css"],
    [/;/, "delimiter"],
    [/#[0-9a-fA-F]{3,8}\b/, "css.value.color"],
    [/-?\d*\.?\d+(px|em|rem|%|pt|vh|vw|s|ms)?/, "css.value.number"],
    [/[^;{}"'<#\s\d-]+/, "css.value"],
    [/\s+/, ""],
    [/./, "css.value"],
  ];
  return lang;
}

const DS_LANGUAGE_CONFIGURATION = {
  comments: { blockComment: ["<!--", "-->"] },
  brackets: [["<!--", "-->"], ["<", ">"], ["{", "}"], ["(", ")"], ["[", "]"]],
  wordPattern: /(-?\d*\.\d\w*)|([^`~!@$^&*()=+[{\]}\\|;:'",.<>/\s]+)/g,
  autoClosingPairs: [
    { open: "{", close: "}" }, { open: "[", close: "]" }, { open: "(", close: ")" },
    { open: '"', close: '"', notIn: ["string"] }, { open: "'", close: "'", notIn: ["string"] },
    { open: "<!--", close: " -->", notIn: ["comment", "string"] },
  ],
  surroundingPairs: [
    { open: '"', close: '"' }, { open: "'", close: "'" }, { open: "{", close: "}" },
    { open: "[", close: "]" }, { open: "(", close: ")" }, { open: "<", close: ">" },
  ],
  folding: { markers: { start: /^\s*<!--\s*#region\b.*-->/, end: /^\s*<!--\s*#endregion\b.*-->/ } },
  onEnterRules: [
    {
      beforeText: /<([\w:-]+)(?:[^/>]|\/(?!>))*>(?!.*<\/\1>)[^<]*$/i,
      afterText: /^<\/([\w:-]+)\s*>/i,
      action: { indentAction: 2 /* IndentOutdent */ },
    },
  ],
};

// Colours follow the app theme (app/theme.py): dark base #17181c, text #e6e6ea, accent #6f58e8.
const THEME_COLOURS = {
  light: {
    base: "vs", background: "#ffffff", foreground: "#1f2126",
    tag: "1f5fbf", component: "6a3fd9", custom: "b0306f", attr: "8a5a00", expr: "0f7b6c",
    directive: "c2410c", value: "a31515", exprValue: "2c5d8f", liquid: "b45309", liquidVar: "8f4a0a",
    comment: "6a737d", mso: "c026d3", cssProp: "b02c79", cssValue: "0b6b4f", delimiter: "5b5e66",
    selection: "#d9d0ff", lineHighlight: "#f5f3fc", lineNumber: "#9a9ca5", lineNumberActive: "#1f2126",
  },
  dark: {
    base: "vs-dark", background: "#17181c", foreground: "#e6e6ea",
    tag: "6cb6ff", component: "b9a6ff", custom: "ff8cc6", attr: "9cdcfe", expr: "4ec9b0",
    directive: "ffa657", value: "ce9178", exprValue: "dcdcaa", liquid: "e5c07b", liquidVar: "f0d49a",
    comment: "7f848e", mso: "ff7edb", cssProp: "f39ac6", cssValue: "9ad6b0", delimiter: "8a8c96",
    selection: "#3d3470", lineHighlight: "#1f2126", lineNumber: "#5d606b", lineNumberActive: "#e6e6ea",
  },
};

function defineThemes(msoHighlight) {
  for (const name of ["light", "dark"]) {
    const c = THEME_COLOURS[name];
    const mso = msoHighlight ? c.mso : (name === "light" ? "8a8a8a" : "9a9a9a");
    monaco.editor.defineTheme(`ds-${name}`, {
      base: c.base,
      inherit: true,
      rules: [
        { token: "tag", foreground: c.tag },
        { token: "tag.component", foreground: c.component, fontStyle: "bold" },
        { token: "tag.custom", foreground: c.custom, fontStyle: "bold" },
        { token: "attribute.name", foreground: c.attr },
        { token: "attribute.name.expression", foreground: c.expr },
        { token: "attribute.name.directive", foreground: c.directive, fontStyle: "italic" },
        { token: "attribute.value", foreground: c.value },
        { token: "attribute.value.expression", foreground: c.exprValue },
        { token: "delimiter.interpolation", foreground: c.expr },
        { token: "delimiter", foreground: c.delimiter },
        { token: "comment", foreground: c.comment, fontStyle: "italic" },
        { token: "comment.mso", foreground: mso, fontStyle: msoHighlight ? "bold" : "" },
        { token: "css.property.mso", foreground: mso },
        { token: "comment.liquid", foreground: c.comment, fontStyle: "italic" },
        { token: "liquid", foreground: c.liquid },
        { token: "liquid.delimiter", foreground: c.liquid, fontStyle: "bold" },
        { token: "liquid.tag", foreground: c.liquid, fontStyle: "bold" },
        { token: "liquid.variable", foreground: c.liquidVar },
        { token: "liquid.filter", foreground: c.liquid, fontStyle: "italic" },
        { token: "css.property", foreground: c.cssProp },
        { token: "css.value", foreground: c.cssValue },
        { token: "selector.css", foreground: c.tag },
        { token: "keyword.css", foreground: c.directive },
        { token: "metatag", foreground: c.comment },
        { token: "string.link", foreground: c.tag, fontStyle: "underline" },
      ],
      colors: {
        "editor.background": c.background,
        "editor.foreground": c.foreground,
        "editor.selectionBackground": c.selection,
        "editor.lineHighlightBackground": c.lineHighlight,
        "editorLineNumber.foreground": c.lineNumber,
        "editorLineNumber.activeForeground": c.lineNumberActive,
        "editorGutter.background": c.background,
      },
    });
  }
}

function registerLanguages() {
  monaco.languages.register({ id: DS_LANGUAGE, extensions: [".html"], aliases: ["Design Studio HTML"] });
  monaco.languages.setMonarchTokensProvider(DS_LANGUAGE, withInlineCss(dsHtmlLanguage()));
  monaco.languages.setLanguageConfiguration(DS_LANGUAGE, DS_LANGUAGE_CONFIGURATION);
  monaco.languages.register({ id: LIQUID_TEXT, aliases: ["Liquid text"] });
  monaco.languages.setMonarchTokensProvider(LIQUID_TEXT, liquidTextLanguage());
  monaco.languages.setLanguageConfiguration(LIQUID_TEXT, {
    brackets: [["{{", "}}"], ["{%", "%}"]],
    autoClosingPairs: [{ open: "{{", close: " }}" }, { open: "{%", close: " %}" }],
  });
}
