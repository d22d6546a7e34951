"""Fetching URLs for the Links and Images checks, in a thread pool that never blocks the caller.

`UrlChecker.link(url)` / `.image(url)` return `concurrent.futures.Future`s;
the editor submits them when the user opens the panel and collects results
as they complete (Qt can poll or use `add_done_callback` + a queued signal).
The command line waits on them. Each unique URL is fetched once per checker
(results are cached by URL), so a URL repeated twenty times costs one request.

Decisions [inf]:
- Links: `HEAD` first (cheap); when the server refuses it (405, 403, 501,
  any 4xx/5xx or a connection error other than a timeout) a `GET` whose body
  is not read decides. Redirects are followed (at most 10); the chain is kept.
- Images: one `GET`, the body read up to `MAX_IMAGE_BYTES` (larger files are
  reported as too large without being decoded).
- A timeout (connect or read) is a failure: "timed out after N s".
- The user agent says who we are; some CDNs refuse Python's default one.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

USER_AGENT = "CampaignStudio-LinkChecker/0.1 (+offline email QA)"
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 10


@dataclass
class FetchResult:
    url: str
    status: int | None = None
    reason: str = ""
    final_url: str = ""
    redirects: list[str] = field(default_factory=list)
    error: str = ""
    elapsed_ms: float = 0.0
    method: str = ""
    content_type: str = ""
    body: bytes | None = None  # images only
    size: int | None = None  # bytes, from the body or Content-Length
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return not self.error and self.status is not None and self.status < 400


class UrlChecker:
    """A small pool of HTTP workers with a per-URL cache."""

    def __init__(self, *, timeout: float = 8.0, workers: int = 8):
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="url-check")
        self._cache: dict[tuple[str, str], Future] = {}
        self._lock = threading.Lock()
        self._local = threading.local()

    def link(self, url: str) -> Future:
        return self._submit("link", url)

    def image(self, url: str) -> Future:
        return self._submit("image", url)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _submit(self, kind: str, url: str) -> Future:
        with self._lock:
            future = self._cache.get((kind, url))
            if future is None:
                fn = self._fetch_link if kind == "link" else self._fetch_image
                future = self._cache[(kind, url)] = self._pool.submit(fn, url)
            return future

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = self._local.session = requests.Session()
            s.headers["User-Agent"] = USER_AGENT
            s.max_redirects = MAX_REDIRECTS
        return s

    def _request(self, method: str, url: str, *, stream: bool) -> requests.Response:
        return self._session().request(method, url, allow_redirects=True, timeout=self.timeout, stream=stream)

    def _fetch_link(self, url: str) -> FetchResult:
        start = time.perf_counter()
        result = FetchResult(url)
        try:
            response = self._request("HEAD", url, stream=False)
            result.method = "HEAD"
            if response.status_code >= 400:
                response.close()
                response = self._request("GET", url, stream=True)
                result.method = "GET"
            _fill(result, response)
            response.close()
        except requests.Timeout:
            result.error = f"timed out after {self.timeout:g} s"
        except requests.RequestException as exc:
            try:  # HEAD refused at the connection level: some servers only speak GET
                response = self._request("GET", url, stream=True)
                result.method = "GET"
                _fill(result, response)
                response.close()
            except requests.Timeout:
                result.error = f"timed out after {self.timeout:g} s"
            except requests.RequestException:
                result.error = _describe(exc)
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result

    def _fetch_image(self, url: str) -> FetchResult:
        start = time.perf_counter()
        result = FetchResult(url, method="GET")
        try:
            with self._request("GET", url, stream=True) as response:
                _fill(result, response)
                if response.status_code < 400:
                    chunks, total = [], 0
                    for chunk in response.iter_content(64 * 1024):
                        chunks.append(chunk)
                        total += len(chunk)
                        if total > MAX_IMAGE_BYTES:
                            result.truncated = True
                            break
                    result.body = b"".join(chunks)
                    declared = response.headers.get("Content-Length")
                    result.size = int(declared) if result.truncated and declared and declared.isdigit() else total
        except requests.Timeout:
            result.error = f"timed out after {self.timeout:g} s"
        except requests.RequestException as exc:
            result.error = _describe(exc)
        result.elapsed_ms = (time.perf_counter() - start) * 1000
        return result


def _fill(result: FetchResult, response: requests.Response) -> None:
    result.status = response.status_code
    result.reason = response.reason or ""
    result.final_url = response.url
    result.redirects = [r.url for r in response.history]
    result.content_type = response.headers.get("Content-Type", "")


def _describe(exc: Exception) -> str:
    if isinstance(exc, requests.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, requests.ConnectionError):
        text = str(exc)
        if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in text:
            return "the host name does not resolve"
        if "refused" in text.lower():
            return "connection refused"
        return "could not connect"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema | requests.exceptions.InvalidSchema):
        return "not a valid URL"
    return f"{type(exc).__name__}: {exc}"
