"""Themes: clustering, labels, quotes and the written outputs, with fakes (fast)."""

import csv
import json

import numpy as np
import pytest

from synth.errors import SynthError
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_themes
from synth.themes.cluster import cluster, max_themes, min_themes
from synth.themes.label import make_label, rank_phrases, variant_key
from synth.themes.quotes import representative
from synth.workspace import Workspace
from tests.conftest import FAKES

TOPICS = {
    "What slows you down?": [
        "Flaky pipelines fail at random and we rerun them.",
        "The pipelines are flaky and slow every morning.",
        "Slow builds and flaky pipelines waste my mornings.",
    ],
    "Which tools do you use?": [
        "Terraform modules and Kubernetes clusters all day.",
        "Kubernetes clusters managed with Terraform modules.",
        "Mostly Terraform, plus Kubernetes dashboards.",
    ],
    "Where do you hang out online?": [
        "Discord servers and YouTube tutorials about React.",
        "YouTube tutorials, then Discord servers for questions.",
        "The Reactiflux Discord servers and some YouTube.",
    ],
}


def survey(write, rows: int = 24):
    lines = ["Response ID,Role," + ",".join(f'"{q}"' for q in TOPICS)]
    for i in range(rows):
        answers = [f'"{answers[i % 3]} Note {i}."' for answers in TOPICS.values()]
        lines.append(f"R{i:03d},{'Platform' if i % 2 else 'Frontend'}," + ",".join(answers))
    return write("survey.csv", "\n".join(lines) + "\n")


def themes_run(workspace, out, **settings):
    return run_themes(workspace, Settings(out=out, **settings), *FAKES)


@pytest.fixture
def study(workspace, write, fake_nlp):
    ingest(workspace, [survey(write)], IngestOptions())
    return workspace


def test_cluster_gives_a_small_study_several_themes_and_no_outlier_bucket():
    rng = np.random.default_rng(1)
    centres = rng.normal(size=(4, 32))
    vectors = np.vstack([c + 0.3 * rng.normal(size=(15, 32)) for c in centres])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    labels = cluster(vectors)
    assert min_themes(60) <= len(set(labels.tolist()) - {-1}) <= max_themes(60)
    assert (labels == -1).mean() <= 0.10
    # each planted group lands (almost) whole in one theme
    for group in range(4):
        members = labels[group * 15:(group + 1) * 15]
        assert np.bincount(members[members >= 0]).max() >= 13
    assert np.array_equal(labels, cluster(vectors)), "same input, same themes"


def test_cluster_override_and_size_order():
    vectors = np.eye(3)[[0] * 6 + [1] * 3 + [2] * 3].astype(float)
    labels = cluster(vectors, k=3)
    assert labels.tolist() == [0] * 6 + [1] * 3 + [2] * 3


def test_labels_are_distinctive_phrases_never_stop_words():
    ranked = rank_phrases({
        0: [("flaky tests", "builds"), ("flaky tests", "builds"), ("Builds", "team")],
        1: [("Terraform", "team"), ("Terraform", "modules"), ("Terraform", "team")],
    })
    assert ranked[0][:2] == ["builds", "flaky tests"]     # "team" is everywhere: ranked low
    assert ranked[1][0] == "Terraform"
    assert make_label(ranked[0], "Frustrations 1") == "Builds / flaky tests"
    assert make_label([], "Frustrations 1") == "Frustrations 1"
    assert variant_key("Builds") == variant_key("build") != variant_key("bus")


def test_representative_quotes_skip_near_duplicates_and_prefer_other_people():
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    texts = ["one two three four five"] * 4
    # by centrality: 2, 0, 1, 3; 1 repeats 0; 3 is from a person already quoted, so it
    # comes last, after every other person had their turn
    assert representative(vectors, texts, ["a", "b", "c", "a"]) == [2, 0, 3]


def test_themes_outputs_follow_the_contract(study, tmp_path):
    result = themes_run(study, tmp_path / "out")
    out = tmp_path / "out"
    assert [p.name for p in result.written] == ["units.csv", "themes.json", "themes.md"]
    with (out / "units.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["unit_id", "participant_id", "source", "location", "text",
                             "dimension", "theme_id", "theme_label"]
    assert len(rows) == 72
    assert rows[0]["location"].startswith("row 2, column ")
    assert sum(1 for r in rows if not r["theme_id"]) <= 0.10 * len(rows)
    data = json.loads((out / "themes.json").read_text("utf-8"))
    themes = [t for d in data["dimensions"] for t in d["themes"]]
    assert themes and all(1 <= len(t["quotes"]) <= 3 for t in themes)
    texts = {r["text"]: r for r in rows}
    for theme in themes:
        for quote in theme["quotes"]:   # every quote is a real statement at its real place
            assert texts[quote["text"]]["location"] == quote["location"]
            assert texts[quote["text"]]["theme_id"] == theme["id"]
    markdown = (out / "themes.md").read_text("utf-8")
    assert themes[0]["label"] in markdown and "row " in markdown


def test_same_input_gives_byte_identical_outputs(study, tmp_path):
    themes_run(study, tmp_path / "a")
    themes_run(study, tmp_path / "b")
    for name in ("units.csv", "themes.json", "themes.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_theme_override_sets_the_number_per_question(study, tmp_path):
    result = themes_run(study, tmp_path / "out", themes=1)
    per_dimension = [t.dimension for t in result.themes]
    assert len(per_dimension) == len(set(per_dimension))


def test_empty_workspace_says_to_ingest_first(tmp_path):
    with Workspace.open(tmp_path / "ws") as workspace, pytest.raises(SynthError) as error:
        themes_run(workspace, tmp_path / "out")
    assert "Run `synth ingest PATH...` first" in str(error.value)


def test_a_new_file_embeds_only_its_new_text(study, write, tmp_path):
    themes_run(study, tmp_path / "out")
    before = study.query("SELECT COUNT(*) AS n FROM embeddings")[0]["n"]
    extra = write("extra.csv", 'Response ID,"What slows you down?"\nX1,"Brand new words here."\n')
    ingest(study, [extra], IngestOptions())
    themes_run(study, tmp_path / "out")
    assert study.query("SELECT COUNT(*) AS n FROM embeddings")[0]["n"] == before + 1
