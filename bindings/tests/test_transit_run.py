"""Transit scenarios run from Python end to end: the result tables agree with the KPIs, every
passenger is accounted for, a Simulation stepped from Python reports transit KPIs, and cutting
capacity while it runs leaves passengers behind."""
import numpy as np
import pytest

import arteria
from helpers import REPO

CAIRNS = REPO / "scenarios" / "cairns" / "scenario.toml"


def test_cairns_with_passengers_conserves_and_tables_agree(tmp_path):
    scenario = arteria.Scenario.load(str(CAIRNS), ["passengers.count=3000"])
    results = arteria.run(scenario, tmp_path / "cairns.h5", threads=2)
    assert results.has_transit
    kpi = results.kpis
    passengers = results.passengers()
    assert len(passengers) == kpi["passengers"] == 3000
    counts = passengers["status"].value_counts()
    assert counts.get("arrived", 0) == kpi["passengers_arrived"]
    assert counts.sum() == (kpi["passengers_arrived"] + kpi["passengers_en_route"] +
                            kpi["passengers_stranded"] + kpi["passengers_not_departed"])
    arrived = passengers[passengers["status"] == "arrived"]
    # A journey is walking, waiting and riding, nothing else.
    parts = arrived["walk_s"] + arrived["wait_s"] + arrived["in_vehicle_s"]
    np.testing.assert_allclose(parts, arrived["journey_time_s"], atol=1.0)
    calls = results.transit_calls()
    assert calls["boardings"].sum() == kpi["boardings"] == passengers["rides"].sum()
    assert calls["alightings"].sum() == calls["boardings"].sum()
    stops = results.stop_series("boardings")
    assert stops.to_numpy().sum() == kpi["boardings"]
    trips = results.transit_trips()
    assert (trips["status"] == "completed").sum() == kpi["transit_trips_completed"] == len(trips)
    figures = arteria.plot_run(results, out_dir=tmp_path / "plots")
    assert figures["transit"].stat().st_size > 10_000


def test_a_stepped_simulation_reports_transit_kpis():
    scenario = arteria.Scenario.load(str(CAIRNS), ["passengers.count=500"])
    sim = arteria.Simulation(scenario, threads=2)
    sim.run_until(12 * 3600)
    midday = sim.kpis()
    assert midday["passengers"] == 500
    now = sim.transit()
    riding = (now["passenger_phase"] == 3).sum()
    waiting = (now["passenger_phase"] == 2).sum()
    assert now["trip_on_board"].sum() == riding
    assert now["stop_waiting"].sum() == waiting
    assert len(now["trip_id"]) == midday["transit_trips"]
    assert midday["passengers_en_route"] + midday["passengers_arrived"] > 0
    sim.run()
    end = sim.kpis()
    assert end["passengers_en_route"] == 0
    assert end["transit_trips_completed"] == end["transit_trips"]


def test_cutting_capacity_while_running_denies_boardings():
    scenario = arteria.Scenario.load(str(CAIRNS), ["passengers.count=2000"])
    base = arteria.Simulation(scenario, threads=2)
    base.run()
    cut = arteria.Simulation(scenario, threads=2)
    cut.run_until(7 * 3600)
    for route in sorted(set(cut.transit()["trip_route"])):
        cut.set_transit_capacity(route, 3)
    cut.run()
    before, after = base.kpis(), cut.kpis()
    assert before["denied_boardings"] == 0
    assert after["denied_boardings"] > 0
    assert after["passengers_arrived"] < before["passengers_arrived"]
    assert after["passengers"] == (after["passengers_arrived"] + after["passengers_en_route"] +
                                   after["passengers_stranded"] +
                                   after["passengers_not_departed"])
    with pytest.raises(KeyError):
        cut.set_transit_capacity("no-such-route", 3)


def test_scaling_a_transit_scenario_keeps_its_buses():
    """Cairns is transit only: scaling its (road) demand leaves every bus, once, in service."""
    scenario = arteria.Scenario.load(str(CAIRNS), ["passengers.count=0"])
    buses = scenario.trip_count
    assert scenario.scale_demand(3.0) == buses
    assert scenario.scale_demand(1.0) == buses
    assert scenario.scale_demand(100.0) == buses  # no road trip to copy: nothing to allocate
    sim = arteria.Simulation(scenario, threads=2)
    sim.run()
    kpi = sim.kpis()
    assert kpi["transit_trips"] == buses
    assert kpi["transit_trips_completed"] == buses
