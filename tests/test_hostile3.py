"""Issue 20: privacy and safety, round three. What is shown, withdrawn or applied twice
behaves as the README promises. Fast: fakes and small files written here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from synth.ingest.transcript import read_transcript

P = Path("group.md")


# -- item 1: speakers whose names are not plain ASCII --------------------------------------------

@pytest.mark.parametrize("name", ["Émilie Dubois", "Łukasz Nowak", "Øyvind Berg",
                                  "Дмитрий Иванов", "Ålesund Team"])
def test_a_speaker_whose_name_opens_with_a_non_ascii_capital_is_a_speaker(name):
    text = (f"Interviewer: What slows you down?\n\n{name}: Flaky builds, every week.\n\n"
            "Sam Lee: Same here, the queue is long.\n\n"
            f"Interviewer: Why?\n\n{name}: Nobody owns the pipeline.\n")
    turns = read_transcript(text, P, "markdown").turns
    assert [t.speaker for t in turns] == ["Interviewer", name, "Sam Lee", "Interviewer", name]
    assert all(name not in t.text for t in turns)


@pytest.mark.parametrize("mark", ["\u200b", "\u200e", "\u200f", "\u202b", "\u2067", "\ufeff"])
def test_zero_width_and_direction_marks_do_not_hide_a_label(mark):
    text = (f"Interviewer: What slows you down?\n\n{mark}Amira Haddad{mark}: Flaky builds.\n\n"
            f"Interviewer: Why?\n\nAmira Haddad: Nobody owns the pipeline.\n")
    turns = read_transcript(text, P, "markdown").turns
    assert [t.speaker for t in turns] == ["Interviewer", "Amira Haddad"] * 2
    assert turns[1].text == "Flaky builds."


def test_lower_case_words_still_do_not_make_a_label():
    text = ("Ana: What do you use?\n\nBen: Mostly Go.\nso the first one is: Rust\n\n"
            "Ana: Nice.\n\nBen: élan matters: a lot\n")
    turns = read_transcript(text, P, "markdown").turns
    assert [t.speaker for t in turns] == ["Ana", "Ben", "Ana", "Ben"]
    assert "so the first one is: Rust" in turns[1].text


def test_a_non_ascii_speaker_alone_with_the_interviewer_is_ingested(synth, tmp_path):
    research = tmp_path / "research"
    research.mkdir()
    (research / "p1.md").write_text(
        "Interviewer: What slows you down?\n\nÉmilie Dubois: Flaky builds, every week.\n\n"
        "Interviewer: Why is that?\n\nÉmilie Dubois: Nobody owns the pipeline at all.\n",
        encoding="utf-8")
    result = synth("ingest", str(research))
    assert result.exit_code == 0, result.output
    listed = synth("participants", "--format", "csv").output
    assert "Émilie Dubois" in listed


# -- item 4: secrets inside URLs, quoted passphrases, internal host names ------------------------

SLACK_HOOK = "https://hooks.slack.com/services/T024BE7LD/B01ABCDEF12/aB3dE5fG7hI9jK1lM3nO5pQ7"
DISCORD_HOOK = ("https://discord.com/api/webhooks/123456789012345678/"
                "abcDEFghiJKLmnoPQRstuVWXyz0123456789abcdefGHIJKLmnopQRSTuvwx")
TELEGRAM = "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe"
GITLAB = "https://gitlab.example.com/glpat-AbCdEfGhIjKlMnOpQrSt/repo"
AWS = "https://s3.example.com/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY/file"


@pytest.mark.parametrize("url, secret, kept", [
    (SLACK_HOOK, "aB3dE5fG7hI9jK1lM3nO5pQ7", "https://hooks.slack.com/services/"),
    (DISCORD_HOOK, "abcDEFghiJKLmno", "https://discord.com/api/webhooks/"),
    (TELEGRAM, "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "/getMe"),
    (GITLAB, "glpat-AbCdEfGhIjKlMnOpQrSt", "/repo"),
    (AWS, "bPxRfiCYEXAMPLEKEY", "https://s3.example.com/"),
])
def test_a_secret_inside_a_url_is_redacted_as_it_is_outside_one(url, secret, kept):
    from synth.privacy import Redactor

    shown = Redactor([]).redact(f"we posted to {url} every night.")
    assert secret not in shown and "[redacted]" in shown and kept in shown
    assert shown.endswith(" every night.")


@pytest.mark.parametrize("text", ["the passphrase is 'correct horse battery staple' ok",
                                  'password: "correct horse battery staple"',
                                  "my password was “correct horse battery staple”, sorry"])
def test_a_quoted_passphrase_is_redacted_whole(text):
    from synth.privacy import Redactor

    shown = Redactor([]).redact(text)
    assert not any(word in shown for word in ("correct", "horse", "battery", "staple"))
    assert "[secret]" in shown


def test_internal_host_names_are_redacted_and_public_ones_kept():
    from synth.privacy import Redactor

    redactor = Redactor([])
    shown = redactor.redact("prod is postgres://app@db.fernhill-corp.io:5432/orders, or "
                            "db.fernhill-corp.io:5432 from the VPN; see "
                            "https://status.internal.fernhill.io/incidents.")
    assert "fernhill" not in shown and shown.count("[host]") == 3
    assert "https://[host]/incidents." in shown
    public = ("see https://github.com/pypa/pip/blob/main/docs/html/getting-started.md, "
              "ssh://git@github.com/o/r and localhost:8080 at 10:30; it fails at views.py:42 "
              "and app.component.ts:118")
    assert redactor.redact(public) == public


# -- item 3: survey headers are research text too -------------------------------------------------

HEADER = ("Anything to tell our DevRel lead Maria Gonzalez (maria.gonzalez@fernhill.io, "
          "+44 20 7946 0958)?")
ATTRIBUTE_HEADER = "Team size (ask maria.gonzalez@fernhill.io)"
HEADER_LEAKS = ["maria.gonzalez", "Gonzalez", "7946 0958", "fernhill.io"]


def known_people(names: list[str]):
    """A finder that mentions exactly `names` where they occur (NER's job at ingest)."""
    def find(texts: list[str]):
        for text in texts:
            yield [name for name in names if name in text]
    return find


def build_all(folder: Path, inputs: list[Path], finder=None) -> Path:
    """ingest, themes, personas, icp, report, codebook exports and the .qdpx, with fakes."""
    from synth.ingest import IngestOptions, ingest
    from synth.stages import (
        Settings,
        export_codebook_file,
        export_project_file,
        run_icp,
        run_personas,
        run_report,
        run_themes,
    )
    from synth.workspace import Workspace
    from tests.conftest import FAKES, fake_splitter

    out = folder / "out"
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, inputs, IngestOptions(), splitter=fake_splitter, finder=finder)
        settings = Settings(out=out)
        run_themes(workspace, settings, *FAKES)
        run_personas(workspace, settings, FAKES[0])
        run_icp(workspace, settings, FAKES[0])
        run_report(workspace, settings)
        export_codebook_file(workspace, out / "codebook.yaml")
        export_codebook_file(workspace, out / "codebook.qdc")
        export_project_file(workspace, out / "project.qdpx")
    return out


