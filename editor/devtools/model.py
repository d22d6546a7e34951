"""What the developer tools check, and the check runs themselves (plain Python, run in worker threads).

The editor already compiled the email for the preview (`engine.email_build`),
with the inspect-element marks in `marked_html`. Compiling again for the
checks would double the work on every pause, so `checks_build` wraps that
same output in an `engine.checks.Build` (parse of the marked HTML; the
marks give every finding its source line). Only the parse is repeated.

Runs, by cost (the drawer decides when each happens):
- `cheap_report`: problems (§10.1), accessibility, client support, size,
  plus the *sets* of link and image URLs with their offline findings. It
  runs after each build, when typing pauses, in the checks process
  (`isolated_report`, `Runner.run_isolated`): its input is pickled, so the
  workspace images it needs travel as an `AssetSnapshot` read on the GUI
  thread (the workspace's database stays on that thread), and the parsed
  tree stays behind (the network checks parse again, once, when asked).
- `check_links_now` / `check_images_now`: the network; only on demand.
- `check_spam_now`: SpamAssassin; only on demand.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.problems import Problem


@dataclass(frozen=True)
class ChecksInput:
    """One build of the open email, as the checks need it."""

    source: str
    filename: str
    html: str  # final HTML, what Source shows and Export ships
    marked_html: str
    transformers: dict = field(default_factory=dict)  # the App-API object
    framework: str = ""
    subject: str = ""
    component: bool = False
    # where `asset:NAME` images come from (the source the preview serves, `widgets.preview.assets`)
    assets: object = field(default=None, compare=False)


@dataclass
class CheapReport:
    problems: list[Problem]  # §10.1 findings the editor's own problem list does not have
    accessibility: list[Problem]
    client_support: list[Problem]
    size: list[Problem]
    links: list[Problem]  # offline findings, one per unique URL ("not checked")
    images: list[Problem]  # offline findings per unique image URL, plus `images/alt` per <img>
    build: object = None  # the `engine.checks.Build`, reused by the network checks

    @property
    def link_urls(self) -> tuple[str, ...]:
        return tuple(p.extra["url"] for p in self.links)

    @property
    def image_urls(self) -> tuple[str, ...]:
        return tuple(p.extra["url"] for p in self.images if p.rule != "images/alt")


def checks_build(inp: ChecksInput):
    """An `engine.checks.Build` over the editor's own compile (no second compile)."""
    from engine.checks.build import Build
    from engine.document.parser import parse_with_problems
    from engine.transformers import TransformerSettings

    settings, _ = TransformerSettings.from_json_with_problems(inp.transformers or {})
    document, _ = parse_with_problems(inp.marked_html)
    instrumented = "data-cs-src" in inp.marked_html
    return Build(inp.source, inp.filename, inp.html, inp.marked_html, document, settings, [],
                 instrumented=instrumented)


class AssetSnapshot(dict):
    """name -> `AssetData` of the images one HTML uses, callable as an `AssetSource`; pickles."""

    def __call__(self, name: str):
        return self.get(name)


def snapshot_assets(html: str, source) -> AssetSnapshot:
    """The workspace images `html` refers to, read now from `source` (on the thread that owns it)."""
    from engine.assets import asset_names

    shot = AssetSnapshot()
    if source is None:
        return shot
    for name in asset_names(html):
        try:
            found = source(name)
        except Exception:  # noqa: BLE001 - a closed workspace: the image reads as missing
            found = None
        if found is not None:
            shot[name] = found
    return shot


def isolated_report(inp: ChecksInput) -> CheapReport:
    """`cheap_report` for the checks process: the answer leaves the tree behind (it would be pickled back)."""
    report = cheap_report(inp)
    report.build = None
    return report


def cheap_report(inp: ChecksInput) -> CheapReport:
    from engine.checks import check_accessibility, check_client_support, check_images, check_links, check_problems
    from engine.checks import check_size

    b = checks_build(inp)
    if inp.component:  # a component previews as a fragment: only what its author can act on
        return CheapReport(_own(check_problems(b)), [], [], check_size(b), [], [], b)
    return CheapReport(
        problems=_own(check_problems(b)),
        accessibility=check_accessibility(b),
        client_support=check_client_support(b),
        size=check_size(b),
        links=check_links(b, offline=True),
        images=check_images(b, offline=True, assets=inp.assets),
        build=b,
    )


def _own(found: list[Problem]) -> list[Problem]:
    """§10.1 findings beyond the compiler's and Liquid's (the editor lists those itself)."""
    return [p for p in found if not (p.rule or "").startswith("liquid")]


def check_links_now(b, *, offline: bool, timeout: float = 8.0):
    """Links, for `Runner.run` when offline; online the drawer uses `start_link_checks`' Future."""
    from engine.checks import check_links

    return check_links(b, offline=offline, timeout=timeout)


@dataclass
class ImagesResult:
    findings: list[Problem]
    thumbnails: dict = field(default_factory=dict)  # url -> QImage (made in the worker; QImage is thread-safe)


def check_images_now(b, *, offline: bool, timeout: float = 8.0, thumb: int = 44, assets=None) -> ImagesResult:
    """`assets`: where `asset:NAME` images come from; they are checked and thumbnailed offline too."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    from engine.checks import UrlChecker, check_images

    def thumbs_of(findings, body_of) -> dict:
        thumbs = {}
        for p in findings:
            if not p.extra.get("checked") or not p.extra.get("width"):
                continue
            image = QImage.fromData(body_of(p) or b"")
            if not image.isNull():
                thumbs[p.extra["url"]] = image.scaled(thumb, thumb, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation)
        return thumbs

    def asset_body(p):  # a workspace image: its bytes are local
        found = assets(p.extra["asset"]) if assets is not None else None
        return found.data if found is not None else None

    if offline:
        findings = check_images(b, offline=True, assets=assets)
        return ImagesResult(findings, thumbs_of([p for p in findings if p.extra.get("asset")], asset_body))
    with UrlChecker(timeout=timeout) as checker:
        findings = check_images(b, checker=checker, assets=assets)
        # network images: the checker's cache answers, no second request
        thumbs = thumbs_of(findings, lambda p: asset_body(p) if p.extra.get("asset")
                           else checker.image(p.extra["url"]).result().body)
    return ImagesResult(findings, thumbs)


def check_spam_now(b, *, subject: str = ""):
    from engine.checks import check_spam

    return check_spam(b, subject=subject)
