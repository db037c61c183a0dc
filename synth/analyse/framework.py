"""The eight persona questions, loaded from an editable data file (`synth/data/framework.json`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from synth.data import read_json
from synth.errors import SynthError

OTHER = "other"


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    description: str
    examples: tuple[str, ...]
    questions: tuple[str, ...]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Framework:
    dimensions: tuple[Dimension, ...]
    other_title: str
    other_description: str
    threshold: float
    other_examples: tuple[str, ...] = ()     # small talk and logistics: what `other` holds

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.dimensions] + [OTHER]

    def title(self, dimension: str) -> str:
        found = {d.id: d.title for d in self.dimensions}
        return found.get(dimension, self.other_title)

    def description(self, dimension: str) -> str:
        found = {d.id: d.description for d in self.dimensions}
        return found.get(dimension, self.other_description)


def load_framework(path: Path | None = None) -> Framework:
    """The shipped framework, or the user's file; a malformed file says what is missing."""
    data, where = read_json("framework.json", path)
    try:
        dimensions = tuple(
            Dimension(d["id"], d["title"], d["description"], tuple(d["examples"]),
                      tuple(d.get("questions", ())), tuple(c.lower() for c in d.get("cues", ())))
            for d in data["dimensions"])
        other = data.get("other", {})
    except (KeyError, TypeError) as error:
        raise SynthError(f"{where}: every dimension needs id, title, description and examples "
                         f"(missing {error}). Start from synth/data/framework.json") from None
    if not dimensions or any(not d.examples for d in dimensions):
        raise SynthError(f"{where}: each dimension needs at least one example statement")
    return Framework(dimensions, other.get("title", "Other"), other.get("description", ""),
                     float(other.get("threshold", 0.3)), tuple(other.get("examples", ())))
