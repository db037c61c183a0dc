"""report.html (issue 12) without a browser: what it embeds, how it escapes, that it is one
self-contained, deterministic file, and the `synth report` command's errors.

Fast: the sample corpus plus a survey of hostile answers through the fake splitter,
embedder and describer. `test_report_browser.py` opens the same report in Chromium.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from synth.analyse.framework import load_framework
from synth.cli import main
from synth.errors import SynthError
from synth.ingest import IngestOptions, ingest
from synth.render.report import render_report, script_json
from synth.render.report_data import report_data
from synth.stages import Settings, run_icp, run_personas, run_report, run_themes
from synth.study import study_privacy
from synth.workspace import Workspace
from tests.conftest import CORPUS, FAKES, fake_splitter

# Answers that would run or render if the report treated them as markup or as a template.
INJECTED = [
    "<script>window.__pwned = 1</script> the deploy tooling is slow",
    "<img src=x onerror=\"window.__pwned = 2\"> broken docs everywhere",
    "{{ 7*7 }} and {% if true %}jinja{% endif %} show up in flaky build logs",
    "</script><!-- <script>window.__pwned = 3</script> slow reviews again",
    "a line\u2028separator, \"quotes\" & ampersands in slow builds",
]
ROLES = ["Backend developer", "Data engineer", "Frontend developer"]
SIZES = ["1-10", "11-50", "51-200"]


def write_hostile_survey(path: Path, respondents: int = 30) -> Path:
    rows = [["Response ID", "What is your role?", "How many people work at your company?",
             "What is the hardest part of shipping software at your company right now?",
             "Which tools, editors and services do you rely on every day?"]]
    for i in range(respondents):
        answer = (INJECTED[i] if i < len(INJECTED)
                  else f"slow flaky builds and long reviews hold the team back, week {i}")
        rows.append([f"H{i + 1:02d}", ROLES[i % 3], SIZES[(i // 3) % 3], answer,
                     f"VS Code, GitHub Actions and Terraform every day, team {i}"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def build_study(folder: Path) -> tuple[Path, Path]:
    """The sample corpus and the hostile survey, through every stage with the fakes.
    -> (workspace folder, outputs folder holding report.html)."""
    out = folder / "out"
    survey = write_hostile_survey(folder / "in" / "hostile-survey.csv")
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [CORPUS, survey], IngestOptions(), splitter=fake_splitter)
        settings = Settings(out=out)
        run_themes(workspace, settings, *FAKES)
        run_personas(workspace, settings, FAKES[0])
        run_icp(workspace, settings, FAKES[0])
        run_report(workspace, settings)
    return folder / "ws", out


@pytest.fixture(scope="module")
def study(tmp_path_factory) -> tuple[Path, Path]:
    return build_study(tmp_path_factory.mktemp("report"))


def embedded(html: str) -> dict:
    """The JSON data block the page's script reads."""
    found = re.search(r'<script type="application/json" id="synth-data">(.*?)</script>', html,
                      re.DOTALL)
    assert found
    return json.loads(found.group(1))


def test_script_json_cannot_close_its_block_and_reads_back_the_same():
    value = {"text": "</script><!-- <script>alert(1)</script> & \u2028 {{ 7*7 }}",
             "b": [1, 2]}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == value
    assert text.index('"b"') < text.index('"text"')     # sorted keys


