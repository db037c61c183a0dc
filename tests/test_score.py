from dataclasses import replace

import pytest

from synth.errors import SynthError
from synth.icp.score import (
    MIN_STRENGTH,
    check_lead_columns,
    is_scored,
    match_lead_columns,
    score_leads,
    too_weak,
)
from synth.icp.stats import IcpFindings, find_icp

SIZE = "How many people work at your company?"
INDUSTRY = "Which industry is your company in?"
REGION = "Region"


def icp() -> IcpFindings:
    """Size 51-500 and industry SaaS go with high value; Government with low; region is noise."""
    records, high = [], []
    plan = [("51-500", "SaaS", 30, 6), ("51-500", "Media", 8, 8), ("1-50", "Media", 10, 20),
            ("5000+", "Government", 2, 30), ("1-50", "SaaS", 10, 6)]
    for size, industry, n_high, n_low in plan:
        for flag, count in ((True, n_high), (False, n_low)):
            for i in range(count):
                records.append({SIZE: size, INDUSTRY: industry,
                                REGION: ("Europe", "Americas")[i % 2]})
                high.append(flag)
    return find_icp(records, high, [REGION, SIZE, INDUSTRY])


def test_good_fit_lead_ranks_above_a_poor_fit_one_with_reasons():
    findings = icp()
    assert [a.column for a in findings.top] == [INDUSTRY, SIZE, REGION]
    leads = [
        {"Company": "Slowgov", "Company size": "5000+", "Industry": "Government"},
        {"Company": "Acme", "Company size": "51-500", "Industry": "saas"},
        {"Company": "Unknown"},
    ]
    scores = score_leads(findings, leads, ["Company", "Company size", "Industry"])
    assert [s.lead["Company"] for s in scores] == ["Acme", "Unknown", "Slowgov"]
    good, neutral, poor = scores
    assert good.score == 100 and good.row == 1
    assert neutral.score == 50
    assert poor.score == 0
    assert good.reasons == ["industry SaaS matches (lift 1.7)",
                            "company size 51-500 matches (lift 1.6)",
                            "region not given (no effect)"]
    assert poor.reasons[:2] == ["industry Government is a poor-fit value (lift 0.1)",
                                "company size 5000+ is a poor-fit value (lift 0.1)"]
    assert neutral.reasons[0] == "industry not given (no effect)"


def test_mixed_leads_land_between_and_unknown_values_are_neutral():
    findings = icp()
    leads = [{SIZE: "51-500", INDUSTRY: "Government"},
             {SIZE: "51-500", INDUSTRY: "Retail"},
             {SIZE: "51-500", INDUSTRY: "SaaS"}]
    scores = score_leads(findings, leads, [SIZE, INDUSTRY])
    assert [s.row for s in scores] == [2, 1, 0]
    assert 100 > scores[1].score > 50
    assert 0 < scores[2].score < scores[1].score
    assert scores[1].reasons[0] == "industry Retail is neither ideal nor a poor fit (no effect)"


def test_scores_are_deterministic_and_ties_keep_lead_order():
    findings = icp()
    leads = [{"Industry": "SaaS", "Employees": "51-500"}] * 3
    scores = score_leads(findings, leads, ["Industry", "Employees"])
    assert [s.row for s in scores] == [0, 1, 2]
    assert scores == score_leads(findings, leads, ["Industry", "Employees"])


def test_lead_columns_match_ignoring_case_punctuation_and_by_role():
    expected = [SIZE, INDUSTRY, REGION]
    assert match_lead_columns(expected, ["region ", "INDUSTRY", "Employees"]) == {
        SIZE: "Employees", INDUSTRY: "INDUSTRY", REGION: "region "}
    assert match_lead_columns(["Years of experience"], ["years_of-experience"]) == {
        "Years of experience": "years_of-experience"}


def test_leads_without_the_icp_columns_are_an_error():
    with pytest.raises(SynthError) as error:
        check_lead_columns([SIZE, INDUSTRY, REGION], ["name", "email"])
    assert str(error.value) == (
        "leads.csv has none of the columns the ICP uses: expected company size, industry, "
        "region; got: name, email. Rename the leads columns to match (case and punctuation "
        "do not matter), or add the missing ones")


def test_leads_with_too_few_icp_columns_are_an_error():
    with pytest.raises(SynthError, match=r"^crm.csv has only 1 of the 3 columns the ICP uses "
                                         r"\(industry\): expected company size"):
        check_lead_columns([SIZE, INDUSTRY, REGION], ["Industry", "email"], source="crm.csv")
    check_lead_columns([SIZE, INDUSTRY, REGION], ["Industry", "Company size"])  # 2 of 3: fine
    check_lead_columns([SIZE, INDUSTRY], ["industry"], minimum=1)


