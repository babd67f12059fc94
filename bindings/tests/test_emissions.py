"""Emissions in run files (docs/EMISSIONS.md): /emissions per link and bin from the link series,
their totals in /kpi, the same at 1 and 2 threads, and `arteria compare`'s emission rows."""
import shutil

import h5py
import numpy as np
import pytest

import arteria
import helpers
from helpers import contents

grid_runs = helpers.grid_runs  # a fixture

# The petrol car's CO2 curve as published (docs/EMISSIONS.md): g/h at v m/s, constant speed.
PETROL_CO2 = (8273.0, -401.1, 25.08, 0.0)


def petrol_co2_g_per_km(speed_kmh):
    kmh = np.clip(speed_kmh, 10.0, 130.0)
    v = kmh / 3.6
    c0, c3, c4, c5 = PETROL_CO2
    return np.maximum(c0 + c3 * v + c4 * v**2 + c5 * v**3, 0.0) / kmh


def test_co2_is_outflow_times_length_times_the_factor_at_the_bin_speed(grid_runs):
    run = grid_runs[0]
    outflow = run.link_array("outflow").astype(np.float64)
    speed_kmh = run.link_array("mean_speed_mps").astype(np.float64) * 3.6
    length_km = run.links["length_m"].to_numpy() / 1000.0
    car_links = (run.links["modes"].to_numpy().astype(np.int64) & 1) > 0  # guideways emit 0
    with np.errstate(invalid="ignore"):
        expected = np.where((outflow > 0) & car_links,
                            outflow * length_km * petrol_co2_g_per_km(speed_kmh), 0.0)
    co2 = run.emission_array("co2_g")
    assert co2.shape == outflow.shape
    # The distance the model charges is the run's VKT: every link driven, counted on leaving.
    assert (outflow * length_km).sum() == pytest.approx(run.kpis["vkt_km"], rel=1e-6)
    np.testing.assert_allclose(co2, expected, rtol=1e-5, atol=1e-3)
    assert co2.sum() > 0


def test_kpi_totals_are_the_sums_of_the_series(grid_runs):
    run = grid_runs[0]
    assert run.has_emissions
    per_link = run.link_emissions()
    for name in ("co2", "nox", "pm25", "fuel"):
        total = run.emission_array(f"{name}_g").astype(np.float64).sum() / 1000.0
        assert run.kpis[f"{name}_kg"] == pytest.approx(total, rel=1e-9)
        assert per_link[f"{name}_kg"].sum() == pytest.approx(total, rel=1e-9)
        assert total > 0
    # Petrol burns to about 3.1 kg CO2 per kg (HBEFA's curves: 3.13-3.14).
    assert 3.0 < run.kpis["co2_kg"] / run.kpis["fuel_kg"] < 3.3
    with h5py.File(run.path, "r") as f:
        assert f["emissions"].attrs["vehicle_class"] == "petrol_car"


def test_emissions_are_the_same_at_1_and_2_threads(tmp_path):
    scenario = helpers.small_grid()
    one = arteria.run(scenario, tmp_path / "one.h5", threads=1)
    two = arteria.run(scenario, tmp_path / "two.h5", threads=2)
    a, b = contents(one.path), contents(two.path)
    emission_items = [k for k in a if k.startswith("emissions") or k.startswith("kpi@co2")]
    assert "emissions/co2_g" in emission_items and "kpi@co2_kg" in emission_items
    assert a == b


def test_compare_shows_the_emission_change(grid_runs):
    base, variant = grid_runs
    comparison = arteria.compare(base, variant, top_n=5)
    table = comparison.kpis
    for row, name in (("CO2 (kg)", "co2_kg"), ("NOx (kg)", "nox_kg"),
                      ("PM2.5 exhaust (kg)", "pm25_kg"), ("fuel (kg)", "fuel_kg")):
        assert table.loc[row, "base"] == pytest.approx(base.kpis[name])
        assert table.loc[row, "change"] == pytest.approx(variant.kpis[name] - base.kpis[name])
    links = comparison.links
    assert links["co2_change_kg"].to_numpy() == pytest.approx(
        (links["co2_variant_kg"] - links["co2_base_kg"]).to_numpy())
    # Traffic diverted from the closed bridge emits on the other crossings instead.
    assert (comparison.co2_increases["co2_change_kg"] > 0).all()
    assert len(comparison.co2_increases) == 5
    assert "links with the largest increase in CO2" in str(comparison)


def test_the_run_summary_names_the_classes_its_exhaust_leaves_out(run_cli, tmp_path):
    # Trucks are counted (diesel truck factors); a class set to emission "none" is not, and a
    # total without it must say so, not pass for the whole traffic's.
    town = tmp_path / "town"
    shutil.copytree(helpers.SMALL_TOWN.parent, town)
    rows = (town / "trips.csv").read_text().splitlines()
    rows = [rows[0] + ",class"] + [row + ("," + ("truck" if i % 2 else "car"))
                                     for i, row in enumerate(rows[1:])]
    (town / "trips.csv").write_text("\n".join(rows) + "\n")
    with_trucks = run_cli("run", town / "scenario.toml", "--out", tmp_path / "trucks.h5")
    assert with_trucks.returncode == 0, with_trucks.stderr
    assert "exhaust, each vehicle class by its category: CO2" in with_trucks.stdout
    info = run_cli("info", tmp_path / "trucks.h5")
    assert "exhaust    CO2" in info.stdout and "not counted" not in info.stdout
    scenario = town / "scenario.toml"
    scenario.write_text(scenario.read_text()
                        + '\n[[vehicle_classes]]\nname = "truck"\nemission = "none"\n')
    left_out = run_cli("run", scenario, "--out", tmp_path / "left_out.h5")
    assert left_out.returncode == 0, left_out.stderr
    assert 'exhaust, each vehicle class by its category (not counted, emission "none": truck)' \
        in left_out.stdout
    info = run_cli("info", tmp_path / "left_out.h5")
    assert 'exhaust    (not counted, emission "none": truck) CO2' in info.stdout


def test_a_run_without_the_series_keeps_the_totals(run_cli, grid_runs, tmp_path):
    # [output] emissions = false: no /emissions group; /kpi has the same totals; compare and
    # the district table say what they can and cannot do with such a file.
    out = tmp_path / "no_emissions.h5"
    result = run_cli("run", "--set", "network.grid.columns=11", "--set", "network.grid.rows=11",
                     "--set", "demand.trips=3000", "--set", "output.emissions=false",
                     "--threads", "2", "--out", out)
    assert result.returncode == 0, result.stderr
    with h5py.File(out, "r") as f:
        assert "emissions" not in f
    run = arteria.Results(out)
    assert not run.has_emissions
    assert run.kpis["co2_kg"] == pytest.approx(grid_runs[0].kpis["co2_kg"], rel=1e-12)
    comparison = arteria.compare(grid_runs[0], run, out_dir=tmp_path / "compare")
    assert "co2_change_map" not in comparison.figures
    assert "CO2" not in str(comparison)
    with pytest.raises(arteria.InputError, match="no /emissions"):
        run.emissions_by_district()
