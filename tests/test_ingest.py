import pytest

import synth.ingest.store
from synth.errors import InputError
from synth.ingest import IngestOptions, ingest
from tests.conftest import fake_splitter

INTERVIEW = """Consent recorded on 2026-03-02.

Priya: What does your team build?

Sam: We run the payments platform on Kubernetes, about two hundred people in fintech.

Priya: What slows you down?

Sam: Yeah. Flaky pipelines slow us down every single week, and nobody owns them.

Priya: Where do you hang out online?

Sam: The CNCF Slack and Hacker News, mostly in the evenings after work.
"""

SECOND = INTERVIEW.replace("Sam", "Lee").replace("payments", "search")


def run(workspace, *paths, **options):
    return ingest(workspace, list(paths), IngestOptions(**options), splitter=fake_splitter)


def count(workspace, table):
    return workspace.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]


def test_units_are_attributed_with_location_and_question(workspace, write):
    report = run(workspace, write("sam.txt", INTERVIEW))
    assert [(f.status, f.participants, f.turns, f.units) for f in report.files] == [
        ("ingested", 1, 6, 3)]
    units = workspace.query("SELECT participant_id, text, location, question FROM units"
                            " ORDER BY seq")
    assert [tuple(u) for u in units] == [
        ("sam", "We run the payments platform on Kubernetes, about two hundred people in "
                "fintech.", "line 5", "What does your team build?"),
        ("sam", "Flaky pipelines slow us down every single week, and nobody owns them.",
         "line 9", "What slows you down?"),
        ("sam", "The CNCF Slack and Hacker News, mostly in the evenings after work.", "line 13",
         "Where do you hang out online?")]
    kinds = {tuple(r) for r in workspace.query("SELECT id, name, kind FROM participants")}
    assert kinds == {("sam", "Sam", "participant"), ("priya", "Priya", "interviewer")}


def test_an_unchanged_file_is_skipped_and_a_changed_one_replaced(workspace, write):
    path = write("sam.txt", INTERVIEW)
    run(workspace, path)
    ids = [r["id"] for r in workspace.query("SELECT id FROM units ORDER BY id")]
    assert run(workspace, path).files[0].status == "unchanged"
    assert [r["id"] for r in workspace.query("SELECT id FROM units ORDER BY id")] == ids
    path.write_text(INTERVIEW.replace("Hacker News", "Lobsters"))
    assert run(workspace, path).files[0].status == "replaced"
    assert count(workspace, "sources") == 1 and count(workspace, "units") == 3
    assert workspace.query("SELECT COUNT(*) AS n FROM units WHERE text LIKE '%Lobsters%'")[0]["n"] == 1


def test_the_same_content_twice_is_ingested_once(workspace, write):
    report = run(workspace, write("a.txt", INTERVIEW), write("copy/a.txt", INTERVIEW))
    assert [f.status for f in report.files] == ["ingested", "skipped"]
    assert report.files[1].detail.startswith("same content as ")


def test_bad_files_fail_alone_and_folders_skip_what_is_not_research(workspace, write, tmp_path):
    good = write("sam.txt", INTERVIEW)
    write("README.md", "# About this study\n\nSome notes.\n")
    broken = write("broken.csv", 'id,comment\n1,"unclosed\n')
    report = run(workspace, good.parent, tmp_path / "missing.txt")
    status = {f.path.rsplit("/", 1)[-1]: f.status for f in report.files}
    assert status == {"README.md": "skipped", "broken.csv": "failed", "sam.txt": "ingested",
                      "missing.txt": "failed"}
    assert count(workspace, "sources") == 1
    assert str(broken.name) in report.failed[0].detail


def test_strict_stops_before_writing_anything(workspace, write):
    write("sam.txt", INTERVIEW)
    bad = write("zz.csv", "id,comment\n1,a,b,c\n")
    with pytest.raises(InputError, match="row 2"):
        run(workspace, bad.parent, strict=True)
    assert count(workspace, "sources") == 0


def test_a_failure_while_writing_leaves_no_half_file(workspace, write, monkeypatch):
    def broken_units(*args, **kwargs):
        raise RuntimeError("disk full")

    run(workspace, write("sam.txt", INTERVIEW))
    monkeypatch.setattr(synth.ingest.store, "insert_units", broken_units)
    with pytest.raises(RuntimeError):
        run(workspace, write("lee.txt", SECOND))
    assert [r["display"].rsplit("/", 1)[-1] for r in workspace.query("SELECT display FROM sources")] == ["sam.txt"]
    assert count(workspace, "turns") == 6


def test_the_interviewer_setting_is_remembered_and_roles_are_rewritten(workspace, write):
    run(workspace, write("sam.txt", INTERVIEW))
    run(workspace, write("lee.txt", SECOND), interviewers=["Sam"])
    kinds = dict(tuple(r) for r in workspace.query("SELECT id, kind FROM participants"))
    assert kinds["sam"] == "interviewer"
    # sam.txt now has no participant statements from Sam; Priya was rewritten as the speaker
    assert workspace.query("SELECT COUNT(*) AS n FROM units WHERE participant_id = 'sam'")[0]["n"] == 0
    run(workspace, write("other.txt", INTERVIEW.replace("Sam", "Kim")))
    assert dict(tuple(r) for r in workspace.query("SELECT id, kind FROM participants"))["sam"] == "interviewer"


def test_survey_respondents_and_attributes(workspace, write):
    rows = "".join(f"R{i},{['CTO', 'SRE'][i % 2]},Builds take {i} minutes too long\n"
                   for i in range(1, 13))
    run(workspace, write("beacon.csv", "Response ID,What is your role?,What slows you down?\n"
                         + rows))
    respondents = workspace.query("SELECT id, name, kind, attributes FROM participants ORDER BY id")
    assert len(respondents) == 12
    assert tuple(respondents[0]) == ("beacon:R1", "R1", "respondent",
                                     '{"What is your role?": "SRE"}')
    unit = workspace.query("SELECT location, question FROM units ORDER BY seq LIMIT 1")[0]
    assert tuple(unit) == ("row 2, column What slows you down?", "What slows you down?")
