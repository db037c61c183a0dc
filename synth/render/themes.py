"""units.csv, themes.json and themes.md: the themes stage's outputs, a stable contract."""

from __future__ import annotations

import json
from pathlib import Path

from synth.analyse.framework import Framework
from synth.privacy import Privacy
from synth.progress import Progress, silent
from synth.render import csv_text, render_template, write_outputs
from synth.render.personas import shown
from synth.workspace import Workspace

UNIT_COLUMNS = ["unit_id", "participant_id", "source", "location", "text", "dimension",
                "theme_id", "theme_label", "subtheme_id", "subtheme_label"]


def theme_records(workspace: Workspace, privacy: Privacy) -> list[dict]:
    """Every stored theme as plain data, in dimension and rank order, as outputs show it."""
    records = []
    for row in workspace.query("SELECT * FROM themes ORDER BY dimension, rank"):
        detail = json.loads(row["detail"])
        detail["entities"] = [e for e in detail["entities"] if privacy.text(e[0]) == e[0]]
        records.append({"id": row["id"], "dimension": row["dimension"], "rank": row["rank"],
                        "label": privacy.text(row["label"]), **shown(detail, privacy)})
    return records


def write_theme_outputs(workspace: Workspace, out: Path, framework: Framework,
                        privacy: Privacy, templates: Path | None = None,
                        progress: Progress = silent) -> list[Path]:
    """units.csv, themes.json and themes.md, each written whole or not at all. Every
    statement's text is redacted on the way, which takes minutes at 500,000: it reports
    progress as the stage `writing`."""
    units = workspace.query(
        "SELECT u.id AS unit_id, u.participant_id, s.display AS source, u.location, u.text,"
        " p.dimension, COALESCE(t.id, '') AS theme_id, COALESCE(t.label, '') AS theme_label,"
        " COALESCE(ut.subtheme_id, '') AS subtheme_id"
        " FROM units u JOIN sources s ON s.id = u.source_id"
        " JOIN placements p ON p.unit_id = u.id"
        " LEFT JOIN unit_themes ut ON ut.unit_id = u.id LEFT JOIN themes t ON t.id = ut.theme_id"
        " ORDER BY s.display, u.seq")
    themes = theme_records(workspace, privacy)
    sub_labels = {sub["id"]: sub["label"] for t in themes for sub in t["subthemes"]}
    rows = []
    progress("writing", 0, len(units), "units.csv")
    for done, row in enumerate(units, 1):
        if done % 5000 == 0:
            progress("writing", done, len(units), "units.csv")
        shown_row = {**row, "participant_id": privacy.who(row["participant_id"]),
                     "text": privacy.text(row["text"]), "source": privacy.source(row["source"]),
                     "location": privacy.location(row["location"]),
                     "theme_label": privacy.text(row["theme_label"]),
                     "subtheme_label": sub_labels.get(row["subtheme_id"], "")}
        rows.append([shown_row[c] for c in UNIT_COLUMNS])
    progress("writing", len(units), len(units), "units.csv")
    units_csv = csv_text(UNIT_COLUMNS, rows)

    order = {dimension: i for i, dimension in enumerate(framework.ids)}
    themes.sort(key=lambda t: (order.get(t["dimension"], len(order)), t["rank"]))
    dimensions = []
    for dimension in framework.ids:
        placed = [u for u in units if u["dimension"] == dimension]
        dimensions.append({
            "id": dimension, "title": framework.title(dimension),
            "description": framework.description(dimension), "units": len(placed),
            "unassigned": sum(1 for u in placed if not u["theme_id"]),
            "themes": [t for t in themes if t["dimension"] == dimension]})
    participants = len({u["participant_id"] for u in units})
    summary = {"units": len(units), "participants": participants,
               "unassigned": sum(1 for u in units if not u["theme_id"]),
               "dimensions": dimensions}
    written = [out / "units.csv", out / "themes.json", out / "themes.md"]
    return write_outputs(out, {
        written[0]: units_csv,
        written[1]: json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
        written[2]: render_template("themes.md.j2", summary, templates)})
