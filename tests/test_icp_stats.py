import csv
from pathlib import Path

import pytest
from scipy.stats import chi2_contingency

from synth.errors import SynthError
from synth.icp.bins import make_bins
from synth.icp.columns import firmographic_columns, value_column, value_scores
from synth.icp.stats import find_icp, split_high, wilson
from tests.conftest import JUPYTER_SURVEY, ROOT, needs

BEACON_SURVEY = ROOT / "corpora" / "survey" / "beacon-survey-2026.csv"


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    return list(reader.fieldnames or []), rows


def planted() -> tuple[list[dict[str, str]], list[bool | None]]:
    """120 respondents: company size drives value, industry does not, Antarctica is tiny."""
    records, high = [], []
    for size, n, n_high in (("51-500", 40, 30), ("1-50", 40, 6), ("5000+", 40, 4)):
        for flag, count in ((True, n_high), (False, n - n_high)):
            for i in range(count):
                records.append({"Company size": size,
                                "Industry": ("SaaS", "Media", "Retail")[i % 3],
                                "Region": "Europe"})
                high.append(flag)
    for i, record in enumerate(r for r, flag in zip(records, high) if flag):
        if i < 4:
            record["Region"] = "Antarctica"
    records.append({"Company size": "51-500", "Industry": "SaaS", "Region": ""})
    high.append(None)  # unknown value: left out
    return records, high


# --- Wilson interval ---------------------------------------------------------------------

@pytest.mark.parametrize(("successes", "n", "low", "high"), [
    (0, 10, 0.0, 0.2775),
    (5, 10, 0.2366, 0.7634),
    (10, 10, 0.7225, 1.0),
    (1, 12, 0.0149, 0.3539),
])
def test_wilson_interval_known_values(successes, n, low, high):
    got = wilson(successes, n)
    assert got == pytest.approx((low, high), abs=1e-4)


# --- find_icp ----------------------------------------------------------------------------

def test_planted_attribute_is_ranked_first_and_conclusive():
    records, high = planted()
    icp = find_icp(records, high, ["Industry", "Region", "Company size"])
    assert icp.n == 120 and icp.high == 40 and icp.base_rate == pytest.approx(1 / 3)
    first = icp.attributes[0]
    assert first.column == "Company size"
    assert first.conclusive and first.p_value < 1e-6 and first.strength > 0.4
    assert [a.column for a in icp.top] == ["Company size", "Region", "Industry"]
    assert icp.attributes[-1].strength == 0.0          # industry is independent of value
    best = first.values[0]
    assert (best.value, best.n, best.high) == ("51-500", 40, 30)
    assert best.lift == pytest.approx(2.25)
    assert best.lift_low > 1 and best.conclusive and best.reason == ""
    assert [v.value for v in first.ideal] == ["51-500"]
    assert [v.value for v in first.poor_fit] == ["5000+", "1-50"]


def test_tiny_subgroup_with_a_high_rate_is_not_conclusive():
    records, high = planted()
    icp = find_icp(records, high, ["Region"])
    tiny = next(v for v in icp.attributes[0].values if v.value == "Antarctica")
    assert (tiny.n, tiny.high, tiny.rate) == (4, 4, 1.0)
    assert tiny.lift_low > 1                           # the interval alone would pass...
    assert not tiny.conclusive                         # ...but 4 people are too few
    assert tiny.reason == "only 4 respondents (fewer than 10)"


def test_interval_including_one_is_not_conclusive():
    records, high = planted()
    icp = find_icp(records, high, ["Industry"])
    saas = next(v for v in icp.attributes[0].values if v.value == "SaaS")
    assert saas.n >= 10 and saas.lift_low < 1 < saas.lift_high
    assert not saas.conclusive
    assert saas.reason == f"interval {saas.lift_low:.2g}-{saas.lift_high:.2g} includes 1"
    assert not icp.attributes[0].conclusive
    assert icp.attributes[0].reason.startswith("no clear difference")


def test_negative_profile_lists_poor_fit_values_lowest_lift_first():
    records, high = planted()
    icp = find_icp(records, high, ["Industry", "Company size"])
    assert [(v.column, v.value) for v in icp.negative] == [("Company size", "5000+"),
                                                           ("Company size", "1-50")]
    assert all(v.lift_high < 1 and v.conclusive for v in icp.negative)


def test_answers_are_grouped_ignoring_case_and_blanks_are_not_values():
    records = [{"Industry": v} for v in ["SaaS"] * 6 + ["saas "] * 2 + ["Media"] * 8 + [""] * 5]
    high = [True] * 6 + [False] * 2 + [False] * 6 + [True] * 2 + [True] * 5
    finding = find_icp(records, high, ["Industry"]).attributes[0]
    assert finding.n == 16
    assert sorted((v.value, v.n) for v in finding.values) == [("Media", 8), ("SaaS", 8)]
    assert finding.value_of("  SAAS ") == "SaaS"
    assert finding.value_of("") is None


