"""Numbers that cannot mislead: trips not completed beside every mean, the travel time incl.
unfinished trips, runs kept going until the network clears, stuck vehicles counted alike in
tables and series, and compare's tables (issue 14)."""
import math

import numpy as np
import pytest

import arteria
import helpers

grid_runs = helpers.grid_runs  # a fixture
town_run = helpers.town_run  # a fixture

# A small grid whose demand peaks just before the end, with short patience at the head of a
# queue: with the middle bridge closed the run ends with thousands of trips en route, waiting
# to get in and removed as stuck.
CONGESTED = ["demand.trips=20000", "demand.peak_s=06:45", "demand.end_s=07:00",
             "simulation.end=07:00", "simulation.stuck_time_s=60",
             'simulation.stuck_action="remove"']


@pytest.fixture(scope="module")
def congested(tmp_path_factory):
    """(base, closed, closed run until clear) Results of the congested small grid."""
    folder = tmp_path_factory.mktemp("congested")
    base = helpers.small_grid(*CONGESTED)
    closed = helpers.closure_variant(base, at_s=6.25 * 3600)
    return (arteria.run(base, folder / "base.h5", threads=2),
            arteria.run(closed, folder / "closed.h5", threads=2),
            arteria.run(closed, folder / "closed_clear.h5", threads=2, until_clear=True))


def test_kpis_count_the_trips_a_run_did_not_complete(congested):
    k = congested[1].kpis
    assert k["vehicles_en_route"] > 0 and k["vehicles_waiting"] > 0 and k["vehicles_stuck"] > 0
    assert k["vehicles_unfinished"] == (k["vehicles_en_route"] + k["vehicles_waiting"]
                                        + k["vehicles_stuck"])
    assert k["network_cleared"] == 0 and k["stopped_at_s"] == congested[1].meta["end_s"]
    # Unfinished trips count to the end: the honest mean is far above the arrived-only one.
    assert k["mean_travel_time_incl_unfinished_s"] > 1.2 * k["mean_travel_time_s"]
    c = congested[1].completion()
    assert c["trips_not_completed"] == k["vehicles_unfinished"] and not c["network_cleared"]
    assert "did not clear" in congested[1].warnings()[0]


def test_trip_table_gives_the_kpis_of_the_file(congested):
    run = congested[1]
    k, t = run.kpis, run.trip_kpis()
    assert t["trips completed"] == k["vehicles_arrived"]
    assert t["trips not completed"] == k["vehicles_unfinished"]
    assert (t["en route at end"], t["never got in"], t["stuck and removed"]) == (
        k["vehicles_en_route"], k["vehicles_waiting"], k["vehicles_stuck"])
    assert t["mean travel time incl. unfinished"] == pytest.approx(
        k["mean_travel_time_incl_unfinished_s"])
    assert t["mean travel time, arrived only"] == pytest.approx(k["mean_travel_time_s"])
    assert t["mean delay, arrived only"] == pytest.approx(k["mean_delay_s"], rel=1e-6)


def test_en_route_series_and_table_agree_with_stuck_vehicles(congested):
    run = congested[1]
    assert run.kpis["vehicles_stuck"] > 0
    series = run.vehicles_en_route()
    assert series.index[-1] == run.stopped_at_s
    assert series.iloc[-1] == run.kpis["vehicles_en_route"]
    stuck = run.trips[run.trips["status"] == "stuck"]
    assert stuck["removed_s"].notna().all() and stuck["arrive_s"].isna().all()
    assert (stuck["removed_s"] >= stuck["insert_s"]).all()


def test_until_clear_runs_on_until_every_due_trip_finished(congested):
    stopped, cleared = congested[1], congested[2]
    k = cleared.kpis
    assert k["network_cleared"] == 1 and k["vehicles_en_route"] == 0
    assert k["vehicles_waiting"] == 0
    assert k["stopped_at_s"] > cleared.meta["end_s"] == stopped.meta["end_s"]
    assert k["vehicles_arrived"] + k["vehicles_stuck"] == k["vehicles_inserted"] == 20000
    assert cleared.vehicles_en_route().iloc[-1] == 0
    # Followed to their arrival, the unfinished trips took longer than "counted to the end".
    assert (k["mean_travel_time_incl_unfinished_s"]
            > stopped.kpis["mean_travel_time_incl_unfinished_s"])
    assert cleared.time_s[-1] > cleared.meta["end_s"]  # the series go on past the end


