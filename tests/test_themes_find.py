"""Find, check, place: the themes stage's mechanisms on small examples."""

from __future__ import annotations

import numpy as np
import pytest

from synth.errors import SynthError
from synth.themes.columns import Column, apply_overrides, propose, read_study_file, stance_of
from synth.themes.finder import Cohesion, find
from synth.themes.label import Group, _one_word, label_groups
from synth.themes.place import leaves, theme_question
from synth.themes.support import PhraseLemmas, support, supported

QUESTIONS = ["job", "motivation", "frustration", "skills", "tools", "workflow",
             "collaboration", "presence", "other"]


def topics(*sizes: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    """Normalised vectors around one random direction per topic."""
    rng = np.random.default_rng(seed)
    rows = []
    for size in sizes:
        centre = rng.normal(size=dim)
        rows.append(centre + 0.35 * rng.normal(size=(size, dim)))
    vectors = np.vstack(rows)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_grab_bag_whose_label_fails_is_split_into_the_topics_it_holds():
    vectors = topics(20, 20, 40)
    topic = [0] * 20 + [1] * 20 + [2] * 40

    def label(group: list[int]) -> str:
        # a label is held only when one topic makes up most of the group
        counts = np.bincount([topic[i] for i in group], minlength=3)
        return f"topic {counts.argmax()}" if counts.max() >= 0.9 * len(group) else ""

    found = find(list(range(80)), vectors, label, k=2)       # k=2 forces one grab-bag
    assert found.split >= 1
    assert sorted(sorted({topic[i] for i in g}) for g in found.themes) == [[0], [1], [2]]
    assert sum(map(len, found.themes)) + len(found.uncoded) == 80


def test_a_group_no_label_holds_is_uncoded_not_shown():
    vectors = topics(30, 30)
    found = find(list(range(60)), vectors, lambda group: "", k=2)
    assert found.themes == [] and found.uncoded == list(range(60))


def test_cohesion_beats_random_groups_only_for_a_real_topic():
    vectors = topics(25, 25, 25, seed=1)
    cohesion = Cohesion(vectors)
    assert cohesion.z(vectors[:25]) > 5
    mixed = vectors[np.random.default_rng(3).choice(75, 25, replace=False)]
    assert cohesion.z(mixed) < 3


def test_a_label_its_statements_do_not_hold_is_refused():
    lemmas = PhraseLemmas(lambda phrases: [frozenset(p.lower().split()) for p in phrases])
    statements = [frozenset({"kernel", "crash"})] * 2 + [frozenset({"slow", "startup"})] * 8
    group = Group([["kernel crash"]] * 2 + [["startup"]] * 8, np.ones(4) / 2, statements)

    def embed(texts):
        return np.ones((len(texts), 4)) / 2

    [labelled] = label_groups([group], embed, lemmas=lemmas)
    assert labelled.label == "Startup" and labelled.support == 0.8
    lonely = Group([["kernel crash"]] * 2 + [[]] * 8, np.ones(4) / 2, statements)
    assert label_groups([lonely], embed, lemmas=lemmas)[0].label == ""   # 2 of 10: refused
    assert not supported(frozenset({"kernel"}), statements)
    assert support(frozenset({"slow", "yep"}), statements, every=False) == 0.8   # any word
    assert support(frozenset({"slow", "yep"}), statements) == 0.0    # every word: "yep" too


def test_two_words_of_one_topic_label_a_theme_no_single_word_holds():
    lemmas = PhraseLemmas(lambda phrases: [frozenset(p.lower().split()) - {"and"}
                                           for p in phrases])
    statements = ([frozenset({"money", "pay"})] * 4 + [frozenset({"grant", "apply"})] * 4
                  + [frozenset({"weather"})] * 2)
    candidates = [["money"]] * 4 + [["grant"]] * 4 + [["weather"]] * 2
    kin = {"money": [1, 0.2, 0], "grant": [1, 0.3, 0], "weather": [0, 0, 1]}

    def embed(texts):
        rows = np.array([kin.get(t, [1, 0, 0]) for t in texts], dtype=float)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    group = Group(candidates, np.array([1.0, 0, 0]), statements)
    [labelled] = label_groups([group], embed, lemmas=lemmas)
    assert labelled.label == "Grant and money"      # 4 + 4 of 10, each at least a quarter
    assert labelled.support == 0.8
    apart = dict(kin, grant=[0, 1, 0])                # the same words, unrelated in meaning

    def embed_apart(texts):
        rows = np.array([apart.get(t, [1, 0, 0]) for t in texts], dtype=float)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    assert label_groups([group], embed_apart, lemmas=lemmas)[0].label == ""
    # two forms of one word are no pair ("Documentation and document", seen on Jupyter)
    forms = Group([["documentation"]] * 4 + [["document"]] * 4 + [["weather"]] * 2,
                  np.array([1.0, 0, 0]),
                  [frozenset({"documentation"})] * 4 + [frozenset({"document"})] * 4
                  + [frozenset({"weather"})] * 2)
    assert label_groups([forms], embed, lemmas=lemmas)[0].label == ""
    assert _one_word("documentation", "documenting") and _one_word("runners", "run")
    assert not _one_word("ci", "cd") and not _one_word("charity", "sponsors")


def test_filler_and_question_names_never_support_a_label():
    statements = [frozenset({"yep", "motivation"})] * 5
    assert not supported(frozenset({"yep"}), statements)
    assert not supported(frozenset({"motivation"}), statements)


@pytest.mark.parametrize(("header", "stance"), [
    ("What aspects of Jupyter Notebook make it difficult to use in your workflow?", "complaint"),
    ("What, if anything, hinders you from making Jupyter Notebook an even more regular part "
     "of your workflow?", "complaint"),
    ("What slows you down?", "complaint"),
    ("What aspects of Jupyter Notebook make it pleasant to use in your workflow?", "praise"),
    ("What needs in your workflow does Jupyter Notebook not address?", "need"),
    ("What new features or changes would you like to see in Jupyter Notebook?", "wish"),
    ("What needs in your workflow does Jupyter Notebook address?", "neutral"),
])
def test_a_columns_stance_comes_from_its_header(header, stance):
    assert stance_of(header) == stance


def test_complaints_go_to_frustrations_and_praise_never_does():
    prompts = {"frustration": np.array([[1.0, 0.0]]), "tools": np.array([[0.0, 1.0]])}
    headers = ["What makes it difficult?", "What makes it pleasant?"]
    # both headers look like the frustration prompt; the praise column still stays out
    columns = propose(headers, np.array([[1.0, 0.0], [1.0, 0.0]]), prompts)
    assert columns[headers[0]].question == "frustration"
    assert columns[headers[1]].question == "" and columns[headers[1]].stance == "praise"
    painful = np.zeros((3, len(QUESTIONS)))
    painful[:, QUESTIONS.index("frustration")] = 0.9
    negative = np.array([-0.6, -0.5, -0.4])
    assert theme_question(painful, negative, QUESTIONS, columns[headers[1]]) != "frustration"
    assert theme_question(painful, negative, QUESTIONS) == "frustration"


def test_frustrations_need_pain_when_no_column_says_so():
    probabilities = np.zeros((4, len(QUESTIONS)))
    probabilities[:, QUESTIONS.index("frustration")] = 0.6
    probabilities[:, QUESTIONS.index("workflow")] = 0.4
    cheerful = np.array([0.6, 0.5, 0.4, 0.0])   # "I think we meet or exceed that."
    assert theme_question(probabilities, cheerful, QUESTIONS) == "workflow"


def test_a_statement_leaves_its_theme_only_when_clearly_elsewhere():
    rows = np.full((4, len(QUESTIONS)), 0.00005)
    rows[0, QUESTIONS.index("tools")] = 0.9995                # clearly tools
    rows[1, QUESTIONS.index("tools")] = 0.6
    rows[1, QUESTIONS.index("workflow")] = 0.3                # unsure: stays
    rows[2, QUESTIONS.index("workflow")] = 0.9
    rows[3, QUESTIONS.index("tools")] = 0.995                 # sure, not all but certain
    assert leaves(rows, QUESTIONS, "workflow").tolist() == [True, False, False, False]


def test_the_study_file_overrides_a_column_and_says_what_is_wrong(tmp_path):
    proposed = {"What makes it pleasant?": Column("What makes it pleasant?", "", "praise"),
                "Anything else?": Column("Anything else?", "", "neutral")}
    study = tmp_path / "synth.yaml"
    study.write_text('columns:\n  "Anything else?": {stance: complaint}\n'
                     '  "What makes it pleasant?": {question: tools}\n', encoding="utf-8")
    columns = apply_overrides(proposed, read_study_file(study, QUESTIONS), str(study))
    assert columns["Anything else?"] == Column("Anything else?", "frustration", "complaint",
                                               str(study))
    assert columns["What makes it pleasant?"].question == "tools"
    study.write_text('columns:\n  "Anything else?": {question: feelings}\n', encoding="utf-8")
    with pytest.raises(SynthError, match="unknown question 'feelings'. Use one of: job"):
        read_study_file(study, QUESTIONS)
    study.write_text('columns:\n  "Nope?": {stance: praise}\n', encoding="utf-8")
    with pytest.raises(SynthError, match="no survey column is headed 'Nope\\?'"):
        apply_overrides(proposed, read_study_file(study, QUESTIONS), str(study))
    study.write_text("columns: [oops\n", encoding="utf-8")
    with pytest.raises(SynthError, match=r"line \d+: not valid YAML"):
        read_study_file(study, QUESTIONS)


def test_label_candidates_are_lemmatised_in_chunks_spacy_reads_in_this_process():
    from synth.analyse.facts import PARALLEL_FROM
    from synth.stages import lemmatizer
    from tests.conftest import fake_describer

    sizes = []

    def spy(texts):
        sizes.append(len(texts))
        return fake_describer(texts)

    phrases = [f"phrase number{n}" for n in range(2 * PARALLEL_FROM + 5)]
    found = lemmatizer(spy)(phrases)
    assert len(found) == len(phrases) and found[7] == frozenset({"phrase", "number"})
    assert max(sizes) < PARALLEL_FROM       # never enough to fork spaCy workers


def test_a_question_asked_across_interviews_is_a_guide_question_and_a_follow_up_is_not():
    from synth.themes.guide import guide_questions

    asked = {  # question -> (interviews it is asked in, direction of its wording)
        "How would you describe your role in the community?": ("abc", 0),
        "How would you describe your position in the community?": ("de", 0),
        "What does it mean for a project to be well maintained?": ("abcde", 1),
        "Can you tell me more about the outage?": ("b", 2),
        "Why did the grant end?": ("c", 3),
    }
    directions = np.eye(8)
    distinct = sorted(asked)
    rng = np.random.default_rng(0)
    vectors = np.stack([directions[asked[q][1]] + 0.05 * rng.normal(size=8) for q in distinct])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    questions, interviews = [], []
    for question, (where, _) in asked.items():
        for interview in where:
            questions += [question, question]       # two statements answer it there
            interviews += [interview, interview]
    guide = guide_questions(questions, interviews, vectors)
    role = "How would you describe your role in the community?"    # asked in 3 of 5
    assert guide["How would you describe your position in the community?"] == role
    assert guide[role] == role
    assert guide["What does it mean for a project to be well maintained?"].startswith("What")
    assert "Can you tell me more about the outage?" not in guide
    assert "Why did the grant end?" not in guide
    assert guide_questions(questions[:2], interviews[:2], vectors[:1]) == {}


def test_a_topic_only_one_person_speaks_of_is_not_a_theme():
    vectors = topics(30, 30, seed=2)
    speaker = ["ann"] * 30 + [f"p{i % 6}" for i in range(30)]    # topic 0: one narrator

    def voices(group: list[int]) -> int:
        return len({speaker[i] for i in group})

    def label(group: list[int]) -> str:
        return "ann's topic" if max(group) < 30 else "shared topic" if min(group) >= 30 else ""

    found = find(list(range(60)), vectors, label, k=2, voices=voices)
    assert [sorted(g) for g in found.themes] == [list(range(30, 60))]
    assert found.uncoded == list(range(30))
    told = find(list(range(60)), vectors, label, k=2)    # unchecked: both
    assert len(told.themes) == 2
