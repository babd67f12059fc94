"""Transit and passengers in a run file: Results' tables, and `compare`'s transit KPIs,
crowding section and load-factor figure. The files are written here with h5py in the exact
layout RunWriter writes (docs/OUTPUT.md), so the numbers can be worked out by hand."""
import h5py
import numpy as np
import pandas as pd
import pytest

import arteria
from arteria import _arteria

NAN = np.nan
STR = h5py.string_dtype()
BOARDINGS = [[2, 0, 1], [4, 3, 0]]  # [bin, stop]: stop totals 6, 3, 1
ALIGHTINGS = [[0, 1, 0], [0, 2, 5]]
# Route L1 runs two trips (capacity 80), L2 one that ran a segment and one never started.
LOADS = [40, 20, 0, 60, 80, 0, 50, 0, 0, 0]


def _strings(group, name, values):
    group.create_dataset(name, data=np.array(values, dtype=object), dtype=STR)


def _columns(group, **columns):
    for name, (values, dtype) in columns.items():
        group.create_dataset(name, data=np.asarray(values, dtype=dtype))


def _kpis(transit):
    kpis = dict(vehicles_inserted=2, vehicles_arrived=2, vehicles_en_route=0, vehicles_stuck=0,
                vehicles_waiting=0, vehicles_not_departed=0, vehicles_unroutable=0,
                stuck_push_throughs=0, reroutes=0, vkt_km=1.0, vht_h=0.1,
                mean_travel_time_s=100.0, mean_delay_s=10.0, vehicles_unfinished=0,
                mean_travel_time_incl_unfinished_s=100.0, stopped_at_s=29400.0,
                co2_kg=0.3, nox_kg=1e-4, pm25_kg=1e-6, fuel_kg=0.1)
    transit_kpis = dict(transit_trips=4, transit_trips_completed=2, transit_calls_reached=8,
                        transit_on_time_share=0.75, transit_mean_deviation_s=12.5,
                        transit_p95_abs_deviation_s=45.0, passengers=3, passengers_arrived=1,
                        passengers_en_route=1, passengers_stranded=1,
                        passengers_not_departed=0, boardings=16, denied_boardings=2,
                        mean_journey_time_s=500.0, mean_wait_s=30.0, mean_in_vehicle_s=350.0,
                        max_load_factor=1.0)
    kpis.update({k: (v if transit else 0 * v) for k, v in transit_kpis.items()})
    kpis = {k: (np.uint64(v) if isinstance(v, int) else np.float64(v)) for k, v in kpis.items()}
    kpis["network_cleared"] = np.int32(1)
    return kpis


def _write_traffic(f, transit):
    meta = f.create_group("meta")
    for key, value in dict(format="arteria.run", format_version=np.int32(5),
                           engine_version="0.1.0", scenario_name="transit_town",
                           scenario_sha256="c" * 64, seed=np.uint64(1), threads=np.int32(1),
                           step_s=1.0, start_s=28800.0, end_s=29400.0, bin_s=300.0,
                           routes="shortest_path",
                           equilibrium_route_trips=np.uint64(0)).items():
        meta.attrs[key] = value
    kpi = f.create_group("kpi")
    for key, value in _kpis(transit).items():
        kpi.attrs[key] = value
    f.create_group("perf").attrs["total_s"] = 0.1
    nodes = f.create_group("network/nodes")
    _strings(nodes, "id", ["A", "B"])
    _columns(nodes, x_m=([0.0, 500.0], "f8"), y_m=([0.0, 0.0], "f8"), centroid=([0, 0], "u1"))
    links = f.create_group("network/links")
    _strings(links, "id", ["ab", "ba"])
    _columns(links, **{"from": ([0, 1], "u4"), "to": ([1, 0], "u4")},
             length_m=([500.0, 500.0], "f8"), lanes=([1.0, 1.0], "f8"),
             free_speed_mps=([10.0, 10.0], "f8"), capacity_vph=([1800.0, 1800.0], "f8"),
             modes=([3, 3], "u1"), geometry_offsets=([0, 2, 4], "u4"),
             geometry_x_m=([0.0, 500.0, 500.0, 0.0], "f8"), geometry_y_m=([0.0] * 4, "f8"))
    series = f.create_group("links")
    series.attrs["bin_s"] = 300.0
    _columns(series, time_s=([28800.0, 29100.0], "f8"))
    for name in ("inflow", "outflow", "occupancy", "mean_speed_mps", "queue_veh"):
        series.create_dataset(name, data=np.ones((2, 2), dtype="f4"))
    emissions = f.create_group("emissions")
    for name, grams in (("co2_g", 75.0), ("nox_g", 0.025), ("pm25_g", 2.5e-4), ("fuel_g", 25.0)):
        emissions.create_dataset(name, data=np.full((2, 2), grams, dtype="f4"))
    trips = f.create_group("trips")
    _strings(trips, "id", [])
    _columns(trips, vehicle=([], "u4"), origin=([], "u4"), destination=([], "u4"),
             depart_s=([], "f8"), insert_s=([], "f8"), arrive_s=([], "f8"), removed_s=([], "f8"),
             distance_m=([], "f4"), free_flow_time_s=([], "f4"), status=([], "u1"),
             reroutes=([], "u2"))
    trips.attrs["status_names"] = np.array(["arrived", "en_route"], dtype=object)
    events = f.create_group("events")
    _columns(events, time_s=([], "f8"), value=([], "f8"))
    for name in ("kind", "target", "plan"):
        _strings(events, name, [])


