"""Pass 5 — assemble the document: doctype, html, head and body exactly once (§1.2 step 6).

`x-base` text defaults (the Paragraph style) and background go on `<body>`
and on a wrapper `<div>` that also carries `lang`/`dir` ([inf] §2.2: clients
strip `<html>`, so the accessibility checker looks at this wrapper). The
preheader is the first element in `<body>`. A source that is already a full
`<html>` document is kept as written and only receives the generated CSS
before its `</head>`.
"""
from __future__ import annotations

import re

from engine.compiler.expand import Expander
from engine.compiler.head import HeadCollector
from engine.compiler.markup import attrs, join_classes
from engine.compiler.schema import INHERITED_TEXT_PROPS
from engine.compiler.stylesheet import StyleSheet
from engine.compiler.templates import render
from engine.compiler.tree import Component, Resolved
from engine.styles.model import GlobalStyles

BASE_CSS = (
    "body{margin:0;padding:0;word-spacing:normal;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%}"
    "table,td{border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt}"
    "img{border:0;outline:none;text-decoration:none;-ms-interpolation-mode:bicubic}"
    "a[x-apple-data-detectors]{color:inherit !important;text-decoration:none !important;font-size:inherit !important;"
    "font-family:inherit !important;font-weight:inherit !important;line-height:inherit !important}"
)
PREHEADER_WIDTH = 140
_HEAD_END = re.compile(r"</head\s*>", re.I)


def preheader_markup(text: str | None) -> str:
    if not text:
        return ""
    padding = "&zwnj;&nbsp;" * max(0, PREHEADER_WIDTH - len(text))
    return render("preheader.html.j2", text=text, padding=padding)


def font_links(styles: GlobalStyles, html: str) -> list[str]:
    """Stylesheets of the custom fonts the compiled email actually uses, once each."""
    out = []
    for font in styles.fonts:
        if font.url and font.kind == "custom" and (font.css() in html or font.family in html):
            out.append(font.url)
    return out


def assemble(resolved: Resolved, content: str, sheet: StyleSheet, head: HeadCollector, expander: Expander,
             styles: GlobalStyles) -> tuple[str, str, str]:
    """(html, title, preheader)."""
    base: Component | None = resolved.base
    title = base.value("title") if base else None
    preheader = base.value("preheader") if base else None
    if title:
        head.titles = {str(title): None, **head.titles}

    if resolved.html_document:
        for href in font_links(styles, content):
            head.add_link(href)
        extra = "".join(f"{t}\n" for t in head.tags)
        css = sheet.css()
        if css:
            extra += f"<style>\n{css}\n</style>\n"
        extra += "".join(b + "\n" for b in head.render_isolated())
        tb = sheet.thunderbird_css()
        if tb:
            extra += f'<style media="(prefers-color-scheme: dark)">\n{tb}\n</style>\n'
        extra += "".join(head.raw)
        if extra:
            m = _HEAD_END.search(content)
            content = content[:m.start()] + extra + content[m.start():] if m else extra + content
        return content, title or "", preheader or ""

    body_decls, wrapper_decls = {}, {}
    if base is not None:
        bg = base.props.get("background")
        if bg is not None:
            body_decls["background"] = bg
            wrapper_decls["background"] = bg
        for p in INHERITED_TEXT_PROPS:
            if p in base.props:
                wrapper_decls[p] = base.props[p]
    body_style, body_cls = sheet.style(body_decls)
    wrapper_style, wrapper_cls = sheet.style(wrapper_decls, user_style=base.user_style if base else "")
    for href in font_links(styles, content + wrapper_style + sheet.css()):
        head.add_link(href)
    main_css = "\n".join([BASE_CSS, *head.styles, sheet.css()]).strip()
    html = render(
        "document.html.j2",
        dark=sheet.uses_dark,
        titles=list(head.titles),
        tags=list(head.tags),
        main_css=main_css,
        isolated=head.render_isolated(),
        thunderbird_css=sheet.thunderbird_css(),
        mso_css=sheet.outlook_css(),
        heads=head.raw,
        body_attrs=attrs(("class", body_cls), ("style", body_style)),
        preheader=preheader_markup(preheader),
        wrapper_attrs=attrs(
            ("class", join_classes("cs-body", base.user_class if base else "", wrapper_cls)),
            ("style", wrapper_style),
            ("lang", base.value("lang") if base else None),
            ("dir", base.value("dir") if base else None),
            *(expander.passthrough(base) if base else []),
        ),
        content=content,
    )
    return html, title or "", preheader or ""
