"""Run a bench against an older revision of the app in the same run.

GUI timings on a shared machine drift by 2× within a minute, so a number is
only worth quoting beside a baseline measured at the same moment. `--against
REV` extracts that revision (`git archive`, nothing in the working tree or
the index is touched) into a temporary folder — or, with `--only PATH…`,
a copy of the working tree with just those paths as at REV —; the bench then alternates
child processes, one on the old code and one on the current code, with the
same bench script driving both (it takes `--root DIR` to import the app from
there), and prints both medians and their ratio.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_root(root: str | None) -> Path:
    """Import the app from `root` (default: this checkout); returns it."""
    path = Path(root).resolve() if root else ROOT
    sys.path.insert(0, str(path))
    return path


def snapshot() -> Path:
    """A copy of the working tree as it is now (others may edit theirs while a bench runs)."""
    import shutil

    tree = Path(tempfile.mkdtemp(prefix="cs-now-")) / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.pyc"))
    return tree


def extract(rev: str, only: list[str] | None = None) -> Path:
    """The tree of `rev` in a temporary folder (the sample resources included).

    With `only`, the baseline is the working tree as it is with just those
    paths as they were at `rev` (absent there: removed): the effect of one
    change, while everything else (other people's work in progress) is the
    same on both sides.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"cs-{rev[:10]}-"))
    if only:
        tree = snapshot()
        for path in only:
            shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], capture_output=True)
            if shown.returncode == 0:
                (tree / path).write_bytes(shown.stdout)
            else:
                (tree / path).unlink(missing_ok=True)
        return tree
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev],
                             check=True, capture_output=True).stdout
    tar_path = folder / "tree.tar"
    tar_path.write_bytes(archive)
    with tarfile.open(tar_path) as tar:
        tar.extractall(folder / "tree")
    tar_path.unlink()
    return folder / "tree"


def child(script: Path, args: list[str], root: Path | None) -> dict:
    """One child run of `script --json` (on `root`'s code when given); its JSON result."""
    cmd = [sys.executable, str(script), "--json", *args] + (["--root", str(root)] if root else [])
    env = dict(os.environ)
    # An installed app has its bytecode cached; without it every start compiles ~400 modules (~1 s),
    # which is not what a user waits for. The cache goes to /tmp, never into the tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "cs-bench-pycache")
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    for line in reversed(out.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit(f"bench child failed ({' '.join(cmd)}):\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")


def compare(script: Path, args: list[str], rev: str, rounds: int, key: str = "samples",
            only: list[str] | None = None) -> tuple[list, list]:
    """Alternate old/new children `rounds` times; returns (old samples, new samples)."""
    old_root = extract(rev, only)
    new_root = snapshot()  # others' edits during the run change neither side
    old, new = [], []
    for n in range(rounds):
        pair = [(old, old_root), (new, new_root)]
        if n % 2:
            pair.reverse()  # neither side always runs first
        for samples, root in pair:
            samples.extend(child(script, args, root)[key])
    return old, new


def report(label: str, old: list[float], new: list[float], rev: str, goal: float | None = None,
           only: list[str] | None = None) -> str:
    mo, mn = statistics.median(old), statistics.median(new)
    text = (f"{label}\n"
            f"  baseline ({rev[:10]}): median {mo:7.1f} ms  (n={len(old)}, min {min(old):.1f}, max {max(old):.1f})\n"
            f"  current:              median {mn:7.1f} ms  (n={len(new)}, min {min(new):.1f}, max {max(new):.1f})\n"
            f"  ratio current/baseline {mn / mo:.2f}  ({mo / mn:.1f}× faster)")
    if only:
        text = text.replace(f"baseline ({rev[:10]})", "baseline").replace(
            "\n  current:", f"\n    (the working tree with {', '.join(only)} as at {rev[:10]})\n  current:")
    if goal is not None:
        text += f"   goal ≤ {goal:.0f} ms: {'met' if mn <= goal else 'NOT met'}"
    return text
