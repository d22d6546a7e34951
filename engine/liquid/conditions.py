"""Conditions with Customer.io's semantics.

* A missing variable inside `if`/`elsif`/`unless`/`case`/`when` never fails
  the message (A8): condition expressions are wrapped in `Lenient`.
* `blank` matches missing, nil, false, "" (and whitespace, empty arrays and
  hashes) in both engines (must-have 3); `nil` matches only missing/null, so
  `false == nil` is false (must-have 4); `empty` matches "", [] and {}.
* `<`, `>`, `<=`, `>=` against a missing value are simply false (must-have 5).
  Comparing a string with a number is the composer's "Unidentified method"
  error (A10); the fix it suggests is `| plus: 0`. [inf] We raise it only for
  that mixed case, never for missing data.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from liquid.builtin.expressions import logical as lg
from liquid.builtin.expressions.primitive import Blank, Empty, Nil
from liquid.expression import Expression
from liquid.undefined import Undefined

from .errors import UNIDENTIFIED_METHOD, CioRenderError

_NUMBER = (int, float, Decimal)


class Lenient(Expression):
    """Evaluate the wrapped expression where missing data is not an error."""

    __slots__ = ("inner",)

    def __init__(self, inner: Expression):
        super().__init__(inner.token)
        self.inner = inner

    def __str__(self) -> str:
        return str(self.inner)

    def evaluate(self, context: Any) -> object:
        context.lenient += 1
        try:
            return self.inner.evaluate(context)
        finally:
            context.lenient -= 1

    def children(self) -> list[Expression]:
        return [self.inner]


def _plain(value: object) -> object:
    if isinstance(value, Undefined):
        return None
    if hasattr(value, "__liquid__"):
        return value.__liquid__()
    return value


def _is_blank(value: object) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict, tuple)):
        return not value
    return False


def equal(left: object, right: object) -> bool:
    """Liquid `==` with Customer.io's blank/nil/empty literals."""
    if isinstance(left, (Blank, Empty, Nil)):
        left, right = right, left
    left = _plain(left)
    if isinstance(right, Blank):
        return _is_blank(left)
    if isinstance(right, Nil):
        return left is None
    if isinstance(right, Empty):
        return isinstance(left, (str, list, dict, tuple)) and not left
    right = _plain(right)
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    return left == right


def order(op: str, left: object, right: object, token: Any) -> bool:
    left, right = _plain(left), _plain(right)
    if left is None or right is None:
        return False
    if isinstance(left, bool) or isinstance(right, bool):
        return False
    if isinstance(left, _NUMBER) and isinstance(right, _NUMBER):
        pass
    elif isinstance(left, str) and isinstance(right, str):
        pass
    else:
        raise CioRenderError(
            UNIDENTIFIED_METHOD,
            token=token,
            hint=f"cannot compare {left!r} with {right!r} using '{op}'; convert text with | plus: 0",
        )
    if op == "<":
        return left < right
    if op == ">":
        return left > right
    if op == "<=":
        return left <= right
    return left >= right


def contains(left: object, right: object) -> bool:
    left, right = _plain(left), _plain(right)
    if left is None or right is None:
        return False
    if isinstance(left, str):
        return str(right) in left
    if isinstance(left, (list, tuple, dict)):
        return right in left
    return False


class Comparison(Expression):
    __slots__ = ("op", "left", "right")

    def __init__(self, token: Any, op: str, left: Expression, right: Expression):
        super().__init__(token)
        self.op = op
        self.left = left
        self.right = right

    def __str__(self) -> str:
        return f"{self.left} {self.op} {self.right}"

    def evaluate(self, context: Any) -> bool:
        left = self.left.evaluate(context)
        right = self.right.evaluate(context)
        if self.op == "==":
            return equal(left, right)
        if self.op in ("!=", "<>"):
            return not equal(left, right)
        if self.op == "contains":
            return contains(left, right)
        return order(self.op, left, right, self.token)

    def children(self) -> list[Expression]:
        return [self.left, self.right]


_OPS = {
    lg.EqExpression: "==",
    lg.NeExpression: "!=",
    lg.LtExpression: "<",
    lg.GtExpression: ">",
    lg.LeExpression: "<=",
    lg.GeExpression: ">=",
    lg.ContainsExpression: "contains",
}


def rewrite(expr: Expression) -> Expression:
    """Replace python-liquid's comparison nodes with `Comparison` throughout."""
    op = _OPS.get(type(expr))
    if op:
        return Comparison(expr.token, op, expr.left, expr.right)
    if isinstance(expr, lg.BooleanExpression):
        expr.expression = rewrite(expr.expression)
    elif isinstance(expr, (lg.LogicalAndExpression, lg.LogicalOrExpression)):
        expr.left = rewrite(expr.left)
        expr.right = rewrite(expr.right)
    elif isinstance(expr, lg.LogicalNotExpression):
        expr.right = rewrite(expr.right)
    return expr


def lenient_condition(expr: Expression) -> Expression:
    return Lenient(rewrite(expr))


class AnyMatch(Expression):
    """A `when a, b or c` test: one boolean per candidate, like python-liquid's."""

    __slots__ = ("left", "candidates")

    def __init__(self, token: Any, left: Expression, candidates: list[Expression]):
        super().__init__(token)
        self.left = left
        self.candidates = candidates

    def __str__(self) -> str:
        return ", ".join(str(c) for c in self.candidates)

    def evaluate(self, context: Any) -> list[bool]:
        context.lenient += 1
        try:
            left = self.left.evaluate(context)
            return [equal(left, c.evaluate(context)) for c in self.candidates]
        finally:
            context.lenient -= 1

    def children(self) -> list[Expression]:
        return [self.left, *self.candidates]
