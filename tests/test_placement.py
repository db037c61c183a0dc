"""Placement in the eight persona questions, with the real model, on handmade statements."""

import pytest

from synth.analyse import build_prototypes
from synth.analyse.facts import spacy_describer
from synth.analyse.framework import load_framework
from synth.analyse.placement import Evidence, place
from synth.embed import embed, load_embedder

pytestmark = pytest.mark.slow

TEXT_ALONE = [
    ("I'm frustrated when requirements change after work has begun.", "frustration"),
    ("Our pipelines are so flaky that I waste an hour a day re-running them.", "frustration"),
    ("I write TypeScript all day, mostly React components for the checkout.", "job"),
    ("I'm a site reliability engineer on the payments team.", "job"),
    ("Honestly I want to give talks at conferences and be known for this stuff.", "motivation"),
    ("What gets me out of bed is seeing someone ship faster because of something I made.",
     "motivation"),
    ("I live in Neovim, with ripgrep and a couple of tmux panes.", "tools"),
    ("We use Datadog for metrics and PagerDuty for alerts.", "tools"),
    ("First I open a branch, then CI runs the tests, someone reviews it and we merge to main.",
     "workflow"),
    ("Releases go out every Tuesday after QA signs off on staging.", "workflow"),
    ("I pair a lot with our designer and the product manager.", "collaboration"),
    ("We depend on the security team to approve every new vendor.", "collaboration"),
    ("I hang out in the Reactiflux Discord and read dev.to.", "presence"),
    ("Mostly I ask questions on Stack Overflow and lurk on r/devops.", "presence"),
    ("I'm very patient, and good at explaining things to people who don't code.", "skills"),
    ("Sorry, my dog is barking, give me a second.", "other"),
]

WITH_QUESTION = [  # the same words answer different questions
    ("Mostly Slack and a weekly call.", "Who do you work with most closely?", "collaboration"),
    ("Mostly Slack and a weekly call.", "Where do you go online to talk with other developers?",
     "presence"),
    ("Docs.", "What frustrates you about the product?", "frustration"),
    ("Docs.", "What tools do you rely on?", "tools"),
]


def placer_with(precision: str):
    framework = load_framework()
    embedder = load_embedder(precision=precision)
    prototypes = build_prototypes(framework, embedder)
    describe = spacy_describer()

    def _place(text: str, question: str = "") -> str:
        facts = next(describe([text]))
        vector = embed(None, embedder, [text])[0]
        asked = embed(None, embedder, [question])[0] if question else None
        evidence = Evidence(vector, asked, frozenset(facts.lemmas), text, facts.sentiment)
        return place([evidence], framework, prototypes)[0][0]

    return _place


@pytest.fixture(scope="module")
def placer():
    """The placement logic on the model's exact vectors (`--precision full`)."""
    return placer_with("full")


@pytest.mark.parametrize(("text", "dimension"), TEXT_ALONE)
def test_statement_placed_from_its_text_alone(placer, text, dimension):
    assert placer(text) == dimension


@pytest.mark.parametrize(("text", "question", "dimension"), WITH_QUESTION)
def test_question_context_decides_a_short_answer(placer, text, question, dimension):
    assert placer(text, question) == dimension


def test_the_default_fast_vectors_place_nearly_every_clear_statement_as_the_exact_ones():
    """What int8 costs: with the default `--precision fast`, one of the 16 ("give talks at
    conferences", motivation) goes to presence; the README's benchmark gives the cost on
    404 real statements (macro-F1 0.701 against 0.707 on the test split)."""
    fast = placer_with("fast")
    wrong = [(text, fast(text)) for text, dimension in TEXT_ALONE if fast(text) != dimension]
    assert len(wrong) <= 1, wrong
    assert all(fast(text, question) == dimension for text, question, dimension in WITH_QUESTION)
