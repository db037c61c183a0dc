"""Reading a leads file to score: a CSV (or TSV) with a header row, one lead per row."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from synth.errors import InputError
from synth.ingest.decode import decode


def read_leads(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """(the header, one dict per lead). Bad files raise InputError naming what to fix."""
    if not path.is_file():
        raise InputError(path, "no such file", "Check the path to the leads CSV")
    text = decode(path.read_bytes(), path)
    if not text.strip():
        raise InputError(path, "the file is empty", "Give a CSV with a header row and a row "
                         "per lead")
    dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as error:
        raise InputError(path, f"not a readable CSV ({error})", "Export it again as CSV"
                         ) from None
    header = [h.strip() for h in rows[0]]
    if len(set(header)) != len(header) or not all(header):
        raise InputError(path, "the header row has blank or repeated column names",
                         "Give every column a unique name", "line 1")
    leads = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(path, f"{len(row)} cells but the header has {len(header)}",
                             "Quote cells that contain commas", f"line {number}")
        leads.append({h: (row[i].strip() if i < len(row) else "") for i, h in
                      enumerate(header)})
    if not leads:
        raise InputError(path, "no leads below the header", "Add a row per lead")
    return header, leads
