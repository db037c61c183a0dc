"""Themes: clustering, labels, quotes and the written outputs, with fakes (fast)."""

import csv
import json

import numpy as np
import pytest

from synth.errors import SynthError
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_themes
from synth.themes.cluster import MAX_SUBTHEMES, MAX_THEMES, cluster
from synth.themes.label import Group, label_groups, variant_key
from synth.themes.quotes import representative, summary
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


def blobs(groups: int, size: int, spread: float, seed: int = 1, dims: int = 32) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, dims))
    vectors = np.vstack([c + spread * rng.normal(size=(size, dims)) for c in centres])
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_cluster_finds_planted_themes_and_no_outlier_bucket():
    vectors = blobs(4, 15, 0.3)
    found = cluster(vectors)
    labels = found.themes
    assert 2 <= len(set(labels.tolist()) - {-1}) <= MAX_THEMES
    assert (labels == -1).mean() <= 0.10
    # each planted group lands (almost) whole in one theme
    for group in range(4):
        members = labels[group * 15:(group + 1) * 15]
        assert np.bincount(members[members >= 0]).max() >= 13
    again = cluster(vectors)
    assert np.array_equal(labels, again.themes), "same input, same themes"
    assert np.array_equal(found.subthemes, again.subthemes)


def test_sub_themes_nest_inside_themes():
    # four topics, each of two tight sub-topics: the hierarchy keeps both levels
    rng = np.random.default_rng(3)
    topics = rng.normal(size=(4, 64)) * 3
    parts = [t + rng.normal(size=64) * 1.2 for t in topics for _ in range(2)]
    vectors = np.vstack([p + 0.25 * rng.normal(size=(40, 64)) for p in parts])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    found = cluster(vectors)
    assert found.subthemes.max() >= 1, "some theme has sub-themes"
    for theme in set(found.themes.tolist()) - {-1}:
        inside = found.subthemes[found.themes == theme]
        assert (inside == -1).all() or (inside >= 0).all()
    # each planted sub-topic stays (almost) whole in one (theme, sub-theme) pair
    for part in range(8):
        pairs = list(zip(found.themes[part * 40:(part + 1) * 40].tolist(),
                         found.subthemes[part * 40:(part + 1) * 40].tolist()))
        assert max(pairs.count(p) for p in set(pairs)) >= 36


def test_a_theme_with_many_topics_gets_at_most_a_dozen_sub_themes():
    # one theme of 30 distinct sub-topics: the sub-theme cut alone finds them all
    rng = np.random.default_rng(5)
    parts = rng.normal(size=(30, 64))
    vectors = np.vstack([p + 0.1 * rng.normal(size=(12, 64)) for p in parts])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    found = cluster(vectors, k=1)
    assert found.subthemes.max() + 1 == MAX_SUBTHEMES
    # each sub-topic stays whole: the cap merges sub-topics, it does not split them
    for part in range(30):
        assert len(set(found.subthemes[part * 12:(part + 1) * 12].tolist()) - {-1}) <= 1


def test_cluster_override_and_size_order():
    vectors = np.eye(3)[[0] * 6 + [1] * 3 + [2] * 3].astype(float)
    labels = cluster(vectors, k=3).themes
    assert labels.tolist() == [0] * 6 + [1] * 3 + [2] * 3


def phrase_vectors(phrases: list[str]) -> np.ndarray:
    from tests.conftest import FakeEmbedder

    vectors = FakeEmbedder().embed_batch(phrases)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_labels_are_shared_distinctive_phrases_and_never_repeat():
    flaky = [("flaky tests", "builds"), ("flaky tests", "team"), ("slow builds", "flaky tests")]
    terraform = [("Terraform", "team"), ("Terraform modules", "Terraform"), ("Terraform",)]
    centre = phrase_vectors(["flaky tests"])[0]
    labelled = label_groups([Group(flaky, centre), Group(flaky, centre),
                             Group(terraform, phrase_vectors(["Terraform"])[0])],
                            phrase_vectors)
    assert labelled[0].label == "Flaky tests"         # shared by all three, central
    assert labelled[1].label != labelled[0].label     # a sibling never reuses a label
    assert labelled[2].label == "Terraform"
    assert "team" not in [k.lower() for k in labelled[2].keyphrases[:1]]
    assert variant_key("Builds") == variant_key("build") != variant_key("bus")


def test_a_label_says_what_is_said_about_its_topic_when_shared():
    # "installs" is the topic; "slow installs" is what a third of its statements say of it
    units = [("installs", "slow installs"), ("installs", "slow installs"), ("installs",),
             ("installs", "proxy"), ("installs",), ("installs", "wheels")]
    labelled = label_groups([Group(units, phrase_vectors(["installs"])[0])], phrase_vectors)
    assert labelled[0].label == "Slow installs"


def test_representative_quotes_skip_near_duplicates_and_prefer_other_people():
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    texts = ["one two three four five"] * 4
    # by centrality: 2, 0, 1, 3; 1 repeats 0; 3 is from a person already quoted, so it
    # comes last, after every other person had their turn
    assert representative(vectors, texts, ["a", "b", "c", "a"]) == [2, 0, 3]


def test_quotes_that_do_not_stand_alone_come_last_and_summary_stands_alone():
    vectors = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.6, 0.0, 0.8]])
    texts = ["It is that one, yeah, the thing we said before.",
             "Installing packages behind the proxy fails every single time.",
             "Builds on the shared runners take forty minutes."]
    standalone = [False, True, True]
    picked = representative(vectors, texts, ["a", "b", "c"], standalone, count=3)
    assert picked == [1, 2, 0]       # the most central (0) points at something unsaid
    assert summary(vectors, texts, standalone, [()] * 3, [], [0] * 3) == 1


def test_themes_outputs_follow_the_contract(study, tmp_path):
    result = themes_run(study, tmp_path / "out")
    out = tmp_path / "out"
    assert [p.name for p in result.written] == ["units.csv", "themes.json", "themes.md", "changes.md"]
    with (out / "units.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["unit_id", "participant_id", "source", "location", "text",
                             "dimension", "theme_id", "theme_label", "subtheme_id",
                             "subtheme_label"]
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
