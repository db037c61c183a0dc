"""Are the personas real? The null test, stability and the decision (fast, no models).

Profiles are built by hand from random numbers (no structure), from planted blobs
(structure), and a handmade survey whose role, company size, industry and free-text answers
are all dealt at random goes through the whole persona stage with the fake embedder.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from synth.ingest import IngestOptions, ingest
from synth.personas.profile import Profiles, build_profiles
from synth.personas.segment import segment
from synth.personas.validity import (
    ARI_MIN,
    JACCARD_MIN,
    NULL_RUNS,
    Z_MIN,
    ShuffledAnswers,
    ShuffledColumns,
    stability,
)
from synth.stages import Settings, run_personas, run_themes
from synth.study import load_study
from synth.workspace import Workspace
from tests.conftest import FAKES, fake_splitter

P_MIN = 1 / (NULL_RUNS + 1)     # the smallest p the test can give: above every null copy


def unit_rows(block: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(block, axis=1, keepdims=True)
    return block / np.where(norms == 0, 1.0, norms)


def profiles_of(meaning: np.ndarray, themes: np.ndarray | None = None,
                attributes: np.ndarray | None = None) -> Profiles:
    """Profiles as `build_profiles` shapes them, from given blocks (4 statements each)."""
    n = len(meaning)
    blank = np.zeros((n, 1))
    blocks = {"meaning": meaning, "themes": blank if themes is None else themes,
              "entities": blank, "attributes": blank if attributes is None else attributes}
    return Profiles([f"p{i:03d}" for i in range(n)],
                    {name: unit_rows(block) for name, block in blocks.items()}, [4] * n)


def random_profiles(n: int = 200, seed: int = 1) -> Profiles:
    rng = np.random.default_rng(seed)
    return profiles_of(rng.normal(size=(n, 24)), rng.random((n, 12)))


def blobs(n: int = 200, groups: int = 5, seed: int = 2) -> tuple[Profiles, np.ndarray]:
    """Planted segments: `groups` centres in meaning and in themes, people scattered round."""
    rng = np.random.default_rng(seed)
    truth = np.arange(n) % groups
    meaning = 3 * rng.normal(size=(groups, 24))[truth] + rng.normal(size=(n, 24))
    themes = rng.random((n, 12)) + 2 * np.eye(groups, 12)[truth]
    return profiles_of(meaning, themes), truth


# -- the null test ---------------------------------------------------------------------------

def test_random_profiles_give_one_persona_and_say_why():
    profiles = random_profiles()
    found = segment(profiles)
    validity = found.validity
    assert validity.decision == "one persona" and validity.k == found.k == 1
    assert set(found.labels.tolist()) == {0}
    assert validity.candidate_k >= 2          # a split was tried and rejected
    test = validity.null
    assert len(test.null) == NULL_RUNS
    assert not test.passed
    assert test.p > P_MIN or test.z < Z_MIN
    assert test.null_mean - 3 * test.null_sd < test.real < test.null_max + 3 * test.null_sd
    assert validity.reason.startswith("no segments beat shuffled answers")
    assert f"{test.real:.3f}" in validity.reason and f"p {test.p:.3f}" in validity.reason


def test_planted_blobs_with_their_columns_shuffled_give_one_persona():
    planted, _ = blobs()
    matrix = planted.matrix()
    rng = np.random.default_rng(3)
    shuffled = np.column_stack([rng.permutation(column) for column in matrix.T])
    found = segment(profiles_of(shuffled))
    assert found.validity.decision == "one persona"
    assert found.k == 1 and not found.validity.null.passed


def test_planted_blobs_are_found_with_clear_figures():
    profiles, truth = blobs()
    found = segment(profiles)
    validity = found.validity
    assert validity.decision == "segments" and found.k == 5
    assert adjusted_rand_score(truth, found.labels) == pytest.approx(1.0)
    test = validity.null
    assert test.passed and test.real > test.null_max
    assert test.p == pytest.approx(P_MIN, abs=1e-4) and test.z >= Z_MIN
    assert validity.reason.startswith("5 segments beat shuffled answers")


@pytest.mark.parametrize("groups", [2, 3])
def test_few_clear_groups_in_a_big_study_are_found_by_default(groups):
    # 200 people allow up to 8 personas; k used to be chosen from 4 to 8 only, so two or
    # three clear groups were split, failed the stability rule, and became one persona
    profiles, truth = blobs(n=200, groups=groups, seed=7)
    found = segment(profiles)
    assert found.validity.decision == "segments" and found.k == groups
    assert adjusted_rand_score(truth, found.labels) == pytest.approx(1.0)
    test = found.validity.null
    assert sorted(test.z_by_k) == sorted(test.gap_by_k) == [str(k) for k in range(2, 9)]
    assert test.k == groups and test.z >= Z_MIN


def test_the_feature_column_null_is_fooled_by_random_survey_answers_the_answer_null_is_not(
        tmp_path, fake_nlp):
    """Why build_personas shuffles whole answers: one-hot answers dealt at random form tight
    clumps that shuffling single feature columns breaks apart, so against that null pure
    noise looks like structure. Dealing whole answers keeps the clumps in the null too."""
    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [write_random_survey(tmp_path / "in", 120)], IngestOptions())
        run_themes(workspace, Settings(out=tmp_path / "out"), *FAKES)
        study = load_study(workspace, FAKES[0])
    profiles = build_profiles(study)
    rich = [pid for pid, thin in zip(profiles.ids, profiles.thin) if not thin]
    assert len(rich) == 120
    fooled = segment(profiles, null=ShuffledColumns(profiles.matrix()[~profiles.thin]))
    assert fooled.validity.null.passed and fooled.validity.null.z > 5
    honest = segment(profiles, null=ShuffledAnswers(study, rich))
    assert not honest.validity.null.passed and honest.k == 1


def test_shuffled_answers_keep_every_column_s_answers_and_deal_them_anew(study_of_noise):
    study, rich = study_of_noise
    null = ShuffledAnswers(study, rich)
    rows = np.arange(len(rich))
    real = build_profiles(study)
    index = [real.ids.index(pid) for pid in rich]
    assert np.allclose(null(rows, None), real.matrix()[index])
    shuffled = null(rows, 1)
    assert shuffled.shape == null(rows, None).shape
    assert not np.allclose(shuffled, null(rows, None))
    assert np.array_equal(shuffled, null(rows, 1)), "a seed gives the same copy"
    # survey answers: each person still has one answer per column, and each answer as
    # many people as before (the marginals), but not the same people
    width = real.blocks["attributes"].shape[1]
    before = real.matrix(names=("attributes",))[index]
    after = shuffled[:, -width:]
    assert np.allclose(np.sort(before.sum(axis=0)), np.sort(after.sum(axis=0)))
    assert np.allclose((before > 0).sum(axis=1), (after > 0).sum(axis=1))
    assert not np.allclose(before, after)


def test_shuffled_answers_follow_the_rows_asked_for_each_time(study_of_noise):
    # each call deals out the statements of the rows it is given, whatever came before
    study, rich = study_of_noise
    null = ShuffledAnswers(study, rich)
    real = build_profiles(study)
    for rows in (np.arange(len(rich)), np.arange(0, len(rich), 2), np.arange(len(rich))):
        index = [real.ids.index(rich[r]) for r in rows]
        assert np.allclose(null(rows, None), real.matrix()[index])
        assert np.array_equal(null(rows, 3), ShuffledAnswers(study, rich)(rows, 3))


# -- stability ---------------------------------------------------------------------------------

def test_stability_is_high_on_clear_clusters():
    profiles, _ = blobs()
    held = segment(profiles).validity.stability
    assert held.passed and held.mean_ari >= 0.95 and held.min_ari <= held.mean_ari
    assert len(held.jaccard) == 5 and min(held.jaccard) >= 0.9
    assert held.flagged == []


def test_stability_figures_are_in_range_and_low_on_noise():
    matrix = random_profiles().matrix()
    labels = np.random.default_rng(4).integers(0, 4, len(matrix))   # an arbitrary split
    held = stability(matrix, labels)
    assert held.runs == 10 and held.subset == 0.8
    assert -1.0 <= held.min_ari <= held.mean_ari <= 1.0
    assert held.mean_ari < 0.1 and not held.passed
    assert len(held.jaccard) == 4 and all(0.0 <= j <= 1.0 for j in held.jaccard)
    assert held.flagged == [1, 2, 3, 4]
    assert ARI_MIN == JACCARD_MIN == 0.75


# -- forcing and determinism -------------------------------------------------------------------

def test_a_forced_k_is_kept_and_the_figures_reported_anyway():
    found = segment(random_profiles(), k=3)
    validity = found.validity
    assert found.k == validity.k == 3 and validity.forced and validity.decision == "forced"
    assert sorted(set(found.labels.tolist())) == [0, 1, 2]
    assert validity.null is not None and not validity.null.passed
    assert validity.null.statistic.endswith("k = 3")
    assert validity.stability is not None and len(validity.stability.jaccard) == 3
    assert validity.reason.startswith("forced by --k 3; the data do not support segments")
    clear = segment(blobs()[0], k=5).validity
    assert clear.decision == "forced" and clear.null.passed
    assert clear.reason.startswith("forced by --k 5; the segments beat the null")


def test_forcing_one_persona_skips_the_test():
    found = segment(blobs()[0], k=1)
    assert found.k == 1 and found.validity.decision == "forced"
    assert found.validity.null is None and found.validity.stability is None


def test_the_same_profiles_give_the_same_figures():
    first, second = segment(random_profiles()), segment(random_profiles())
    assert first.validity.as_dict() == second.validity.as_dict()
    assert np.array_equal(first.labels, second.labels)
    assert len(set(first.validity.null.null)) > NULL_RUNS // 2, "each null copy differs"


# -- through the persona stage -----------------------------------------------------------------

ROLES = ("Platform engineer", "Frontend developer", "Data engineer", "Open-source maintainer")
SIZES = ("1-10", "11-50", "51-200", "1000+")
INDUSTRIES = ("SaaS", "Fintech", "Media", "Government")
# Per question, (openings, endings) written by all four kinds of developer alike.
ANSWERS = (
    (("Flaky pipelines block every deploy.", "Preview links break for designers.",
      "Issue triage eats my evenings.", "Slow warehouse queries time out."),
     ("Rollbacks are manual.", "Docs are confusing.", "Reviewers disappear.",
      "Dashboards lag.", "Quotas run out.")),
    (("Terraform modules and helm charts.", "React components in storybook.",
      "Rust crates and neovim.", "Airflow dags and dbt models."),
     ("Grafana too.", "Vite bundling.", "Clippy lints.", "Snowflake tables.",
      "Vault secrets.")),
    (("The kubernetes slack channels.", "Discord servers and youtube.",
      "Mastodon and lobsters.", "Data engineering newsletters."),
     ("Meetups sometimes.", "Podcasts on walks.", "Conference talks.",
      "Reddit threads.", "Weekly digests.")),
)


def write_random_survey(folder: Path, people: int = 60, seed: int = 5) -> Path:
    """A survey with no segments: every answer of every respondent dealt independently (the
    number keeps free-text answers distinct, as free text is; the fakes ignore it)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = [["Response ID", "Role", "Company size", "Industry", "What slows you down?",
             "Which tools do you use?", "Where do you hang out online?"]]
    for number in range(1, people + 1):
        rows.append([f"R{number:03d}", rng.choice(ROLES), rng.choice(SIZES),
                     rng.choice(INDUSTRIES),
                     *(f"{rng.choice(openings)} {rng.choice(endings)} ({number})"
                       for openings, endings in ANSWERS)])
    with (folder / "survey.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


@pytest.fixture(scope="module")
def noise_run(tmp_path_factory):
    """The random survey through ingest, themes and personas (fakes); -> (run, out, study)."""
    folder = tmp_path_factory.mktemp("noise")
    inputs = write_random_survey(folder / "in")
    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [inputs], IngestOptions(), splitter=fake_splitter)
        run_themes(workspace, Settings(out=out), *FAKES)
        run = run_personas(workspace, Settings(out=out), FAKES[0])
        study = load_study(workspace, FAKES[0])
    return run, out, study


