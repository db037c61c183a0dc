"""REFI-QDA exchange: the exported project validates against the QDA-XML schema, codings sit
at their positions, the codebook re-imports to the same themes (fast, with fakes)."""

import re
import uuid
import zipfile

import pytest
from lxml import etree

from synth.analyse.framework import load_framework
from synth.codebook.imports import Exported, refi_edits
from synth.codebook.refi import (
    CODEBOOK_NS,
    PROJECT_NS,
    code_names,
    guid,
    read_refi,
    source_names,
)
from synth.errors import InputError
from synth.ingest import IngestOptions, ingest
from synth.stages import export_codebook_file, export_project_file
from synth.themes.codebook import Codebook, Entry, load
from tests.conftest import ROOT
from tests.test_codebook import labels, stored, survey
from tests.test_themes import themes_run

SCHEMA = ROOT.parent / "shared" / "specs" / "refi-qda" / "Project-mrt2019.xsd"
needs_schema = pytest.mark.skipif(not SCHEMA.exists(), reason=f"{SCHEMA} is absent")


@pytest.fixture
def study(workspace, write, fake_nlp, tmp_path):
    ingest(workspace, [survey(write, "survey.csv", 0, 24)], IngestOptions())
    themes_run(workspace, tmp_path / "out", themes=2)
    return workspace


def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


