"""Codebook stability on real data: do theme ids survive new data, and what does an
incremental run cost against a cold one?

    .venv/bin/python benchmarks/codebook_stability.py [--shared ../shared/data] [--skip-survey]

1. The Jupyter UX survey, respondents split 90/10 (fixed seed): a run on the 90%, then the
   10% added. 2. The 16 PyPI interviews: a run on 15, then the last one (by file name) added.
For each, the earlier run's statements that had a theme, and the share of them still under
the same theme id after the new data, for an incremental run (the default) and for
`--recluster` (every statement clustered again, ids carried by Hungarian matching); the
share of the new statements that joined an existing theme; new and vanished themes; and the
time of the themes stage (analysis of the new statements included, ingest and model loading
excluded) against a cold run on all the data in a fresh workspace.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from synth.embed import SentenceTransformerEmbedder
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_themes
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]


def assignment(workspace: Workspace) -> dict[str, str]:
    return {r["unit_id"]: r["theme_id"] for r in workspace.query("SELECT * FROM unit_themes")}


def themes_of(workspace: Workspace) -> set[str]:
    return {r["id"] for r in workspace.query("SELECT id FROM themes")}


def timed(workspace: Workspace, out: Path, embedder, **settings) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    run_themes(workspace, Settings(out=out, **settings), embedder)
    return time.perf_counter() - start


def experiment(name: str, before: list[Path], added: list[Path], folder: Path,
               embedder) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Cold run on `before`; then `added` incrementally and, on a copy, with --recluster;
    then a cold run on everything."""
    slug = name.split(",")[0].replace(" ", "-")
    base = folder / f"{slug}-ws"
    with Workspace.open(base) as workspace:
        ingest(workspace, before, IngestOptions())
        first_time = timed(workspace, folder / "out", embedder)
        earlier = {u: t for u, t in assignment(workspace).items() if t}
        seen = {r["id"] for r in workspace.query("SELECT id FROM units")}
        earlier_themes = themes_of(workspace)
    shutil.copytree(base, folder / f"{slug}-recluster")
    (folder / f"{slug}-recluster" / "lock").unlink(missing_ok=True)
    rows = []
    for mode, path in (("incremental", base), ("recluster", folder / f"{slug}-recluster")):
        with Workspace.open(path) as workspace:
            ingest(workspace, added, IngestOptions())
            seconds = timed(workspace, folder / "out", embedder, recluster=mode == "recluster")
            now = assignment(workspace)
            new_units = [r["id"] for r in workspace.query("SELECT id FROM units")
                         if r["id"] not in seen]
            themes = themes_of(workspace)
        kept = sum(now.get(u) == t for u, t in earlier.items()) / max(len(earlier), 1)
        fresh = [u for u in new_units if u in now]
        joined = sum(now[u] in earlier_themes for u in fresh) / max(len(new_units), 1)
        rows.append([name, mode, str(len(earlier)), f"{kept:.1%}", str(len(new_units)),
                     f"{joined:.1%}", str(len(themes - earlier_themes)),
                     str(len(earlier_themes - themes)), f"{seconds:.1f}"])
    with Workspace.open(folder / f"{slug}-cold") as workspace:
        ingest(workspace, before + added, IngestOptions())
        cold = timed(workspace, folder / "out", embedder)
    for row in rows:
        row.append(f"{cold:.1f}")
        row.append(f"{float(row[8]) / cold:.0%}")
    print(f"{name}: first run on the earlier data {first_time:.1f}s", flush=True)
    return rows


def split_survey(export: Path, folder: Path) -> tuple[Path, Path]:
    with export.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    order = list(range(len(body)))
    random.Random(0).shuffle(order)
    cut = len(body) // 10
    held = set(order[:cut])
    paths = []
    for name, keep in (("survey-90.csv", lambda i: i not in held),
                       ("survey-10.csv", lambda i: i in held)):
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(row for i, row in enumerate(body) if keep(i))
        paths.append(path)
    return paths[0], paths[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--skip-survey", action="store_true")
    parser.add_argument("--skip-interviews", action="store_true")
    options = parser.parse_args()
    if not options.shared.exists():
        sys.exit(f"{options.shared} is absent: pass --shared PATH to the shared data folder")
    embedder = SentenceTransformerEmbedder()
    embedder.embed_batch(["warm up"])
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        if not options.skip_survey:
            export = options.shared / "jupyter-ux-survey-2015" / "survey-export.csv"
            ninety, ten = split_survey(export, folder)
            rows += experiment("jupyter survey, +10% respondents", [ninety], [ten], folder,
                               embedder)
        if not options.skip_interviews:
            interviews = sorted(p for p in (options.shared / "pypi-mismatches-interviews")
                                .glob("*.md") if "protocol" not in p.name
                                and "README" not in p.name)
            rows += experiment("pypi interviews, +1 interview", interviews[:-1],
                               interviews[-1:], folder, embedder)
    headers = ["data", "run", "earlier themed statements", "kept their theme id",
               "new statements", "new joined existing themes", "new themes",
               "themes vanished", "themes stage s", "cold run s", "of cold"]
    print("| " + " | ".join(headers) + " |")
    print("|" + "---|" * len(headers))
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
