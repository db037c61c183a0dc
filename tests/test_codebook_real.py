"""The codebook on the 16 real PyPI interviews, with the real models: every edit survives a
re-run and a new interview; ids survive new data; changes.md says what changed."""

import shutil

import pytest

from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, export_codebook_file, run_personas, run_themes
from synth.themes.codebook import load
from synth.workspace import Workspace
from tests.conftest import INTERVIEWS, needs

pytestmark = [pytest.mark.slow, needs(INTERVIEWS)]
LAST = "terri-3-full.md"


def themes(workspace) -> dict[str, tuple[str, str]]:
    return {r["id"]: (r["dimension"], r["label"])
            for r in workspace.query("SELECT id, dimension, label FROM themes")}


def assigned(workspace) -> dict[str, str]:
    return {r["unit_id"]: r["theme_id"] for r in workspace.query("SELECT * FROM unit_themes")}


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """15 interviews, themed, then every kind of edit applied."""
    folder = tmp_path_factory.mktemp("codebook")
    inputs = folder / "in"
    inputs.mkdir()
    for path in sorted(INTERVIEWS.glob("*-full.md")):
        if path.name != LAST:
            shutil.copy(path, inputs / path.name)
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [inputs], IngestOptions())
        run_themes(workspace, Settings(out=folder / "out"))
        before = themes(workspace)
        by_question: dict[str, list[str]] = {}
        for tid, (question, _) in sorted(before.items()):
            by_question.setdefault(question, []).append(tid)
        rich = max(by_question, key=lambda q: (len(by_question[q]), q))
        other = next(q for q in sorted(by_question)       # one theme moved, one deleted
                     if q != rich and len(by_question[q]) >= 2)
        ids = by_question[rich]
        assert len(ids) >= 4, by_question
        texts = {r["id"]: r["text"] for r in workspace.query("SELECT id, text FROM units")}
        members = {tid: [u for u, t in assigned(workspace).items() if t == tid] for tid in ids}
        split = ids[3]
        plan = {"renamed": ids[0], "merged": ids[1], "into": ids[2], "split": split,
                "moved": by_question[other][0], "deleted": by_question[other][-1],
                "rich": rich, "other": other, "members": members}
        quote = texts[members[split][0]].replace('"', "'")
        quote2 = texts[members[split][-1]].replace('"', "'")
        moved_to = rich
        codebook = folder / "codebook.yaml"
        codebook.write_text(f"""themes:
- id: {ids[0]}
  label: Named by the researcher
  pinned: true
- id: {ids[1]}
  merge_into: {ids[2]}
- id: {split}
  split:
  - label: First half
    examples: ["{quote}"]
  - label: Second half
    examples: ["{quote2}"]
- id: {plan['moved']}
  question: {moved_to}
- id: {plan['deleted']}
  delete: true
- question: {other}
  label: Added from examples
  examples:
  - Nobody pays the maintainers of the packages everyone depends on.
  - Funding for open source maintenance is the problem.
""", encoding="utf-8")
        result = run_themes(workspace, Settings(out=folder / "out", codebook=codebook))
        assert len(result.planner.applied) >= 6, result.planner.applied
        yield workspace, folder, plan


def check_edits(workspace, plan) -> None:
    now = themes(workspace)
    assert now[plan["renamed"]][1] == "Named by the researcher"
    assert plan["merged"] not in now and plan["into"] in now
    merged = set(plan["members"][plan["merged"]])
    assert all(assigned(workspace).get(u) == plan["into"] for u in merged)
    assert plan["split"] not in now
    assert {"First half", "Second half"} & {label for _, label in now.values()}
    assert now[plan["moved"]][0] == plan["rich"]
    assert plan["deleted"] not in now
    entries = load(workspace).entries
    assert entries[plan["renamed"]].pinned
    assert entries[plan["deleted"]].status == "deleted"
    added = [e for e in entries.values() if e.label == "Added from examples"]
    assert added and added[0].dimension == plan["other"]


def test_every_edit_on_real_interviews_survives_a_rerun(edited):
    workspace, folder, plan = edited
    check_edits(workspace, plan)
    before = assigned(workspace)
    run_themes(workspace, Settings(out=folder / "out"))
    check_edits(workspace, plan)
    assert assigned(workspace) == before


def test_edits_and_ids_survive_a_new_interview(edited):
    workspace, folder, plan = edited
    before = assigned(workspace)
    ingest(workspace, [INTERVIEWS / LAST], IngestOptions())
    run_themes(workspace, Settings(out=folder / "out"))
    check_edits(workspace, plan)
    after = assigned(workspace)
    assert all(after.get(u) == t for u, t in before.items())
    new = [u for u in after if u not in before]
    assert new and sum(1 for u in new if after[u]) / len(new) >= 0.5
    run_personas(workspace, Settings(out=folder / "out"))
    changes = (folder / "out" / "changes.md").read_text("utf-8")
    assert "## Themes that grew" in changes and "Terri" not in changes
    path = folder / "export.yaml"
    export_codebook_file(workspace, path)
    assert "Named by the researcher" in path.read_text("utf-8")


SCHEMA = INTERVIEWS.parent.parent / "specs" / "refi-qda" / "Project-mrt2019.xsd"


@pytest.mark.skipif(not SCHEMA.exists(), reason=f"{SCHEMA} is absent")
def test_the_real_study_exports_a_valid_refi_project_without_names(edited):
    import zipfile

    from lxml import etree

    from synth.stages import export_project_file

    workspace, folder, _ = edited
    path = folder / "study.qdpx"
    counts = export_project_file(workspace, path)
    with zipfile.ZipFile(path) as archive:
        project = archive.read("project.qde")
        texts = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("sources/"))
    validator = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert validator.validate(etree.fromstring(project)), validator.error_log
    themed = workspace.query("SELECT COUNT(*) AS n FROM unit_themes"
                             " WHERE theme_id != '' OR subtheme_id != ''")[0]["n"]
    assert counts["sources"] >= 15 and counts["codings"] == themed > 0   # every coded one
    for name in (b"Donald", b"Ernest", b"Naomi", b"Jackie", b"Nick"):
        assert name not in texts and name not in project
    document = etree.fromstring(project)
    names = [c.get("name").casefold() for c in document.iter("{*}Code")]
    assert len(names) == len(set(names))          # QDA tools key codes by name
    assert not any("/" in s.get("name") for s in document.iter("{*}TextSource"))
