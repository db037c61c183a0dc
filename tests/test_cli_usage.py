"""The command line as a new user meets it: options where they are typed, errors that say
where an option goes, no workspace left behind by a run that read nothing, plurals, and a
survey's column typing one line a column."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from synth.cli import main
from synth.cli.group import hoist_global_options
from synth.cli.ingest import column_table, shortened
from synth.words import count, plural
from tests.test_ingest import INTERVIEW


@pytest.fixture
def run(tmp_path: Path, fake_nlp: None, monkeypatch: pytest.MonkeyPatch):
    """synth(*args) run from tmp_path, with no --workspace added."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    return lambda *args: runner.invoke(main, list(args))


def test_global_options_are_moved_in_front_of_the_command():
    assert hoist_global_options(["ingest", "x", "--workspace", "ws", "-q"]) == [
        "--workspace", "ws", "-q", "ingest", "x"]
    assert hoist_global_options(["codebook", "apply", "f.yaml", "--workspace=ws"]) == [
        "--workspace=ws", "codebook", "apply", "f.yaml"]
    # after `--` everything is an argument, even a file named like an option
    assert hoist_global_options(["forget", "--", "--workspace", "ws"]) == [
        "forget", "--", "--workspace", "ws"]


def test_workspace_after_the_command_is_the_same_as_before_it(run, write, tmp_path):
    path = write("sam.txt", INTERVIEW)
    after = run("ingest", str(path), "--workspace", "after", "--quiet")
    before = run("--workspace", "before", "--quiet", "ingest", str(path))
    assert after.exit_code == before.exit_code == 0, after.output
    assert after.output == before.output
    assert (tmp_path / "after").is_dir() and not (tmp_path / ".synth").exists()
    status = run("status", "--workspace", "after")
    assert status.exit_code == 0, status.output
    assert status.output.startswith("workspace: after\n")
    assert status.output.endswith("\n1 source, 1 participant, 1 interviewer, 3 units\n")


def test_an_option_given_before_its_command_says_where_it_goes(run):
    result = run("--out", "x", "themes")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: No such option '--out'. --out goes after a command that takes it "
        "(`synth run`, `synth themes`, `synth personas`, `synth icp`, `synth report`, "
        "`synth score`, `synth codebook apply`), e.g. `synth run --out ...`.\n")


def test_an_option_given_to_a_command_that_lacks_it_says_which_take_it(run):
    result = run("status", "--k", "3")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Error: No such option '--k'. --k goes after a command that takes it (`synth run`, "
        "`synth personas`), e.g. `synth run --k ...`.\n")


def test_an_unknown_option_keeps_clicks_message(run):
    result = run("status", "--colour")
    assert result.exit_code == 2
    assert result.output.endswith("Error: No such option '--colour'.\n")


def test_ingest_of_a_missing_path_leaves_no_workspace(run, tmp_path):
    result = run("ingest", "nowhere", "--workspace", "new/deeper/ws")
    assert result.exit_code == 2
    assert "Error: nowhere: no such file or folder. Check the path\n" in result.output
    assert result.output.endswith(
        "Error: nothing usable was ingested. Give synth transcripts (.txt, .md, .vtt, .srt, "
        ".docx) or survey exports (.csv, .tsv, .xlsx)\n")
    assert not (tmp_path / "new").exists()


def test_ingest_of_a_folder_without_research_leaves_no_workspace(run, write, tmp_path):
    write("photo.png", b"\x89PNG\r\n\x1a\n")
    result = run("--workspace", "ws", "ingest", "in")
    assert result.exit_code == 2
    assert not (tmp_path / "ws").exists()


def test_a_failed_ingest_keeps_a_workspace_that_was_there(run, write, tmp_path):
    assert run("--workspace", "ws", "ingest", str(write("sam.txt", INTERVIEW))).exit_code == 0
    assert run("--workspace", "ws", "ingest", "nowhere").exit_code == 2
    status = run("--workspace", "ws", "status")
    assert status.output.endswith("1 source, 1 participant, 1 interviewer, 3 units\n")


def test_counts_are_said_in_the_right_number():
    assert [count(n, "person") for n in (0, 1, 2)] == ["0 people", "1 person", "2 people"]
    assert count(1, "persona") == "1 persona"
    assert count(2, "theme") == "2 themes"
    assert count(1, "theme") == "1 theme"
    assert count(3, "copy") == "3 copies"
    assert count(2, "new statement") == "2 new statements"
    assert count(1, "respondent", "respondents with an answer") == "1 respondent"
    assert plural("day") == "days" and plural("box") == "boxes"


def test_ingest_counts_one_file_in_the_singular(synth, write):
    result = synth("ingest", str(write("sam.txt", INTERVIEW)))
    assert result.output.endswith("\n1 file: 1 ingested\n")


def test_long_survey_questions_are_shortened_at_a_word():
    question = ("What is your role in the engineering organisation you currently work for, "
                "and how long have you held it?")
    assert shortened(question) == "What is your role in the engineering…"
    assert len(shortened(question)) <= 48
    assert shortened("Company size") == "Company size"


def test_a_survey_with_many_columns_is_typed_one_line_a_column(synth, write):
    questions = [f"Question {i}: what do you think about part {i} of the product we make for "
                 "you and your team?" for i in range(1, 41)]
    rows = [",".join(["Response ID", *questions])]
    rows += [",".join([f"R{r}", *(f"answer {r} to {i} with some words" for i in range(40))])
             for r in range(12)]
    result = synth("ingest", str(write("wide.csv", "\n".join(rows) + "\n")))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 100
    assert "in/wide.csv: 41 columns" in lines or "wide.csv: 41 columns" in lines
    typed = [line for line in lines if line[:3].strip().isdigit()]
    assert len(typed) == 41
    assert typed[0].split() == ["1", "Response", "ID", "id"]


def test_column_table_names_each_use():
    text = column_table("s.csv", {"Response ID": "id", "Email": "identifier",
                                  "Submitted at": "skipped: timestamps", "Why?": "text"})
    assert text.splitlines() == [
        "s.csv: 4 columns",
        "#  column        read as",
        "-  ------------  ------------------------",
        "1  Response ID   id",
        "2  Email         identifier (never shown)",
        "3  Submitted at  skipped (timestamps)",
        "4  Why?          text",
        "Change with --text-columns, --attribute-columns, --id-column (full column names, "
        "comma-separated)"]