@needs_schema
def test_exported_project_validates_and_codes_every_themed_statement(study, tmp_path):
    path = tmp_path / "study.qdpx"
    counts = export_project_file(study, path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        project = archive.read("project.qde")
        texts = {n: archive.read(n).decode("utf-8") for n in names if n.startswith("sources/")}
    assert names[0] == "project.qde" and len(texts) == counts["sources"] == 1
    document = etree.fromstring(project)
    validator = schema()
    assert validator.validate(document), validator.error_log
    ns = {"q": PROJECT_NS}
    themed = study.query("SELECT u.text FROM unit_themes ut JOIN units u ON u.id = ut.unit_id")
    selections = document.findall(".//q:PlainTextSelection", ns)
    assert len(selections) == counts["codings"] == len(themed)
    text = next(iter(texts.values()))
    shown = {text[int(s.get("startPosition")):int(s.get("endPosition"))]
             for s in selections}
    assert shown == {" ".join(r["text"].split()) for r in themed}
    codes = {c.get("guid") for c in document.iter(f"{{{PROJECT_NS}}}Code")}
    assert all(ref.get("targetGUID") in codes
               for ref in document.iter(f"{{{PROJECT_NS}}}CodeRef"))
    assert len(document.findall(".//q:Case", ns)) == 24
    assert b"survey:R001" not in project and "survey:R001" not in text   # pseudonyms
    again = tmp_path / "again.qdpx"
    export_project_file(study, again)
    assert again.read_bytes() == path.read_bytes()


@needs_schema
def test_exported_codebook_validates_and_reimports_to_the_same_themes(study, tmp_path, write):
    path = tmp_path / "codebook.qdc"
    assert export_codebook_file(study, path) == len(labels(study))
    document = etree.parse(str(path)).getroot()
    assert document.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    # The .qdc schema is not in the shared specs: its CodeBook has the project schema's
    # CodeBookType, so it is validated inside a minimal project in the project namespace.
    text = path.read_text("utf-8").replace(CODEBOOK_NS, PROJECT_NS)
    wrapped = etree.fromstring(
        f'<Project xmlns="{PROJECT_NS}" name="check">'.encode()
        + etree.tostring(etree.fromstring(text.encode()).find(f"{{{PROJECT_NS}}}Codes")
                         ).replace(b"<Codes", b"<CodeBook><Codes", 1)
        + b"</CodeBook></Project>")
    validator = schema()
    assert validator.validate(wrapped), validator.error_log
    # applied to the same workspace: no edit, nothing changes
    before = stored(study, runs=False)
    result = themes_run(study, tmp_path / "out", codebook=path)
    assert result.planner.applied == [] and stored(study, runs=False) == before
    # imported into a fresh workspace as the starting themes
    from synth.workspace import Workspace

    with Workspace.open(tmp_path / "fresh") as fresh:
        ingest(fresh, [survey(write, "survey2.csv", 0, 24)], IngestOptions())
        themes_run(fresh, tmp_path / "out2", codebook=path)
        assert set(labels(study).values()) <= {e.label for e in load(fresh).entries.values()}
        shown = set(labels(study).values()) & set(labels(fresh).values())
        assert len(shown) >= len(labels(study)) / 2   # a code no statement joins is not shown


def test_a_renamed_code_renames_its_theme_and_bad_xml_names_the_line(study, tmp_path):
    path = tmp_path / "codebook.qdc"
    export_codebook_file(study, path)
    first = sorted(labels(study).items())[0]
    text = path.read_text("utf-8").replace(f'name="{first[1]}"', 'name="Renamed in NVivo"', 1)
    path.write_text(text, encoding="utf-8")
    themes_run(study, tmp_path / "out", codebook=path)
    assert labels(study)[first[0]] == "Renamed in NVivo"
    broken = tmp_path / "broken.qdc"
    broken.write_text('<?xml version="1.0"?>\n<CodeBook>\n<Codes>\n</CodeBook>\n', "utf-8")
    with pytest.raises(InputError, match=r"broken.qdc, line \d+: not valid XML"):
        themes_run(study, tmp_path / "out", codebook=broken)
    entity = tmp_path / "entity.qdc"
    entity.write_text('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                      f'\n<CodeBook xmlns="{CODEBOOK_NS}"><Codes><Code guid="{"0" * 8}-0000-0000-'
                      f'0000-{"0" * 12}" name="&e;" isCodable="true"/></Codes></CodeBook>\n',
                      "utf-8")
    with pytest.raises(InputError):
        themes_run(study, tmp_path / "out", codebook=entity)
    assert "root:" not in str(load(study).entries)


def test_an_exported_source_keeps_the_question_each_statement_answered(
        workspace, write, fake_nlp, tmp_path):
    from tests.test_ingest import INTERVIEW

    ingest(workspace, [write("sam.txt", INTERVIEW),
                       survey(write, "survey.csv", 0, 24)], IngestOptions())
    themes_run(workspace, tmp_path / "out", themes=2)
    path = tmp_path / "study.qdpx"
    export_project_file(workspace, path)
    with zipfile.ZipFile(path) as archive:
        project = etree.fromstring(archive.read("project.qde"))
        texts = {archive.read(n).decode("utf-8") for n in archive.namelist()
                 if n.startswith("sources/")}
    interview = next(text for text in texts if "payments platform" in text)
    paragraphs = interview.split("\n\n")
    asked = paragraphs.index("Asked: What slows you down?")
    assert paragraphs[asked + 1].endswith(
        "Flaky pipelines slow us down every single week, and nobody owns them.")
    assert paragraphs[0] == "Asked: What does your team build?"
    assert sum(p.startswith("Asked: ") for p in paragraphs) == 3
    survey_text = next(text for text in texts if "payments platform" not in text)
    assert survey_text.startswith("Asked: ")
    # the codings still cover exactly the statements (checked position by position in
    # test_exported_project_validates_and_codes_every_themed_statement), never a question
    for selection in project.iter(f"{{{PROJECT_NS}}}PlainTextSelection"):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        assert not any(t[start:end].startswith("Asked: ") for t in texts)


# --- names, sources, cases on export ------------------------------------------------------

def test_code_names_are_unique_across_the_codebook_qualified_only_where_needed():
    records = [
        {"id": "frustration-01", "question": "frustration", "label": "PyPI",
         "subthemes": [{"id": "frustration-01.1", "label": "Mailman"},
                       {"id": "frustration-01.2", "label": "pypi"}]},
        {"id": "frustration-02", "question": "frustration", "label": "History", "subthemes": []},
        {"id": "tools-01", "question": "tools", "label": "PyPI",
         "subthemes": [{"id": "tools-01.1", "label": "Mailman"}]},
        {"id": "tools-02", "question": "tools", "label": "frustration", "subthemes": []},
    ]
    names = code_names(records)
    assert len({n.casefold() for n in names.values()}) == len(names) == 9
    assert names["question", "frustration"] == "frustration"      # questions keep their names
    assert names["theme", "frustration-02"] == "History"          # unique: as it is
    assert names["theme", "frustration-01"] == "PyPI (frustration)"
    assert names["theme", "tools-01"] == "PyPI (tools)"
    assert names["subtheme", "frustration-01.2"] == "pypi (PyPI)"  # case-blind clash
    assert names["subtheme", "frustration-01.1"] == "Mailman (PyPI)"
    assert names["subtheme", "tools-01.1"] == "Mailman (tools > PyPI)"    # its parent's parent
    assert names["theme", "tools-02"] == "frustration (tools)"
    assert code_names(records) == names                            # stable


def test_source_names_hold_no_path_separator_and_stay_distinct():
    names = source_names(["inputs/P01-1.md", "other/P01-1.md", "a\\b\\P02.txt", "P03.vtt"])
    assert names == {"inputs/P01-1.md": "P01-1.md", "other/P01-1.md": "P01-1.md (2)",
                     "a\\b\\P02.txt": "P02.txt", "P03.vtt": "P03.vtt"}


def test_source_text_past_the_read_limit_is_not_read_but_the_codes_are(tmp_path,
                                                                       monkeypatch):
    from synth.codebook import refi

    records = [{"id": "t1", "question": "frustration", "label": "Flaky CI",
                "description": "", "subthemes": []}]
    units = [{"id": "u1", "who": "P01", "who_id": "p1", "text": "flaky builds every week",
              "code": "t1"}]
    path = tmp_path / "p.qdpx"
    path.write_bytes(refi.qdpx_bytes(refi.project_files(
        records, [{"key": "a", "name": "a.txt", "units": units}], [])))
    assert read_refi(path).codes[0].children[0].texts == ["flaky builds every week"]
    monkeypatch.setattr(refi, "MAX_SOURCE", 10)     # the source holds 30 characters
    read = read_refi(path)
    assert read.codes[0].children[0].name == "Flaky CI"
    assert read.codes[0].children[0].texts == []


@needs_schema
def test_exported_project_has_unique_names_bare_sources_and_case_attributes(study, tmp_path):
    path = tmp_path / "study.qdpx"
    export_project_file(study, path)
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("project.qde"))
    assert schema().validate(document), schema().error_log
    q = f"{{{PROJECT_NS}}}"
    names = [c.get("name").casefold() for c in document.iter(f"{q}Code")]
    assert len(names) == len(set(names))
    for source in document.iter(f"{q}TextSource"):
        assert "/" not in source.get("name") and "\\" not in source.get("name")
        assert source.find(f"{q}Description").text.endswith(source.get("name"))
    variables = {v.get("guid"): v.get("name") for v in document.iter(f"{q}Variable")}
    assert set(variables.values()) == {"Role"}
    cases = read_refi(path).cases
    assert len(cases) == 24 and {v["Role"] for v in cases.values()} == {"Platform", "Frontend"}
    assert all("R0" not in name for name in cases)                  # pseudonyms, not ids


