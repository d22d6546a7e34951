"""The one Jinja2 environment for component markup (`resources/components/*.html.j2`).

Autoescape is off: templates only ever receive markup the compiler has already
built (attribute strings, compiled children, Liquid kept verbatim), and
escaping it again would break the Liquid and the Outlook comments.
Templates are compiled once per process and cached by name.
"""
from __future__ import annotations

from pathlib import Path

import jinja2
import jinja2.runtime

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "resources" / "components"

ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=False,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    auto_reload=False,
    undefined=jinja2.StrictUndefined,
)
_CACHE: dict[str, jinja2.Template] = {}


def template(name: str) -> jinja2.Template:
    t = _CACHE.get(name)
    if t is None:
        t = _CACHE[name] = ENV.get_template(name)
    return t


def render(name: str, **context) -> str:
    """Render one component template: the hot path of every compile (~57 calls per newsletter).

    Jinja's `new_context` builds an `EvalContext`, copies the globals' keys and the
    block map on every call. Our templates define no blocks, set nothing and read
    no globals, so those parts are built once per template (`_prototype`) and each
    render gets a fresh context sharing them, with its own `vars`/`exported_vars`
    so nothing can leak between renders (or threads). A template with blocks falls
    back to Jinja's own path.
    """
    fast = _FAST.get(name)
    if fast is None:
        fast = _FAST[name] = _prototype(template(name))
    root, proto = fast
    if proto is None:
        t = template(name)
        return "".join(root(t.new_context(context, shared=True)))
    ctx = _new_context(_Context)
    ctx.__dict__ = {**proto, "parent": context, "vars": {}, "exported_vars": set()}
    return "".join(root(ctx))


_Context = jinja2.runtime.Context
_new_context = object.__new__
_FAST: dict[str, tuple] = {}


def _prototype(t: jinja2.Template) -> tuple:
    if t.blocks:
        return t.root_render_func, None
    proto = dict(t.new_context({}, shared=True).__dict__)
    for key in ("parent", "vars", "exported_vars"):
        proto.pop(key, None)
    return t.root_render_func, proto

