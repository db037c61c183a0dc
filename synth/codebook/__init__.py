"""The codebook the researcher owns, on top of the themes stage: edits that survive re-runs,
the editable files, REFI-QDA exchange and what a run changed.

The stored state it edits (every theme id ever issued, each statement's theme) and the
incremental planner live with the stage they serve, in `synth.themes` (`codebook`, `match`,
`plan`); this package imports them, never the other way round.

- `edits`: the researcher's edits (rename, merge, split, delete, move, pin, add), checked
  and applied.
- `files`: the editable YAML codebook; `refi`: REFI-QDA `.qdc` and `.qdpx`; `project`: the
  `.qdpx` project export.
- `changes`: what a run changed, for changes.md.
"""
