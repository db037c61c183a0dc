"""REFI-QDA exchange (QDA-XML 1.0): `.qdpx` projects and `.qdc` codebooks, for NVivo,
ATLAS.ti, MAXQDA and QualCoder.

Codes: one per persona question (not codable), its themes under it, their sub-themes under
them. Every code name is unique across the codebook (QDA tools key codes by name): a label
used twice is qualified by its parent ("PyPI (frustration)"), the same way every run. Every
GUID is derived from synth's own id (uuid5), so the same study exports the same file byte
for byte. A `.qdpx` holds `project.qde` and `sources/`: one plain-text source per research
file, named by its file name (the path is its description), the statements as redacted
paragraphs ("P01: ..."), each themed statement a selection coded with its theme (or
sub-theme) at its character positions; participants are cases with their attributes as
`Variables`/`VariableValue`.

`read_refi` reads a `.qdc` or `.qdpx` back as plain data (`RefiFile`): the code tree, the
text each code's selections cover (sources read after stripping a BOM), and the cases with
their variable values. `synth.codebook.imports` matches it to the codebook. XML is parsed
without entities or network access; a file declaring a DTD, an encrypted or oddly compressed
member, an XML over `MAX_PROJECT` (never read past it, whatever the zip says) and more than
`MAX_CODES` codes are one-line errors.
"""

from __future__ import annotations

import io
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from synth.errors import InputError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
NAMESPACE = uuid.UUID("6f1c3c59-6d43-5b8e-9d0a-2f6b1f0e7a13")
ORIGIN = "synth"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MAX_PROJECT = 32 * 1024 * 1024      # uncompressed project.qde (or .qdc) read on import
MAX_SOURCE = 200 * 1024 * 1024      # uncompressed source text read on import, in all
MAX_CODES = 1000                    # codes read from one codebook


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def code_names(records: list[dict]) -> dict[tuple[str, str], str]:
    """{(kind, id): name} for every code of the codebook, unique across it (compared without
    case, as some tools do). Question names come first and stay as they are; a theme or
    sub-theme label used more than once is qualified by its parent ("PyPI (frustration)",
    "Mailman (Using PyPI)"), then by its parent's parent, then numbered."""
    items: list[tuple[tuple[str, str], str, list[str]]] = []   # key, label, ancestors
    for question in dict.fromkeys(r["question"] for r in records):
        items.append((("question", question), question, []))
    for record in records:
        items.append((("theme", record["id"]), record["label"] or record["id"],
                      [record["question"]]))
        for sub in record.get("subthemes", []):
            items.append((("subtheme", sub["id"]), sub["label"] or sub["id"],
                          [record["label"] or record["id"], record["question"]]))
    counts: dict[str, int] = {}
    for _, label, _ in items:
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    names: dict[tuple[str, str], str] = {}
    taken: set[str] = set()
    for key, label, ancestors in items:
        tries = [label] if counts[label.casefold()] == 1 or not ancestors else []
        tries += [f"{label} ({' > '.join(reversed(ancestors[:depth]))})"
                  for depth in range(1, len(ancestors) + 1)]
        name = next((t for t in tries if t.casefold() not in taken), None)
        number = 2
        while name is None or name.casefold() in taken:
            name, number = f"{tries[-1]} ({number})", number + 1
        names[key] = name
        taken.add(name.casefold())
    return names


def _codes(parent, records: list[dict], ns: str) -> None:  # type: ignore[no-untyped-def]
    from lxml import etree

    names = code_names(records)
    codes = etree.SubElement(parent, f"{{{ns}}}Codes")
    for question in dict.fromkeys(r["question"] for r in records):
        top = etree.SubElement(codes, f"{{{ns}}}Code", guid=guid("question", question),
                               name=names["question", question], isCodable="false")
        for record in (r for r in records if r["question"] == question):
            code = etree.SubElement(top, f"{{{ns}}}Code", guid=guid("theme", record["id"]),
                                    name=names["theme", record["id"]], isCodable="true")
            if record.get("description"):
                etree.SubElement(code, f"{{{ns}}}Description").text = record["description"]
            for sub in record.get("subthemes", []):
                etree.SubElement(code, f"{{{ns}}}Code", guid=guid("subtheme", sub["id"]),
                                 name=names["subtheme", sub["id"]], isCodable="true")


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


