"""A run killed with SIGKILL at any moment never leaves a file under its output name: the
writer fills OUT.h5.tmp and renames it only once it is complete and closed. Killed at 24 points
spread over the time a reference run has its temp file open (a fixed schedule, in fractions of
that window as measured), each kill leaves either no OUT.h5 or, when the run had already
finished, the complete file; the only other file left is OUT.h5.tmp, which the next run to the
same name overwrites."""
import fcntl
import os
import signal
import struct
import subprocess
import time

import pytest

from conftest import REPO
from helpers import SMALL_TOWN, contents

# The default city with a quarter of its trips: about 1 s on 2 threads, with the output file
# open from the end of routing (~0.1 s) to the end.
RUN = ["run", "--set", "demand.trips=15000", "--threads", "2", "--no-progress"]
KILLS = 24


def start(arteria_cli, out, env):
    return subprocess.Popen([str(arteria_cli), *RUN, "--out", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def writing_window(arteria_cli, out, env):
    """Seconds from a run's start to its temp file's first sight and to the rename, by polling."""
    temp = out.with_name(out.name + ".tmp")
    began = time.monotonic()
    process = start(arteria_cli, out, env)
    opened = None
    while process.poll() is None:
        if opened is None and temp.exists():
            opened = time.monotonic() - began
        time.sleep(0.002)
    assert process.returncode == 0
    return (opened if opened is not None else 0.0), time.monotonic() - began


def test_sigkill_never_leaves_a_partial_file_under_the_output_name(arteria_cli, tmp_path):
    env = dict(os.environ, ARTERIA_CACHE_DIR=str(tmp_path / "cache"))
    reference = tmp_path / "reference.h5"
    # The later of two: the first pays for cold caches. Kills aim at the time the temp file is
    # open, so that loading getting faster or slower does not move them off the writing.
    windows = [writing_window(arteria_cli, reference, env) for _ in range(2)]
    opened, finished = windows[1]
    expected = contents(reference)

    out = tmp_path / "killed" / "run.h5"
    out.parent.mkdir()
    temp = out.with_name(out.name + ".tmp")
    outcomes = {"no file": 0, "temp left": 0, "finished": 0}
    for k in range(KILLS):
        temp.unlink(missing_ok=True)
        out.unlink(missing_ok=True)
        # Up to 5 % past the reference's rename, so the last kills may find the run done.
        delay = opened + (finished - opened) * 1.05 * (k + 0.5) / KILLS
        process = start(arteria_cli, out, env)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        code = process.wait(timeout=120)
        assert code in (0, -signal.SIGKILL)
        left = {p.name for p in out.parent.iterdir()}
        assert left <= {out.name, temp.name}, left
        if out.exists():
            # The kill came after the rename: the file is the whole run.
            assert contents(out) == expected, f"kill {k} at {delay:.2f} s"
            outcomes["finished"] += 1
        else:
            outcomes["temp left" if temp.exists() else "no file"] += 1
    # The schedule hit the run while it was writing, not only before or after it.
    assert outcomes["temp left"] >= KILLS // 2, outcomes

    # A stale temp file from a killed run is overwritten by the next run to the same name.
    temp.write_bytes(b"left by a killed run")
    out.unlink(missing_ok=True)
    assert start(arteria_cli, out, env).wait(timeout=120) == 0
    assert not temp.exists()
    assert contents(out) == expected



def claim(path):
    """Takes the claim a writer holds on its temp file (an open-file-description write lock,
    base/file_claim.hpp), as a second arteria process writing the same output would find it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    fcntl.fcntl(fd, fcntl.F_OFD_SETLK, struct.pack("hhqqi", fcntl.F_WRLCK, os.SEEK_SET, 0, 0, 0))
    return fd


@pytest.mark.parametrize("command,scenario", [("run", SMALL_TOWN),
                                              ("assign", REPO / "scenarios/siouxfalls/scenario.toml")])
def test_a_second_writer_of_the_same_output_leaves_the_first_ones_file_alone(
        run_cli, tmp_path, command, scenario):
    """Without the claim, the second writer's create would truncate the first one's temp file
    (HDF5 truncates before it locks) and the first would rename a corrupt file into place."""
    out = tmp_path / "out.h5"
    temp = out.with_name(out.name + ".tmp")
    temp.write_bytes(b"the first writer's bytes")
    fd = claim(temp)
    try:
        result = run_cli(command, scenario, "--out", out, "--no-progress")
    finally:
        os.close(fd)
    assert result.returncode == 1 and "another process is writing" in result.stderr, result.stderr
    assert temp.read_bytes() == b"the first writer's bytes" and not out.exists()
