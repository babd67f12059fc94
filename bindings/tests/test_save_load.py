"""Scenario.save: a saved scenario loads back to the same network, demand, events and
parameters, and simulates to identical KPIs, from Python and from `arteria run`."""
import h5py
import numpy as np
import pytest

import arteria
from helpers import BRIDGE, SMALL_TOWN, small_grid

NETWORK_ARRAYS = ("node_x_m", "node_y_m", "link_from", "link_to", "link_length_m", "link_lanes",
                  "link_free_speed_mps", "link_capacity_vph", "link_geometry_offsets",
                  "link_geometry_x_m", "link_geometry_y_m", "turn_from_link", "turn_to_link")


def final_kpis(scenario, threads=2):
    sim = arteria.Simulation(scenario, threads=threads)
    sim.run()
    return sim.kpis()


def assert_same_scenario(a, b):
    na, nb = a.network, b.network
    assert na.node_ids == nb.node_ids and na.link_ids == nb.link_ids
    for name in NETWORK_ARRAYS:
        np.testing.assert_array_equal(getattr(na, name), getattr(nb, name), err_msg=name)
    for node in na.signalised_nodes:
        node_id = na.node_ids[node]
        assert na.signal_plans(node_id) == nb.signal_plans(node_id)
        for plan in na.signal_plans(node_id):
            pa, pb = na.signal_phases(node_id, plan), nb.signal_phases(node_id, plan)
            assert [p["duration_s"] for p in pa] == [p["duration_s"] for p in pb]
            assert all(np.array_equal(x["turns"], y["turns"]) for x, y in zip(pa, pb))
    assert (a.trip_count, a.event_count, a.seed, a.start_s, a.end_s, a.step_s) == \
        (b.trip_count, b.event_count, b.seed, b.start_s, b.end_s, b.step_s)


def test_small_town_round_trip(tmp_path):
    town = arteria.Scenario.load(str(SMALL_TOWN))
    path = town.save(str(tmp_path / "town"))
    assert path.endswith("scenario.toml")
    assert {p.name for p in (tmp_path / "town").iterdir()} >= {
        "scenario.toml", "nodes.csv", "links.csv", "signals.csv", "trips.csv"}
    loaded = arteria.Scenario.load(path)
    assert_same_scenario(town, loaded)
    assert loaded.name == "small_town"
    assert final_kpis(loaded) == final_kpis(town)


def test_edited_generated_city_round_trip(tmp_path):
    """Generated network and demand, Python edits, every kind of event, a trip added."""
    scenario = small_grid("simulation.stuck_time_s=240", "simulation.backward_wave_speed_kmh=17",
                          "output.bin_s=600")
    scenario.set_link_capacity("0_0>1_0", 777.0)
    scenario.set_link_speed("1_0>2_0", 23.0)
    scenario.set_link_lanes("2_0>3_0", 3.0)
    scenario.seed = 5
    for link in BRIDGE:
        scenario.add_event(7.5 * 3600, "close_link", link=link)
        scenario.add_event(9 * 3600, "reopen_link", link=link)
    scenario.add_event(7 * 3600, "set_link_capacity", link="5_4>5_5", value=1234.5)
    scenario.add_event(7.25 * 3600, "set_link_speed", link="5_3>5_4", value=37.0)
    scenario.add_road_works(7 * 3600, 8 * 3600, links=["5_2>5_3", "5_3>5_2"], lanes_closed=1,
                            speed_kmh=30.0)
    node = scenario.network.node_ids[scenario.network.signalised_nodes[0]]
    turns = scenario.network.signal_phases(node)[0]["turns"].tolist()
    scenario.add_signal_plan(node, "north_south_only", [(30.0, turns), (5.0, [])])
    scenario.add_event(8 * 3600, "set_signal_plan", node=node, plan="north_south_only")
    scenario.add_trip("0_0", "10_10", 7.123456789 * 3600)

    path = scenario.save(str(tmp_path / "edited" / "variant.toml"))
    assert path.endswith("variant.toml")
    loaded = arteria.Scenario.load(path)
    assert_same_scenario(scenario, loaded)
    assert loaded.seed == 5
    kpis = final_kpis(scenario)
    assert kpis["reroutes"] > 0
    assert final_kpis(loaded) == kpis


def test_saved_scenario_runs_with_the_cli_to_the_same_result(tmp_path, run_cli):
    scenario = small_grid()
    for link in BRIDGE:
        scenario.add_event(7.5 * 3600, "close_link", link=link)
    folder = tmp_path / "saved"
    scenario.save(str(folder))
    direct = arteria.run(scenario, tmp_path / "python.h5", threads=2)
    result = run_cli("run", folder, "--threads", "1", "--out", tmp_path / "cli.h5",
                     "--no-progress")
    assert result.returncode == 0, result.stderr
    from_cli = arteria.Results(tmp_path / "cli.h5")
    assert from_cli.kpis == direct.kpis
    with h5py.File(direct.path, "r") as a, h5py.File(from_cli.path, "r") as b:
        for name in ("links/occupancy", "links/inflow", "trips/arrive_s", "trips/status"):
            np.testing.assert_array_equal(a[name][:], b[name][:], err_msg=name)


def test_saving_twice_into_one_folder_replaces_it(tmp_path):
    town = arteria.Scenario.load(str(SMALL_TOWN))
    grid = small_grid()
    grid.save(str(tmp_path))
    town.save(str(tmp_path))
    assert arteria.Scenario.load(str(tmp_path)).trip_count == town.trip_count


def test_save_to_an_unwritable_place_fails_cleanly(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RuntimeError):
        arteria.Scenario.load(str(SMALL_TOWN)).save(str(blocker / "inside"))

