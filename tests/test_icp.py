"""ICP and lead scoring on a handmade study, with fakes (fast).

The survey has 60 respondents in three planted groups of 20 that write about different things:
- platform engineers at 51-200-person companies, SaaS (a fifth Fintech): 18 of 20 promoters;
- data engineers at 5000+-person companies, Government (a fifth Banking): 1 of 20 promoters;
- frontend developers at 1-10 and 11-50-person companies, E-commerce or Media: 8 of 20.
Region cycles through three values independently of the groups, so it carries no signal.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

import synth.stages
from synth.analyse.facts import Facts
from synth.cli import main
from synth.errors import SynthError
from synth.icp import score_leads
from synth.ingest import IngestOptions, ingest
from synth.stages import (
    IcpRun,
    Settings,
    icp_report,
    run_icp,
    run_personas,
    run_score,
    run_themes,
)
from synth.workspace import Workspace
from tests.conftest import FAKES, FakeEmbedder, fake_describer, fake_splitter

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("SYNTH_UPDATE_GOLDEN") == "1"

SIZE = "How many people work at your company?"
INDUSTRY = "Which industry is your company in?"
REGION = "Region"
NPS = "How likely are you to recommend Acme to a colleague? (0-10)"
USAGE = "How often do you use Acme?"
QUESTIONS = ("What slows you down?", "Which tools do you use?", "Where do you hang out online?",
             "What drives you?")
REGIONS = ("Europe", "North America", "Asia")
PER_GROUP = 20


@dataclass(frozen=True)
class Group:
    sizes: tuple[str, ...]          # split evenly in order: respondents 0-9 1-10, 10-19 11-50
    industries: tuple[str, ...]     # respondent j: industries[j % len(industries)]
    scores: tuple[int, ...]         # respondent j: scores[j], likely to recommend (0-10)
    usage: tuple[str, ...]          # respondent j: usage[j % len(usage)]
    # per question (openings, endings): respondent j writes openings[j % 4] + endings[j % 5],
    # so the 20 answers of a group in a column are all different (free text, not a choice)
    answers: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


GROUPS = (
    Group(("51-200",), ("SaaS",) * 4 + ("Fintech",),
          (10, 9, 10, 9, 9, 10, 9, 10, 9, 9, 10, 9, 8, 10, 9, 9, 10, 7, 9, 10),
          ("Daily",) * 4 + ("Weekly",), (
        (("Flaky pipelines and slow terraform plans block every deploy.",
          "Terraform drift and flaky pipelines eat whole afternoons.",
          "Slow terraform applies and pipelines that fail at random.",
          "Kubernetes upgrades stall while flaky pipelines rerun."),
         ("Rollbacks are manual.", "Helm releases stall.", "Cluster quotas run out.",
          "Deploy queues grow.", "Canary checks time out.")),
        (("Terraform modules, kubernetes clusters and helm charts.",
          "Kubernetes operators with helm and terraform state.",
          "Helm charts on kubernetes, provisioned through terraform.",
          "Argo rollouts onto kubernetes clusters from terraform."),
         ("Grafana dashboards too.", "Plus pagerduty rotations.",
          "Prometheus alerts everywhere.", "Vault secrets as well.", "Datadog monitors also.")),
        (("The Kubernetes Slack and Hacker News threads.",
          "Hacker News threads, then the Kubernetes Slack.",
          "Kubernetes Slack channels and KubeCon talks.",
          "KubeCon hallways and Hacker News comments."),
         ("Evenings mostly.", "Lunch breaks.", "On call nights.", "Friday afternoons.",
          "Between deploys.")),
        (("Roadmap influence and beta access for pipelines I depend on daily.",
          "Reliable deploys and a direct line to the platform engineers.",
          "Beta access to new pipeline features and roadmap influence.",
          "Green pipelines and reliable deploys every single day."),
         ("Uptime first.", "Stable clusters please.", "Fewer pages at night.",
          "Fast rollouts win.", "Quiet dashboards rock.")),
    )),
    Group(("5000+",), ("Government",) * 4 + ("Banking",),
          (2, 5, 0, 3, 6, 1, 4, 9, 5, 3, 2, 6, 0, 4, 7, 5, 3, 1, 8, 6),
          ("Monthly",), (
        (("Security reviews and procurement approvals take whole quarters.",
          "Compliance audits and procurement paperwork before any purchase.",
          "Approvals from the security board and slow procurement cycles.",
          "On-premises mandates and compliance audits block every vendor."),
         ("Legal questionnaires pile up.", "SAML integration is mandatory.",
          "Change boards meet monthly.", "Vendor risk forms multiply.",
          "Firewall tickets linger.")),
        (("Jenkins jobs feeding airflow schedules and snowflake warehouses.",
          "Airflow schedules, snowflake warehouses and jupyter notebooks.",
          "Jupyter notebooks over snowflake, orchestrated with airflow.",
          "Legacy jenkins servers next to databricks notebooks."),
         ("Confluence pages too.", "Bitbucket repositories.", "Mlflow experiments.",
          "Oracle databases.", "Tableau workbooks.")),
        (("Stack Overflow answers and LinkedIn posts about governance.",
          "LinkedIn groups and vendor webinars on governance.",
          "Vendor webinars, then Stack Overflow for the details.",
          "Stack Overflow and LinkedIn articles by governance experts."),
         ("Weekday mornings.", "Commutes mainly.", "Training days.", "Quarterly offsites.",
          "Slow afternoons.")),
        (("Speaking slots at conferences and being seen as the expert.",
          "Writing whitepapers and conference keynotes on data governance.",
          "Being quoted as the expert through talks and published papers.",
          "Conference talks and whitepapers that establish expertise."),
         ("Status counts.", "Panels count.", "Webinars count.", "Citations count.",
          "Awards count.")),
    )),
    Group(("1-10", "11-50"), ("E-commerce", "Media"),
          (9, 6, 10, 7, 5, 9, 8, 4, 9, 6, 10, 5, 8, 9, 3, 7, 9, 6, 10, 5),
          ("Weekly", "Daily", "Monthly", "Weekly"), (
        (("Confusing documentation and preview links that break for designers.",
          "Preview links break and the documentation confuses designers.",
          "Designers cannot open preview links; the documentation is confusing.",
          "Broken preview links and unclear documentation frustrate clients."),
         ("Environment variables vanish.", "Clients wait for screenshots.",
          "Tailwind classes clash.", "Vercel previews expire.", "Netlify forms fail.")),
        (("React components, figma mockups and storybook stories.",
          "Storybook stories for react components, figma for mockups.",
          "Figma mockups turned into react components inside storybook.",
          "Nextjs pages built from react components and figma files."),
         ("Vscode with prettier.", "Playwright snapshots.", "Tailwind utilities.",
          "Vite bundling.", "Eslint plugins.")),
        (("Discord servers and YouTube tutorials about React.",
          "YouTube tutorials, then Discord servers for questions.",
          "The Reactiflux Discord and YouTube livestreams.",
          "Discord communities and YouTube shorts about design."),
         ("Late nights.", "Weekends mainly.", "Coffee breaks.", "Bus rides.",
          "Rainy Sundays.")),
        (("Career growth: a portfolio of shiny projects and paid freelance gigs.",
          "Freelance gigs and a portfolio that gets noticed help my career.",
          "Getting hired by better freelance clients through my portfolio.",
          "Tutorials that get noticed and grow my freelance career."),
         ("Visibility helps.", "Salary helps.", "Referrals help.", "Testimonials help.",
          "Followers help.")),
    )),
)

INTERVIEW = """\
Priya: What does your company do?