@pytest.fixture(scope="module")
def study_of_noise(noise_run):
    _, _, study = noise_run
    profiles = build_profiles(study)
    return study, [pid for pid, thin in zip(profiles.ids, profiles.thin) if not thin]


def test_a_survey_without_segments_gets_one_study_wide_card(noise_run):
    run, out, _ = noise_run
    assert run.result.segmentation.k == 1 and len(run.result.cards) == 1
    assert set(run.result.segmentation.labels.tolist()) == {0}
    saved = json.loads((out / "personas.json").read_text("utf-8"))
    validity = saved["validity"]
    assert validity["decision"] == "one persona" and validity["k"] == 1
    assert validity["candidate_k"] >= 2 and not validity["null"]["passed"]
    assert len(validity["null"]["null"]) == NULL_RUNS
    assert saved["personas"][0]["name"] == "Everyone in the study"
    assert saved["personas"][0]["size"] == 60
    assert [p.name for p in sorted((out / "personas").glob("*.md"))] == [
        "index.md", "persona-1.md"]
    index = (out / "personas" / "index.md").read_text("utf-8")
    assert "**No distinct segments, so one study-wide persona.**" in index
    assert f"cosine silhouette of {validity['null']['real']:.3f}" in index
    assert "Rather than invent segments, this report puts everyone in one persona." in index
    card = (out / "personas" / "persona-1.md").read_text("utf-8")
    assert card.startswith("# Everyone in the study\n")
    assert "**One study-wide persona:** no split of these people beat" in card
    rows = (out / "participants.csv").read_text("utf-8").splitlines()[1:]
    assert len(rows) == 60 and all(",persona-1,profile," in row for row in rows)


