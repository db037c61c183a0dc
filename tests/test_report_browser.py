"""report.html in a real headless browser (Debian's Chromium, driven by Playwright).

On the sample corpus plus a survey of hostile answers (fake models, fast), on the sample
corpus with the real models, and on the real Jupyter survey: the page loads from file://
with no console error and no request; every section is there; every chart is drawn as SVG
with one mark per data row; choosing a segment shows the counts the workspace gives
(counted here with SQL, independently of the report's code); search finds a known statement;
a quote's link shows its source and location; injected markup stays inert text.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from synth.ingest import IngestOptions, ingest
from synth.render.report import render_report
from synth.stages import Settings, run_icp, run_personas, run_report, run_themes
from synth.study import study_privacy
from synth.workspace import Workspace
from tests.browser import chromium, missing, open_report
from tests.conftest import CORPUS, JUPYTER_SURVEY, needs
from tests.test_report import INJECTED, build_study, inject, rendered_data, themes_only

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(missing() is not None, reason=missing() or "")]

SECTIONS = ["overview", "questions", "personas", "segments", "search", "icp", "devrel"]
BUDGET = 5 * 1024 * 1024


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as found:
        yield found


@pytest.fixture(scope="module")
def fake(tmp_path_factory) -> tuple[Path, Path]:
    return build_study(tmp_path_factory.mktemp("browser"))


def real_study(folder: Path, path: Path) -> tuple[Path, Path]:
    """Every stage with the real spaCy pipeline and embedding model."""
    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [path], IngestOptions())
        settings = Settings(out=out)
        run_themes(workspace, settings)
        run_personas(workspace, settings)
        run_icp(workspace, settings)
        run_report(workspace, settings)
    return folder / "ws", out


# -- what the workspace says, counted with SQL ----------------------------------------------

def answers(workspace: Path, column: str) -> dict[str, str]:
    """Researched participant id -> their answer to a survey column (white space collapsed)."""
    with Workspace.open(workspace, create=False) as ws:
        rows = ws.query("SELECT id, attributes FROM participants"
                        " WHERE kind IN ('participant', 'respondent')")
    return {row["id"]: " ".join(str(json.loads(row["attributes"]).get(column, "")).split())
            for row in rows}


def speakers(workspace: Path) -> set[str]:
    """Participants with at least one statement: the people segments count."""
    with Workspace.open(workspace, create=False) as ws:
        return {row["participant_id"] for row in ws.query(
            "SELECT DISTINCT participant_id FROM units")}


def voices(workspace: Path) -> dict[str, set[str]]:
    """Theme id -> the participants with a statement in it."""
    with Workspace.open(workspace, create=False) as ws:
        rows = ws.query("SELECT ut.theme_id, u.participant_id FROM unit_themes ut"
                        " JOIN units u ON u.id = ut.unit_id")
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["theme_id"], set()).add(row["participant_id"])
    return found


# -- the checks, shared by every study --------------------------------------------------------

def check_loads_cleanly(visit, report: Path) -> None:
    assert visit.problems() == []
    assert visit.fetched(report) == []


def check_sections(page) -> None:
    for section in SECTIONS:
        heading = page.locator(f"#{section} h2")
        assert heading.is_visible(), section
        assert heading.inner_text().strip(), section


def check_charts(page, workspace: Path) -> None:
    """Every chart is an SVG; a theme chart has one bar per theme of its question, each with
    the theme's label in its text alternative."""
    with Workspace.open(workspace, create=False) as ws:
        themes = ws.query("SELECT dimension, label FROM themes")
    charts = page.locator("[data-chart]")
    assert charts.count() >= 2
    for i in range(charts.count()):
        chart = charts.nth(i)
        name = chart.get_attribute("data-chart")
        assert chart.locator("svg").count() == 1, name
        marks = chart.locator("svg [role=graphics-symbol][aria-roledescription]:not("
                              "[aria-roledescription=axis]):not([aria-roledescription=legend])")
        assert marks.count() > 0, name
        if name.startswith("themes-"):
            dimension = name.removeprefix("themes-")
            assert marks.count() == sum(1 for t in themes if t["dimension"] == dimension), name
    details = page.locator("details.subthemes").first     # drawn when first opened
    details.locator("summary").click()
    lazy = details.locator("[data-lazy-chart] svg [aria-roledescription=bar]")
    lazy.first.wait_for()
    assert lazy.count() == details.locator("li").count()       # one bar per sub-theme
    first = page.locator("[data-chart^=themes-] svg").first
    labels = " ".join(first.locator("[aria-roledescription=bar]").evaluate_all(
        "marks => marks.map(m => m.getAttribute('aria-label'))"))
    assert "share" in labels and "label" in labels


