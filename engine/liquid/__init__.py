"""Customer.io-flavoured Liquid for Campaign Studio.

    render_liquid(source, data, *, lax=False, now=None) -> str
    check_liquid(source) -> list[Problem]
    LiquidRenderError(ProblemError)          # .problems, each with line/column

`data` holds the top-level namespaces (`customer`, `event`, `trigger`,
`journey`, `objects`, `snippets`, `campaign`, `message`, `delivery_id`, …;
liquid-and-apis A2). A printed variable that does not exist fails the render
with `Variable 'customer.x' is missing` — every such variable is listed, each
at its line and column — unless `lax=True`, where it prints as "". Missing
data inside conditions and before a `default:` never fails (A8, A9).

Optional keywords beyond the shared contract (all default to the contract's
behaviour): `version="legacy"` renders with the legacy engine (A1);
`lenient_roots={"customer"}` is for webhook-triggered campaigns, where
`customer.*` prints "" instead of failing (A9.5). `delivery_id` defaults to
`"unsent"`, as in previews and test sends (A2).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from io import StringIO
from typing import Iterable, Mapping

from liquid.exceptions import LiquidError

from engine.problems import Problem, Severity

from .context import CioContext, RenderState
from .environment import LATEST, environment_for
from .errors import (
    RULE_MISSING,
    RULE_UNKNOWN_FILTER,
    LiquidRenderError,
    line_column,
    missing_variable_message,
    render_problem,
    syntax_problem,
)
from .rendering import SnippetText

__all__ = ["render_liquid", "check_liquid", "LiquidRenderError"]


def _snippet_value(value: object) -> object:
    """Snippets holding JSON are data (iterable, Liquid inside left alone);
    any other text is Liquid rendered when printed (A4)."""
    if not isinstance(value, str):
        return value
    stripped = value.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except ValueError:
            pass
    return SnippetText(value)


def _globals(data: Mapping[str, object], now: datetime) -> dict[str, object]:
    scope = dict(data)
    snippets = scope.get("snippets")
    if isinstance(snippets, Mapping):
        scope["snippets"] = {name: _snippet_value(v) for name, v in snippets.items()}
    scope.setdefault("delivery_id", "unsent")
    scope.setdefault("now", now)
    return scope


def render_liquid(
    source: str,
    data: dict,
    *,
    lax: bool = False,
    now: datetime | None = None,
    version: str = "latest",
    lenient_roots: Iterable[str] = (),
) -> str:
    env = environment_for(version)
    try:
        template = env.parse_cached(source)
    except LiquidError as err:
        raise LiquidRenderError([syntax_problem(err, source)]) from None
    moment = now or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    state = RenderState(moment, frozenset(lenient_roots))
    context = CioContext(template, globals=_globals(data or {}, moment), state=state)
    buffer = StringIO()
    failure: Problem | None = None
    try:
        template.render_with_context(context, buffer)
    except Exception as err:  # noqa: BLE001 - any failure becomes a located Problem
        failure = render_problem(err, source)
    problems: list[Problem] = []
    if not lax:
        seen: set[tuple[str, int]] = set()
        for miss in state.missing:
            if (miss.name, miss.index) in seen:
                continue
            seen.add((miss.name, miss.index))
            line, column = line_column(source, miss.index)
            problems.append(Problem(missing_variable_message(miss.name), line, column, Severity.ERROR, RULE_MISSING))
    if failure is not None:
        problems.append(failure)
    if problems:
        raise LiquidRenderError(problems)
    return buffer.getvalue()


def _unknown_filter_warnings(template: object, source: str) -> list[Problem]:
    problems: list[Problem] = []
    try:
        analysis = template.analyze()  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - analysis is a bonus, never a failure
        return problems
    for name, spans in analysis.filters.items():
        if name in LATEST.filters:
            continue
        for span in spans:
            index = getattr(span, "index", -1)
            line, column = line_column(source, index if isinstance(index, int) else -1)
            problems.append(Problem(f"Unknown filter '{name}' (its input is printed unchanged)", line, column, Severity.WARNING, RULE_UNKNOWN_FILTER))
    return problems


def check_liquid(source: str) -> list[Problem]:
    """Syntax problems of `source` (latest engine) without rendering it."""
    try:
        template = LATEST.parse_cached(source)
    except LiquidError as err:
        return [syntax_problem(err, source)]
    return _unknown_filter_warnings(template, source)
