"""Links (§10): every unique URL once — secure (https) or not, reachable or not.

One finding per unique URL, its severity the worst thing about it:
- error `links/broken` (HTTP 4xx/5xx after redirects) or `links/unreachable`
  (timeout, DNS, refused) — a reader clicking it lands nowhere;
- warning `links/insecure`: `http:` (or a redirect ending on `http:`);
- info `links/ok`, `links/not-checked` (offline, Liquid-built URLs), `links/skipped`
  (`mailto:`, `tel:`, `#anchors`).
A URL built with Liquid is judged on its scheme only when it writes one
before the Liquid (`http://x.example/{{ id }}`); `{% unsubscribe_url %}` has
`secure` None and `liquid` True — the Links tab says "not checked (Liquid)"
and nothing about http.
`extra` carries what the Links panel shows: `url`, `secure` (None: unknown),
`liquid`, `status`, `final_url`, `redirects`, `occurrences`, `checked`.

`check_links(build, offline=True)` never touches the network; online it
fetches in `UrlChecker`'s pool (all URLs at once) and waits. The editor
calls `start_link_checks` instead and gets a Future.
"""
from __future__ import annotations

from concurrent.futures import Future

from engine.problems import Problem, Severity

from .build import Build
from .network import FetchResult, UrlChecker
from .urls import UrlUse, collect_links, is_anchor, unfetchable


def check_links(b: Build, *, offline: bool = False, checker: UrlChecker | None = None,
                timeout: float = 8.0) -> list[Problem]:
    uses = collect_links(b)
    if offline:
        return [_finding(b, use, None, offline=True) for use in uses]
    own = checker is None
    checker = checker or UrlChecker(timeout=timeout)
    try:
        futures = [(use, checker.link(use.url) if _fetchable(use) else None) for use in uses]
        return [_finding(b, use, f.result() if f is not None else None) for use, f in futures]
    finally:
        if own:
            checker.close()


def start_link_checks(b: Build, checker: UrlChecker) -> Future:
    """A Future of `check_links`' list, computed in the checker's pool; returns at once."""
    uses = collect_links(b)
    pending = [(use, checker.link(use.url) if _fetchable(use) else None) for use in uses]
    done: Future = Future()
    remaining = [sum(1 for _, f in pending if f is not None)]

    def finish(_=None) -> None:
        remaining[0] -= 1
        if remaining[0] <= 0 and not done.done():
            done.set_result([_finding(b, use, f.result() if f is not None else None) for use, f in pending])

    if remaining[0] == 0:
        remaining[0] = 1
        finish()
    for _, f in pending:
        if f is not None:
            f.add_done_callback(finish)
    return done


def _fetchable(use: UrlUse) -> bool:
    return not (use.has_liquid or is_anchor(use.url) or unfetchable(use.url))


def _finding(b: Build, use: UrlUse, result: FetchResult | None, *, offline: bool = False) -> Problem:
    url = use.url
    secure = use.secure
    extra = {"url": url, "secure": secure, "occurrences": len(use.elements), "checked": False, "topic": f"link:{url}",
             "liquid": use.has_liquid}
    el = use.first

    def make(message: str, rule: str, severity: Severity) -> Problem:
        return b.finding(el, message, rule, severity, **extra)

    if is_anchor(url) or unfetchable(url):
        extra["secure"] = None
        return make(f"{url}: not a web link, not checked", "links/skipped", Severity.INFO)
    if use.has_liquid:
        return make(f"{url}: built with Liquid, not checked (its value exists only at send time)",
                    "links/not-checked", Severity.INFO)
    lowered = url.lower()
    if not lowered.startswith(("http://", "https://")):
        return make(f"{url}: not an http(s) link", "links/invalid", Severity.WARNING)
    insecure = "" if secure else " — not secure (http)"
    if offline or result is None:
        severity = Severity.WARNING if not secure else Severity.INFO
        return make(f"{url}: not checked (offline){insecure}", "links/insecure" if not secure else "links/not-checked",
                    severity)
    extra.update(checked=True, status=result.status, final_url=result.final_url or url, redirects=result.redirects,
                 elapsed_ms=round(result.elapsed_ms, 1))
    if result.final_url and result.final_url.lower().startswith("http:"):
        extra["secure"] = secure = False
        insecure = " — not secure (ends on http)" if lowered.startswith("https:") else insecure
    via = f" via {len(result.redirects)} redirect(s) to {result.final_url}" if result.redirects else ""
    if result.error:
        return make(f"{url}: unreachable, {result.error}{insecure}", "links/unreachable", Severity.ERROR)
    if result.status is not None and result.status >= 400:
        return make(f"{url}: broken, HTTP {result.status} {result.reason}{via}{insecure}".replace("  ", " "),
                    "links/broken", Severity.ERROR)
    if not secure:
        return make(f"{url}: reachable (HTTP {result.status}){via}{insecure}", "links/insecure", Severity.WARNING)
    return make(f"{url}: OK (HTTP {result.status}){via}", "links/ok", Severity.INFO)
