"""References, delete refusal, detach and presets on a temporary workspace."""
from __future__ import annotations

import pytest

from engine.compiler import compile_email
from engine.components import ComponentLibrary
from engine.components.operations import (ComponentInUse, delete_component, detach, find_references,
                                          insertable_presets)
from engine.store.workspace import Workspace

PROMO = open("resources/sample/components/promo-card.html", encoding="utf-8").read()


@pytest.fixture
def ws(tmp_path):
    w = Workspace.open(tmp_path / "ws.db")
    yield w
    w.close()


def test_references_delete_and_force(ws):
    comp = ws.files.create_component("Promo card", source=PROMO, tag="promo-card")
    ws.files.create_email("A", source="<x-base>\n  <promo-card code=\"A\"></promo-card>\n</x-base>")
    ws.files.create_email("B", source="<x-base><x-paragraph>none</x-paragraph></x-base>")
    refs = find_references(ws, "promo-card")
    assert [(r.file.name, r.line, r.column) for r in refs] == [("A", 2, 3)]
    with pytest.raises(ComponentInUse) as err:
        delete_component(ws, comp.ref)
    assert "A line 2" in str(err.value)
    assert ws.files.get(comp.ref)  # still there
    delete_component(ws, comp.ref, force=True)
    assert not [f for f in ws.files.all() if f.kind == "component"]


def test_workspace_components_compile(ws):
    ws.files.create_component("Promo card", source=PROMO, tag="promo-card")
    r = compile_email('<x-base><promo-card code="WS1"></promo-card></x-base>', components=ws)
    assert r.ok and "WS1" in r.html


def test_detach_keeps_the_rest_byte_identical_and_compiles_the_same():
    lib = ComponentLibrary({"promo-card": PROMO})
    before, after = "<x-base>\n  <x-paragraph>Intro</x-paragraph>\n  ", "\n  <!-- end -->\n</x-base>\n"
    email = before + '<promo-card code="LUMEN15" headline="15% off">Hi <b>there</b></promo-card>' + after
    out = detach(email, 3, 3, lib)
    assert out.startswith(before) and out.endswith(after) and "promo-card" not in out
    assert "<x-box" in out and "LUMEN15" in out and "Hi <b>there</b>" in out
    original = compile_email(email, components=lib)
    detached = compile_email(out)
    assert detached.ok
    strip = lambda h: h[h.find("<body"):]
    assert strip(original.html) == strip(detached.html)


def test_presets_are_insertable_blocks():
    hidden = "<script>export const config = { label: 'Hidden' }</script><template><p>x</p></template>"
    presets = insertable_presets(ComponentLibrary({"promo-card": PROMO, "hidden-card": hidden}))
    assert [(p.tag, p.label) for p in presets] == [("promo-card", "Promo card")]
    assert presets[0].content.startswith("<promo-card")