def every_output(out: Path) -> dict[str, str]:
    """Each output file's text; a .qdpx's members one by one."""
    import zipfile

    found = {}
    for path in sorted(out.rglob("*")):
        if path.suffix == ".qdpx":
            with zipfile.ZipFile(path) as archive:
                found.update({f"{path.name}:{n}": archive.read(n).decode("utf-8")
                              for n in archive.namelist()})
        elif path.is_file():
            text = path.read_text(encoding="utf-8")
            if path.name == "report.html":     # less the chart library it inlines
                start = text.index('<script type="module">')
                text = text[:start] + text[text.index("</script>", start):]
            found[str(path.relative_to(out))] = text
    return found


def header_survey(path: Path) -> Path:
    import csv

    rows = [["Response ID", "Role", ATTRIBUTE_HEADER, "What slows you down?", HEADER]]
    for i in range(12):
        rows.append([f"R{i}", ["Backend developer", "Data engineer"][i % 2],
                     ["1-10", "11-50"][i % 2], f"flaky builds slow the release, week {i}",
                     f"better docs search and a faster build queue would help, team {i}"])
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_survey_headers_reach_no_output_unredacted(tmp_path):
    survey = header_survey(tmp_path / "in" / "survey.csv")
    out = build_all(tmp_path, [survey], finder=known_people(["Maria Gonzalez"]))
    files = every_output(out)
    assert "better docs search" in files["units.csv"]            # the column was read
    assert {"participants.csv", "report.html", "project.qdpx:project.qde"} <= set(files)
    leaks = {(name, leak) for name, text in files.items() for leak in HEADER_LEAKS
             if leak in text}
    assert leaks == set()
    assert "column Anything to tell our DevRel lead [name] ([email], [phone])?" in (
        files["units.csv"])


