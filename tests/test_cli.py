import json

from click.testing import CliRunner

from synth.cli import main
from tests.test_ingest import INTERVIEW


def test_every_command_has_help():
    runner = CliRunner()
    for name, command in main.commands.items():
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.help and len(command.help) > 20, name


def test_ingest_prints_a_summary_and_exits_0(synth, write):
    path = write("sam.txt", INTERVIEW)
    result = synth("ingest", str(path))
    assert result.exit_code == 0, result.output
    assert "\nsam.txt  text    ingested             1      6      3\n" in result.output
    assert "1 file: 1 ingested" in result.output


def test_some_inputs_failing_exits_1_with_a_one_line_error(synth, write):
    good = write("sam.txt", INTERVIEW)
    bad = write("bad.csv", "id,comment\n1,a,b\n")
    result = synth("ingest", str(good), str(bad))
    assert result.exit_code == 1
    assert ("Error: in/bad.csv, row 2: this row has 3 values but the header has 2 columns. "
            "Check the delimiter and the quoting of that row, or export again") in result.output
    assert "Traceback" not in result.output


def test_nothing_usable_exits_2(synth, write):
    result = synth("ingest", str(write("empty.txt", "")))
    assert result.exit_code == 2
    assert "Error: in/empty.txt: the file is empty. Export it again, or leave it out." in result.output
    assert "Error: nothing usable was ingested." in result.output


def test_a_missing_path_is_named(synth):
    result = synth("ingest", "nope.txt")
    assert result.exit_code == 2
    assert "Error: nope.txt: no such file or folder. Check the path" in result.output


def test_usage_errors_exit_2(synth):
    assert synth("ingest").exit_code == 2
    assert synth("participants", "--format", "xml").exit_code == 2


def test_strict_exits_1_and_writes_nothing(synth, write):
    write("sam.txt", INTERVIEW)
    write("zz.csv", "id,comment\n1,a,b\n")
    result = synth("ingest", "--strict", "in")
    assert result.exit_code == 1
    assert "Error: in/zz.csv, row 2: this row has 3 values" in result.output
    assert "sources" not in synth("status").output


def test_a_locked_workspace_is_a_clear_error(synth, write, tmp_path):
    from synth.workspace import Workspace

    with Workspace.open(tmp_path / "ws"):
        result = synth("ingest", str(write("sam.txt", INTERVIEW)))
    assert result.exit_code == 3  # its own code: not a usage error (issue 10, item 25)
    assert "is in use by another synth run" in result.output


def test_read_only_commands_read_while_a_run_holds_the_workspace(synth, write, tmp_path):
    from synth.workspace import Workspace

    synth("ingest", str(write("sam.txt", INTERVIEW)))
    with Workspace.open(tmp_path / "ws"):
        status = synth("status")
        participants = synth("participants", "--format", "csv")
    assert status.exit_code == 0, status.output
    assert "1 source," in status.output
    assert participants.exit_code == 0 and "sam,Sam,participant,1,3" in participants.output


def test_participants_in_every_format(synth, write):
    synth("ingest", str(write("sam.txt", INTERVIEW)))
    assert synth("participants", "--format", "csv").output == (
        "participant_id,name,kind,sources,units\n"
        "sam,Sam,participant,1,3\n"
        "priya,Priya,interviewer,1,0\n")
    records = json.loads(synth("participants", "--format", "json").output)
    assert records[0] == {"participant_id": "sam", "name": "Sam", "kind": "participant",
                          "sources": 1, "units": 3}
    assert "sam             Sam    participant        1      3" in synth("participants").output


def test_status_before_and_after(synth, write):
    result = synth("status")
    assert result.exit_code == 2
    assert "no workspace at" in result.output
    synth("ingest", str(write("sam.txt", INTERVIEW)))
    output = synth("status").output
    assert "1 source, 1 participant, 1 interviewer, 3 units" in output
