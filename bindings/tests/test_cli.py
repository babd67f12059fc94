"""The `arteria` command as a user meets it: runs, summaries, and bad input that fails cleanly."""
import pathlib
import shutil

import h5py
import pytest

from conftest import REPO

SMALL_TOWN = REPO / "scenarios" / "small_town" / "scenario.toml"


def test_run_writes_a_result_that_info_summarises(run_cli, tmp_path):
    out = tmp_path / "town.h5"
    result = run_cli("run", SMALL_TOWN, "--threads", "2", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "vehicles inserted" in result.stdout
    with h5py.File(out, "r") as f:
        kpi = f["kpi"].attrs
        assert kpi["vehicles_inserted"] == (kpi["vehicles_arrived"] + kpi["vehicles_en_route"]
                                            + kpi["vehicles_stuck"])
        assert f["links/inflow"].shape[1] == f["network/links/id"].shape[0]
        assert f["meta"].attrs["threads"] == 2
    info = run_cli("info", out)
    assert info.returncode == 0, info.stderr
    assert "arrived" in info.stdout


def test_set_overrides_a_scenario_value(run_cli, tmp_path):
    out = tmp_path / "seeded.h5"
    result = run_cli("run", SMALL_TOWN, "--seed", "42", "--set", "output.bin_s=60", "--out", out)
    assert result.returncode == 0, result.stderr
    with h5py.File(out, "r") as f:
        assert f["meta"].attrs["seed"] == 42
        assert f["links"].attrs["bin_s"] == 60


def copy_town(tmp_path):
    town = tmp_path / "town"
    shutil.copytree(SMALL_TOWN.parent, town)
    return town


def corrupt(path: pathlib.Path, old: str, new: str):
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("file,old,new,expected", [
    ("scenario.toml", "[simulation]", "[simulation]\nspeed_up = 2", "speed_up"),
    ("links.csv", "\n", "\nbroken,", "links.csv:2"),
])
def test_bad_input_fails_with_one_line_and_leaves_no_output(run_cli, tmp_path, file, old, new,
                                                             expected):
    town = copy_town(tmp_path)
    corrupt(town / file, old, new)
    out = tmp_path / "never.h5"
    result = run_cli("run", town / "scenario.toml", "--out", out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert not out.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_missing_scenario_file_is_a_clear_error(run_cli, tmp_path):
    result = run_cli("run", tmp_path / "nowhere.toml")
    assert result.returncode == 2
    assert "nowhere.toml" in result.stderr and "cannot open" in result.stderr


def test_info_on_a_file_that_is_not_a_run(run_cli, tmp_path):
    bogus = tmp_path / "bogus.h5"
    with h5py.File(bogus, "w") as f:
        f["x"] = [1, 2, 3]
    result = run_cli("info", bogus)
    assert result.returncode == 2
    assert "bogus.h5" in result.stderr


def test_threads_beyond_the_limit_are_refused_as_in_scenario_files_and_python(run_cli, tmp_path):
    out = tmp_path / "many.h5"
    result = run_cli("run", SMALL_TOWN, "--threads", "100000", "--out", out)
    assert result.returncode != 0
    assert "--threads" in result.stderr and "4096" in result.stderr
    assert not out.exists()


def test_run_refuses_a_scenario_over_max_memory(run_cli, tmp_path):
    out = tmp_path / "refused.h5"
    result = run_cli("run", "--max-memory", "1M", "-o", out, "--no-progress")
    assert result.returncode == 2
    assert "needs about" in result.stderr and "--max-memory" in result.stderr
    assert "more than the limit of 1.0 MiB" in result.stderr
    assert not out.exists() and not pathlib.Path(str(out) + ".tmp").exists()


def test_run_rejects_a_memory_size_it_cannot_read(run_cli):
    result = run_cli("run", "--max-memory", "lots", "--no-progress")
    assert result.returncode != 0
    assert "not a memory size" in result.stderr


def test_info_on_a_scenario_prints_the_memory_estimate(run_cli):
    result = run_cli("info", REPO / "scenarios" / "small_town" / "scenario.toml", "--threads", "1")
    assert result.returncode == 0, result.stderr
    assert "network    16 nodes, 47 links" in result.stdout
    assert "memory     about" in result.stdout
    for part in ("process", "network", "demand", "CCH", "routes", "state: links",
                 "output: trips table"):
        assert part in result.stdout
