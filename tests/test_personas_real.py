"""Personas with the real spaCy pipeline and embedding model: the sample corpus against its
planted segments, and the shared PyPI interviews split in two."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from sklearn.metrics import adjusted_rand_score

from synth.analyse.framework import load_framework
from synth.ingest import IngestOptions, ingest
from synth.personas.segment import max_personas, min_personas
from synth.personas.validity import Z_MIN
from synth.stages import Settings, run_personas, run_themes
from synth.workspace import Workspace
from tests.conftest import CORPUS, INTERVIEWS, ROOT, needs

pytestmark = pytest.mark.slow

TRUTH = ROOT / "benchmarks" / "truth"
SECTIONS = [d.id for d in load_framework().dimensions]
MAINTAINERS = {"donald", "ernest", "nick"}      # upstream; naomi, terri, jackie are users
OUTPUTS = ("units.csv", "themes.json", "themes.md", "personas.json", "participants.csv",
           "devrel-plan.md", "index.md")


def analysed(folder: Path, paths: list[Path], k: int | None = None):
    """Ingest, themes and personas, real models. -> (run, participants rows, sources, out)"""
    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, paths, IngestOptions())
        run_themes(workspace, Settings(out=out))
        run = run_personas(workspace, Settings(out=out, personas=k))
        people = {r["id"]: dict(r) for r in workspace.query(
            "SELECT id, name, kind FROM participants")}
        sources = [r["display"] for r in workspace.query("SELECT display FROM sources")]
    return run, people, sources, out


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return analysed(tmp_path_factory.mktemp("sample"), [CORPUS])


@pytest.fixture(scope="module")
def pypi(tmp_path_factory):
    if not INTERVIEWS.exists():
        pytest.skip(f"{INTERVIEWS} is absent (shared data)")
    return analysed(tmp_path_factory.mktemp("pypi"), [INTERVIEWS], k=2)


def planted() -> tuple[dict[str, str], dict[str, str]]:
    """(Response ID -> segment, interviewee name -> segment)."""
    with (TRUTH / "sample-survey-truth.csv").open(encoding="utf-8") as handle:
        survey = {r["Response ID"]: r["segment"] for r in csv.DictReader(handle)}
    with (TRUTH / "sample-interviews-truth.csv").open(encoding="utf-8") as handle:
        interviews = {r["speaker"]: r["segment"] for r in csv.DictReader(handle)}
    return survey, interviews


def labelled(run, people: dict[str, dict]) -> list[tuple[str, int]]:
    """(planted segment, persona index) for every participant the truth files cover."""
    survey, interviews = planted()
    pairs = []
    for pid, label in zip(run.result.ids, run.result.segmentation.labels.tolist()):
        person = people[pid]
        truth = survey if person["kind"] == "respondent" else interviews
        if person["name"] in truth:
            pairs.append((truth[person["name"]], label))
    return pairs


def majority(pairs: list[tuple[str, int]]) -> dict[str, int]:
    """Planted segment -> the persona index holding most of its members."""
    return {segment: Counter(label for s, label in pairs if s == segment).most_common(1)[0][0]
            for segment in sorted({s for s, _ in pairs})}


def shown_text(path: Path, sources: list[str]) -> str:
    """An output file's text: names must not appear anywhere in it, file names included."""
    assert sources
    return path.read_text("utf-8")


def name_pattern(people: dict[str, dict]) -> re.Pattern[str]:
    words = {word for person in people.values() if person["kind"] != "respondent"
             for word in person["name"].split() if len(word) >= 3}
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words))) + r")\b",
                      re.IGNORECASE)


# -- sample corpus: planted segments ---------------------------------------------------------

def test_sample_personas_recover_the_planted_segments(sample):
    run, people, _, _ = sample
    pairs = labelled(run, people)
    assert len(pairs) == 312        # 300 respondents + 12 interviewees (Tomasz counted once)
    assert all(label >= 0 for _, label in pairs), "nobody planted is left unassigned"
    # measured: ARI 0.915 with automatic k = 5 (6 of the 41 buyers land in other personas;
    # 7 interviewees of other segments join the buyers' persona)
    assert adjusted_rand_score(*zip(*pairs)) >= 0.8
    k = run.result.segmentation.k
    segmented = run.result.segmentation.how.count("profile")
    assert min_personas(segmented) <= k <= max_personas(segmented)
    assert len(set(majority(pairs).values())) == 5 == k, "each segment its own persona"


def test_sample_segments_beat_shuffled_answers_and_hold_on_subsets(sample):
    """Measured: the planted segments beat 20 shuffled copies by far (z over 50) and hold on
    10 subsets of 80% (mean ARI 0.99, every persona's Jaccard 0.97 or more)."""
    run, _, _, out = sample
    validity = run.result.segmentation.validity
    assert validity.decision == "segments" and validity.k == run.result.segmentation.k == 5
    test = validity.null
    assert test.passed and test.real > test.null_max and test.z >= 10
    assert validity.stability.passed and validity.stability.mean_ari >= 0.9
    assert validity.stability.flagged == []
    saved = json.loads((out / "personas.json").read_text("utf-8"))
    assert saved["validity"]["decision"] == "segments"
    assert all(card["validity"]["stable"] for card in saved["personas"])


