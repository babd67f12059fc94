"""Emergency vehicles from Python and the CLI: dispatch while running, the dispatch table of a
run, determinism at 1 and 2 threads, and the response-time map."""
import math
import subprocess

import numpy as np
import pandas as pd
import pytest

import arteria
from arteria.response_map import coverage, response_times, save_response_map
from helpers import REPO, SMALL_GRID, small_grid

STATIONS = {"south": "5_2", "north": "5_8"}


def with_stations(scenario):
    for station, node in STATIONS.items():
        scenario.add_emergency_station(station, node)
    return scenario


def test_dispatch_while_running_sends_the_nearest_station():
    sim = arteria.Simulation(with_stations(small_grid()), threads=2)
    sim.run_until(7.5 * 3600)
    first = sim.dispatch("9_9", incident="north-east")
    at_station = sim.dispatch("5_2")
    sim.run_until(7.75 * 3600)
    table = pd.DataFrame(sim.dispatches())
    assert list(table["incident"]) == ["north-east", "python#1"]
    row = table.iloc[first]
    assert row["station"] == "north"  # 4 + 1 blocks from 5_8, 4 + 7 and a bridge from 5_2
    assert row["dispatch_s"] == 7.5 * 3600
    # At least the free-flow time of its route, which starts at the station and ends there.
    assert row["route"][0].startswith("5_8>") and row["route"][-1].endswith(">9_9")
    assert row["response_s"] > 0 and math.isfinite(row["response_s"])
    # A station's own node is reached at once.
    assert table.iloc[at_station]["response_s"] == 0.0
    assert sim.kpis()["emergency_dispatches"] == 2


def test_dispatch_needs_a_station():
    sim = arteria.Simulation(small_grid(), threads=1)
    with pytest.raises(ValueError, match="no emergency stations"):
        sim.dispatch("5_5")
    with pytest.raises(KeyError):
        arteria.Simulation(with_stations(small_grid()), threads=1).dispatch("nowhere")


def scenario_file(tmp_path):
    """The default city's file with two stations and drawn incidents."""
    text = (REPO / "scenarios" / "default_city.toml").read_text()
    text += "\n[emergency]\nincidents_per_hour = 12\n"
    for station, node in STATIONS.items():
        text += f'\n[[emergency_stations]]\nid = "{station}"\nnode = "{node}"\n'
    path = tmp_path / "emergency.toml"
    path.write_text(text)
    return path


def test_runs_with_emergencies_are_identical_at_1_and_2_threads(run_cli, arteria_cli, tmp_path):
    scenario = scenario_file(tmp_path)
    sets = [arg for setting in SMALL_GRID for arg in ("--set", setting)]
    for threads in (1, 2):
        result = run_cli("run", scenario, "--threads", threads, "--out", f"t{threads}.h5", *sets)
        assert result.returncode == 0, result.stderr
    compare = subprocess.run([str(arteria_cli.parent / "arteria_h5_compare"),
                              str(tmp_path / "t1.h5"), str(tmp_path / "t2.h5")],
                             capture_output=True, text=True)
    assert compare.returncode == 0, compare.stdout + compare.stderr
    results = arteria.Results(tmp_path / "t2.h5")
    dispatches = results.dispatches()
    assert len(dispatches) == results.kpis["emergency_dispatches"] > 20  # 12/h over 5 h
    assert results.kpis["emergency_arrived"] == dispatches["arrival_s"].notna().sum()
    arrived = dispatches.dropna(subset=["arrival_s"])
    assert np.allclose(arrived["response_s"], arrived["arrival_s"] - arrived["incident_s"])
    assert (arrived["response_s"] > 0).all()
    # The p90 by nearest rank, as docs/OUTPUT.md defines it.
    responses = np.sort(arrived["response_s"].to_numpy())
    rank = math.ceil(0.9 * len(responses))
    assert results.kpis["emergency_p90_response_s"] == pytest.approx(responses[rank - 1])


def test_response_map_bands_and_coverage(tmp_path):
    results = arteria.run(with_stations(small_grid()), tmp_path / "run.h5", threads=2)
    times = response_times(results, 8 * 3600)
    nodes = results.nodes["id"].tolist()
    assert times[nodes.index("5_2")] == 0.0 and times[nodes.index("5_8")] == 0.0
    # 5_3 is one block north of 5_2: its free-flow time at least, and less than all of it at the
    # pass speed (20 km/h against 50 km/h on an arterial: x 2.5).
    links = results.links.set_index("id")
    free = links.loc["5_2>5_3", "length_m"] / links.loc["5_2>5_3", "free_speed_mps"]
    assert free * (1 - 1e-6) <= times[nodes.index("5_3")] <= 2.5 * free  # float32 speeds
    shares = coverage(times)
    assert 0.0 < shares["within 8 min"] <= shares["within 10 min"] <= shares["within 15 min"] <= 1
    path = save_response_map(tmp_path / "map.png", results, times, title="test", at_s=8 * 3600)
    assert path.stat().st_size > 10_000


def test_compare_shows_the_response_time_rows(tmp_path):
    base = with_stations(small_grid())
    base.add_incident(7.5 * 3600, "9_9", id="call")
    closed = with_stations(small_grid())
    closed.add_incident(7.5 * 3600, "9_9", id="call")
    closed.add_event(6 * 3600, "close_link", link="5_8>6_8")
    runs = [arteria.run(s, tmp_path / f"{n}.h5", threads=2) for n, s in (("a", base), ("b", closed))]
    table = arteria.compare(*runs).kpis
    assert "mean response time (s)" in table.index
    assert table.loc["emergency dispatches", "base"] == 1


def test_a_saved_scenario_keeps_its_stations_and_incidents(tmp_path):
    scenario = with_stations(small_grid("emergency.incidents_per_hour=0"))
    scenario.add_incident(7.25 * 3600 + 0.5, "9_9", id="call")
    scenario.set_emergency(pass_speed_kmh=15, clearance_s=4)
    scenario.save(str(tmp_path / "saved"))
    runs = [arteria.run(s, tmp_path / f"{n}.h5", threads=1)
            for n, s in (("a", scenario), ("b", arteria.Scenario.load(str(tmp_path / "saved"))))]
    a, b = (r.dispatches() for r in runs)
    assert list(b["incident"]) == ["call"] and b["incident_s"][0] == 7.25 * 3600 + 0.5
    assert a.drop(columns="route").equals(b.drop(columns="route"))
    assert list(a["route"][0]) == list(b["route"][0])
