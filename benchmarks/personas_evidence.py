"""Trace every channel, tool, ICP line and incentive an output lists to its evidence.

    .venv/bin/python benchmarks/personas_evidence.py --workspace WS --out OUT [--out OUT2 ...]

OUT is a folder `synth personas` and `synth icp` wrote from the workspace WS (personas.json,
participants.csv, icp.json). Each listed item is recounted from the workspace and checked:
- a channel or tool on a card (How to reach them, Key tools, Presence, Job): the members
  naming it, recounted from the statements' entities, equal the count shown, and reach the
  support rule (5 members and 5% of the members who said anything);
- an ICP attribute: its column is a column of the study (survey answer or an attribute the
  researcher gave), and every answer's count of respondents is recounted;
- an ICP company size or industry read from what people said: its quote is a real statement
  at its place, and the statement is an explicit claim about the speaker's employer (the
  patterns of `synth.icp.report`), not a word inside an unrelated answer;
- a tool "best-fit customers have": named by 5 of them and 5%;
- an incentive: shown only with a dominant motivation that at least 3 statements express,
  and listed under that motivation in the framework file.
Prints one line per failure and a summary table per output folder.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
from collections import Counter
from pathlib import Path

from synth.attributes import attributes_by_participant
from synth.data import read_json
from synth.icp.report import _INDUSTRY, _SIZE, _STAGE
from synth.privacy import pseudonyms
from synth.study import RESEARCHED
from synth.workspace import Workspace

MIN_PEOPLE, MIN_SHARE = 5, 0.05


def check(workspace: Workspace, out: Path) -> Counter:
    results: Counter = Counter()
    people = [r["id"] for r in workspace.query("SELECT id, kind FROM participants")
              if r["kind"] in RESEARCHED]
    real = {alias: pid for pid, alias in pseudonyms(people).items()}
    named: dict[str, set[str]] = {}
    said: set[str] = set()
    units = {}
    for row in workspace.query("SELECT u.id, u.participant_id, u.text, u.location, a.entities"
                               " FROM units u JOIN analysis a ON a.unit_id = u.id"):
        said.add(row["participant_id"])
        units[row["id"]] = row
        for name, _ in json.loads(row["entities"]):
            named.setdefault(name, set()).add(row["participant_id"])
    with (out / "participants.csv").open(encoding="utf-8", newline="") as handle:
        members: dict[str, set[str]] = {}
        for row in csv.DictReader(handle):
            pid = real.get(row["participant_id"], row["participant_id"])
            members.setdefault(row["persona_id"], set()).add(pid)
    cards = json.loads((out / "personas.json").read_text("utf-8"))["personas"]

    def verdict(kind: str, ok: bool, what: str) -> None:
        results[(kind, ok)] += 1
        if not ok:
            print(f"  FAIL {out.name}: {kind}: {what}")

    motivations, _ = read_json("motivations.json")
    incentives = {m["title"]: m.get("incentives", []) for m in motivations["motivations"]}
    for card in cards:
        mine = members.get(card["id"], set()) & said
        needed = max(MIN_PEOPLE, math.ceil(MIN_SHARE * len(mine)))
        listed = [("channel", e) for e in card["reach"]] + [
            ("tool", e) for s in card["sections"] for e in s["ranked"]]
        for kind, entry in listed:
            recount = len(named.get(entry["name"], set()) & mine)
            verdict(kind, recount == entry["people"] and recount >= needed,
                    f"{card['name']}: {entry['name']} shown for {entry['people']}, "
                    f"recounted {recount} of {len(mine)} (needs {needed})")
        dominant = card["motivation"].get("dominant")
        for incentive in card["motivation"].get("incentives", []):
            ok = bool(dominant) and dominant.get("statements", 0) >= 3 and (
                incentive in incentives.get(dominant["title"], []) or
                "motivations.json" not in card["motivation"].get("incentives_source", ""))
            verdict("incentive", ok, f"{card['name']}: '{incentive}' "
                    f"({dominant['statements'] if dominant else 0} statements)")
    icp_path = out / "icp.json"
    if icp_path.exists():
        icp = json.loads(icp_path.read_text("utf-8"))
        attributes = attributes_by_participant(workspace)
        columns = {c for found in attributes.values() for c in found}
        findings = icp.get("findings") or {}
        for attribute in findings.get("top", []) + findings.get("others", []):
            verdict("ICP attribute", attribute["column"] in columns,
                    f"{attribute['column']} is not a column of the study")
            value_column = icp["value"].get("column")
            for stat in attribute["values"]:
                if attribute.get("bins"):
                    continue
                if re.search(r"\[(name|P\d+|email|phone|secret)\]", stat["value"]):
                    results[("ICP answer (redacted in the output, not recounted)", True)] += 1
                    continue
                recount = sum(
                    1 for found in attributes.values()
                    if " ".join(found.get(attribute["column"], "").split()).casefold()
                    == stat["value"].casefold() and (not value_column or found.get(
                        value_column, "").strip()))
                verdict("ICP answer", recount >= stat["n"],
                        f"{attribute['column']} = {stat['value']}: n {stat['n']}, "
                        f"recounted {recount}")
        for kind, found in (icp.get("mentioned") or {}).items():
            for entry in found:
                quote = entry["quote"]
                row = units.get(quote["unit_id"])
                explicit = row is not None and any(
                    p.search(row["text"]) for p in (_SIZE, _STAGE, _INDUSTRY))
                verdict(f"ICP {kind} (said)", explicit and row["location"] == quote["location"],
                        f"{entry['value']} from \"{quote['text'][:80]}\"")
        high = icp["value"].get("high", 0)
        for entry in icp.get("has", []):
            verdict("ICP tool", entry["high_people"] >= max(MIN_PEOPLE,
                                                            math.ceil(MIN_SHARE * high)),
                    f"{entry['name']}: {entry['high_people']} of {high} high-value people")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workspace", type=Path, required=True)
    parser.add_argument("--out", type=Path, action="append", required=True)
    args = parser.parse_args()
    with Workspace.open(args.workspace, create=False) as workspace:
        rows = []
        for out in args.out:
            found = check(workspace, out)
            for kind in sorted({kind for kind, _ in found}):
                rows.append(f"| {out.name} | {kind} | {found[(kind, True)] + found[(kind, False)]}"
                            f" | {found[(kind, False)]} |")
    print("\n| outputs | item | listed | failing its check |")
    print("|---|---|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
