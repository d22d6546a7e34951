"""Google Fonts detection for `<x-font-family>` (§2.2 helper components).

[inf] Offline we cannot ask Google which families exist, so we bundle the
most used ones; a family outside this list gets no stylesheet (a custom
font should be a global-style font variable with its own URL instead).
"""
from __future__ import annotations

from urllib.parse import quote_plus

GOOGLE_FONTS = frozenset(
    """Roboto|Open Sans|Lato|Montserrat|Poppins|Inter|Oswald|Raleway|Nunito|Nunito Sans|Merriweather|
    Playfair Display|Source Sans 3|Source Sans Pro|PT Sans|PT Serif|Noto Sans|Noto Serif|Ubuntu|Rubik|Work Sans|
    Roboto Slab|Roboto Mono|Roboto Condensed|Lora|Fira Sans|DM Sans|DM Serif Display|Karla|Mulish|Quicksand|Barlow|
    Manrope|IBM Plex Sans|IBM Plex Serif|IBM Plex Mono|Josefin Sans|Libre Baskerville|Libre Franklin|Cabin|Arvo|
    Bitter|Crimson Text|EB Garamond|Cormorant Garamond|Space Grotesk|Space Mono|Outfit|Plus Jakarta Sans|Figtree|
    Sora|Lexend|Archivo|Heebo|Assistant|Hind|Titillium Web|Exo 2|Anton|Bebas Neue|Abril Fatface|Pacifico|
    Dancing Script|Lobster|Caveat|Shadows Into Light|Inconsolata|Source Code Pro|Zilla Slab|Spectral|Alegreya|
    Cardo|Vollkorn|Overpass|Red Hat Display|Red Hat Text|Urbanist|Kanit|Prompt|Mukta|Oxygen|Varela Round|
    Comfortaa|Maven Pro|Asap|Signika|Catamaran|Chivo|Questrial|Google Sans|Noto Sans JP|Noto Sans KR|Cairo|Tajawal""".replace(
        "\n", ""
    ).split("|")
)
GOOGLE_FONTS = frozenset(f.strip() for f in GOOGLE_FONTS)


def families(stack: str) -> list[str]:
    return [p.strip().strip("'\"").strip() for p in (stack or "").split(",") if p.strip()]


def google_font_url(family: str) -> str:
    return f"https://fonts.googleapis.com/css2?family={quote_plus(family)}:wght@300;400;700&display=swap"


def google_font_links(stack: str) -> list[str]:
    return [google_font_url(f) for f in families(stack) if f in GOOGLE_FONTS]
