"""Themes with the real spaCy pipeline and embedding model, on the sample corpus."""

import json

import pytest

from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import spacy_describer
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_themes
from synth.workspace import Workspace
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [CORPUS], IngestOptions())
        run_themes(workspace, Settings(out=folder / "out"))
        yield workspace, folder / "out"


def test_entities_are_normalised_to_one_canonical_name():
    describe = spacy_describer(load_gazetteer())
    facts = list(describe(["I use vscode at work.", "VS Code is my editor.",
                           "We moved to golang and k8s.", "I post on Stack Overflow and r/rust."]))
    assert facts[0].entities == facts[1].entities == (("VS Code", "editor"),)
    names = {name for name, _ in facts[2].entities}
    assert {"Go", "Kubernetes"} <= names
    assert "Stack Overflow" in {name for name, _ in facts[3].entities}


def test_gazetteer_ships_hundreds_of_entries_with_kinds():
    gazetteer = load_gazetteer()
    assert len(gazetteer.entries) >= 300
    kinds = {kind for _, kind, _ in gazetteer.entries}
    assert {"language", "framework", "tool", "editor", "platform", "community"} <= kinds


def _themes(out):
    data = json.loads((out / "themes.json").read_text("utf-8"))
    return {d["id"]: d["themes"] for d in data["dimensions"]}


def _words(theme):
    """What a reader sees of a theme: its label, keyphrases, entities and quotes, and those of
    its sub-themes."""
    subthemes = [" ".join([s["label"], *s["keyphrases"], *(q["text"] for q in s["quotes"])])
                 for s in theme.get("subthemes", [])]
    return " ".join([theme["label"], *theme["keyphrases"], *(e[0] for e in theme["entities"]),
                     *(q["text"] for q in theme["quotes"]), *subthemes]).lower()


@pytest.mark.parametrize(("dimension", "planted"), [
    # planted pains may be named in other words: procurement as vendor risk assessments,
    # pricing as price increases
    pytest.param("frustration",
                 ["flaky", "burnout", ("procurement", "vendor risk"), ("pricing", "price")],
                 marks=pytest.mark.xfail(reason="known since issue 18: the sample corpus's "
                                         "planted pains, each said in varied words, are "
                                         "uncoded (no label most of their answers hold)",
                                         strict=True)),
    ("tools", ["terraform", "jenkins", "vs code", "github"]),
    ("presence", ["mastodon", "stack overflow", "youtube", "hacker news"]),
])
def test_planted_pains_tools_and_communities_come_out_as_themes_or_sub_themes(sample, dimension, planted):
    _, out = sample
    themes = _themes(out)[dimension]
    missed = [words for words in planted
              if not any(w in _words(t) for t in themes[:12]
                         for w in ((words,) if isinstance(words, str) else words))]
    # at most one planted topic may stay uncoded: a theme is shown only when its statements
    # hold its label (burnout, said in many words, was uncoded after issue 18)
    assert len(missed) <= 1, f"{missed} have no {dimension} theme"


def test_a_question_names_a_theme_once_per_stance(sample):
    # the sample corpus mixes interviews and a survey: "Mastodon" from both is one theme
    workspace, out = sample
    for dimension, themes in _themes(out).items():
        names = [(t["label"].lower(), t.get("stance") or "neutral") for t in themes]
        assert len(names) == len(set(names)), f"{dimension}: {sorted(names)}"
    [mastodon] = [t for t in _themes(out)["presence"] if t["label"] == "Mastodon"]
    kinds = workspace.query("SELECT DISTINCT s.kind FROM unit_themes ut JOIN units u"
                            " ON u.id = ut.unit_id JOIN sources s ON s.id = u.source_id"
                            " WHERE ut.theme_id = ? ORDER BY s.kind", (mastodon["id"],))
    assert [row["kind"] for row in kinds] == ["interview", "survey"]


def test_sample_corpus_themes_cover_every_question_and_hold_their_labels(sample):
    _, out = sample
    themes = _themes(out)
    assert all(themes[d] for d in ("job", "motivation", "frustration", "tools", "workflow",
                                   "collaboration", "presence"))
    data = json.loads((out / "themes.json").read_text("utf-8"))
    assert data["unassigned"] <= 0.5 * data["units"]      # uncoded: no theme passed its checks
    for theme in (t for ts in themes.values() for t in ts):
        assert theme["label"].strip(" /").lower() not in {"thing", "it", "that", "lot", "way"}
        # near-duplicate answers are quoted once: a small theme may have two
        assert len(theme["quotes"]) >= min(2, theme["size"])
        assert theme["cohesion"] >= 2     # 3 when found; absorbing close statements lowers it


def test_a_single_interview_gets_themes(tmp_path):
    # one interview of 91 statements: a study this small still gets a theme, and only
    # under labels its statements hold ("Supporting Rust version", held by 1 of its 11
    # statements once some had left it for another question, is no longer shown)
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [CORPUS / "interviews" / "lukas-brenner.txt"], IngestOptions())
        result = run_themes(workspace, Settings(out=tmp_path / "out"))
    assert len(result.analysis.ids) > 50
    assert result.themes
    assert all(t.label and t.quotes and t.support >= 0.5 for t in result.themes)
