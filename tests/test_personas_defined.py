"""Segments the researcher defines: `--by COLUMN` (with `--map`), `--define personas.yaml`,
a people file and `synth participants tag`, with fakes (fast).

The handmade study of test_personas.py: 30 respondents in three planted groups (Role), one
who wrote nothing, and one interviewee, Sam Carter.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from synth.attributes import given_attributes, is_people_file, tag
from synth.cli import main
from synth.errors import SynthError
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_personas, run_themes
from synth.workspace import Workspace
from tests.conftest import FAKES, fake_splitter
from tests.test_personas import GROUPS, PER_GROUP, write_inputs


@pytest.fixture(scope="module")
def defined(tmp_path_factory):
    folder = tmp_path_factory.mktemp("defined")
    inputs = write_inputs(folder / "in")
    with Workspace.open(folder / "ws") as workspace, pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        ingest(workspace, [inputs], IngestOptions(), splitter=fake_splitter)
        run_themes(workspace, Settings(out=folder / "themes"), *FAKES)
        yield folder, workspace


def personas(workspace: Workspace, out: Path, **settings) -> list[dict]:
    run_personas(workspace, Settings(out=out, **settings), FAKES[0])
    return json.loads((out / "personas.json").read_text("utf-8"))["personas"]


def test_by_a_survey_column_gives_one_card_per_answer_with_its_members(defined):
    folder, workspace = defined
    cards = personas(workspace, folder / "by-role", by="role")
    assert sorted(c["name"] for c in cards) == sorted(GROUPS)
    sizes = {c["name"]: c["size"] for c in cards}
    assert sizes["Platform engineer"] == PER_GROUP
    assert sizes["Frontend developer"] == PER_GROUP + 1       # the silent respondent too
    for card in cards:
        assert card["validity"]["decision"] == "defined"
        distinct = card["validity"]["distinct"]
        # the planted groups share no content word: each is distinct at the permutation floor
        assert distinct["silhouette"] > 0.2 and distinct["p"] == pytest.approx(1 / 200)
    with (folder / "by-role" / "participants.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sam = [r for r in rows if r["kind"] == "participant"]
    assert sam and sam[0]["persona_id"] == "" and "no answer to 'Role'" in sam[0]["assigned_by"]
    index = (folder / "by-role" / "personas" / "index.md").read_text("utf-8")
    assert "personas you defined (--by 'Role')" in index
    assert "p 0.005" in index


def test_a_mapping_groups_free_text_answers(defined, tmp_path):
    _folder, workspace = defined
    mapping = tmp_path / "roles.yaml"
    mapping.write_text("Builders: [platform, frontend]\n", encoding="utf-8")
    cards = personas(workspace, tmp_path / "out", by="Role", by_map=mapping)
    assert [(c["name"], c["size"]) for c in cards] == [("Builders", 2 * PER_GROUP + 1)]
    rows = list(csv.DictReader((tmp_path / "out" / "participants.csv").open(encoding="utf-8")))
    left = [r for r in rows if r["Role"] == "Open-source maintainer"]
    assert left and all("matches no segment of roles.yaml" in r["assigned_by"] for r in left)


def test_a_definition_file_makes_named_personas_from_members_and_rules(defined, tmp_path):
    _folder, workspace = defined
    path = tmp_path / "personas.yaml"
    path.write_text(
        "personas:\n"
        "  - name: Interviewee alone\n    members: [Sam Carter]\n"
        "  - name: Sam's friends\n    members: []\n    where: {company size: '11-50'}\n"
        "  - name: Big companies\n    where: {company size: '1000+'}\n"
        "  - name: Small shops\n    where: {company size: [1-10, 51-200]}\n"
        "  - name: Nobody\n    where: {company size: '11-50'}\n",
        encoding="utf-8")
    cards = personas(workspace, tmp_path / "out", define=path)
    saved = json.loads((tmp_path / "out" / "personas.json").read_text("utf-8"))
    # names in the validity figures pass the same redaction as the cards
    assert saved["validity"]["defined"]["names"][-1] == "Interviewee alone"
    assert "Sam" not in json.dumps(saved)
    index = (tmp_path / "out" / "personas" / "index.md").read_text("utf-8")
    assert "Note: 'Nobody' matches nobody, so it has no card." in index
    assert "Note: '\\[P01\\]'s friends' matches nobody" in index  # Markdown-escaped
    alone = next(c for c in cards if c["name"] == "Interviewee alone")
    assert alone["validity"]["distinct"] is None       # one member: nothing to measure
    assert {c["name"]: c["size"] for c in cards} == {
        "Small shops": 2 * PER_GROUP + 1, "Big companies": PER_GROUP, "Interviewee alone": 1}
    # every card has the same evidence as a data-driven one
    assert all(len(c["sections"]) == 8 and "motivation" in c for c in cards)


@pytest.mark.parametrize("text, message", [
    ("personas:\n  - members: [Sam Carter]\n", "persona 1: every persona needs a `name`"),
    ("personas:\n  - name: X\n    members: [Nobody]\n", "no participant is called 'Nobody'"),
    ("personas:\n  - name: X\n    where: {shoe size: 9}\n", "'shoe size' is not an attribute"),
    ("personas:\n  - name: X\n    colour: red\n", "unknown field(s) colour"),
    ("personas: [\n", "line 2: not valid YAML"),
])
def test_a_bad_definition_file_is_one_line_naming_the_file_and_place(defined, tmp_path, text,
                                                                     message):
    _, workspace = defined
    path = tmp_path / "personas.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SynthError, match=str(path).replace(".", r"\.")) as error:
        run_personas(workspace, Settings(out=tmp_path / "out", define=path), FAKES[0])
    assert message in str(error.value) and "\n" not in str(error.value)
    assert not (tmp_path / "out").exists()


def test_by_an_unknown_column_lists_the_columns(defined, tmp_path):
    _, workspace = defined
    with pytest.raises(SynthError, match=r"--by 'Shoe size' is not a column.*'Role'"):
        run_personas(workspace, Settings(out=tmp_path, by="Shoe size"), FAKES[0])


def test_a_people_file_is_detected_by_its_header_and_reaches_personas_and_csv(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    people = tmp_path / "people.csv"
    people.write_text("participant,role,industry\nSam Carter,maintainer,Fintech\n"
                      "P05,user,Media\nNobody Here,user,Media\n", encoding="utf-8")
    assert is_people_file(people) and not is_people_file(inputs / "survey.csv")
    with Workspace.open(tmp_path / "ws") as workspace:
        report = ingest(workspace, [people, inputs], IngestOptions(), splitter=fake_splitter)
        result = next(f for f in report.files if f.path.endswith("people.csv"))
        assert (result.format, result.status, result.participants) == ("people", "ingested", 2)
        assert any("'Nobody Here' matches no participant yet" in n for n in result.notes)
        given, unmatched = given_attributes(workspace)
        assert given["sam-carter"] == {"role": "maintainer", "industry": "Fintech"}
        assert unmatched == ["nobody here"]
        again = ingest(workspace, [people], IngestOptions(), splitter=fake_splitter)
        assert again.files[0].status == "unchanged"
        run_themes(workspace, Settings(out=tmp_path / "out"), *FAKES)
        cards = personas(workspace, tmp_path / "out", by="role")
        from synth.stages import icp_report
        report, _ = icp_report(workspace, Settings(), FAKES[0])
    assert sorted((c["name"], c["size"]) for c in cards) == [("maintainer", 1), ("user", 1)]
    # the people file's columns reach the ICP, which says where they came from
    assert report["columns"]["industry"] == "industry"
    assert report["findings"] is None or all(
        a["source"] == "attribute you gave (people file or tag)"
        for a in report["findings"]["top"] if a["column"] == "industry")
    rows = {r["participant_id"]: r for r in csv.DictReader(
        (tmp_path / "out" / "participants.csv").open(encoding="utf-8"))}
    assert any(r["industry"] == "Fintech" and r["kind"] == "participant"
               for r in rows.values())


def test_a_people_file_row_without_a_participant_names_the_row(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("participant,role\nAda,maintainer\n,user\n", encoding="utf-8")
    with Workspace.open(tmp_path / "ws") as workspace:
        report = ingest(workspace, [people], IngestOptions(), splitter=fake_splitter)
    assert report.files[0].status == "failed"
    assert "people.csv, row 3: row 3 names no participant" in report.files[0].detail


def test_tags_are_kept_across_runs_and_give_a_card_per_tag(defined, tmp_path):
    _folder, workspace = defined
    tag(workspace, ["P02", "P03", "Sam Carter"], "maintainer")
    tag(workspace, ["P04", "P05"], "group=user")
    given, _ = given_attributes(workspace)
    assert sum(found.get("group") == "maintainer" for found in given.values()) == 3
    cards = personas(workspace, tmp_path / "out", by="group")
    assert sorted((c["name"], c["size"]) for c in cards) == [("maintainer", 3), ("user", 2)]
    # data-driven segmentation never clusters on the researcher's own labels
    from synth.personas.profile import choice_columns
    from synth.stages import embedder_for
    from synth.study import load_study
    study = load_study(workspace, FAKES[0])
    assert "group" not in choice_columns(study) and embedder_for
    with pytest.raises(SynthError, match="no participant is called 'Zed'"):
        tag(workspace, ["Zed"], "maintainer")
    with workspace.transaction() as db:
        db.execute("DELETE FROM people_attributes")


def test_participants_tag_cli(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [inputs], IngestOptions(), splitter=fake_splitter)
    runner = CliRunner()
    base = ["--workspace", str(tmp_path / "ws"), "participants"]
    done = runner.invoke(main, [*base, "tag", "Sam Carter", "role=maintainer"])
    assert done.exit_code == 0, done.output
    assert "role = maintainer for 1 participant. " in done.output
    listed = runner.invoke(main, [*base, "--format", "csv"])
    header, *rows = list(csv.reader(listed.output.splitlines()))
    assert header[-1] == "role" and any(r[-1] == "maintainer" for r in rows)
    bad = runner.invoke(main, [*base, "tag", "Zed", "maintainer"])
    assert bad.exit_code == 2 and "no participant is called 'Zed'" in bad.output
    assert runner.invoke(main, [*base, "untag", "Sam Carter"]).exit_code == 0


# -- names, motivations that fit the people ---------------------------------------------------

def test_two_personas_never_share_a_name():
    from synth.personas import distinct_names

    def card(rank: int, name: str, topic: str) -> dict:
        return {"id": f"persona-{rank}", "name": name, "sections": [
            {"distinctive": True, "themes": [{"label": topic}]}]}

    cards = [card(1, "Researcher", "Data"), card(2, "Researcher", "Teaching"),
             card(3, "Student", "Homework"), card(4, "Researcher", "Data")]
    distinct_names(cards)
    names = [c["name"] for c in cards]
    assert names == ["Researcher: Data (persona-1)", "Researcher: Teaching", "Student",
                     "Researcher: Data (persona-4)"]
    assert len(set(names)) == len(names)


def _study(entities_by_person: dict[str, list[tuple[str, str]]], roles: dict[str, str]):
    import numpy as np

    from synth.study import Person, Study, Unit
    units = [Unit(f"u{i}", pid, "text", "s.md", f"line {i}", "job", "", "",
                  tuple(found), 0.0) for i, (pid, found) in
             enumerate(entities_by_person.items())]
    people = [Person(pid, pid, "participant", {"Role": roles.get(pid, "")} if roles else {})
              for pid in entities_by_person]
    return Study(units, np.zeros((len(units), 4)), {}, people, [])


def test_the_developer_framework_applies_to_developers_only():
    from synth.personas.audience import decide
    coders = _study({f"p{i}": [("Python", "language")] if i < 3 else [] for i in range(10)}, {})
    assert decide(coders).applies                           # 3 of 10 name a language
    artists = _study({f"p{i}": [("Photoshop", "tool")] for i in range(10)},
                     {f"p{i}": "Illustrator" for i in range(10)})
    decision = decide(artists)
    assert not decision.applies
    assert decision.why.startswith("the developer-motivation framework does not apply: "
                                   "only 0 of the 10 people")
    assert "0 of 10 role answers are developer roles" in decision.why
    assert decide(artists, "developers").applies and not decide(coders, "other").applies
    assert decide(artists, motivations_file=Path("mine.json")).applies


def test_cards_say_when_the_framework_does_not_apply_or_use_the_researcher_s(defined, tmp_path):
    _folder, workspace = defined
    cards = personas(workspace, tmp_path / "other", by="Role", audience="other")
    for card in cards:
        motivation = card["motivation"]
        assert motivation["framework"]["applies"] is False
        assert motivation["dominant"] is None and not motivation["incentives"]
        assert "--audience other" in motivation["why_unclear"]
    text = (tmp_path / "other" / "personas" / "persona-1.md").read_text("utf-8")
    assert "No clear motivation in this data: you said the people are not developers" in text
    example = Path(__file__).parents[1] / "docs" / "motivations-creative-professionals.json"
    cards = personas(workspace, tmp_path / "mine", by="Role", motivations=example)
    assert all(c["motivation"]["framework"]["applies"] for c in cards)
    titles = {m["title"] for c in cards for m in c["motivation"]["profile"]}
    assert titles == {"Mastery of the craft", "Making a living", "Recognition and audience",
                      "Creative freedom"}


def test_forgetting_a_participant_forgets_the_attributes_given_them(tmp_path):
    from synth.ingest.forget import forget
    inputs = write_inputs(tmp_path / "in")
    people = tmp_path / "people.csv"
    people.write_text("participant,role\nSam Carter,maintainer\n", encoding="utf-8")
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [inputs, people], IngestOptions(), splitter=fake_splitter)
        tag(workspace, ["Sam Carter"], "lead")
        assert len(workspace.query("SELECT * FROM people_attributes")) == 2
        forget(workspace, "sam-carter")
        assert workspace.query("SELECT * FROM people_attributes") == []


def test_compare_counts_people_tests_the_difference_and_says_when_too_small():
    from synth.personas.compare import compare, holm, too_small
    inside = {f"a{i}" for i in range(20)}
    outside = {f"b{i}" for i in range(40)}
    voices = {"t1": {f"a{i}" for i in range(15)} | {"b1", "b2"},     # 75% vs 5%
              "t2": {"a1", "b1", "b2"}}                              # 5% vs 5%
    found = compare(voices, inside, outside)
    t1, t2 = found["t1"], found["t2"]
    assert (t1["people"], t1["share"], t1["rest_share"]) == (15, 0.75, 0.05)
    assert t1["low"] < t1["difference"] == 0.7 < t1["high"]
    assert t1["significant"] and not t2["significant"]
    assert t1["p_adjusted"] == pytest.approx(min(1.0, 2 * t1["p"]), rel=0.01)  # Holm, 2 themes
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    small = compare(voices, {"a1", "a2"}, outside)
    assert all(s["test"] is None and not s["significant"] for s in small.values())
    assert too_small(2, 40).startswith("too small to compare: 2 members said anything")
    assert compare(voices, inside, set()) == {}       # a study-wide persona: no one to compare


def test_free_text_by_keeps_shared_answers_and_writes_a_mapping_to_edit(tmp_path):
    inputs = write_inputs(tmp_path / "in")
    people = tmp_path / "people.csv"
    rows = [f"P{n:02d},Core Dev" for n in range(2, 8)]
    rows += [f"P{n:02d},unique answer {n}" for n in range(8, 22)]
    people.write_text("participant,title\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [inputs, people], IngestOptions(), splitter=fake_splitter)
        run_themes(workspace, Settings(out=tmp_path / "out"), *FAKES)
        cards = personas(workspace, tmp_path / "out", by="title")
        assert [(c["name"], c["size"]) for c in cards] == [("Core Dev", 6)]
        draft = tmp_path / "out" / "personas" / "segments-map.yaml"
        assert draft.read_text("utf-8").splitlines()[-2:] == ["Core Dev: [core dev]",
                                                               "Other: []"]
        mine = tmp_path / "titles.yaml"
        mine.write_text(draft.read_text("utf-8"), encoding="utf-8")
        cards = personas(workspace, tmp_path / "out", by="title", by_map=mine)
    assert sorted((c["name"], c["size"]) for c in cards) == [("Core Dev", 6), ("Other", 14)]
