"""Time of `synth participants` and `synth status` on a survey of 20,000 respondents.

    .venv/bin/python benchmarks/participants_speed.py [--respondents 20000]

Writes a generated survey (an id, a role and one short free-text answer per respondent),
ingests it with the real pipeline into a temporary workspace, then times the two listing
commands, and the listing query synth used before (a subquery per participant) for
comparison.
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from synth.cli import main as cli
from synth.ingest import IngestOptions, ingest
from synth.workspace import Workspace

OLD_QUERY = (
    "SELECT p.id AS participant_id, p.name, p.kind,"
    " (SELECT COUNT(DISTINCT t.source_id) FROM turns t WHERE t.participant_id = p.id)"
    " AS sources, (SELECT COUNT(*) FROM units u WHERE u.participant_id = p.id) AS units"
    " FROM participants p ORDER BY p.id")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=20_000)
    args = parser.parse_args()
    roles = ["Backend developer", "Data engineer", "Engineering manager", "SRE"]
    with tempfile.TemporaryDirectory() as folder:
        survey = Path(folder) / "survey.csv"
        with survey.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Response ID", "Role", "What slows you down?"])
            for i in range(args.respondents):
                writer.writerow([f"R{i}", roles[i % 4],
                                 f"Flaky builds and slow reviews, mostly on team {i} of {i % 97}."])
        workspace = Path(folder) / "ws"
        start = time.perf_counter()
        with Workspace.open(workspace) as opened:
            report = ingest(opened, [survey], IngestOptions())
        assert report.usable, report.files[0].detail
        ingest_seconds = time.perf_counter() - start
        rows = [("ingest", ingest_seconds)]
        runner = CliRunner()
        for command in (["participants", "--format", "csv"], ["status"]):
            start = time.perf_counter()
            result = runner.invoke(cli, ["--workspace", str(workspace), *command])
            assert result.exit_code == 0, result.output
            rows.append((f"synth {' '.join(command)}", time.perf_counter() - start))
        with Workspace.open(workspace) as opened:
            start = time.perf_counter()
            opened.query(OLD_QUERY)
            rows.append(("previous listing query (for comparison)", time.perf_counter() - start))
    print(f"{args.respondents} respondents, {os.cpu_count()} CPUs\n")
    print("| step | seconds |")
    print("|---|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
