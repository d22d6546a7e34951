"""Writing values and rendering Liquid that arrives as *data*.

Two kinds of data hold Liquid: snippets (rendered when printed, A4, with the
message's data but never its assigned variables) and strings handed to
`{% render_liquid %}` (rendered in the current context). `{{ journey.body }}`
prints its text untouched; only these two paths evaluate it.
Errors inside such text are reported at the tag that printed it, because
that is the place the user can see in their source.
"""
from __future__ import annotations

from typing import Any

from liquid.exceptions import LiquidError

from .errors import CioRenderError, render_problem, syntax_problem
from .stringify import to_output


class SnippetText(str):
    """A snippet's text: printing it renders the Liquid inside."""

    __slots__ = ()


def render_text(source: str, context: Any, buffer: Any, token: Any, *, isolated: bool, what: str) -> int:
    env = context.env
    try:
        template = env.parse_cached(source)
    except LiquidError as err:
        problem = syntax_problem(err, source)
        raise CioRenderError(f"{problem.message} (in {what})", token=token) from None
    state = context.state
    state.position_override.append(token.start_index if token is not None else -1)
    try:
        if isolated:
            inner = context.copy({})
            template.render_with_context(inner, buffer)
        else:
            template.render_with_context(context, buffer)
    except CioRenderError as err:
        err.token = token
        raise
    except LiquidError as err:
        problem = render_problem(err, source)
        raise CioRenderError(f"{problem.message} (in {what})", token=token) from None
    finally:
        state.position_override.pop()
    return 0


def write_value(value: object, context: Any, buffer: Any, token: Any) -> int:
    if isinstance(value, SnippetText):
        return render_text(value, context, buffer, token, isolated=True, what="snippet")
    return buffer.write(to_output(value, context.env.latest))
