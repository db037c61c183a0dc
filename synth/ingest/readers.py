"""Choose a reader by sniffing a file's content (its extension only breaks ties)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from synth.documents import Document
from synth.errors import InputError, NotResearch
from synth.ingest.decode import decode, read_bytes
from synth.ingest.subtitles import is_srt, is_vtt, read_subtitles
from synth.ingest.survey import SurveyOptions, read_delimited, read_xlsx
from synth.ingest.transcript import document_of, parse_turns, read_paragraphs, read_transcript

_SUPPORTED = ("transcripts (.txt, .md, .vtt, .srt, .docx) or survey exports "
              "(.csv, .tsv, .xlsx)")
_TABLE_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv"}
_OLD_OFFICE = b"\xd0\xcf\x11\xe0"


def read_document(path: Path, options: SurveyOptions | None = None) -> Document:
    """Read any supported research file into a Document, or raise an InputError."""
    options = options or SurveyOptions()
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return _read_zip(path, data, options)
    if data.startswith(_OLD_OFFICE):
        raise InputError(path, "this is an old binary Word or Excel file",
                         "Save it as .docx or .xlsx and ingest that")
    if data.startswith(b"%PDF"):
        raise InputError(path, "PDF is not a supported format",
                         "Export the transcript as text, .docx or .vtt")
    text = decode(data, path)
    suffix = path.suffix.lower()
    if is_vtt(text):
        return read_subtitles(text, path, "vtt")
    if is_srt(text):
        return read_subtitles(text, path, "srt")
    if suffix in _TABLE_EXTENSIONS:
        return read_delimited(text, path, _TABLE_EXTENSIONS[suffix], options)
    fmt = "markdown" if suffix in {".md", ".markdown"} else "text"
    try:
        return read_transcript(text, path, fmt)
    except NotResearch:
        if _looks_tabular(text):
            return read_delimited(text, path, "csv", options)
        if suffix not in {".txt", ".md", ".markdown", ".text"}:
            raise NotResearch(path, "unknown format", f"synth reads {_SUPPORTED}") from None
        raise


def _read_zip(path: Path, data: bytes, options: SurveyOptions) -> Document:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise InputError(path, "the file is a damaged zip archive",
                         "Open it and save it again, or export it again") from None
    if "word/document.xml" in names:
        return _read_docx(path)
    if "xl/workbook.xml" in names:
        return read_xlsx(path, options)
    raise NotResearch(path, "unknown format (a zip archive)", f"synth reads {_SUPPORTED}")


def _read_docx(path: Path) -> Document:
    import docx  # python-docx; imported here since only .docx files need it

    try:
        document = docx.Document(str(path))
        paragraphs = [p.text for p in document.paragraphs]
        rows = _table_rows(document)
    except Exception as error:  # python-docx raises several kinds for a damaged file
        raise InputError(path, f"cannot open the Word document ({type(error).__name__})",
                         "Open it in a word processor and save it again as .docx") from None
    try:
        return read_paragraphs(paragraphs, path, "docx")
    except NotResearch:
        if not rows:
            raise
    try:   # a transcript laid out as a table: a row per turn (time, speaker, text)
        return document_of(parse_turns(rows, path), path, "docx")
    except NotResearch:
        raise NotResearch(path, "no speaker turns found in its paragraphs or its tables",
                          "synth reads turns that start with 'Name: ...', or a table with a "
                          "row per turn: the speaker in one cell, what they said in the next"
                          ) from None


_CELL_TIME = re.compile(r"^[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?$")


def _table_rows(document) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Each table row with a speaker and some text as a line `Speaker: text`, located by
    table and row; a time cell is left out, merged cells (repeated) counted once."""
    lines = []
    for t, table in enumerate(document.tables, start=1):
        for r, row in enumerate(table.rows, start=1):
            cells = list(dict.fromkeys(" ".join(c.text.split()) for c in row.cells))
            cells = [c for c in cells if c and not _CELL_TIME.match(c)]
            if len(cells) >= 2:
                lines.append((f"table {t}, row {r}", f"{cells[0]}: {' '.join(cells[1:])}"))
    return lines


def _looks_tabular(text: str) -> bool:
    """Three or more delimited columns, the same number on each of the first lines."""
    lines = [line for line in text.split("\n")[:20] if line.strip()]
    if len(lines) < 2:
        return False
    for delimiter in (",", "\t", ";"):
        widths = {line.count(delimiter) for line in lines}
        if len(widths) == 1 and min(widths) >= 2:
            return True
    return False
