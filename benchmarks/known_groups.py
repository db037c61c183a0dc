"""Real studies with known groups, for the persona benchmarks (never copied into the repo).

- `changelog_corpus`: guests and hosts of three Changelog podcasts (Go Time, JS Party,
  Practical AI; github.com/thechangelog/transcripts @ 44a0e16c, CC BY-SA 4.0): episodes
  `FIRST`..`FIRST + EPISODES - 1` of each show, each cut to its first `TURNS` speaker turns,
  written as Markdown transcripts to a folder. A speaker's group is the show they speak
  on; people heard on two shows have no group.
- `jupyter_roles`: the Jupyter UX survey respondents' primary role codes, as the survey's
  analysts assigned them (`labels/roles.csv`, CC0), keyed by the participant id synth gives
  each row (`survey-export:row N`, N = index + 2).
"""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

SHOWS = {"Go Time": ("gotime", "go-time"), "JS Party": ("jsparty", "js-party"),
         "Practical AI": ("practicalai", "practical-ai")}
FIRST, EPISODES, TURNS = 100, 30, 40
_TURN = re.compile(r"^\*\*([^*:]{2,40}):\*\*", re.MULTILINE)


def changelog_corpus(repo: Path, folder: Path) -> dict[str, str]:
    """Write the sample; -> speaker name -> show (only speakers heard on one show)."""
    shows: dict[str, set[str]] = {}
    for show, (directory, stem) in SHOWS.items():
        target = folder / directory
        target.mkdir(parents=True, exist_ok=True)
        for number in range(FIRST, FIRST + EPISODES):
            text = subprocess.run(["git", "-C", str(repo), "show",
                                   f"HEAD:{directory}/{stem}-{number}.md"],
                                  capture_output=True, text=True, check=True).stdout
            starts = [m.start() for m in _TURN.finditer(text)]
            if not starts:
                continue
            cut = starts[TURNS] if len(starts) > TURNS else len(text)
            kept = text[starts[0]:cut]
            (target / f"{stem}-{number}.md").write_text(kept, encoding="utf-8")
            for name in _TURN.findall(kept):
                if name.strip().lower() not in {"break", "sponsor", "announcer"}:
                    shows.setdefault(name.strip(), set()).add(show)
    return {name: next(iter(found)) for name, found in shows.items() if len(found) == 1}


def jupyter_roles(shared: Path) -> dict[str, str]:
    """Participant id -> the analysts' primary role code (rows with one)."""
    path = shared / "jupyter-ux-survey-2015" / "labels" / "roles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return {f"survey-export:row {int(row['']) + 2}": row["roles_primary"]
            for row in rows if row["roles_primary"].strip()}
