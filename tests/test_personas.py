"""Personas: segmentation, cards, outputs, privacy and templates, with fakes (fast).

One handmade study serves most tests: a survey of 30 respondents in three planted groups
(platform engineers, frontend developers, open-source maintainers) that differ in role,
company size and the words of every free-text answer, one more respondent who answered the
choice questions but wrote nothing, and one interview in which Sam Carter gives his name,
his email address and his phone number, and names the interviewer.
"""

from __future__ import annotations

import csv
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from synth.analyse.framework import load_framework
from synth.cli import main
from synth.errors import SynthError
from synth.ingest import IngestOptions, ingest
from synth.personas.segment import max_personas, min_personas
from synth.privacy import pseudonyms
from synth.stages import PersonasRun, Settings, run_personas, run_themes
from synth.study import study_privacy
from synth.workspace import Workspace
from tests.conftest import FAKES, fake_describer, fake_splitter

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("SYNTH_UPDATE_GOLDEN") == "1"

QUESTIONS = ("What slows you down?", "Which tools do you use?",
             "Where do you hang out online?", "What drives you?")

# Role -> (company size, per question: (openings, endings)). Respondent j of a group answers
# openings[j % 3] + endings[j % 5], so no two answers in a column are the same (a survey
# column of repeated answers is a choice question, not free text). The three groups share
# no content word, so their profiles are far apart.
GROUPS: dict[str, tuple[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]] = {
    "Platform engineer": ("51-200", (
        (("Flaky pipelines and slow terraform plans block every deploy.",
          "Terraform drift and flaky pipelines eat whole afternoons.",
          "Slow terraform applies and pipelines that fail at random."),
         ("Rollbacks are manual.", "Kubernetes upgrades hurt.", "Helm releases stall.",
          "Cluster quotas run out.", "Deploy queues grow.")),
        (("Terraform modules, kubernetes clusters and helm charts.",
          "Kubernetes operators with helm and terraform state files.",
          "Helm charts on kubernetes, provisioned through terraform."),
         ("Grafana dashboards too.", "Plus pagerduty rotations.", "Argo rollouts lately.",
          "Prometheus alerts everywhere.", "Vault secrets as well.")),
        (("The kubernetes slack channels and hacker news threads.",
          "Hacker news threads and the kubernetes slack.",
          "Kubernetes slack, plus hacker news on quiet evenings."),
         ("Kubecon hallway tracks.", "Devops subreddit sometimes.", "Cncf webinars.",
          "Sre weekly newsletter.", "Platform engineering meetups.")),
        (("I rely on the pipelines daily, so I want roadmap influence and beta access.",
          "Roadmap influence and early beta access for pipelines I depend on daily.",
          "Honestly I would happily pay for it if the pipelines stayed green."),
         ("Uptime matters.", "Reliable deploys matter.", "Green dashboards matter.",
          "Fewer pages matter.", "Stable clusters matter.")),
    )),
    "Frontend developer": ("1-10", (
        (("Confusing documentation and preview links that break for designers.",
          "Preview links break and the documentation confuses designers.",
          "Designers cannot open preview links; the documentation is confusing."),
         ("Environment variables vanish.", "Clients wait for screenshots.",
          "Tailwind classes clash.", "Vercel previews expire.", "Netlify forms fail.")),
        (("React components, figma mockups and storybook stories.",
          "Storybook stories for react components, figma for mockups.",
          "Figma mockups turned into react components inside storybook."),
         ("Vscode with prettier.", "Playwright snapshots.", "Nextjs routing.",
          "Tailwind utilities.", "Vite bundling.")),
        (("Discord servers and youtube tutorials about react.",
          "Youtube tutorials, then discord servers for questions.",
          "The reactiflux discord servers and youtube tutorials."),
         ("Twitter threads.", "Devto articles.", "Codepen challenges.",
          "Local javascript meetups.", "Frontend podcasts.")),
        (("Career growth: a portfolio of shiny projects and paid freelance gigs.",
          "Freelance gigs and a portfolio that gets noticed help my career.",
          "Getting hired for better freelance clients through my portfolio."),
         ("Visibility counts.", "Salary counts.", "Senior titles count.",
          "Referrals count.", "Testimonials count.")),
    )),
    "Open-source maintainer": ("1000+", (
        (("Burnout from issue triage and unpaid volunteer maintenance.",
          "Unpaid maintenance and endless issue triage cause burnout.",
          "Volunteer burnout while triaging issues without funding."),
         ("Sponsorships dry up.", "Windows runners crash.", "Reviewers disappear.",
          "Security advisories pile up.", "Downstream distros complain.")),
        (("Rust crates, neovim editor and github discussions.",
          "Neovim for rust crates, github discussions for users.",
          "Github discussions, rust crates and a neovim setup."),
         ("Zulip chats.", "Matrix rooms.", "Cargo workspaces.", "Clippy lints.",
          "Mdbook manuals.")),
        (("Mastodon toots and lobsters comments.",
          "Lobsters comments and mastodon toots.",
          "Mostly mastodon toots, sometimes lobsters comments."),
         ("Rustconf corridors.", "Fosdem devrooms.", "Zulip streams.",
          "Irc channels still.", "Rust subreddit too.")),
        (("Open source belonging: contributors, community and credit for everyone.",
          "Giving back to the community and credit for contributors.",
          "Contributors who give back keep the community alive."),
         ("Newcomers stay.", "Mentoring newcomers.", "First patches merged.",
          "Kind reviews.", "Shared ownership.")),
    )),
}
PER_GROUP = 10
SILENT = "R31"      # answered role and company size, wrote nothing

