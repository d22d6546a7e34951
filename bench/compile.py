"""Benchmark: median compile time of the sample newsletter (goal < 10 ms), side by side with MJML,
and of an email with 20 custom-component instances (goal < 15 ms, sandbox included).

    python bench/compile.py [--runs 200] [--no-node]

Compiles `resources/sample/emails/newsletter.html` (30+ components, one of
them the sample custom `<promo-card>`) with the sample global styles and
components. When `node` and `npm` exist, installs `mjml` with npm
into a temporary directory outside the repository and times in-process
`mjml2html` on `bench/newsletter.mjml` (the same email written in MJML),
printing both medians and the ratio. mjml-python (MRML, Rust) is timed too
when importable, as a reference point.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMAIL = ROOT / "resources" / "sample" / "emails" / "newsletter.html"
COMPONENTS = ROOT / "resources" / "sample" / "components"  # the newsletter has one <promo-card>
STYLES = ROOT / "resources" / "sample" / "global-styles.json"
MJML = Path(__file__).resolve().parent / "newsletter.mjml"

NODE_SCRIPT = r"""
const mjml2html = require('mjml');
const fs = require('fs');
const src = fs.readFileSync(process.argv[2], 'utf8');
const runs = parseInt(process.argv[3], 10);
for (let i = 0; i < 10; i++) mjml2html(src);
const times = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  mjml2html(src, { validationLevel: 'soft' });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median: times[Math.floor(times.length / 2)] }));
"""


def count_components(source: str) -> int:
    import re

    return len(re.findall(r"<x-[\w-]+", source))


def time_ours(runs: int) -> tuple[float, int]:
    from engine.compiler import compile_email
    from engine.styles import GlobalStyles

    from engine.components import ComponentLibrary

    source = EMAIL.read_text(encoding="utf-8")
    styles = GlobalStyles.load(STYLES)
    library = ComponentLibrary.from_folder(COMPONENTS)
    for _ in range(10):
        result = compile_email(source, styles=styles, components=library)
    assert result.ok, [p.format() for p in result.errors]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        compile_email(source, styles=styles, components=library)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), count_components(source)


# A product card written the way the docs write components: props with a schema, a dark-mode
# style with set(), `${}` text and a plain-HTML link. 20 instances, each with different props.
BENCH_COMPONENT = """<script>
  export const config = { label: "Product line", presets: [{ label: "Product line", content: `<product-line></product-line>` }] };
  export const props = Component.defineProps({
    name: Component.props.string(),
    price: Component.props.number().default(0),
    href: { type: "url", schema: Component.props.string().default("https://shop.example") },
    color: Component.props.withDynamicStyles(Component.props.string(), { darkMode: true }).default({ light: "#1F2330", dark: "#E8E6F0" }),
  });
  const price = props.price.toFixed(2);
</script>
<style>@media (prefers-color-scheme: dark) { .product-line { color: set(props.color.dark) !important; } }</style>
<template>
  <x-paragraph :color="props.color" class="product-line">${props.name} — <a :href="props.href">$${price}</a></x-paragraph>
</template>
"""
COMPONENT_EMAIL = "<x-base><x-section>\n" + "".join(
    f'  <product-line name="Item {i}" :price="{i * 1.5}" href="https://shop.example/p/{i}"></product-line>\n'
    for i in range(20)) + "</x-section></x-base>\n"


def time_components(runs: int) -> float:
    from engine.compiler import compile_email
    from engine.styles import GlobalStyles

    styles = GlobalStyles.load(STYLES)
    library = {"product-line": BENCH_COMPONENT}
    for _ in range(10):
        result = compile_email(COMPONENT_EMAIL, styles=styles, components=library)
    assert result.ok, [p.format() for p in result.errors]
    assert result.html.count("Item ") == 20
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        compile_email(COMPONENT_EMAIL, styles=styles, components=library)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def time_node_mjml(runs: int) -> float | None:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        print("node/npm not found: skipping MJML (Node)")
        return None
    with tempfile.TemporaryDirectory(prefix="cs-bench-mjml-") as tmp:
        install = subprocess.run([npm, "install", "--silent", "--no-audit", "--no-fund", "mjml"], cwd=tmp,
                                 capture_output=True, text=True)
        if install.returncode != 0:
            print(f"npm install mjml failed: {install.stderr.strip()[:300]}")
            return None
        script = Path(tmp) / "bench.js"
        script.write_text(NODE_SCRIPT, encoding="utf-8")
        out = subprocess.run([node, str(script), str(MJML), str(runs)], cwd=tmp, capture_output=True, text=True)
        if out.returncode != 0:
            print(f"node mjml failed: {out.stderr.strip()[:300]}")
            return None
        return json.loads(out.stdout.strip().splitlines()[-1])["median"]


def time_mrml(runs: int) -> float | None:
    try:
        import mjml  # mjml-python (MRML)
    except ImportError:
        return None
    source = MJML.read_text(encoding="utf-8")
    mjml.mjml2html(source)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        mjml.mjml2html(source)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--no-node", action="store_true", help="skip the Node MJML comparison")
    args = parser.parse_args(argv)
    ours, components = time_ours(args.runs)
    print(f"Campaign Studio compile_email: median {ours:.2f} ms over {args.runs} runs "
          f"({components} components) — goal < 10 ms: {'OK' if ours < 10 else 'MISSED'}")
    with_components = time_components(args.runs)
    print(f"20 custom-component instances (QuickJS sandbox included): median {with_components:.2f} ms "
          f"— goal < 15 ms: {'OK' if with_components < 15 else 'MISSED'}")
    mrml = time_mrml(args.runs)
    if mrml is not None:
        print(f"mjml-python (MRML, Rust) on the MJML version: median {mrml:.2f} ms")
    if not args.no_node:
        node = time_node_mjml(args.runs)
        if node is not None:
            print(f"MJML (Node, in-process mjml2html): median {node:.2f} ms")
            print(f"ratio Node MJML / ours: {node / ours:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
