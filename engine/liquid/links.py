"""Customer.io's per-delivery URLs, as they look offline.

The hosts are the documented defaults (A6). [inf] Paths for the preference
page, click tracking and link ids are not documented; we use readable forms.
In previews and test sends `delivery_id` is `unsent` (A2): links are then
left unwrapped, so a preview's links open the real destination.
"""
from __future__ import annotations

from urllib.parse import quote, quote_plus, urlsplit

TRACKING_BASE = "https://track.customer.io"
VIEW_IN_BROWSER_BASE = "http://e.customeriomail.com"
UNSENT = "unsent"

# The workspace's default URL-parameter template (A6); values are Liquid.
DEFAULT_URL_PARAMS = (
    ("utm_source", "customer.io"),
    ("utm_medium", "{{message.type}}"),
    ("utm_campaign", "{{campaign.name}}"),
    ("utm_content", "{{message.name}}"),
)


def with_lang(url: str, lang: str | None) -> str:
    return f"{url}?lang={quote_plus(lang)}" if lang else url


def unsubscribe_url(delivery_id: str, lang: str | None = None) -> str:
    return with_lang(f"{TRACKING_BASE}/unsubscribe/{delivery_id}", lang)


def preferences_url(delivery_id: str, lang: str | None = None) -> str:
    return with_lang(f"{TRACKING_BASE}/manage_subscription_preferences/{delivery_id}", lang)


def view_in_browser_url(delivery_id: str) -> str:
    return f"{VIEW_IN_BROWSER_BASE}/deliveries/{delivery_id}"


def append_params(url: str, params: list[tuple[str, str]]) -> str:
    """Append form-encoded params (sorted by name, as the doc example shows),
    keeping any parameter the URL already sets."""
    existing = {part.split("=", 1)[0] for part in urlsplit(url).query.split("&") if part}
    extra = [(k, v) for k, v in sorted(params) if k not in existing]
    if not extra:
        return url
    fragment = ""
    if "#" in url:
        url, fragment = url.split("#", 1)
        fragment = "#" + fragment
    joiner = "&" if "?" in url else "?"
    if url.endswith(("?", "&")):
        joiner = ""
    query = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in extra)
    return f"{url}{joiner}{query}{fragment}"


def tracked(url: str, delivery_id: str, link_number: int) -> str:
    if delivery_id == UNSENT:
        return url
    return f"{TRACKING_BASE}/click/{delivery_id}/{link_number}?url={quote(url, safe='')}"


def link_id(delivery_id: str, link_number: int) -> str:
    return f"{delivery_id}-{link_number}"
