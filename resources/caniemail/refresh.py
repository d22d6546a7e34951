"""Refresh `data.json` from the `caniemail` npm package (caniemail.com's data, MIT).

    python resources/caniemail/refresh.py [--package caniemail@latest | --tarball FILE.tgz]

The npm package `caniemail` ships caniemail.com's `caniemail.json` (the same
file the site's API serves) under `data/`. We keep, per feature, only what
the client-support check reads: its title, category, URL, test date, the
notes, and for each client family and platform the result of the *latest*
tested version (`y` supported, `a` partial, `n` not supported, `u` unknown,
plus note numbers). The package's LICENSE is copied next to the data.

Needs `npm` on the PATH unless `--tarball` is given. Run it, look at the diff
of data.json, run `pytest tests/test_checks_client_support.py`, commit.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _version_key(version: str):
    """Order tested versions: dates (2020-04), dotted numbers (16.80), plain years (2019)."""
    return [int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version)]


def reduce(raw: dict, package: str) -> dict:
    features = {}
    for f in raw["data"]:
        support = {}
        for family, platforms in (f.get("stats") or {}).items():
            for platform, versions in platforms.items():
                if not versions:
                    continue
                latest = max(versions, key=_version_key)
                value = str(versions[latest])
                letter = value[:1]
                notes = re.findall(r"#(\d+)", value)
                support[f"{family}/{platform}"] = [latest, letter] + notes
        features[f["slug"]] = {
            "title": f.get("title", ""),
            "category": f.get("category", ""),
            "url": f.get("url", ""),
            "last_test_date": f.get("last_test_date", ""),
            "notes": f.get("notes_by_num") or {},
            "support": support,
        }
    return {
        "source": f"npm package {package}, data of caniemail.com (MIT)",
        "copied": _dt.date.today().isoformat(),
        "api_version": raw.get("api_version", ""),
        "last_update_date": raw.get("last_update_date", ""),
        "nicenames": {k: raw.get("nicenames", {}).get(k, {}) for k in ("family", "platform")},
        "features": features,
    }


def dump(data: dict) -> str:
    """Compact JSON, one feature per line (readable diffs when the data is refreshed)."""
    def enc(v):
        return json.dumps(v, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    head = {k: v for k, v in data.items() if k != "features"}
    lines = [f"{enc(k)}:{enc(v)}," for k, v in sorted(head.items())]
    feats = [f"{enc(slug)}:{enc(f)}" for slug, f in sorted(data["features"].items())]
    return "{\n" + "\n".join(lines) + '\n"features":{\n' + ",\n".join(feats) + "\n}}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--package", default="caniemail@latest", help="npm package spec (default caniemail@latest)")
    group.add_argument("--tarball", type=Path, help="an already downloaded `npm pack` tarball")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball
        if tarball is None:
            run = subprocess.run(["npm", "pack", args.package, "--pack-destination", tmp, "--json"],
                                 capture_output=True, text=True, check=False)
            if run.returncode != 0:
                print(f"npm pack {args.package} failed: {run.stderr.strip()}", file=sys.stderr)
                return 1
            tarball = Path(tmp) / json.loads(run.stdout)[0]["filename"]
        with tarfile.open(tarball) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("data/caniemail.json"))
            raw = json.load(tar.extractfile(member))
            meta = json.load(tar.extractfile("package/package.json"))
            licence = tar.extractfile("package/LICENSE").read().decode()
    data = reduce(raw, f"{meta['name']}@{meta['version']}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "data.json").write_text(dump(data))
    (args.out / "LICENSE").write_text(licence)
    print(f"{len(data['features'])} features, caniemail data of {data['last_update_date']} -> {args.out / 'data.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