def source_names(paths: list[str]) -> dict[str, str]:
    """{shown path: source name}: the file name alone (tools copy a source to a file of that
    name, so no path separator), numbered where two files share a name."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = PurePosixPath(path.replace("\\", "/")).name or "source"
        name, number = base, 2
        while name.casefold() in taken:
            name, number = f"{base} ({number})", number + 1
        names[path] = name
        taken.add(name.casefold())
    return names


def project_files(records: list[dict], sources: list[dict], people: list[dict]) -> dict:
    """{path in the .qdpx: bytes}. `sources`: [{key, name, units: [{id, who, text, code}]}]
    with `name` the shown path, text already redacted and `code` the theme or sub-theme id
    ('' for none); `people`: [{id, name, attributes: {column: value}}] as shown."""
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
    names = source_names([s["name"] for s in sources])
    for source in sources:
        source_guid = guid("source", source["key"])
        text, spans = _plain_text(source["units"])
        files[f"sources/{source_guid}.txt"] = text.encode("utf-8")
        element = etree.SubElement(holder, f"{{{ns}}}TextSource", guid=source_guid,
                                   name=names[source["name"]],
                                   plainTextPath=f"internal://{source_guid}.txt")
        etree.SubElement(element, f"{{{ns}}}Description").text = source["name"]
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
    columns = sorted({c for person in people for c in person.get("attributes", {})})
    if columns:
        variables = etree.SubElement(root, f"{{{ns}}}Variables")
        for column in columns:
            etree.SubElement(variables, f"{{{ns}}}Variable", guid=guid("variable", column),
                             name=column, typeOfVariable="Text")
    if people:
        cases = etree.SubElement(root, f"{{{ns}}}Cases")
        for person in people:
            case = etree.SubElement(cases, f"{{{ns}}}Case", guid=guid("case", person["id"]),
                                    name=person["name"])
            for column, value in sorted(person.get("attributes", {}).items()):
                holder_value = etree.SubElement(case, f"{{{ns}}}VariableValue")
                etree.SubElement(holder_value, f"{{{ns}}}VariableRef",
                                 targetGUID=guid("variable", column))
                etree.SubElement(holder_value, f"{{{ns}}}TextValue").text = value
            for selection_guid in selections.get(person["id"], []):
                etree.SubElement(case, f"{{{ns}}}SelectionRef", targetGUID=selection_guid)
    if len(holder):
        root.append(holder)
    files["project.qde"] = _xml(root).encode("utf-8")
    return files


def _plain_text(units: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """Each statement as a paragraph "WHO: text", under the question it answered ("Asked:
    ...", once for the statements after it); the character span of each statement's text."""
    parts, spans, at, asked = [], [], 0, ""
    for unit in units:
        question = " ".join(unit.get("question", "").split())
        if question and question != asked:
            paragraph = f"Asked: {question}\n\n"
            parts.append(paragraph)
            at += len(paragraph)
        asked = question
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


@dataclass
class RefiCode:
    """One code of a REFI-QDA file as another tool left it."""

    guid: str
    name: str
    description: str
    line: int
    codable: bool
    children: list[RefiCode] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)   # the text of each selection it codes

    def all_texts(self) -> list[str]:
        """The text coded with this code or any code under it."""
        return self.texts + [t for child in self.children for t in child.all_texts()]


@dataclass
class RefiFile:
    path: Path
    codes: list[RefiCode]
    cases: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> {variable: value}
    project: bool = False           # a .qdpx (selections and cases read), not a .qdc


