"""`init-sample --workspace PATH`: create the sample workspace without opening the GUI."""
from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser("init-sample", help="create the sample workspace (styles, emails, campaigns, 1,000 people)")
    p.add_argument("--workspace", metavar="PATH_OR_URL", default=argparse.SUPPRESS,
                   help="SQLite file or SQLAlchemy URL to create it in (default: your user workspace)")
    p.add_argument("--people", type=int, default=1000, help="how many people to generate (default 1000)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.set_defaults(func=run)


def run(args) -> int:
    from engine.sample import create_sample
    from engine.store import Workspace, WorkspaceError

    try:
        ws = Workspace.open(getattr(args, "workspace", None))
    except WorkspaceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with ws:
        try:
            create_sample(ws, people=args.people, seed=args.seed)
        except ValueError as exc:
            print(f"error: {ws.url}: {exc}", file=sys.stderr)
            return 2
        files = ws.files.all()
        print(
            f"Sample workspace created in {ws.url}: {sum(f.kind != 'folder' for f in files)} files, "
            f"{len(ws.campaigns.list())} campaigns, {ws.people.count():,} people, {ws.people.event_count():,} events."
        )
    return 0
