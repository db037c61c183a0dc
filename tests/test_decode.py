import codecs

import pytest

from synth.errors import InputError
from synth.ingest.decode import decode, read_bytes

TEXT = "Ana: I use VS Code — every day, café included.\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),                     # with BOM
    TEXT.encode("utf-16-le"),                  # without BOM
    TEXT.encode("cp1252"),
])
def test_every_common_encoding_reads_the_same(data, tmp_path):
    assert decode(data, tmp_path / "x.txt") == TEXT


def test_windows_line_endings_become_newlines(tmp_path):
    assert decode(b"A: one\r\nB: two\r\n", tmp_path / "x.txt") == "A: one\nB: two\n"


def test_binary_data_is_refused_with_the_fix(tmp_path):
    with pytest.raises(InputError) as error:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01", tmp_path / "photo.txt")
    assert str(error.value).startswith(f"{tmp_path / 'photo.txt'}: this is a binary file")
    assert ".vtt" in str(error.value)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    with pytest.raises(InputError, match="the file is empty"):
        read_bytes(path)