# --- import: matching another tool's codes -------------------------------------------------

def code(name, *children, guid=None, codable=True, description=""):
    """A REFI Code element; a random-looking GUID (another tool's) unless given."""
    guid = guid or str(uuid.uuid5(uuid.NAMESPACE_DNS, f"other-tool:{name}"))
    inner = (f"<Description>{description}</Description>" if description else "") \
        + "".join(children)
    return (f'<Code guid="{guid}" name="{name}" isCodable="{"true" if codable else "false"}">'
            f"{inner}</Code>")


def qdc(tmp_path, *codes, name="other.qdc"):
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="{CODEBOOK_NS}" '
                    f'origin="QualCoder"><Codes>{"".join(codes)}</Codes></CodeBook>\n',
                    encoding="utf-8-sig")
    return path


STATEMENTS = {"u1": "Installs are slow.", "u2": "The resolver hangs.", "u3": "Docs are thin.",
              "u4": "Nobody answers issues.", "u5": "Slow CI every day."}


def known():
    """A codebook of three frustration themes and one tools theme, as synth exports it."""
    entries = {tid: Entry(tid, tid.split("-")[0], label) for tid, label in (
        ("frustration-01", "Slow installs"), ("frustration-02", "Docs"),
        ("frustration-03", "PyPI"), ("tools-01", "PyPI"))}
    units = {"u1": ("frustration", "frustration-01"), "u2": ("frustration", "frustration-01"),
             "u3": ("frustration", "frustration-02"), "u4": ("frustration", "frustration-03"),
             "u5": ("tools", "tools-01")}
    records = [{"id": tid, "question": e.dimension, "label": e.label, "description": "",
                "subthemes": [{"id": f"{tid}.1", "label": f"{e.label} detail"},
                              {"id": f"{tid}.2", "label": f"{tid} other"}]}
               for tid, e in entries.items()]
    exported = Exported(records, {text: uid for uid, text in STATEMENTS.items()})
    return Codebook(entries, units), exported