INTERVIEW = """\
Priya: What slows you down?

Sam Carter: I'm Sam Carter, and flaky pipelines with slow terraform plans block every deploy. Priya, email me at sam.carter@example.com about the terraform drift.

Priya: Which tools do you use?

Sam Carter: Terraform modules, helm charts and kubernetes clusters, Sam runs them all. Call me on +44 20 7946 0958 and ask for Sam about the helm charts.
"""
# Everything in the study that identifies a person; none of it may reach an output.
NAMES = re.compile(r"\b(sam|carter|priya)\b", re.IGNORECASE)
CONTACT = ("sam.carter@example.com", "+44 20 7946 0958", "7946")

SECTIONS = ["job", "motivation", "frustration", "skills", "tools", "workflow", "collaboration",
            "presence"]
NO_EVIDENCE = "No evidence in this data."


def survey_rows() -> list[list[str]]:
    rows = [["Response ID", "Role", "Company size", *QUESTIONS]]
    number = 0
    for role, (size, answers) in GROUPS.items():
        for j in range(PER_GROUP):
            number += 1
            rows.append([f"R{number:02d}", role, size,
                         *(f"{openings[j % 3]} {endings[j % 5]}"
                           for openings, endings in answers)])
    rows.append([SILENT, "Frontend developer", "1-10", "", "", "", ""])
    return rows


