"""arteria.assign, Assignment, Scenario.use_routes and comparing assignment files."""
import numpy as np
import pandas as pd
import pytest

import arteria
from conftest import REPO

SIOUX = REPO / "scenarios" / "siouxfalls" / "scenario.toml"
ROADWORKS = REPO / "scenarios" / "siouxfalls_roadworks" / "scenario.toml"
BEST_FLOWS = REPO.parent / "shared" / "data" / "tntp" / "SiouxFalls" / "SiouxFalls_flow.tntp"


@pytest.fixture(scope="module")
def sioux():
    return arteria.assign(SIOUX, gap=1e-8, max_iterations=500)


def test_sioux_falls_matches_the_published_equilibrium(sioux):
    assert sioux.stop_reason == "converged"
    assert sioux.relative_gap <= 1e-8
    best = pd.read_csv(BEST_FLOWS, sep=r"\s+", usecols=[0, 1, 2],
                       names=["from", "to", "flow"], skiprows=1)
    mine = sioux.links.assign(key=sioux.links["from"] + "-" + sioux.links["to"]).set_index("key")
    expected = best.assign(key=best["from"].astype(str) + "-" + best["to"].astype(str))
    got = mine.loc[expected["key"], "flow"].to_numpy()
    np.testing.assert_allclose(got, expected["flow"].to_numpy(), rtol=1e-3)


def test_tables_have_the_documented_shapes(sioux):
    assert list(sioux.links.columns[:7]) == ["id", "from", "to", "flow", "cost_s",
                                             "capacity_vph", "v/c"]
    assert len(sioux.links) == 76 and sioux.link_flow.shape == (76,)
    assert list(sioux.gap_curve.columns) == ["iteration", "relative_gap", "objective",
                                             "elapsed_s"]
    assert len(sioux.gap_curve) == sioux.iterations + 1
    assert sioux.unreachable == []
    paths = sioux.od_paths("1", "20")
    assert list(paths.columns) == ["links", "flow"]
    assert paths["flow"].sum() == pytest.approx(300.0)


def test_save_and_load_round_trip(sioux, tmp_path):
    loaded = arteria.Assignment.load(sioux.save(tmp_path / "a.h5"))
    np.testing.assert_array_equal(loaded.link_flow, sioux.link_flow)
    assert loaded.objective == pytest.approx(sioux.objective)
    pd.testing.assert_frame_equal(loaded.od_paths("1", "20"), sioux.od_paths("1", "20"))
    assert sioux.plot_gap() is not None


def test_use_routes_changes_the_run(sioux, tmp_path):
    shortest = arteria.run(arteria.Scenario.load(str(SIOUX)), tmp_path / "sp.h5", threads=2)
    scenario = arteria.Scenario.load(str(SIOUX))
    assert scenario.use_routes(sioux) == scenario.trip_count
    routed = arteria.run(scenario, tmp_path / "eq.h5", threads=2)
    assert routed.meta["routes"] == "equilibrium"
    assert shortest.meta["routes"] == "shortest_path"
    assert routed.kpis["mean_travel_time_s"] < shortest.kpis["mean_travel_time_s"]
    with pytest.raises(ValueError, match="equilibrium routes already"):
        scenario.use_routes(sioux)


def test_bad_arguments_are_errors():
    with pytest.raises(ValueError, match="algorithm"):
        arteria.assign(SIOUX, algorithm="simplex")
    with pytest.raises(ValueError, match="gap"):
        arteria.assign(SIOUX, gap=0)
    with pytest.raises(ValueError, match="max_iterations"):
        arteria.assign(SIOUX, max_iterations=0)
    with pytest.raises(arteria.InputError, match="no such file|cannot"):
        arteria.assign(REPO / "no" / "such.toml")


def test_a_closure_cutting_a_pair_off_names_it(tmp_path):
    scenario = arteria.Scenario.load(str(SIOUX))
    # Zone 1's only ways out: links 1 (1 -> 2) and 2 (1 -> 3).
    for link in ("1", "2"):
        scenario.add_event(scenario.start_s, "close_link", link=link)
    with pytest.raises(arteria.InputError, match=r"have no path, e.g. 1 -> 2"):
        arteria.assign(scenario)
    result = arteria.assign(scenario, allow_unreachable=True)
    assert ("1", "2") in result.unreachable
    assert result.links.set_index("id").loc[["1", "2"], "flow"].eq(0).all()


def test_compare_two_assignments(sioux, tmp_path, run_cli):
    base = sioux.save(tmp_path / "base.h5")
    variant = arteria.assign(ROADWORKS).save(tmp_path / "roadworks.h5")
    comparison = arteria.compare(base, variant, out_dir=tmp_path / "cmp", top_n=5)
    assert comparison.summary.loc["closed links", "variant"] == 2
    assert comparison.summary.loc["total system travel time (veh*h/h)", "change"] > 0
    assert set(comparison.top_flow.index[:2]) == {"28", "43"}
    # Closed links have no travel cost to compare; open ones do.
    assert comparison.links.loc[["28", "43"], "cost_change_s"].isna().all()
    assert comparison.links.drop(index=["28", "43"])["cost_change_s"].notna().all()
    assert (tmp_path / "cmp" / "flow_change_map.png").is_file()
    done = run_cli("compare", base, variant)
    assert done.returncode == 0, done.stderr
    assert "links with the largest change in flow" in done.stdout


def test_compare_refuses_a_run_against_an_assignment(sioux, tmp_path):
    base = sioux.save(tmp_path / "base.h5")
    run = arteria.run(arteria.Scenario.load(str(SIOUX)), tmp_path / "run.h5", threads=1)
    with pytest.raises(arteria.InputError, match="two runs or two assignments"):
        arteria.compare(base, run.path)
