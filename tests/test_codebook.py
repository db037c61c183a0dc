"""The codebook: stable ids, incremental runs, edits that survive re-runs, changes.md, with
fakes (fast)."""

import json

import numpy as np
import pytest

from synth.errors import InputError
from synth.ingest import IngestOptions, ingest
from synth.stages import export_codebook_file
from synth.themes.codebook import load
from synth.themes.match import Side, match
from tests.test_themes import TOPICS, themes_run


def survey(write, name: str, start: int, rows: int):
    lines = ["Response ID,Role," + ",".join(f'"{q}"' for q in TOPICS)]
    for i in range(start, start + rows):
        answers = [f'"{answers[i % 3]} Note {i}."' for answers in TOPICS.values()]
        lines.append(f"R{i:03d},{'Platform' if i % 2 else 'Frontend'}," + ",".join(answers))
    return write(name, "\n".join(lines) + "\n")


@pytest.fixture
def study(workspace, write, fake_nlp, tmp_path):
    ingest(workspace, [survey(write, "survey.csv", 0, 24)], IngestOptions())
    themes_run(workspace, tmp_path / "out", themes=2)   # two themes in each question
    return workspace


def assigned(workspace) -> dict[str, str]:
    return {r["unit_id"]: r["theme_id"] for r in workspace.query("SELECT * FROM unit_themes")}


def labels(workspace) -> dict[str, str]:
    return {r["id"]: r["label"] for r in workspace.query("SELECT id, label FROM themes")}


def stored(workspace, runs: bool = True) -> tuple:
    """Everything the codebook and the themes stage keep, to check that nothing changed
    (`runs`: with the run counters)."""
    themes = "*" if runs else ("id, dimension, label, description, pinned, named, status,"
                               " merged_into, centroid, size")
    return tuple(tuple(tuple(row) for row in workspace.query(f"SELECT {columns} FROM {table}"))
                 for columns, table in ((themes, "codebook_themes"), ("*", "codebook_units"),
                                        ("*", "codebook_edits"), ("*", "themes"),
                                        ("*", "unit_themes"), ("*", "placements")))


def edit(tmp_path, text: str):
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_first_run_numbers_themes_by_size_and_a_rerun_keeps_everything(study, tmp_path):
    first = labels(study)
    assert sorted(first) == sorted({t for t in first})
    assert all(t.rsplit("-", 1)[1].isdigit() for t in first)
    before = (tmp_path / "out" / "themes.json").read_bytes()
    units = assigned(study)
    themes_run(study, tmp_path / "out")
    assert assigned(study) == units and labels(study) == first
    assert (tmp_path / "out" / "themes.json").read_bytes() == before
    assert "First run" not in (tmp_path / "out" / "changes.md").read_text("utf-8")


def test_new_statements_join_existing_themes_and_old_ones_keep_their_ids(study, write,
                                                                        tmp_path):
    before = assigned(study)
    subs = {r["unit_id"]: r["subtheme_id"] for r in study.query("SELECT * FROM unit_themes")}
    ingest(study, [survey(write, "more.csv", 100, 6)], IngestOptions())
    result = themes_run(study, tmp_path / "out")
    after = assigned(study)
    assert {uid: after.get(uid) for uid in before} == before
    subs_now = {r["unit_id"]: r["subtheme_id"] for r in study.query("SELECT * FROM unit_themes")}
    with_sub = [u for u, s in subs.items() if s]
    assert with_sub and sum(subs_now[u] == subs[u] for u in with_sub) / len(with_sub) >= 0.8
    new = [uid for uid in after if uid not in before]
    assert len(new) == 18 and all(after[uid] for uid in new)   # all joined existing themes
    changes = (tmp_path / "out" / "changes.md").read_text("utf-8")
    assert "18 new statements; 18 joined existing themes" in changes, changes
    assert "## Themes that grew" in changes and "-> " in changes
    assert not result.planner.outcomes or all(not o.new_themes
                                              for o in result.planner.outcomes.values())