Sam: We build payment APIs, and we're about 200 engineers at a fintech.

Priya: What slows you down?

Sam: Flaky pipelines slow us down every single week, and nobody owns the flaky pipelines.

Priya: Which tools do you use?

Sam: Terraform modules and kubernetes clusters, with helm charts for every service.
"""

# What the describer below recognises as named tools and channels (spaCy's gazetteer stands in
# for this in real runs): lower-case words -> (name, kind).
NAMED = {
    "terraform": ("Terraform", "tool"), "kubernetes": ("Kubernetes", "platform"),
    "helm": ("Helm", "tool"), "grafana": ("Grafana", "tool"), "datadog": ("Datadog", "service"),
    "airflow": ("Airflow", "tool"), "snowflake": ("Snowflake", "database"),
    "jupyter": ("Jupyter", "tool"), "jenkins": ("Jenkins", "tool"),
    "figma": ("Figma", "tool"), "storybook": ("Storybook", "tool"),
    "react": ("React", "framework"), "kubernetes slack": ("Kubernetes Slack", "community"),
    "hacker news": ("Hacker News", "community"), "kubecon": ("KubeCon", "event"),
    "stack overflow": ("Stack Overflow", "community"), "linkedin": ("LinkedIn", "social"),
    "discord": ("Discord", "community"), "youtube": ("YouTube", "content"),
}
_NAMED = re.compile(r"\b(" + "|".join(sorted(NAMED, key=len, reverse=True)) + r")\b",
                    re.IGNORECASE)


def naming_describer(texts: list[str]) -> Iterator[Facts]:
    """The fake describer's facts plus the names in `NAMED`, longest match first."""
    for text, facts in zip(texts, fake_describer(texts)):
        found = dict.fromkeys(NAMED[m.lower()] for m in _NAMED.findall(text))
        yield replace(facts, entities=tuple(found))


