"""The eight persona questions, loaded from an editable data file (`synth/data/framework.json`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

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
    where = str(path) if path else "the shipped framework"
    try:
        text = (path.read_text(encoding="utf-8") if path else
                resources.files("synth.data").joinpath("framework.json").read_text("utf-8"))
        data = json.loads(text)
        dimensions = tuple(
            Dimension(d["id"], d["title"], d["description"], tuple(d["examples"]),
                      tuple(d.get("questions", ())), tuple(c.lower() for c in d.get("cues", ())))
            for d in data["dimensions"])
        other = data.get("other", {})
    except OSError as error:
        raise SynthError(f"{where}: cannot read it ({error.strerror}). Check the --framework "
                         "path") from None
    except json.JSONDecodeError as error:
        raise SynthError(f"{where}, line {error.lineno}: not valid JSON ({error.msg}). Fix it, "
                         "or start from synth/data/framework.json") from None
    except (KeyError, TypeError) as error:
        raise SynthError(f"{where}: every dimension needs id, title, description and examples "
                         f"(missing {error}). Start from synth/data/framework.json") from None
    if not dimensions or any(not d.examples for d in dimensions):
        raise SynthError(f"{where}: each dimension needs at least one example statement")
    return Framework(dimensions, other.get("title", "Other"), other.get("description", ""),
                     float(other.get("threshold", 0.3)))
