"""REFI-QDA exchange (QDA-XML 1.0): `.qdpx` projects and `.qdc` codebooks, for NVivo,
ATLAS.ti, MAXQDA and QualCoder.

Codes: one per persona question (not codable), its themes under it, their sub-themes under
them. Every GUID is derived from synth's own id (uuid5), so the same study exports the same
file byte for byte, and a codebook read back maps each code to its theme. A `.qdpx` holds
`project.qde` and `sources/`: one plain-text source per research file, the statements as
redacted paragraphs ("P01: ..."), each themed statement a selection coded with its theme
(or sub-theme) at its character positions; participants are cases.

Import reads the codes of a `.qdc` (or a `.qdpx`'s codebook): a code whose GUID is a
theme's keeps that theme (its name is its label: a rename); any other code under a question
code is added to that question, and a code under no question code is added to the question
whose statements are closest to it; its name and description serve as its example text.
XML is parsed without entities or network access.
"""

from __future__ import annotations

import io
import uuid
import zipfile
import zlib
from pathlib import Path

from synth.codebook.edits import Edit
from synth.errors import InputError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
NAMESPACE = uuid.UUID("6f1c3c59-6d43-5b8e-9d0a-2f6b1f0e7a13")
ORIGIN = "synth"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAX_PROJECT = 32 * 1024 * 1024      # uncompressed project.qde (or .qdc) read on import
MAX_CODES = 1000                    # codes read from one codebook


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _codes(parent, records: list[dict], ns: str) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    codes = etree.SubElement(parent, f"{{{ns}}}Codes")
    for question in dict.fromkeys(r["question"] for r in records):
        top = etree.SubElement(codes, f"{{{ns}}}Code", guid=guid("question", question),
                               name=question, isCodable="false")
        for record in (r for r in records if r["question"] == question):
            code = etree.SubElement(top, f"{{{ns}}}Code", guid=guid("theme", record["id"]),
                                    name=record["label"], isCodable="true")
            if record.get("description"):
                etree.SubElement(code, f"{{{ns}}}Description").text = record["description"]
            for sub in record.get("subthemes", []):
                etree.SubElement(code, f"{{{ns}}}Code", guid=guid("subtheme", sub["id"]),
                                 name=sub["label"], isCodable="true")


def _xml(root) -> str:  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.tostring(root, xml_declaration=True, encoding="utf-8",
                          pretty_print=True).decode("utf-8")


def codebook_xml(records: list[dict]) -> str:
    """A `.qdc` codebook of the themes as `synth.codebook.files.codebook_records` gives them."""
    from lxml import etree

    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS},
                         origin=ORIGIN)
    _codes(root, records, CODEBOOK_NS)
    return _xml(root)


def project_files(records: list[dict], sources: list[dict], people: list[dict]) -> dict:
    """{path in the .qdpx: bytes}. `sources`: [{key, name, units: [{id, who, text, code}]}]
    with text already redacted and `code` the theme or sub-theme id ('' for none);
    `people`: [{id, name}] shown names."""
    from lxml import etree

    ns = PROJECT_NS
    root = etree.Element(f"{{{ns}}}Project", nsmap={None: ns}, name="synth study",
                         origin=ORIGIN)
    _codes(etree.SubElement(root, f"{{{ns}}}CodeBook"), records, ns)
    kinds = {r["id"]: "theme" for r in records}
    kinds.update({s["id"]: "subtheme" for r in records for s in r.get("subthemes", [])})
    selections: dict[str, list[str]] = {}
    files: dict[str, bytes] = {}
    holder = etree.Element(f"{{{ns}}}Sources")
    for source in sources:
        source_guid = guid("source", source["key"])
        text, spans = _plain_text(source["units"])
        files[f"sources/{source_guid}.txt"] = text.encode("utf-8")
        element = etree.SubElement(holder, f"{{{ns}}}TextSource", guid=source_guid,
                                   name=source["name"],
                                   plainTextPath=f"internal://{source_guid}.txt")
        for unit, (start, end) in zip(source["units"], spans):
            if not unit["code"]:
                continue
            selection_guid = guid("selection", unit["id"])
            selection = etree.SubElement(element, f"{{{ns}}}PlainTextSelection",
                                         guid=selection_guid, startPosition=str(start),
                                         endPosition=str(end))
            coding = etree.SubElement(selection, f"{{{ns}}}Coding",
                                      guid=guid("coding", unit["id"]))
            etree.SubElement(coding, f"{{{ns}}}CodeRef",
                             targetGUID=guid(kinds.get(unit["code"], "theme"), unit["code"]))
            selections.setdefault(unit["who_id"], []).append(selection_guid)
    if people:
        cases = etree.SubElement(root, f"{{{ns}}}Cases")
        for person in people:
            case = etree.SubElement(cases, f"{{{ns}}}Case", guid=guid("case", person["id"]),
                                    name=person["name"])
            for selection_guid in selections.get(person["id"], []):
                etree.SubElement(case, f"{{{ns}}}SelectionRef", targetGUID=selection_guid)
    if len(holder):
        root.append(holder)
    files["project.qde"] = _xml(root).encode("utf-8")
    return files


