"""Freight on Monaco's streets (scenarios/monaco_port): the port's trucks in the trip table, a
class ban by road class within a window honoured by every truck departing inside it, and the
runs identical at 1 and 2 threads."""
import subprocess

import h5py
import numpy as np
import pytest

import arteria
from helpers import REPO

PORT = REPO / "scenarios" / "monaco_port"
SMALL = ["demand.trips=2000", "simulation.end=10:00"]


@pytest.fixture(scope="module")
def truck_route_run(tmp_path_factory):
    scenario = arteria.Scenario.load(str(PORT / "truck_route.toml"), SMALL)
    return arteria.run(scenario, tmp_path_factory.mktemp("port") / "route.h5", threads=2)


def test_port_trucks_come_and_go_through_the_gates(truck_route_run):
    trips = truck_route_run.trips
    trucks = trips[trips["class_name"] == "truck"]
    assert len(trucks) > 0
    gates = {"252387589", "1079045383"}
    inbound = trucks["id"].str.contains(":in:")
    assert trucks.loc[inbound, "destination_id"].astype(str).isin(gates).all()
    assert trucks.loc[~inbound, "origin_id"].astype(str).isin(gates).all()
    # Gates open 06:00-20:00: no truck departs before 06:00.
    assert trucks["depart_s"].min() >= 6 * 3600


def test_no_truck_departing_in_the_ban_window_drives_a_banned_road(tmp_path):
    # truck_route.toml closes residential and living streets to trucks 07:00-19:00.
    scenario = arteria.Scenario.load(str(PORT / "truck_route.toml"),
                                     SMALL + ["output.routes=true"])
    run = arteria.run(scenario, tmp_path / "routes.h5", threads=2)
    with h5py.File(tmp_path / "routes.h5", "r") as f:
        first = f["trips/route_first_link"][:]
        links = f["trips/route_links"][:]
    banned = run.links["road_class"].isin(["residential", "living_street"]).to_numpy()
    assert banned.sum() > 1000  # Monaco has 1,266 residential links
    trips = run.trips
    truck = (trips["class_name"] == "truck").to_numpy()
    depart = trips["depart_s"].to_numpy()
    window = truck & (depart >= 7 * 3600) & (depart < 19 * 3600)
    assert window.sum() > 0
    for t in np.flatnonzero(window):
        assert not banned[links[first[t]:first[t + 1]]].any(), trips["id"].iloc[t]
    # Before the window (06:00-07:00) trucks may take residential streets, and some do.
    early = truck & (depart < 7 * 3600)
    assert any(banned[links[first[t]:first[t + 1]]].any() for t in np.flatnonzero(early))
    # Trucks whose city end is on a street closed to them are reported, not dropped.
    unroutable = (trips["status"].astype(str) == "unroutable").to_numpy()
    assert (window & unroutable).sum() > 0
    assert not (unroutable & ~window).any()


def test_freight_runs_are_identical_at_1_and_2_threads(run_cli, arteria_cli, tmp_path):
    outputs = []
    for threads in (1, 2):
        out = tmp_path / f"t{threads}.h5"
        result = run_cli("run", PORT / "truck_route.toml", "--threads", threads,
                         "--set", "demand.trips=2000", "--out", out)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append(out)
    compare = arteria_cli.parent / "arteria_h5_compare"  # the judge of the build under test
    result = subprocess.run([str(compare), *map(str, outputs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