def test_statements_unlike_every_theme_make_a_new_theme_with_a_fresh_id(study, write,
                                                                       tmp_path):
    old_ids = set(labels(study))
    lines = ["Response ID,What slows you down?"] + [
        f'N{i},"Quantum entanglement photon lasers oscillate wildly {i}."' for i in range(8)]
    ingest(study, [write("odd.csv", "\n".join(lines) + "\n")], IngestOptions())
    themes_run(study, tmp_path / "out")
    fresh = set(labels(study)) - old_ids
    assert fresh, "the odd statements should make a new theme"
    numbers = {int(t.rsplit("-", 1)[1]) for t in fresh}
    highest = max(int(t.rsplit("-", 1)[1]) for t in old_ids)
    assert min(numbers) > highest or all(t not in old_ids for t in fresh)
    assert "## New themes" in (tmp_path / "out" / "changes.md").read_text("utf-8")


def test_export_then_apply_unchanged_changes_nothing(study, tmp_path):
    path = tmp_path / "codebook.yaml"
    count = export_codebook_file(study, path)
    assert count == len(labels(study))
    text = path.read_text("utf-8")
    assert text.startswith("# synth codebook") and "themes:" in text
    before = stored(study, runs=False)
    themes_run(study, tmp_path / "out", codebook=path)
    assert stored(study, runs=False) == before


def _ids_by_question(workspace) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in workspace.query("SELECT id, dimension FROM themes ORDER BY id"):
        found.setdefault(row["dimension"], []).append(row["id"])
    return found


def test_every_edit_applies_and_survives_reruns_and_new_data(study, write, tmp_path):
    by_question = _ids_by_question(study)
    question, ids = next((q, ids) for q, ids in by_question.items() if len(ids) >= 2)
    other = next(q for q in by_question if q != question)
    first, second = ids[0], ids[1]
    members = [u for u, t in assigned(study).items() if t == second]
    text = f"""themes:
- id: {first}
  label: Researcher's name
  pinned: true
- id: {second}
  merge_into: {first}
- question: {question}
  label: Added from examples
  examples:
  - Quantum entanglement photon lasers oscillate wildly.
"""
    themes_run(study, tmp_path / "out", codebook=edit(tmp_path, text))
    now = assigned(study)
    assert all(now[u] == first for u in members)
    assert labels(study)[first] == "Researcher's name"
    assert second not in labels(study)
    entries = load(study).entries
    assert entries[first].pinned and entries[first].named
    assert entries[second].status == "merged"
    added = [e for e in entries.values() if e.label == "Added from examples"]
    assert len(added) == 1 and added[0].dimension == question
    edits = [r["edit"] for r in study.query("SELECT edit FROM codebook_edits")]
    assert any("renamed" in e for e in edits) and any("merged" in e for e in edits)
    # a re-run, and a run with new data, keep every edit
    themes_run(study, tmp_path / "out")
    ingest(study, [survey(write, "more.csv", 100, 6)], IngestOptions())
    themes_run(study, tmp_path / "out")
    assert labels(study)[first] == "Researcher's name" and second not in labels(study)
    assert all(assigned(study)[u] == first for u in members)
    assert load(study).entries[first].pinned
    # move and delete
    third = by_question[other][0]
    moved = [u for u, t in assigned(study).items() if t == first]
    themes_run(study, tmp_path / "out", codebook=edit(
        tmp_path, f"themes:\n- id: {first}\n  question: {other}\n- id: {third}\n"
                  "  delete: true\n"))
    themes = {r["id"]: r["dimension"] for r in study.query("SELECT id, dimension FROM themes")}
    assert themes[first] == other and third not in themes
    placed = {r["unit_id"]: r["dimension"] for r in study.query("SELECT * FROM placements")}
    assert all(placed[u] == other for u in moved)
    themes_run(study, tmp_path / "out")
    themes = {r["id"]: r["dimension"] for r in study.query("SELECT id, dimension FROM themes")}
    assert themes[first] == other and third not in themes
    units_csv = (tmp_path / "out" / "units.csv").read_text("utf-8")
    assert third not in units_csv