def _write_transit(f, boardings, loads):
    stops = f.create_group("transit/stops")
    stops.attrs["bin_s"] = 300.0
    _strings(stops, "id", ["s1", "s2", "s3"])
    _strings(stops, "name", ["Station", "Market", "Harbour"])
    _columns(stops, lat_deg=([52.0, 52.01, 52.02], "f8"), lon_deg=([4.0, 4.01, 4.02], "f8"),
             time_s=([28800.0, 29100.0], "f8"), boardings=(boardings, "u4"),
             alightings=(ALIGHTINGS, "u4"))
    stops["time_s"].attrs["bin_s"] = 300.0
    trips = f.create_group("transit/trips")
    _strings(trips, "id", ["L1-a", "L1-b", "L2-a", "L2-b"])
    _strings(trips, "route_id", ["L1", "L1", "L2", "L2"])
    _strings(trips, "route_name", ["Line 1", "Line 1", "Line 2", "Line 2"])
    _strings(trips, "mode", ["bus", "bus", "tram", "tram"])
    _strings(trips, "vehicle_type", ["bus", "bus", "tram", "tram"])
    _columns(trips, capacity=([80, 80, 200, 200], "i4"), vehicle=([5, 6, 7, 8], "u4"),
             status=([0, 0, 1, 2], "u1"), boardings=([6, 8, 1, 0], "u4"),
             max_load=([40, 80, 50, 0], "f4"), distance_m=([900, 900, 300, 0], "f4"))
    names = np.array(["completed", "en_route", "not_started", "unplaced"], dtype=object)
    trips["status"].attrs["status_names"] = trips.attrs["status_names"] = names
    calls = f.create_group("transit/calls")
    scheduled = [28800, 29000, 29200, 28900, 29100, 29300, 29000, 29200, 29300, 29400]
    arrival = [28800, 29045, 29190, 28930, 29100, 29320, 29000, NAN, NAN, NAN]
    departure = [28825, 29060, NAN, 28950, 29120, NAN, 29020, NAN, NAN, NAN]
    _columns(calls, trip=([0, 0, 0, 1, 1, 1, 2, 2, 3, 3], "u4"),
             stop=([0, 1, 2, 0, 1, 2, 1, 2, 1, 2], "u4"),
             sequence=([0, 1, 2, 0, 1, 2, 0, 1, 0, 1], "u4"),
             scheduled_arrival_s=(scheduled, "f8"),
             scheduled_departure_s=(np.add(scheduled, 20), "f8"),
             arrival_s=(arrival, "f8"), departure_s=(departure, "f8"),
             deviation_s=(np.subtract(arrival, scheduled), "f8"),
             boardings=([4, 2, 0, 6, 2, 0, 1, 0, 0, 0], "u4"),
             alightings=([0, 2, 4, 0, 0, 6, 0, 0, 0, 0], "u4"),
             denied=([0, 2, 0, 0, 0, 0, 0, 0, 0, 0], "u4"), load=(loads, "u4"))
    passengers = f.create_group("passengers")
    _strings(passengers, "id", ["p1", "p2", "p3"])
    _columns(passengers, depart_s=([28700, 28900, 29350], "f8"),
             arrive_s=([29200, NAN, NAN], "f8"), walk_s=([120, 60, 0], "f4"),
             wait_s=([30, 900, 0], "f4"), in_vehicle_s=([350, 0, 0], "f4"),
             rides=([2, 0, 0], "u2"), transfers=([1, 0, 0], "u2"), denied=([0, 2, 0], "u2"),
             replans=([0, 1, 0], "u2"), status=([0, 2, 1], "u1"), reason=([0, 2, 0], "u1"))
    passengers["status"].attrs["status_names"] = np.array(
        ["arrived", "en_route", "stranded", "not_departed"], dtype=object)
    passengers["reason"].attrs["reason_names"] = np.array(
        ["none", "no_journey", "no_service"], dtype=object)