def test_question_codes_by_name_and_themes_by_name_survive_new_guids(tmp_path):
    codebook, exported = known()
    path = qdc(tmp_path,
               code("Frustration", code("Slow installs"), code("PyPI (frustration)"),
                    code("Docs and guides", code("Docs detail"), code("frustration-02 other")),
                    code("Mailing lists", description="Too many lists"), codable=False),
               code("tools", code("PyPI (tools)"), codable=False))
    edits, notes = refi_edits(path, codebook, load_framework(), exported)
    by_id = {e.id: e for e in edits}
    assert set(by_id) == {"frustration-01", "frustration-02", "frustration-03", "tools-01",
                          None}
    assert by_id["frustration-01"].label is None             # same name: no rename
    assert by_id["frustration-03"].label is None             # the qualified name synth wrote
    assert by_id["frustration-02"].label == "Docs and guides"   # matched by its sub-codes
    added = by_id[None]
    assert (added.question, added.label, added.description) == (
        "frustration", "Mailing lists", "Too many lists")
    assert notes[0] == ("read other.qdc: 2 question codes, 4 themes matched (3 by name, 1 by "
                        "sub-codes), 1 renamed, 1 added, 0 codes ignored")


def test_synth_guids_match_first_and_a_moved_theme_moves(tmp_path):
    codebook, exported = known()
    path = qdc(tmp_path, code("tools", code("Renamed", guid=guid("theme", "frustration-01")),
                              guid=guid("question", "tools"), codable=False))
    edits, notes = refi_edits(path, codebook, load_framework(), exported)
    assert [(e.id, e.question, e.label) for e in edits] == [
        ("frustration-01", "tools", "Renamed")]
    assert "1 themes matched (1 by id)" in notes[0]


def test_a_category_with_children_is_never_one_theme_its_children_are_matched(tmp_path):
    codebook, exported = known()
    path = qdc(tmp_path, code("My group", code("Slow installs"), code("Brand new"),
                              codable=False))
    edits, notes = refi_edits(path, codebook, load_framework(), exported)
    assert [(e.id, e.label) for e in edits] == [("frustration-01", None), (None, "Brand new")]
    assert edits[1].question is None                    # added to the closest question
    assert "ignored 'My group' (a group of codes under no question)" in notes


def test_renamed_codes_without_sub_codes_are_matched_by_their_place(tmp_path):
    """QualCoder keeps the order synth wrote and appends new codes: a renamed code sits where
    its theme was."""
    codebook, exported = known()
    path = qdc(tmp_path, code("frustration", code("Slow installs"), code("Docs renamed"),
                              code("PyPI renamed"), code("Brand new"), codable=False))
    edits, notes = refi_edits(path, codebook, load_framework(), exported)
    assert [(e.id, e.label) for e in edits] == [
        ("frustration-01", None), ("frustration-02", "Docs renamed"),
        ("frustration-03", "PyPI renamed"), (None, "Brand new")]
    assert "3 themes matched (1 by name, 2 by position), 2 renamed, 1 added" in notes[0]


def test_codes_in_another_order_are_never_matched_by_place(tmp_path):
    codebook, exported = known()
    path = qdc(tmp_path, code("frustration", code("PyPI (frustration)"), code("Slow installs"),
                              code("Docs renamed"), codable=False))
    edits, _ = refi_edits(path, codebook, load_framework(), exported)
    assert [(e.id, e.label) for e in edits] == [
        ("frustration-03", None), ("frustration-01", None), (None, "Docs renamed")]


def test_a_qdpx_matches_themes_by_the_statements_they_code_after_a_bom(tmp_path):
    codebook, exported = known()
    text = "\ufeff" + "P1: " + STATEMENTS["u1"] + "\n\nP1: " + STATEMENTS["u2"] + "\n"
    body = text.lstrip("\ufeff")
    spans = [(body.index(STATEMENTS[u]), body.index(STATEMENTS[u]) + len(STATEMENTS[u]))
             for u in ("u1", "u2")]
    theme_guid = str(uuid.uuid4())
    selections = "".join(
        f'<PlainTextSelection guid="{uuid.uuid4()}" startPosition="{a}" endPosition="{b}">'
        f'<Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{theme_guid}"/></Coding>'
        "</PlainTextSelection>" for a, b in spans)
    project = (f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{PROJECT_NS}" '
               f'name="qc"><CodeBook><Codes>'
               f'{code("frustration", code("Totally renamed", guid=theme_guid), codable=False)}'
               f"</Codes></CodeBook><Sources><TextSource guid=\"{uuid.uuid4()}\" name=\"a\" "
               f'plainTextPath="internal://a.txt">{selections}</TextSource></Sources>'
               "</Project>")
    path = tmp_path / "other.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project.encode("utf-8-sig"))
        archive.writestr("sources/a.txt", text.encode("utf-8"))
    edits, notes = refi_edits(path, codebook, load_framework(), exported)
    assert [(e.id, e.label) for e in edits] == [("frustration-01", "Totally renamed")]
    assert "(1 by statements)" in notes[0]


