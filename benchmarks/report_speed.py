"""How long `synth report` takes on the real Jupyter survey once the analysis exists, how big
report.html is against its 5 MB budget, and whether reruns are byte-identical.

    .venv/bin/python benchmarks/report_speed.py [--shared ../shared/data] [--workspace DIR]
                                                [--runs 3]

Each run is `synth report` in a fresh process, as a user runs it: Python start-up and
imports, the chart library bundle (vl-convert-python), reading the workspace, redaction and
rendering all count. Wall-clock time depends on what else the machine runs; CPU time less
so. Without --workspace the survey is analysed first into a temporary workspace with the
real models (minutes, not timed).
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report_study import SHARED, SURVEY, analysed

BUDGET = 5 * 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--workspace", type=Path, help="an analysed workspace to reuse")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    survey = args.shared / SURVEY
    if not survey.exists():
        print(f"shared data not found: {survey}", file=sys.stderr)
        return 2
    synth = Path(sys.executable).parent / "synth"
    with tempfile.TemporaryDirectory() as folder:
        workspace = analysed(args.workspace or Path(folder) / "ws", survey, Path(folder) / "a")
        seconds, cpu, digests = [], [], set()
        for run in range(args.runs):
            out = Path(folder) / f"out{run}"
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([str(synth), "--workspace", str(workspace), "report", "--out",
                            str(out)], check=True, stdout=subprocess.DEVNULL)
            seconds.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            report = out / "report.html"
            digests.add(hashlib.sha256(report.read_bytes()).hexdigest())
        size = report.stat().st_size
    print("| Jupyter survey (1,706 respondents) | figure |")
    print("|---|---:|")
    print(f"| `synth report`, median of {args.runs} fresh processes | "
          f"{statistics.median(seconds):.1f} s (min {min(seconds):.1f}) |")
    print(f"| its CPU time (user + sys), median | {statistics.median(cpu):.1f} s |")
    print(f"| report.html | {size / 1024 / 1024:.2f} MB ({100 * size / BUDGET:.0f}% of 5 MB) |")
    print(f"| reruns byte-identical | {'yes' if len(digests) == 1 else 'NO'} |")
    return 0 if size < BUDGET and len(digests) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
