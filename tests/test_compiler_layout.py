"""Containers keep the width the designer set, whatever their padding; duplicated props are flagged."""
from __future__ import annotations

from engine.compiler import compile_email
from engine.problems import Severity


def test_padded_sections_boxes_and_rows_are_as_wide_as_unpadded_ones(web_render):
    html = compile_email(
        '<x-base>'
        '<x-section class="plain"><x-paragraph>a</x-paragraph></x-section>'
        '<x-section class="padded" padding="24px 32px" border-width="2px" border-style="solid"><x-paragraph>b</x-paragraph></x-section>'
        '<x-box class="box" width="600px" padding="40px"><x-paragraph>c</x-paragraph></x-box>'
        '<x-row class="row" padding="0 30px"><x-column><x-paragraph>d</x-paragraph></x-column></x-row>'
        '</x-base>'
    ).html
    page = web_render(html, width=700)
    widths = page.js(
        "JSON.stringify(['.plain>div', '.padded>div', '.box', '.row'].map("
        "s => Math.round(document.querySelector(s).getBoundingClientRect().width)))"
    )
    if isinstance(widths, str):
        import json

        widths = json.loads(widths)
    assert widths == [600, 600, 600, 600]


def test_a_property_set_twice_is_a_warning_at_the_second():
    result = compile_email('<x-base>\n<x-image src="a.png" :src="{ light: \'a.png\', dark: \'b.png\' }" alt="x"/>\n</x-base>')
    (warning,) = [p for p in result.problems if p.rule == "duplicate-property"]
    assert warning.severity is Severity.WARNING
    assert (warning.line, warning.column) == (2, 22)
    assert "'src' twice" in warning.message