def write_run(path, transit=True, boardings=BOARDINGS, loads=LOADS):
    with h5py.File(path, "w", userblock_size=512) as f:
        _write_traffic(f, transit)
        if transit:
            _write_transit(f, boardings, loads)
    _arteria.seal_file(str(path), _arteria.RUN_FILE_MAGIC)
    return path


@pytest.fixture
def base_file(tmp_path):
    return write_run(tmp_path / "base.h5")


@pytest.fixture
def variant_file(tmp_path):
    # More boarding at s1, less at s2; the second L1 trip leaves s2 over capacity (88 / 80).
    loads = list(LOADS)
    loads[4] = 88
    return write_run(tmp_path / "variant.h5", boardings=[[2, 0, 1], [9, 1, 0]], loads=loads)


def test_stops_have_totals_and_per_bin_series(base_file):
    results = arteria.Results(base_file)
    assert results.has_transit
    stops = results.transit_stops()
    assert list(stops["id"]) == ["s1", "s2", "s3"] and stops.index.name == "stop"
    assert list(stops["name"]) == ["Station", "Market", "Harbour"]
    assert list(stops["boardings"]) == [6, 3, 1] and list(stops["alightings"]) == [0, 3, 5]
    assert stops.loc[1, "lat_deg"] == 52.01
    series = results.stop_series()
    assert series.index.name == "time_s" and list(series.index) == [28800.0, 29100.0]
    assert list(series.columns) == ["s1", "s2", "s3"] and series.loc[29100.0, "s2"] == 3
    assert results.stop_series("alightings").loc[29100.0, "s3"] == 5
    with pytest.raises(KeyError):
        results.stop_series("transfers")


def test_trips_and_calls_are_decoded_and_derived(base_file):
    results = arteria.Results(base_file)
    trips = results.transit_trips()
    assert list(trips["id"]) == ["L1-a", "L1-b", "L2-a", "L2-b"]
    assert isinstance(trips["status"].dtype, pd.CategoricalDtype)
    assert list(trips["status"]) == ["completed", "completed", "en_route", "not_started"]
    assert list(trips["max_load_factor"]) == [0.5, 1.0, 0.25, 0.0]
    calls = results.transit_calls()
    assert len(calls) == 10
    assert list(calls["trip_id"][:4]) == ["L1-a", "L1-a", "L1-a", "L1-b"]
    assert list(calls["stop_id"][:3]) == ["s1", "s2", "s3"] and calls["route_id"][6] == "L2"
    assert list(calls["deviation_s"][:6]) == [0.0, 45.0, -10.0, 30.0, 0.0, 20.0]
    assert calls["deviation_s"][7:].isna().all()
    assert calls["load_factor"][4] == 1.0 and calls["load_factor"][6] == 0.25


def test_passengers_have_named_status_and_reason(base_file):
    passengers = arteria.Results(base_file).passengers()
    assert list(passengers["id"]) == ["p1", "p2", "p3"]
    assert list(passengers["status"]) == ["arrived", "stranded", "en_route"]
    assert list(passengers["reason"]) == ["none", "no_service", "none"]
    assert list(passengers["status"].cat.categories) == [
        "arrived", "en_route", "stranded", "not_departed"]
    assert passengers["journey_time_s"][0] == 500.0
    assert passengers["journey_time_s"][1:].isna().all()
    assert passengers["transfers"][0] == 1 and passengers["denied"][1] == 2


