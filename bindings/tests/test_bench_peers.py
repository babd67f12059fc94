"""bench/peers.py without SUMO: medians, round-by-round ratios, the table, JSON and chart on
made-up timings; and the measurement of one real child process."""
import datetime
import json
import pathlib
import shutil
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import peer_runs  # noqa: E402
import peers  # noqa: E402


def fake_run(runner, round_number, wall, load=1.0, trip=300.0):
    return {"runner": runner, "round": round_number, "wall_s": wall, "cpu_s": wall * 0.9,
            "rss_mib": 100.0, "trip_s": trip, "arrived": 1000, "load_before": load,
            "load_after": load + 0.5}


def two_peers_three_rounds():
    # Round 2 is slow for both (a loaded moment): per-round ratios are 10, 10, 10 while the
    # ratio of the medians would be 20 / 1 = 20.
    meso = [20.0, 100.0, 10.0]
    arteria = [2.0, 10.0, 1.0]
    runs = []
    for r in range(3):
        runs.append(fake_run("SUMO meso", r + 1, meso[r], load=0.5 + r))
        runs.append(fake_run("Arteria 2 thr", r + 1, arteria[r], trip=280.0))
    return runs


def test_ratios_are_taken_round_by_round_then_the_median():
    rows = {row["runner"]: row for row in peers.summarize(two_peers_three_rounds())}
    assert list(rows) == ["SUMO meso", "Arteria 2 thr"]  # RUNNERS order, absent runners left out
    arteria = rows["Arteria 2 thr"]
    assert arteria["wall_s"] == 2.0 and arteria["rounds"] == 3
    assert arteria["x_meso"] == pytest.approx(10.0)
    assert arteria["x_micro"] is None  # micro not run on this scenario
    assert rows["SUMO meso"]["x_meso"] == pytest.approx(1.0)
    assert arteria["trip_s"] == 280.0
    assert (rows["SUMO meso"]["load_min"], rows["SUMO meso"]["load_max"]) == (0.5, 3.0)


def test_report_table_json_and_chart(tmp_path):
    scenario = peers.Scenario("grid-small", tmp_path / "scenario.sumocfg",
                              tmp_path / "scenario.toml", micro=False)
    report = peers.build_report("bench/peers.py --quick", 3, [(scenario, two_peers_three_rounds())],
                                "Eclipse SUMO sumo Version 1.15.0",
                                datetime.datetime(2026, 12, 6, 13, 17))
    assert (report["load_min"], report["load_max"]) == (0.5, 3.0)
    json.loads(json.dumps(report))  # plain JSON all the way down
    table = peers.markdown_table(report)
    assert "`bench/peers.py --quick` — 2026-12-06 13:17 to " in table and "0.50–3.00" in table
    assert "| grid-small | Arteria 2 thr | 2.00 | 1.80 | 100 | 280.0 | 1,000 | 10.0× | — |" in table
    pytest.importorskip("matplotlib")
    peers.write_chart(report, tmp_path / "peers.png")
    assert (tmp_path / "peers.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_grid_names_are_checked():
    assert peers.parse_list("small, large") == ["small", "large"]
    with pytest.raises(Exception, match="huge"):
        peers.parse_list("small,huge")


@pytest.mark.skipif(not pathlib.Path("/usr/bin/time").exists(), reason="needs GNU time")
def test_peak_rss_is_the_child_s_not_this_python_s(tmp_path):
    # A child exec'd straight from Python would report Python's own peak (numpy, h5py and
    # pytest loaded: well over 30 MiB); `true` itself needs a few MiB.
    result = peer_runs.measured([shutil.which("true")], tmp_path, tmp_path / "true.out")
    assert 0 < result["rss_mib"] < 16
    assert result["wall_s"] >= 0 and result["cpu_s"] >= 0
    assert result["load_before"] >= 0 and result["load_after"] >= 0
