"""ICP with the real spaCy pipeline and embedding model: the sample corpus against its planted
ICP (corpora/README.md, "Planted ICP"), lead scoring against it, and the shared Jupyter survey
with usage frequency as the value signal."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from synth.ingest import IngestOptions, ingest
from synth.stages import IcpRun, Settings, run_icp, run_personas, run_score, run_themes
from synth.workspace import Workspace
from tests.conftest import CORPUS, JUPYTER_SURVEY, needs

pytestmark = pytest.mark.slow

USAGE = "How often do you use Jupyter Notebook?"


@dataclass(frozen=True)
class Analysed:
    workspace: Path
    out: Path
    run: IcpRun


def analysed(folder: Path, path: Path, **settings) -> Analysed:
    """Ingest, themes, personas and ICP with the real models; the workspace is closed after."""
    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [path], IngestOptions())
        run_themes(workspace, Settings(out=out))
        run_personas(workspace, Settings(out=out))
        run = run_icp(workspace, Settings(out=out, **settings))
    return Analysed(folder / "ws", out, run)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Analysed:
    return analysed(tmp_path_factory.mktemp("sample"), CORPUS)


def by_role(run: IcpRun) -> dict:
    """Role (company_size, industry...) -> its attribute finding."""
    assert run.findings is not None
    column_of = run.report["columns"]
    return {role: next(a for a in run.findings.attributes if a.column == column)
            for role, column in column_of.items()}


def test_the_sample_icp_recovers_the_planted_profile(sample):
    run = sample.run
    assert run.report["value"]["column"] == ("How likely are you to recommend Beacon to a "
                                             "colleague? (0-10)")
    assert run.report["value"]["rule"] == "promoters: 9 or 10 out of 10"
    assert run.findings is not None and run.findings.n >= 250
    roles = by_role(run)
    size, industry = roles["company_size"], roles["industry"]
    top = [a.column for a in run.findings.top]
    assert size.column in top and industry.column in top
    assert size.conclusive and industry.conclusive
    # best fit: 51-500 employees, SaaS or fintech; all conclusive
    ideal_sizes = {s.value for s in size.ideal}
    assert ideal_sizes and ideal_sizes <= {"51-200", "201-500"}
    ideal_industries = {s.value for s in industry.ideal}
    assert ideal_industries and ideal_industries <= {"SaaS", "Fintech"}
    assert all(s.conclusive and s.lift_low > 1 for s in [*size.ideal, *industry.ideal])
    # negative profile: 5000+ employees, government or insurance
    negative = {(s.column, s.value) for s in run.findings.negative}
    assert (size.column, "5000+") in negative
    assert {(industry.column, "Government"), (industry.column, "Insurance")} & negative
    # region is noise in the planted data
    assert not roles["region"].conclusive and roles["region"].column not in top


def test_the_sample_icp_outputs_name_the_profile(sample):
    markdown = (sample.out / "icp.md").read_text("utf-8")
    assert "## The attributes that tell best-fit customers apart (top 3)" in markdown
    assert "### 1. How many people work at your company?" in markdown
    assert "- 5000+: " in markdown and "## Negative profile" in markdown
    segments = sample.run.report["segments"]
    assert segments[0]["fit"] == "best fit" and segments[-1]["fit"] == "poor fit"


def test_planted_good_fit_leads_outrank_poor_fit_ones(sample, tmp_path):
    leads = tmp_path / "crm-export.csv"
    with leads.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["Company", "Employees", "Industry", "Region"],
            ["Stateworks", "5000+", "Government", "Europe"],
            ["Northwind Cloud", "201-500", "SaaS", "North America"],
            ["Pixel & Co", "1-10", "Agency", "Europe"],
            ["Ledgerly", "51-200", "Fintech", "Europe"],
        ])
    out = tmp_path / "scored.csv"
    with Workspace.open(sample.workspace, create=False) as workspace:
        scores = run_score(workspace, Settings(), leads, out)
    ranked = [s.lead["Company"] for s in scores]
    assert set(ranked[:2]) == {"Northwind Cloud", "Ledgerly"}
    assert set(ranked[2:]) == {"Stateworks", "Pixel & Co"}
    score = {s.lead["Company"]: s for s in scores}
    assert min(score["Northwind Cloud"].score, score["Ledgerly"].score) > 50
    assert max(score["Stateworks"].score, score["Pixel & Co"].score) < 50
    assert "company size 201-500 matches" in "; ".join(score["Northwind Cloud"].reasons)
    assert "industry Fintech matches" in "; ".join(score["Ledgerly"].reasons)
    assert "company size 5000+ is a poor-fit value" in "; ".join(score["Stateworks"].reasons)
    with out.open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert [row["Company"] for row in written] == ranked
    assert [int(row["icp_score"]) for row in written] == [s.score for s in scores]


@needs(JUPYTER_SURVEY)
def test_jupyter_usage_icp_has_counts_and_says_where_groups_are_too_small(tmp_path):
    run = analysed(tmp_path, JUPYTER_SURVEY, value_column=USAGE).run
    value = run.report["value"]
    assert value["column"] == USAGE
    # high value = the top answer, Daily (530 of the 1,091 who answered the question)
    assert (value["n"], value["high"]) == (1091, 530)
    assert run.findings is not None and (run.findings.n, run.findings.high) == (1091, 530)
    markdown = (tmp_path / "out" / "icp.md").read_text("utf-8")
    assert "530 of 1091 respondents with an answer are high value" in markdown
    small = [s.reason for a in run.findings.attributes for s in a.values
             if "fewer than 10" in s.reason]
    assert small, "free-text answers such as roles include many given by a handful of people"
    assert any("too small to conclude" in caveat or "not conclusive" in caveat
               for caveat in run.report["caveats"])
