# ruff: noqa: E501
"""Build corpora/interviews/margaret-holloway.docx, a Microsoft Teams style transcript export.

Fictional interview written for the synth sample corpus (CC0 1.0). The layout mimics the Word
file Teams produces from "Download transcript -> .docx": a title, the date and duration, then for
every turn a line "Speaker Name   m:ss" followed by the text paragraph(s).

Run from the repository root:  .venv/bin/python benchmarks/truth/make_docx.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "corpora" / "interviews" / "margaret-holloway.docx"

TITLE = "Beacon research - Margaret Holloway-20260305_150214-Meeting Recording"
DATE_LINE = "March 5, 2026, 3:02PM"
DURATION_LINE = "{duration}"

# (speaker, offset into the recording, paragraphs)
TURNS: list[tuple[str, str, list[str]]] = [
    (
        "Priya Raman",
        "0:01",
        [
            "Hi Margaret, thanks so much for making the time. I know your calendar is, um, busy.",
        ],
    ),
    (
        "Margaret Holloway",
        "0:10",
        [
            "[laughs] It's a bank. Everyone's calendar is busy and nothing happens. No, it's a pleasure.",
        ],
    ),
    (
        "Priya Raman",
        "0:19",
        [
            "So I'll ask about your work, your tools, how things get shipped, and then Beacon. Is it okay that Teams is recording and transcribing?",
        ],
    ),
    (
        "Margaret Holloway",
        "0:31",
        [
            "Yes, that's fine. I did have to check with our third-party risk team whether I was allowed to do this call, so you know. They said yes as long as I don't share anything confidential.",
        ],
    ),
    (
        "Priya Raman",
        "0:47",
        [
            "Understood, and thank you. So, what do you do?",
        ],
    ),
    (
        "Margaret Holloway",
        "0:53",
        [
            "I'm a lead data engineer at Northbridge Bank. Retail and commercial banking, we're about forty thousand employees globally. I sit in the data platform group in the chief data office. My team is eight engineers, and we build and run the pipelines that feed the risk models and regulatory reporting.",
        ],
    ),
    (
        "Priya Raman",
        "1:17",
        [
            "And what are you writing day to day?",
        ],
    ),
    (
        "Margaret Holloway",
        "1:22",
        [
            "Python, a lot of Python. SQL, obviously, probably more SQL than anything. And Scala for our older Spark jobs, which we're slowly migrating to PySpark. I still review Scala but I don't enjoy it as much as I used to.",
        ],
    ),
    (
        "Priya Raman",
        "1:42",
        [
            "What does the stack look like?",
        ],
    ),
    (
        "Margaret Holloway",
        "1:47",
        [
            "It's, hmm, a layered cake of every decade. [laughs] The modern part is Databricks on Azure for Spark, dbt for transformations, Airflow for orchestration, Snowflake for some of the analytics marts, and MLflow for model tracking. The data scientists live in Jupyter.",
            "Then there's the legacy part: on-prem Hadoop that's being decommissioned, has been for four years, and a lot of Oracle.",
            "For engineering tooling, we're on Bitbucket Data Center, Jenkins for CI, Jira and Confluence for everything else. All self-hosted, inside our network.",
        ],
    ),
    (
        "Priya Raman",
        "2:28",
        [
            "Jenkins, okay. How is that?",
        ],
    ),
    (
        "Margaret Holloway",
        "2:34",
        [
            "[sighs] Jenkins is a survivor. We have a central Jenkins run by a group in IT, shared across hundreds of teams. Our pipelines are Groovy scripts that someone wrote in 2017. When a plugin needs upgrading, it's a change request and a six-week wait. When it goes down, everyone's blocked and there's a ticket queue.",
        ],
    ),
    (
        "Priya Raman",
        "3:03",
        [
            "What's the hardest part about shipping at Northbridge right now?",
        ],
    ),
    (
        "Margaret Holloway",
        "3:09",
        [
            "Approvals. Without question. The technical work is maybe a third of the time. The rest is getting it through security review, change advisory board, model risk, data protection. Every new tool needs a security assessment, and that's a hundred-and-eighty-question questionnaire, and then architecture review, and then procurement.",
            "I tried to get a new Python library approved last year. Open-source, well known. Five weeks.",
        ],
    ),
    (
        "Priya Raman",
        "3:41",
        [
            "Five weeks for a library?",
        ],
    ),
    (
        "Margaret Holloway",
        "3:46",
        [
            "Five weeks. Through the open-source review board. And that's a fast one.",
        ],
    ),
    (
        "Priya Raman",
        "3:54",
        [
            "Wow. Walk me through how a change gets to production, from your laptop.",
        ],
    ),
    (
        "Margaret Holloway",
        "4:03",
        [
            "Right. So, I develop in a virtual desktop, because we can't have production data on laptops. Code goes into a feature branch on Bitbucket. Pull request, two reviewers, one has to be a senior. Jenkins runs the unit tests and a linting step, and a security scan, SonarQube and a dependency scanner.",
            "Then it goes to a test environment, which is a shared Databricks workspace. We run the pipeline on masked data. The data scientists or analysts validate the outputs.",
            "Then there's a change request in ServiceNow, with evidence attached, test results, sign-off, rollback plan. That goes to the change advisory board, which meets on Tuesdays. If approved, a release engineer in a different team deploys it in a release window, usually a weekend. So from merge to production, two to three weeks, typically.",
        ],
    ),
    (
        "Priya Raman",
        "5:08",
        [
            "That's quite a journey.",
        ],
    ),
    (
        "Margaret Holloway",
        "5:12",
        [
            "It is. And I understand why. We're a bank. A bad number in a regulatory report is a fine and a headline. But the process doesn't distinguish between a one-line fix and a new system.",
        ],
    ),
    (
        "Priya Raman",
        "5:32",
        [
            "Who do you work with most closely?",
        ],
    ),
    (
        "Margaret Holloway",
        "5:37",
        [
            "Data scientists, in the modelling teams. Analysts in risk and finance, who consume our outputs. Compliance and model risk management, who sign things off. IT security. The platform team in IT who run Jenkins and the Databricks workspaces. And our vendor managers, more than I'd like.",
        ],
    ),
    (
        "Priya Raman",
        "6:00",
        [
            "What would you say your key skills are?",
        ],
    ),
    (
        "Margaret Holloway",
        "6:07",
        [
            "Hmm. Distributed data processing, Spark, performance tuning. Data modelling. But honestly the skill I use the most is navigating the organisation. Knowing which committee to talk to, how to write a risk assessment that gets approved first time. Translating between the regulators' language and the engineers'.",
            "And I'm a decent communicator. I write a lot. I run our internal data engineering community of practice, about four hundred people across the bank.",
        ],
    ),
    (
        "Priya Raman",
        "6:44",
        [
            "Oh, tell me about that.",
        ],
    ),
    (
        "Margaret Holloway",
        "6:48",
        [
            "It's a monthly session where teams present what they've built, and a Confluence space with patterns and guides. I started it three years ago. It's become, hmm, quite influential internally. When someone wants to know how to do dbt properly at Northbridge, they come to us.",
        ],
    ),
    (
        "Priya Raman",
        "7:11",
        [
            "What drives you in your work?",
        ],
    ),
    (
        "Margaret Holloway",
        "7:16",
        [
            "I want to be someone people listen to, on data engineering in regulated industries. That's a slightly vain answer, but it's honest. [laughs]",
            "I speak at conferences, a couple of times a year. PyData London last year, on testing data pipelines under regulatory constraints. Data Council the year before. I write on LinkedIn, longer posts, and I've been asked to write a chapter for a book on data governance. I'd like to move towards a principal or head-of role, where part of the job is setting direction, for the bank and, frankly, for the industry.",
        ],
    ),
    (
        "Priya Raman",
        "8:02",
        [
            "Where do you go online, to learn or talk shop?",
        ],
    ),
    (
        "Margaret Holloway",
        "8:09",
        [
            "LinkedIn, more than I'd have expected. That's where my industry is. Stack Overflow, when I'm stuck, though less than before. Vendor webinars, Databricks and Snowflake run good ones, and I sometimes speak at those too. The PyData and Data Council communities. And internally, our own community of practice and the Viva Engage groups.",
        ],
    ),
    (
        "Priya Raman",
        "8:36",
        [
            "Okay. So, Beacon. How did you come across it?",
        ],
    ),
    (
        "Margaret Holloway",
        "8:42",
        [
            "A talk at a conference, actually. Someone from a fintech showed their preview environments for data pipelines, spinning up an isolated environment per pull request with a sample of the data. I thought, that's exactly what we need. Our shared test workspace is a constant fight.",
        ],
    ),
    (
        "Priya Raman",
        "9:03",
        [
            "And did you try it?",
        ],
    ),
    (
        "Margaret Holloway",
        "9:07",
        [
            "I tried it on a personal project, at home, with public data. It's nice. The CLI is clean, the YAML is readable. It's a very good developer experience, I'll say that.",
            "At work, it's a different story. I raised it with our architecture team, and the first questions were: Is it on-prem? Can it run inside our network? Does it support SAML with our identity provider, and SCIM? Where is the data processed, which region? Do you have SOC 2 Type II, ISO 27001? Can it integrate with Bitbucket Data Center, not cloud?",
        ],
    ),
    (
        "Priya Raman",
        "9:53",
        [
            "And what were the answers?",
        ],
    ),
    (
        "Margaret Holloway",
        "9:58",
        [
            "Well, as far as I could tell from your website: it's cloud-only, SAML only on the enterprise plan, Bitbucket Data Center isn't supported. So it stopped there. I didn't even get to procurement. I could have pushed, filled in the security questionnaire, but without an on-prem or at least a private-cloud option, our data can't go near it.",
        ],
    ),
    (
        "Priya Raman",
        "10:25",
        [
            "That's really helpful to hear. How did that feel?",
        ],
    ),
    (
        "Margaret Holloway",
        "10:32",
        [
            "Frustrating, honestly. It's the story of my career. I see a good tool, and it doesn't fit a bank. The vendors build for startups first, and maybe in five years they add the enterprise features, and by then we've built our own worse version. [laughs]",
        ],
    ),
    (
        "Priya Raman",
        "10:55",
        [
            "How often would you say you use it now?",
        ],
    ),
    (
        "Margaret Holloway",
        "11:01",
        [
            "Hardly ever. My personal project, once every couple of months.",
        ],
    ),
    (
        "Priya Raman",
        "11:09",
        [
            "If you had to say how likely you'd be to recommend it to a colleague, zero to ten?",
        ],
    ),
    (
        "Margaret Holloway",
        "11:18",
        [
            "To a colleague at Northbridge? Three. It's not that it's bad, it's that they couldn't use it. To a friend at a startup, higher.",
        ],
    ),
    (
        "Priya Raman",
        "11:32",
        [
            "That's fair. What would Beacon need to become an option for you?",
        ],
    ),
    (
        "Margaret Holloway",
        "11:40",
        [
            "A self-hosted or single-tenant option in our cloud tenancy. SAML and SCIM with our identity provider, on a plan we can justify. Bitbucket Data Center and Jenkins integration, because we're not replacing Jenkins overnight, it'd have to be gradual. Audit logs exported to our SIEM. And a security pack ready to go, the SOC 2 report, pen test summary, a pre-filled standard questionnaire. That alone would save months.",
            "And someone who understands procurement at a bank. Our cycle is six to nine months. A vendor needs patience.",
        ],
    ),
    (
        "Priya Raman",
        "12:22",
        [
            "Noted. If it did all that, would you champion it internally?",
        ],
    ),
    (
        "Margaret Holloway",
        "12:31",
        [
            "I would. I'd probably present it at our community of practice, and if it worked, I'd write it up, maybe a talk. \"Ephemeral environments for regulated data pipelines\", that's a talk I'd like to give. [laughs]",
        ],
    ),
    (
        "Priya Raman",
        "12:52",
        [
            "I'd go to that talk. Anything else you'd like to add?",
        ],
    ),
    (
        "Margaret Holloway",
        "12:59",
        [
            "Just, please don't forget the enterprises. We're slow, but when we buy, we stay for ten years.",
        ],
    ),
    (
        "Priya Raman",
        "13:09",
        [
            "Thank you so much, Margaret. This was really insightful.",
        ],
    ),
    (
        "Margaret Holloway",
        "13:15",
        [
            "My pleasure. Good luck.",
        ],
    ),
]


def duration(turns: list[tuple[str, str, list[str]]]) -> str:
    parts = [int(x) for x in turns[-1][1].split(":")]
    secs = parts[-1] + 60 * parts[-2] + (3600 * parts[0] if len(parts) == 3 else 0) + 9
    return f"{secs // 60}m {secs % 60}s"


def main() -> None:
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title = TITLE
    props.author = "Microsoft Teams"
    fixed = dt.datetime(2026, 3, 5, 15, 50, 0)
    props.created = fixed
    props.modified = fixed
    props.last_modified_by = "Microsoft Teams"
    props.revision = 1

    doc.add_paragraph(TITLE)
    doc.add_paragraph(DATE_LINE)
    doc.add_paragraph(DURATION_LINE.format(duration=duration(TURNS)))
    doc.add_paragraph("")
    for speaker, stamp, paragraphs in TURNS:
        doc.add_paragraph(f"{speaker}   {stamp}")
        for text in paragraphs:
            doc.add_paragraph(text)
        doc.add_paragraph("")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(TURNS)} turns)")


if __name__ == "__main__":
    main()
