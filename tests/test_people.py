from synth.documents import Turn
from synth.ingest.people import (
    INTERVIEWER,
    PARTICIPANT,
    Cast,
    SpeakerStats,
    assign_roles,
    cast,
    display_name,
    question_context,
    speaker_key,
    with_questions,
)


def stats(source, key, turns, questions, words):
    return SpeakerStats(source, key, turns, questions, words)


def test_one_person_across_files_and_label_variants():
    assert speaker_key("DONALD", "a") == speaker_key("Donald", "b") == "donald"
    assert speaker_key("AMANDA (typed)", "a") == speaker_key("Amanda", "a") == "amanda"
    assert display_name("AMANDA (typed)") == "Amanda"
    assert display_name("Priya Raman") == "Priya Raman"


def test_generic_labels():
    assert speaker_key("Interviewer", "x") == speaker_key("Q", "y") == INTERVIEWER
    # a generic participant label names a different person in every file
    assert speaker_key("Participant", "round-1") != speaker_key("Participant", "round-2")


def test_the_interviewer_asks_most_per_word_even_against_a_chatty_questioner():
    # Ernest asks more questions per turn than Mel, but in long monologues.
    corpus = [
        stats("e1", "mel", 45, 23, 1500), stats("e1", "ernest", 49, 26, 5200),
        stats("n1", "mel", 42, 32, 2200), stats("n1", "naomi", 42, 7, 3300),
    ]
    roles = assign_roles(corpus)
    assert roles == {"mel": INTERVIEWER, "ernest": PARTICIPANT, "naomi": PARTICIPANT}


def test_side_speakers_never_holding_the_floor_are_on_the_research_side():
    corpus = [stats("a", "mel", 50, 30, 2000), stats("a", "nick", 40, 5, 5000),
              stats("a", "amanda", 3, 0, 12)]
    assert assign_roles(corpus)["amanda"] == INTERVIEWER
    assert assign_roles(corpus)["nick"] == PARTICIPANT


def test_named_interviewer_overrides_detection():
    corpus = [stats("a", "sam", 10, 9, 100), stats("a", "lee", 10, 1, 900)]
    assert assign_roles(corpus, ["LEE"]) == {"sam": PARTICIPANT, "lee": INTERVIEWER}


def test_focus_group_keeps_every_participant():
    corpus = [stats("g", "mod", 30, 25, 900)] + [
        stats("g", name, 10, 1, 600) for name in ("ana", "ben", "chen", "dev")]
    roles = assign_roles(corpus)
    assert [k for k, v in roles.items() if v == PARTICIPANT] == ["ana", "ben", "chen", "dev"]


def test_question_context_keeps_the_questions():
    assert question_context("Cool. So, tools. What do you use? And why that one?") == \
        "What do you use? And why that one?"
    assert question_context("Tell me about your week.") == "Tell me about your week."


def test_each_answer_gets_the_latest_question_and_acknowledgements_keep_it():
    turns = [Turn("MEL", "What do you use?", ((0, "line 1"),)),
             Turn("ANA", "Go.", ((0, "line 2"),)),
             Turn("MEL", "Okay.", ((0, "line 3"),)),
             Turn("ANA", "And Rust.", ((0, "line 4"),))]
    result = with_questions(turns, "f", Cast({"mel": INTERVIEWER, "ana": PARTICIPANT}))
    assert [t.question for t in result if t.speaker == "ANA"] == ["What do you use?"] * 2


def test_a_first_name_stands_for_the_one_full_name_it_begins():
    corpus = [stats("a", "priya", 20, 15, 400), stats("a", "sam lee", 20, 2, 2000),
              stats("b", "priya raman", 20, 15, 400), stats("b", "kim", 20, 2, 2000),
              stats("c", "kim", 5, 0, 100), stats("c", "kim ode", 5, 0, 100),
              stats("c", "kim park", 5, 4, 100)]
    result = cast(corpus)
    assert result.aliases == {"priya": "priya raman"}   # "kim" is ambiguous: kept apart
    assert result.participant_id("Priya", "a") == "priya-raman"
    assert result.kind("PRIYA", "a") == INTERVIEWER
