"""Progress: bars on a terminal, a line per stage in a log, nothing with --quiet."""

import fcntl
import io
import os
import select
import struct
import termios

import pytest

import synth.cli.common as cli_common  # the `synth` fixture shadows the package
from synth.cli.progress import ProgressDisplay
from synth.progress import silent
from tests.test_themes import survey


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_real_terminal_gets_a_bar_with_counts_and_time_left():
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    stream = os.fdopen(slave, "w")
    display = ProgressDisplay(stream)
    assert display.terminal
    for done in range(0, 101, 10):
        display("embedding", done, 100, "")
    display.close()
    stream.flush()
    drawn = ""
    while select.select([master], [], [], 1.0)[0]:   # a pty hands output over in pieces
        drawn += os.read(master, 65536).decode()
        if "embedding: 100 in " in drawn:
            break
    stream.close()
    os.close(master)
    assert "embedding:   0%|" in drawn
    assert "0/100 [00:00<" in drawn             # counts, then [elapsed<time left]
    assert "embedding: 100 in " in drawn        # and the stage's line when it ends


def logged(calls: list[tuple[float, str, int, int]]) -> list[str]:
    """The lines a log gets for (clock, stage, done, total) calls."""
    stream, clock = io.StringIO(), Clock()
    display = ProgressDisplay(stream, terminal=False, clock=clock)
    for now, stage, done, total in calls:
        clock.now = now
        display(stage, done, total, "")
    return stream.getvalue().splitlines()


def test_a_log_gets_one_line_per_stage_with_count_time_and_rate():
    lines = logged([(0, "parsing", 0, 1000), (4, "parsing", 1000, 1000),
                    (4, "embedding", 0, 500), (6, "embedding", 500, 500)])
    assert lines == ["parsing: 1,000 in 4.0 s, 250/s", "embedding: 500 in 2.0 s, 250/s"]


def test_a_long_stage_in_a_log_says_how_far_it_is_every_half_minute():
    lines = logged([(0, "embedding", 0, 400), (1, "embedding", 10, 400),
                    (31, "embedding", 100, 400),
                    (40, "embedding", 150, 400),   # under 30 s since the last line: quiet
                    (62, "embedding", 400, 400)])
    assert lines == ["embedding: 100/400 (about 1 min 40 s left)",
                     "embedding: 400 in 1 min 02 s, 6/s"]


def test_time_left_is_judged_from_the_pace_after_a_slow_start():
    # 25 s loading a model, then 100 items a second: the rest takes seconds, not hours
    lines = logged([(0, "segmenting", 0, 10_000), (25, "segmenting", 256, 10_000),
                    (31, "segmenting", 856, 10_000), (62, "segmenting", 3_956, 10_000)])
    assert lines == ["segmenting: 856/10,000 (about 1 min 31 s left)",
                     "segmenting: 3,956/10,000 (about 1 min 00 s left)"]


def test_a_stage_left_unfinished_is_not_reported_as_done():
    stream = io.StringIO()
    display = ProgressDisplay(stream, terminal=False)
    display("reading", 2, 10, "a.md")
    display.close()
    assert "in" not in stream.getvalue()


def test_the_cli_shows_stage_lines_and_quiet_hides_them(synth, write, monkeypatch):
    path = survey(write)
    shown = synth("ingest", str(path))
    assert shown.exit_code == 0, shown.output
    assert "reading: 1 in" in shown.stderr
    # every answer (24 rows x 3 questions) split into sentences, then searched for names
    assert "segmenting: 144 in" in shown.stderr
    quiet = synth("--quiet", "ingest", str(path))
    assert quiet.exit_code == 0
    assert quiet.stderr == ""
    again = synth("ingest", "--quiet", str(path))
    assert again.stderr == ""
    assert "1 file: 1 unchanged" in again.stdout


def test_the_cli_draws_bars_when_stderr_is_a_terminal(synth, write, monkeypatch):
    monkeypatch.setattr(cli_common, "ProgressDisplay",
                        lambda: ProgressDisplay(terminal=True))
    shown = synth("ingest", str(survey(write)))
    assert shown.exit_code == 0, shown.output
    assert "segmenting:   0%|" in shown.stderr
    assert "0/144 [" in shown.stderr
    assert "segmenting: 144 in " in shown.stderr


@pytest.mark.parametrize("stage", ["parsing", "embedding", "placing", "themes", "writing"])
def test_the_analysis_reports_each_stage_from_zero_to_done(stage, workspace, write, fake_nlp):
    from synth.ingest import IngestOptions, ingest
    from synth.stages import Settings, run_themes
    from tests.conftest import FAKES

    ingest(workspace, [survey(write)], IngestOptions())
    calls = []
    run_themes(workspace, Settings(out=workspace.directory / "out"), *FAKES,
               progress=lambda *call: calls.append(call))
    mine = [(done, total) for name, done, total, _ in calls if name == stage]
    assert mine[0][0] == 0
    assert mine[-1][0] == mine[-1][1] > 0
    assert [d for d, _ in mine] == sorted(d for d, _ in mine)


def test_silent_accepts_every_call():
    assert silent("embedding", 1, 2, "x") is None
