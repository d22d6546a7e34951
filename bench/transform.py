"""Benchmark: the full transformer chain on a ~50 KB email, beside css-inline (and premailer).

Run: `.venv/bin/python bench/transform.py [--runs N]`.

The email is the retailer newsletter from the tests with its product rows
repeated until it weighs ~50 KB (a long catalogue newsletter, the size
where Gmail clipping starts to matter). Figures are medians of N runs
after one warm-up. The chain runs on one shared parse (engine/transformers/
pipeline.py); "steps one by one" is the same steps each parsing and
serializing for itself, the reference the chain must equal. The last line
is the goal of issue 10 point 17: the chain's median against css-inline's,
measured in this run (target: chain <= 20 ms).

premailer is not a project dependency (tech-notes: it strips `!important`
in `@media` and gets the cascade wrong); it is measured only when importable,
e.g. from a throwaway environment:
    python -m venv /tmp/premailer-venv && /tmp/premailer-venv/bin/pip install premailer
    PYTHONPATH=/tmp/premailer-venv/lib/python3.11/site-packages .venv/bin/python bench/transform.py
Otherwise the bench prints "premailer not installed".
"""
from __future__ import annotations

import argparse
import logging
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import css_inline  # noqa: E402

from engine.transformers import ORDER, TransformerSettings, apply_transformers, enabled_steps  # noqa: E402
from engine.transformers.pipeline import _shared_tree_chain, run_step_by_step  # noqa: E402
from engine.transformers.settings import UrlParameter  # noqa: E402

SOURCE = ROOT / "tests" / "data" / "transformers" / "retailer_newsletter.html"
TARGET_BYTES = 50_000


def build_email() -> str:
    html = SOURCE.read_text()
    row = re.search(r"(\s*<tr>\s*<td>\s*<table width=\"100%\".*?</table>\s*</td>\s*</tr>)", html, re.S).group(1)
    at = html.index(row) + len(row)
    copies = []
    size = len(html.encode())
    n = 0
    while size < TARGET_BYTES:
        n += 1
        extra = row.replace("limit: 2", f"offset: {2 * n} limit: 2")
        copies.append(extra)
        size += len(extra.encode())
    return html[:at] + "".join(copies) + html[at:]


def every_transformer(formatter_type: str) -> TransformerSettings:
    s = TransformerSettings()
    for name in ("accessibility", "css_inliner", "css_variables", "encode_entities", "prevent_widows",
                 "remove_unused_css", "url_parameters"):
        getattr(s, name).enabled = True
    s.remove_unused_css.uglify = True
    s.url_parameters.parameters = [UrlParameter("utm_source", "newsletter"), UrlParameter("utm_campaign", "spring sale")]
    s.formatter.type = formatter_type
    return s


def timings_ms(fn, runs: int) -> list[float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def median_ms(fn, runs: int) -> float:
    return statistics.median(timings_ms(fn, runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    email = build_email()
    print(f"email: {len(email.encode()) / 1000:.1f} KB, {args.runs} runs, medians")

    raw = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
    chain_medians = {}
    for formatter_type in ("minify", "prettify"):
        settings = every_transformer(formatter_type)
        result = apply_transformers(email, settings)
        assert not result.problems, result.problems
        steps = [name for name in enabled_steps(settings) if name != "mjml"]
        assert result.html == run_step_by_step(email, settings, steps)
        # The one-parse path, not its silent step-by-step fallback, is what is timed.
        assert _shared_tree_chain(email, settings, steps) is not None, f"{formatter_type}: the chain fell back"
        times = timings_ms(lambda: apply_transformers(email, settings), args.runs)
        chain_medians[formatter_type] = statistics.median(times)
        # The minimum too: on a shared machine the median moves with the load.
        print(f"full chain ({formatter_type}): {statistics.median(times):8.2f} ms  (min {min(times):.2f})"
              f"  -> {len(result.html.encode()) / 1000:.1f} KB")
        one_by_one = timings_ms(lambda: run_step_by_step(email, settings, steps), max(5, args.runs // 3))
        print(f"  steps one by one ({formatter_type}): {statistics.median(one_by_one):8.2f} ms  (min {min(one_by_one):.2f})")
    inline_times = timings_ms(lambda: raw.inline(email), args.runs)

    from engine.document import parse_with_problems

    kb = len(email.encode()) / 1000
    times = timings_ms(lambda: parse_with_problems(email), args.runs)
    print(f"  parse (engine.document): {statistics.median(times):8.2f} ms = "
          f"{statistics.median(times) / kb:.3f} ms/KB  (min {min(times):.2f})")

    from engine.transformers import (accessibility, css_inliner, css_variables, encode_entities, formatter,
                                     prevent_widows, remove_unused_css, url_parameters)
    modules = {"css_variables": css_variables, "css_inliner": css_inliner, "remove_unused_css": remove_unused_css,
               "accessibility": accessibility, "url_parameters": url_parameters, "formatter": formatter,
               "encode_entities": encode_entities, "prevent_widows": prevent_widows}
    settings = every_transformer("minify")
    for name in ORDER[1:]:
        options = getattr(settings, name)
        ms = median_ms(lambda m=modules[name], o=options: m.transform(email, o), args.runs)
        print(f"  {name:<18} {ms:8.2f} ms")

    inline_median = statistics.median(inline_times)
    print(f"css-inline alone (keep_at_rules): {inline_median:8.2f} ms  (min {min(inline_times):.2f})")
    try:
        import premailer  # type: ignore
    except ImportError:
        print("premailer not installed")
    else:
        def run_premailer() -> str:
            return premailer.Premailer(email, disable_validation=True, cssutils_logging_level=logging.CRITICAL).transform()

        print(f"premailer {getattr(premailer, '__version__', '?')}:               {median_ms(run_premailer, args.runs):8.2f} ms")
    for formatter_type, median in chain_medians.items():
        print(f"goal: chain ({formatter_type}) median {median:.2f} ms = {median / inline_median:.1f} x css-inline's "
              f"{inline_median:.2f} ms; target <= 20 ms: {'met' if median <= 20 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
