"""Issue 20: privacy and safety, round three. What is shown, withdrawn or applied twice
behaves as the README promises. Fast: fakes and small files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from synth.ingest.transcript import read_transcript

P = Path("group.md")


# -- item 1: speakers whose names are not plain ASCII --------------------------------------------

@pytest.mark.parametrize("name", ["Émilie Dubois", "Łukasz Nowak", "Øyvind Berg",
                                  "Дмитрий Иванов", "Ålesund Team"])
def test_a_speaker_whose_name_opens_with_a_non_ascii_capital_is_a_speaker(name):
    text = (f"Interviewer: What slows you down?\n\n{name}: Flaky builds, every week.\n\n"
            "Sam Lee: Same here, the queue is long.\n\n"
            f"Interviewer: Why?\n\n{name}: Nobody owns the pipeline.\n")
    turns = read_transcript(text, P, "markdown").turns
    assert [t.speaker for t in turns] == ["Interviewer", name, "Sam Lee", "Interviewer", name]
    assert all(name not in t.text for t in turns)


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u200f", "\u202b", "\u2067", "\ufeff"])
def test_zero_width_and_direction_marks_do_not_hide_a_label(mark):
    text = (f"Interviewer: What slows you down?\n\n{mark}Amira Haddad{mark}: Flaky builds.\n\n"
            f"Interviewer: Why?\n\nAmira Haddad: Nobody owns the pipeline.\n")
    turns = read_transcript(text, P, "markdown").turns
    assert [t.speaker for t in turns] == ["Interviewer", "Amira Haddad"] * 2
    assert turns[1].text == "Flaky builds."


def test_lower_case_words_still_do_not_make_a_label():
    text = ("Ana: What do you use?\n\nBen: Mostly Go.\nso the first one is: Rust\n\n"
            "Ana: Nice.\n\nBen: élan matters: a lot\n")
    turns = read_transcript(text, P, "markdown").turns
    assert [t.speaker for t in turns] == ["Ana", "Ben", "Ana", "Ben"]
    assert "so the first one is: Rust" in turns[1].text


def test_a_non_ascii_speaker_alone_with_the_interviewer_is_ingested(synth, tmp_path):
    research = tmp_path / "research"
    research.mkdir()
    (research / "p1.md").write_text(
        "Interviewer: What slows you down?\n\nÉmilie Dubois: Flaky builds, every week.\n\n"
        "Interviewer: Why is that?\n\nÉmilie Dubois: Nobody owns the pipeline at all.\n",
        encoding="utf-8")
    result = synth("ingest", str(research))
    assert result.exit_code == 0, result.output
    listed = synth("participants", "--format", "csv").output
    assert "Émilie Dubois" in listed
