"""Recall of synth's redaction on a labelled set of secrets and personal data, and how often
it touches real answers that hold none.

    .venv/bin/python benchmarks/privacy_recall.py [--shared ../shared/data]

The labelled set is `tests/data/sensitive.json`: 47 sentences, each holding one secret
(a dozen providers' key formats, URLs with tokens, passwords said aloud), one contact detail
or identifier (emails, phones of five countries, card numbers, national ids, IBANs, street
addresses, an IP address) or one third party's name. A value counts as caught when no part
of 6 characters or more of it is left in the redacted sentence. Third-party names go through
the real pipeline: spaCy's NER finds them (as ingest does), then the redaction runs.

Touched: the share of the Jupyter survey's free-text answers (real answers, no secrets
expected) that redaction changes, without any participant names: false alarms show there.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

from synth.ingest.mentions import spacy_people_finder
from synth.privacy import Privacy

ROOT = Path(__file__).resolve().parents[1]
LABELLED = ROOT / "tests" / "data" / "sensitive.json"


def caught(value: str, redacted: str) -> bool:
    """No fragment of 6+ characters of `value` is left (or none at all if it is short)."""
    size = min(6, len(value))
    return not any(value[i:i + size] in redacted for i in range(len(value) - size + 1))


def recall(records: list[dict]) -> list[tuple[str, str, int, int, list[str]]]:
    mentioned = sorted({name for names in spacy_people_finder()([r["text"] for r in records])
                        for name in names})
    privacy = Privacy({}, [], mentioned=mentioned)
    by_kind: dict[tuple[str, str], list[tuple[bool, str]]] = defaultdict(list)
    for record in records:
        redacted = privacy.text(record["text"])
        by_kind[(record["category"], record["kind"])].append(
            (caught(record["value"], redacted), redacted))
    return [(category, kind, sum(ok for ok, _ in found), len(found),
             [text for ok, text in found if not ok])
            for (category, kind), found in sorted(by_kind.items())]


def touched(survey: Path) -> tuple[int, int, list[str]]:
    privacy = Privacy({}, [])
    with survey.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    answers = [cell for row in rows[1:] for cell in row if len(cell.split()) >= 4]
    changed = [a for a in answers if privacy.text(a) != a]
    return len(changed), len(answers), [privacy.text(a) for a in changed[:5]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    records = json.loads(LABELLED.read_text(encoding="utf-8"))
    rows = recall(records)
    print("| category | kind | caught | of |")
    print("|---|---|---:|---:|")
    for category, kind, ok, total, _ in rows:
        print(f"| {category} | {kind} | {ok} | {total} |")
    for category in ("secret", "pii", "name"):
        ok = sum(r[2] for r in rows if r[0] == category)
        total = sum(r[3] for r in rows if r[0] == category)
        print(f"\n{category}: recall {ok}/{total} = {ok / total:.1%}", end="")
    ok, total = sum(r[2] for r in rows), sum(r[3] for r in rows)
    print(f"\n\nall: recall {ok}/{total} = {ok / total:.1%}")
    for _, kind, _, _, missed in rows:
        for text in missed:
            print(f"missed ({kind}): {text}")
    survey = args.shared / "jupyter-ux-survey-2015" / "survey-export.csv"
    if survey.exists():
        changed, answers, examples = touched(survey)
        print(f"\nJupyter survey answers changed by redaction: {changed} of {answers} "
              f"({changed / answers:.2%})")
        for example in examples:
            print(f"  {example[:160]}")
    else:
        print(f"\n{survey} not found: false-alarm rate not measured", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