def _plain_text(units: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """Each statement as a paragraph "WHO: text"; the character span of its text."""
    parts, spans, at = [], [], 0
    for unit in units:
        prefix = f"{unit['who']}: "
        body = " ".join(unit["text"].split())
        spans.append((at + len(prefix), at + len(prefix) + len(body)))
        paragraph = f"{prefix}{body}\n\n"
        parts.append(paragraph)
        at += len(paragraph)
    return "".join(parts), spans


def qdpx_bytes(files: dict[str, bytes]) -> bytes:
    """A zip with fixed times and order: the same project gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files, key=lambda n: (n != "project.qde", n)):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def read_codebook(path: Path) -> list[Edit]:
    """The codes of a `.qdc` or a `.qdpx`'s project as codebook entries (see the module
    docstring), each with its line in the XML."""
    from lxml import etree

    too_big = InputError(path, f"its {'project.qde' if path.suffix.lower() == '.qdpx' else 'XML'}"
                         f" is over {MAX_PROJECT // 2**20} MB, more than a codebook holds",
                         "Export the codebook alone from your QDA tool (.qdc)")
    try:
        if path.suffix.lower() == ".qdpx":
            with zipfile.ZipFile(path) as archive:
                if archive.getinfo("project.qde").file_size > MAX_PROJECT:
                    raise too_big
                with archive.open("project.qde") as member:   # never more than the limit,
                    data = member.read(MAX_PROJECT + 1)        # whatever the header says
        else:
            if path.stat().st_size > MAX_PROJECT:
                raise too_big
            data = path.read_bytes()
    except InputError:
        raise
    except KeyError:
        raise InputError(path, "there is no project.qde in it", "Export it again from your "
                         "QDA tool as a .qdpx project, or export the codebook (.qdc)") from None
    except (RuntimeError, NotImplementedError) as error:   # encrypted, unknown compression
        raise InputError(path, f"cannot open its project.qde ({error})", "Export it again "
                         "from your QDA tool without a password and with ordinary (deflate) "
                         "compression, or export the codebook alone (.qdc)") from None
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error) as error:
        raise InputError(path, f"cannot read it as REFI-QDA ({error})", "Export it again "
                         "from your QDA tool as a .qdc codebook or a .qdpx project") from None
    if len(data) > MAX_PROJECT:
        raise too_big

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(path, f"not valid XML ({error.msg})", "Export it again from your "
                         "QDA tool", f"line {error.lineno}") from None
    if root.getroottree().docinfo.internalDTD is not None:
        # lxml expands internal entities in attributes even with resolve_entities=False
        raise InputError(path, "it declares a DTD (entities), which synth does not read; "
                         "REFI-QDA files have none", "Export it again from your QDA tool",
                         "line 1")
    codes = [e for e in root.iter() if isinstance(e.tag, str)
             and etree.QName(e).localname == "Codes"]
    if not codes:
        raise InputError(path, "there is no codebook (no Codes element) in it", "Export the "
                         "codebook from your QDA tool (REFI-QDA .qdc)", "line 1")
    count = sum(1 for e in codes[0].iter() if isinstance(e.tag, str)
                and etree.QName(e).localname == "Code")
    if count > MAX_CODES:
        raise InputError(path, f"it holds {count:,} codes; synth reads at most {MAX_CODES:,}",
                         "Export the codebook of this study alone, or split it into files of "
                         f"at most {MAX_CODES:,} codes")
    entries: list[Edit] = []
    for top in _children(codes[0], "Code"):
        question = top.get("name", "")
        if top.get("guid", "").lower() == guid("question", question):
            for code in _children(top, "Code"):
                entries.append(_entry(code, question))
        else:
            entries.append(_entry(top, None))
    return entries


def _children(element, name: str) -> list:  # type: ignore[no-untyped-def]
    from lxml import etree

    return [c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _entry(code, question: str | None) -> Edit:  # type: ignore[no-untyped-def]
    name = (code.get("name") or "").strip()
    described = _children(code, "Description")
    description = (described[0].text or "").strip() if described else ""
    return Edit(code.sourceline or 1, None, question=question, label=name,
                description=description or None,
                examples=[t for t in (name, description) if t], guid=(code.get("guid") or
                                                                      "").strip("{}").lower())