def test_until_clear_stops_at_the_cap(tmp_path):
    closed = helpers.closure_variant(helpers.small_grid(*CONGESTED), at_s=6.25 * 3600)
    capped = arteria.run(closed, tmp_path / "capped.h5", threads=2, clear_cap="07:05")
    assert capped.kpis["stopped_at_s"] == 7 * 3600 + 300
    assert capped.kpis["network_cleared"] == 0
    with pytest.raises(ValueError, match="not a time"):
        arteria.run(closed, tmp_path / "bad.h5", clear_cap="soon")


def test_compare_withholds_arrived_only_changes_when_completion_differs(congested):
    comparison = arteria.compare(congested[0], congested[1])
    table = comparison.kpis
    assert list(table.index[:5]) == ["trips completed", "trips not completed",
                                     "not completed: en route at end",
                                     "not completed: never got in",
                                     "not completed: stuck and removed"]
    for row in ("mean travel time, arrived trips only (s)", "mean delay, arrived trips only (s)"):
        assert math.isnan(table.loc[row, "change"]) and math.isnan(table.loc[row, "change_pct"])
    honest = "mean travel time incl. unfinished, counted to end of run (s)"
    assert table.loc[honest, "change"] == pytest.approx(
        congested[1].kpis["mean_travel_time_incl_unfinished_s"]
        - congested[0].kpis["mean_travel_time_incl_unfinished_s"])
    assert any("the variant did not clear" in w for w in comparison.warnings)
    assert any("different numbers of trips" in w for w in comparison.warnings)
    text = str(comparison)
    assert "did not clear" in text.split("\n\n")[0]  # before any table
    completed = int(table.loc["trips completed", "variant"])
    line = next(li for li in text.splitlines() if li.startswith("trips completed"))
    assert f"{completed:,}" in line and ".00" not in line


def test_compare_keeps_arrived_only_changes_when_both_clear(grid_runs):
    table = arteria.compare(*grid_runs).kpis
    assert table.loc["trips not completed", "base"] == table.loc["trips not completed",
                                                                 "variant"] == 0
    assert table.loc["mean travel time, arrived trips only (s)", "change"] > 0


def test_compare_refuses_runs_of_different_networks(grid_runs, town_run, run_cli):
    with pytest.raises(arteria.InputError, match="another network"):
        arteria.compare(grid_runs[0], town_run)
    result = run_cli("compare", grid_runs[0].path, town_run.path)
    assert result.returncode == 2
    assert "another network" in result.stderr and result.stdout == ""


def test_compare_lists_increases_and_decreases_apart(grid_runs):
    comparison = arteria.compare(*grid_runs, top_n=5)
    up, down = comparison.flow_increases["flow_change"], comparison.flow_decreases["flow_change"]
    assert len(up) == len(down) == 5
    assert (up > 0).all() and (np.diff(up.to_numpy()) <= 0).all()
    assert (down < 0).all() and (np.diff(down.to_numpy()) >= 0).all()
    assert set(comparison.flow_decreases.index[:2]) == set(helpers.BRIDGE)
    assert (comparison.speed_increases["speed_change_kmh"] > 0).all()
    assert (comparison.speed_decreases["speed_change_kmh"] < 0).all()
    text = str(comparison)
    assert "largest increase in flow" in text and "largest decrease in flow" in text


def test_compare_window_and_travel_time_tables(congested, run_cli, tmp_path):
    base, closed = congested[0], congested[1]
    whole = arteria.compare(base, closed)
    assert whole.by_hour["trips base"].sum() == 20000
    assert (np.diff(whole.percentiles["variant"].to_numpy()) >= 0).all()
    due = closed.trips
    median = np.median(np.where(due["status"] == "arrived", due["arrive_s"],
                                closed.stopped_at_s) - due["depart_s"])
    assert whole.percentiles.loc["p50", "variant"] == pytest.approx(median)
    window = arteria.compare(base, closed, start_s=6.5 * 3600, end_s=7 * 3600)
    departing = ((closed.trips["depart_s"] >= 6.5 * 3600)
                 & (closed.trips["depart_s"] < 7 * 3600)).sum()
    assert window.kpis.loc["trips departing", "variant"] == departing < 20000
    assert window.by_hour.index.tolist() == ["06:00"]
    result = run_cli("compare", base.path, closed.path, "--from", "06:30", "--to", "07:00",
                     "--out", tmp_path / "cmp")
    assert result.returncode == 0, result.stderr
    assert "road trips departing 06:30 to 07:00" in result.stdout
    assert "did not clear" in result.stderr
    assert (tmp_path / "cmp" / "travel_time_by_hour.csv").is_file()
    assert (tmp_path / "cmp" / "travel_time_percentiles.csv").is_file()