def test_the_report_is_one_file_that_fetches_nothing(study):
    html = (study[1] / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.IGNORECASE)
    assert "<link" not in html and "@import" not in html
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy and policy.group(1).startswith("default-src 'none';")
    assert "connect-src 'none'" in policy.group(1) and "unsafe-eval" not in policy.group(1)
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script type="application/json" id="synth-data">',
                       '<script type="module">', '<script type="module">']
    assert "window.synthCharts={vegaEmbed:" in html     # the chart library, inlined
    manifest = json.loads((study[1] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and "report.html" in manifest["files"]


def test_every_statement_is_in_the_data_with_its_place(study):
    workspace, out = study
    data = embedded((out / "report.html").read_text(encoding="utf-8"))
    with Workspace.open(workspace, create=False) as ws:
        units = {row["id"]: row for row in ws.query("SELECT id, location FROM units")}
    assert {s[0] for s in data["statements"]} == set(units)
    assert all(units[s[0]]["location"] == s[3] for s in data["statements"])
    texts = [s[4] for s in data["statements"]]
    assert any(text.startswith("<script>window.__pwned = 1</script>") for text in texts)
    assert any("{{ 7*7 }}" in text for text in texts)


def test_research_text_is_never_raw_markup_anywhere_in_the_file(study):
    html = (study[1] / "report.html").read_text(encoding="utf-8")
    page, rest = html.split('<script type="application/json" id="synth-data">')
    block, scripts = rest.split("</script>", 1)
    assert "<" not in block and ">" not in block
    assert "\\u003cscript\\u003ewindow.__pwned = 1\\u003c/script\\u003e" in block
    assert "\\u003c/script\\u003e\\u003c!--" in block
    for part in (page, scripts):
        assert "<script>window" not in part and "<img src=x" not in part and "<!-- <" not in part


def test_injected_text_in_the_page_itself_renders_as_text(study):
    workspace, _ = study
    data = rendered_data(workspace)
    inject(data)
    html = render_report(data)
    body = html.split('<script type="application/json"')[0]
    assert "<script>" not in body and "<img" not in body and "<!-- <" not in body
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in body
    assert "{{ 7*7 }}" in body and "&lt;/script&gt;&lt;!--" in body


def rendered_data(workspace: Path) -> dict:
    with Workspace.open(workspace, create=False) as ws:
        return report_data(ws, load_framework(), study_privacy(ws))


def inject(data: dict) -> None:
    """Hostile text in every kind of field the template shows: a quote, a theme label and
    summary, a persona's name, an ICP column."""
    theme = next(t for q in data["questions"] for t in q["themes"] if t["quotes"])
    theme["quotes"][0]["text"] = INJECTED[0]
    theme["quotes"][0]["source"] = INJECTED[3]
    theme["label"] = INJECTED[1]
    theme["summary"] = INJECTED[2]
    data["personas"][0]["name"] = INJECTED[3]
    if data["icp"] and data["icp"]["findings"]:
        data["icp"]["findings"]["top"][0]["column"] = INJECTED[0]


def test_the_same_workspace_gives_a_byte_identical_report(study, tmp_path):
    workspace, out = study
    with Workspace.open(workspace, create=False) as ws:
        run_report(ws, Settings(out=tmp_path))
    assert (tmp_path / "report.html").read_bytes() == (out / "report.html").read_bytes()


def test_the_report_is_pseudonymised_like_the_other_outputs(study, tmp_path):
    workspace, out = study
    html = (out / "report.html").read_text(encoding="utf-8").casefold()
    units = (out / "units.csv").read_text(encoding="utf-8").casefold()
    # interviewees of the sample corpus, by name, in quotes, ids and file names
    for name in ("tomasz", "wieczorek", "hannah", "lindqvist", "priya raman"):
        assert name not in html and name not in units, name
    assert re.search(r"interviews/p\d+-round2\.md", html)   # tomasz-wieczorek-round2.md
    with Workspace.open(workspace, create=False) as ws:
        run_report(ws, Settings(out=tmp_path, keep_names=True))
    kept = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "tomasz-wieczorek" in kept and "Names are kept" in kept


def test_theme_charts_carry_every_theme_of_their_question(study):
    workspace, out = study
    data = embedded((out / "report.html").read_text(encoding="utf-8"))
    with Workspace.open(workspace, create=False) as ws:
        rows = ws.query("SELECT dimension, COUNT(*) AS n FROM themes GROUP BY dimension")
    assert {f"themes-{r['dimension']}": r["n"] for r in rows} == {
        name: len(values) for name, values in data["charts"].items()
        if name.startswith("themes-")}


def test_a_custom_stylesheet_replaces_the_shipped_one(study, tmp_path):
    workspace, _ = study
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    with Workspace.open(workspace, create=False) as ws:
        run_report(ws, Settings(out=tmp_path / "out", templates=templates))
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "rebeccapurple" in html and "--lift1" not in html


def test_a_custom_script_that_could_end_its_block_is_refused(study, tmp_path):
    workspace, _ = study
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.js").write_text("console.log('</script>');\n", encoding="utf-8")
    with Workspace.open(workspace, create=False) as ws, \
            pytest.raises(SynthError, match=r"report.js holds '</script'"):
        run_report(ws, Settings(out=tmp_path / "out", templates=templates))
    assert not (tmp_path / "out" / "report.html").exists()


def test_report_on_an_empty_workspace_exits_2_and_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Workspace.open(tmp_path / "ws"):
        pass
    result = CliRunner().invoke(main, ["--workspace", str(tmp_path / "ws"), "report",
                                       "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output == (f"Error: the workspace {tmp_path / 'ws'} holds no statements yet. "
                             "Run `synth run PATH...` (or `synth ingest PATH...` then `synth "
                             "themes`) first\n")
    assert not (tmp_path / "out" / "report.html").exists()


def test_report_before_themes_exits_2_and_says_what_to_run(synth, tmp_path):
    survey = write_hostile_survey(tmp_path / "in" / "s.csv")
    assert synth("ingest", str(survey)).exit_code == 0
    result = synth("report", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "has no themes yet. Run `synth themes`" in result.output
    assert "Traceback" not in result.output


def test_report_command_writes_the_report_and_says_where(study, tmp_path):
    workspace, out = study
    result = CliRunner().invoke(main, ["--workspace", str(workspace), "report",
                                       "--out", str(tmp_path / "elsewhere")])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {tmp_path / 'elsewhere' / 'report.html'}\n"
    assert (tmp_path / "elsewhere" / "report.html").read_bytes() == \
        (out / "report.html").read_bytes()


def themes_only(folder: Path) -> Path:
    """report.html of a survey analysed into themes, no personas or ICP yet."""
    survey = write_hostile_survey(folder / "in" / "s.csv")
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [survey], IngestOptions(), splitter=fake_splitter)
        run_themes(workspace, Settings(out=folder / "out"), *FAKES)
        return run_report(workspace, Settings(out=folder / "out"))


def test_a_report_after_themes_alone_says_what_to_run_for_the_rest(tmp_path):
    html = themes_only(tmp_path).read_text(encoding="utf-8")
    assert "No personas yet: run <code>synth personas</code>" in html
    assert "No ICP yet: run <code>synth icp</code>" in html
    data = embedded(html)
    assert data["personas"] == [] and len(data["statements"]) >= 30
    assert [s["column"] for s in data["segments"]] == [
        "How many people work at your company?", "What is your role?"]


def test_segment_comparisons_count_people_and_are_sorted_by_a_tested_difference(study):
    _, out = study
    data = embedded((out / "report.html").read_text(encoding="utf-8"))
    comparisons = data["comparisons"]
    # one list per "compare by" choice: personas first, then each survey answer column
    assert len(comparisons) == bool(data["personas"]) + len(data["segments"])
    people = data["people"]
    speakers = {s[1] for s in data["statements"] if s[1] >= 0}
    for segment, by in zip(data["segments"], comparisons[bool(data["personas"]):]):
        assert len(by) == len(segment["values"])
        for value, found in enumerate(by):
            members = {i for i, answer in enumerate(segment["answers"]) if answer == value}
            assert found["n"] == len(members & speakers)
            assert found["n"] + found["rest"] == len(speakers)
            differences = [t["difference"] for t in found["themes"]]
            assert differences == sorted(differences, reverse=True)
            for t in found["themes"]:
                assert 0 <= t["people"] <= found["n"]
                assert t["low"] <= t["difference"] <= t["high"]
                assert 0 < t["p_adjusted"] <= 1
            assert bool(found["too_small"]) == (min(found["n"], found["rest"]) < 5)
    assert len(people) >= len(speakers)


def icp_section(html: str) -> str:
    section = html[html.index('<section id="icp"'):]
    return section[:section.index("</section>")]


def test_every_icp_line_says_where_it_came_from(study):
    section = icp_section((study[1] / "report.html").read_text(encoding="utf-8"))
    attributes = re.findall(r"<li><strong>(.*?)</strong>: strength .*?<span class=\"origin\">"
                            r"Source: (.*?)\.</span></li>", section)
    assert attributes[0] == (
        "How many people work at your company?",
        "survey column “How many people work at your company?” in "
        "corpora/survey/beacon-survey-2026.csv, hostile-survey.csv")
    assert len(attributes) == 3 and all(where.startswith(f"survey column “{column}” in ")
                                        for column, where in attributes)
    # a firmographic read from a statement shows its quote, with the file and the place,
    # linked to the source viewer
    mentioned = section[section.index("What participants say about their companies"):]
    assert re.search(r'<li><strong>6 people</strong>: 1 person<blockquote class="quote">\s*'
                     r"<p>A lower price. We&#39;re 6 people.</p>\s*<footer><a class=\"cite\" "
                     r'href="#unit-\w+" data-unit="\w+">P\d+ · <span class="src">'
                     r"corpora/survey/beacon-survey-2026.csv</span> · row \d+, column ",
                     mentioned)
    for heading in ("Personas by value", "What best-fit customers need",
                    "What they don't need"):
        after = section[section.index(f"<h3>{heading}</h3>"):]
        assert after.split("\n")[1].startswith('<p class="origin">Source: ')


def test_icp_sources_from_the_data_render_as_text(study):
    data = rendered_data(study[0])
    data["icp"]["findings"]["top"][0]["where"] = f"survey column “{INJECTED[0]}” in x.csv"
    mention = data["icp"]["mentioned"]["company size"][0]
    mention["value"] = INJECTED[1]
    mention["quote"] = {**mention["quote"], "text": INJECTED[2], "source": INJECTED[3],
                        "location": INJECTED[0]}
    section = icp_section(render_report(data))
    assert "<script>" not in section and "<img" not in section and "<!-- <" not in section
    assert "Source: survey column “&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in section
    assert "<strong>&lt;img src=x onerror=" in section
    assert '<span class="src">&lt;/script&gt;&lt;!--' in section
    assert "· &lt;script&gt;window.__pwned = 1&lt;/script&gt; the deploy" in section


def test_a_weak_icp_says_it_is_too_weak_to_score_in_the_report(study):
    data = rendered_data(study[0])
    for attribute in data["icp"]["findings"]["top"]:
        attribute["strength"] = 0.13
    from synth.render.report_data import lead_rules
    data["lead_rules"] = lead_rules(data["icp"]["findings"])
    assert {r["why"] for r in data["lead_rules"]} == {
        "too weak to matter (strength under 0.20)"}
    section = icp_section(render_report(data))
    assert "The ICP is too weak to score leads: no attribute is both conclusive and strong " \
           "enough to matter" in section
    assert "too weak to matter (strength under 0.20): no points" in section


class _Stored:
    """The two tables `_icp_sources` reads, as a workspace's `query` returns them."""

    def query(self, sql: str) -> list[dict]:
        if "FROM sources" in sql:
            return [{"display": "in/survey.csv",
                     "columns": json.dumps({"Company size": "attribute", "Role": "attribute"})},
                    {"display": "in/Maria Lopez survey.csv",
                     "columns": json.dumps({"Company size": "attribute"})}]
        return [{"attribute": "Segment", "origin": "in/people.csv, row 3"},
                {"attribute": "Segment", "origin": "tag"}]


def test_icp_attributes_name_the_files_or_the_people_file_and_tags_that_gave_them():
    from synth.privacy import Privacy
    from synth.render.report_data import _icp_sources
    findings = {"top": [{"column": "Company size"}, {"column": "Segment"}],
                "others": [{"column": "Role"}, {"column": "Gone"}]}
    _icp_sources(_Stored(), findings, Privacy({"P01": "Maria Lopez"}))
    assert [a["where"] for a in findings["top"] + findings["others"]] == [
        "survey column “Company size” in in/P01 survey.csv, in/survey.csv",
        "attribute “Segment” from people file in/people.csv, synth participants tag",
        "survey column “Role” in in/survey.csv",
        "column “Gone”"]
