"""`arteria run --checkpoint-every` and `--resume`: a run resumed from a checkpoint, at another
thread count, writes the same file as the run that never stopped (but /perf and /meta@threads);
checkpoints of another run and damaged ones end with a one-line error and exit 2."""
import pytest

from conftest import REPO
from helpers import contents

CAIRNS = REPO / "scenarios" / "cairns" / "scenario.toml"


def checkpointed_and_resumed(run_cli, tmp_path, scenario, every, resume_at):
    """Runs `scenario` at 1 thread writing checkpoints every `every`, and again from the one at
    `resume_at` (HHMMSS) at 2 threads; returns both output files and the resumed run's stdout."""
    first = run_cli("run", *scenario, "--threads", "1", "--no-progress", "--out", "full.h5",
                    "--checkpoint-every", every, "--checkpoint-dir", "ckpt")
    assert first.returncode == 0, first.stderr
    assert "checkpoints:" in first.stdout
    assert not list((tmp_path / "ckpt").glob("*.tmp"))
    checkpoint = next((tmp_path / "ckpt").glob(f"*-{resume_at}.ckpt.h5"))
    resumed = run_cli("run", *scenario, "--threads", "2", "--no-progress", "--out",
                      "resumed.h5", "--resume", checkpoint)
    assert resumed.returncode == 0, resumed.stderr
    return tmp_path / "full.h5", tmp_path / "resumed.h5", resumed.stdout


def test_default_city_resumed_at_two_threads_matches_one_uninterrupted_run(run_cli, tmp_path):
    plain = run_cli("run", "--threads", "1", "--no-progress", "--out", "plain.h5")
    assert plain.returncode == 0, plain.stderr
    full, resumed, stdout = checkpointed_and_resumed(run_cli, tmp_path, [], "1h", "080000")
    assert sorted(p.name for p in (tmp_path / "ckpt").iterdir()) == [
        f"default_city-{h:02d}0000.ckpt.h5" for h in (7, 8, 9, 10)]
    assert "resumed from" in stdout and "at 08:00:00" in stdout
    expected = contents(tmp_path / "plain.h5")
    assert contents(full) == expected
    assert contents(resumed) == expected


def test_cairns_with_passengers_resumed_at_two_threads_matches(run_cli, tmp_path):
    full, resumed, _ = checkpointed_and_resumed(run_cli, tmp_path, [CAIRNS], "6h", "120000")
    assert contents(resumed) == contents(full)


@pytest.fixture
def checkpoint(run_cli, tmp_path):
    """A checkpoint of the default city with a tenth of its trips, at 07:00."""
    small = ["--set", "demand.trips=6000"]
    result = run_cli("run", *small, "--threads", "1", "--no-progress", "--out", "small.h5",
                     "--checkpoint-every", "1h", "--checkpoint-dir", "ckpt")
    assert result.returncode == 0, result.stderr
    return small, tmp_path / "ckpt" / "default_city-070000.ckpt.h5"


def test_a_checkpoint_of_another_seed_is_refused_naming_it(run_cli, tmp_path, checkpoint):
    small, path = checkpoint
    result = run_cli("run", *small, "--seed", "2", "--no-progress", "--out", "other.h5",
                     "--resume", path)
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert "seed: checkpoint '1', this run '2'" in result.stderr
    assert not (tmp_path / "other.h5").exists()


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_checkpoint_exits_2_naming_the_file(run_cli, tmp_path, checkpoint, damage):
    small, path = checkpoint
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    result = run_cli("run", *small, "--no-progress", "--out", "bad.h5", "--resume", path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("arteria: error: ") and str(path) in result.stderr
    assert ("truncated" if damage == "truncate" else "corrupt") in result.stderr
    assert "HDF5" not in result.stderr
    assert not (tmp_path / "bad.h5").exists()


def test_checkpoint_every_must_be_a_positive_interval(run_cli):
    result = run_cli("run", "--checkpoint-every", "soon", "--no-progress")
    assert result.returncode != 0
    assert "--checkpoint-every" in result.stderr and "1h" in result.stderr


def test_python_run_checkpoints_beside_its_output_and_resumes(tmp_path):
    import arteria

    scenario = arteria.Scenario.load(str(REPO / "scenarios" / "small_town" / "scenario.toml"))
    full = arteria.run(scenario, out=tmp_path / "full.h5", threads=1, checkpoint_every="30m")
    # Every half hour from 07:00 until the town's last trip arrives.
    assert [p.rsplit("/", 1)[1] for p in full.checkpoints][:3] == [
        f"small_town-{t}.ckpt.h5" for t in ("070000", "073000", "080000")]
    assert all(p.startswith(str(tmp_path)) for p in full.checkpoints)
    resumed = arteria.run(scenario, out=tmp_path / "resumed.h5", threads=2,
                          resume=full.checkpoints[2])
    assert resumed.checkpoints == []
    assert contents(tmp_path / "resumed.h5") == contents(tmp_path / "full.h5")
    with pytest.raises(ValueError, match="checkpoint_every: 'soon'"):
        arteria.run(scenario, out=tmp_path / "x.h5", checkpoint_every="soon")
