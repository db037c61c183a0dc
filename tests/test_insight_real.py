"""Insight mechanisms with the real spaCy pipeline and embedding model, on small real
examples: a label, rejected quotes, placement of real statements, a motivation decided from
its evidence, and persona names from the roles people give themselves."""

from functools import cache

import numpy as np
import pytest

from synth.analyse import build_prototypes
from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import spacy_describer
from synth.analyse.framework import load_framework
from synth.analyse.placement import Evidence, place
from synth.embed import embed, load_embedder
from synth.personas.motivation import detect_motivations, load_motivations
from synth.personas.naming import roles_in
from synth.themes.label import Group, label_groups
from synth.themes.quotes import representative

pytestmark = pytest.mark.slow


@cache
def models():
    return load_embedder(), spacy_describer(load_gazetteer())


def facts(texts):
    return list(models()[1](texts))


def vectors(texts):
    return embed(None, models()[0], texts)


def test_statements_that_point_at_something_unsaid_do_not_stand_alone():
    # real interview statements (the shared PyPI interviews) that make poor quotes ...
    poor = ["I don't know of any Python ones yet.",
            "I think there are things that do it in a somewhat different way.",
            "And the PSF blog is brought up.",
            "Like, it doesn't have to be a burning out problem.",
            "What do you use for that?",
            "This one is better."]
    # ... and ones that say something on their own
    good = ["We need funding for the infrastructure that PyPI runs on.",
            "It is hard to share notebooks with colleagues who don't use Python.",
            "There is no way to diff notebooks in version control.",
            "The kernel keeps dying when I load large datasets."]
    found = facts(poor + good)
    assert [f.standalone for f in found] == [False] * len(poor) + [True] * len(good)


def test_a_theme_of_real_answers_gets_a_phrase_label_and_a_quote_that_stands_alone():
    # Jupyter-survey-style answers about one topic, with one that points at nothing
    texts = ["Version control of notebooks is painful because diffs are unreadable.",
             "Diffs of notebooks in git are impossible to review.",
             "It is really hard to use version control with notebooks.",
             "Merging notebooks in version control always breaks the JSON.",
             "That is the main thing, really.",
             "Reviewing notebook diffs in pull requests is awful."]
    found, found_vectors = facts(texts), vectors(texts)
    centre = found_vectors.mean(axis=0)
    labelled = label_groups([Group([f.candidates for f in found],
                                   centre / np.linalg.norm(centre))],
                            lambda phrases: vectors(phrases))[0]
    assert labelled.label.lower() in {"version control", "notebooks", "diffs", "notebook diffs"}
    picked = representative(found_vectors, texts, [f"p{i}" for i in range(len(texts))],
                            [f.standalone for f in found], [f.candidates for f in found],
                            [labelled.label, *labelled.keyphrases],
                            [f.content for f in found], count=3)
    assert 4 not in picked   # "That is the main thing, really." is never a quote


def test_a_candidate_label_is_written_as_it_was_said():
    [found] = facts(["Waiting on my client's boss to approve the preview takes a week."])
    assert "client's boss" in found.candidates
    assert not any(" 's" in c for c in found.candidates)


def test_label_candidates_get_the_lemmas_statements_get_without_the_full_pipeline():
    from synth.stages import lemmatizer

    phrases = ["slow notebook startup", "sharing notebooks", "running unit tests",
               "client's boss", "Kubernetes clusters", "the builds are flaky", "better docs"]
    describe = models()[1]
    assert lemmatizer(describe)(phrases) == [frozenset(f.lemmas) for f in describe(phrases)]


def test_real_statements_are_placed_in_their_persona_question():
    # statements from public developer interviews and persona documents (not the
    # development set), one per question, each placed from its text alone
    cases = {
        "I'm a backend developer at a fintech company, mostly writing Go services.": "job",
        "Our CI pipeline takes an hour and fails randomly, which kills my afternoons.":
            "frustration",
        "I spend my day in PyCharm, and we deploy everything through GitLab CI.": "tools",
        "I hang out on the Python Discord and read r/programming most mornings.": "presence",
        "Every pull request needs a review from a second maintainer before it is merged.":
            "workflow",
        "Can you hear me okay? Let me close the window.": "other",
    }
    framework = load_framework()
    prototypes = build_prototypes(framework, models()[0])
    texts = list(cases)
    placed = [dimension for dimension, _ in place(
        [Evidence(v, None, frozenset(f.lemmas), t, f.sentiment)
         for t, v, f in zip(texts, vectors(texts), facts(texts))], framework, prototypes)]
    assert placed == list(cases.values())


def test_a_motivation_is_decided_from_a_statement_that_expresses_it():
    texts = ["I keep maintaining it because I want to give back to the community that "
             "taught me everything.",
             "I want to get a better job, and contributing here builds my portfolio.",
             "I used to work at a bank before this job.",
             "The conference was in Montreal that year."]
    found = detect_motivations(vectors(texts), ["motivation"] * len(texts),
                               load_motivations(), models()[0])
    assert found[0] is not None and found[0][0] == "open_source"
    assert found[1] is not None and found[1][0] == "career"
    assert found[2] is None and found[3] is None    # about a job or a conference, no motive
    # the same words placed in Frustrations are a pain or a criticism, not a motive
    criticised = detect_motivations(vectors(texts[:1]), ["frustration"], load_motivations(),
                                    models()[0])
    assert criticised == [None]


def test_roles_people_give_themselves():
    assert roles_in("I'm a core developer of pip and I review most changes.") == [
        "core developer"]
    assert roles_in("Well, I am an event organizer. I was the chair of the board.") == [
        "event organizer", "chair"]
    assert roles_in("I'm a member of the community.") == []    # too general alone
