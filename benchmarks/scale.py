"""Speed and memory at survey scale: 5k, 50k and 500k answers, end to end, per stage.

    .venv/bin/python benchmarks/scale.py [--sizes 5000,50000] [--texts FILE] [--precision fast]
                                         [--bare-limit 50000] [--keep DIR]

The survey: one respondent per three answers, three free-text questions ("What are you
building right now?", "What gets in your way?", "What would you like us to build next?")
and four attribute columns (role, company size, industry, region, dealt at random with a
fixed seed). The answers are real short texts written by developers, all distinct, so no
cache can shortcut them: the summaries of PyPI packages, as listed in `--texts` (a TSV with
a `summary` column, such as this workplace's PyPI package list, or a text file with one text
per line). Summaries that several packages share, placeholders and texts under 25 or over
300 characters are left out; the rest are shuffled with seed 0.

Each stage runs as its own `synth` process (`ingest`, `themes`, `personas`, `icp`; `synth
run` does the same work in one), so each has its own wall time and peak memory (the
process's maximum resident set). Within `themes`, the stages synth reports (parsing,
embedding, placing, themes) are timed from its progress lines. The exported ONNX model is
cached before timing starts (`SYNTH_CACHE` in a temporary folder), as after a first run.

The bare embedding is the same texts embedded by the plain sentence-transformers model
(PyTorch, batch 64: what a user would otherwise run), measured in the same run; with
`--bare-limit N` only the first N texts are embedded and the time is scaled up linearly
(embedding costs the same per text), which the table says. The ratio is the whole run's
wall time over the bare embedding's.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYNTH = Path(sys.executable).with_name("synth")
PYPI_LIST = Path("/work/.library/env/packages/pypi.tsv")
QUESTIONS = ["What are you building right now?", "What gets in your way?",
             "What would you like us to build next?"]
ATTRIBUTES = {
    "Role": ["Backend developer", "Frontend developer", "Full-stack developer",
             "Data scientist", "DevOps engineer", "Engineering manager", "Student"],
    "Company size": ["1-10", "11-50", "51-200", "201-1000", "1000+"],
    "Industry": ["Software", "Finance", "Healthcare", "Education", "Retail", "Government"],
    "Region": ["Europe", "North America", "Asia", "South America", "Africa", "Oceania"],
}
PLACEHOLDERS = re.compile(r"add your description here|short description|^a? ?package$|"
                          r"^test|todo|^none$", re.IGNORECASE)
STAGE_LINE = re.compile(r"^([a-z ]+): ([\d,]+) in ([\d.]+ s|\d+ min \d+ s)")
BARE = """
import sys, time, numpy as np
from synth.embed import load_embedder
texts = open(sys.argv[1], encoding="utf-8").read().split("\\n")[:-1]
embedder = load_embedder(precision=sys.argv[2])
embedder.embed_batch(texts[:64])                     # load the model before timing
start = time.perf_counter()
for i in range(0, len(texts), 512):
    embedder.embed_batch(texts[i:i + 512])
print(time.perf_counter() - start)
"""


def real_texts(path: Path) -> list[str]:
    """Distinct real short texts: PyPI summaries (TSV with a summary column) or lines."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        if path.suffix == ".tsv":
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts = [(row.get("summary") or "").strip() for row in rows]
        else:
            texts = [line.strip() for line in handle]
    seen: dict[str, int] = {}
    for text in texts:
        seen[text.lower()] = seen.get(text.lower(), 0) + 1
    kept = sorted({t for t in texts if seen[t.lower()] == 1 and 25 <= len(t) <= 300
                   and not PLACEHOLDERS.search(t) and len(t.split()) >= 4})
    random.Random(0).shuffle(kept)
    return kept


