import pytest

from synth.documents import Turn
from synth.ingest.units import brackets_kept, is_filler, segment, spacy_splitter
from tests.conftest import fake_splitter


@pytest.mark.parametrize("text", ["Yeah.", "Okay, cool.", "Mm-hm.", "Right, right. Sure.",
                                  "Thank you!", "Got it."])
def test_backchannel_is_filler(text):
    assert is_filler(text)


@pytest.mark.parametrize("text", ["Yeah, the builds are slow.", "No tests.", "Kubernetes."])
def test_statements_are_not_filler(text):
    assert not is_filler(text)


def turn(text, anchors=((0, "line 1"),), question="What slows you down?"):
    return Turn("ANA", text, anchors, question)


def test_short_sentences_join_their_neighbour_and_filler_goes():
    text = ("Yeah. Flaky tests. They fail on CI but pass on my laptop every single time. "
            "It wastes hours every week for the whole platform team.")
    units = segment([turn(text)], [0], fake_splitter)
    assert [u.text for u in units] == [
        "Flaky tests. They fail on CI but pass on my laptop every single time.",
        "It wastes hours every week for the whole platform team."]
    assert {u.question for u in units} == {"What slows you down?"}


def test_units_never_span_paragraphs_and_carry_their_paragraphs_location():
    text = "We deploy with Argo CD every single day now.\n\nReview happens in GitHub pull requests."
    units = segment([turn(text, ((0, "line 3"), (46, "line 5")))], [0], fake_splitter)
    assert [(u.text, u.location) for u in units] == [
        ("We deploy with Argo CD every single day now.", "line 3"),
        ("Review happens in GitHub pull requests.", "line 5")]


def test_survey_answers_stay_whole_unless_long():
    short = Turn("s:1", "Slow builds. Bad docs.", ((0, "row 2, column Q"),), "Q")
    long = Turn("s:2", " ".join(["The build is slow and the docs are old."] * 12),
                ((0, "row 3, column Q"),), "Q")
    units = segment([short, long], [0, 1], fake_splitter, whole_answers=True)
    assert units[0].text == "Slow builds. Bad docs."
    assert len(units) > 2 and all(u.location == "row 3, column Q" for u in units[1:])


@pytest.mark.slow
def test_the_trained_pipeline_splits_sentences():
    split = spacy_splitter()
    text = "I'm the technical lead for PyPI, I guess. It's open source, so nobody has titles."
    units = segment([turn(text)], [0], split)
    assert [u.text for u in units] == ["I'm the technical lead for PyPI, I guess.",
                                       "It's open source, so nobody has titles."]


def test_an_opening_bracket_goes_with_the_sentence_it_opens():
    text = "Mostly smooth, of course. [laughs] But the CLI pulls the variables from a file."
    # the trained recogniser cuts after the "[" (seen on the sample corpus's transcripts)
    cut = text.index("[") + 1
    spans = [(0, text.index("[")), (text.index("["), cut), (cut, len(text))]
    assert [text[a:b].strip() for a, b in brackets_kept(text, spans)] == [
        "Mostly smooth, of course.", "[laughs] But the CLI pulls the variables from a file."]
    aside = "We pay for it (sighs) monthly."
    assert brackets_kept(aside, [(0, len(aside))]) == [(0, len(aside))]


@pytest.mark.slow
def test_a_transcript_note_in_brackets_stays_whole_in_its_statement():
    split = spacy_splitter()
    text = ("Mostly smooth. The first build failed because of an environment variable, of "
            "course. [laughs] But the beacon CLI can pull the variables from a dotenv file.")
    units = segment([turn(text)], [0], split)
    assert all(u.text.count("[") == u.text.count("]") for u in units)
    assert any(u.text.startswith("[laughs] But the beacon CLI") for u in units)