def test_split_by_examples_makes_two_pinned_themes_with_fresh_ids(study, tmp_path):
    _question, ids = next(iter(_ids_by_question(study).items()))
    target = ids[0]
    members = [u for u, t in assigned(study).items() if t == target]
    texts = {r["id"]: r["text"] for r in study.query("SELECT id, text FROM units")}
    a, b = texts[members[0]], texts[members[-1]]
    themes_run(study, tmp_path / "out", codebook=edit(tmp_path, f"""themes:
- id: {target}
  split:
  - label: Part one
    examples: ["{a}"]
  - label: Part two
    examples: ["{b}"]
"""))
    now = labels(study)
    assert target not in now
    parts = {tid for tid, label in now.items() if label in ("Part one", "Part two")}
    assert len(parts) in (1, 2)
    assert {assigned(study)[u] for u in members} <= parts
    assert all(load(study).entries[t].pinned for t in parts)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("themes:\n- id: nope-99\n  label: x\n", 2, "unknown theme id 'nope-99'"),
    ("themes:\n- id: {a}\n  label: fine\n- id: {a2}\n  split: []\n", 4, "split of"),
    ("themes:\n- id: {a}\n  merge_into: {b}\n", 2, "are in two questions"),
    ("themes:\n- label: no question or examples\n", 2, "needs a question"),
    ("themes:\n- id: {a}\n  pinned: maybe\n", 3, "not true or false"),
    ("themes:\n- id: {a}\n  colour: red\n", 3, "unknown field 'colour'"),
    ("themes:\n- id: {a}\n   label: bad indent\n", 3, "not valid YAML"),
    ("themes:\n- id: {a}\n  question: nowhere\n", 2, "unknown question 'nowhere'"),
    ("themes:\n- id: {a}\n  merge_into: {a2}\n- id: {a2}\n  delete: true\n", 2,
     "is itself merged, deleted or split"),
    ("themes:\n- id: {a}\n  merge_into: {a}\n", 2, "merged into itself"),
    ("themes:\n- id: {a}\n  delete: true\n  merge_into: {a2}\n", 2, "delete and merge_into"),
    ("- just a list\n", 1, "no `themes:` list"),
])
def test_invalid_codebooks_name_the_line_and_change_nothing(study, tmp_path, text, line, words):
    by_question = _ids_by_question(study)
    (_qa, ids_a), (_, ids_b) = list(by_question.items())[:2]
    path = edit(tmp_path, text.format(a=ids_a[0], a2=ids_a[-1] if len(ids_a) > 1 else ids_a[0],
                                      b=ids_b[0]))
    before = stored(study)
    outputs = (tmp_path / "out" / "themes.json").read_bytes()
    with pytest.raises(InputError) as error:
        themes_run(study, tmp_path / "out", codebook=path)
    message = str(error.value)
    assert f"codebook.yaml, line {line}:" in message and words in message, message
    assert stored(study) == before
    assert (tmp_path / "out" / "themes.json").read_bytes() == outputs


def test_cli_codebook_errors_are_one_line_without_traceback(synth, tmp_path, write):
    survey_path = survey(write, "survey.csv", 0, 12)
    assert synth("ingest", str(survey_path)).exit_code == 0
    result = synth("codebook", "export", str(tmp_path / "c.yaml"))
    assert result.exit_code == 2 and "no themes yet" in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("themes:\n- id: nope-01\n", encoding="utf-8")
    result = synth("codebook", "apply", str(bad), "--model", "x")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_matching_pairs_themes_by_members_and_reports_the_rest():
    rng = np.random.default_rng(0)
    centres = [v / np.linalg.norm(v) for v in rng.normal(size=(3, 8))]
    old = [Side(frozenset({"a", "b", "c"}), centres[0]), Side(frozenset({"d", "e"}), centres[1]),
           Side(frozenset({"x", "y"}), centres[2])]
    new = [Side(frozenset({"d", "e", "n1"}), centres[1]), Side(frozenset({"a", "b", "n2"}),
                                                               centres[0]),
           Side(frozenset({"n3", "n4"}), centres[2])]
    seen = {"a", "b", "c", "d", "e", "x", "y"}
    found = match(old, new, seen)
    assert found == {0: 1, 1: 0}          # the third new theme shares nobody with theme 2
    forgotten = [Side(frozenset(), centres[2])]
    assert match(forgotten, [Side(frozenset({"n"}), centres[2])], seen) == {0: 0}


