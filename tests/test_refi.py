"""REFI-QDA exchange: the exported project validates against the QDA-XML schema, codings sit
at their positions, the codebook re-imports to the same themes (fast, with fakes)."""

import zipfile

import pytest
from lxml import etree

from synth.codebook.refi import CODEBOOK_NS, PROJECT_NS
from synth.errors import InputError
from synth.ingest import IngestOptions, ingest
from synth.stages import export_codebook_file, export_project_file
from synth.themes.codebook import load
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
