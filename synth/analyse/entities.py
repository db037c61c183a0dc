"""Tools, languages, platforms and communities, found with a spaCy EntityRuler.

The gazetteer (`synth/data/gazetteer.csv`: name, kind, aliases) is matched
case-insensitively, except the names in `gazetteer-case-sensitive.txt` ("Go", "Slack",
"Make"...), which are common words when lower-cased. Every alias normalises to its
canonical name ("vscode", "VS Code" -> "VS Code"). Organisations and products the
gazetteer does not know come from the pipeline's NER, kind `other`.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

NER_LABELS = {"ORG", "PRODUCT"}


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[tuple[str, str, tuple[str, ...]], ...]   # (name, kind, aliases)
    case_sensitive: frozenset[str]

    @property
    def kinds(self) -> dict[str, str]:
        return {name: kind for name, kind, _ in self.entries}

    @property
    def fingerprint(self) -> str:
        text = repr((self.entries, sorted(self.case_sensitive)))
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def load_gazetteer() -> Gazetteer:
    data = resources.files("synth.data")
    entries = []
    with data.joinpath("gazetteer.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
            entries.append((row["name"].strip(), row["kind"].strip(), aliases))
    sensitive_file = data.joinpath("gazetteer-case-sensitive.txt")
    sensitive = frozenset(line.strip() for line in sensitive_file.read_text("utf-8").splitlines()
                          if line.strip()) if sensitive_file.is_file() else frozenset()
    return Gazetteer(tuple(entries), sensitive)


def add_entity_ruler(nlp: Language, gazetteer: Gazetteer) -> None:
    """Put the gazetteer ahead of the statistical NER, so known names win."""
    ruler = nlp.add_pipe("entity_ruler", before="ner",
                         config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True})
    patterns = []
    for name, kind, aliases in gazetteer.entries:
        label = kind.upper()
        if name in gazetteer.case_sensitive:
            patterns.append({"label": label, "id": name,
                             "pattern": [{"ORTH": token.text} for token in nlp.make_doc(name)]})
        else:
            patterns.append({"label": label, "id": name, "pattern": name})
        patterns += [{"label": label, "id": name, "pattern": alias} for alias in aliases]
    ruler.add_patterns(patterns)


def entities(doc: Doc, kinds: dict[str, str]) -> list[tuple[str, str]]:
    """(canonical name, kind) of each entity in the doc, in order, without repeats."""
    found: dict[tuple[str, str], None] = {}
    for ent in doc.ents:
        if ent.ent_id_ and ent.ent_id_ in kinds:
            found[(ent.ent_id_, kinds[ent.ent_id_])] = None
        elif ent.label_ in NER_LABELS and len(ent.text) > 1 and not ent.text.islower():
            found[(" ".join(ent.text.split()), "other")] = None
    return list(found)
