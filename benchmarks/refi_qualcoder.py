"""REFI-QDA exchange with a real client: synth -> QualCoder -> synth on the 16 PyPI interviews.

    .venv/bin/python benchmarks/refi_qualcoder.py --qualcoder /work/qualcoder \\
        --python /work/qcvenv/bin/python [--workspace DIR] [--shared ../shared/data]

Runs in `make bench`, not in CI: QualCoder needs PyQt6, PyMuPDF and Qt's system libraries,
which CI does not install. This script fetches nothing. Get QualCoder and its Python once:

    git clone https://github.com/ccbogel/QualCoder /work/qualcoder
    python3 -m venv /work/qcvenv
    /work/qcvenv/bin/pip install PyQt6 pymupdf Pillow qtawesome    # + apt-get install libpulse0
    export QUALCODER=/work/qualcoder QUALCODER_PYTHON=/work/qcvenv/bin/python

(the environment variables stand for --qualcoder and --python; without them the benchmark
says so and is skipped). `--workspace` reuses a workspace built from the interviews (`synth
--workspace DIR run ../shared/data/pypi-mismatches-interviews`), copied so it is not changed;
without it one is built (ingest and themes, a few minutes on 2 cores).

1. `synth export study.qdpx`, imported by QualCoder's own `RefiImport` (headless, Qt
   offscreen, driven by benchmarks/qualcoder_client.py in QualCoder's Python): codes exported
   vs kept, codings orphaned (no code) or misplaced (on a code at another path than synth's),
   question > theme > sub-theme paths missing, documents copied into QualCoder's folder,
   case attribute values kept (the interviews have none unless a people file gives them).
2. In QualCoder's project: the largest `frustration` theme renamed (or the largest theme of
   another question when frustration has none), and a code added with a memo under that
   question that codes the statements mentioning mailing lists; exported by
   QualCoder's `RefiExport` as `.qdc` and `.qdpx`.
3. Each applied to a copy of the workspace (`synth codebook apply FILE`): the rename applied,
   the code added as one theme, and no other theme created (junk).
4. Harder: every theme renamed in QualCoder, its `.qdc` and `.qdpx` read back: how many
   themes are still recognised (by sub-codes, by statements), how many would be new.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from synth.analyse.framework import load_framework
from synth.codebook.edits import read_edits
from synth.codebook.refi import PROJECT_NS, guid, read_refi
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, embedder_for, export_project_file, run_themes
from synth.themes.codebook import load
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
CLIENT = Path(__file__).with_name("qualcoder_client.py")
NEW_CODE = "Mailing list overload"
RENAMED = "Packaging index pain"
Q = f"{{{PROJECT_NS}}}"


def expected(qdpx: Path) -> dict:
    """What synth exported: code paths by GUID, each coding's (source, start, end) and code
    path, and every statement's text."""
    with zipfile.ZipFile(qdpx) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist()
                 if n.startswith("sources/")}
    paths: dict[str, tuple[str, ...]] = {}

    def walk(element, above: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
        for code in element.findall(f"{Q}Code"):
            paths[code.get("guid")] = (*above, code.get("name"))
            walk(code, paths[code.get("guid")])

    walk(root.find(f"{Q}CodeBook/{Q}Codes"), ())
    codings = []
    statements = [line.split(": ", 1)[1] for text in texts.values()
                  for line in text.split("\n\n") if ": " in line]
    for source in root.iter(f"{Q}TextSource"):
        text = texts["sources/" + source.get("plainTextPath").split("//", 1)[1]]
        for selection in source.findall(f"{Q}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            ref = selection.find(f"{Q}Coding/{Q}CodeRef").get("targetGUID")
            codings.append({"source": source.get("name"), "start": start, "end": end,
                            "text": text[start:end], "path": paths[ref]})
    return {"codes": len(paths), "paths": paths, "codings": codings, "statements": statements}


def qualcoder_paths(state: dict) -> dict[int, tuple[str, ...]]:
    categories = {c["catid"]: c for c in state["categories"]}
    codes = {c["cid"]: c for c in state["codes"]}

    def category_path(catid) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
        if catid is None or catid not in categories:
            return ()
        return (*category_path(categories[catid]["supercatid"]), categories[catid]["name"])

    def code_path(cid) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
        code = codes[cid]
        above = code_path(code["supercid"]) if code["supercid"] in codes else \
            category_path(code["catid"])
        return (*above, code["name"])

    return {cid: code_path(cid) for cid in codes}


def import_measures(ours: dict, state: dict) -> dict:
    paths = qualcoder_paths(state)
    sources = {s["id"]: s["name"] for s in state["sources"]}
    at = {(sources.get(c["fid"]), c["pos0"], c["pos1"]): c for c in state["codings"]}
    orphaned = sum(1 for c in state["codings"] if c["cid"] not in paths)
    misplaced = missing = exact = 0
    for coding in ours["codings"]:
        theirs = at.get((coding["source"], coding["start"], coding["end"]))
        if theirs is None:
            missing += 1
            continue
        exact += theirs["seltext"] == coding["text"]
        if theirs["cid"] in paths and paths[theirs["cid"]] != coding["path"]:
            misplaced += 1
    wanted = set(ours["paths"].values())
    categories = {c["catid"]: c for c in state["categories"]}
    held = set(paths.values()) | {tuple(x["name"] for x in _chain(categories, catid))
                                  for catid in categories}
    return {"codes exported": ours["codes"],
            "codes kept": len(state["categories"]) + len(state["codes"]),
            "codings exported": len(ours["codings"]), "codings imported": len(state["codings"]),
            "codings orphaned (no code)": orphaned, "codings misplaced": misplaced,
            "codings missing": missing, "codings covering the same text": exact,
            "code paths missing": len(wanted - held),
            "documents copied": f"{len(state['documents'])} of {len(state['sources'])}"}


def _chain(categories: dict, catid) -> list[dict]:  # type: ignore[no-untyped-def]
    chain = []
    while catid in categories:
        chain.insert(0, categories[catid])
        catid = categories[catid]["supercatid"]
    return chain


def build(workspace_dir: Path, shared: Path, out: Path) -> None:
    data = shared / "pypi-mismatches-interviews"
    if not data.exists():
        sys.exit(f"{data} is absent: pass --shared or --workspace")
    print(f"building a workspace from {data} (ingest and themes, a few minutes)", flush=True)
    with Workspace.open(workspace_dir) as workspace:
        ingest(workspace, [data], IngestOptions())
        run_themes(workspace, Settings(out=out))


def apply(pristine: Path, path: Path, folder: Path, embedder,  # type: ignore[no-untyped-def]
          renamed: str) -> dict:
    copy = folder / f"ws-{path.suffix[1:]}"
    shutil.copytree(pristine, copy)
    with Workspace.open(copy) as workspace:
        before = {e.id: e.label for e in load(workspace).active()}
        result = run_themes(workspace, Settings(out=folder / f"out-{path.suffix[1:]}",
                                                codebook=path), embedder)
        after = {e.id: e for e in load(workspace).active()}
        sizes = {r["id"]: r["n"] for r in workspace.query(
            "SELECT theme_id AS id, COUNT(*) AS n FROM unit_themes GROUP BY theme_id")}
    new = [tid for tid in after if tid not in before]
    added = [tid for tid in new if after[tid].label == NEW_CODE]
    applied = result.planner.applied if result.planner else []
    from_file = [line for line in applied if line.startswith("added ")]
    return {"read": result.notes[0] if result.notes else "",
            "renamed": renamed in after and after[renamed].label == RENAMED,
            "added": f"{added[0]} ({sizes.get(added[0], 0)} statements)" if added else "no",
            "junk themes": len(from_file) - len(added),
            "themes before/after": f"{len(before)}/{len(after)} ({len(new) - len(from_file)} "
                                   "new ones made by the themes stage itself, not the file)",
            "applied": "; ".join(result.planner.applied) if result.planner else ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--qualcoder", default=os.environ.get("QUALCODER"),
                        help="QualCoder's source checkout (env QUALCODER)")
    parser.add_argument("--python", default=os.environ.get("QUALCODER_PYTHON"),
                        help="a Python with PyQt6 and QualCoder's dependencies "
                             "(env QUALCODER_PYTHON)")
    parser.add_argument("--workspace", type=Path, help="a workspace of the PyPI interviews")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    source = Path(args.qualcoder or "/nonexistent") / "src"
    if not (source / "qualcoder" / "refi.py").exists() or not args.python:
        print("refi_qualcoder: skipped: QualCoder is not given. Clone "
              "https://github.com/ccbogel/QualCoder, make a venv with PyQt6 pymupdf Pillow "
              "qtawesome, and set QUALCODER and QUALCODER_PYTHON (see this file's docstring)")
        return 0
    with tempfile.TemporaryDirectory(prefix="refi-qualcoder-") as temporary:
        folder = Path(temporary)
        pristine = folder / "ws"
        if args.workspace:
            shutil.copytree(args.workspace, pristine)
        else:
            build(pristine, args.shared, folder / "out")
        qdpx = folder / "study.qdpx"
        with Workspace.open(pristine) as workspace:
            export_project_file(workspace, qdpx)
            embedder = embedder_for(workspace, Settings())
            by_size = workspace.query(     # frustration's largest theme, else any question's
                "SELECT id, dimension FROM codebook_themes WHERE status = 'active'"
                " ORDER BY dimension != 'frustration', size DESC, id LIMIT 1")
        ours = expected(qdpx)
        renamed_guid = guid("theme", by_size[0]["id"])
        mailing = [t for t in ours["statements"] if "mailing list" in t.lower()]
        edits = {"rename": [[ours["paths"][renamed_guid][1], RENAMED]],
                 "add": {"category": by_size[0]["dimension"], "name": NEW_CODE,
                         "memo": "Too many mailing lists to follow and moderate",
                         "code": mailing[:5]}}
        (folder / "edits.json").write_text(json.dumps(edits), "utf-8")
        qc = folder / "qualcoder"
        qc.mkdir()
        (folder / "home").mkdir()
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(folder / "home")}
        run = subprocess.run([args.python, str(CLIENT), str(source), str(qdpx), str(qc),
                              str(folder / "edits.json"), str(folder / "qc.json")],
                             env=env, capture_output=True, text=True)
        if run.returncode:
            print(run.stderr[-3000:])
            return 1
        state = json.loads((folder / "qc.json").read_text("utf-8"))
        print("synth -> QualCoder (QualCoder's RefiImport of `synth export study.qdpx`)")
        measures = import_measures(ours, state["imported"])
        for name, value in measures.items():
            print(f"  {name:32} {value}")
        ours_cases = read_refi(qdpx).cases
        back = read_refi(qc / next(n for n in state["exported"] if n.endswith(".qdpx"))).cases
        values = sum(len(v) for v in ours_cases.values())
        kept = sum(1 for a in state["imported"]["attributes"] if a["attr_type"] == "case")
        same = sum(1 for name, v in ours_cases.items() for column, value in v.items()
                   if back.get(name, {}).get(column) == value)
        print(f"  {'case attribute values':32} {values} exported, {kept} kept by QualCoder, "
              f"{same} read back unchanged from its export")
        print(f"QualCoder edits: renamed '{edits['rename'][0][0]}' to '{RENAMED}'; added "
              f"'{NEW_CODE}' under {edits['add']['category']} coding "
              f"{len(edits['add']['code'])} statements")
        failed = measures["codings orphaned (no code)"] + measures["codings misplaced"] \
            + measures["code paths missing"]
        for name in state["exported"]:
            outcome = apply(pristine, qc / name, folder, embedder, by_size[0]["id"])
            print(f"QualCoder -> synth (`synth codebook apply {Path(name).suffix}` of "
                  "QualCoder's RefiExport)")
            for key, value in outcome.items():
                print(f"  {key:20} {value}")
            failed += outcome["junk themes"] + (not outcome["renamed"]) \
                + (outcome["added"] == "no")
        themes = [p for p in ours["paths"].values() if len(p) == 2]
        every = {"rename": [[p[1], f"{p[1]} (renamed)"] for p in themes]}
        (folder / "every.json").write_text(json.dumps(every), "utf-8")
        qc2 = folder / "qualcoder-every"
        qc2.mkdir()
        run = subprocess.run([args.python, str(CLIENT), str(source), str(qdpx), str(qc2),
                              str(folder / "every.json"), str(folder / "qc2.json")],
                             env=env, capture_output=True, text=True)
        if run.returncode:
            print(run.stderr[-3000:])
            return 1
        print(f"Every theme renamed in QualCoder ({len(themes)}), read back (no run):")
        for name in json.loads((folder / "qc2.json").read_text("utf-8"))["exported"]:
            print(f"  {Path(name).suffix:6} {read_back(pristine, qc2 / name)}")
    return 1 if failed else 0


def read_back(pristine: Path, path: Path) -> str:
    """How `synth codebook apply` reads a file: its first report line and how many codes
    would become new themes."""
    with Workspace.open(pristine, read_only=True) as workspace:
        edits = read_edits(path, load(workspace), load_framework(), workspace)
    new = sum(1 for e in edits.entries if e.id is None)
    return f"{edits.notes[0].split(': ', 1)[1]}; {new} would be new themes"


if __name__ == "__main__":
    sys.exit(main())