DESCRIBER = (naming_describer, "fake+names")

NOT_ORDERED = ("cannot put the value column's answers in order ('Asia', 'Europe', "
               "'North America'). Pick a numeric or ordinal column (NPS, satisfaction, usage "
               "frequency) with --value-column")


def survey_rows(per_group: int = PER_GROUP) -> list[list[str]]:
    rows = [["Response ID", SIZE, INDUSTRY, REGION, NPS, USAGE, *QUESTIONS]]
    for group in GROUPS:
        for j in range(per_group):
            number = len(rows)
            rows.append([f"R{number:03d}", group.sizes[j * len(group.sizes) // PER_GROUP],
                         group.industries[j % len(group.industries)],
                         REGIONS[number % len(REGIONS)], str(group.scores[j]),
                         group.usage[j % len(group.usage)],
                         *(f"{openings[j % 4]} {endings[j % 5]}"
                           for openings, endings in group.answers)])
    return rows


def write_survey(folder: Path, per_group: int = PER_GROUP) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "survey.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(survey_rows(per_group))
    return path


@dataclass(frozen=True)
class Built:
    workspace: Path
    out: Path
    run: IcpRun


def analyse(folder: Path, inputs: Path) -> Built:
    """Ingest `inputs` (shown relative to `folder`), then themes, personas and ICP with fakes.

    The workspace is closed again, so tests (and the CLI) can open it.
    """
    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace, pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        ingest(workspace, [inputs], IngestOptions(), splitter=fake_splitter)
        patch.undo()
        run_themes(workspace, Settings(out=out), FAKES[0], DESCRIBER)
        run_personas(workspace, Settings(out=out), FAKES[0])
        run = run_icp(workspace, Settings(out=out), FAKES[0])
    return Built(folder / "ws", out, run)


def survey_study(folder: Path, per_group: int = PER_GROUP) -> Built:
    write_survey(folder / "in", per_group)
    return analyse(folder, folder / "in")


@pytest.fixture(scope="module")
def study(tmp_path_factory) -> Built:
    return survey_study(tmp_path_factory.mktemp("study"))


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Built:
    """The same survey with 4 respondents per group."""
    return survey_study(tmp_path_factory.mktemp("small"), per_group=4)


@pytest.fixture
def opened(study) -> Iterator[Workspace]:
    with Workspace.open(study.workspace, create=False) as workspace:
        yield workspace


def write_leads(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


# -- the profile -------------------------------------------------------------------------------

def test_company_size_is_the_top_attribute_and_region_carries_no_signal(study):
    findings = study.run.findings
    assert findings is not None
    assert (findings.n, findings.high) == (60, 27)
    assert [a.column for a in findings.top] == [SIZE, INDUSTRY, REGION]
    size, industry, region = findings.top
    assert size.conclusive and size.strength > industry.strength > 0.3
    assert [(s.value, s.n, s.high, s.conclusive) for s in size.ideal] == [
        ("51-200", 20, 18, True)]
    assert [(s.value, s.n, s.high) for s in size.poor_fit] == [("5000+", 20, 1)]
    assert [s.value for s in industry.ideal] == ["SaaS"]
    assert [s.value for s in industry.poor_fit] == ["Government"]
    # Region is only in the top because there are three columns; nothing about it is firm
    assert not region.conclusive and region.p_value > 0.5
    assert not any(s.conclusive for s in region.values)
    assert [(s.column, s.value) for s in findings.negative] == [(SIZE, "5000+"),
                                                               (INDUSTRY, "Government")]


def test_icp_json_has_the_value_signal_columns_and_the_ranked_attributes(study):
    data = json.loads((study.out / "icp.json").read_text("utf-8"))
    assert data["value"] == {"source": "column", "column": NPS,
                             "rule": "promoters: 9 or 10 out of 10", "n": 60, "high": 27}
    assert data["columns"] == {"company_size": SIZE, "industry": INDUSTRY, "region": REGION}
    assert [a["column"] for a in data["findings"]["top"]] == [SIZE, INDUSTRY, REGION]
    top = data["findings"]["top"][0]
    assert top["ideal"][0]["value"] == "51-200" and top["ideal"][0]["lift_low"] > 1
    assert [(s["column"], s["value"]) for s in data["findings"]["negative"]] == [
        (SIZE, "5000+"), (INDUSTRY, "Government")]
    assert data["caveats"][0].startswith("Region: not conclusive")
    assert not any(c.startswith("only ") for c in data["caveats"])   # 60 is enough


def test_personas_needs_and_not_needed_follow_the_value_split(study):
    report = study.run.report
    best = report["segments"][0]
    assert (best["n"], best["high"], best["fit"]) == (20, 18, "best fit")
    assert {s["fit"] for s in report["segments"][1:]} <= {"no clear difference", "poor fit"}
    assert "poor fit" in {s["fit"] for s in report["segments"]}
    first = report["needs"][0]
    assert first["dimension"] == "frustration" and first["high_people"] >= 15
    assert first["ratio"] > 5
    assert report["not_needed"]
    for theme in report["not_needed"]:
        assert theme["high_share"] < theme["low_share"] / 2 and theme["low_people"] >= 2


# -- lead scoring -------------------------------------------------------------------------------

def test_good_fit_leads_rank_first_with_their_reasons(opened, tmp_path):
    leads = write_leads(tmp_path / "leads.csv", [
        ["Company", "Employees", "Industry", "Region"],
        ["Bigdept", "5000+", "Government", "Asia"],
        ["Smallshop", "11-50", "Media", "North America"],
        ["Goodco", "51-200", "saas", "Europe"],
    ])
    out = tmp_path / "scored" / "leads-scored.csv"
    scores = run_score(opened, Settings(), leads, out, FAKES[0])
    assert [(s.lead["Company"], s.row, s.score) for s in scores] == [
        ("Goodco", 2, 100), ("Smallshop", 1, 50), ("Bigdept", 0, 0)]
    good, middle, poor = scores
    assert good.reasons == ["company size 51-200 matches (lift 2.0)",
                            "industry SaaS matches (lift 1.9)",
                            "region is not conclusive in the ICP (no effect)"]
    assert middle.reasons[:2] == [
        "company size 11-50 is neither ideal nor a poor fit (no effect)",
        "industry Media is neither ideal nor a poor fit (no effect)"]
    assert poor.reasons[:2] == ["company size 5000+ is a poor-fit value (lift 0.1)",
                                "industry Government is a poor-fit value (lift 0.1)"]
    with out.open(encoding="utf-8", newline="") as handle:
        written = list(csv.reader(handle))
    assert written[0] == ["Company", "Employees", "Industry", "Region", "icp_score",
                          "icp_reasons"]
    assert written[1] == ["Goodco", "51-200", "saas", "Europe", "100", "; ".join(good.reasons)]
    assert [row[0] for row in written[1:]] == ["Goodco", "Smallshop", "Bigdept"]


def test_leads_without_the_icp_columns_say_which_columns_are_expected(opened, tmp_path):
    leads = write_leads(tmp_path / "crm.csv", [["Company", "Contact email"],
                                                ["Acme", "ops@acme.example"]])
    out = tmp_path / "scored.csv"
    with pytest.raises(SynthError) as error:
        run_score(opened, Settings(), leads, out, FAKES[0])
    assert str(error.value) == (
        f"{leads} has none of the columns the ICP uses: expected company size, industry, "
        "region; got: Company, Contact email. Rename the leads columns to match (case and "
        "punctuation do not matter), or add the missing ones")
    assert not out.exists()


def test_leads_with_one_of_three_icp_columns_are_an_error(opened, tmp_path):
    leads = write_leads(tmp_path / "crm.csv", [["Company", "Sector"], ["Acme", "SaaS"]])
    with pytest.raises(SynthError) as error:
        run_score(opened, Settings(), leads, tmp_path / "scored.csv", FAKES[0])
    assert str(error.value) == (
        f"{leads} has only 1 of the 3 columns the ICP uses (industry): expected company "
        "size, industry, region; got: Company, Sector. Rename the leads columns to match "
        "(case and punctuation do not matter), or add the missing ones")


@pytest.mark.parametrize(("content", "problem"), [
    (None, "no such file. Check the path to the leads CSV"),
    ("", "the file is empty. Give a CSV with a header row and a row per lead"),
    ("Company,Employees,Industry\n", "no leads below the header. Add a row per lead"),
])
def test_a_missing_or_empty_leads_file_is_a_one_line_error(opened, tmp_path, content, problem):
    leads = tmp_path / "leads.csv"
    if content is not None:
        leads.write_text(content, encoding="utf-8")
    with pytest.raises(SynthError) as error:
        run_score(opened, Settings(), leads, tmp_path / "scored.csv", FAKES[0])
    assert str(error.value) == f"{leads}: {problem}"


# -- the value signal -------------------------------------------------------------------------

def test_an_unordered_value_column_says_to_pick_another(opened, tmp_path):
    with pytest.raises(SynthError) as error:
        run_icp(opened, Settings(out=tmp_path / "out", value_column="region"), FAKES[0])
    assert str(error.value) == NOT_ORDERED
    assert not (tmp_path / "out").exists()


def test_a_usage_frequency_value_column_counts_daily_users_as_high_value(opened):
    report, findings = icp_report(opened, Settings(value_column="how often do you use acme"),
                                  FAKES[0])
    assert (report["value"]["column"], report["value"]["n"]) == (USAGE, 60)
    assert report["value"]["high"] == 21     # the Daily answers: 16 platform, 5 frontend
    assert findings is not None
    # all 16 SaaS respondents use it daily, as do 16 of the 20 at 51-200 companies
    ideal = {a.column: [(s.value, s.n, s.high) for s in a.ideal] for a in findings.top[:2]}
    assert ideal == {INDUSTRY: [("SaaS", 16, 16)], SIZE: [("51-200", 20, 16)]}


@pytest.mark.parametrize("text", [
    "It was laborious to startup the kernel.", "Rich media output is great.",
    "There were 65,000 people at PyCon.", "The logistics of it have been really pleasant.",
    "Our bank of tests keeps growing."])
def test_a_firmographic_word_inside_an_unrelated_answer_is_never_read(text):
    from synth.icp.report import _INDUSTRY, _SIZE, _STAGE
    assert not any(p.search(text) for p in (_INDUSTRY, _SIZE, _STAGE))


@pytest.mark.parametrize("text, found", [
    ("We are a 40-person startup in Berlin.", "We are a 40-person startup"),
    ("I work in banking these days.", "I work in banking"),
    ("Our company has about 200 employees.", "Our company has about 200 employees"),
])
def test_explicit_statements_about_the_employer_are_read(text, found):
    from synth.icp.report import _INDUSTRY, _SIZE, _STAGE
    assert [m.group(0) for p in (_SIZE, _STAGE, _INDUSTRY) for m in p.finditer(text)] == [found]


def test_an_icp_without_a_conclusive_attribute_is_too_weak_to_score(opened):
    from synth.icp.score import too_weak
    _, findings = icp_report(opened, Settings(), FAKES[0])
    weak = replace(findings, top=[a for a in findings.top if not a.conclusive])
    assert too_weak(findings) == ""
    assert too_weak(weak).startswith(
        "no attribute is both conclusive and strong enough to matter (Cramér's V 0.20 or "
        "more): region (strength 0.00): ")
    with pytest.raises(SynthError, match="the ICP is too weak to score leads: no attribute"):
        score_leads(weak, [{"Region": "Europe"}], ["Region"])


def test_a_usage_frequency_value_column_is_not_called_promoters(opened):
    report, _ = icp_report(opened, Settings(value_column=USAGE), FAKES[0])
    assert "promoters" not in report["value"]["rule"]


@pytest.fixture
def cli(study, tmp_path, monkeypatch):
    """`synth --workspace <the study> ...`, embedding with the fake model."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(synth.stages, "load_embedder",
                        lambda model, precision: FakeEmbedder())
    runner = CliRunner()
    return lambda *args: runner.invoke(main, ["--workspace", str(study.workspace), *args])


def test_cli_icp_with_an_unordered_value_column_exits_2_with_one_line(cli, tmp_path):
    result = cli("icp", "--value-column", "Region", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output == f"Error: {NOT_ORDERED}\n"
    assert not (tmp_path / "out").exists()


def test_cli_icp_prints_the_top_attributes(cli, study, tmp_path):
    result = cli("icp", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[2].split() == ["1", *SIZE.split(), "51-200", "0.67", "yes"]
    assert lines[4].split() == ["3", "Region", "North", "America", "0.00", "no"]
    assert "note: Region: not conclusive, no clear difference between high and low value " \
           "(p = 0.82)" in lines
    assert (tmp_path / "out" / "icp.md").read_bytes() == (study.out / "icp.md").read_bytes()


def test_cli_score_writes_the_scored_leads(cli, tmp_path):
    leads = write_leads(tmp_path / "leads.csv", [["Company size", "Industry"],
                                                 ["5000+", "Government"], ["51-200", "SaaS"]])
    result = cli("score", str(leads), "--out", str(tmp_path / "scored.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "100  row 3: company size 51-200 matches (lift 2.0); industry SaaS matches (lift 1.9);"
        " region not given (no effect)",
        "  0  row 2: company size 5000+ is a poor-fit value (lift 0.1); industry Government is"
        " a poor-fit value (lift 0.1); region not given (no effect)",
        f"2 leads scored. Wrote {tmp_path / 'scored.csv'}"]


def test_cli_score_with_a_missing_leads_file_exits_2(cli, tmp_path):
    result = cli("score", "nope.csv", "--out", str(tmp_path / "scored.csv"))
    assert result.exit_code == 2
    assert result.output == "Error: nope.csv: no such file. Check the path to the leads CSV\n"


# -- small and interview-only studies ---------------------------------------------------------

def test_a_small_sample_is_flagged_as_too_small_to_conclude(small):
    run = small.run
    assert run.findings is not None and run.findings.n == 12
    assert run.report["caveats"][0] == (
        "only 12 respondents have a value score: treat every figure as a lead to follow up, "
        "not a finding")
    assert not any(a.conclusive or a.ideal or a.poor_fit for a in run.findings.attributes)
    assert not run.findings.negative
    for attribute in run.findings.attributes:   # every answer is under the minimum support
        assert all("fewer than 10" in s.reason for s in attribute.values)
    assert run.report["caveats"][1:] == [
        f"{column}: not conclusive, too few respondents to compare answers: fewer than two "
        "answers were given by 10 or more (12 respondents in all)"
        for column in (SIZE, INDUSTRY, REGION)]
    markdown = (small.out / "icp.md").read_text("utf-8")
    assert "- only 12 respondents have a value score" in markdown
    assert "No answer is clearly poor fit in this data." in markdown


def test_a_small_sample_says_why_a_column_is_not_conclusive(small):
    run = small.run
    assert run.findings is not None
    size = next(a for a in run.findings.attributes if a.column == SIZE)
    # 4 of 4 at 51-200 are promoters, 0 of 4 at 5000+: not "no clear difference"
    assert "no clear difference" not in size.reason
    assert "too few respondents" in size.reason and "10 or more" in size.reason


def test_an_interview_only_study_lists_what_participants_say(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "interview-03.txt").write_text(INTERVIEW, encoding="utf-8")
    run = analyse(tmp_path, tmp_path / "in").run
    assert run.findings is None and run.report["findings"] is None
    assert run.report["value"]["source"] == "enthusiasm"
    markdown = (tmp_path / "out" / "icp.md").read_text("utf-8")
    assert ("- the data has no firmographic columns (company size, industry, revenue, region, "
            "stack, role), so no firmographic profile can be drawn; below is only what "
            "participants themselves said about their companies\n") in markdown
    assert "## The three attributes" not in markdown
    quote = ("  > We build payment APIs, and we're about 200 engineers at a fintech.\n"
             "  > — P01, `in/interview-03.txt`, line 3\n")
    assert ("Company size stated about their own employer (\"we are a 40-person startup\", "
            "\"I work in banking\"; explicit statements only, each with its quote):\n"
            "- 200 people: 1 person\n"
            + quote) in markdown
    assert ("Industry stated about their own employer (\"we are a 40-person startup\", "
            "\"I work in banking\"; explicit statements only, each with its quote):\n"
            "- Fintech: 1 person\n" + quote) in markdown
    assert "Sam" not in markdown   # the speaker is pseudonymised


# -- outputs ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["icp.md", "devrel-plan.md"])
def test_outputs_match_the_golden_files(study, name):
    """The rendered outputs of the handmade survey, exactly. To accept a deliberate change,
    run with SYNTH_UPDATE_GOLDEN=1 and review the diff."""
    golden = GOLDEN / name
    text = (study.out / name).read_text("utf-8")
    if UPDATE_GOLDEN:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text("utf-8")


def test_same_input_gives_byte_identical_outputs(study, tmp_path):
    again = survey_study(tmp_path)
    for name in ("icp.md", "icp.json", "devrel-plan.md"):
        assert (again.out / name).read_bytes() == (study.out / name).read_bytes(), name
