"""Property-based fuzzing of every reader (issue 10): random bytes, truncations and
mutations of real files never produce a traceback, only a Document or a one-line
InputError, and a good file beside a broken one is still ingested."""

from __future__ import annotations

import contextlib
import io
import json
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


# -- codebook files (issue 20): YAML, REFI-QDA .qdc and .qdpx ------------------------------------

CODEBOOK_YAML = b"""themes:
- id: frustration-01
  question: frustration
  label: Flaky tests
  description: ''
  pinned: false
  size: 12
  examples:
  - Our CI fails at random twice a week.
  subthemes: []
- id: frustration-02
  split:
  - label: Slow CI
    examples: [The pipeline takes forty minutes.]
  - label: Flaky CI
    examples: [It fails at random.]
- question: tools
  label: Mobile release tooling
  examples:
  - The mobile release tooling breaks on every upload.
"""
CODEBOOK_QDC = (b'<?xml version="1.0" encoding="utf-8"?>\n'
                b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="synth"><Codes>\n'
                b'<Code guid="7d1f0a52-5b1e-5c44-9a55-0cf1c5f1d2a1" name="frustration" '
                b'isCodable="false">\n<Code guid="0b5e5d3c-1111-4a2b-9c3d-222222222222" '
                b'name="Flaky tests" isCodable="true"><Description>CI fails at random'
                b'</Description></Code>\n</Code>\n<Code guid="abc" name="Docs search" '
                b'isCodable="true"/>\n</Codes></CodeBook>\n')
YAML_BITS = st.sampled_from([b"!!python/object/apply:os.system ['x']", b"&a ", b"*a", b"<<: *a",
                             b"? [a, b]\n: 1", b"[", b"]", b"{", b"}", b"- ", b":", b"\n  ",
                             b"\t", b"'", b'"', b"%YAML 1.1\n", b"---\n", b"\xe9", b"\x00",
                             b"!!binary AAAA", b"~", b"null", b"true"])


def _qdpx(member: bytes) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", member)
    return buffer.getvalue()


CODEBOOK_SEEDS = [(".yaml", CODEBOOK_YAML), (".qdc", CODEBOOK_QDC), (".qdpx", _qdpx(CODEBOOK_QDC))]


def codebook_entries(path: Path) -> list:
    """A codebook file's entries as `synth codebook apply` reads them: YAML by
    `read_entries`, REFI-QDA by `read_refi` and the matching against an empty codebook."""
    from synth.analyse.framework import load_framework
    from synth.codebook.files import read_entries
    from synth.codebook.imports import refi_edits
    from synth.themes.codebook import Codebook

    if path.suffix in (".qdc", ".qdpx"):
        return refi_edits(path, Codebook(), load_framework())[0]
    return read_entries(path)


def read_codebook_safely(extension: str, data: bytes) -> None:
    """Codebook edits or an InputError: anything else fails the property. Read and checked
    as `synth codebook apply` does (REFI-QDA matched to an empty codebook)."""
    from synth.analyse.framework import load_framework
    from synth.codebook.edits import read_edits
    from synth.themes.codebook import Codebook

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"codebook{extension}"
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            read_edits(path, Codebook(), load_framework())


@st.composite
def mutated_codebook(draw):
    extension, data = draw(st.sampled_from(CODEBOOK_SEEDS))
    data = bytearray(data)
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "splice"]))
        if action == "flip" and data:
            data[position] = draw(st.integers(0, 255))
        elif action == "insert":
            data[position:position] = bytes([draw(st.integers(0, 255))]) * draw(
                st.integers(1, 20))
        elif action == "splice":
            data[position:position] = draw(XML_BITS if extension != ".yaml" else YAML_BITS)
        elif data:
            del data[position:position + draw(st.integers(1, 30))]
    if extension == ".qdpx" and draw(st.booleans()):
        return extension, _qdpx(bytes(data[:len(data)]))    # a damaged project inside a zip
    return extension, bytes(data)


@FUZZ
@given(mutated_codebook())
def test_mutated_codebook_files_never_raise_anything_but_an_input_error(case):
    read_codebook_safely(*case)


@FUZZ
@given(st.sampled_from([".yaml", ".qdc", ".qdpx"]), st.binary(max_size=1500))
def test_random_bytes_as_a_codebook_are_an_input_error(extension, data):
    read_codebook_safely(extension, data)


YAML_KEYS = st.sampled_from(["id", "question", "label", "description", "pinned", "delete",
                             "merge_into", "split", "examples", "size", "subthemes", "<<",
                             "? [a, b]\n ", "? {a: 1}\n ", "&k id", "*k", "!!str label"])
YAML_VALUES = st.one_of(
    st.sampled_from(["!!python/object/apply:os.system ['true']", "!!python/name:os.system",
                     "*a", "&a x", "&a [one, two]", "[1, [2, [3]]]", "{label: x, examples: *a}",
                     "!!binary AAAA", "!!set {a: null}", "!!timestamp 2001-12-14", "~", "true",
                     "2001-12-14", "0x1F", ".nan", "'quoted: text'", "|\n    block\n",
                     "\n  - label: A\n    examples: [x]\n  - <<: *a\n",
                     "\n  - label: B\n    examples: [y]\n  - label: C\n    examples: [z]\n",
                     "\n  - one\n  - two\n", "[" * 300 + "]" * 300, "!!omap [a: 1]"]),
    st.text(max_size=15).map(lambda t: json.dumps(t)))


@st.composite
def hostile_yaml(draw):
    """A `themes:` list of entries whose keys and values are drawn from tags, aliases,
    merge keys, complex keys, deep nesting and odd scalars."""
    entries = []
    for _ in range(draw(st.integers(1, 4))):
        fields = draw(st.lists(st.tuples(YAML_KEYS, YAML_VALUES), min_size=1, max_size=5))
        lines = [f"{key}: {value}" for key, value in fields]
        entries.append("- " + "\n  ".join(lines))
    anchor = draw(st.sampled_from(["", "base: &a {label: A, examples: [x]}\n"]))
    return (anchor + "themes:\n" + "\n".join(entries) + "\n").encode("utf-8")


@FUZZ
@given(hostile_yaml())
def test_yaml_made_of_hostile_pieces_is_an_input_error(text):
    read_codebook_safely(".yaml", text)


@pytest.mark.parametrize("extension, data", CODEBOOK_SEEDS)
def test_the_codebook_seeds_themselves_are_read(extension, data, tmp_path):
    path = tmp_path / f"seed{extension}"
    path.write_bytes(data)
    assert [e.label for e in codebook_entries(path)]
