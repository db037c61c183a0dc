"""Sources are cited by their path inside the folder ingested (the study's root), the same
bytes from any parent folder, with names, emails and phone numbers in folder and file names
redacted like the rest of the outputs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import synth.ingest
import synth.stages
from synth.cli import main
from synth.ingest.mentions import no_people
from synth.ingest.paths import distinct, study_path
from synth.privacy import Privacy
from tests.conftest import FakeEmbedder, fake_describer

PAINS = ["The builds are flaky and slow every single week.",
         "Our docs search never finds the page I need.",
         "Reviews take days because nobody owns the pipeline.",
         "Deploys break when the staging database drifts."]


def interview(person: str, seed: int) -> str:
    turns = []
    for i in range(6):
        turns += ["Interviewer: What slows you down at work?",
                  f"{person}: {PAINS[(seed + i) % 4]} {PAINS[(seed + i + 1) % 4]}"]
    return "\n\n".join(turns) + "\n"


def write_study(folder: Path) -> None:
    files = {
        "interviews/Amara Okafor/round1.md": interview("Amara", 0),
        "interviews/TomaszWieczorek.txt": interview("Tomasz Wieczorek", 1),
        "interviews/notes-zoe.quill@example.com.md": interview("Zoe", 2),
        "calls/+44 20 7946 0958.md": interview("Bruno", 3),
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    rows = ["Response ID,Role,What is the hardest part of your job?"]
    rows += [f"R{i},{'Dev' if i % 2 else 'Ops'},{PAINS[i % 4]} It cost us {i + 2} hours."
             for i in range(16)]
    (folder / "survey.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


FORBIDDEN = ["Amara", "Okafor", "Tomasz", "Wieczorek", "zoe.quill", "example.com",
             "7946", "/tmp/", "pytest"]


@pytest.fixture
def fast_models(fake_nlp, monkeypatch):
    monkeypatch.setattr(synth.ingest, "spacy_people_finder", lambda: no_people)
    monkeypatch.setattr(synth.stages, "load_embedder", lambda model, precision: FakeEmbedder())
    monkeypatch.setattr(synth.stages, "spacy_describer", lambda gazetteer: fake_describer)


def run_from(cwd: Path, study: Path, monkeypatch) -> dict[str, bytes]:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, ["run", os.path.relpath(study, cwd), "--out", "out",
                                       "--workspace", "ws", "--quiet"])
    assert result.exit_code == 0, result.output
    out = cwd / "out"
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file()}


def test_the_same_study_from_two_parent_folders_gives_identical_outputs(
        tmp_path, fast_models, monkeypatch):
    first = tmp_path / "a" / "study"
    second = tmp_path / "b" / "deeper" / "still" / "study"
    first.mkdir(parents=True)
    write_study(first)
    shutil.copytree(first, second)
    (tmp_path / "x" / "y").mkdir(parents=True)
    one = run_from(tmp_path / "a", first, monkeypatch)
    two = run_from(tmp_path / "x" / "y", second, monkeypatch)
    assert {"units.csv", "themes.json", "report.html", "personas.json"} <= one.keys()
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
    units = one["units.csv"].decode("utf-8")
    assert "study/survey.csv" in units and "study/interviews/" in units
    assert "../" not in units
    for name, content in one.items():
        text = content.decode("utf-8", errors="replace")
        leaks = [value for value in FORBIDDEN if value in text]
        assert leaks == [], name


def test_a_file_is_cited_inside_the_folder_given(tmp_path):
    root = tmp_path / "research"
    assert study_path(root / "round1" / "p01.md", root) == "research/round1/p01.md"
    assert study_path(tmp_path / "p01.md", None) == "p01.md"
    # a file named alone inside a folder ingested before keeps its place in that study
    assert study_path(root / "round2" / "p09.md", None, [str(root)]) == "research/round2/p09.md"


def test_two_files_cited_alike_take_parent_folders_until_they_differ(tmp_path):
    path = tmp_path / "b" / "notes" / "p01.md"
    assert distinct("p01.md", path, {"p01.md"}) == "notes/p01.md"
    assert distinct("p01.md", path, {"p01.md", "notes/p01.md"}) == "b/notes/p01.md"
    assert distinct("p01.md", path, set()) == "p01.md"


@pytest.mark.parametrize(("path", "shown"), [
    ("research/Amara Okafor/round1.md", "research/P01/round1.md"),
    ("research/Amara_Okafor/round1.md", "research/P01/round1.md"),
    ("interviews/tomasz-wieczorek-round1.vtt", "interviews/P02-round1.vtt"),
    ("interviews/TomaszWieczorek.txt", "interviews/[P02].txt"),
    ("in/AmaraOkafor/notes_2024-05-01.md", "in/[P01]/notes_2024-05-01.md"),
    ("in/notes-amara.okafor@example.com.md", "in/[email].md"),
    ("calls/+44 20 7946 0958.md", "calls/[phone].md"),
    ("calls/call_555-123-4567.txt", "calls/call [phone].txt"),
    ("survey/beacon-survey-2026.csv", "survey/beacon-survey-2026.csv"),
    ("study/interviews/p01.md", "study/interviews/p01.md"),
])
def test_names_emails_and_phones_in_folder_and_file_names_are_redacted(path, shown):
    privacy = Privacy({"p1": "Amara", "p2": "Tomasz Wieczorek"}, others=["Jane Doe"])
    assert privacy.source(path) == shown


def test_keep_names_keeps_names_in_paths_but_not_emails():
    privacy = Privacy({"p1": "Amara Okafor"}, keep_names=True)
    assert privacy.source("research/Amara Okafor/amara@example.io.md") == \
        "research/Amara Okafor/[email].md"
