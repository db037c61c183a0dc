"""Bytes to text: BOMs, UTF-16, UTF-8 and cp1252, and a clear word for binary or empty files."""

from __future__ import annotations

import codecs
from pathlib import Path

from synth.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(path, f"cannot read the file ({error.strerror})",
                         "Check the path and its permissions.") from None
    if not data.strip():
        raise InputError(path, "the file is empty", "Export it again, or leave it out.")
    return data


def decode(data: bytes, path: Path) -> str:
    """Decode text the way a researcher's tools write it; refuse binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace"))
    sample = data[:4096]
    if b"\x00" in sample:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return _normalise(data.decode("utf-16-le", errors="replace"))
        if even > len(sample) // 4 and odd == 0:
            return _normalise(data.decode("utf-16-be", errors="replace"))
        raise InputError(path, "this is a binary file, not text",
                         "Give synth transcripts (.txt, .md, .vtt, .srt, .docx) "
                         "or survey exports (.csv, .tsv, .xlsx).")
    try:
        return _normalise(data.decode("utf-8"))
    except UnicodeDecodeError:
        return _normalise(_per_line(data))


def _per_line(data: bytes) -> str:
    """Each line in UTF-8 when it is valid UTF-8, else cp1252: a file whose rows were
    written by different tools (some UTF-8, some Windows) keeps every row readable."""
    lines = []
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="replace"))
    return "\n".join(lines)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