def test_buyers_come_out_as_a_buyer_persona_and_everyone_else_as_users(sample):
    run, people, _, _ = sample
    cards = run.result.cards
    kinds = {segment: cards[label]["kind"] for segment, label in
             majority(labelled(run, people)).items()}
    assert kinds == {"buyers": "buyer", "data": "user", "frontend": "user",
                     "maintainer": "user", "platform": "user"}


def test_each_segment_is_moved_by_its_planted_motivation(sample):
    run, people, _, _ = sample
    cards = run.result.cards
    dominant = {segment: (cards[label]["motivation"]["dominant"] or {}).get("id")
                for segment, label in majority(labelled(run, people)).items()}
    # measured: buyers -> product_use (their planted motive, productive teams, is not one
    # of the four developer motivations), so it is left out here
    assert {s: m for s, m in dominant.items() if s != "buyers"} == {
        "maintainer": "open_source", "frontend": "career", "platform": "product_use",
        "data": "thought_leadership"}


def test_sample_cards_have_the_eight_sections_and_quotes_with_places(sample):
    run, _, sources, out = sample
    for card in json.loads((out / "personas.json").read_text("utf-8"))["personas"]:
        assert [s["id"] for s in card["sections"]] == SECTIONS
        quotes = [q for s in card["sections"] for q in s["quotes"]]
        folders = {source.rsplit("/", 1)[0] for source in sources}
        assert quotes and all(q["source"].rsplit("/", 1)[0] in folders and q["location"]
                              for q in quotes)
        assert all(re.fullmatch(r"P\d{3}", q["participant_id"]) for q in quotes)
    assert len(list((out / "personas").glob("persona-*.md"))) == run.result.segmentation.k


def test_sample_outputs_name_nobody_not_even_in_file_names(sample):
    _, people, sources, out = sample
    names = name_pattern(people)
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {*OUTPUTS, "persona-1.md"}
    for path in files:
        found = names.search(shown_text(path, sources))
        assert not found, (path.name, found)


# -- shared interviews: maintainers and users ------------------------------------------------

@needs(INTERVIEWS)
def test_pypi_interviews_k2_sets_two_maintainers_apart_and_keeps_users_together(pypi):
    """Measured with k = 2: two of the three upstream maintainers form a persona and the
    third shares one with the three downstream users, ARI 0.32 against maintainers/users (as
    the README reports): {Donald, Nick} with the themes of December 2; {Donald, Ernest} since
    the themes redesign (main at 694741f). (Before sub-themes entered the profiles, Donald
    stood alone, ARI 0.0.) If segmentation starts separating maintainers from users fully,
    update this test and the README's Personas benchmark together."""
    run, people, _, _ = pypi
    assert run.result.segmentation.k == 2
    assert set(run.result.segmentation.how) == {"profile"}
    persona = {people[pid]["name"].lower(): label for pid, label in
               zip(run.result.ids, run.result.segmentation.labels.tolist())}
    assert set(persona) == MAINTAINERS | {"naomi", "terri", "jackie"}
    groups: dict[int, set[str]] = {}
    for name, label in persona.items():
        groups.setdefault(label, set()).add(name)
    apart, together = sorted(groups.values(), key=len)
    assert len(apart) == 2 and apart <= MAINTAINERS
    assert together == (MAINTAINERS - apart) | {"naomi", "terri", "jackie"}
    truth = ["maintainer" if name in MAINTAINERS else "user" for name in persona]
    assert adjusted_rand_score(truth, list(persona.values())) == pytest.approx(0.324, abs=1e-3)
    # k = 2 is kept because it was forced, but the figures say the data do not support it:
    # the silhouette does not beat shuffled copies by NULL_Z (measured: 0.258 against
    # 0.150 ± 0.051, max 0.261, p 0.095; since 5 December, with the embedder's batches of
    # 16: 0.273 against 0.172 ± 0.045, max 0.266, z 2.24, p 0.048, the floor of 20 copies)
    validity = run.result.segmentation.validity
    assert validity.decision == "forced" and validity.k == 2
    assert not validity.null.passed and validity.null.z < Z_MIN
    assert validity.reason.startswith("forced by --k 2; the data do not support segments")


@needs(INTERVIEWS)
def test_pypi_cards_have_the_eight_sections_and_name_nobody(pypi):
    run, people, sources, out = pypi
    assert len(run.result.cards) == 2
    names = name_pattern(people)
    assert names.search("Donald, Naomi and the interviewer Amanda")
    for card in json.loads((out / "personas.json").read_text("utf-8"))["personas"]:
        assert [s["id"] for s in card["sections"]] == SECTIONS
        assert card["interviewed"] == card["size"] and card["surveyed"] == 0
    cards = sorted((out / "personas").glob("*.md"))
    assert [p.name for p in cards] == ["index.md", "persona-1.md", "persona-2.md"]
    for card in cards[1:]:
        assert "## 8. Presence" in card.read_text("utf-8")
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {*OUTPUTS, "persona-1.md"}
    for path in files:
        text = shown_text(path, sources)
        assert not names.search(text), (path.name, names.search(text))
    rows = (out / "participants.csv").read_text("utf-8").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == [f"P{n:02d}" for n in range(1, 7)]
