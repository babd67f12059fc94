"""arteria.compare / arteria.plot_run and the `arteria compare` / `arteria plot` commands."""
import os
import subprocess
import sys

import matplotlib.image
import numpy as np
import pytest

import arteria
import helpers
from helpers import BRIDGE

grid_runs = helpers.grid_runs  # a fixture

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_real_png(path):
    """A PNG that is not blank: a decodable image with many distinct colours."""
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    assert path.stat().st_size > 20_000
    image = matplotlib.image.imread(path)
    assert image.shape[0] > 300 and image.shape[1] > 300
    assert len(np.unique(image.reshape(-1, image.shape[2]), axis=0)) > 50


def test_kpi_table_has_absolute_and_relative_changes(grid_runs):
    base, variant = grid_runs
    comparison = arteria.compare(base.path, variant)
    table = comparison.kpis
    assert list(table.columns) == ["base", "variant", "change", "change_pct"]
    for row in ("trips completed", "trips not completed", "VKT (km)", "VHT (h)",
                "mean travel time incl. unfinished, counted to end of run (s)",
                "mean travel time, arrived trips only (s)", "mean delay, arrived trips only (s)",
                "not completed: stuck and removed", "reroutes"):
        assert row in table.index
    vht = table.loc["VHT (h)"]
    assert vht["base"] == base.kpis["vht_h"] and vht["variant"] == variant.kpis["vht_h"]
    assert vht["change"] == pytest.approx(vht["variant"] - vht["base"])
    assert vht["change_pct"] == pytest.approx(100 * vht["change"] / vht["base"])
    assert vht["change"] > 0  # a closed bridge costs time
    assert table.loc["reroutes", "variant"] > 0 == table.loc["reroutes", "base"]
    # 0 -> 0 has no % change
    assert np.isnan(table.loc["not completed: stuck and removed", "change_pct"])
    assert comparison.figures == {}  # nothing written without out_dir


def test_the_closed_bridge_tops_the_flow_changes(grid_runs):
    comparison = arteria.compare(*grid_runs, top_n=5)
    assert len(comparison.flow_decreases) == len(comparison.speed_decreases) == 5
    assert set(comparison.flow_decreases.index[:2]) == set(BRIDGE)
    assert (comparison.flow_decreases.loc[BRIDGE, "flow_change"] < 0).all()
    text = str(comparison)
    assert "trips completed" in text and BRIDGE[0] in text


def test_compare_writes_tables_and_figures(grid_runs, tmp_path):
    comparison = arteria.compare(*grid_runs, out_dir=tmp_path / "cmp")
    assert set(comparison.figures) == {"speed_change_map", "flow_change_map", "co2_change_map",
                                     "series", "travel_time_area_map"}
    for path in comparison.figures.values():
        assert_real_png(path)
    assert (tmp_path / "cmp" / "kpis.csv").read_text().startswith("kpi,base,variant")
    assert len(comparison.series) > 100 and comparison.series.max().max() > 0


def test_plot_run_draws_the_map_and_series(grid_runs, tmp_path):
    paths = arteria.plot_run(grid_runs[0], out_dir=tmp_path)
    assert set(paths) == {"speed_map", "vc_map", "series"}
    for path in paths.values():
        assert_real_png(path)


def test_cli_compare_and_plot(grid_runs, run_cli, tmp_path):
    base, variant = grid_runs
    result = run_cli("compare", base.path, variant.path, "--out", tmp_path / "cli", "--top", "3")
    assert result.returncode == 0, result.stderr
    assert "trips completed" in result.stdout
    assert "mean delay, arrived trips only (s)" in result.stdout
    assert_real_png(tmp_path / "cli" / "speed_change_map.png")
    result = run_cli("plot", variant.path, "--out", tmp_path / "plots")
    assert result.returncode == 0, result.stderr
    assert_real_png(tmp_path / "plots" / "closure-speed-map.png")


def test_cli_compare_names_a_missing_file(grid_runs, run_cli, tmp_path):
    result = run_cli("compare", grid_runs[0].path, tmp_path / "nowhere.h5")
    assert result.returncode == 2
    assert "nowhere.h5" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_python_module_rejects_a_file_that_is_not_a_run(tmp_path):
    bogus = tmp_path / "bogus.h5"
    bogus.write_text("not hdf5")
    result = subprocess.run([sys.executable, "-m", "arteria", "plot", str(bogus)],
                            capture_output=True, text=True, env=os.environ.copy(), timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith("arteria: error:") and "bogus.h5" in result.stderr


def test_change_map_scale_fits_the_changes_not_the_unchanged_links(grid_runs):
    """The colour scale of a change map is symmetric, spans the changes of the links that
    changed, however many did not, and leaves the largest changes the strongest colours."""
    from arteria import figures
    comparison = arteria.compare(*grid_runs)
    for column in ("speed_change_kmh", "flow_change"):
        change = comparison.links[column].to_numpy()
        norm = figures.change_norm(change)
        assert norm.vmin == -norm.vmax and norm.vcenter == 0.0
        changed = np.abs(change[np.isfinite(change) & (change != 0)])
        assert np.mean(changed <= norm.vmax) >= 0.95  # most changes drawn unsaturated
        assert changed.max() <= 4.0 * norm.vmax  # and the largest not ten times the scale
        # Ten times as many unchanged links leave the scale as it is.
        padded = np.concatenate([change, np.zeros(10 * change.size)])
        assert figures.change_limit(padded) == norm.vmax
    # The closed bridge lost the most flow: it takes the strongest colour.
    flow = comparison.links["flow_change"]
    assert (flow.loc[BRIDGE].abs() >= figures.change_limit(flow.to_numpy())).all()


def test_a_closed_corridor_is_not_hidden_by_ripples():
    """The issue's map: thousands of unchanged links, many ripples of +-0.4 km/h and a closed
    corridor at -40 km/h. The scale reaches a quarter of the corridor's change (a 98th
    percentile over all links gave 0.4, so the corridor was one colour with the ripples)."""
    from arteria import figures
    rng = np.random.default_rng(1)
    change = np.concatenate([np.zeros(3000), rng.uniform(-0.4, 0.4, 600), np.full(12, -40.0),
                             [np.nan, np.nan]])
    limit = figures.change_limit(change)
    assert limit == pytest.approx(10.0)
    assert np.percentile(np.abs(change[np.isfinite(change)]), 98) < 0.4  # the old scale
