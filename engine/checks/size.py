"""Size: the final HTML's bytes, and Gmail's clipping above 102 KB (§14 [inf]).

Measured on `Build.html`, the bytes Export ships (transformers included), with
`engine.preview.size` so the bottom bar and this check never disagree.
"""
from __future__ import annotations

from engine.preview.size import GMAIL_CLIP_KB, email_size
from engine.problems import Problem, Severity

from .build import Build


def check_size(b: Build) -> list[Problem]:
    size = email_size(b.html)
    extra = {"bytes": size.bytes, "kb": round(size.kb, 1), "limit_kb": GMAIL_CLIP_KB, "topic": "size"}
    warning = size.warning()
    if warning:
        return [Problem(warning, 0, 0, Severity.WARNING, "size/gmail-clipping", b.filename, extra)]
    return [Problem(f"HTML size {size.label()} ({size.bytes} bytes), under Gmail's {GMAIL_CLIP_KB} KB clipping",
                    0, 0, Severity.INFO, "size/ok", b.filename, extra)]