# -- item 2 (and 14): forget removes a person everywhere ------------------------------------------

ZELDA = """Interviewer: What slows you down?

Zelda Quartermaine: The quokka ingestion queue stalls every night.

Interviewer: What else?

Zelda Quartermaine: Flaky builds slow the release, and the quokka ingestion queue again.

Interviewer: Anything more?

Zelda Quartermaine: The quokka ingestion queue needs an owner, honestly.
"""
BOB = """Interviewer: What slows you down?

Bob Stone: Flaky builds slow the release every single week.

Interviewer: Who else struggles?

Bob Stone: Zelda Quartermaine told me Zelda's team waits on flaky builds too.

Interviewer: What would help?

Bob Stone: A faster build queue would help the release a lot.
"""


def dump(workspace) -> str:
    return "\n".join(workspace.db.iterdump()).casefold()


def test_forget_removes_a_person_everywhere_and_a_rerun_does_not_bring_her_back(tmp_path):
    from synth.ingest import IngestOptions, ingest
    from synth.ingest.forget import forget
    from synth.workspace import Workspace
    from tests.conftest import fake_splitter

    research = tmp_path / "research"
    research.mkdir()
    (research / "zelda-quartermaine.md").write_text(ZELDA, encoding="utf-8")
    (research / "bob.md").write_text(BOB, encoding="utf-8")
    finder = known_people(["Zelda Quartermaine"])
    first = every_output(build_all(tmp_path, [research], finder))
    assert "quokka" in first["codebook.yaml"].casefold()          # a label of her words
    with Workspace.open(tmp_path / "ws") as workspace:
        assert "quokka" in dump(workspace)
        done = forget(workspace, "ZELDA QUARTERMAINE")        # any case, any script
        assert done.participants and done.units == 3
        again = ingest(workspace, [research], IngestOptions(), splitter=fake_splitter,
                       finder=finder)
        assert {f.path.rsplit("/", 1)[-1]: f.status for f in again.files} == {
            "bob.md": "unchanged", "zelda-quartermaine.md": "skipped"}
    for path in (tmp_path / "out").rglob("*"):
        path.unlink() if path.is_file() else None
    out = build_all(tmp_path, [research], finder)
    files = every_output(out)
    assert "faster build queue" in files["units.csv"]
    leaks = {(name, word) for name, text in files.items()
             for word in ("zelda", "quartermaine", "quokka") if word in text.casefold()}
    assert leaks == set()
    with Workspace.open(tmp_path / "ws") as workspace:
        stored = dump(workspace)
        bob = workspace.query("SELECT text FROM units WHERE text LIKE '%told me%'")
    assert "zelda" not in stored and "quartermaine" not in stored and "quokka" not in stored
    assert bob[0]["text"] == "[name] told me [name]'s team waits on flaky builds too."


def test_forget_matches_names_in_any_case_of_any_script(synth, tmp_path):
    research = tmp_path / "research"
    research.mkdir()
    (research / "j.md").write_text(ZELDA.replace("Zelda Quartermaine", "Jürgen Müller"),
                                   encoding="utf-8")
    (research / "bob.md").write_text(BOB, encoding="utf-8")
    assert synth("ingest", str(research)).exit_code == 0
    result = synth("forget", "JÜRGEN MÜLLER")
    assert result.exit_code == 0, result.output
    assert "Müller" not in synth("participants", "--format", "csv").output


# -- item 8: the same codebook file applied twice ------------------------------------------------

def codebook_study(workspace, write, tmp_path):
    from synth.ingest import IngestOptions, ingest
    from tests.test_codebook import survey
    from tests.test_themes import themes_run

    ingest(workspace, [survey(write, "survey.csv", 0, 24)], IngestOptions())
    themes_run(workspace, tmp_path / "out", themes=2)
    by_question: dict[str, list[str]] = {}
    for row in workspace.query("SELECT id, dimension FROM themes ORDER BY id"):
        by_question.setdefault(row["dimension"], []).append(row["id"])
    return by_question