def write_inputs(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "survey.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(survey_rows())
    (folder / "interview-07.txt").write_text(INTERVIEW, encoding="utf-8")
    return folder


def planted_role(participant_id: str) -> str:
    """The planted group of a participant: the survey role, Sam is a platform engineer."""
    if participant_id == "sam-carter":
        return "Platform engineer"
    number = int(participant_id.rsplit(":R", 1)[1])
    return list(GROUPS)[(number - 1) // PER_GROUP] if number <= 3 * PER_GROUP \
        else "Frontend developer"


def themes_and_personas(workspace: Workspace, out: Path, **settings) -> PersonasRun:
    run_themes(workspace, Settings(out=out, **settings), *FAKES)
    return run_personas(workspace, Settings(out=out, **settings), FAKES[0])


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """The handmade study, ingested once (with the fake splitter, as `fake_nlp` does), and
    `outputs(**settings)`: its themes and personas written once per settings."""
    folder = tmp_path_factory.mktemp("study")
    inputs = write_inputs(folder / "in")
    runs: dict[tuple, tuple[Path, PersonasRun]] = {}
    with Workspace.open(folder / "ws") as workspace, pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        ingest(workspace, [inputs], IngestOptions(), splitter=fake_splitter)
        patch.undo()
        run_themes(workspace, Settings(out=folder / "themes"), *FAKES)   # for run_personas

        def outputs(**settings):
            key = tuple(sorted(settings.items()))
            if key not in runs:
                out = folder / f"out-{len(runs)}"
                runs[key] = (out, themes_and_personas(workspace, out, **settings))
            return runs[key]

        yield workspace, outputs


def cards(out: Path) -> list[dict]:
    return json.loads((out / "personas.json").read_text("utf-8"))["personas"]


def participants(out: Path) -> list[dict]:
    with (out / "participants.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def quotes_in(value) -> list[dict]:
    """Every quote record anywhere in a card."""
    if isinstance(value, list):
        return [q for item in value for q in quotes_in(item)]
    if not isinstance(value, dict):
        return []
    if "unit_id" in value and "text" in value:
        return [value]
    return [q for item in value.values() for q in quotes_in(item)]


def output_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.is_file())


# -- segmentation ---------------------------------------------------------------------------

def test_k3_recovers_the_three_planted_groups_exactly(study):
    _, outputs = study
    out, run = outputs(personas=3)
    assert run.result.segmentation.k == 3
    assert run.result.segmentation.validity.decision == "forced"
    assert "**3 personas because `--k 3` forced it.**" in (
        out / "personas" / "index.md").read_text("utf-8")
    assert len(run.result.ids) == 3 * PER_GROUP + 2
    by_persona: dict[str, set[str]] = {}
    for pid, label in zip(run.result.ids, run.result.segmentation.labels.tolist()):
        assert label >= 0, f"{pid} unassigned"
        by_persona.setdefault(f"persona-{label + 1}", set()).add(planted_role(pid))
    assert sorted(by_persona) == ["persona-1", "persona-2", "persona-3"]
    assert all(len(roles) == 1 for roles in by_persona.values()), by_persona
    assert {role for roles in by_persona.values() for role in roles} == set(GROUPS)
    # the cards name each persona after its distinctive role and company size
    titles = {card["name"]: card["title"] for card in cards(out)}
    assert titles == {
        "Platform engineer": "Platform engineer at 51-200-person companies",
        "Frontend developer": "Frontend developer at 1-10-person companies",
        "Open-source maintainer": "Open-source maintainer at 1000+-person companies"}
    sizes = [card["size"] for card in cards(out)]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == 3 * PER_GROUP + 2


def test_automatic_k_stays_within_the_documented_bounds(study):
    _, outputs = study
    out, run = outputs()
    segmented = sum(1 for how in run.result.segmentation.how if how == "profile")
    assert segmented == 3 * PER_GROUP + 1          # everyone with text: 30 + Sam
    assert min_personas(segmented) <= run.result.segmentation.k <= max_personas(segmented)
    assert (min_personas(segmented), max_personas(segmented)) == (2, 5)
    assert len(cards(out)) == run.result.segmentation.k
    # the planted groups beat their answers shuffled across people, and hold on subsets
    validity = json.loads((out / "personas.json").read_text("utf-8"))["validity"]
    assert validity["decision"] == "segments" and validity["k"] == run.result.segmentation.k
    assert validity["null"]["passed"] and validity["stability"]["mean_ari"] >= 0.9
    index = (out / "personas" / "index.md").read_text("utf-8")
    assert "**These segments are not noise.**" in index
    assert sorted(p.name for p in (out / "personas").glob("persona-*.md")) == [
        f"persona-{i}.md" for i in range(1, run.result.segmentation.k + 1)]


def test_a_respondent_without_free_text_is_placed_by_attributes(study):
    workspace, outputs = study
    out, run = outputs(personas=3)
    silent = f"survey:{SILENT}"
    assert not workspace.query("SELECT 1 FROM units WHERE participant_id = ?", (silent,))
    how = dict(zip(run.result.ids, run.result.segmentation.how))
    assert how[silent] == "attributes"
    assert all(h == "profile" for pid, h in how.items() if pid != silent)
    rows = {row["participant_id"]: row for row in participants(out)}
    shown = pseudonyms(run.result.ids)[silent]
    assert rows[shown]["assigned_by"] == "attributes"
    assert rows[shown]["Role"] == "Frontend developer"
    # ...in the persona of the respondents who answered the same
    frontend = next(c["id"] for c in cards(out) if c["name"] == "Frontend developer")
    assert rows[shown]["persona_id"] == frontend


# -- cards -----------------------------------------------------------------------------------

def test_every_card_has_the_eight_sections_in_framework_order(study):
    _, outputs = study
    out, _ = outputs()
    assert [d.id for d in load_framework().dimensions] == SECTIONS
    titles = [d.title for d in load_framework().dimensions]
    for card in cards(out):
        assert [s["id"] for s in card["sections"]] == SECTIONS
        markdown = (out / "personas" / f"{card['id']}.md").read_text("utf-8")
        headings = re.findall(r"^## (\d)\. (.+)$", markdown, re.MULTILINE)
        assert headings == [(str(i), title) for i, title in enumerate(titles, start=1)]
        closing = re.findall(r"^## ([A-Z][^\d\n]+)$", markdown, re.MULTILINE)
        assert closing[-4:] == ["What moves them", "How to reach them", "What they don't need",
                                "Enthusiasm"]


def test_a_section_without_evidence_says_so(study):
    _, outputs = study
    out, _ = outputs(personas=3)
    empty_seen = 0
    for card in cards(out):
        markdown = (out / "personas" / f"{card['id']}.md").read_text("utf-8")
        for number, section in enumerate(card["sections"], start=1):
            body = markdown.split(f"## {number}. {section['title']}\n", 1)[1].split("\n## ", 1)[0]
            if not section["statements"] and not section["ranked"]:
                empty_seen += 1
                assert body.strip() == NO_EVIDENCE, (card["id"], section["id"])
            else:
                assert NO_EVIDENCE not in body, (card["id"], section["id"])
    # the survey asks nothing about skills, workflows or collaboration; with fake embeddings
    # placement does not follow meaning, so only some of those sections stay empty
    assert empty_seen >= 3


def test_every_quote_is_a_real_statement_at_its_real_place(study):
    workspace, outputs = study
    out, _ = outputs(personas=3)
    units = {row["id"]: row for row in workspace.query(
        "SELECT u.id, u.participant_id, u.text, u.location, s.display AS source"
        " FROM units u JOIN sources s ON s.id = u.source_id")}
    researched = [r["id"] for r in workspace.query(
        "SELECT id FROM participants WHERE kind IN ('participant', 'respondent')")]
    real_id = {shown: pid for pid, shown in pseudonyms(researched).items()}
    privacy = study_privacy(workspace)
    quotes = [q for card in cards(out) for q in quotes_in(card)]
    assert len(quotes) >= 3 * 4
    for quote in quotes:
        unit = units[quote["unit_id"]]
        assert real_id[quote["participant_id"]] == unit["participant_id"]
        assert quote["source"] == unit["source"]
        assert quote["location"] == unit["location"]
        assert quote["text"] == privacy.text(unit["text"])
    # and each card quotes its own members only
    rows = {row["participant_id"]: row["persona_id"] for row in participants(out)}
    for card in cards(out):
        assert {rows[q["participant_id"]] for q in quotes_in(card)} == {card["id"]}


def test_participants_csv_has_one_row_per_participant(study):
    workspace, outputs = study
    out, _ = outputs(personas=3)
    text = (out / "participants.csv").read_text("utf-8")
    assert text.splitlines()[0] == "participant_id,persona_id,assigned_by,kind,Company size,Role"
    rows = participants(out)
    researched = workspace.query("SELECT id, kind FROM participants"
                                 " WHERE kind IN ('participant', 'respondent')")
    assert len(rows) == len(researched) == 3 * PER_GROUP + 2
    shown = pseudonyms(r["id"] for r in researched)
    assert [row["participant_id"] for row in rows] == sorted(shown.values())
    kinds = {shown[r["id"]]: r["kind"] for r in researched}
    assert all(row["kind"] == kinds[row["participant_id"]] for row in rows)
    assert {row["persona_id"] for row in rows} == {"persona-1", "persona-2", "persona-3"}
    sam = next(row for row in rows if row["kind"] == "participant")
    assert (sam["Role"], sam["Company size"]) == ("", "")
    assert sam["persona_id"] == next(c["id"] for c in cards(out)
                                     if c["name"] == "Platform engineer")


def test_the_same_study_gives_byte_identical_outputs(tmp_path, fake_nlp):
    inputs = write_inputs(tmp_path / "in")
    for run in ("a", "b"):
        with Workspace.open(tmp_path / run / "ws") as workspace:
            ingest(workspace, [inputs], IngestOptions())
            themes_and_personas(workspace, tmp_path / run / "out")
    first = output_files(tmp_path / "a" / "out")
    assert {p.name for p in first} >= {"units.csv", "themes.json", "themes.md",
                                       "personas.json", "participants.csv", "index.md",
                                       "persona-1.md", "devrel-plan.md"}
    for path in first:
        twin = tmp_path / "b" / "out" / path.relative_to(tmp_path / "a" / "out")
        assert path.read_bytes() == twin.read_bytes(), path.name
    assert len(first) == len(output_files(tmp_path / "b" / "out"))


# -- privacy ---------------------------------------------------------------------------------

def test_by_default_no_name_email_or_phone_reaches_any_output(study):
    _, outputs = study
    out, _ = outputs(personas=3)
    files = output_files(out)
    assert {p.name for p in files} >= {"units.csv", "themes.json", "themes.md",
                                       "personas.json", "participants.csv", "persona-1.md"}
    for path in files:
        text = path.read_text("utf-8")
        assert not NAMES.search(text), (path.name, NAMES.search(text))
        assert not any(contact in text for contact in CONTACT), path.name
        assert "survey:R" not in text and not re.search(r"\bR\d\d\b", text), path.name
    units = (out / "units.csv").read_text("utf-8")
    assert "[P01], and flaky pipelines" in units       # "I'm Sam Carter, and flaky..."
    assert "[name], email me at [email]" in units      # the interviewer's name, the email
    assert "Call me on [phone] and ask for [P01]" in units
    quoted = {q["participant_id"] for card in cards(out) for q in quotes_in(card)}
    assert quoted and all(re.fullmatch(r"P\d\d", who) for who in quoted)
    assert {row["participant_id"] for row in participants(out)} == {
        f"P{n:02d}" for n in range(1, 3 * PER_GROUP + 3)}


def test_keep_names_brings_names_back_but_not_emails_or_phones(study):
    _, outputs = study
    out, run = outputs(personas=3, keep_names=True)
    units = (out / "units.csv").read_text("utf-8")
    assert "I'm Sam Carter, and flaky pipelines" in units
    assert "Priya, email me at [email]" in units
    assert "Call me on [phone] and ask for Sam" in units
    assert "sam-carter" in {row["participant_id"] for row in participants(out)}
    quoted = {q["participant_id"] for card in cards(out) for q in quotes_in(card)}
    assert quoted and quoted <= set(run.result.ids), "quotes show the participant ids"
    for path in output_files(out):
        text = path.read_text("utf-8")
        assert not any(contact in text for contact in CONTACT), path.name


# Known privacy gaps in synth (see the reasons): strict, so each turns red once fixed.

def units_csv(workspace: Workspace, out: Path) -> str:
    run_themes(workspace, Settings(out=out), *FAKES)
    return (out / "units.csv").read_text("utf-8")


def test_a_transcript_named_after_its_participant_does_not_name_them(workspace, write, tmp_path,
                                                                     fake_nlp):
    ingest(workspace, [write("sam-carter.txt", INTERVIEW)], IngestOptions())
    assert not NAMES.search(units_csv(workspace, tmp_path / "out"))


def test_numeric_response_ids_leave_numbers_in_quotes_alone(workspace, write, tmp_path,
                                                          fake_nlp):
    rows = "".join(f"{n},Build number {n + 1} failed {n} times before lunch\n"
                   for n in range(10, 22))
    ingest(workspace, [write("survey.csv", "Response ID,What slows you down?\n" + rows)],
           IngestOptions())
    units = units_csv(workspace, tmp_path / "out")
    assert "Build number 13 failed 12 times before lunch" in units


def test_a_survey_without_ids_leaves_the_word_row_alone(workspace, write, tmp_path, fake_nlp):
    rows = "".join(f"Row-level security reviews take {n} weeks here\n" for n in range(1, 13))
    ingest(workspace, [write("survey.csv", "What slows you down?\n" + rows)],
           IngestOptions())
    units = units_csv(workspace, tmp_path / "out")
    assert "Row-level security reviews take 3 weeks here" in units


def describer_tagging_priya(texts: list[str]):
    """The fake describer, plus what spaCy's NER sometimes does: a person's name taken for
    an organisation (in the shared interviews, the interviewer "Amanda" comes out as ORG)."""
    for text, facts in zip(texts, fake_describer(texts)):
        yield replace(facts, entities=(("Priya", "other"),) if "Priya" in text else ())


def test_a_name_taken_for_an_entity_is_redacted_in_theme_outputs(tmp_path, fake_nlp):
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [write_inputs(tmp_path / "in")], IngestOptions())
        run_themes(workspace, Settings(out=tmp_path / "out"), FAKES[0],
                   (describer_tagging_priya, "fake+priya"))
        tagged = workspace.query("SELECT 1 FROM analysis WHERE entities LIKE '%Priya%'")
    assert tagged, "the statement naming the interviewer carries the entity"
    for name in ("themes.json", "themes.md"):
        assert not NAMES.search((tmp_path / "out" / name).read_text("utf-8")), name


# -- rendering -------------------------------------------------------------------------------

def test_persona_card_matches_the_golden_file(study):
    """Regenerate with `SYNTH_UPDATE_GOLDEN=1 pytest tests/test_personas.py`, then read the
    diff before committing it."""
    _, outputs = study
    out, _ = outputs(personas=3)
    rendered = (out / "personas" / "persona-1.md").read_text("utf-8")
    golden = GOLDEN / "persona-1.md"
    if UPDATE_GOLDEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), "no golden file: run with SYNTH_UPDATE_GOLDEN=1 once"
    assert rendered == golden.read_text("utf-8")


