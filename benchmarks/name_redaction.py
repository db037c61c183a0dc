"""Recall and precision of third-party name redaction on real text labelled by others.

    .venv/bin/python benchmarks/name_redaction.py PATH/emerging.test.annotated [--dev PATH]

The labelled set is the WNUT 2017 Emerging Entities corpus (Derczynski et al. 2017; the
GitHub repository leondz/emerging_entities_17, CC-BY 4.0): Reddit, YouTube, Stack Overflow
and Twitter text with people, corporations, products, groups, creative works and locations
annotated by crowd workers and adjudicated. It is not copied into this repository; clone it
and pass the file. Its dev file was used to choose the rules, its test file gives the
figures in the README.

The pipeline is synth's, as at ingest: spaCy's NER (`spacy_people_finder`) finds the people
each text names, and the study-wide redaction (`Privacy`, names found anywhere redacted
everywhere, whole and capitalised) runs on every text.

- recall: share of the annotated people whose every word is inside a redacted span;
- precision: share of redacted spans that overlap an annotated person; the others are
  counted by what they hit (a corporation, a product, a group, nothing annotated...).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from synth.ingest.mentions import spacy_people_finder
from synth.privacy import Redactor


def sentences(path: Path) -> list[list[tuple[str, str]]]:
    found, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                found.append(current)
            current = []
            continue
        token, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        current.append((token, tag.strip()))
    if current:
        found.append(current)
    return found


def layout(sentence: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """The sentence's text (tokens joined by spaces) and its entities' (start, end, type)."""
    text, spans, entity = "", [], None
    for token, tag in sentence:
        start = len(text) + (1 if text else 0)
        text = f"{text} {token}" if text else token
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        if tag.startswith("B-") or (tag.startswith("I-") and entity is None):
            entity = [start, len(text), kind]
            spans.append(entity)
        elif tag.startswith("I-") and entity is not None:
            entity[1] = len(text)
        else:
            entity = None
    return text, [tuple(s) for s in spans]


def measure(path: Path) -> dict:
    laid = [layout(s) for s in sentences(path)]
    texts = [text for text, _ in laid]
    mentioned = sorted({name for names in spacy_people_finder()(texts) for name in names})
    redactor = Redactor([], whole_only=mentioned)
    people = caught = spans_total = on_person = 0
    wrong: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"missed": [], "wrong": []}
    for text, entities in laid:
        redacted = redactor.name_spans(text)
        persons = [(a, b) for a, b, kind in entities if kind == "person"]
        for a, b in persons:
            people += 1
            words = [(a + i, a + i + len(w)) for i, w in _words(text[a:b])]
            if all(any(s <= x and y <= e for s, e in redacted) for x, y in words):
                caught += 1
            elif len(examples["missed"]) < 20:
                examples["missed"].append(text[a:b])
        for s, e in redacted:
            spans_total += 1
            hit = [kind for a, b, kind in entities if a < e and s < b]
            if "person" in hit:
                on_person += 1
            else:
                wrong[hit[0] if hit else "not an entity"] += 1
                if len(examples["wrong"]) < 20:
                    examples["wrong"].append(text[s:e])
    return {"people": people, "caught": caught, "spans": spans_total, "on_person": on_person,
            "wrong": dict(wrong), "examples": examples, "sentences": len(texts)}


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\w+", text)
            if any(c.isalpha() for c in m.group())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("test", type=Path, help="emerging.test.annotated (or any CoNLL file)")
    parser.add_argument("--dev", type=Path, help="emerging.dev.conll, measured too")
    args = parser.parse_args()
    for name, path in (("dev", args.dev), ("test", args.test)):
        if path is None:
            continue
        found = measure(path)
        recall = found["caught"] / found["people"] if found["people"] else 0.0
        precision = found["on_person"] / found["spans"] if found["spans"] else 0.0
        print(f"{name}: {found['sentences']} sentences, {found['people']} people annotated")
        print(f"  recall    {found['caught']}/{found['people']} = {recall:.3f}")
        print(f"  precision {found['on_person']}/{found['spans']} = {precision:.3f}")
        print(f"  redacted spans on other things: {found['wrong']}")
        print(f"  missed, e.g.: {found['examples']['missed']}")
        print(f"  wrongly redacted, e.g.: {found['examples']['wrong']}")


if __name__ == "__main__":
    main()