def test_applying_the_same_codebook_file_twice_changes_nothing_the_second_time(
        workspace, write, fake_nlp, tmp_path):
    from synth.themes.codebook import load
    from tests.test_themes import themes_run

    by_question = codebook_study(workspace, write, tmp_path)
    question, ids = next((q, ids) for q, ids in by_question.items() if len(ids) >= 2)
    others = next(ids for q, ids in by_question.items() if q != question)
    text = f"""themes:
- question: {question}
  label: Mobile release tooling
  examples:
  - The mobile release tooling breaks on every app store upload.
- id: {ids[1]}
  merge_into: {ids[0]}
- id: {others[-1]}
  delete: true
"""
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    themes_run(workspace, tmp_path / "out", codebook=path)
    first = {e.id: (e.label, e.status, e.merged_into) for e in load(workspace).entries.values()}
    themes_run(workspace, tmp_path / "out", codebook=path)
    themes_run(workspace, tmp_path / "out", codebook=path)
    again = {e.id: (e.label, e.status, e.merged_into) for e in load(workspace).entries.values()}
    assert again == first
    assert [label for label, status, _ in again.values()
            if label == "Mobile release tooling"] == ["Mobile release tooling"]
    changes = (tmp_path / "out" / "changes.md").read_text("utf-8")
    assert "added" not in changes and "merged" not in changes


# -- item 9: a run killed after its results, before changes.md ------------------------------------

class Killed(BaseException):
    """kill -9 as far as the stage is concerned: nothing after it runs."""