def test_a_template_with_an_undefined_field_fails_with_one_line(study, tmp_path):
    workspace, _ = study
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "persona.md.j2").write_text("# {{ p.name }}\n\n{{ p.nickname }}\n",
                                             encoding="utf-8")
    with pytest.raises(SynthError) as error:
        run_personas(workspace, Settings(out=tmp_path / "out", personas=3,
                                         templates=templates), FAKES[0])
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("template 'persona.md.j2' uses a field the data does not have")
    assert "nickname" in message
    assert not (tmp_path / "out" / "personas.json").exists(), "nothing is half written"


def test_a_custom_persona_template_replaces_the_shipped_one(study, tmp_path):
    workspace, _ = study
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "persona.md.j2").write_text(
        "{{ p.id }}|{{ p.name }}|{{ p.size }}|{{ p.sections | length }}\n", encoding="utf-8")
    out = tmp_path / "out"
    run_personas(workspace, Settings(out=out, personas=3, templates=templates), FAKES[0])
    found = cards(out)
    for card in found:
        assert (out / "personas" / f"{card['id']}.md").read_text("utf-8") == (
            f"{card['id']}|{card['name']}|{card['size']}|8\n")
    # the other templates still come from the shipped folder
    assert (out / "personas" / "index.md").read_text("utf-8").startswith("# Personas\n")


# -- CLI -------------------------------------------------------------------------------------

def test_personas_before_themes_exits_2_and_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Workspace.open(tmp_path / "ws"):
        pass
    result = CliRunner().invoke(main, ["--workspace", str(tmp_path / "ws"), "personas",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (f"Error: the workspace {tmp_path / 'ws'} has no themes yet. "
                             "Run `synth themes` (or `synth run PATH...`) first\n")
    assert not (tmp_path / "out").exists()


def test_every_command_has_help_text():
    runner = CliRunner()
    assert {"ingest", "run", "themes", "personas", "icp", "score", "status",
            "participants"} <= set(main.commands)
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help.split()) >= 5, name
        assert f"Usage: main {name}" in result.output or f"Usage: synth {name}" in result.output
        summary = " ".join(command.help.split("\n\n")[0].split())
        assert summary in " ".join(result.output.split()), name
