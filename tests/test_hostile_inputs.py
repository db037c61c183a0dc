"""Issue 10, items 12-24: bad input gets a one-line error (never a traceback) and the good
files beside it are still ingested; the smaller cases of malformed research files."""

from __future__ import annotations

import os
import pathlib

import pytest

from synth.ingest.readers import read_document
from synth.ingest.survey import SurveyOptions
from synth.ingest.units import chunks
from tests.test_ingest import INTERVIEW


def one_line_error(result) -> str:
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert ("Traceback" not in result.output and result.exception is None) or isinstance(
        result.exception, SystemExit), result.output
    return "\n".join(errors)


# -- 12: a workbook without a worksheet ------------------------------------------------------------

def test_a_workbook_with_no_worksheet_is_an_error_and_the_good_file_goes_in(synth, write,
                                                                           tmp_path):
    import io
    import re
    import zipfile

    import openpyxl

    openpyxl.Workbook().save(tmp_path / "one.xlsx")
    source, buffer = zipfile.ZipFile(tmp_path / "one.xlsx"), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:      # the same workbook, its sheet list empty
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(item, data)
    (tmp_path / "in.xlsx").write_bytes(buffer.getvalue())
    good = write("sam.txt", INTERVIEW)
    result = synth("ingest", str(tmp_path / "in.xlsx"), str(good))
    assert result.exit_code == 1
    assert "in.xlsx: the workbook has no worksheet" in one_line_error(result)
    assert "sam.txt" in result.output and "ingested" in result.output


# -- 19: data on a second sheet --------------------------------------------------------------------

def test_data_on_a_second_sheet_names_the_sheets_and_sheet_reads_it(synth, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "About"
    responses = book.create_sheet("Responses")
    responses.append(["Response ID", "What slows you down?"])
    for i in range(1, 6):
        responses.append([f"R{i}", f"flaky builds slow the whole team down, week {i}"])
    book.save(tmp_path / "survey.xlsx")
    with pytest.raises(Exception, match="sheets are: About, Responses.*--sheet NAME"):
        read_document(tmp_path / "survey.xlsx")
    document = read_document(tmp_path / "survey.xlsx", SurveyOptions(sheet="Responses"))
    assert len(document.turns) == 5
    assert synth("ingest", "--sheet", "Responses", str(tmp_path / "survey.xlsx")).exit_code == 0


# -- 13: a turn over 1,000,000 characters --------------------------------------------------------

def test_long_text_is_cut_into_chunks_spacy_accepts_at_boundaries():
    text = ("We ship every week and the builds are slow. " * 60_000)   # 2.6 M characters
    pieces = chunks(text)
    assert all(len(piece) <= 100_000 for _, piece in pieces)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith(" ") for _, piece in pieces[:-1])


@pytest.mark.slow
def test_a_turn_over_a_million_characters_is_segmented(tmp_path):
    from synth.ingest.units import spacy_splitter

    text = "We ship every week and the builds are slow. " * 25_000   # 1.1 M characters
    spans = next(spacy_splitter()([text]))
    assert len(spans) >= 20_000 and spans[-1][1] <= len(text)


# -- 14: --out that cannot be written --------------------------------------------------------------

@pytest.mark.parametrize("out, problem", [
    ("afile", "is a file, not a folder"),
    ("afile/sub", "is under afile, which is a file"),
])
def test_a_bad_out_fails_before_any_work(synth, write, tmp_path, out, problem):
    (tmp_path / "afile").write_text("x")
    result = synth("run", str(write("sam.txt", INTERVIEW)), "--out", out)
    assert result.exit_code == 2
    assert problem in result.output and "--out DIR" in result.output
    assert "files:" not in result.output        # nothing was ingested first
    assert not (tmp_path / "ws").exists()


def test_stale_temporary_files_are_cleaned(tmp_path):
    from synth.render import check_writable

    (tmp_path / "out").mkdir()
    stale = tmp_path / "out" / ".units.csv.abc.tmp"
    stale.write_text("half")
    check_writable(tmp_path / "out")
    assert not stale.exists()


# -- 15: unreadable files and folders --------------------------------------------------------------

def test_an_unreadable_named_file_fails_alone(synth, write, monkeypatch):
    secret = write("locked.txt", INTERVIEW.replace("Sam", "Lee"))
    good = write("sam.txt", INTERVIEW)
    real_read = pathlib.Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # as for a real user
    result = synth("ingest", str(secret), str(good))
    assert result.exit_code == 1
    assert "locked.txt: cannot read the file (Permission denied)" in one_line_error(result)
    assert "ingested" in result.output


def test_an_unreadable_subfolder_is_reported(synth, write, monkeypatch):
    good = write("sam.txt", INTERVIEW)
    write("locked/lee.txt", INTERVIEW.replace("Sam", "Lee"))
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = synth("ingest", str(good.parent))
    assert result.exit_code == 1
    assert "locked: cannot read the folder (Permission denied)" in one_line_error(result)


# -- 16: mixed encodings ---------------------------------------------------------------------------