def check_segment(page, workspace: Path, column: str, value: str, expected_people: int) -> None:
    """Compare by a survey column, pick one answer: the segment's size and every theme's
    count are what the workspace says."""
    page.select_option("#segment-by", label=column)
    option = page.locator("#segment-value option", has_text=f"{value} (")
    page.select_option("#segment-value", value=option.first.get_attribute("value"))
    chosen = answers(workspace, column)
    members = {pid for pid, answer in chosen.items() if answer == value}
    assert len(members) == expected_people
    members &= speakers(workspace)
    summary = page.locator("#segment-summary")
    assert summary.get_attribute("data-size") == str(len(members))
    assert f"{len(members)} {'person' if len(members) == 1 else 'people'}" in summary.inner_text()
    segment = option.first.get_attribute("value")
    cells = page.locator(f"#segment-table td[data-segment='{segment}']")
    shown = dict(zip(cells.evaluate_all("cs => cs.map(c => c.dataset.theme)"),
                     map(int, cells.evaluate_all("cs => cs.map(c => c.dataset.count)"))))
    counted = {theme: len(who & members) for theme, who in voices(workspace).items()}
    assert shown == counted
    assert any(n > 0 for n in shown.values())
    assert page.locator("#segment-chart svg [role=graphics-symbol]").count() > 0


def searched(page, count: str = r"match") -> None:
    """Wait for the search's count. (Not with wait_for_function: it evaluates a string,
    which the page's Content-Security-Policy refuses, as it should.)"""
    page.locator("#search-count", has_text=re.compile(count)).wait_for()


def check_search(page, text: str) -> None:
    words = " ".join(text.split()[:6])
    page.fill("#search-box", words)
    searched(page)
    assert "match" in page.locator("#search-count").inner_text()
    results = page.locator("#search-results li").all_inner_texts()
    assert any(words.lower() in " ".join(result.split()).lower() for result in results)


def check_quote_link(page, workspace: Path) -> None:
    """The first quote of the first theme opens the source viewer at its statement."""
    cite = page.locator("#questions a.cite").first
    unit = cite.get_attribute("data-unit")
    quoted = page.locator("#questions blockquote.quote p").first.inner_text()
    cite.click()
    page.wait_for_selector("#source:not([hidden])")
    with Workspace.open(workspace, create=False) as ws:
        row = ws.query("SELECT u.location, s.display FROM units u JOIN sources s"
                       " ON s.id = u.source_id WHERE u.id = ?", (unit,))[0]
    assert page.locator("#source .source-location").inner_text() == row["location"]
    name = page.locator("#source .source-name").inner_text()
    assert Path(name).suffix == Path(row["display"]).suffix
    assert name.split("/")[-2:-1] == row["display"].split("/")[-2:-1]     # same folder
    here = page.locator("#source-context li.here")
    assert here.count() == 1 and quoted in here.inner_text()
    assert cite.inner_text().endswith(row["location"])


# -- fast: the sample corpus and hostile answers, fake models -----------------------------------

def test_the_report_loads_offline_with_every_section_and_chart(browser, fake):
    workspace, out = fake
    visit = open_report(browser, out / "report.html")
    check_loads_cleanly(visit, out / "report.html")
    check_sections(visit.page)
    check_charts(visit.page, workspace)
    visit.page.close()


def test_choosing_a_segment_shows_the_workspace_counts(browser, fake):
    workspace, out = fake
    visit = open_report(browser, out / "report.html")
    check_segment(visit.page, workspace, "How many people work at your company?", "11-50",
                  expected_people=sum(1 for a in answers(
                      workspace, "How many people work at your company?").values()
                      if a == "11-50"))
    assert visit.problems() == []
    visit.page.close()