def write_survey(texts: list[str], folder: Path) -> Path:
    rng = random.Random(0)
    path = folder / "survey.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Respondent ID", *QUESTIONS, *ATTRIBUTES])
        for r in range(len(texts) // 3):
            writer.writerow([f"R{r:07d}", *texts[3 * r:3 * r + 3],
                             *(rng.choice(values) for values in ATTRIBUTES.values())])
    return path


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, str]:
    """(seconds, peak MiB, stderr) of one child process."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as errors:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                 stderr=errors, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        log = errors.read()
    code = os.waitstatus_to_exitcode(status)
    if code != 0 and not (code == 1 and command[3] == "ingest"):   # 1: some inputs failed
        raise SystemExit(f"{' '.join(command)} failed (exit {code}):\n{log}")
    return seconds, usage.ru_maxrss / 1024, log


def stage_lines(log: str) -> list[tuple[str, int, float]]:
    found = []
    for line in log.splitlines():
        match = STAGE_LINE.match(line)
        if match:
            text = match.group(3)
            minutes = re.match(r"(\d+) min (\d+) s", text)
            seconds = (int(minutes.group(1)) * 60 + int(minutes.group(2)) if minutes
                       else float(text.split()[0]))
            found.append((match.group(1), int(match.group(2).replace(",", "")), seconds))
    return found


def run_size(size: int, texts: list[str], args: argparse.Namespace, env: dict[str, str]
             ) -> Iterator[str]:
    """The table's rows for one size, each as soon as it is measured."""
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        survey = write_survey(texts[:size], here)
        answers = len(texts[:size]) // 3 * 3
        base = [str(SYNTH), "--workspace", str(here / "ws")]
        steps = [("ingest", [*base, "ingest", str(survey)]),
                 ("themes", [*base, "themes", "--out", "out", "--precision", args.precision]),
                 ("personas", [*base, "personas", "--out", "out"]),
                 ("icp", [*base, "icp", "--out", "out"])]
        total = 0.0
        for name, command in steps:
            seconds, peak, log = timed(command, env, here)
            total += seconds
            yield (f"| {size:,} | {name} | {seconds:.1f} | {peak:,.0f} | "
                   f"{answers / seconds:,.0f} |")
            yield from (f"| {size:,} | {name}: {stage} | {secs:.1f} | | "
                        f"{count / secs:,.0f} |" if secs > 0 else
                        f"| {size:,} | {name}: {stage} | {secs:.1f} | | |"
                        for stage, count, secs in stage_lines(log)
                        if stage in {"parsing", "embedding", "placing", "themes",
                                     "null test", "stability", "segmenting"})
        bare_n = min(answers, args.bare_limit or answers)
        listing = here / "texts.txt"
        listing.write_text("".join(t.replace("\n", " ") + "\n" for t in texts[:bare_n]),
                           encoding="utf-8")
        bare = {}
        for precision in ("full", args.precision) if args.precision != "full" else ("full",):
            out = subprocess.run([sys.executable, "-c", BARE, str(listing), precision],
                                 env=env, capture_output=True, text=True, check=True)
            bare[precision] = float(out.stdout.split()[-1]) * answers / bare_n
        scaled = "" if bare_n == answers else f" (from {bare_n:,}, scaled)"
        yield (f"| {size:,} | **whole run** | **{total:.1f}** | | "
               f"**{answers / total:,.0f}** |")
        for precision, seconds in bare.items():
            name = ("plain sentence-transformers" if precision == "full"
                    else f"synth's {precision} embedder alone")
            yield (f"| {size:,} | bare embedding, {name}{scaled} | {seconds:.1f} | | "
                   f"{answers / seconds:,.0f} | ratio {total / seconds:.2f}")
        if args.keep:
            target = Path(args.keep) / f"{size}"
            subprocess.run(["rm", "-rf", str(target)], check=True)
            subprocess.run(["cp", "-r", str(here / "out"), str(target)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5000,50000")
    parser.add_argument("--texts", type=Path, default=PYPI_LIST)
    parser.add_argument("--precision", choices=["fast", "full"], default="fast")
    parser.add_argument("--bare-limit", type=int, default=50000)
    parser.add_argument("--keep", help="copy each size's outputs to DIR/SIZE")
    args = parser.parse_args()
    if not args.texts.exists():
        print(f"no texts at {args.texts}: give a TSV with a summary column or a text file "
              "with --texts", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    texts = real_texts(args.texts)
    if len(texts) < max(sizes):
        print(f"only {len(texts):,} distinct texts in {args.texts}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "SYNTH_CACHE": cache}
        subprocess.run([sys.executable, "-c", "from synth.embed import load_embedder; "
                        f"load_embedder(precision='{args.precision}').embed_batch(['warm up'])"],
                       env=env, check=True, capture_output=True)
        print(f"{len(texts):,} distinct texts from {args.texts}; {os.cpu_count()} cores; "
              f"precision {args.precision}\n")
        print("| answers | stage | seconds | peak MiB | per second |")
        print("|---:|---|---:|---:|---:|")
        for size in sizes:
            for row in run_size(size, texts, args, env):
                print(row, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