def read_refi(path: Path) -> RefiFile:
    """The code tree of a `.qdc` or a `.qdpx`'s project, with (for a `.qdpx`) the text of
    each coding and the cases' variable values."""
    too_big = InputError(path, f"its {'project.qde' if path.suffix.lower() == '.qdpx' else 'XML'}"
                         f" is over {MAX_PROJECT // 2**20} MB, more than a codebook holds",
                         "Export the codebook alone from your QDA tool (.qdc)")
    archive = None
    try:
        if path.suffix.lower() == ".qdpx":
            archive = zipfile.ZipFile(path)
            qde = next((n for n in archive.namelist() if n.lower().endswith(".qde")),
                       "project.qde")
            if archive.getinfo(qde).file_size > MAX_PROJECT:
                raise too_big
            with archive.open(qde) as member:       # never more than the limit,
                data = member.read(MAX_PROJECT + 1)  # whatever the header says
        else:
            if path.stat().st_size > MAX_PROJECT:
                raise too_big
            data = path.read_bytes()
        if len(data) > MAX_PROJECT:
            raise too_big
        root = _parse(path, data)
        holders = _all(root, "Codes")
        if not holders:
            raise InputError(path, "there is no codebook (no Codes element) in it", "Export "
                             "the codebook from your QDA tool (REFI-QDA .qdc)", "line 1")
        count = len(_all(holders[0], "Code"))
        if count > MAX_CODES:
            raise InputError(path, f"it holds {count:,} codes; synth reads at most "
                             f"{MAX_CODES:,}", "Export the codebook of this study alone, or "
                             f"split it into files of at most {MAX_CODES:,} codes")
        by_guid: dict[str, RefiCode] = {}
        codes = [_code(c, by_guid) for c in _children(holders[0], "Code")]
        refi = RefiFile(path, codes, project=archive is not None)
        if archive is not None:
            _read_codings(root, archive, by_guid)
            refi.cases = _read_cases(root)
        return refi
    except InputError:
        raise
    except KeyError:
        raise InputError(path, "there is no project.qde in it", "Export it again from your "
                         "QDA tool as a .qdpx project, or export the codebook (.qdc)") from None
    except (RuntimeError, NotImplementedError) as error:   # encrypted, unknown compression
        raise InputError(path, f"cannot open a member of it ({error})", "Export it again "
                         "from your QDA tool without a password and with ordinary (deflate) "
                         "compression, or export the codebook alone (.qdc)") from None
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error) as error:
        raise InputError(path, f"cannot read it as REFI-QDA ({error})", "Export it again "
                         "from your QDA tool as a .qdc codebook or a .qdpx project") from None
    finally:
        if archive is not None:
            archive.close()


def _parse(path: Path, data: bytes):  # type: ignore[no-untyped-def]
    """The XML root; no entities, no network, and no DTD at all."""
    from lxml import etree

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
    return root


def _local(element) -> str:  # type: ignore[no-untyped-def]
    from lxml import etree

    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element, name: str) -> list:  # type: ignore[no-untyped-def]
    return [c for c in element if _local(c) == name]


def _all(element, name: str) -> list:  # type: ignore[no-untyped-def]
    return [e for e in element.iter() if _local(e) == name]


def _text(element, name: str) -> str:  # type: ignore[no-untyped-def]
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _clean_guid(value: str | None) -> str:
    return (value or "").strip().strip("{}").lower()


def _code(element, by_guid: dict[str, RefiCode]) -> RefiCode:  # type: ignore[no-untyped-def]
    code = RefiCode(_clean_guid(element.get("guid")), (element.get("name") or "").strip(),
                    _text(element, "Description"), element.sourceline or 1,
                    element.get("isCodable", "true").strip().lower() != "false",
                    [_code(c, by_guid) for c in _children(element, "Code")])
    by_guid[code.guid] = code
    return code


def _read_codings(root, archive: zipfile.ZipFile,  # type: ignore[no-untyped-def]
                  by_guid: dict[str, RefiCode]) -> None:
    """Each coded text selection's text, added to its code's `texts`."""
    members = {n.casefold(): n for n in archive.namelist()}
    budget = MAX_SOURCE           # source text read in all, whatever the headers say
    for source in _all(root, "TextSource"):
        selections = _children(source, "PlainTextSelection")
        reference = source.get("plainTextPath") or ""
        if not selections or not reference.startswith("internal://"):
            continue
        wanted = f"sources/{reference[len('internal://'):]}".casefold()
        if wanted not in members or archive.getinfo(members[wanted]).file_size > budget:
            continue
        with archive.open(members[wanted]) as member:
            data = member.read(budget + 1)
        if len(data) > budget:    # it inflates past what its header says: not read
            continue
        budget -= len(data)
        text = data.decode("utf-8-sig", errors="replace")
        for selection in selections:
            try:
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
            except ValueError:
                continue
            for coding in _children(selection, "Coding"):
                for ref in _children(coding, "CodeRef"):
                    code = by_guid.get(_clean_guid(ref.get("targetGUID")))
                    if code is not None and 0 <= start < end <= len(text):
                        code.texts.append(text[start:end])


def _read_cases(root) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    variables = {_clean_guid(v.get("guid")): v.get("name") or "" for v in _all(root, "Variable")}
    cases: dict[str, dict[str, str]] = {}
    for case in _all(root, "Case"):
        if not case.get("name"):
            continue
        values = cases.setdefault(case.get("name").strip(), {})
        for value in _children(case, "VariableValue"):
            refs = _children(value, "VariableRef")
            name = variables.get(_clean_guid(refs[0].get("targetGUID"))) if refs else None
            given = [c for c in value if _local(c).endswith("Value")]
            if name and given:
                values[name] = (given[0].text or "").strip()
    return cases
