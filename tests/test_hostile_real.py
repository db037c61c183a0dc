"""Issue 10 on the shared PyPI interviews: surnames, an interrupted ingest, withdrawn and
moved sources. Fake splitter and embedder (the cases are about the workspace and the
outputs, not the models); the interviews themselves are real. Skipped when absent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from synth.cli import main
from synth.ingest import IngestOptions, ingest
from synth.ingest.forget import forget
from synth.stages import Settings, run_themes
from synth.study import study_privacy
from synth.workspace import Workspace
from tests.conftest import FAKES, INTERVIEWS, fake_splitter, needs

pytestmark = needs(INTERVIEWS)

SURNAMES = ["Stufft", "Durbin", "Kazil", "Ceder", "Coghlan", "Oda"]


@pytest.fixture
def research(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the interviews in tmp_path/r, with tmp_path the current folder."""
    shutil.copytree(INTERVIEWS, tmp_path / "r")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "r"


def run(workspace: Workspace, *paths: Path, **kwargs):
    return ingest(workspace, list(paths), IngestOptions(), splitter=fake_splitter, **kwargs)


def words(text: str, names: list[str]) -> set[str]:
    return {name for name in names if re.search(rf"(?<![\w@]){name}(?!\w)", text)}


def test_no_participant_surname_survives_the_redaction_every_output_uses(research, tmp_path):
    with Workspace.open(tmp_path / "ws") as workspace:
        run(workspace, research)
        privacy = study_privacy(workspace)
        texts = [row["text"] for row in workspace.query("SELECT text FROM units")]
    raw = "\n".join(texts)
    shown = "\n".join(privacy.text(text) for text in texts)
    assert {"Kazil", "Ceder", "Coghlan", "Stufft"} <= words(raw, SURNAMES)  # they are said
    assert words(shown, SURNAMES) == set()
    assert re.search(r"\[P\d\d\]\.", shown)          # "Naomi Ceder." -> "[P04]."


def test_an_interrupted_ingest_never_yields_unredacted_outputs(research, tmp_path):
    seen: list[str] = []

    def interrupt(stage: str, done: int, total: int, path: str) -> None:
        if stage == "segmenting" and path and path not in seen:
            seen.append(path)
        if len(seen) > 3:               # three files written, the fourth under way or done
            raise KeyboardInterrupt     # what Ctrl-C does in the middle of a file list

    with Workspace.open(tmp_path / "ws") as workspace:
        with pytest.raises(KeyboardInterrupt):
            run(workspace, research, progress=interrupt)
        units = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
        ingested = [row["name"] for row in workspace.query("SELECT name FROM participants")]
        run_themes(workspace, Settings(out=tmp_path / "out"), *FAKES)
    assert units > 0 and {"Mel", "Ernest", "Donald"} <= set(ingested)
    shown = (tmp_path / "out" / "units.csv").read_text(encoding="utf-8")
    # everyone whose file was ingested (interviewers too), in any case ("MEL", "Mel")
    names = [form for name in ingested for form in (name, name.upper())]
    assert words(shown, names) == set()
    assert ",[name]," not in shown
    assert "ernest-1-full" not in shown and "donald-1-full" not in shown


def test_deleted_files_are_reported_and_forget_removes_everything_of_them(research, tmp_path):
    for path in research.glob("*-full.md"):
        if not path.name.startswith(("naomi", "donald")):
            path.unlink()       # a smaller study: clustering is not what is tested here
    with Workspace.open(tmp_path / "ws") as workspace:
        run(workspace, research)
        run_themes(workspace, Settings(out=tmp_path / "out"), *FAKES)
        before = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
        for path in research.glob("naomi-*"):
            path.unlink()
        report = run(workspace, research)
        assert report.gone == [f"r/naomi-{i}-full.md" for i in (1, 2, 3)]
        removed = sum(forget(workspace, gone).units for gone in report.gone)
        after = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
        people = {row["id"] for row in workspace.query("SELECT id FROM participants")}
        themes = workspace.query("SELECT COUNT(*) AS n FROM themes")[0]["n"]
        mentions = workspace.query("SELECT COUNT(*) AS n FROM turns WHERE participant_id"
                                   " = 'naomi'")[0]["n"]
        assert run(workspace, research).gone == []
    assert removed > 0 and after == before - removed
    assert "naomi" not in people and mentions == 0
    assert themes == 0      # derived results that could quote her are gone too


def test_forget_a_participant_by_id_from_the_cli(research, tmp_path, fake_nlp):
    runner = CliRunner()
    workspace = ["--workspace", str(tmp_path / "ws")]
    assert runner.invoke(main, [*workspace, "ingest", str(research)]).exit_code == 0
    result = runner.invoke(main, [*workspace, "forget", "terri"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("forgot terri: ")
    listed = runner.invoke(main, [*workspace, "participants", "--format", "csv"]).output
    assert "terri" not in listed and "donald" in listed
    missing = runner.invoke(main, [*workspace, "forget", "nobody"])
    assert missing.exit_code == 2 and "neither an ingested source nor a participant" in (
        missing.output)


def test_a_moved_research_folder_is_the_same_sources(research, tmp_path):
    with Workspace.open(tmp_path / "ws") as workspace:
        run(workspace, research)
        before = workspace.query("SELECT u.id, s.sha256 FROM units u JOIN sources s"
                                 " ON s.id = u.source_id ORDER BY u.id")
        moved = research.rename(tmp_path / "r-moved")
        report = run(workspace, moved)
        after = workspace.query("SELECT u.id, s.sha256 FROM units u JOIN sources s"
                                " ON s.id = u.source_id ORDER BY u.id")
        shown = {row["display"] for row in workspace.query("SELECT display FROM sources")}
    statuses = {f.status for f in report.files if f.path.endswith("-full.md")}
    assert statuses == {"moved"}
    assert report.usable and report.gone == []
    assert [tuple(r) for r in before] == [tuple(r) for r in after]
    assert all(path.startswith("r-moved/") for path in shown)