def test_rows_in_utf8_and_latin1_are_both_read_right(write):
    rows = ["id,What slows you down?"] + [f"{i},café builds are slow for the team {i}"
                                           for i in range(1, 6)]
    data = "\n".join(rows[:3]).encode("utf-8") + b"\n" + "\n".join(rows[3:]).encode("cp1252")
    document = read_document(write("mixed.csv", data))
    assert [turn.text.split()[0] for turn in document.turns] == ["café"] * 5


# -- 17: SRT without cue numbers -------------------------------------------------------------------

def test_an_srt_without_cue_numbers_is_read_as_subtitles(write):
    srt = ("00:00:01,000 --> 00:00:04,000\nPriya: What slows you down?\n\n"
           "00:00:05,000 --> 00:00:09,000\nSam: Flaky pipelines slow us down every week.\n")
    document = read_document(write("call.srt", srt))
    assert document.format == "srt"
    assert [(t.speaker, t.location) for t in document.turns] == [
        ("Priya", "00:00:01"), ("Sam", "00:00:05")]
    assert not any("-->" in turn.text for turn in document.turns)


# -- 18: meeting notes -----------------------------------------------------------------------------

def test_meeting_note_labels_are_not_people(write):
    notes = INTERVIEW + ("\nAction: Sam to send the pipeline logs.\n\nDecision: move CI to "
                         "the new runners.\n\nOwner: platform team.\n")
    document = read_document(write("notes.txt", notes))
    assert set(document.speakers) == {"Priya", "Sam"}


# -- 20: SurveyMonkey's second header row ----------------------------------------------------------

def test_a_surveymonkey_second_header_row_is_merged(write):
    rows = ["Respondent ID,Which tools do you use?,,What slows you down?",
            ",GitHub,GitLab,Open-Ended Response"]
    rows += [f"{i},GitHub,{'GitLab' if i % 2 else ''},flaky builds slow us down {i}"
             for i in range(1, 8)]
    document = read_document(write("monkey.csv", "\n".join(rows) + "\n"))
    assert document.columns["What slows you down?"] == "text"
    assert "Which tools do you use? - GitLab" in document.columns
    assert document.turns[0].location == "row 3, column What slows you down?"


# -- 24: file names with control characters ----------------------------------------------------------

def test_file_names_with_escape_sequences_are_printed_escaped(synth, write):
    write("evil\x1b[31mred\nline.txt", b"\x00\x01binary")
    result = synth("ingest", str(write("sam.txt", INTERVIEW).parent))
    assert "\x1b" not in result.output
    assert "evil\\x1b[31mred\\nline.txt" in result.output


# -- 23: a kill between two output renames ---------------------------------------------------------

def test_a_set_interrupted_between_renames_is_marked_incomplete(tmp_path, monkeypatch):
    import json

    from synth.render import write_outputs

    out = tmp_path / "out"
    write_outputs(out, {out / "units.csv": "old units\n", out / "themes.json": "{}\n"})
    assert json.loads((out / "manifest.json").read_text())["complete"] is True
    real_replace, renamed = os.replace, []

    def killed_after_one(source, target):
        if renamed and not str(target).endswith("manifest.json"):
            raise KeyboardInterrupt
        real_replace(source, target)
        if not str(target).endswith("manifest.json"):
            renamed.append(target)

    monkeypatch.setattr(os, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(out, {out / "units.csv": "new units\n", out / "themes.json": "[]\n"})
    monkeypatch.undo()
    manifest = json.loads((out / "manifest.json").read_text())
    assert (out / "units.csv").read_text() == "new units\n"     # one file renamed ...
    assert (out / "themes.json").read_text() == "{}\n"          # ... the other not
    assert manifest["complete"] is False                        # and the manifest says so
    assert not list(out.glob(".*.tmp"))


# -- 4, 10, 11 at the command line -----------------------------------------------------------------

def test_ingest_says_how_it_used_each_survey_column(synth, write):
    rows = ["Response ID,Full name,Role,What is the hardest part of your job?"]
    rows += [f"R{i},Person {i},{'Dev' if i % 2 else 'Ops'},slow builds; flaky tests {i}"
             for i in range(1, 25)]
    result = synth("ingest", str(write("s.csv", "\n".join(rows) + "\n")))
    assert result.exit_code == 0, result.output
    assert ("s.csv: 4 columns\n"
            "#  column                                 read as\n"
            "-  -------------------------------------  ------------------------\n"
            "1  Response ID                            id\n"
            "2  Full name                              identifier (never shown)\n"
            "3  Role                                   attribute\n"
            "4  What is the hardest part of your job?  text\n"
            "Change with --text-columns, --attribute-columns, --id-column") in result.output


def test_gone_files_are_offered_to_forget_and_moved_files_followed(synth, write, tmp_path):
    sam = write("sam.txt", INTERVIEW)
    lee = write("lee.txt", INTERVIEW.replace("Sam", "Lee"))
    assert synth("ingest", str(sam.parent)).exit_code == 0
    lee.unlink()
    result = synth("ingest", str(sam.parent))
    assert "gone: in/lee.txt is no longer in its folder" in result.output
    assert "`synth forget in/lee.txt` removes it" in result.output
    assert synth("forget", "in/lee.txt").exit_code == 0
    moved = sam.parent.rename(tmp_path / "moved")
    result = synth("ingest", str(moved))
    assert result.exit_code == 0, result.output
    assert "moved moved/sam.txt: moved from in/sam.txt" in result.output
