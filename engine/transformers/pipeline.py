"""The transformer chain: which transformers run, and in which order.

The docs never give the order (design-studio.md §8 lists the transformers
but not how they run, [gap]); we fix it, following §8's proposal [inf], because each
step must see what the previous one produced:

1. `mjml`: MJML -> HTML. First, because everything after it works on HTML.
   Then the `after_framework` hook: the component compiler runs here, so
   `x-*` and custom components written inside `<mj-raw>` are expanded
   before any transformer sees them (§1.2 steps 2-3).
2. `css_variables`: resolve `var()` before the inliner copies values into
   `style=""` and before cleanup judges rules (the inliner would otherwise
   inline `:root` onto `<html>` and leave every `var()` unresolved).
3. `css_inliner`: uses the sheet...
4. `remove_unused_css`: ...which cleanup may then shrink: rules already
   inlined, or never matched, go; shortening renames what is left. After
   inlining, not before, so no rule is dropped that the inliner still needs.
5. `accessibility`: adds `lang`, `dir`, `role`, `alt`, `<title>`; after the
   CSS steps, which never touch those attributes, and before the formatter
   so its output gets formatted too.
6. `url_parameters`: rewrites `href`s of the finished markup (links added by
   MJML or the components included).
7. `formatter` (prettify or minify), then 8. `encode_entities` and
   9. `prevent_widows`: last, because they change bytes only, so Source's size
   (and Gmail's 102 KB clipping) is measured on what is really sent. Widow
   prevention comes after the formatter so prettify cannot re-break the
   `&nbsp;` it writes.

A transformer that cannot run on the input (invalid MJML, markup too broken
to rewrite safely) leaves the text as it was and adds its problems to the
result; the chain goes on. The editor buffer is never touched: this
function takes a string and returns a new one.

One parse for the whole chain (performance: parsing and serializing a
50 KB email per step was most of the chain's time). After MJML and the
component compiler, `css_variables` rewrites the text (its CSS lives in
`<style>` text and `style` values, no tree needed); the text is then parsed
once, and `css_inliner`, `remove_unused_css`, `accessibility`,
`url_parameters` and `prevent_widows` edit that one tree in turn; it is
serialized once, and the formatter and entity encoding, which only move
whitespace and respell characters, run on that text under one Liquid mask.
Widow prevention runs on the tree before them, taking each decision on the
text as they will leave it (`prevent_widows.apply`).

Each step's `transform(html, options)` stays the definition: running them
one by one in `ORDER` is what the shared tree must reproduce byte for byte
(tests/test_transformers_shared_tree.py). Where the shortcut cannot promise
that (a step fails or reports a problem, widow prevention meets a case the
formatter could change, the markup cannot be read exactly), the chain runs
the steps one by one instead, so problems and partial results are the
step-by-step ones.
"""
from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field

from engine.problems import Problem, ProblemError

from . import (
    accessibility,
    css_inliner,
    css_variables,
    encode_entities,
    formatter,
    mjml_framework,
    prevent_widows,
    remove_unused_css,
    url_parameters,
)
from ._liquid import mask
from ._markup import Tree
from .settings import TransformerSettings

ORDER: tuple[str, ...] = (
    "mjml",
    "css_variables",
    "css_inliner",
    "remove_unused_css",
    "accessibility",
    "url_parameters",
    "formatter",
    "encode_entities",
    "prevent_widows",
)

_FUNCTIONS: dict[str, Callable] = {
    "css_variables": css_variables.transform,
    "css_inliner": css_inliner.transform,
    "remove_unused_css": remove_unused_css.transform,
    "accessibility": accessibility.transform,
    "url_parameters": url_parameters.transform,
    "formatter": formatter.transform,
    "encode_entities": encode_entities.transform,
    "prevent_widows": prevent_widows.transform,
}


# Steps that edit the shared tree, in chain order.
_APPLY: dict[str, Callable] = {
    "css_inliner": css_inliner.apply,
    "remove_unused_css": remove_unused_css.apply,
    "accessibility": accessibility.apply,
    "url_parameters": url_parameters.apply,
}


@dataclass
class TransformResult:
    html: str
    problems: list[Problem] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)  # names in the order they ran


def enabled_steps(settings: TransformerSettings, *, filename: str = "", framework: str = "") -> list[str]:
    """The transformers this message would run, in chain order."""
    steps = []
    for name in ORDER:
        if name == "mjml":
            on = framework.lower() == "mjml" or mjml_framework.is_mjml("", filename)
        elif name == "formatter":
            on = settings.formatter.type != "none"
        else:
            on = getattr(settings, name).enabled
        if on:
            steps.append(name)
    return steps