CLI_CONGESTED = ["--set", "network.grid.columns=11", "--set", "network.grid.rows=11"] + [
    word for setting in CONGESTED for word in ("--set", setting)]


def test_cli_run_and_info_say_when_a_run_did_not_clear(run_cli, tmp_path):
    out = tmp_path / "short.h5"
    result = run_cli("run", "--threads", "2", "--out", out, *CLI_CONGESTED)
    assert result.returncode == 0, result.stderr
    assert "trips completed" in result.stdout and "not completed" in result.stdout
    assert "incl. unfinished (counted to the end of the run, 07:00:00)" in result.stdout
    assert "warning: the network did not clear by 07:00:00" in result.stderr
    assert "--until-clear" in result.stderr
    info = run_cli("info", out)
    assert info.returncode == 0, info.stderr
    assert "incl. unfinished" in info.stdout and "did not clear" in info.stderr
    cleared = run_cli("run", "--threads", "2", "--out", tmp_path / "clear.h5", "--until-clear",
                      *CLI_CONGESTED)
    assert cleared.returncode == 0, cleared.stderr
    assert "ran past the scenario's end (07:00:00) to " in cleared.stdout
    assert ": the network cleared" in cleared.stdout
    assert "did not clear" not in cleared.stderr
    assert "removed as stuck" in cleared.stderr  # cleared, but stuck trips never arrived
    capped = run_cli("run", "--threads", "2", "--out", tmp_path / "cap.h5", "--clear-cap",
                     "07:05", *CLI_CONGESTED)
    assert capped.returncode == 0, capped.stderr
    assert "to 07:05:00: the cap came first" in capped.stdout
    bad = run_cli("run", "--clear-cap", "soon")
    assert bad.returncode != 0 and "not a time" in bad.stderr


def test_cli_info_lists_the_busiest_and_most_delayed_links(grid_runs, run_cli):
    variant = grid_runs[1]
    result = run_cli("info", variant.path, "--top-links", "3")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    busiest = text[text.index("busiest links"):text.index("most delayed links")]
    delayed = text[text.index("most delayed links"):]
    totals = variant.link_totals()
    top = totals.sort_values("flow_veh", ascending=False, kind="stable")["id"].iloc[0]
    assert busiest.splitlines()[2].split()[0] == top
    assert len(busiest.strip().splitlines()) == 2 + 3 and len(delayed.strip().splitlines()) == 5
    # Delay = vehicle-hours on the link above those at free flow, by hand for the top row.
    row = delayed.splitlines()[2].split()
    link = variant.links.index[variant.links["id"] == row[0]][0]
    hours = variant.link_array("occupancy")[:, link].astype(float) * variant.bin_s / 3600
    stop = variant.stopped_at_s - variant.time_s[-1]
    hours[-1] *= min(stop, variant.bin_s) / variant.bin_s
    free = (totals.loc[link, "flow_veh"] * variant.links.loc[link, "length_m"]
            / variant.links.loc[link, "free_speed_mps"] / 3600)
    assert float(row[4]) == pytest.approx(hours.sum() - free, abs=0.06)


def test_until_clear_with_a_timetable_starts_nothing_after_the_end(tmp_path):
    cairns = helpers.REPO / "scenarios" / "cairns" / "scenario.toml"
    scenario = arteria.Scenario.load(str(cairns), ["simulation.end=08:00"])
    run = arteria.run(scenario, tmp_path / "cairns.h5", threads=2, until_clear=True)
    k = run.kpis
    assert k["network_cleared"] == 1
    assert run.meta["end_s"] < k["stopped_at_s"] < run.meta["end_s"] + 12 * 3600
    assert k["vehicles_waiting"] == 0 and k["vehicles_en_route"] == 0
    trips = run.transit_trips()
    assert (trips["status"] != "en_route").all()
    late = trips["status"] == "not_started"
    assert late.sum() > 100  # the rest of the day's timetable
    assert k["vehicles_not_departed"] == late.sum()
    assert k["passengers_en_route"] == 0


def test_until_clear_is_the_same_at_one_and_two_threads(congested, tmp_path):
    closed = helpers.closure_variant(helpers.small_grid(*CONGESTED), at_s=6.25 * 3600)
    one = arteria.run(closed, tmp_path / "one.h5", threads=1, until_clear=True)
    assert helpers.contents(one.path) == helpers.contents(congested[2].path)
