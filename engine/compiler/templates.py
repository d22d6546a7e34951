"""The one Jinja2 environment for component markup (`resources/components/*.html.j2`).

Autoescape is off: templates only ever receive markup the compiler has already
built (attribute strings, compiled children, Liquid kept verbatim), and
escaping it again would break the Liquid and the Outlook comments.
Templates are compiled once per process and cached by name.
"""
from __future__ import annotations

from pathlib import Path

import jinja2

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
    # `shared=True` skips copying the environment globals into every context: the
    # templates use none, and this is the hot path of every compile.
    t = template(name)
    return "".join(t.root_render_func(t.new_context(context, shared=True)))