def apply_transformers(
    html: str,
    settings: TransformerSettings,
    *,
    filename: str = "",
    framework: str = "",
    after_framework: Callable[[str], str] | None = None,
) -> TransformResult:
    """Run every enabled transformer over `html` in `ORDER`.

    `after_framework(html) -> html` runs after MJML (or first, without MJML):
    the component compiler's place in §1.2. Its `ProblemError`s are collected.

    `framework="mjml"` is the Transformers tab's Framework switch; it is not
    part of the App API's `transformers` object ([gap]: the API has no field for
    it), so the message model stores it apart and passes it here. A file
    name ending in `.mjml` switches MJML on by itself.
    """
    result = TransformResult(html)
    steps = enabled_steps(settings, filename=filename, framework=framework)
    if "mjml" in steps:
        _run(result, "mjml", mjml_framework.transform, filename)
        steps.remove("mjml")
        if "mjml" not in result.applied:
            return result  # invalid MJML: nothing after it can make sense of the source
    if after_framework is not None:
        # The compiler reports its own problems by raising ProblemError.
        _run(result, "after_framework", after_framework, filename)
    if steps:
        shared = _shared_tree_chain(result.html, settings, steps)
        if shared is not None:
            result.html = shared
            result.applied.extend(steps)
            return result
    for name in steps:
        options = getattr(settings, name)
        _run(result, name, lambda text, f=_FUNCTIONS[name], o=options: f(text, o), filename)
    return result


def run_step_by_step(html: str, settings: TransformerSettings, steps: list[str]) -> str:
    """Each step's own `transform` in turn: the definition the shared tree reproduces (tests)."""
    for name in steps:
        html = _FUNCTIONS[name](html, getattr(settings, name))
    return html


def _shared_tree_chain(html: str, settings: TransformerSettings, steps: list[str]) -> str | None:
    """The steps (after MJML) on one parse; None when only the step-by-step run can answer."""
    if prevent_widows.JOIN in html or prevent_widows.DROP in html:
        return None
    fmt = settings.formatter.type if "formatter" in steps else "none"
    encode = "encode_entities" in steps
    widows = "prevent_widows" in steps
    minify = settings.formatter.minify
    if widows and fmt == "minify" and minify.remove_line_breaks:
        return None  # which line breaks go depends on the text around them, gaps included
    marks = widows and fmt == "minify" and minify.line_length_limit > 0
    # The tree and the steps' pieces are thousands of containers that die
    # together when the text is done, freed by reference counting; the cyclic
    # collector's passes over them while they live find nothing (the chain
    # leaves no cyclic garbage; on the bench's email those passes were ~2 ms a
    # run). Only what this call switched off is switched back on.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        text = html
        if "css_variables" in steps:
            text = css_variables.transform(text, settings.css_variables)
        on_tree = [name for name in steps if name in _APPLY]
        if on_tree or widows:
            tree = Tree(text, (on_tree or ["prevent_widows"])[0])
            for name in on_tree:
                if name == "css_inliner" and name == on_tree[0]:
                    css_inliner.apply(tree, settings.css_inliner, source=text)  # the tree is still `text`
                else:
                    _APPLY[name](tree, getattr(settings, name))
            if widows:
                prevent_widows.apply(tree, settings.prevent_widows, formatter=fmt, encode=encode, marks=marks)
            text = tree.finish()
        if fmt != "none" or encode:
            masked = mask(text)
            out = masked.text
            if fmt == "minify":
                gaps = _MarkedGaps() if marks else None
                out = formatter.minify_masked(out, minify, before_wrap=gaps and gaps.take)
                if gaps is not None:
                    out = gaps.join(out)
            elif fmt == "prettify":
                out = formatter.prettify_masked(out, settings.formatter.prettify)
            if encode:
                out = encode_entities.encode_masked(out)
            text = masked.restore(out)
        return text
    except Exception:  # a problem, or a case the shortcut cannot promise: one by one instead
        return None
    finally:
        if collecting:
            gc.enable()


def _next_mark(text: str, start: int) -> int:
    join = text.find(prevent_widows.JOIN, start)
    drop = text.find(prevent_widows.DROP, start)
    if join < 0 or 0 <= drop < join:
        return drop
    return join


class _MarkedGaps:
    """The gaps widow prevention marked, taken out before minify's line limit and joined after it.

    The line limit only turns spaces into line breaks, so offsets taken
    before it still hold after it.
    """

    def __init__(self):
        self.spans: list[tuple[int, int, str]] = []

    def take(self, text: str) -> str:
        join, drop = prevent_widows.JOIN, prevent_widows.DROP
        out: list[str] = []
        last = removed = 0
        at = _next_mark(text, 0)
        while at >= 0:
            start = at
            while start > last and text[start - 1] in " \t\r\n":
                start -= 1
            out.append(text[last:at])
            self.spans.append((start - removed, at - removed, "&nbsp;" if text[at] == join else ""))
            removed += 1
            last = at + 1
            at = _next_mark(text, last)
        out.append(text[last:])
        return "".join(out)

    def join(self, text: str) -> str:
        if not self.spans:
            return text
        out: list[str] = []
        last = 0
        for start, end, new in self.spans:
            out.append(text[last:start])
            out.append(new)
            last = end
        out.append(text[last:])
        return "".join(out)


def _run(result: TransformResult, name: str, fn: Callable[[str], str], filename: str) -> None:
    try:
        result.html = fn(result.html)
    except ProblemError as exc:
        result.problems.extend(p.located(filename) for p in exc.problems)
        return
    except Exception as exc:  # a library failing on odd input must not crash the editor
        result.problems.append(
            Problem(f"{name}: skipped, {type(exc).__name__}: {exc}", rule=f"transformers/{name}", file=filename)
        )
        return
    result.applied.append(name)