def test_recluster_keeps_ids_of_the_same_themes(study, tmp_path):
    before = assigned(study)
    themes_run(study, tmp_path / "out", recluster=True, themes=2)
    after = assigned(study)
    kept = sum(after.get(u) == t for u, t in before.items()) / len(before)
    assert kept >= 0.9
    record = json.loads(study.query("SELECT detail FROM reports WHERE name='changes'")[0][0])
    assert record["mode"] == "recluster"


def test_cli_exports_the_codebook_and_the_project(synth, tmp_path, write):
    from click.testing import CliRunner

    from synth.cli import main
    from synth.workspace import Workspace

    with Workspace.open(tmp_path / "ws") as workspace:
        ingest(workspace, [survey(write, "survey.csv", 0, 12)], IngestOptions())
        themes_run(workspace, tmp_path / "out")
    result = synth("codebook", "export", str(tmp_path / "c.yaml"))
    assert result.exit_code == 0 and result.output.endswith(f"Wrote {tmp_path / 'c.yaml'}\n")
    assert synth("export", str(tmp_path / "p.qdpx")).exit_code == 0
    assert (tmp_path / "p.qdpx").stat().st_size > 0
    result = synth("export", str(tmp_path / "p.zip"))
    assert result.exit_code == 2 and "Name the file FILE.qdpx" in result.output
    result = synth("codebook", "export", str(tmp_path / "c.txt"))
    assert result.exit_code == 2 and "c.txt: '.txt' is not a codebook format" in result.output
    for sub in ("export", "apply"):
        help_text = CliRunner().invoke(main, ["codebook", sub, "--help"]).output
        assert "FILE" in help_text


def test_persona_changes_compare_each_persona_with_its_closest_earlier_one():
    from synth.codebook.changes import persona_changes

    before = {"a": "persona-1", "b": "persona-1", "c": "persona-2", "d": "persona-2"}
    after = {"a": "persona-2", "b": "persona-2", "c": "persona-1", "d": "persona-1",
             "e": "persona-1"}   # renumbered by size, and e joined
    changed = persona_changes(before, after, {"persona-1": "Maintainer"})
    assert changed == [{"id": "persona-1", "name": "Maintainer", "size": 3, "joined": ["e"],
                        "left": []}]
    assert persona_changes({}, after, {}) == []


def test_the_same_inputs_and_edits_give_byte_identical_outputs(write, fake_nlp, tmp_path):
    from synth.workspace import Workspace

    data = survey(write, "survey.csv", 0, 24)
    more = survey(write, "more.csv", 100, 6)
    outputs = []
    for name in ("one", "two"):
        with Workspace.open(tmp_path / name) as workspace:
            ingest(workspace, [data], IngestOptions())
            themes_run(workspace, tmp_path / f"{name}-out", themes=2)
            first = sorted(labels(workspace))[0]
            path = tmp_path / f"{name}.yaml"
            path.write_text(f"themes:\n- id: {first}\n  label: Renamed\n  pinned: true\n"
                            "- question: frustration\n  label: Added\n  examples: "
                            "[Quantum lasers oscillate.]\n", "utf-8")
            themes_run(workspace, tmp_path / f"{name}-out", codebook=path)
            ingest(workspace, [more], IngestOptions())
            themes_run(workspace, tmp_path / f"{name}-out")
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / f"{name}-out").iterdir()})
    assert outputs[0] == outputs[1]
    assert "Renamed" in outputs[0]["themes.json"].decode()
