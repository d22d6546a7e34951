"""The Customer.io Liquid environment: one object owning tags and filters.

`LATEST` mirrors Customer.io's "latest" engine (every account since
2023-11-28 and every Design Studio message); `LEGACY` the older one, kept so
templates can be checked against both (A1): it lacks `default`,
`json_array_uniq` and `break`, keeps `timezone` and `htmlencode`, prints
`.0` on whole floats and lets `modulo` go negative.

Unknown filters pass their input through unchanged in both engines — the
documented version-sniff idiom relies on it (A1, [inf]); `check_liquid`
reports them as warnings instead.

Parsed templates are cached by source text: the same body is rendered for
many people and re-rendered on every keystroke of a preview.
"""
from __future__ import annotations

from functools import lru_cache

from liquid import BoundTemplate, Environment
from liquid.builtin.filters.string import escape

from . import filters_cio, filters_dates, filters_math
from .context import CioContext, MissingUndefined
from .delimiters import DelimiterError, prepare
from .errors import CioSyntaxError
from .tags import STANDARD_TAG_OVERRIDES
from .tags_cio import CIO_TAGS


class CioTemplate(BoundTemplate):
    context_class = CioContext


class CioEnvironment(Environment):
    template_class = CioTemplate
    keyword_assignment = True

    def __init__(self, *, latest: bool = True):
        self.latest = latest
        super().__init__(undefined=MissingUndefined, strict_filters=False)
        self._cached_parse = lru_cache(maxsize=512)(self._parse_uncached)

    def setup_tags_and_filters(self, *, extra: bool = False) -> None:
        super().setup_tags_and_filters(extra=False)
        for tag in STANDARD_TAG_OVERRIDES + CIO_TAGS:
            self.add_tag(tag)
        self.filters.update(filters_math.make_math_filters(self.latest))
        self.filters.update(filters_math.make_array_filters(self.latest))
        self.filters.update(filters_cio.make_currency_filters(self.latest))
        self.filters.update(filters_cio.CIO_FILTERS)
        self.filters["date"] = filters_dates.date_filter
        self.filters["add_to_date"] = filters_dates.add_to_date
        if self.latest:
            self.filters.update(filters_cio.LATEST_ONLY_FILTERS)
        else:
            del self.filters["default"]
            self.tags.pop("break", None)
            self.filters["timezone"] = filters_dates.timezone_filter
            self.filters["htmlencode"] = escape

    def _parse_uncached(self, source: str) -> CioTemplate:
        try:
            prepared = prepare(source)
        except DelimiterError as err:
            from liquid.token import Token

            raise CioSyntaxError(err.message, token=Token("output", "", err.index, source)) from None
        return self.from_string(prepared)

    def parse_cached(self, source: str) -> CioTemplate:
        """Parse `source` once; later calls with the same text reuse the tree."""
        return self._cached_parse(source)


LATEST = CioEnvironment(latest=True)
LEGACY = CioEnvironment(latest=False)


def environment_for(version: str) -> CioEnvironment:
    if version == "latest":
        return LATEST
    if version == "legacy":
        return LEGACY
    raise ValueError(f"unknown Liquid engine version {version!r} (use 'latest' or 'legacy')")
