"""Select-link analysis and the routes it reads: runs with output.routes = true write the links
each trip drove (re-routes included), and `compare --select-link` traces a link's traffic."""
import numpy as np
import pytest

import arteria
import helpers
from arteria import select_link
from helpers import BRIDGE


routed_runs = helpers.routed_grid_runs  # a fixture


@pytest.fixture(scope="module")
def en_route_run(tmp_path_factory):
    """The closure variant whose drivers also re-route on current link times every 5 minutes."""
    scenario = helpers.closure_variant(helpers.small_grid(
        "output.routes=true", "routing.en_route_period_s=300"))
    return arteria.run(scenario, tmp_path_factory.mktemp("en_route") / "run.h5", threads=2)


def test_driven_routes_are_connected_paths_that_add_up_to_the_link_counts(routed_runs,
                                                                          en_route_run):
    assert en_route_run.kpis["reroutes"] > routed_runs[1].kpis["reroutes"]
    for results in (*routed_runs, en_route_run):
        first, links = select_link.driven_routes(results)
        assert len(first) == len(results.trips) + 1
        # Every vehicle that entered a link is on one route: the routes add up to the inflow.
        entered = results.link_array("inflow").astype(np.float64).sum(axis=0)
        assert np.array_equal(np.bincount(links, minlength=len(entered)), entered)
        trips = results.trips
        from_node = results.links["from"].to_numpy()
        to_node = results.links["to"].to_numpy()
        for row in np.flatnonzero(trips["status"] == "arrived")[:500]:
            route = links[first[row]:first[row + 1]]
            assert from_node[route[0]] == trips["origin"][row]
            assert to_node[route[-1]] == trips["destination"][row]
            assert np.array_equal(to_node[route[:-1]], from_node[route[1:]])


def test_rerouted_trips_keep_the_links_they_drove_before_the_closure(routed_runs):
    variant = routed_runs[1]
    bridge = [int(np.flatnonzero(variant.link_ids == link)[0]) for link in BRIDGE]
    first, links = select_link.driven_routes(variant)
    rerouted = np.flatnonzero(variant.trips["reroutes"].to_numpy() > 0)
    assert rerouted.size
    # The routes as driven: no re-routed trip drove the bridge after the closure, and the
    # trips that crossed it before 07:30 still show it.
    over = select_link.trips_over(variant, bridge[0])
    assert over.size and (variant.trips["insert_s"].to_numpy()[over] < 7.5 * 3600).all()


def test_compare_select_link_traces_the_bridge_traffic(routed_runs, tmp_path):
    base, variant = routed_runs
    comparison = arteria.compare(base, variant, out_dir=tmp_path, select_link=BRIDGE[0])
    analysis = comparison.select_link
    over = select_link.trips_over(base, int(np.flatnonzero(base.link_ids == BRIDGE[0])[0]))
    assert len(analysis.trips) == over.size > 0
    assert analysis.origins["base"].sum() == over.size == analysis.destinations["base"].sum()
    # Every base trip over the bridge adds one to the bridge's select-link flow.
    assert analysis.flows.loc[BRIDGE[0], "base"] == over.size
    # In the variant fewer of them cross (closed from 07:30), and they drive other links.
    assert analysis.flows.loc[BRIDGE[0], "same_trips_variant"] < over.size
    assert analysis.trips["over_link_in_variant"].sum() < over.size
    assert (tmp_path / "select_link_5_5_5_6.png").exists()
    assert "select link 5_5>5_6" in str(comparison)


def test_select_link_needs_runs_with_routes(tmp_path):
    plain = arteria.run(helpers.small_grid("demand.trips=200"), tmp_path / "plain.h5", threads=1)
    with pytest.raises(arteria.InputError, match="output.routes = true"):
        arteria.compare(plain, plain, select_link=BRIDGE[0])


def test_cli_compare_select_link(routed_runs, run_cli, tmp_path):
    base, variant = routed_runs
    result = run_cli("compare", base.path, variant.path, "--select-link", BRIDGE[0])
    assert result.returncode == 0, result.stderr
    assert "select link 5_5>5_6" in result.stdout
    result = run_cli("compare", base.path, variant.path, "--select-link", "nowhere")
    assert result.returncode == 2 and "nowhere" in result.stderr


def test_routes_need_the_trip_table():
    with pytest.raises(arteria.InputError, match="routes"):
        helpers.small_grid("output.trips=false", "output.routes=true")


def test_driven_routes_are_the_same_at_one_and_two_threads(routed_runs, tmp_path):
    variant = routed_runs[1]
    again = arteria.run(helpers.closure_variant(helpers.small_grid("output.routes=true")),
                        tmp_path / "one_thread.h5", threads=1)
    for mine, theirs in zip(select_link.driven_routes(again), select_link.driven_routes(variant)):
        assert np.array_equal(mine, theirs)
