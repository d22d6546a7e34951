// Campaign Studio component runtime (spec §4.4–4.7), loaded once into each compile's QuickJS context.
// Python talks to it through `__cs`; component scripts see `Component`, `globalStyles` and `console`.
// Problems are collected in `P` and handed back as JSON; nothing here touches files, network or processes.
(function () {
  "use strict";
  let P = [];                       // problems of the current step: {message, key?, where?, severity?}
  const defs = Object.create(null); // script number -> factory (kept across compiles: factories hold no state)
  const insts = [];                 // instance records
  const scopes = [];                // scope id -> {inst, vars}
  let current = null;               // the instance whose script or template is running
  const logs = [];

  const problem = (message, extra) => { P.push(Object.assign({ message }, extra || {})); };

  // ---------------------------------------------------------------- schemas (zod-like, §4.4)
  class Schema {
    constructor(kind, opts) { this.kind = kind; this.opts = opts || {}; this.isOptional = false; this.hasDefault = false; }
    _copy() { const s = new Schema(this.kind, this.opts); s.isOptional = this.isOptional; s.hasDefault = this.hasDefault; s.defaultValue = this.defaultValue; return s; }
    optional() { const s = this._copy(); s.isOptional = true; return s; }
    default(v) { const s = this._copy(); s.hasDefault = true; s.defaultValue = v; return s; }
    array() { return new Schema("array", { inner: this }); }
    describe() {
      switch (this.kind) {
        case "enum": return "one of " + this.opts.values.map((v) => JSON.stringify(v)).join(", ");
        case "array": return "an array of " + this.opts.inner.describe();
        case "object": return "an object";
        case "dynamic": return this.opts.inner.describe() + " or an object keyed by " + dynamicKeys(this.opts).join("/");
        case "string": return "text";
        default: return "a " + this.kind;
      }
    }
  }
  const typeName = (v) => v === null ? "null" : Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v === "string" ? "text " + JSON.stringify(v) : typeof v + " " + String(v);
  const dynamicKeys = (o) => {
    const keys = [];
    if (o.darkMode) keys.push("light", "dark");
    if (o.responsive) keys.push("small", "medium");
    if (o.darkMode && o.responsive) keys.push("small:light", "small:dark", "medium:light", "medium:dark");
    return keys;
  };
  const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

  // Returns [ok, value]; `fromAttr` marks a plain attribute string, which may stand for a number or boolean [inf].
  function check(schema, v, fromAttr) {
    switch (schema.kind) {
      case "any": return [true, v];
      case "string": return [typeof v === "string", v];
      case "number":
        if (typeof v === "number" && isFinite(v)) return [true, v];
        if (fromAttr && typeof v === "string" && v.trim() !== "" && isFinite(Number(v))) return [true, Number(v)];
        return [false, v];
      case "boolean":
        if (typeof v === "boolean") return [true, v];
        if (fromAttr && (v === "" || v === "true" || v === "false")) return [true, v !== "false"];
        return [false, v];
      case "enum": return [schema.opts.values.indexOf(v) >= 0, v];
      case "array": {
        if (!Array.isArray(v)) return [false, v];
        const out = [];
        for (const x of v) { const r = check(schema.opts.inner, x, false); if (!r[0]) return [false, v]; out.push(r[1]); }
        return [true, out];
      }
      case "object": {
        if (!isPlainObject(v)) return [false, v];
        const out = Object.assign({}, v);
        for (const k of Object.keys(schema.opts.shape)) {
          const s = schema.opts.shape[k];
          if (out[k] === undefined) {
            if (s.hasDefault) out[k] = s.defaultValue; else if (!s.isOptional) return [false, v];
            continue;
          }
          const r = check(s, out[k], false);
          if (!r[0]) return [false, v];
          out[k] = r[1];
        }
        return [true, out];
      }
      case "dynamic": {
        const inner = schema.opts.inner;
        if (isPlainObject(v) && inner.kind !== "object") {
          const allowed = dynamicKeys(schema.opts);
          const out = {};
          for (const k of Object.keys(v)) {
            if (allowed.indexOf(k) < 0) return [false, v, "key '" + k + "' is not allowed (use " + allowed.join(", ") + ")"];
            if (v[k] === undefined || v[k] === null) { out[k] = v[k]; continue; }
            const r = check(inner, v[k], false);
            if (!r[0]) return [false, v, "'" + k + "' must be " + inner.describe()];
            out[k] = r[1];
          }
          return [true, out];
        }
        return check(inner, v, fromAttr);
      }
    }
    return [false, v];
  }

  const unsupported = (where, name) => {
    throw new Error(where + "." + String(name) + "() is not a supported schema; use " +
      (where === "Component.props" ? "string, number, boolean, enum, array, object or withDynamicStyles" : "text, any or children"));
  };
  const guard = (obj, where) => new Proxy(obj, {
    get(t, k) { if (typeof k === "string" && !(k in t)) unsupported(where, k); return t[k]; },
  });

  const propBuilders = guard({
    // [gap] `string(['a','b'])` appears in one doc example: treated as a plain string().
    string: () => new Schema("string"),
    number: () => new Schema("number"),
    boolean: () => new Schema("boolean"),
    any: () => new Schema("any"),
    enum: (values) => {
      if (!Array.isArray(values) || !values.length) throw new Error("Component.props.enum() needs a non-empty array of values");
      return new Schema("enum", { values: values.slice() });
    },
    array: (inner) => {
      if (!(inner instanceof Schema)) throw new Error("Component.props.array() needs a schema, e.g. Component.props.array(Component.props.string())");
      return new Schema("array", { inner });
    },
    object: (shape) => {
      if (!isPlainObject(shape)) throw new Error("Component.props.object() needs an object of schemas");
      for (const k of Object.keys(shape)) if (!(shape[k] instanceof Schema)) throw new Error("Component.props.object(): '" + k + "' is not a Component.props schema");
      return new Schema("object", { shape });
    },
    withDynamicStyles: (inner, opts) => {
      if (!(inner instanceof Schema)) throw new Error("Component.props.withDynamicStyles() needs a schema as its first argument");
      opts = opts || {};
      return new Schema("dynamic", { inner, responsive: !!opts.responsive, darkMode: !!opts.darkMode });
    },
  }, "Component.props");

  // ---------------------------------------------------------------- slots (§4.5)
  const MARKS = ["bold", "italic", "underline", "strikethrough", "link", "color", "superscript", "subscript", "code", "linebreak"];
  class SlotSchema {
    constructor(kind, tags) { this.kind = kind; this.tags = tags || null; this.minCount = null; this.maxCount = null; }
    min(n) { const s = new SlotSchema(this.kind, this.tags); s.maxCount = this.maxCount; s.minCount = n; return s; }
    max(n) { const s = new SlotSchema(this.kind, this.tags); s.minCount = this.minCount; s.maxCount = n; return s; }
  }
  const slotBuilders = guard({
    text: () => new SlotSchema("text"),
    any: () => new SlotSchema("any"),
    children: (tags) => {
      if (!Array.isArray(tags)) throw new Error("Component.slots.children() needs an array of tags, e.g. ['x-paragraph']");
      return new SlotSchema("children", tags.slice());
    },
  }, "Component.slots");

  // ---------------------------------------------------------------- the Component API
  const NOT_PROPS = ["toJSON", "then", "$$typeof", "__v_isRef", "asymmetricMatch", "nodeType", "length"];
  function propsProxy(inst, target) {
    return new Proxy(target, {
      get(t, k) {
        if (typeof k === "string" && !(k in t) && NOT_PROPS.indexOf(k) < 0 && !inst.reported[k]) {
          inst.reported[k] = true;
          problem("prop '" + k + "' is used but not declared in Component.defineProps", { where: "component", prop: k });
        }
        return t[k];
      },
    });
  }

  function defineProps(def) {
    const inst = current;
    if (!inst) throw new Error("Component.defineProps() can only run inside a component script");
    if (inst.declared) throw new Error("Component.defineProps() is called twice");
    const declared = Object.create(null);
    if (Array.isArray(def)) {
      for (const name of def) declared[String(name)] = null;
    } else if (isPlainObject(def)) {
      for (const name of Object.keys(def)) {
        const d = def[name];
        let schema = d, ui = null;
        if (!(d instanceof Schema)) {
          if (!isPlainObject(d) || !(d.schema instanceof Schema))
            throw new Error("prop '" + name + "' must be a Component.props schema or a descriptor with a `schema` built with Component.props");
          schema = d.schema; ui = d;
        }
        declared[name] = schema;
        inst.ui[name] = ui;
      }
    } else {
      throw new Error("Component.defineProps() needs an object of schemas or an array of prop names");
    }
    for (const name of Object.keys(declared))
      if (!/^[A-Za-z0-9]/.test(name)) problem("prop name '" + name + "' must start with a letter or digit", { where: "component" });
    inst.declared = declared;
    const raw = inst.raw, out = {};
    for (const key of Object.keys(raw)) {
      if (!(key in declared)) {
        problem("<" + inst.tag + "> has no prop '" + key + "'" + (Object.keys(declared).length ? " (declared: " + Object.keys(declared).join(", ") + ")" : " (it declares none)"), { where: "instance", key });
      }
    }
    for (const name of Object.keys(declared)) {
      const schema = declared[name];
      let v = raw[name];
      if (schema === null) { out[name] = v; inst.scopeProps[name] = v; continue; }
      if (v === undefined) {
        if (schema.hasDefault) v = schema.defaultValue;
        else if (!schema.isOptional) problem("<" + inst.tag + "> is missing the required prop '" + name + "'", { where: "instance" });
      } else {
        const r = check(schema, v, inst.staticKeys.indexOf(name) >= 0);
        if (r[0]) v = r[1];
        else {
          const why = r[2] ? ": " + r[2] : ", got " + typeName(v);
          if (schema.kind === "enum" || (schema.kind === "dynamic" && schema.opts.inner.kind === "enum" && !isPlainObject(v)))
            problem("<" + inst.tag + "> prop '" + name + "': " + JSON.stringify(v) + " is not " + (schema.kind === "enum" ? schema : schema.opts.inner).describe(), { where: "instance", key: name });
          else problem("<" + inst.tag + "> prop '" + name + "' must be " + schema.describe() + why, { where: "instance", key: name });
          v = schema.hasDefault ? schema.defaultValue : undefined;
        }
      }
      out[name] = v;
      inst.scopeProps[name] = v;
    }
    inst.props = propsProxy(inst, out);
    return inst.props;
  }

  function defineSlots(def) {
    const inst = current;
    if (!isPlainObject(def)) throw new Error("Component.defineSlots() needs an object such as { default: { schema: Component.slots.text() } }");
    const out = {};
    for (const name of Object.keys(def)) {
      let d = def[name], schema = d, marks = null;
      if (!(d instanceof SlotSchema)) {
        if (!isPlainObject(d) || !(d.schema instanceof SlotSchema))
          throw new Error("slot '" + name + "' must be a Component.slots schema or { schema, marks }");
        schema = d.schema; marks = d.marks === undefined ? null : d.marks;
      }
      if (marks !== null) {
        if (!Array.isArray(marks)) throw new Error("slot '" + name + "': marks must be an array");
        for (const m of marks) if (MARKS.indexOf(m) < 0) throw new Error("slot '" + name + "': unknown mark '" + m + "' (marks: " + MARKS.join(", ") + ")");
        if (schema.kind !== "text") problem("slot '" + name + "': marks only apply to text slots", { where: "component" });
      }
      out[name] = { kind: schema.kind, tags: schema.tags, min: schema.minCount, max: schema.maxCount, marks };
    }
    if (inst) inst.slots = out;
    return out;
  }

  const context = {
    set(key, value) { if (!current) throw new Error("Component.context.set() runs only in a component script"); current.ctx[key] = value; },
    get(key) {
      const ctx = current ? current.ctx : Object.create(null);
      if (key === undefined) { const all = {}; for (const k in ctx) all[k] = ctx[k]; return all; }
      return ctx[key];
    },
  };

  // [inf] A stable short hash for per-instance class names (`.img-set(hash)` ↔ :class="`img-${hash}`").
  function hash() {
    const s = JSON.stringify(Array.prototype.slice.call(arguments));
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return "h-" + h.toString(36);
  }

  const Component = Object.freeze({
    defineProps, defineSlots, context, hash,
    props: propBuilders, slots: slotBuilders,
  });
  Object.defineProperty(globalThis, "Component", { value: Component, writable: false });
  const log = (level) => function () { logs.push(level + ": " + Array.prototype.map.call(arguments, String).join(" ")); };
  globalThis.console = { log: log("log"), info: log("info"), warn: log("warn"), error: log("error"), debug: log("debug") };

  // ---------------------------------------------------------------- the bridge used from Python
  const globalEval = eval;
  const rootVars = Object.create(null);
  scopes.push({ inst: null, vars: rootVars, ev: (c, v) => globalEval("(" + c + "\n)") });

  const take = () => { if (!P.length) return null; const out = JSON.stringify(P); P = []; return out; };
  const evaluate = (sid, code) => {
    const s = scopes[sid];
    const prev = current; current = s.inst || current;
    try { return s.ev(code, s.vars); } finally { current = prev; }
  };
  const stringify = (v) => (v === undefined || v === null) ? "" : String(v);
  const styleOf = (v) => {
    if (!isPlainObject(v)) return stringify(v);
    const parts = [];
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x === undefined || x === null || x === "" || x === false) continue;
      parts.push(k + ":" + (typeof x === "number" && x !== 0 && !UNITLESS[k] ? x + "px" : String(x)));
    }
    return parts.join(";");
  };
  const UNITLESS = { "line-height": 1, "opacity": 1, "font-weight": 1, "z-index": 1, "flex": 1, "flex-grow": 1, "flex-shrink": 1, "order": 1, "mso-line-height-rule": 1 };
  const classOf = (v) => {
    if (Array.isArray(v)) return v.filter((x) => x).map(String).join(" ");
    if (isPlainObject(v)) return Object.keys(v).filter((k) => v[k]).join(" ");
    return stringify(v).split(/\s+/).filter((x) => x).join(" ");
  };

  // Reset between compiles: the context is reused per thread (parsing this runtime costs more than a
  // whole small compile), so everything a compile leaves behind goes: instances, scopes, factories,
  // problems, logs and any global a script created. The built-ins are frozen below, so no script can
  // change them for the next compile.
  let baseline = null;
  function reset(gs, markers) {
    P = []; logs.length = 0; insts.length = 0; scopes.length = 1; current = null;
    if (baseline) for (const k of Object.getOwnPropertyNames(globalThis)) if (!baseline.has(k)) delete globalThis[k];
    const kinds = {};
    for (const k of Object.keys(gs)) kinds[k] = Object.freeze(gs[k]);
    globalThis.globalStyles = Object.freeze(kinds);
    for (const name of Object.keys(markers))
      if (!(name in globalThis)) globalThis[name] = Object.freeze({ __component: markers[name], toString() { return markers[name]; } });
  }

  globalThis.__cs = {
    reset,
    seal() {
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        const v = globalThis[name];
        if (name === "globalThis" || name === "__cs" || name === "globalStyles" || v === null || (typeof v !== "object" && typeof v !== "function")) continue;
        if (typeof v === "function" && v.prototype) Object.freeze(v.prototype);
        Object.freeze(v);
      }
      Object.freeze(Object.getPrototypeOf(function* () {}));
      Object.freeze(Object.getPrototypeOf(async function () {}));
      baseline = new Set(Object.getOwnPropertyNames(globalThis));
      baseline.delete("globalStyles");
    },
    define(tag, factory) { defs[tag] = factory; },
    // Run a component's script for one instance; returns the instance's root scope id, or a JSON problem list.
    // `contextScope`: the scope of the instance this one is rendered inside (for a component the email put
    // in a wrapper's slot, the wrapper); its context is inherited, as Vue's provide/inject works through slots.
    run(key, tag, raw, parentScope, staticKeys, contextScope) {
      const parent = scopes[contextScope === undefined || contextScope < 0 ? parentScope : contextScope].inst;
      const inst = {
        tag, raw: raw || {}, staticKeys: staticKeys ? staticKeys.split(",") : [], declared: null, ui: {},
        props: null, scopeProps: Object.create(null), slots: null, reported: Object.create(null),
        ctx: Object.create(parent ? parent.ctx : null), parent,
      };
      const prev = current; current = inst;
      try {
        const ev = defs[key](propsProxy(inst, Object.assign({}, inst.raw)), inst.scopeProps);
        if (!inst.declared) {
          for (const key of Object.keys(inst.raw))
            problem("<" + tag + "> has no prop '" + key + "' (the component declares no props)", { where: "instance", key });
        }
        scopes.push({ inst, vars: Object.create(null), ev });
        return scopes.length - 1;
      } finally { current = prev; }
    },
    take,
    logs: () => JSON.stringify(logs.splice(0)),
    slots: (sid) => JSON.stringify(scopes[sid].inst.slots),
    ev: evaluate,
    // `${}` text and attribute values: String(value); undefined and null print nothing [inf].
    str: (sid, code) => stringify(evaluate(sid, code)),
    // An attribute value; null means "leave the attribute out" (undefined, null, false) [inf].
    attr: (sid, code) => { const v = evaluate(sid, code); return (v === undefined || v === null || v === false) ? null : String(v); },
    data: (sid, code) => { const v = evaluate(sid, code); return v === undefined ? null : JSON.stringify(v); },
    style: (sid, code) => styleOf(evaluate(sid, code)),
    cls: (sid, code) => classOf(evaluate(sid, code)),
    // `#set="obj"`: [[name, value-or-JSON, isJSON]] for every defined entry.
    entries: (sid, code) => {
      const v = evaluate(sid, code);
      if (!isPlainObject(v)) throw new TypeError("#set needs an object, got " + typeName(v));
      const out = [];
      for (const k of Object.keys(v)) {
        const x = v[k];
        if (x === undefined) continue;
        out.push([k, x]);
      }
      return JSON.stringify(out);
    },
    // `#each`: evaluates the iterable, pushes one scope per item and returns "first,count".
    each: (sid, code, a, b, c) => {
      const parent = scopes[sid];
      let list = evaluate(sid, code);
      const items = [];
      if (typeof list === "number") { for (let i = 0; i < list; i++) items.push([i, i, i]); }
      else if (typeof list === "string") { Array.from(list).forEach((ch, i) => items.push([ch, i, i])); }
      else if (Array.isArray(list)) { list.forEach((x, i) => items.push([x, i, i])); }
      else if (list === undefined || list === null) { /* nothing to repeat */ }
      else if (typeof list === "object" && typeof list[Symbol.iterator] === "function") { Array.from(list).forEach((x, i) => items.push([x, i, i])); }
      else if (typeof list === "object") { Object.keys(list).forEach((k, i) => items.push([list[k], k, i])); }
      else throw new TypeError("#each needs an array, object, number or string, got " + typeName(list));
      const first = scopes.length;
      const isObject = list !== null && typeof list === "object" && !Array.isArray(list) && typeof list[Symbol.iterator] !== "function";
      for (const [value, key, index] of items) {
        const vars = Object.create(parent.vars);
        vars[a] = value;
        if (b) vars[b] = isObject ? key : index;
        if (c) vars[c] = index;
        scopes.push({ inst: parent.inst, vars, ev: parent.ev });
      }
      return first + "," + items.length;
    },
    truthy: (sid, code) => !!evaluate(sid, code),
    // `set(…)` in CSS: a dark/responsive object gives its light/small value; nothing → null (declaration dropped).
    css: (sid, code) => {
      let v = evaluate(sid, code);
      if (isPlainObject(v)) v = v.light !== undefined ? v.light : v.small !== undefined ? v.small : v["small:light"];
      return (v === undefined || v === null || v === false || v === "") ? null : String(v);
    },
  };
})();
