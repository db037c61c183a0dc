import pytest

from synth.errors import InputError, NotResearch
from synth.ingest.readers import read_document
from synth.ingest.survey import SurveyOptions, classify

ROLES = ["Platform engineer", "Frontend developer", "CTO"]


def survey_csv(rows: int = 12) -> str:
    lines = ["Response ID,Started,Status,What is your role?,NPS (0-10),"
             "What is the hardest part of shipping software?"]
    for i in range(1, rows + 1):
        answer = f'"Flaky tests, slow builds and review queue number {i}"' if i % 4 else ""
        lines.append(f"R{i:03d},2026-03-0{1 + i % 9} 10:00:00,Complete,{ROLES[i % 3]},{i % 11},"
                     f"{answer}")
    return "\n".join(lines) + "\n"


def test_wide_survey_columns_and_respondents(write):
    document = read_document(write("s.csv", survey_csv()))
    assert document.kind == "survey"
    assert document.columns == {
        "Response ID": "id", "Started": "skipped: survey metadata",
        "Status": "skipped: survey metadata", "What is your role?": "attribute",
        "NPS (0-10)": "attribute", "What is the hardest part of shipping software?": "text"}
    assert len(document.attributes) == 12           # respondents without text are kept
    assert document.attributes["s:R001"] == {"What is your role?": "Frontend developer",
                                             "NPS (0-10)": "1"}
    first = document.turns[0]
    assert first.speaker == "s:R001"
    assert first.question == "What is the hardest part of shipping software?"
    assert first.location == "row 2, column What is the hardest part of shipping software?"


def test_rows_are_numbered_as_in_a_spreadsheet_even_with_line_breaks_in_cells(write):
    text = ('id,What frustrates you?\n1,"Two lines\nof text"\n2,"Docs are thin and out of date"\n')
    document = read_document(write("s.csv", text), SurveyOptions(text_columns=["What frustrates you?"]))
    assert [t.location for t in document.turns] == ["row 2, column What frustrates you?",
                                                    "row 3, column What frustrates you?"]


def test_long_format_merges_rows_of_one_respondent(write):
    text = ("respondent_id,team,comment\n"
            "7,Platform,The pipeline YAML keeps growing\n"
            "7,Platform,Cost reports arrive too late\n"
            "8,Data,SSO approval took four months\n")
    document = read_document(write("long.csv", text),
                             SurveyOptions(attribute_columns=["team"]))
    assert document.columns["respondent_id"] == "id"
    assert sorted(document.attributes) == ["long:7", "long:8"]
    assert [t.speaker for t in document.turns] == ["long:7", "long:7", "long:8"]


def test_no_id_column_names_respondents_by_row(write):
    text = "How often?,What hinders you?\nDaily,Slow kernel start\nWeekly,\n"
    document = read_document(write("s.csv", text), SurveyOptions(text_columns=["What hinders you?"]))
    assert sorted(document.attributes) == ["s:row 2", "s:row 3"]


def test_non_answers_are_not_statements(write):
    text = "id,What hinders you?\n1,n/a\n2,None\n3,Nothing really works offline\n"
    document = read_document(write("s.csv", text), SurveyOptions(text_columns=["What hinders you?"]))
    assert [t.text for t in document.turns] == ["Nothing really works offline"]


def test_tsv_and_semicolon_delimiters(write):
    tsv = read_document(write("s.tsv", "id\tWhat hinders you?\n1\tThe docs, mostly\n"),
                        SurveyOptions(text_columns=["What hinders you?"]))
    assert tsv.turns[0].text == "The docs, mostly"
    semi = read_document(write("e.csv", "id;What hinders you?\n1;The docs, mostly\n"),
                         SurveyOptions(text_columns=["What hinders you?"]))
    assert semi.turns[0].text == "The docs, mostly"


def test_ragged_row_is_reported_with_its_row(write):
    path = write("s.csv", "id,comment\n1,fine\n2,too,many,values\n")
    with pytest.raises(InputError) as error:
        read_document(path)
    assert str(error.value) == (f"{path}, row 3: this row has 4 values but the header has 2 "
                                "columns. Check the delimiter and the quoting of that row, "
                                "or export again")


def test_unclosed_quote_is_a_parse_error_with_a_row(write):
    path = write("s.csv", 'id,comment\n1,"fine\n2,ok\n')
    with pytest.raises(InputError, match=r"row \d+: cannot parse the CSV"):
        read_document(path)


def test_override_naming_a_missing_column_lists_the_columns(write):
    path = write("s.csv", survey_csv())
    with pytest.raises(InputError, match="--text-columns names 'Nope', which is not a column. "
                                         "The columns are: Response ID, Started"):
        read_document(path, SurveyOptions(text_columns=["Nope"]))


def test_a_table_without_free_text_says_which_flag_to_use(write):
    path = write("s.csv", "id,role\n" + "".join(f"{i},CTO\n" for i in range(20)))
    with pytest.raises(NotResearch, match="found no free-text column. Name the free-text "
                                          "questions with --text-columns"):
        read_document(path)


def test_xlsx_reads_like_csv(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Response ID", "Company size", "What would make Beacon indispensable?"])
    for i in range(1, 13):
        sheet.append([f"R{i}", ["1-10", "51-200"][i % 2], f"Faster preview builds for team {i}"])
    path = tmp_path / "s.xlsx"
    book.save(path)
    document = read_document(path)
    assert document.format == "xlsx"
    assert document.columns["Company size"] == "attribute"
    assert document.turns[0].location == "row 2, column What would make Beacon indispensable?"


@pytest.mark.parametrize("header, values, use", [
    ("How often do you use it?", ["Daily", "Weekly"] * 10, "attribute"),
    ("Select all that apply", ["a;b", "b;c", "a;c;d", "d"] * 5, "attribute"),
    ("What is your primary role?", [f"grad student {i}" for i in range(30)], "attribute"),
    ("Score", [str(i) for i in range(30)], "attribute"),
    ("Date Submitted", ["2026-01-01 10:00:00"] * 3, "skipped: survey metadata"),
    ("Comments", [], "skipped: empty"),
    ("What hinders you?", [f"hidden helper functions make notebooks hard {i}" for i in range(30)],
     "text"),
])
def test_classify(header, values, use):
    assert classify(header, values) == use
