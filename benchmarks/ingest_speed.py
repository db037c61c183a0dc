"""Time and peak memory of ingesting the shared real data (interviews + Jupyter survey).

    .venv/bin/python benchmarks/ingest_speed.py [--shared ../shared/data]

Runs in a fresh temporary workspace, twice: a cold ingest and an idempotent re-run.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from synth.ingest import IngestOptions, ingest
from synth.workspace import Workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2]
                        / "shared" / "data")
    args = parser.parse_args()
    inputs = [args.shared / "pypi-mismatches-interviews",
              args.shared / "jupyter-ux-survey-2015" / "survey-export.csv"]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        print(f"shared data not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder, Workspace.open(Path(folder)) as workspace:
        rows = []
        for label in ("cold ingest", "re-run (unchanged)"):
            start = time.perf_counter()
            report = ingest(workspace, inputs, IngestOptions())
            seconds = time.perf_counter() - start
            units = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
            rows.append((label, seconds, len(report.files), units))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("| run | seconds | files | units |")
    print("|---|---:|---:|---:|")
    for label, seconds, files, units in rows:
        print(f"| {label} | {seconds:.1f} | {files} | {units} |")
    print(f"\npeak memory: {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
