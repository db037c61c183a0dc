"""How long work reports how far it has got.

The library never prints: a stage that can take more than a couple of seconds calls
`progress(stage, done, total, detail)` as it goes, with `done` running from 0 to `total`
(`detail` names the current file or question, or is empty). The CLI turns the calls into
progress bars; tests and library callers pass nothing and get `silent`.

Stage names are the words a user sees: "reading", "segmenting", "parsing", "embedding",
"placing", "themes", "profiles", "personas", "null test", "stability".
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int, str], None]


def silent(stage: str, done: int, total: int, detail: str = "") -> None:
    """Report nothing."""

