"""The checks QA runs on an email (design-studio.md §10, §10.1): headless, no Qt.

    build(source, settings=, styles=, filename=) -> Build   compile + transformers once
    check_problems(build)        §10.1 errors and warnings (compiler, Liquid, CSS, images)
    check_links(build, offline=) every unique URL once: https, reachable
    check_images(build, offline=) loads, https, bytes, dimensions, alt
    check_accessibility(build)   §10's 16 custom rules + the axe core rules email needs
    check_client_support(build)  caniemail data: which clients lack a feature
    check_size(build)            Gmail's 102 KB clipping
    check_spam(build)            SpamAssassin's score when installed
    run_checks(...)              all of them, de-duplicated, for the CLI

Each check returns `list[Problem]` located in the source the user edits
(`Build.locate`). Network checks run in a thread pool (`network.LinkChecker`)
so the editor can start them and collect the results later.
"""
from __future__ import annotations

from .build import Build, build

__all__ = ["Build", "build"]
