"""The JavaScript sandbox for component scripts and template expressions (QuickJS).

Why QuickJS (tech-notes): it can be interrupted (`set_time_limit`), capped in
memory (`set_memory_limit`), and it has no file, network or process API at
all — the `quickjs` package starts a bare context without the `std`/`os`
modules, and we register no Python callables. Qt's QJSEngine holds the GIL
while it runs and cannot be stopped from Python, and engine/ stays Qt-free.

One `Sandbox` serves one compile and every component in it (see `Sandbox`
for why the underlying context is kept per thread). A context belongs to the
thread that created it, so a sandbox must not cross threads.

Time limit: QuickJS measures the limit in **process CPU time per call**
(`clock()`), so on a loaded machine a runaway script may take a little more
wall time than the limit. After one interrupt the sandbox refuses further
work (`SandboxAborted`): a compile never spends more than one time limit in
runaway code, whatever the number of instances.
"""
from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import quickjs

TIME_LIMIT_S = 1.0
MEMORY_LIMIT_BYTES = 64 * 1024 * 1024
MAX_STACK_BYTES = 1024 * 1024

_PRELUDE = (Path(__file__).with_name("prelude.js")).read_text(encoding="utf-8")
_SCRIPT_FRAME = re.compile(r"at __script_(\d+) \(<input>:(\d+)\)")
_ANY_LINE = re.compile(r"<input>:(\d+)")


