"""Property-based fuzzing of every reader (issue 10): random bytes, truncations and
mutations of real files never produce a traceback, only a Document or a one-line
InputError, and a good file beside a broken one is still ingested."""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from synth.errors import InputError
from synth.ingest import IngestOptions, ingest
from synth.ingest.readers import read_document
from synth.workspace import Workspace
from tests.conftest import INTERVIEWS, JUPYTER_SURVEY, fake_splitter
from tests.test_ingest import INTERVIEW

FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
EXTENSIONS = [".txt", ".md", ".vtt", ".srt", ".csv", ".tsv", ".xlsx", ".docx", ""]


def _xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Response ID", "Role", "What slows you down?"])
    for i in range(1, 6):
        book.active.append([f"R{i}", "Developer", f"flaky builds slow us down {i}"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    import docx

    document = docx.Document()
    for paragraph in INTERVIEW.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seeds() -> list[tuple[str, bytes]]:
    found = [
        (".txt", INTERVIEW.encode()),
        (".vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Priya>What slows you?</v>\n\n"
                 b"00:00:04.000 --> 00:00:08.000\n<v Sam>Flaky pipelines, every week.</v>\n"),
        (".srt", b"1\n00:00:01,000 --> 00:00:03,000\nPriya: What slows you?\n\n"
                 b"2\n00:00:04,000 --> 00:00:08,000\nSam: Flaky pipelines, every week.\n"),
        (".csv", b"id,Role,What slows you down?\n1,Dev,flaky builds slow us\n2,Ops,reviews\n"),
        (".xlsx", _xlsx()),
        (".docx", _docx()),
    ]
    if INTERVIEWS.exists():
        found.append((".md", (INTERVIEWS / "nick-1-full.md").read_bytes()[:6000]))
    if JUPYTER_SURVEY.exists():
        found.append((".csv", b"".join(JUPYTER_SURVEY.read_bytes().splitlines(True)[:40])))
    return found


SEEDS = seeds()


def read_safely(extension: str, data: bytes) -> None:
    """A Document or an InputError: anything else fails the property."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{extension}"
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            read_document(path)


@FUZZ
@given(st.sampled_from(EXTENSIONS), st.binary(max_size=2000))
def test_random_bytes_never_raise_anything_but_an_input_error(extension, data):
    read_safely(extension, data)


@FUZZ
@given(st.sampled_from(range(len(SEEDS))), st.floats(0, 1))
def test_truncated_real_files_never_raise_anything_but_an_input_error(seed, fraction):
    extension, data = SEEDS[seed]
    read_safely(extension, data[:int(len(data) * fraction)])


@st.composite
def mutated(draw):
    extension, data = SEEDS[draw(st.sampled_from(range(len(SEEDS))))]
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        byte = draw(st.integers(0, 255))
        if action == "flip" and data:
            data[position] = byte
        elif action == "insert":
            data[position:position] = bytes([byte]) * draw(st.integers(1, 40))
        elif data:
            del data[position:position + draw(st.integers(1, 40))]
    return extension, bytes(data)


@FUZZ
@given(mutated())
def test_mutated_real_files_never_raise_anything_but_an_input_error(case):
    read_safely(*case)


ZIPPED = [(extension, data) for extension, data in SEEDS if extension in {".xlsx", ".docx"}]
XML_BITS = st.sampled_from([b"<", b">", b"</", b"<row>", b"<c r='A1' t='s'><v>9</v></c>",
                            b"<w:p>", b"<w:body>", b"<worksheet>", b"<sheetData>",
                            b"<x/>", b"&amp;", b"\x00", b"\xff", b"<v>", b"</row>"])


@st.composite
def damaged_member(draw):
    """A well-formed zip whose one member (the sheet, the document, the shared strings...)
    is replaced by random bytes or broken XML."""
    import zipfile

    extension, data = draw(st.sampled_from(ZIPPED))
    source = zipfile.ZipFile(io.BytesIO(data))
    member = draw(st.sampled_from(sorted(source.namelist())))
    garbage = draw(st.one_of(st.binary(max_size=300),
                             st.lists(XML_BITS, max_size=30).map(b"".join)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, garbage if item.filename == member else
                            source.read(item.filename))
    return extension, buffer.getvalue()


@FUZZ
@given(damaged_member())
def test_a_damaged_part_inside_a_workbook_or_document_is_an_input_error(case):
    read_safely(*case)


@settings(max_examples=20, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated())
def test_a_good_file_beside_a_broken_one_is_still_ingested(case):
    extension, data = case
    with tempfile.TemporaryDirectory() as folder:
        research = Path(folder) / "research"
        research.mkdir()
        (research / f"broken{extension}").write_bytes(data)
        (research / "good.txt").write_text(INTERVIEW, encoding="utf-8")
        with Workspace.open(Path(folder) / "ws") as workspace:
            report = ingest(workspace, [research], IngestOptions(), splitter=fake_splitter)
            good = [f for f in report.files if f.path.endswith("good.txt")]
            assert good and good[0].status in {"ingested", "skipped"}
            units = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
        assert units >= 3 or good[0].detail.startswith("same content")


@pytest.mark.parametrize("extension, data", SEEDS)
def test_the_seeds_themselves_are_read(extension, data, tmp_path):
    path = tmp_path / f"seed{extension}"
    path.write_bytes(data)
    assert read_document(path).turns