def test_strength_and_p_value_match_a_chi_square_test():
    records, high = planted()
    finding = find_icp(records, high, ["Company size"]).attributes[0]
    table = [[30, 10], [6, 34], [4, 36]]
    statistic, p_value, _, _ = chi2_contingency(table, correction=False)
    assert finding.p_value == pytest.approx(p_value)
    phi2 = max(0.0, statistic / 120 - 2 / 119)
    assert finding.strength == pytest.approx((phi2 / (1 - 1 / 119)) ** 0.5)


def test_output_is_deterministic():
    records, high = planted()
    assert find_icp(records, high, ["Region", "Company size", "Industry"]) == \
        find_icp(records, high, ["Region", "Company size", "Industry"])


def test_no_high_value_respondent_is_an_error():
    with pytest.raises(SynthError, match="none of the 3 respondents .* --value-column"):
        find_icp([{"a": "x"}] * 3, [False, False, False], ["a"])


def test_unknown_column_is_an_error():
    records, high = planted()
    with pytest.raises(SynthError, match="no respondent has an answer in Seniority"):
        find_icp(records, high, ["Seniority"])


# --- binning -----------------------------------------------------------------------------

def test_numeric_columns_with_many_values_are_binned_into_quantiles():
    years = [str(v) for v in [0, 1, 2, 2, 3, 4, 5, 5, 6, 8, 10, 12, 15, 20, 25, 30] * 3]
    bins = make_bins(years)
    assert bins is not None
    assert bins.labels == ("0-2", "3-5", "6-12", "13+")
    assert [bins.label(v) for v in ["0", "2", "3", "7", "12", "13", "99", "n/a"]] == \
        ["0-2", "0-2", "3-5", "6-12", "6-12", "13+", "13+", None]
    assert make_bins(["1", "2", "3", "1", "2"]) is None          # few distinct values
    assert make_bins(["1-10", "11-50", "51-200"]) is None         # bands, not numbers


def test_binned_column_in_the_analysis():
    records = [{"Team size": str(n)} for n in range(1, 61)] + [{"Team size": ""}]
    high: list[bool | None] = [n > 40 for n in range(1, 61)] + [True]
    finding = find_icp(records, high, ["Team size"]).attributes[0]
    assert finding.bins is not None and finding.n == 60
    assert {v.value: v.n for v in finding.values} == {"1-15": 15, "16-30": 15, "31-45": 15,
                                                      "46+": 15}
    assert finding.values[0].value == "46+" and finding.values[0].conclusive
    assert finding.value_of("52") == "46+"


def test_decimal_bins_read_as_ranges():
    bins = make_bins([f"{v / 10:.1f}" for v in range(30)])
    assert bins is not None
    assert bins.labels == ("up to 0.9", "0.9-1.9", "over 1.9")


# --- high / low --------------------------------------------------------------------------

def test_split_high_takes_promoters_on_an_nps_scale():
    scores = value_scores(["10", "9", "8", "7", "6", "5", "0", ""])
    assert split_high(scores) == [True, True, False, False, False, False, False, None]


