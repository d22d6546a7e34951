"""The parsed form of a Design Studio source: nodes, parser, serializer.

`parse(source)` gives a `Document` (raises `ProblemError` on broken markup),
`serialize(node)` gives the markup back byte for byte.
"""
from .parser import parse, parse_with_problems
from .serialize import serialize

__all__ = ["parse", "parse_with_problems", "serialize"]
