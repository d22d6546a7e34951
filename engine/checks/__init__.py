"""The checks QA runs on an email (design-studio.md §10, §10.1): headless, no Qt.

    build(source, settings=, styles=, filename=) -> Build   the email's one build (`engine.email_build`), parsed once
    of_build(source, engine_build, settings, filename)      the same over a build already made
    check_problems(build)            §10.1 errors and warnings (compiler, Liquid, CSS, images)
    check_links(build, offline=)     every unique URL once: https, reachable
    check_images(build, offline=)    loads, https, bytes, dimensions, alt
    check_accessibility(build)       §10's 16 custom rules + the axe core rules email needs
    check_client_support(build)      caniemail data: which clients lack a feature
    check_size(build)                Gmail's 102 KB clipping
    check_spam(build)                SpamAssassin's score when installed
    run_checks(build, offline=)      all of them, de-duplicated (the command line)

Each check returns `list[Problem]` located in the source the user edits
(`Build.locate`). Network checks run in a thread pool (`network.UrlChecker`;
`links.start_link_checks` returns a Future) so the editor never waits.
"""
from __future__ import annotations

from engine.problems import Problem, Severity

from .accessibility import check_accessibility
from .build import Build, build, of_build
from .client_support import check_client_support
from .images import check_images
from .links import check_links, start_link_checks
from .network import UrlChecker
from .problems import check_problems
from .size import check_size
from .spam import check_spam

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def run_checks(b: Build, *, offline: bool = False, spam: bool = True, timeout: float = 8.0) -> list[Problem]:
    """Every check, the same finding reported once (an `<img>` without alt is a Problems,
    an Images and an Accessibility finding: the first, by topic and position, is kept)."""
    found: list[Problem] = []
    found += check_problems(b)
    found += check_accessibility(b)
    found += check_client_support(b)
    found += check_size(b)
    with UrlChecker(timeout=timeout) as checker:
        found += check_links(b, offline=offline, checker=checker)
        found += check_images(b, offline=offline, checker=checker)
    if spam:
        found += check_spam(b)
    seen: set = set()
    out: list[Problem] = []
    for p in found:
        key = (p.extra.get("topic"), p.line, p.column) if p.extra.get("topic") else (p.rule, p.line, p.column, p.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


__all__ = [
    "Build", "UrlChecker", "build", "check_accessibility", "check_client_support", "check_images", "check_links",
    "check_problems", "check_size", "check_spam", "of_build", "run_checks", "start_link_checks",
]