def test_a_file_in_which_nothing_matches_warns_and_strict_refuses_it(tmp_path):
    codebook, exported = known()
    path = qdc(tmp_path, code("Apples"), code("Pears"))
    edits, notes = refi_edits(path, codebook, load_framework(), exported)
    assert [e.label for e in edits] == ["Apples", "Pears"]
    assert notes[-1] == ("warning: none of its 2 codes matches a question or a theme of this "
                         "study: every code is added as a new theme")
    with pytest.raises(InputError, match=r"other.qdc, line 1: none of its 2 codes .* Export "
                                         r"the codebook from this workspace"):
        refi_edits(path, codebook, load_framework(), exported, strict=True)


def test_a_rename_and_an_added_code_from_another_tool_apply_with_no_junk_themes(study,
                                                                               tmp_path):
    """synth's own .qdc, with every GUID replaced as QualCoder does on export."""
    path = tmp_path / "codebook.qdc"
    export_codebook_file(study, path)
    text = path.read_text("utf-8")
    for old in sorted(set(re.findall(r'guid="([^"]+)"', text))):
        text = text.replace(old, str(uuid.uuid4()))
    first_id, first_label = sorted(labels(study).items())[0]
    question = first_id.rsplit("-", 1)[0]
    text = text.replace(f'name="{first_label}"', 'name="Renamed in QualCoder"', 1)
    text = text.replace(f'name="{question}" isCodable="false">',
                        f'name="{question}" isCodable="false"><Code guid="{uuid.uuid4()}" '
                        'name="Added in QualCoder" isCodable="true"><Description>a memo'
                        "</Description></Code>", 1)
    path.write_text(text, encoding="utf-8")
    before = {e.id for e in load(study).active()}
    result = themes_run(study, tmp_path / "out", codebook=path)
    after = {e.id: e for e in load(study).active()}
    assert after[first_id].label == "Renamed in QualCoder"
    new = [e for tid, e in after.items() if tid not in before]
    assert [(e.label, e.dimension, e.description) for e in new] == [
        ("Added in QualCoder", question, "a memo")]
    assert result.notes[0].endswith("1 renamed, 1 added, 0 codes ignored")


def test_cli_apply_strict_refuses_a_file_that_matches_nothing(synth, tmp_path, write):
    assert synth("ingest", str(survey(write, "s.csv", 0, 24))).exit_code == 0
    path = qdc(tmp_path, code("Apples"))
    result = synth("codebook", "apply", "--strict", str(path))
    assert result.exit_code == 2, result.output
    assert "none of its 1 codes matches a question or a theme" in result.output
    assert "Traceback" not in result.output


def test_cli_apply_reports_what_it_read(synth, tmp_path, write, monkeypatch):
    from synth import stages
    from tests.conftest import FAKES

    monkeypatch.setattr(stages, "load_embedder", lambda model, precision: FAKES[0])
    monkeypatch.setattr(stages, "spacy_describer", lambda gazetteer: FAKES[1][0])
    assert synth("ingest", str(survey(write, "s.csv", 0, 24))).exit_code == 0
    assert synth("themes", "--themes", "2", "--out", str(tmp_path / "out")).exit_code == 0
    exported = tmp_path / "mine.qdc"
    assert synth("codebook", "export", str(exported)).exit_code == 0
    document = etree.parse(str(exported)).getroot()
    top = document.find(f"{{{CODEBOOK_NS}}}Codes/{{{CODEBOOK_NS}}}Code")
    themes = [c.get("name") for c in top.findall(f"{{{CODEBOOK_NS}}}Code")]
    path = qdc(tmp_path, code(top.get("name"), *map(code, themes), code("Brand new code"),
                              codable=False))
    result = synth("codebook", "apply", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert (f"codebook: read other.qdc: 1 question codes, {len(themes)} themes matched "
            f"({len(themes)} by name), 0 renamed, 1 added, 0 codes ignored\n") in result.output
    assert "codebook: added " in result.output and "'Brand new code'" in result.output
