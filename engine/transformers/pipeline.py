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
"""
from __future__ import annotations

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
    for name in steps:
        options = getattr(settings, name)
        _run(result, name, lambda text, f=_FUNCTIONS[name], o=options: f(text, o), filename)
    return result


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