def test_split_high_takes_the_top_tercile_without_splitting_ties():
    assert split_high([1.0, 0.75, 0.75, 0.5, 0.25, 0.0, None]) == \
        [True, False, False, False, False, False, None]
    assert split_high([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) == [False] * 4 + [True] * 2
    # the top score alone holds more than a third: it is still the high group
    assert split_high([1.0, 1.0, 1.0, 0.5, 0.0]) == [True, True, True, False, False]
    assert split_high([None, None]) == [None, None]


# --- value scores ------------------------------------------------------------------------

def test_value_scores_order_usage_frequency():
    beacon = ["Daily", "Several times a week", "Weekly", "Monthly", "Less often", "Never"]
    scores = value_scores(beacon)
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 6
    jupyter = ["Daily", "Weekly", "Monthly", "Less often than monthly", "Less than once a month"]
    scores = value_scores(jupyter)
    assert scores[0] > scores[1] > scores[2] > scores[3] == scores[4]
    assert value_scores(["Less than monthly"]) == value_scores(["less often"])


def test_value_scores_for_nps_likert_and_yes_no():
    assert value_scores(["0", "5", "10", "", "n/a"]) == [0.0, 0.5, 1.0, None, None]
    assert value_scores(["10 - Extremely likely", "0 - Not at all likely", "7"]) == \
        [1.0, 0.0, 0.7]
    assert value_scores(["1", "3", "5"]) == [0.0, 0.5, 1.0]           # five-point scale
    assert value_scores(["$10", "$200", "$50", "$50"]) == [0.0, 1.0, 0.5, 0.5]  # mid-ranks
    likert = ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied"]
    assert value_scores(likert) == [1.0, 0.75, 0.5, 0.25, 0.0]
    assert value_scores(["Yes", "no", "Maybe"]) == [1.0, 0.0, 0.5]


def test_value_scores_refuse_unordered_answers():
    with pytest.raises(SynthError) as error:
        value_scores(["Blue", "Green", "Daily", ""])
    assert str(error.value) == (
        "cannot put the value column's answers in order ('Blue', 'Daily', 'Green'). Pick a "
        "numeric or ordinal column (NPS, satisfaction, usage frequency) with --value-column")


def test_value_column_preference_and_names():
    headers = ["How often do you use it?", "How satisfied are you?", "NPS", "Colour"]
    rows = [{"How often do you use it?": "Daily", "How satisfied are you?": "Satisfied",
             "NPS": "9", "Colour": "Blue"}]
    assert value_column(headers, rows) == "NPS"
    assert value_column(headers[:2], rows) == "How satisfied are you?"
    assert value_column(headers[:1], rows) == "How often do you use it?"
    assert value_column(["Colour"], rows) is None
    assert value_column(headers, rows, "colour") == "Colour"
    with pytest.raises(SynthError, match="--value-column names 'Mood', which is not a column"):
        value_column(headers, rows, "Mood")
    # an NPS-looking header whose answers cannot be ordered is passed over
    rows[0]["NPS"] = "great"
    assert value_column(headers, rows) == "How satisfied are you?"


# --- column detection --------------------------------------------------------------------

def test_firmographic_columns_on_the_sample_survey_headers():
    headers, rows = read_csv(BEACON_SURVEY)
    assert firmographic_columns(headers, rows) == {
        "company_size": "How many people work at your company?",
        "revenue": "Annual revenue band",
        "industry": "Which industry is your company in?",
        "region": "Region",
        "tech_stack": "Primary programming language",
        "role": "What is your role?",
    }
    assert value_column(headers, rows) == \
        "How likely are you to recommend Beacon to a colleague? (0-10)"


def test_firmographic_columns_from_plain_headers_and_overrides():
    headers = ["Job title", "Number of employees", "Country", "Team size", "Tech stack",
               "How many years have you been in this role?", "Sector"]
    rows = [dict.fromkeys(headers, "x")]
    assert firmographic_columns(headers, rows) == {
        "company_size": "Number of employees", "team_size": "Team size", "industry": "Sector",
        "region": "Country", "tech_stack": "Tech stack", "role": "Job title"}
    assert firmographic_columns(headers, rows, {"industry": "tech stack"})["industry"] == \
        "Tech stack"
    with pytest.raises(SynthError, match="the industry column 'Vertical' is not a column"):
        firmographic_columns(headers, rows, {"industry": "Vertical"})
    with pytest.raises(SynthError, match="unknown column role 'size'"):
        firmographic_columns(headers, rows, {"size": "Team size"})


def test_firmographic_columns_skip_empty_and_free_text_columns():
    headers = ["What industry are you in?", "Industry", "What is hard about your stack?"]
    rows = [{"What industry are you in?": "", "Industry": "SaaS",
             "What is hard about your stack?": "Everything about it, " * 10}]
    assert firmographic_columns(headers, rows) == {"industry": "Industry"}


@needs(JUPYTER_SURVEY)
def test_firmographic_columns_on_the_jupyter_survey():
    headers, rows = read_csv(JUPYTER_SURVEY)
    found = firmographic_columns(headers, rows)
    assert found["industry"].startswith("Industry #1:What industries")
    assert found["role"].startswith("What is your primary role")
    assert "company_size" not in found        # "How many people see your work" is audience
    assert set(found) == {"industry", "role"}
    column = value_column(headers, rows)
    assert column == "How often do you use Jupyter Notebook?"
    scores = value_scores([row[column] for row in rows])
    assert {row[column]: score for row, score in zip(rows, scores)} == {
        "Daily": 1.0, "Weekly": 0.7, "Monthly": 0.4, "Less often than monthly": 0.2, "": None}
    high = split_high(scores)
    assert {row[column] for row, flag in zip(rows, high) if flag} == {"Daily"}


# --- the planted ICP in the sample survey ------------------------------------------------

def test_sample_survey_recovers_the_planted_icp():
    headers, rows = read_csv(BEACON_SURVEY)
    nps = "How likely are you to recommend Beacon to a colleague? (0-10)"
    high = split_high(value_scores([row[nps] for row in rows]))
    assert sum(flag is True for flag in high) == 86         # promoters, 9-10
    columns = list(firmographic_columns(headers, rows).values())
    columns.append("Years of professional experience")
    icp = find_icp(rows, high, columns)
    by_column = {a.column: a for a in icp.attributes}
    size = by_column["How many people work at your company?"]
    industry = by_column["Which industry is your company in?"]
    assert size in icp.top and industry in icp.top
    assert icp.attributes[0] is size
    assert [v.value for v in size.ideal] == ["201-500", "51-200"]       # 51-500 employees
    assert {v.value for v in industry.ideal} == {"SaaS", "Fintech"}
    assert all(v.conclusive and v.lift_low > 1 for v in size.ideal + industry.ideal)
    negative = {(v.column, v.value) for v in icp.negative}
    assert ("Which industry is your company in?", "Government") in negative
    assert ("How many people work at your company?", "5000+") in negative
    # Banking points the same way but 1 promoter of 12 is too few to be sure
    banking = next(v for v in industry.values if v.value == "Banking")
    assert (banking.n, banking.high) == (12, 1) and banking.lift < 0.3
    assert not banking.conclusive and banking.reason == "interval 0.049-1.2 includes 1"
    region = by_column["Region"]
    assert region not in icp.top and not region.conclusive