def test_choosing_a_persona_shows_its_members_counts(browser, fake):
    workspace, out = fake
    with Workspace.open(workspace, create=False) as ws:
        persona = ws.query("SELECT id, detail FROM personas ORDER BY rank")[0]
        members = {row["participant_id"] for row in ws.query(
            "SELECT participant_id FROM participant_personas WHERE persona_id = ?",
            (persona["id"],))}
    members &= speakers(workspace)
    visit = open_report(browser, out / "report.html")
    page = visit.page
    page.select_option("#segment-by", label="Persona")
    page.select_option("#segment-value", index=0)
    assert page.locator("#segment-summary").get_attribute("data-size") == str(len(members))
    cells = page.locator("#segment-table td[data-segment='0']")
    shown = dict(zip(cells.evaluate_all("cs => cs.map(c => c.dataset.theme)"),
                     map(int, cells.evaluate_all("cs => cs.map(c => c.dataset.count)"))))
    assert shown == {theme: len(who & members) for theme, who in voices(workspace).items()}
    page.close()


def test_search_finds_a_statement_and_a_quote_leads_to_its_source(browser, fake):
    workspace, out = fake
    visit = open_report(browser, out / "report.html")
    check_search(visit.page, "slow flaky builds and long reviews hold the team back, week 17")
    check_quote_link(visit.page, workspace)
    assert visit.problems() == []
    visit.page.close()


def test_a_questions_uncoded_statements_are_listed_as_the_workspace_has_them(browser, fake):
    workspace, out = fake
    with Workspace.open(workspace, create=False) as ws:
        rows = ws.query("SELECT p.dimension, u.text FROM units u JOIN placements p"
                        " ON p.unit_id = u.id LEFT JOIN unit_themes t ON t.unit_id = u.id"
                        " WHERE t.unit_id IS NULL")
        privacy = study_privacy(ws)                 # the page shows redacted text
    uncoded: dict[str, list[str]] = {}
    for row in rows:
        uncoded.setdefault(row["dimension"], []).append(
            " ".join(privacy.text(row["text"]).split()))
    visit = open_report(browser, out / "report.html")
    boxes = visit.page.locator("details.uncoded")
    assert boxes.count() == sum(1 for texts in uncoded.values() if texts) > 0
    box = boxes.first
    question = box.get_attribute("data-question")
    assert box.locator("li").count() == 0                     # listed when first opened
    box.locator("summary").click()
    box.locator("li").first.wait_for()
    shown = [" ".join(t.split()) for t in box.locator("li > p:first-child").all_inner_texts()]
    assert sorted(shown) == sorted(uncoded[question])
    assert str(len(uncoded[question])) in box.locator("summary").inner_text()
    assert box.locator("a.cite").count() == len(shown)       # each leads to where it was said
    assert visit.problems() == []
    visit.page.close()


def test_injected_markup_in_the_data_stays_inert_text(browser, fake, tmp_path):
    workspace, _ = fake
    data = rendered_data(workspace)
    inject(data)
    report = tmp_path / "report.html"
    report.write_text(render_report(data), encoding="utf-8")
    visit = open_report(browser, report)
    page = visit.page
    check_loads_cleanly(visit, report)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    body = page.locator("main").inner_text()
    assert INJECTED[0] in body and INJECTED[1] in body and INJECTED[2] in body
    assert "49 and" not in body
    page.fill("#search-box", "7*7")
    searched(page)
    assert "{{ 7*7 }} and {% if true %}jinja{% endif %}" in page.locator(
        "#search-results").inner_text()
    page.fill("#search-box", "pwned")
    searched(page, r"^3 statements match")
    page.locator("#search-results a.cite").first.click()
    page.wait_for_selector("#source:not([hidden])")
    assert "window.__pwned" in page.locator("#source-context li.here").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert visit.dialogs == [] and page.locator("img").count() == 0
    page.close()


def test_a_report_without_personas_or_icp_still_works(browser, tmp_path):
    report = themes_only(tmp_path)
    visit = open_report(browser, report)
    check_loads_cleanly(visit, report)
    check_sections(visit.page)
    assert visit.page.locator("#segment-by").input_value() == "0"
    assert "How many people work at your company?" in visit.page.locator(
        "#segment-summary").inner_text()
    visit.page.close()


