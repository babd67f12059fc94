"""Timetable edits from Python (Scenario.add_line, set_headway, cancel_trips, set_capacity):
each rebuilds the scenario, so a run afterwards runs the edited timetable, the same one a file
listing the change as [[transit.changes]] gives; a bad edit raises ValueError and changes
nothing."""
import pytest

import arteria
from helpers import REPO

CAIRNS = REPO / "scenarios" / "cairns" / "scenario.toml"
# A morning of Cairns with few passengers: quick, and enough buses to edit.
MORNING = ["passengers.count=500", "passengers.end=10:00", "simulation.end=12:00"]


@pytest.fixture
def cairns():
    return arteria.Scenario.load(str(CAIRNS), MORNING)


def busiest_route(scenario, tmp_path):
    trips = arteria.run(scenario, tmp_path / "base.h5", threads=2).transit_trips()
    return trips["route_id"].value_counts().index[0], trips


def test_add_line_runs_the_new_line_and_carries_passengers(cairns, tmp_path):
    trips_before = len(cairns.transit_trip_ids)
    stops = cairns.transit_stop_ids
    cairns.add_line("relief", [stops[0], stops[40], stops[80]], name="relief line",
                    headway_s=600, first="06:00", last="11:00", speed_kmh=25)
    # 06:00 to 11:00 every 10 min: 31 trips, after the feed's.
    assert len(cairns.transit_trip_ids) == trips_before + 31
    assert cairns.transit_trip_ids[-31:][0] == "relief#0"
    assert "relief" in cairns.transit_route_ids
    results = arteria.run(cairns, tmp_path / "relief.h5", threads=2)
    trips = results.transit_trips()
    relief = trips[trips["route_id"] == "relief"]
    assert len(relief) == 31
    assert (relief["route_name"] == "relief line").all()
    assert (relief["status"] == "completed").all()
    assert results.kpis["transit_trips"] == trips_before + 31


def test_cancel_trips_removes_them_from_the_run(cairns, tmp_path):
    route, before = busiest_route(cairns, tmp_path)
    of_route = (before["route_id"] == route).sum()
    removed = cairns.cancel_trips(route, from_="07:00", to="09:00")
    assert 0 < removed < of_route
    trips = arteria.run(cairns, tmp_path / "cancel.h5", threads=2).transit_trips()
    assert len(trips) == len(before) - removed
    kept = trips[trips["route_id"] == route]
    assert len(kept) == of_route - removed
    assert cairns.cancel_trips(route) == of_route - removed  # the rest: all of the route's trips


def test_set_headway_replaces_the_window_by_evenly_spaced_copies(cairns, tmp_path):
    route, _ = busiest_route(cairns, tmp_path)
    counts = cairns.set_headway(route, 300, from_=7 * 3600, to="09:00")
    # Each direction of the feed gets its own copies: "<route>@headway/<direction>#k".
    assert sorted(c["direction"] for c in counts) == [0, 1]
    calls = arteria.run(cairns, tmp_path / "headway.h5", threads=2).transit_calls()
    first = calls[(calls["sequence"] == calls.groupby("trip_id")["sequence"].transform("min"))]
    for count in counts:
        prefix = f"{route}@headway/{count['direction']}#"
        ids = [t for t in cairns.transit_trip_ids if t.startswith(prefix)]
        assert len(ids) == count["after"] >= 2
        starts = first.set_index("trip_id").loc[ids, "scheduled_departure_s"].to_numpy()
        assert ((starts[1:] - starts[:-1]) == 300).all()


def test_set_capacity_changes_the_vehicles_capacity(cairns, tmp_path):
    route, _ = busiest_route(cairns, tmp_path)
    cairns.set_capacity(route, seated=5, standing=0)
    trips = arteria.run(cairns, tmp_path / "capacity.h5", threads=2).transit_trips()
    of_route = trips[trips["route_id"] == route]
    assert (of_route["capacity"] == 5).all()
    assert (of_route["vehicle_type"] == f"bus@{route}").all()
    assert (trips[trips["route_id"] != route]["capacity"] == 70).all()


def test_an_edit_gives_what_the_same_change_in_a_file_gives(cairns, tmp_path):
    route = cairns.transit_route_ids[0]
    cairns.cancel_trips(route, from_="08:00", to="10:00")
    variant = tmp_path / "variant.toml"
    variant.write_text(CAIRNS.read_text() + f'\n[[transit.changes]]\nkind = "cancel_trips"\nroute = "{route}"\n'
                       'from = "08:00"\nto = "10:00"\n')
    from_file = arteria.Scenario.load(str(variant), MORNING)
    assert from_file.transit_trip_ids == cairns.transit_trip_ids
    a = arteria.run(cairns, tmp_path / "a.h5", threads=2)
    b = arteria.run(from_file, tmp_path / "b.h5", threads=2)
    assert a.kpis == b.kpis


def test_bad_edits_raise_value_error_and_change_nothing(cairns):
    trips = cairns.transit_trip_ids
    stop = cairns.transit_stop_ids[0]
    with pytest.raises(ValueError, match="stops: no stop 'nowhere' in the feed"):
        cairns.add_line("new", [stop, "nowhere"])
    with pytest.raises(ValueError, match="route: no route 'nope' in the feed"):
        cairns.cancel_trips("nope")
    with pytest.raises(ValueError, match="route: route '.*' exists already"):
        cairns.add_line(cairns.transit_route_ids[0], [stop, cairns.transit_stop_ids[1]])
    with pytest.raises(ValueError, match="last: is before 'first'"):
        cairns.add_line("new", [stop, cairns.transit_stop_ids[1]], first="09:00", last="08:00")
    with pytest.raises(ValueError, match="headway_s: must be positive"):
        cairns.set_headway(cairns.transit_route_ids[0], 0)
    with pytest.raises(ValueError, match="expected HH:MM"):
        cairns.cancel_trips(cairns.transit_route_ids[0], from_="morning")
    assert cairns.transit_trip_ids == trips


def test_edits_need_a_timetable_and_come_before_model_edits(cairns):
    with pytest.raises(ValueError, match="no timetable"):
        arteria.Scenario.default().cancel_trips("R")
    cairns.seed = 7  # parameters are kept through the rebuild
    cairns.cancel_trips(cairns.transit_route_ids[0], from_="08:00", to="09:00")
    assert cairns.seed == 7
    link = cairns.network.link_ids[0]
    cairns.set_link_speed(link, 30)
    with pytest.raises(ValueError, match="before links, events, trips or signal plans"):
        cairns.cancel_trips(cairns.transit_route_ids[0])