def killed_before_changes(monkeypatch, run) -> None:
    import synth.stages

    def die(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(synth.stages, "write_changes", die)
        with pytest.raises(Killed):
            run()


def changes_after(folder: Path, interrupted: bool, monkeypatch) -> tuple[str, int]:
    """changes.md of an incremental run with new statements and a codebook file, run whole
    or killed before changes.md and run again; and how many themes the file added."""
    from synth.ingest import IngestOptions, ingest
    from synth.themes.codebook import load
    from synth.workspace import Workspace
    from tests.test_codebook import survey
    from tests.test_themes import themes_run

    folder.mkdir()

    def write(name: str, text: str) -> Path:
        (folder / name).write_text(text, encoding="utf-8")
        return folder / name

    with Workspace.open(folder / "ws") as workspace:
        by_question = codebook_study(workspace, write, folder)
        ingest(workspace, [survey(write, "more.csv", 100, 2)], IngestOptions())
        path = write("codebook.yaml", f"themes:\n- question: {next(iter(by_question))}\n"
                     "  label: Mobile release tooling\n  examples:\n"
                     "  - The mobile release tooling breaks on every upload.\n")

        def run():
            themes_run(workspace, folder / "out", codebook=path)

        if interrupted:
            killed_before_changes(monkeypatch, run)
        run()
        added = [e for e in load(workspace).entries.values()
                 if e.label == "Mobile release tooling"]
    return (folder / "out" / "changes.md").read_text("utf-8"), len(added)


def test_a_rerun_after_a_kill_writes_what_the_whole_run_would_have(fake_nlp, tmp_path,
                                                                   monkeypatch):
    whole, added = changes_after(tmp_path / "whole", False, monkeypatch)
    assert "new statements" in whole and " 0 new statements" not in whole
    assert "added" in whole and "Mobile release tooling" in whole and added == 1
    assert changes_after(tmp_path / "killed", True, monkeypatch) == (whole, 1)


# -- item 7: line breaks inside an unquoted CSV cell ---------------------------------------------

@pytest.mark.parametrize("brk", ["\v", "\u2028", "\u2029", "\f", "\x85"])
def test_a_line_break_inside_an_unquoted_cell_does_not_split_the_row(brk, tmp_path):
    from synth.ingest.readers import read_document

    path = tmp_path / "survey.csv"
    path.write_text("Response ID,Role,What slows you down?\n"
                    f"R1,Dev,flaky builds every week{brk}and nobody owns the pipeline\n"
                    "R2,Ops,reviews take days\nR3,Dev,slow CI\n", encoding="utf-8")
    document = read_document(path)
    assert sorted(document.attributes) == ["survey:R1", "survey:R2", "survey:R3"]
    first = document.turns[0]
    assert first.speaker == "survey:R1"
    assert first.text == "flaky builds every week\nand nobody owns the pipeline"


# -- item 10: two header rows of merged cells; a BOM inside cells ---------------------------------

def merged_header_workbook(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Response ID", "About you", None, "Your work", None])
    sheet.append([None, "Role", "Company size", "What slows you down?", "What would help?"])
    for i in range(6):
        sheet.append([f"R{i}", ["Dev", "Ops"][i % 2], ["1-10", "11-50"][i % 2],
                      f"flaky builds slow the release, week {i}", f"docs search, team {i}"])
    for cells in ("A1:A2", "B1:C1", "D1:E1"):
        sheet.merge_cells(cells)
    book.save(path)
    return path


def test_merged_two_row_headers_make_one_header_row(tmp_path):
    from synth.ingest.readers import read_document

    document = read_document(merged_header_workbook(tmp_path / "survey.xlsx"))
    assert document.columns == {
        "Response ID": "id", "About you - Role": "attribute",
        "About you - Company size": "attribute",
        "Your work - What slows you down?": "text", "Your work - What would help?": "text"}
    assert sorted(document.attributes) == [f"survey:R{i}" for i in range(6)]
    assert document.attributes["survey:R1"] == {"About you - Role": "Ops",
                                                "About you - Company size": "11-50"}
    assert {t.text for t in document.turns} >= {"flaky builds slow the release, week 0"}
    assert document.turns[0].anchors[0][1] == (
        "row 3, column Your work - What slows you down?")


def test_an_answer_row_is_not_taken_for_a_second_header(tmp_path):
    from synth.ingest.readers import read_document

    path = tmp_path / "survey.csv"
    path.write_text("Response ID,Role,,What slows you down?\nR1,Dev,x,flaky builds\n"
                    "R2,Dev,y,reviews take days\nR3,Ops,z,slow CI\n", encoding="utf-8")
    document = read_document(path)
    assert "survey:R1" in document.attributes and document.turns[0].text == "flaky builds"


def test_a_bom_inside_cells_makes_no_second_segment(tmp_path):
    from synth.ingest.readers import read_document

    path = tmp_path / "survey.csv"
    bom = "\ufeff"
    rows = ["Response ID,Role,What slows you down?"] + [
        f"R{i},{bom if i % 2 else ''}Dev,flaky builds week {i}" for i in range(12)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    document = read_document(path)
    assert {a["Role"] for a in document.attributes.values()} == {"Dev"}


# -- item 6: which names NER finds are redacted ------------------------------------------------

NAMES = [
    ("Anneliese Vogelsang", "", True),
    ("Jürgen Müller", "", True),                      # any script
    ("Łucja Wiśniewska", "", True),
    ("Terri", "", True),                               # a first name alone
    ("Red Hat", "a red cap and a hat", False),         # words the study writes in lower case
    ("Dude", "dude, honestly", False),
    ("Pager Duty", "", False),                         # a tool the gazetteer knows, as a whole
    ("Beautiful Soup", "", False),
    ("Will", "", False),                               # an everyday word
    ("NASA", "", False),
]


@pytest.mark.parametrize("name, lower, kept", NAMES)
def test_which_person_entities_are_names_to_redact(name, lower, kept):
    from synth.ingest.mentions import is_person, lower_case_words

    assert is_person(name, lower_case_words([lower])) is kept


@pytest.mark.parametrize("name, lower, kept", NAMES)
def test_ner_skips_a_text_only_when_no_name_to_redact_can_be_in_it(name, lower, kept):
    from synth.ingest.mentions import _unknown_capitalised, is_person, lower_case_words

    words = lower_case_words([lower, "we moved it to work, and then we asked"])
    # every name synth redacts leaves its text to the model
    if is_person(name, words):
        assert _unknown_capitalised(f"We moved it to work, and then {name} asked.", words)
    # a text naming only tools synth knows, in words the texts also write in lower case
    assert not _unknown_capitalised("We moved it to GitHub, and then Python.", words)


@pytest.mark.slow
def test_the_real_ner_finds_first_names_and_leaves_events_and_tools():
    from synth.ingest.mentions import spacy_people_finder

    texts = ["Terri makes a good point about the packaging docs. We should fix them before "
             "the next release, because the install steps are wrong and new users give up "
             "before they ever get to the interesting part of the tool.",
             "Richard was wanting to step back from maintaining it. That happens a lot: "
             "people burn out after a few years, and the project then depends on whoever is "
             "left, which is usually one or two volunteers with no time.",
             "My manager Gwendolyn Stroud signed off, and so did Jürgen Müller.",
             "I spoke at the Grace Hopper conference last year.",
             "We moved to Red Hat and then joined Open Collective for funding.",
             "We parse pages with Beautiful Soup and page people through Pager Duty."]
    found = list(spacy_people_finder()(texts))
    assert found[:3] == [["Terri"], ["Richard"], ["Gwendolyn Stroud", "Jürgen Müller"]]
    assert found[3:] == [[], [], []]


# -- item 11: hostile codebook files are one-line errors -----------------------------------------

@pytest.mark.parametrize("text, line, words", [
    ("themes:\n- id: x\n  label: !!python/object/apply:os.system ['touch /tmp/pwned']\n", 2,
     "no tags"),
    ("base: &b {label: A, examples: [x]}\nthemes:\n- id: x\n  split:\n  - <<: *b\n"
     "  - label: B\n    examples: [y]\n", 3, "merge keys"),
    ("themes:\n- ? [a, b]\n  : 1\n", 2, "a field name is a list"),
    ("themes:\n- id: x\n  label: " + "[" * 20000 + "]" * 20000 + "\n", None, "nested too"),
])
def test_hostile_codebook_yaml_is_a_one_line_error(text, line, words, tmp_path):
    from synth.codebook.files import read_entries
    from synth.errors import InputError

    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_entries(path)
    assert words in str(error.value) and "\n" not in str(error.value)
    if line:
        assert f"line {line}:" in str(error.value)
    assert not Path("/tmp/pwned").exists()


def test_a_latin1_codebook_says_it_is_not_utf8(tmp_path):
    from synth.codebook.files import read_entries
    from synth.errors import InputError

    path = tmp_path / "codebook.yaml"
    path.write_bytes("themes:\n- id: x\n  label: café\n".encode("latin-1"))
    with pytest.raises(InputError) as error:
        read_entries(path)
    assert "line 3: it is not UTF-8 text" in str(error.value)
    assert "Save it as UTF-8" in str(error.value)


QDC = ('<?xml version="1.0" encoding="utf-8"?>\n{doctype}<CodeBook '
       'xmlns="urn:QDA-XML:codebook:1.0"><Codes>{codes}</Codes></CodeBook>\n')


def qdpx(path: Path, member: bytes, flag_bits: int = 0, compress_type: int = 8) -> Path:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", member)
    data = bytearray(buffer.getvalue())
    # patch the flags and the compression method in both headers, as another tool wrote them
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        data[at + offset:at + offset + 2] = flag_bits.to_bytes(2, "little")
        data[at + offset + 2:at + offset + 4] = compress_type.to_bytes(2, "little")
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("flag_bits, compress_type, words", [
    (1, 8, "without a password"), (0, 99, "deflate"), (0, 98, "deflate")])
def test_an_encrypted_or_oddly_compressed_qdpx_is_a_one_line_error(flag_bits, compress_type,
                                                                    words, tmp_path):
    from synth.codebook.refi import read_refi
    from synth.errors import InputError

    member = QDC.format(doctype="", codes='<Code guid="a" name="x"/>').encode()
    path = qdpx(tmp_path / "p.qdpx", member, flag_bits, compress_type)
    with pytest.raises(InputError) as error:
        read_refi(path)
    assert words in str(error.value) and "\n" not in str(error.value)


def test_an_internal_entity_in_a_qdc_is_refused_not_expanded(tmp_path):
    from synth.codebook.refi import read_refi
    from synth.errors import InputError

    path = tmp_path / "c.qdc"
    path.write_text(QDC.format(doctype='<!DOCTYPE CodeBook [<!ENTITY who "Zelda Quartermaine">]>\n',
                               codes='<Code guid="a" name="&who;" isCodable="true"/>'),
                    encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_refi(path)
    assert "declares a DTD" in str(error.value)


# -- item 12: caps on what a codebook can hold ----------------------------------------------------

def test_a_qdc_with_too_many_codes_is_refused_at_once(tmp_path):
    from synth.codebook.refi import MAX_CODES, read_refi
    from synth.errors import InputError

    codes = "".join(f'<Code guid="g{i}" name="code {i}" isCodable="true"/>'
                    for i in range(MAX_CODES + 1))
    path = tmp_path / "c.qdc"
    path.write_text(QDC.format(doctype="", codes=codes), encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_refi(path)
    assert f"holds {MAX_CODES + 1:,} codes; synth reads at most {MAX_CODES:,}" in str(
        error.value)


def test_a_small_qdpx_that_inflates_past_the_limit_is_refused_unread(tmp_path):
    from synth.codebook import refi
    from synth.errors import InputError

    big = QDC.format(doctype="", codes="<!--" + " " * (refi.MAX_PROJECT + 10) + "-->").encode()
    path = qdpx(tmp_path / "bomb.qdpx", big)
    assert path.stat().st_size < refi.MAX_PROJECT // 100
    with pytest.raises(InputError) as error:
        refi.read_refi(path)
    assert "over 32 MB" in str(error.value)


# -- item 13: the report survives a malformed hash and a theme named __proto__ ------------------

@pytest.mark.slow
@pytest.mark.browser
def test_report_with_a_malformed_hash_and_a_proto_theme_draws_every_chart(tmp_path):
    from tests.browser import chromium, missing, open_report
    from tests.test_report import build_study
    from tests.test_report_browser import check_charts
    from tests.test_themes import themes_run

    if missing():
        pytest.skip(missing())
    workspace, out = build_study(tmp_path)
    from synth.stages import Settings, run_report
    from synth.workspace import Workspace

    with Workspace.open(workspace) as ws:
        first = ws.query("SELECT id FROM themes ORDER BY dimension, rank LIMIT 1")[0]["id"]
        path = tmp_path / "codebook.yaml"
        path.write_text(f"themes:\n- id: {first}\n  label: __proto__\n", encoding="utf-8")
        themes_run(ws, out, codebook=path)
        run_report(ws, Settings(out=out))
    with chromium() as browser:
        visit = open_report(browser, out / "report.html")
        check_charts(visit.page, workspace)
        visit.page.evaluate("location.hash = '#unit-%E0%A4%A'")
        visit.page.wait_for_timeout(300)
        assert visit.errors == []
        assert "__proto__" in visit.page.locator("[data-chart^=themes-]").all_inner_texts()[0] \
            or visit.page.locator("text=__proto__").count() > 0


# -- items 12 and 14: what a folder walk meets ---------------------------------------------------

INTERVIEW = ("Interviewer: What slows you down?\n\nSam Lee: Flaky builds, every week.\n\n"
             "Interviewer: Why?\n\nSam Lee: Nobody owns the pipeline, honestly.\n")


def test_a_fifo_in_a_folder_is_skipped_not_waited_on(synth, tmp_path):
    import os

    research = tmp_path / "research"
    research.mkdir()
    (research / "sam.md").write_text(INTERVIEW, encoding="utf-8")
    os.mkfifo(research / "pipe.md")
    result = synth("ingest", str(research))        # would block forever reading the pipe
    assert result.exit_code == 0, result.output
    assert "not a regular file" in result.output


def test_a_symlink_loop_says_so(synth, tmp_path):
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    result = synth("ingest", str(loop))
    assert result.exit_code != 0
    assert "symbolic link that loops back on itself" in result.output


def test_a_workspace_inside_the_research_folder_is_not_read_as_input(tmp_path, fake_nlp,
                                                                     monkeypatch):
    from click.testing import CliRunner

    from synth.cli import main

    research = tmp_path / "research"
    research.mkdir()
    (research / "sam.md").write_text(INTERVIEW, encoding="utf-8")
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        result = runner.invoke(main, ["--workspace", str(research / "ws"), "ingest",
                                      str(research)])
        assert result.exit_code == 0, result.output
        assert "synth.db" not in result.output


def test_long_texts_reach_spacy_in_bounded_batches():
    from synth.ingest.units import BATCH_CHARS, batches, chunks

    text = "The build failed again because the queue was slow. " * 25_000   # 1.3M characters
    pieces = [piece for _, piece in chunks(text)]
    groups = list(batches(pieces + ["short answer"] * 100))
    assert "".join(pieces) == text
    assert all(sum(map(len, g)) <= BATCH_CHARS or len(g) == 1 for g in groups)
    assert all(len(g) <= 64 for g in groups)
    assert sum(len(g) for g in groups) == len(pieces) + 100


# -- item 14: a .docx transcript laid out as a table ----------------------------------------------

def test_a_docx_transcript_laid_out_as_a_table_is_read_row_by_row(tmp_path):
    import docx

    from synth.ingest.readers import read_document

    document = docx.Document()
    document.add_paragraph("Interview with a platform engineer, March")
    rows = [("Time", "Speaker", "Text"),
            ("00:00:05", "Interviewer", "What slows you down?"),
            ("00:00:09", "Sam Lee", "Flaky builds, every single week."),
            ("00:01:12", "Interviewer", "Why is that?"),
            ("00:01:15", "Sam Lee", "Nobody owns the pipeline, honestly.")]
    table = document.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    path = tmp_path / "table.docx"
    document.save(path)
    turns = read_document(path).turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Interviewer", "What slows you down?"), ("Sam Lee", "Flaky builds, every single week."),
        ("Interviewer", "Why is that?"), ("Sam Lee", "Nobody owns the pipeline, honestly.")]
    assert turns[1].anchors[0][1] == "table 1, row 3"


def test_a_docx_with_neither_turns_nor_a_turn_table_says_what_synth_reads(tmp_path):
    import docx

    from synth.errors import NotResearch
    from synth.ingest.readers import read_document

    document = docx.Document()
    document.add_paragraph("Meeting notes without speakers.")
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "just one cell"
    path = tmp_path / "notes.docx"
    document.save(path)
    with pytest.raises(NotResearch) as error:
        read_document(path)
    assert "no speaker turns found" in str(error.value)


def test_a_bad_codebook_is_reported_before_any_model_loads(workspace, write, fake_nlp,
                                                           tmp_path, monkeypatch):
    import synth.stages
    from synth.errors import InputError
    from synth.stages import Settings, run_themes

    codebook_study(workspace, write, tmp_path)

    def no_model(*args, **kwargs):
        raise AssertionError("a model was loaded before the codebook was checked")

    monkeypatch.setattr(synth.stages, "load_gazetteer", no_model)
    monkeypatch.setattr(synth.stages, "embedder_for", no_model)
    path = tmp_path / "bad.yaml"
    path.write_text("themes:\n- id: nonexistent-99\n  label: x\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        run_themes(workspace, Settings(out=tmp_path / "out", codebook=path))
    assert "unknown theme id 'nonexistent-99'" in str(error.value)


def test_a_forgotten_respondent_stays_out_when_the_survey_changes(synth, tmp_path):
    research = tmp_path / "research"
    research.mkdir()
    survey = research / "survey.csv"
    rows = ["Response ID,Full name,What slows you down?",
            "R1,Zelda Quartermaine,the quokka ingestion queue stalls",
            "R2,Bob Stone,flaky builds slow the release",
            "R3,Ann Lee,reviews take days"]
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert synth("ingest", str(research)).exit_code == 0
    assert synth("forget", "zelda quartermaine").exit_code == 0
    survey.write_text("\n".join([*rows, "R4,Cem Kaya,slow CI runners"]) + "\n",
                      encoding="utf-8")            # a new answer: the file is read again
    result = synth("ingest", str(research))
    assert result.exit_code == 0, result.output
    listed = synth("participants", "--format", "csv").output
    assert "survey:R4" in listed and "survey:R1" not in listed and "Zelda" not in listed


def test_subtitle_speakers_in_any_script_and_through_invisible_marks():
    from synth.ingest.subtitles import read_subtitles

    text = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nInterviewer: What slows you down?\n\n"
            "00:00:04.000 --> 00:00:08.000\n\u200fÉmilie Dubois\u200f: Flaky builds.\n\n"
            "00:00:09.000 --> 00:00:11.000\n<v \u200bŁukasz Nowak>Slow reviews.</v>\n\n"
            "00:00:12.000 --> 00:00:14.000\nso the point is: it is slow\n")
    turns = read_subtitles(text, Path("s.vtt"), "vtt").turns
    assert [(t.speaker, t.text) for t in turns] == [
        ("Interviewer", "What slows you down?"), ("Émilie Dubois", "Flaky builds."),
        ("Łukasz Nowak", "Slow reviews. so the point is: it is slow")]
