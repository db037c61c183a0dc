"""Survey exports: CSV, TSV and XLSX, wide (a row per respondent) or long (rows per id).

Every column gets one use, decided from its header and its values (overridable):

- `id`: the respondent id (`Response ID`, `respondent_id`, ...); without one, each row is
  its own respondent, named by its spreadsheet row;
- `skipped`: survey-tool metadata (timestamps, status, IP address...) and empty columns;
- `attribute`: choice, numeric and multi-select answers, and short answers about the
  respondent (role, industry, company size...): these describe the participant;
- `text`: free-text answers, each non-empty cell becoming a turn whose question is the header;
- `identifier`: names, emails, phone numbers, handles (by header, or when most values are
  emails or phone numbers): never statements, never shown; names become the respondent's
  name, which every output redacts.

A column is typed by its values only when there are enough of them: a multi-select needs
its `;`-separated options to repeat, and a question asked openly ("What is the hardest part
of your job?") stays free text however short its answers.

Rows are numbered as in a spreadsheet (header = row 1); partial responses are kept.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from synth.documents import Document, Turn
from synth.errors import InputError, NotResearch

_METADATA = re.compile(
    r"^(time started|date submitted|submitted( at)?|start(ed)?( date| time| at)?|end(ed)?"
    r"( date| time| at)?|status|ip( address)?|user ?agent|duration.*|progress|finished|"
    r"recorded ?date|response ?type|distribution ?channel|user ?language|referr?er|"
    r"latitude|longitude|time ?stamp|date|time|completed( at)?|collector.*|email( address)?)$",
    re.IGNORECASE,
)
_ID = re.compile(
    r"^(respondent|response|participant|submission|user|record)?[ _-]?(id|#|no\.?|number)$",
    re.IGNORECASE,
)
_ABOUT_RESPONDENT = re.compile(
    r"\b(role|job|title|position|industr\w*|compan\w*|organi[sz]ation|team size|employees|"
    r"years?|experience|seniority|country|region|location|age|gender|language|revenue|"
    r"how often|how long|how many|how likely|nps|frequency)\b",
    re.IGNORECASE,
)
_NON_ANSWERS = {"", "-", "--", "n/a", "na", "none", "nothing", "no", "nope", "?", ".", "x",
                "no comment", "no answer", "not applicable", "nil", "null"}
_IDENTIFIER = re.compile(
    r"^(your |full |first |last |given |family |sur|nick|user ?|display |contact )?names?\b|"
    r"\b(e-?mail|phone|mobile|telephone|cell|whatsapp|linkedin|twitter|github (handle|user"
    r"(name)?)|handle|username|home address|postal address|street address|ssn|passport)\b",
    re.IGNORECASE,
)
_NAME_HEADER = re.compile(r"^(your |full |first |last |given |display )?names?\b",
                          re.IGNORECASE)
_OPEN_QUESTION = re.compile(
    r"^\s*how (do|did|would|could|can|does)\b|\b(why|describe|explain|tell us|anything|"
    r"hardest|biggest|best|worst|favou?rite|most|least|part of|challeng\w*|problem\w*|"
    r"frustrat\w*|improve\w*|wish|like about|dislike)\b", re.IGNORECASE)
_EMAIL_VALUE = re.compile(r"^[\w.%+-]+@[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}$")
_PHONE_VALUE = re.compile(r"^\+?[\d\s().-]{7,20}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?")


@dataclass
class SurveyOptions:
    """Overrides for column detection (`--id-column`, `--text-columns`, ...)."""

    id_column: str | None = None
    text_columns: list[str] = field(default_factory=list)
    attribute_columns: list[str] = field(default_factory=list)
    sheet: str | None = None      # the XLSX worksheet to read (default: the first)


def is_answer(value: str) -> bool:
    return value.strip().casefold().strip(".!") not in _NON_ANSWERS


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", ""))
    except ValueError:
        return False
    return True


def classify(header: str, values: Sequence[str]) -> str:
    """Decide a column's use from its header and its non-empty values."""
    if not values:
        return "skipped: empty"
    if _IDENTIFIER.search(header):
        return "identifier"
    if _METADATA.match(header.strip()):
        return "skipped: survey metadata"
    contacts = sum(bool(_EMAIL_VALUE.match(v) or (_PHONE_VALUE.match(v) and
                                                  sum(c.isdigit() for c in v) >= 7))
                   for v in values)
    if contacts >= 0.5 * len(values):
        return "identifier"
    if all(_DATETIME.match(value) for value in values):
        return "skipped: timestamps"
    if all(_is_number(value) for value in values):
        return "attribute"
    distinct = set(values)
    lengths = [len(value) for value in values]
    words = statistics.mean(len(value.split()) for value in values)
    repeated = len(values) >= 2 * len(distinct)
    if (len(distinct) <= 12 and repeated) or (len(values) >= 10 and
                                              len(distinct) <= 0.2 * len(values)):
        return "attribute"
    if _is_multi_select(values):
        return "attribute"
    if _OPEN_QUESTION.search(header):
        return "text"
    if _ABOUT_RESPONDENT.search(header) and statistics.mean(lengths) <= 40:
        return "attribute"
    if len(values) < 10 and words <= 2 and len(distinct) < len(values):
        return "attribute"
    return "text"


