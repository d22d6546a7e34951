"""Property: the parser's round-trip promise holds.

Transformers skip re-serializing the whole tree when `parse_round_trip` says
the tree reproduces its source, so a wrong "yes" would silently lose or
change bytes in a sent email. Checked on every real email we ship or test
with, and on seeded random corruptions of them (stray quotes, brackets,
Liquid delimiters) where the parser must either say "no" or be right.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from engine.document import parse_with_problems, serialize
from engine.document.parser import parse_round_trip

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*ROOT.glob("resources/sample/**/*.html"), *ROOT.glob("tests/data/transformers/*.html"),
     *ROOT.glob("tests/data/transformers/*.mjml")],
    key=str,
)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_real_sources_round_trip_and_say_so(path):
    source = path.read_text()
    doc, problems, round_trips = parse_round_trip(source)
    assert serialize(doc) == source
    assert round_trips == (not problems)


def test_round_trip_flag_agrees_with_parse_with_problems():
    source = (ROOT / "tests/data/transformers/retailer_newsletter.html").read_text()
    doc, problems, _ = parse_round_trip(source)
    doc2, problems2 = parse_with_problems(source)
    assert serialize(doc) == serialize(doc2) and problems == problems2


@pytest.mark.parametrize(
    "source",
    [
        "<a href=x'y>t</a>",  # an unquoted value serialize must quote
        "<a href=>t</a>",  # empty unquoted value
        "<a title=a=b>t</a>",
        '<a href={{ x }}"y>t</a>',
    ],
)
def test_values_serialize_would_requote_are_not_vouched_for(source):
    doc, problems, round_trips = parse_round_trip(source)
    assert not round_trips
    assert serialize(doc) != source or problems  # the flag is not pessimistic for nothing


def test_vouched_round_trips_hold_under_random_corruption():
    rng = random.Random(20261128)
    pieces = ["<", ">", '"', "'", "=", "{{", "}}", "{%", "%}", "/", "<!--", "-->", "</p>", "<td>", " ", "{", "`", "a=b"]
    seeds = [p.read_text() for p in SOURCES]
    vouched = 0
    for _ in range(300):
        text = rng.choice(seeds)
        for _ in range(rng.randrange(1, 3)):
            at = rng.randrange(len(text) + 1)
            text = text[:at] + rng.choice(pieces) + text[at:]
        doc, problems, round_trips = parse_round_trip(text)
        if round_trips:
            vouched += 1
            assert serialize(doc) == text, text
    assert vouched > 150  # the property was exercised, not vacuously true


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_reading_order_is_document_order(path):
    """`flat_nodes` (the transformers' element lists start from it) lists what a walk finds, in order."""
    from engine.document.nodes import Comment, Element, walk
    from engine.document.parser import flat_nodes

    doc, _, _ = parse_round_trip(path.read_text())
    walked = [n for n in walk(doc) if isinstance(n, (Element, Comment))]
    assert [id(n) for n in flat_nodes(doc)] == [id(n) for n in walked]