class SandboxError(Exception):
    """A JavaScript error: `message` is the first line, `line` the 1-based line in the evaluated code (or 0)."""

    def __init__(self, message: str, line: int = 0, *, interrupted: bool = False, out_of_memory: bool = False,
                 script: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.interrupted = interrupted
        self.out_of_memory = out_of_memory
        self.script = script


class SandboxAborted(Exception):
    """The sandbox stopped after a time-out or memory exhaustion; the compile must stop running JS."""


def _translate(exc: Exception) -> SandboxError:
    text = str(exc)
    first = text.splitlines()[0] if text else type(exc).__name__
    m = _SCRIPT_FRAME.search(text)
    script = int(m.group(1)) if m else None
    line = int(m.group(2)) if m else 0
    if not m:
        m2 = _ANY_LINE.search(text)
        line = int(m2.group(1)) if m2 else 0
    interrupted = "interrupted" in first
    oom = "out of memory" in first.lower() or isinstance(exc, MemoryError)
    if isinstance(exc, quickjs.StackOverflow) or "stack overflow" in first.lower():
        first = "InternalError: stack overflow (infinite recursion?)"
    return SandboxError(first, line, interrupted=interrupted, out_of_memory=oom, script=script)


_NAMES = ("run", "take", "slots", "ev", "str", "attr", "data", "style", "cls", "entries", "each", "truthy", "logs",
          "css", "reset")
_LOCAL = threading.local()


def _thread_runtime(memory_limit: int):
    """This thread's QuickJS context with the runtime loaded and sealed (created on first use)."""
    rt = getattr(_LOCAL, "runtime", None)
    if rt is None or rt[2] != memory_limit:
        ctx = quickjs.Context()
        ctx.set_memory_limit(memory_limit)
        ctx.set_max_stack_size(MAX_STACK_BYTES)
        ctx.set_time_limit(TIME_LIMIT_S)
        ctx.eval(_PRELUDE)
        ctx.eval("__cs.seal()")
        rt = _LOCAL.runtime = (ctx, {n: ctx.eval(f"__cs.{n}") for n in _NAMES}, memory_limit)
    return rt


def discard_thread_runtime() -> None:
    """Forget this thread's context (after a time-out or memory exhaustion it is not trusted again)."""
    _LOCAL.runtime = None
    _LOCAL.factories = {}


def _factory_code(n: int, script: str, expressions) -> str:
    """A component's factory: runs the script for one instance, returns its expression evaluator."""
    table = ", ".join(f"{json.dumps(code)}: function __e_{n}_{i}(__v) {{ with (__v) {{ return ({code}\n); }} }}"
                      for i, code in enumerate(expressions))
    return (
        f"__cs.define('{n}', function __component_{n}(props, __pscope) {{ with (__pscope) {{ "
        f"return (function __script_{n}() {{\n"
        f"{script}\n"
        f"; const __cs_x = {{ __proto__: null, {table} }};"
        "return function (__c, __v) { const __f = __cs_x[__c]; if (__f !== undefined) return __f(__v); "
        "with (__v) { return eval('(' + __c + '\\n)'); } }; })(); } });"
    )


class Sandbox:
    """One compile's view of the JavaScript runtime (`prelude.js`).

    Decision: the QuickJS *context* is created once per thread and reset for
    each compile (`__cs.reset`): instances, scopes, factories, problems and
    any global a script created are dropped, and the built-ins are frozen, so
    nothing leaks from one compile to the next. Parsing the runtime costs
    2–7 ms, more than a whole 20-instance compile may spend; a fresh context
    per compile would double that compile's time. Within a compile, one
    context serves every component. A context that timed out or ran out of
    memory is discarded and the next compile starts a new one.
    """

    def __init__(self, *, time_limit: float = TIME_LIMIT_S, memory_limit: int = MEMORY_LIMIT_BYTES,
                 global_styles: dict | None = None, component_tags=()):
        from engine.components.names import pascal_name

        self.time_limit = time_limit
        self.spent = 0.0  # wall seconds spent in JavaScript by this compile (see `call`)
        self._cpu_limit = time_limit
        self.aborted: str | None = None
        ctx, fns, _ = _thread_runtime(memory_limit)
        self.ctx = ctx
        self._fns = fns
        ctx.set_time_limit(time_limit)
        markers = {pascal_name(t): t for t in component_tags}
        fns["reset"](ctx.parse_json(json.dumps(global_styles or {})), ctx.parse_json(json.dumps(markers)))
        self.defined: dict[str, int] = {}  # tag -> script number

    # ---- calls -----------------------------------------------------------------
    def call(self, name: str, *args):
        """One bridge call, within what is left of this compile's time budget.

        Wall-clock guard: QuickJS's own limit counts process CPU time per call
        (the `quickjs` package exposes no interrupt handler we could feed
        `time.monotonic()`), so the wall time of every call is added up here
        and the compile's JavaScript as a whole gets `time_limit` seconds: the
        CPU limit of the next call shrinks to what is left, and a compile whose
        scripts used it all stops like a runaway one. A single runaway call is
        still bounded by CPU time only (on a contended machine it can take a
        little longer in wall time); the GUI keeps responsive because QuickJS
        releases the GIL while it runs, so a compile in a worker thread never
        blocks the event loop.
        """
        if self.aborted:
            raise SandboxAborted(self.aborted)
        left = self.time_limit - self.spent
        if left <= 0:
            self.aborted = f"stopped after {self.time_limit:g} s (endless loop?)"
            raise SandboxError("InternalError: interrupted", interrupted=True)
        if left < self._cpu_limit - 0.01:
            self._cpu_limit = left
            self.ctx.set_time_limit(left)
        started = time.monotonic()
        try:
            return self._fns[name](*args)
        except (quickjs.JSException, quickjs.StackOverflow, MemoryError) as exc:
            err = _translate(exc)
            if err.interrupted:
                self.aborted = f"stopped after {self.time_limit:g} s (endless loop?)"
                discard_thread_runtime()
            elif err.out_of_memory:
                self.aborted = "ran out of memory"
                discard_thread_runtime()
            raise err from None
        finally:
            self.spent += time.monotonic() - started

    def define(self, tag: str, script: str, expressions=()) -> int:
        """Compile a component's script into a factory; returns its number (for stack traces).

        The script body starts on line 2 of the evaluated code, so a stack line
        L maps to script line L - 1. Factories are cached per thread by script
        text and expression list: one only creates a fresh closure per
        instance, so nothing is shared.

        `expressions` (from `plan.template_expressions`) are compiled once,
        here, each into a function inside the script's closure (so it sees the
        script's variables, the props and the item variables of `#each` through
        `with`): evaluating one is then a lookup and a call instead of an
        `eval` parse. Any other code still goes through `eval`. If the table
        does not compile (a scanner mistake), the expressions that do are kept
        and the rest fall back to `eval`; a script error is reported as before.
        """
        if self.aborted:
            raise SandboxAborted(self.aborted)
        cache = _LOCAL.__dict__.setdefault("factories", {})
        key = (script, tuple(expressions))
        n = cache.get(key)
        if n is None:
            n = len(cache) + 1
            try:
                self.ctx.eval(_factory_code(n, script, expressions))
            except (quickjs.JSException, quickjs.StackOverflow) as exc:
                if not expressions:
                    raise _translate(exc) from None
                kept = [e for e in expressions if self._compiles(e)]
                try:
                    self.ctx.eval(_factory_code(n, script, kept))
                except (quickjs.JSException, quickjs.StackOverflow) as exc2:
                    raise _translate(exc2) from None
            cache[key] = n
        self.defined[tag] = n
        return n

    def _compiles(self, code: str) -> bool:
        try:
            self.ctx.eval(f"(function (__v) {{ with (__v) {{ return ({code}\n); }} }})")
            return True
        except (quickjs.JSException, quickjs.StackOverflow):
            return False

    def take_problems(self) -> list[dict]:
        out = self._fns["take"]()
        return json.loads(out) if out else []

    def logs(self) -> list[str]:
        return json.loads(self._fns["logs"]())

    def eval_static(self, code: str):
        """Evaluate a self-contained expression (the `config` literal) and return it as JSON data."""
        if self.aborted:
            raise SandboxAborted(self.aborted)
        try:
            out = self.ctx.eval(f"JSON.stringify(({code}\n))")
        except (quickjs.JSException, quickjs.StackOverflow) as exc:
            raise _translate(exc) from None
        return None if out is None else json.loads(out)


def global_styles_object(styles) -> dict:
    """`globalStyles.<kind>.<name>_<id>` → CSS value, for scripts and templates (§4.7)."""
    if styles is None:
        return {"colors": {}, "fonts": {}, "radii": {}, "spacing": {}}
    out = {}
    for kind in ("colors", "fonts", "radii", "spacing"):
        values = {}
        for var in getattr(styles, kind, []) or []:
            value = var.css()
            if kind in ("radii", "spacing") and isinstance(value, (int, float)):
                value = f"{value:g}px"
            values[f"{var.name}_{var.id}"] = value
        out[kind] = values
    return out