def test_in_a_mixed_study_the_themes_block_no_longer_sets_the_kinds_of_source_apart():
    """Interviewees and respondents share no theme; each kind holds two groups (one saying
    mostly its first theme, one its second). Raw, any two people of one kind are closer than
    any two of different kinds; centred within each kind, the groups are what is close."""
    from synth.personas.profile import _unit_rows, _within_kinds
    counts = np.array([[4, 1, 0, 0], [5, 1, 0, 0], [1, 4, 0, 0], [1, 5, 0, 0],    # interviews
                       [0, 0, 6, 1], [0, 0, 5, 2], [0, 0, 1, 6], [0, 0, 2, 5]],   # survey
                      dtype=np.float32)
    kinds = ["participant"] * 4 + ["respondent"] * 4
    raw = _unit_rows(counts.copy())
    centred = _unit_rows(_within_kinds(raw, kinds, counts.sum(axis=1)))
    same_kind_other_group = [(0, 2), (1, 3), (4, 6), (5, 7)]
    other_kind = [(0, 4), (2, 6), (1, 7), (3, 5)]
    same_group = [(0, 1), (2, 3), (4, 5), (6, 7)]
    for i, j in same_kind_other_group:
        assert raw[i] @ raw[j] > max(raw[a] @ raw[b] for a, b in other_kind)  # kind first
    assert all(abs(centred[a] @ centred[b]) < 1e-6 for a, b in other_kind)
    assert all(centred[a] @ centred[b] > 0.9 for a, b in same_group)
    assert all(centred[a] @ centred[b] < -0.9 for a, b in same_kind_other_group)
