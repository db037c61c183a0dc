from pathlib import Path

import pytest

from synth.errors import InputError, NotResearch
from synth.ingest.readers import read_document

TEAMS = """WEBVTT

a1b2/12-0
00:00:01.000 --> 00:00:04.000
<v Priya Raman>What slows your team down?</v>

a1b2/13-0
00:00:05.200 --> 00:00:09.000
<v Sam Lee>Flaky pipelines, honestly.</v>

a1b2/13-1
00:00:09.000 --> 00:01:12.500
<v Sam Lee>Every other build fails on a test that passes locally.</v>

a1b2/14-0
00:01:13.000 --> 00:01:15.000
<v Priya Raman>How often?</v>
"""

ZOOM = """WEBVTT

1
00:00:01.000 --> 00:00:03.000
Priya Raman: Which editor do you use?

2
00:00:03.500 --> 00:00:06.000
Sam Lee: Neovim, with a lot of plugins.

3
00:00:06.000 --> 00:00:08.000
and a terminal multiplexer.
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
PRIYA: Where do you ask for help?

2
00:00:03,500 --> 00:00:07,250
SAM: Mostly the CNCF Slack and Hacker News.
"""


def test_teams_voice_tags_merge_one_speakers_cues_and_keep_timestamps(tmp_path):
    path = tmp_path / "teams.vtt"
    path.write_text(TEAMS)
    document = read_document(path)
    assert document.format == "vtt"
    assert [t.speaker for t in document.turns] == ["Priya Raman", "Sam Lee", "Priya Raman"]
    sam = document.turns[1]
    assert sam.text == ("Flaky pipelines, honestly. "
                        "Every other build fails on a test that passes locally.")
    assert sam.location == "00:00:05"
    assert sam.location_at(sam.text.index("Every")) == "00:00:09"


def test_zoom_prefixes_and_unlabelled_continuation_cues(tmp_path):
    path = tmp_path / "zoom.vtt"
    path.write_text(ZOOM)
    turns = read_document(path).turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Priya Raman", "Which editor do you use?"),
        ("Sam Lee", "Neovim, with a lot of plugins. and a terminal multiplexer."),
    ]


def test_srt_is_sniffed_by_content_whatever_its_extension(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text(SRT)
    document = read_document(path)
    assert document.format == "srt"
    assert [(t.speaker, t.location) for t in document.turns] == [
        ("PRIYA", "00:00:01"), ("SAM", "00:00:03")]


def test_subtitles_without_speakers_say_how_to_export_them(tmp_path):
    path = tmp_path / "nospeakers.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\nhello there\n")
    with pytest.raises(NotResearch, match="no speaker found in any cue"):
        read_document(path)


def test_a_broken_timing_line_is_named_by_line(tmp_path):
    path = tmp_path / "broken.vtt"
    path.write_text("WEBVTT\n\n00:00:01.000 --> soon\n<v A>hi</v>\n")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value).startswith(f"{path}, line 3: cannot read the cue timing")


def test_docx_paragraphs_are_read_as_a_transcript(tmp_path):
    import docx

    document = docx.Document()
    for text in ["Interview with Sam", "Priya: What do you deploy to?",
                 "Sam: Kubernetes on AWS.", "Priya: Why?", "Sam: Because the platform team chose it."]:
        document.add_paragraph(text)
    path = tmp_path / "sam.docx"
    document.save(str(path))
    read = read_document(path)
    assert read.format == "docx"
    assert [(t.speaker, t.location) for t in read.turns][:2] == [
        ("Priya", "paragraph 2"), ("Sam", "paragraph 3")]


@pytest.mark.parametrize("content, problem", [
    (b"PK\x03\x04broken", "damaged zip archive"),
    (b"%PDF-1.7\n...", "PDF is not a supported format"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old binary Word or Excel file"),
])
def test_unsupported_containers_are_named(tmp_path, content, problem):
    path = tmp_path / "file.bin"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        read_document(path)


def test_unknown_extension_with_transcript_content_is_read(tmp_path):
    path = tmp_path / "call.log"
    path.write_text("Ana: hello there.\nBen: hi.\nAna: how are you?\nBen: fine.\n")
    assert read_document(path).format == "text"


def test_unknown_extension_without_research_content_is_unknown_format(tmp_path):
    path = tmp_path / "script.py"
    path.write_text("print('hello')\n")
    with pytest.raises(NotResearch, match="unknown format"):
        read_document(Path(path))