def test_print_shows_one_persona_per_page(browser, fake, tmp_path):
    _, out = fake
    visit = open_report(browser, out / "report.html")
    page = visit.page
    page.emulate_media(media="print")
    breaks = page.locator(".persona").evaluate_all(
        "cards => cards.map(c => getComputedStyle(c).breakAfter)")
    assert breaks and set(breaks) == {"page"}
    assert page.locator("#search").evaluate("s => getComputedStyle(s).display") == "none"
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    page.close()


def overflow(page) -> list[str]:
    """Elements that make the page wider than its window (a wide table scrolling inside its
    own box does not)."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      const boxed = (node) => {
        for (let up = node.parentElement; up && up !== document.body; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== "visible") {
            return up.getBoundingClientRect().right <= width + 1;
          }
        }
        return false;
      };
      const wide = [];
      for (const node of document.querySelectorAll("body *")) {
        if (node.getBoundingClientRect().right > width + 1 && !boxed(node)) {
          wide.push(`${node.tagName.toLowerCase()}#${node.id}.${node.className}`);
        }
      }
      return wide;
    }""")


@pytest.mark.parametrize("width", [390, 360])
def test_a_phone_sized_window_never_scrolls_sideways(browser, fake, width):
    _, out = fake
    visit = open_report(browser, out / "report.html", width=width, height=800)
    page = visit.page
    for details in page.locator("details").all():
        details.evaluate("d => { d.open = true; }")
    page.locator("details.subthemes [data-lazy-chart] svg").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") == width
    assert overflow(page) == []
    charts = page.locator("[data-chart] svg, #segment-chart svg")
    boxes = charts.evaluate_all("svgs => svgs.map(s => s.getBoundingClientRect().right)")
    assert boxes and max(boxes) <= width
    assert visit.problems() == []
    page.close()


def axis_labels(page) -> dict[str, list[str]]:
    """Each drawn chart's x-axis tick labels, as shown."""
    return dict(page.evaluate("""() => [...document.querySelectorAll(
        "[data-chart], #segment-chart")].filter((c) => c.querySelector("svg")).map((c) => [
        c.dataset.chart || c.id,
        [...c.querySelectorAll(".role-axis")]
          .filter((a) => (a.getAttribute("aria-label") || "").startsWith("X"))
          .flatMap((a) => [...a.querySelectorAll(".role-axis-label text")])
          .map((t) => t.textContent)])"""))


def lift(label: str) -> float:
    top, _, bottom = label.partition("/")
    return float(top) / float(bottom) if bottom else float(top)


@pytest.mark.parametrize("width", [1400, 390])
def test_axis_ticks_read_real_values_and_never_repeat(browser, fake, width):
    workspace, out = fake
    visit = open_report(browser, out / "report.html", width=width, height=900)
    found = axis_labels(visit.page)
    data = rendered_data(workspace)["app"]["charts"]
    assert "questions" in found and "icp" in found and "segment-chart" in found
    for name, labels in found.items():
        assert len(labels) >= 2, name
        assert len(set(labels)) == len(labels), (name, labels)
        if name == "icp":
            values = [lift(label) for label in labels]
            assert 1 in values
        elif name == "questions":
            values = [int(label) for label in labels]
            assert values[-1] >= max(r["statements"] for r in data[name])
        else:
            values = [int(label.removesuffix("%")) for label in labels]
            if name in data:
                assert values[-1] >= round(100 * max(r["share"] for r in data[name]))
        assert values == sorted(values), (name, labels)
        steps = {round(b - a, 6) for a, b in itertools.pairwise(values)}
        assert name == "icp" or (values[0] == 0 and len(steps) == 1), (name, labels)
    visit.page.close()


def test_the_source_viewer_shows_the_question_each_statement_answered(browser, fake):
    workspace, out = fake
    with Workspace.open(workspace, create=False) as ws:
        unit = ws.query("SELECT u.id, u.question FROM units u JOIN sources s"
                        " ON s.id = u.source_id WHERE s.kind = 'interview' AND u.question != ''"
                        " ORDER BY s.display, u.seq LIMIT 1 OFFSET 3")[0]
    visit = open_report(browser, out / "report.html")
    page = visit.page
    page.evaluate(f"location.hash = '#unit-{unit['id']}'")
    page.wait_for_selector("#source:not([hidden])")
    items = page.locator("#source-context li")
    classes = items.evaluate_all("items => items.map(i => i.className)")
    here = classes.index("here")
    asked = max(i for i, c in enumerate(classes[:here]) if c == "asked")
    text = items.nth(asked).inner_text()
    assert text == f"Asked: {' '.join(unit['question'].split())}"
    assert visit.problems() == []
    page.close()


