"""The standard tags, adjusted to Customer.io's rules.

Each tag keeps python-liquid's parser and only changes two things:

* errors in its own markup are reworded into the composer's catalogue
  (A10), located at the tag, e.g. `Syntax Error in tag 'if' - Valid syntax:
  if [expression]`, `if tag was never closed`, `'end' is not a valid
  delimiter for if tags. use endif`;
* condition expressions become lenient (missing data is falsy, not an
  error) and an output/assign whose filter chain contains `default` looks
  its input up leniently. [decision] LiquidJS only forgives a missing input
  when `default` is the *first* filter; we forgive it anywhere in the chain
  because `{{ x | capitalize | default: "there" }}` is a plausible template
  and the result is the same fallback.
"""
from __future__ import annotations

from typing import Any

from liquid.builtin.expressions.filtered import FilteredExpression
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.tags.assign_tag import AssignTag
from liquid.builtin.tags.capture_tag import CaptureTag
from liquid.builtin.tags.case_tag import CaseTag, MultiExpressionBlockNode
from liquid.builtin.tags.cycle_tag import CycleTag
from liquid.builtin.tags.echo_tag import EchoTag
from liquid.builtin.tags.for_tag import ForTag
from liquid.builtin.tags.if_tag import IfTag
from liquid.builtin.tags.tablerow_tag import TablerowTag
from liquid.builtin.tags.unless_tag import UnlessTag
from liquid.exceptions import LiquidSyntaxError
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from .conditions import AnyMatch, Lenient, lenient_condition
from .errors import (
    CASE_ELSE_WITH_ARGS,
    TAG_SYNTAX_HELP,
    CioSyntaxError,
    _plain_syntax_message,
    invalid_delimiter,
    never_closed,
    unexpected_inner,
    unknown_tag,
)
from .rendering import write_value

INNER_TAGS = ("else", "elsif", "when")


def translate(tag_name: str, end: str, err: LiquidSyntaxError, header: bool, tag_token: Any) -> CioSyntaxError:
    """Reword a python-liquid error raised while `tag_name` was being parsed."""
    msg = str(err.message)
    tok = err.token
    if end and msg.startswith(f"expected tag {end}"):
        return CioSyntaxError(never_closed(tag_name), token=tag_token)
    if msg.startswith("unexpected tag '"):
        inner = msg[len("unexpected tag '"):-1]
        if inner in INNER_TAGS:
            text = unexpected_inner(tag_name, inner)
        elif inner.startswith("end") and end:
            text = invalid_delimiter(tag_name, inner)
        else:
            text = unknown_tag(inner)
        return CioSyntaxError(text, token=tok or tag_token)
    if tok is not None and tok is not tag_token and tok.kind == TOKEN_TAG and tok.value in ("elsif", "when"):
        return CioSyntaxError(TAG_SYNTAX_HELP[tok.value], token=tok)
    if tag_name == "case" and tok is not None and tok.kind == TOKEN_EXPRESSION and msg.startswith("expected content"):
        return CioSyntaxError(CASE_ELSE_WITH_ARGS, token=tok)
    if header:
        help_text = TAG_SYNTAX_HELP.get(tag_name, f"Syntax Error in tag '{tag_name}'")
        return CioSyntaxError(help_text, token=tag_token)
    return CioSyntaxError(_plain_syntax_message(msg), token=tok if tok is not None and tok.start_index >= 0 else tag_token)


class Translating:
    """Mixin: run the standard parser, reword its errors, adapt the node.

    (No `name`/`end` here: they must come from the python-liquid tag class.)
    """

    name: str
    end: str

    def parse(self, stream: Any) -> Any:
        start = stream.pos
        tag_token = stream.current
        try:
            node = super().parse(stream)  # type: ignore[misc]
        except CioSyntaxError:
            raise
        except LiquidSyntaxError as err:
            header = stream.pos <= start + 2
            raise translate(self.name, self.end, err, header, tag_token) from None
        return self.adapt(node)

    def adapt(self, node: Any) -> Any:
        return node


def lenient_default_input(expr: Any) -> Any:
    """Let `x | … | default: y` look at a missing `x` without failing."""
    if isinstance(expr, FilteredExpression) and expr.filters:
        if any(f.name == "default" for f in expr.filters):
            expr.left = Lenient(expr.left)
    return expr


class CioOutputNode(OutputNode):
    """`{{ }}`: prints with Customer.io's formatting and renders snippets."""

    __slots__ = ()

    def render_to_output(self, context: Any, buffer: Any) -> int:
        return write_value(self.expression.evaluate(context), context, buffer, self.token)


class CioOutput(Translating, Output):
    node_class = CioOutputNode

    def parse(self, stream: Any) -> Any:
        try:
            node = Output.parse(self, stream)
        except CioSyntaxError:
            raise
        except LiquidSyntaxError as err:
            raise CioSyntaxError(_plain_syntax_message(str(err.message)), token=err.token) from None
        node.expression = lenient_default_input(node.expression)
        return node


class CioEchoTag(Translating, EchoTag):
    node_class = CioOutputNode

    def adapt(self, node: Any) -> Any:
        node.expression = lenient_default_input(node.expression)
        return node


class CioAssignTag(Translating, AssignTag):
    def adapt(self, node: Any) -> Any:
        node.expression = lenient_default_input(node.expression)
        return node


class LenientConditions(Translating):
    """`if` and `unless` share one shape: a condition plus `elsif`/`else` alternatives."""

    def adapt(self, node: Any) -> Any:
        node.condition = lenient_condition(node.condition)
        for alternative in node.alternatives:
            alternative.expression = lenient_condition(alternative.expression)
        return node


class CioIfTag(LenientConditions, IfTag):
    pass


class CioUnlessTag(LenientConditions, UnlessTag):
    pass


class CioCaseTag(Translating, CaseTag):
    def adapt(self, node: Any) -> Any:
        for block in node.blocks:
            if isinstance(block, MultiExpressionBlockNode):
                any_expr = block.expression
                block.expression = AnyMatch(any_expr.token, any_expr.left, list(any_expr.expressions))
        return node


class CioCaptureTag(Translating, CaptureTag):
    pass


class CioCycleTag(Translating, CycleTag):
    pass


class CioForTag(Translating, ForTag):
    pass


class CioTablerowTag(Translating, TablerowTag):
    pass


STANDARD_TAG_OVERRIDES = (
    CioOutput,
    CioEchoTag,
    CioAssignTag,
    CioIfTag,
    CioUnlessTag,
    CioCaseTag,
    CioCaptureTag,
    CioCycleTag,
    CioForTag,
    CioTablerowTag,
)
