"""The codebook the researcher owns: stable theme ids across runs, edits that survive
re-runs, incremental runs, and REFI-QDA exchange.

- `state`: the codebook as the workspace stores it (every id ever issued; each statement's
  theme in the last run).
- `match`: which new theme is which old one (Hungarian matching on members and centres).
- `plan`: each question's themes for this run, incrementally or by re-clustering.
- `edits`: the researcher's edits (rename, merge, split, delete, move, pin, add), checked
  and applied.
- `files`: the editable YAML codebook; `refi`: REFI-QDA `.qdc` and `.qdpx`.
- `changes`: what a run changed, for changes.md.
"""
