from pathlib import Path

import pytest

from synth.errors import NotResearch
from synth.ingest.transcript import read_paragraphs, read_transcript

P = Path("t.md")


def speakers(document):
    return [(turn.speaker, turn.text) for turn in document.turns]


@pytest.mark.parametrize("line", [
    "Ana: I deploy with Helm.",
    "ANA: I deploy with Helm.",
    "**Ana:** I deploy with Helm.",
    "**Ana**: I deploy with Helm.",
    "[00:01:02] Ana: I deploy with Helm.",
    "00:01:02 Ana: I deploy with Helm.",
    "Ana (00:01:02): I deploy with Helm.",
    "Ana (typed): I deploy with Helm.",
])
def test_every_label_shape_starts_a_turn(line):
    text = f"{line}\nBen: Why Helm?\n{line}\n"
    document = read_transcript(text, P, "markdown")
    assert [t.speaker.casefold() for t in document.turns] == ["ana", "ben", "ana"]
    assert document.turns[0].text == "I deploy with Helm."


def test_multi_paragraph_turns_keep_each_paragraphs_line():
    text = "Ben: What do you use?\n\nAna: Mostly Go.\n\nAnd some Rust\nfor the CLI.\n\nBen: Nice.\n"
    document = read_transcript(text, P, "text")
    ana = document.turns[1]
    assert ana.text == "Mostly Go.\n\nAnd some Rust for the CLI."
    assert ana.anchors == ((0, "line 3"), (12, "line 5"))
    assert ana.location_at(ana.text.index("Rust")) == "line 5"


def test_preamble_and_marker_are_ignored():
    text = ("# Licence\n\nI, Ana Diaz, release this work under CC BY.\nLicense: CC BY 3.0\n\n"
            "# BEGIN TRANSCRIPT\n\nBEN: Ready?\n\nANA: Yes.\n")
    assert speakers(read_transcript(text, P, "markdown")) == [("BEN", "Ready?"), ("ANA", "Yes.")]


def test_lines_that_only_look_like_labels_stay_in_the_turn():
    text = ("MEL: Here are the excerpts.\n\nERNEST: Two things.\n\n"
            "So the first one is: infrastructure matters.\n\nOption number two is: people.\n\n"
            "Note: this was later.\n\nMEL: Thanks.\n")
    document = read_transcript(text, P, "markdown")
    assert [t.speaker for t in document.turns] == ["MEL", "ERNEST", "MEL"]
    assert "So the first one is: infrastructure matters." in document.turns[1].text
    assert "Note: this was later." in document.turns[1].text


def test_a_capitalised_word_with_a_colon_once_is_not_a_speaker():
    text = "Ana: We use two tools.\nBen: Which?\nAna: Mostly this.\nPython: it is great.\n"
    document = read_transcript(text, P, "text")
    assert [t.speaker for t in document.turns] == ["Ana", "Ben", "Ana"]
    assert document.turns[2].text == "Mostly this. Python: it is great."


def test_blockquoted_excerpts_are_prompt_material_not_turns():
    text = ("MEL: Here is what others said.\n\n> NAOMI: Docs matter.\n>\n> TERRI: Money too.\n\n"
            "What do you think?\n\nERNEST: I agree.\n")
    document = read_transcript(text, P, "markdown")
    assert [t.speaker for t in document.turns] == ["MEL", "ERNEST"]
    assert "Docs matter" not in document.turns[0].text


def test_label_alone_on_its_line_as_word_exports_write_it():
    paragraphs = ["Priya Raman   0:03", "What do you build?", "Sam Lee   0:07", "Payments APIs.",
                  "Priya Raman   0:12", "In which language?", "Sam Lee   0:15", "Go, mostly."]
    document = read_paragraphs(paragraphs, Path("t.docx"), "docx")
    assert speakers(document)[:2] == [("Priya Raman", "What do you build?"),
                                     ("Sam Lee", "Payments APIs.")]
    assert document.turns[1].location == "paragraph 4"


def test_a_file_with_no_speaker_turns_says_what_synth_reads():
    with pytest.raises(NotResearch) as error:
        read_transcript("Just some notes.\nNothing else here.\n", Path("notes.txt"), "text")
    assert str(error.value).startswith("notes.txt: no speaker turns found. synth reads")


def test_what_the_interviewer_typed_and_research_notes_are_the_research_sides():
    text = ("# BEGIN TRANSCRIPT\nMEL: So what do you do?\n"
            "DONALD: I maintain PyPI and it is a lot of work.\n"
            "MEL, TYPING: Yep. Sorry about that - let's wrap up\n"
            "[Note: audio dropped here]\nInterviewer note: participant seemed tired\n"
            "DONALD: Sure, thanks.\nMEL: Thanks.\n")
    turns = read_transcript(text, Path("x.md"), "markdown").turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("MEL", "So what do you do?"),
        ("DONALD", "I maintain PyPI and it is a lot of work."),
        ("MEL", "Yep. Sorry about that - let's wrap up"),
        ("DONALD", "Sure, thanks."),
        ("MEL", "Thanks.")]