def _is_multi_select(values: Sequence[str]) -> bool:
    """`;`-separated options, most answers several of them, the options repeating."""
    lists = [value for value in values if ";" in value]
    tokens = [token.strip() for value in values for token in value.split(";") if token.strip()]
    return (len(values) >= 10 and len(lists) >= 0.3 * len(values)
            and len(set(tokens)) <= 30 and len(tokens) >= 3 * len(set(tokens))
            and statistics.mean(len(token.split()) for token in tokens) <= 4)


_SUB_HEADERS = {"response", "open-ended response", "other (please specify)", "comment"}


def _merge_second_header(rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """SurveyMonkey's two header rows (the question, then "Response", "Open-Ended
    Response" or each option) -> one header row; and the spreadsheet row data starts on."""
    if len(rows) < 2:
        return rows, 2
    second = [cell.strip() for cell in rows[1]]
    if not any(cell.casefold() in _SUB_HEADERS for cell in second):
        return _merge_grouped_header(rows)
    merged, question = [], ""
    for index, cell in enumerate(rows[0]):
        question = cell.strip() or question
        sub = second[index] if index < len(second) else ""
        if not cell.strip() and sub:
            merged.append(f"{question} - {sub}")   # a further option of a choice question
        elif sub and sub.casefold() not in _SUB_HEADERS:
            merged.append(f"{question} - {sub}")
        else:
            merged.append(cell)
    return [merged, *rows[2:]], 3


def _merge_grouped_header(rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """Two header rows made with merged cells: group titles over several columns ("About
    you" over "Role" and "Company size"), and headers merged down both rows ("Response ID")
    -> one header row ("About you - Role"); and the spreadsheet row data starts on.

    The second row is a header only when it fills a gap a merge left in the first, holds no
    number, and none of its cells comes back as an answer in its column."""
    top = [cell.strip() for cell in rows[0]]
    second = [cell.strip() for cell in rows[1]]
    width = max(len(top), len(second))
    top += [""] * (width - len(top))
    second += [""] * (width - len(second))
    gaps = [i for i in range(1, width) if not top[i] and second[i]]
    filled = [cell for cell in second if cell]
    down = [i for i in range(width) if top[i] and not second[i]]
    grouped = sum(1 for cell in top if cell) <= width / 2
    if not gaps or not filled or not (down or grouped) or any(
            _is_number(cell) for cell in filled):
        return rows, 2
    for i, cell in enumerate(second):
        if cell and any(i < len(row) and row[i].strip() == cell for row in rows[2:]):
            return rows, 2
    merged, group = [], ""
    for i in range(width):
        if top[i]:
            group = top[i] if second[i] else ""
        title = top[i] or group
        merged.append(f"{title} - {second[i]}" if title and second[i] and title != second[i]
                      else title or second[i])
    return [merged, *rows[2:]], 3


def _unique_headers(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for index, header in enumerate(headers, start=1):
        name = " ".join(header.replace("\xa0", " ").split()) or f"column {index}"
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return result


def _check_override(path: Path, headers: list[str], names: list[str], flag: str) -> None:
    for name in names:
        if name not in headers:
            raise InputError(path, f"{flag} names '{name}', which is not a column",
                             f"The columns are: {', '.join(headers)}")


# Line breaks a cell can hold besides "\n" (a vertical tab is Word's and Excel's manual line
# break; U+2028/U+2029 are Unicode's), and invisible characters that make two spellings of
# one value ("\ufeffDev" and "Dev"): a byte-order mark or a zero-width space inside a cell.
_CELL_BREAKS = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")
_CELL_INVISIBLE = re.compile("[\ufeff\u200b\u2060]")


def _clean(cell: str) -> str:
    return _CELL_INVISIBLE.sub("", _CELL_BREAKS.sub("\n", cell))


def table_to_document(path: Path, fmt: str, rows: list[list[str]],
                      options: SurveyOptions) -> Document:
    """Turn a header row plus data rows (spreadsheet rows 2...) into a survey Document."""
    rows = [[_clean(cell) for cell in row] for row in rows]
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise NotResearch(path, "the table has no header row",
                          "The first row must name the columns (the survey questions)")
    rows, first_data_row = _merge_second_header(rows)
    headers = _unique_headers(rows[0])
    data = rows[1:]
    if not data:
        raise NotResearch(path, "the table has a header but no responses",
                          "Export the survey again with its responses")
    for flag, names in (("--text-columns", options.text_columns),
                        ("--attribute-columns", options.attribute_columns),
                        ("--id-column", [options.id_column] if options.id_column else [])):
        _check_override(path, headers, names, flag)

    columns: dict[str, str] = {}
    id_column = options.id_column
    if id_column is None:
        id_column = next((h for h in headers if _ID.match(h.strip())), None)
    for index, header in enumerate(headers):
        if header == id_column:
            columns[header] = "id"
            continue
        values = [row[index].strip() for row in data if index < len(row) and row[index].strip()]
        if header in options.text_columns:
            columns[header] = "text"
        elif header in options.attribute_columns:
            columns[header] = "attribute"
        else:
            columns[header] = classify(header, values)

    text_columns = [h for h in headers if columns[h] == "text"]
    if not text_columns:
        raise NotResearch(path, "found no free-text column",
                          "Name the free-text questions with --text-columns COL[,COL...]")

    stem = path.stem
    turns: list[Turn] = []
    attributes: dict[str, dict[str, str]] = {}
    names: dict[str, str] = {}
    name_columns = [h for h in headers if columns[h] == "identifier" and _NAME_HEADER.match(h)]
    id_index = headers.index(id_column) if id_column else None
    for row_number, row in enumerate(data, start=first_data_row):
        cells = dict(zip(headers, (cell.strip() for cell in row)))
        if not any(cells.values()):
            continue
        raw_id = cells.get(id_column, "") if id_column else ""
        if id_index is not None and not raw_id:
            raise InputError(path, f"the id column '{id_column}' is empty",
                             "Fill in the respondent id, or choose another column with "
                             "--id-column", where=f"row {row_number}")
        respondent = f"{stem}:{raw_id or f'row {row_number}'}"
        known = attributes.setdefault(respondent, {})
        found = " ".join(cells[h] for h in name_columns if cells.get(h))
        if found:
            names[respondent] = " ".join(f"{names.get(respondent, '')} {found}".split())
        for header in headers:
            value = cells.get(header, "")
            if not value:
                continue
            if columns[header] == "attribute":
                if header not in known:
                    known[header] = value
                elif value not in known[header].split("; "):
                    known[header] += f"; {value}"
            elif columns[header] == "text" and is_answer(value):
                location = f"row {row_number}, column {header}"
                turns.append(Turn(respondent, value, ((0, location),), question=header))
    return Document(path=path, format=fmt, kind="survey", turns=turns,
                    attributes=attributes, columns=columns, names=names)


def read_delimited(text: str, path: Path, fmt: str, options: SurveyOptions) -> Document:
    delimiter = "\t" if fmt == "tsv" else _sniff_delimiter(text)
    # rows end at a newline only: str.splitlines also breaks at a vertical tab (Word's line
    # break), a form feed or U+2028, which cut an answer and made a respondent of its rest
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        raise InputError(path, f"cannot parse the {fmt.upper()} ({error})",
                         "Check for an unclosed quote near there, or export the survey again",
                         where=f"row {len(rows) + 1}") from None
    rows = [row for row in rows if row]  # trailing blank lines
    if rows:
        width = len(rows[0])
        for number, row in enumerate(rows[1:], start=2):
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                raise InputError(
                    path, f"this row has {len(row)} values but the header has {width} columns",
                    "Check the delimiter and the quoting of that row, or export again",
                    where=f"row {number}")
    return table_to_document(path, fmt, rows, options)


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_xlsx(path: Path, options: SurveyOptions) -> Document:
    import openpyxl  # imported here: only XLSX files need it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise InputError(path, f"cannot open the workbook ({type(error).__name__})",
                         "Open it in a spreadsheet program and save it again as .xlsx") from None
    try:
        sheets = [sheet.title for sheet in book.worksheets]
        if not sheets:
            raise InputError(path, "the workbook has no worksheet (only charts or nothing)",
                             "Export the survey responses as a worksheet, or as .csv")
        if options.sheet is not None and options.sheet not in sheets:
            raise InputError(path, f"--sheet names '{options.sheet}', which is not a sheet",
                             f"The sheets are: {', '.join(sheets)}")
        name = options.sheet or sheets[0]
        try:  # read-only workbooks parse rows lazily: a damaged sheet fails here
            rows = [[_cell(value) for value in row]
                    for row in book[name].iter_rows(values_only=True)]
        except Exception as error:
            raise InputError(path, f"cannot read the sheet '{name}' ({type(error).__name__})",
                             "Open it in a spreadsheet program and save it again as .xlsx"
                             ) from None
    finally:
        book.close()
    while rows and not any(rows[-1]):
        rows.pop()
    try:
        return table_to_document(path, "xlsx", rows, options)
    except NotResearch as error:
        if len(sheets) < 2 or options.sheet is not None:
            raise
        raise InputError(path, f"the sheet '{name}' holds no survey ({error.problem})",
                         f"The workbook's sheets are: {', '.join(sheets)}. Choose the one "
                         "with the responses with --sheet NAME") from None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)  # datetimes print as "2026-03-02 10:15:00"
