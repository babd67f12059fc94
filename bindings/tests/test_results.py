"""arteria.Results: a run file as numpy arrays and pandas DataFrames."""
import h5py
import numpy as np
import pandas as pd
import pytest

import arteria
from arteria import _arteria
import helpers

grid_runs, town_run = helpers.grid_runs, helpers.town_run  # fixtures


def test_meta_and_kpis_are_the_files_attributes(town_run):
    with h5py.File(town_run.path, "r") as f:
        assert town_run.kpis == {k: v.item() for k, v in f["kpi"].attrs.items()}
        assert town_run.meta["seed"] == f["meta"].attrs["seed"]
    assert town_run.meta["scenario_name"] == "small_town"
    assert town_run.meta["start_s"] == 6.5 * 3600 and town_run.meta["end_s"] == 10.5 * 3600
    assert town_run.kpis["vehicles_arrived"] == 372


def test_trips_have_named_status_and_derived_times(town_run):
    trips = town_run.trips
    assert len(trips) == 372
    assert isinstance(trips["status"].dtype, pd.CategoricalDtype)
    assert list(trips["status"].cat.categories[:3]) == ["arrived", "en_route", "stuck"]
    assert (trips["status"] == "arrived").sum() == town_run.kpis["vehicles_arrived"]
    assert trips["id"].iloc[0] == "car001" and trips["origin_id"].iloc[0] == "quarry"
    arrived = trips[trips["status"] == "arrived"]
    assert arrived["travel_time_s"].mean() == pytest.approx(town_run.kpis["mean_travel_time_s"])
    assert arrived["delay_s"].mean() == pytest.approx(town_run.kpis["mean_delay_s"], rel=1e-6)


def test_links_table_names_its_nodes(town_run):
    links = town_run.links
    assert len(links) == 47 and links.index.name == "link"
    first = links.iloc[0]
    assert (first["id"], first["from_id"], first["to_id"]) == ("west_gate-mill", "west_gate",
                                                                "mill")
    assert first["length_m"] == 515.0 and first["lanes"] == 2.0
    assert first["free_speed_mps"] == pytest.approx(50 / 3.6)


def test_link_series_are_indexed_by_time_and_link_id(town_run):
    inflow = town_run.link_series("inflow")
    assert inflow.index.name == "time_s" and inflow.columns.name == "link"
    # 300 s bins from 06:30 until every trip has finished (the run stops early), at most 4 h.
    assert inflow.shape[1] == 47 and 0 < inflow.shape[0] <= 48
    last_arrival = town_run.trips["arrive_s"].max()
    assert inflow.index[-1] <= last_arrival < inflow.index[-1] + 300 + 60
    assert inflow.index[1] - inflow.index[0] == town_run.bin_s == 300
    assert list(inflow.columns[:2]) == ["west_gate-mill", "mill-west_gate"]
    with h5py.File(town_run.path, "r") as f:
        np.testing.assert_array_equal(inflow.to_numpy(), f["links/inflow"][:])
    # Every trip enters its first link once: total inflow covers at least one entry per trip.
    assert inflow.to_numpy().sum() >= 372
    timed = town_run.link_series("outflow", index="timedelta")
    assert isinstance(timed.index, pd.TimedeltaIndex)
    assert timed.index[0] == pd.Timedelta(hours=6, minutes=30)
    with pytest.raises(KeyError):
        town_run.link_series("speed")


def test_geometry_polylines_end_at_the_link_nodes(town_run):
    geometry = town_run.network_geometry()
    nodes, links = town_run.nodes, town_run.links
    assert len(geometry) == len(links)
    for line, (_, link) in zip(geometry, links.iterrows()):
        assert line.shape[1] == 2 and len(line) >= 2
        np.testing.assert_array_equal(line[0], nodes.loc[link["from"], ["x_m", "y_m"]])
        np.testing.assert_array_equal(line[-1], nodes.loc[link["to"], ["x_m", "y_m"]])


def test_events_table_lists_the_applied_events(town_run, grid_runs):
    events = town_run.events
    assert list(events["kind"]) == ["set_signal_plan", "set_signal_plan"]
    assert list(events["target"]) == ["market", "market"]
    assert list(events["plan"]) == ["peak", "normal"]
    assert list(events["time_s"]) == [7.75 * 3600, 9 * 3600]
    assert grid_runs[0].events.empty and list(grid_runs[0].events.columns)[:2] == ["time_s", "kind"]


def test_xarray_dictionary_has_labelled_dimensions(town_run):
    cube = town_run.to_xarray_dict()
    assert set(cube["data_vars"]) == {"inflow", "outflow", "occupancy", "mean_speed_mps",
                                      "queue_veh"}
    occupancy = cube["data_vars"]["occupancy"]
    assert occupancy["dims"] == ("time_s", "link")
    assert occupancy["data"].shape == (len(cube["coords"]["time_s"]["data"]),
                                       len(cube["coords"]["link"]["data"]))


def test_network_series_and_en_route_agree_with_kpis(grid_runs):
    base, _ = grid_runs
    series = base.network_series()
    # VKT from link exits x length is the kpi's VKT up to partial links at start and end.
    assert series["vkt_km"].sum() == pytest.approx(base.kpis["vkt_km"], rel=0.02)
    assert series["vht_h"].sum() == pytest.approx(base.kpis["vht_h"], rel=0.02)
    en_route = base.vehicles_en_route()
    assert en_route.iloc[0] == 0 and en_route.iloc[-1] == base.kpis["vehicles_en_route"]
    assert en_route.max() > 0


def test_bad_files_raise_input_error_naming_the_file(tmp_path):
    missing = tmp_path / "missing.h5"
    with pytest.raises(arteria.InputError) as error:
        arteria.Results(missing)
    assert error.value.file == str(missing)
    foreign = tmp_path / "foreign.h5"
    with h5py.File(foreign, "w") as f:
        f["x"] = [1, 2]
    with pytest.raises(arteria.InputError, match="without Arteria's seal"):
        arteria.Results(foreign)
    text = tmp_path / "text.h5"
    text.write_text("hello")
    with pytest.raises(ValueError, match="not a run file"):
        arteria.Results(text)
    # Sealed, but not a run's layout.
    sealed = tmp_path / "sealed.h5"
    with h5py.File(sealed, "w", userblock_size=512) as f:
        f["x"] = [1, 2]
    _arteria.seal_file(str(sealed), _arteria.RUN_FILE_MAGIC)
    with pytest.raises(arteria.InputError, match="not an Arteria run"):
        arteria.Results(sealed)
    # Changed after it was written.
    with open(sealed, "ab") as f:
        f.write(b"x")
    with pytest.raises(arteria.InputError, match="truncated or was extended"):
        arteria.Results(sealed)


def test_a_run_without_trip_rows_still_has_its_series(tmp_path):
    from helpers import SMALL_TOWN
    scenario = arteria.Scenario.load(str(SMALL_TOWN), ["output.trips=false"])
    results = arteria.run(scenario, tmp_path / "no_trips.h5", threads=1)
    assert not results.has_trips and results.trips.empty
    en_route = results.vehicles_en_route()  # from link occupancy instead
    assert len(en_route) == len(results.time_s) and en_route.max() > 0