def test_print_has_a_table_of_contents_and_the_screen_does_not(browser, fake, tmp_path):
    _, out = fake
    visit = open_report(browser, out / "report.html")
    page = visit.page
    assert page.locator("nav.toc").is_hidden()
    page.emulate_media(media="print")
    toc = page.locator("nav.toc")
    assert toc.is_visible()
    assert toc.evaluate("t => getComputedStyle(t).breakAfter") == "page"
    targets = toc.locator("a").evaluate_all("links => links.map(a => a.hash.slice(1))")
    assert {"overview", "questions", "personas", "icp", "devrel"} <= set(targets)
    assert all(page.locator(f"[id='{target}']").count() == 1 for target in targets)
    questions = page.locator("#questions section.question").count()
    assert sum(target.startswith("q-") for target in targets) == questions
    assert sum(1 for t in targets if t.startswith("persona-")) == page.locator(
        ".persona").count()
    page.close()


def test_keyboard_reaches_the_controls_in_order(browser, fake):
    _, out = fake
    visit = open_report(browser, out / "report.html")
    page = visit.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#segment-by")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "segment-value"
    for _ in range(20):      # past the segment's quote links, on to search
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-box":
            break
    else:
        pytest.fail("Tab never reached the search box")
    labels = page.locator("label").evaluate_all("ls => ls.map(l => l.htmlFor)")
    assert {"segment-by", "segment-value", "search-box"} <= set(labels)
    page.close()


# -- slow: the real models, on the sample corpus and the Jupyter survey -------------------------

@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, Path]:
    return real_study(tmp_path_factory.mktemp("sample"), CORPUS)


@pytest.fixture(scope="module")
def jupyter(tmp_path_factory) -> tuple[Path, Path]:
    return real_study(tmp_path_factory.mktemp("jupyter"), JUPYTER_SURVEY)


@pytest.mark.slow
def test_the_sample_report_in_the_browser(browser, sample):
    workspace, out = sample
    report = out / "report.html"
    visit = open_report(browser, report)
    page = visit.page
    check_loads_cleanly(visit, report)
    check_sections(page)
    check_charts(page, workspace)
    assert page.locator(".persona").count() >= 2
    assert page.locator("[data-chart=icp] svg [role=graphics-symbol]").count() > 0
    check_segment(page, workspace, "Which industry is your company in?", "Fintech",
                  expected_people=sum(1 for a in answers(
                      workspace, "Which industry is your company in?").values()
                      if a == "Fintech"))
    check_search(page, "Our main Go service takes 20+ min from push to green")
    check_quote_link(page, workspace)
    assert visit.problems() == []
    page.close()


@needs(JUPYTER_SURVEY)
@pytest.mark.slow
def test_the_jupyter_report_in_the_browser(browser, jupyter):
    workspace, out = jupyter
    report = out / "report.html"
    assert report.stat().st_size < BUDGET
    visit = open_report(browser, report)
    page = visit.page
    check_loads_cleanly(visit, report)
    check_sections(page)
    check_charts(page, workspace)
    column = "How often do you use Jupyter Notebook?"
    check_segment(page, workspace, column, "Daily", expected_people=sum(
        1 for a in answers(workspace, column).values() if a == "Daily"))
    with Workspace.open(workspace, create=False) as ws:
        statements = ws.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
    themes = json.loads((out / "themes.json").read_text(encoding="utf-8"))
    known = next(t["quotes"][-1]["text"] for d in themes["dimensions"] for t in d["themes"]
                 if t["quotes"])
    check_search(page, known)
    check_quote_link(page, workspace)
    page.fill("#search-box", "e")     # nearly every statement: the cap holds
    searched(page, r"the first 100 are shown")
    assert page.locator("#search-results li").count() == 100
    assert int(page.locator("#search-count").inner_text().split()[0]) <= statements
    assert visit.problems() == []
    page.close()
