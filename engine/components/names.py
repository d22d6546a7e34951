"""Component tag-name rules (spec §4.2): custom-element rules plus Design Studio's extras.

Decision on the [gap]: a tag **must contain a hyphen**, as the custom-element
spec requires. Without one a component tag could not be told apart from an
HTML element by the parser (`Element.is_custom_tag`), and every documented
example (`my-footer`, `promo-card2`) has one.
"""
from __future__ import annotations

import re

MAX_TAG_LENGTH = 100

HTML_ELEMENTS = frozenset("""
a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote
body br button canvas caption center cite code col colgroup content data datalist dd del details dfn dialog
dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head
header hgroup hr html i iframe image img input ins kbd keygen label legend li link main map mark marquee
math menu menuitem meta meter nav nobr noembed noframes noscript object ol optgroup option output p param
picture plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select shadow slot
small source spacer span strike strong style sub summary sup svg table tbody td template textarea tfoot th
thead time title tr track tt u ul var video wbr xmp
""".split())

RESERVED_WEB_COMPONENTS = frozenset(
    "annotation-xml color-profile font-face font-face-src font-face-uri font-face-format font-face-name "
    "missing-glyph".split())
RESERVED_DESIGN_STUDIO = frozenset(
    "context fetch slot fragment microlink template gretchen component email scrape".split())

_ALLOWED = re.compile(r"^[a-z0-9-]+$")


def tag_problem(tag: str) -> str | None:
    """Why `tag` cannot name a component, or None when it can."""
    if not tag:
        return "a component tag is required"
    if len(tag) > MAX_TAG_LENGTH:
        return f"component tag is {len(tag)} characters long; at most {MAX_TAG_LENGTH} are allowed"
    if any(c.isupper() for c in tag):
        return f"component tag '{tag}' must be lowercase"
    if tag[0] == "-":
        return f"component tag '{tag}' cannot start with a hyphen"
    if tag[0].isdigit():
        return f"component tag '{tag}' cannot start with a digit"
    if not ("a" <= tag[0] <= "z"):
        return f"component tag '{tag}' must start with a lowercase letter a-z"
    if not _ALLOWED.match(tag):
        return f"component tag '{tag}' may only contain a-z, 0-9 and hyphens"
    if tag.endswith("-"):
        return f"component tag '{tag}' cannot end with a hyphen"
    if "--" in tag:
        return f"component tag '{tag}' cannot contain consecutive hyphens"
    if tag.startswith("x-"):
        return f"component tag '{tag}' cannot start with 'x-' (reserved for standard components)"
    if tag in HTML_ELEMENTS:
        return f"'{tag}' is an HTML element name and cannot be a component tag"
    if tag in RESERVED_WEB_COMPONENTS:
        return f"'{tag}' is reserved by the Web Components specification"
    if tag in RESERVED_DESIGN_STUDIO:
        return f"'{tag}' is a reserved Design Studio name"
    if "-" not in tag:
        return f"component tag '{tag}' must contain a hyphen (e.g. '{tag}-block')"
    return None


def is_valid_tag(tag: str) -> bool:
    return tag_problem(tag) is None


def pascal_name(tag: str) -> str:
    """`custom-button` → `CustomButton`: the script-side name for `#set:is="cond ? CustomButton : …"`."""
    return "".join(part[:1].upper() + part[1:] for part in tag.split("-") if part)