def test_score_leads_checks_the_columns():
    with pytest.raises(SynthError, match="leads.csv has none of the columns"):
        score_leads(icp(), [{"name": "x"}], ["name"])


def test_numeric_attributes_score_leads_through_the_same_bins():
    records = [{"Team size": str(n)} for n in range(1, 61)]
    high: list[bool | None] = [n > 40 for n in range(1, 61)]
    findings = find_icp(records, high, ["Team size"])
    scores = score_leads(findings, [{"team size": "3"}, {"team size": "250"}], ["team size"])
    assert [s.row for s in scores] == [1, 0]
    assert scores[0].reasons == ["team size 46+ matches (lift 3.0)"]
    assert scores[1].reasons == ["team size 1-15 is a poor-fit value (lift 0.0)"]


def weak_icp() -> IcpFindings:
    """A large survey where role goes with value conclusively but weakly (V about 0.13):
    data scientists 56% high value, students 43%, as on the Jupyter survey."""
    records, high = [], []
    for role, n_high, n_low in (("Data scientist", 560, 440), ("Student", 430, 570)):
        for flag, count in ((True, n_high), (False, n_low)):
            records += [{"Role": role}] * count
            high += [flag] * count
    return find_icp(records, high, ["Role"])


def test_an_icp_resting_on_a_conclusive_but_weak_attribute_refuses_to_score():
    findings = weak_icp()
    (role,) = findings.top
    assert role.conclusive and role.p_value < 0.001
    assert 0.1 < role.strength < MIN_STRENGTH
    assert [s.value for s in role.ideal] == ["Data scientist"] and role.ideal[0].conclusive
    assert not is_scored(role)
    assert too_weak(findings) == (
        "no attribute is both conclusive and strong enough to matter (Cramér's V 0.20 or "
        f"more): role (strength {role.strength:.2f}): too weak to matter (under 0.20)")
    with pytest.raises(SynthError, match=r"^the ICP is too weak to score leads: no attribute "
                                         r"is both conclusive and strong enough"):
        score_leads(findings, [{"Role": "Student"}, {"Role": "Data scientist"}], ["Role"])


def test_a_weak_attribute_beside_strong_ones_adds_nothing_and_says_why():
    findings = icp()
    weak = weak_icp().top[0]
    with_weak = replace(findings, top=[*findings.top[:2], weak])
    leads = [{INDUSTRY: "SaaS", SIZE: "51-500", "Role": "Data scientist"},
             {INDUSTRY: "SaaS", SIZE: "51-500", "Role": "Student"}]
    scored = score_leads(with_weak, leads, [INDUSTRY, SIZE, "Role"])
    assert [s.score for s in scored] == [100, 100]
    assert scored[0].reasons[2] == ("role is too weak to matter (under 0.20) in the ICP "
                                    "(no effect)")


def test_a_strong_icp_spreads_leads_by_how_many_strong_answers_they_match():
    findings = icp()
    assert [is_scored(a) for a in findings.top] == [True, True, False]   # region is noise
    assert all(a.strength >= MIN_STRENGTH for a in findings.top[:2])
    leads = [{INDUSTRY: "SaaS", SIZE: "51-500"}, {INDUSTRY: "SaaS", SIZE: ""},
             {INDUSTRY: "", SIZE: "51-500"}, {INDUSTRY: "Retail", SIZE: "1-50"},
             {INDUSTRY: "Government", SIZE: ""}, {INDUSTRY: "Government", SIZE: "5000+"}]
    scores = {s.row: s.score for s in score_leads(findings, leads, [INDUSTRY, SIZE])}
    assert scores[0] == 100 and scores[5] == 0 and scores[3] == 50
    assert 50 < scores[1] < 100 and 50 < scores[2] < 100     # one strong answer: between
    assert 0 < scores[4] < 50


def test_the_icp_report_says_a_weak_attribute_does_not_score():
    from synth.icp.report import _caveats
    findings = weak_icp()
    (role,) = findings.top
    assert _caveats(findings) == [
        f"Role: conclusive (p = {role.p_value:.2g}) but weak (strength {role.strength:.2f}, "
        "under 0.20): it tells high from low value too little to score leads by"]
    assert _caveats(icp()) == [f"{REGION}: not conclusive, {icp().top[2].reason}"]
