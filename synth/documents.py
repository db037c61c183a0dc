"""What every reader returns: a `Document` of speaker turns (or survey answers).

Readers know nothing of the workspace; the workspace knows nothing of file formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution, or one survey answer cell.

    `anchors` maps character offsets in `text` to locations in the source
    (`line 12`, `00:01:02.500`, `row 17, column X`); the first anchor is at offset 0.
    `question` is the context the turn answers: a survey column header, or for transcripts
    the interviewer's preceding question (filled in once roles are known).
    """

    speaker: str
    text: str
    anchors: tuple[tuple[int, str], ...]
    question: str = ""

    @property
    def location(self) -> str:
        return self.anchors[0][1]

    def location_at(self, offset: int) -> str:
        """The location of the character at `offset`."""
        found = self.anchors[0][1]
        for start, location in self.anchors:
            if start > offset:
                break
            found = location
        return found


@dataclass
class Document:
    """A research file as read: its format, kind (`interview` or `survey`) and turns.

    For surveys, `attributes` holds each respondent's choice and numeric answers and
    `columns` records how every column was used (`id`, `text`, `attribute`, `identifier`,
    `skipped: why`) and `names` each respondent's name, when a column gives it.
    """

    path: Path
    format: str
    kind: str
    turns: list[Turn]
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    columns: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for turn in self.turns:
            seen.setdefault(turn.speaker, None)
        return list(seen)