def test_run_without_transit_says_so(tmp_path):
    results = arteria.Results(write_run(tmp_path / "plain.h5", transit=False))
    assert not results.has_transit
    for read in (results.transit_stops, results.transit_trips, results.transit_calls,
                 results.passengers, results.stop_series):
        with pytest.raises(arteria.InputError, match="no /"):
            read()


def test_compare_shows_transit_kpis_crowding_and_stop_changes(base_file, variant_file,
                                                              tmp_path):
    comparison = arteria.compare(base_file, variant_file, out_dir=tmp_path / "cmp")
    kpis = comparison.kpis
    assert kpis.loc["passengers arrived", "base"] == 1
    assert kpis.loc["on time (% of calls)", "variant"] == 75.0
    assert kpis.loc["denied boardings", "change"] == 0
    crowding = comparison.crowding
    assert list(crowding.index) == ["L1", "L2"] and crowding.loc["L1", "route_name"] == "Line 1"
    # L1 segments: 40, 20, 60, 80 (variant 88) on board of 80; L2: 50 of 200 (L2-b never ran).
    assert crowding.loc["L1", "mean_base"] == pytest.approx((0.5 + 0.25 + 0.75 + 1.0) / 4)
    assert crowding.loc["L1", "mean_variant"] == pytest.approx((0.5 + 0.25 + 0.75 + 1.1) / 4)
    assert crowding.loc["L1", "max_base"] == 1.0
    assert crowding.loc["L1", "max_variant"] == pytest.approx(1.1)
    assert crowding.loc["L2", "mean_base"] == crowding.loc["L2", "max_variant"] == 0.25
    assert crowding.loc["L1", "mean_change"] == pytest.approx(0.025)
    top = comparison.top_stops
    assert list(top.index) == ["s1", "s2", "s3"]
    assert list(top["change"]) == [5, -2, 0] and top.loc["s1", "boardings_variant"] == 11
    text = str(comparison)
    assert "transit crowding by route" in text and "Line 1" in text
    assert "stops with the largest change in boardings" in text
    figure = comparison.figures["load_factor_by_route"]
    assert figure.name == "load_factor_by_route.png" and figure.parent == tmp_path / "cmp"
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "cmp" / "transit_crowding.csv").read_text().startswith("route,")


def test_compare_with_transit_on_one_side_lists_kpis_only(base_file, tmp_path):
    plain = write_run(tmp_path / "plain.h5", transit=False)
    comparison = arteria.compare(plain, base_file, out_dir=tmp_path / "cmp")
    assert comparison.kpis.loc["boardings", "base"] == 0
    assert comparison.kpis.loc["boardings", "variant"] == 16
    assert comparison.crowding is None and "load_factor_by_route" not in comparison.figures
    assert "transit crowding" not in str(comparison)
    no_transit = arteria.compare(plain, plain)
    assert "boardings" not in no_transit.kpis.index


def test_load_factor_figure_keeps_to_the_busiest_routes(tmp_path):
    from arteria import figures
    means = np.linspace(0.0, 1.0, 60)
    crowding = pd.DataFrame({"route_name": [f"R{i}" for i in range(60)], "mean_base": means,
                             "mean_variant": means[::-1], "max_base": means,
                             "max_variant": np.full(60, np.nan)},
                            index=pd.Index([f"r{i}" for i in range(60)], name="route"))
    path = figures.save_route_load_factors(tmp_path / "lf.png", crowding, title="t",
                                           max_routes=40)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_compare_and_info_report_transit(base_file, variant_file, run_cli, tmp_path):
    result = run_cli("compare", base_file, variant_file, "--out", tmp_path / "cli")
    assert result.returncode == 0, result.stderr
    assert "passengers arrived" in result.stdout and "transit crowding" in result.stdout
    assert (tmp_path / "cli" / "load_factor_by_route.png").is_file()
    result = run_cli("info", base_file)
    assert result.returncode == 0, result.stderr
    assert ("transit    3 stops, 4 trips (2 completed), 10 calls (8 reached after the first"
            in result.stdout)
    assert "passengers 3: arrived 1, en route 1, stranded 1" in result.stdout
    result = run_cli("info", write_run(tmp_path / "plain.h5", transit=False))
    assert result.returncode == 0, result.stderr
    assert "\ntransit " not in result.stdout and "\npassengers " not in result.stdout
