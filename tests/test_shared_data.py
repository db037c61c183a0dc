"""Ingest the real public data in ../shared/data and check what a researcher would."""

import csv
import json

import pytest

from synth.ingest import IngestOptions, ingest
from synth.workspace import Workspace
from tests.conftest import INTERVIEWS, JUPYTER_SURVEY, needs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def interviews(tmp_path_factory):
    with Workspace.open(tmp_path_factory.mktemp("ws")) as workspace:
        report = ingest(workspace, [INTERVIEWS], IngestOptions())
        yield workspace, report


@needs(INTERVIEWS)
def test_six_narrators_each_one_person_across_rounds(interviews):
    workspace, _ = interviews
    rows = workspace.query("SELECT p.name, COUNT(DISTINCT t.source_id) AS files FROM participants p"
                           " JOIN turns t ON t.participant_id = p.id"
                           " WHERE p.kind = 'participant' GROUP BY p.id ORDER BY p.name")
    assert [(r["name"], r["files"]) for r in rows] == [
        ("Donald", 1), ("Ernest", 3), ("Jackie", 3), ("Naomi", 3), ("Nick", 3), ("Terri", 3)]


@needs(INTERVIEWS)
def test_mel_and_mirabai_are_interviewers_and_no_one_comes_from_protocol_or_readme(interviews):
    workspace, report = interviews
    interviewers = {r["name"] for r in workspace.query(
        "SELECT name FROM participants WHERE kind = 'interviewer'")}
    assert {"Mel", "Mirabai"} <= interviewers
    assert "Interviewer" not in interviewers
    skipped = {f.path.rsplit("/", 1)[-1]: f.status for f in report.files}
    assert skipped["interview-protocol.md"] == skipped["SOURCE-README.md"] == "skipped"
    assert not report.failed


@needs(INTERVIEWS)
def test_statements_come_only_from_narrators_with_lines_and_questions(interviews):
    workspace, _ = interviews
    speakers = {r["participant_id"] for r in workspace.query("SELECT DISTINCT participant_id FROM units")}
    assert speakers == {"donald", "ernest", "jackie", "naomi", "nick", "terri"}
    first = workspace.query(
        "SELECT u.text, u.location, u.question FROM units u JOIN sources s ON s.id = u.source_id"
        " WHERE s.display LIKE '%donald-1-full.md' AND u.text LIKE 'So currently%'")[0]
    assert first["location"] == "line 21"
    assert first["question"].startswith("Can you describe your involvement in PyPI?")
    # quoted excerpts of other narrators inside a later round are not attributed to anyone
    # (Jackie's words, quoted to Ernest in round 2, count once: in Jackie's own interview)
    quoted = workspace.query("SELECT participant_id AS who FROM units WHERE text LIKE "
                             "'%I''ve never went and looked at the signals%'")
    assert [row["who"] for row in quoted] == ["jackie"]
    # backchannel is not a statement
    assert workspace.query("SELECT COUNT(*) AS n FROM units WHERE text IN "
                           "('Yeah.', 'Okay.', 'Mm-hm.', 'Yep.')")[0]["n"] == 0


@needs(JUPYTER_SURVEY)
def test_jupyter_survey_respondents_and_columns(tmp_path):
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [JUPYTER_SURVEY], IngestOptions())
        respondents = workspace.query(
            "SELECT COUNT(*) AS n FROM participants WHERE kind = 'respondent'")[0]["n"]
        columns = workspace.query("SELECT columns FROM sources")[0]["columns"]
        unit = workspace.query("SELECT location, question FROM units ORDER BY seq LIMIT 1")[0]
    assert respondents == 1706
    uses = json.loads(columns)
    header = [" ".join(h.replace("\xa0", " ").split())
              for h in next(csv.reader(JUPYTER_SURVEY.open(encoding="utf-8")))]

    def use(start):
        return next(uses[h] for h in header if h.startswith(start))

    assert use("How often do you use Jupyter Notebook?") == "attribute"
    assert use("Roughly how long have you been using Jup") == "attribute"
    assert use("What is your primary role when using Jup") == "attribute"
    assert use("How many people typically see and/or in") == "attribute"
    assert use("Time Started") == "skipped: survey metadata"
    free_text = [h for h in header if h.split(":")[0].split(" #")[0] in {
        "What, if anything, hinders you from making Jupyter Notebook an even more regular part of your workflow?",
        "Tool / Application", "Workflow Need", "Aspect", "Feature / Change", "Enhancement"}]
    assert len(free_text) == 22  # 1 + 3 tools + 6 needs + 6 aspects + 3 features + 3 enhancements
    assert all(uses[h] == "text" for h in free_text)
    assert unit["location"].startswith("row 3, column What, if anything, hinders you")
