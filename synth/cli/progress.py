"""Showing the library's progress calls: a bar per stage on a terminal, a line per stage in
a log, nothing with `--quiet`.

On a terminal each stage gets a tqdm bar with counts, rate and time left, named by the
stage and the question or file it is on. Elsewhere (CI logs, pipes) each stage prints one
line when it ends, and a line every `LOG_EVERY` seconds while it runs, so a long stage is
never silent. Time left is judged from the pace since the first item was done: loading a
model before the first item says nothing about how long the rest will take.
"""

from __future__ import annotations

import sys
import time
from typing import IO

import click

LOG_EVERY = 30.0


class ProgressDisplay:
    """A `synth.progress.Progress` that draws on stderr. Call `close()` when the work ends."""

    def __init__(self, stream: IO[str] | None = None, terminal: bool | None = None,
                 clock=time.monotonic) -> None:  # type: ignore[no-untyped-def]
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.clock = clock
        self.stage = ""
        self.total = 0
        self.done = 0
        self.started = 0.0
        self.first: tuple[float, int] | None = None   # (when, done) at the first work done
        self.logged = 0.0
        self.bar = None

    def __call__(self, stage: str, done: int, total: int, detail: str = "") -> None:
        if stage != self.stage or total != self.total:
            self._finish()
            self._start(stage, total)
        self.done = done
        if done and self.first is None:
            self.first = (self.clock(), done)
        if self.terminal:
            self._draw(done, detail)
        elif self.clock() - self.logged >= LOG_EVERY and done < total:
            self.logged = self.clock()
            self._line(f"{self.stage}: {done:,}/{total:,} {self._left(done)}")
        if done >= total:
            self._finish()

    def close(self) -> None:
        self._finish()

    def _start(self, stage: str, total: int) -> None:
        self.stage, self.total, self.done, self.first = stage, total, 0, None
        self.started = self.logged = self.clock()
        if self.terminal:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=stage, file=self.stream, leave=False,
                            dynamic_ncols=True, mininterval=0.2, unit="",
                            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt}"
                                       " [{elapsed}<{remaining}] {postfix}")

    def _draw(self, done: int, detail: str) -> None:
        if self.bar is None:
            return
        self.bar.update(done - self.bar.n)
        if detail:
            self.bar.set_postfix_str(click.unstyle(detail)[-40:], refresh=False)

    def _finish(self) -> None:
        if not self.stage:
            return
        seconds = self.clock() - self.started
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        if self.done >= self.total:
            rate = f", {self.total / seconds:,.0f}/s" if seconds > 0 and self.total >= 100 else ""
            self._line(f"{self.stage}: {self.total:,} in {_duration(seconds)}{rate}")
        self.stage, self.total, self.done = "", 0, 0

    def _left(self, done: int) -> str:
        if self.first is None or done <= self.first[1]:
            return ""
        since, then = self.first
        seconds = (self.clock() - since) * (self.total - done) / (done - then)
        return f"(about {_duration(seconds)} left)"

    def _line(self, text: str) -> None:
        print(text, file=self.stream, flush=True)


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"

