"""Emissions per district and per vehicle class (arteria/districts.py, Results.class_emissions):
links assigned by their midpoint, district sums that add up to the run's, the change between
two runs, bad district files, and the bar chart."""
import numpy as np
import pytest

import arteria
import helpers
from arteria.districts import (OUTSIDE, Districts, emission_change_by_district,
                               emissions_by_district, save_district_change_chart)

grid_runs = helpers.grid_runs  # a fixture

# The small grid is 11 x 11 nodes 200 m apart (0..2000 m), the river between rows 5 and 6; link
# midpoints lie on multiples of 100 m, so these edges (at 1150 and 1050 m) split none.
SOUTH = [(-100, -100), (2100, -100), (2100, 1150), (-100, 1150)]
NORTH_WEST = [(-100, 1150), (1050, 1150), (1050, 2100), (-100, 2100)]


def test_a_link_belongs_to_the_district_of_its_midpoint(grid_runs):
    base = grid_runs[0]
    districts = Districts({"south": SOUTH, "north-west": NORTH_WEST})
    found = districts.link_districts(base)
    assigned = dict(zip(base.link_ids, found))
    # By hand: 0_0>1_0 has its midpoint at (100, 0); the bridge 5_5>5_6 at (1000, 1100);
    # 0_8>1_8 at (100, 1600); 5_8>5_9 at (1000, 1700); 9_8>10_8 at (1900, 1600), in neither.
    assert assigned["0_0>1_0"] == "south"
    assert assigned["5_5>5_6"] == "south"
    assert assigned["0_8>1_8"] == "north-west"
    assert assigned["5_8>5_9"] == "north-west"
    assert assigned["9_8>10_8"] == OUTSIDE
    # And every link by the same rule, from its end nodes.
    x, y = base.nodes["x_m"].to_numpy(), base.nodes["y_m"].to_numpy()
    start, end = base.links["from"].to_numpy(), base.links["to"].to_numpy()
    mid_x, mid_y = (x[start] + x[end]) / 2, (y[start] + y[end]) / 2
    expected = np.where(mid_y < 1150, "south", np.where(mid_x < 1050, "north-west", OUTSIDE))
    assert list(found) == list(expected)


def test_district_totals_add_up_to_the_run(grid_runs):
    base = grid_runs[0]
    table = base.emissions_by_district({"south": SOUTH, "north-west": NORTH_WEST})
    assert list(table.index) == ["south", "north-west", OUTSIDE]
    per_link = base.link_emissions()
    for name in ("co2_kg", "nox_kg", "pm25_kg", "fuel_kg"):
        assert table[name].sum() == pytest.approx(per_link[name].sum(), rel=1e-9)
        assert table[name].sum() == pytest.approx(base.kpis[name], rel=1e-5)
    assert (table["co2_kg"] > 0).all()
    outflow = base.link_array("outflow").astype(np.float64).sum()
    assert table["vehicle_km"].sum() == pytest.approx(
        (base.link_array("outflow").astype(np.float64).sum(axis=0)
         * base.links["length_m"].to_numpy() / 1000.0).sum())
    assert outflow > 0


def test_the_default_districts_are_the_compare_grid(grid_runs):
    table = grid_runs[0].emissions_by_district()
    assert OUTSIDE not in table.index  # the cells cover every node, so every midpoint
    assert table.index[0] == "A1"
    assert table["co2_kg"].sum() == pytest.approx(grid_runs[0].kpis["co2_kg"], rel=1e-5)


def test_the_change_per_district_is_variant_minus_base(grid_runs, tmp_path):
    base, closure = grid_runs
    polygons = {"south": SOUTH, "north-west": NORTH_WEST}
    change = emission_change_by_district(base, closure, polygons)
    before = emissions_by_district(base, polygons)
    after = emissions_by_district(closure, polygons)
    for p in ("co2", "nox", "pm25"):
        np.testing.assert_allclose(change[f"{p}_change_kg"], after[f"{p}_kg"] - before[f"{p}_kg"])
        np.testing.assert_allclose(change[f"{p}_change_pct"],
                                   100 * (after[f"{p}_kg"] / before[f"{p}_kg"] - 1))
    # The closed middle bridge moves traffic, and so exhaust, between districts.
    assert np.abs(change["co2_change_kg"]).max() > 0
    chart = save_district_change_chart(tmp_path / "districts.png", change, title="closure")
    assert chart.stat().st_size > 10_000


def test_districts_from_a_csv_file(grid_runs, tmp_path):
    path = tmp_path / "districts.csv"
    rows = ["district,x_m,y_m"] + [f"south,{x},{y}" for x, y in SOUTH]
    path.write_text("\n".join(rows) + "\n")
    table = grid_runs[0].emissions_by_district(str(path))
    assert list(table.index) == ["south", OUTSIDE]


@pytest.mark.parametrize("text, message", [
    ("name,x_m,y_m\nsouth,0,0\n", "line 1: no column district"),
    ("district,x_m,y_m\nsouth,0,0\nsouth,1,zero\nsouth,1,1\n", "line 3: 'zero' is not a number"),
    ("district,x_m,y_m\nsouth,0,0\nsouth,1,0\n", "district 'south' has 2 corners"),
    ("district,x_m,y_m\n", "no districts"),
])
def test_a_bad_district_file_names_the_file_line_and_field(grid_runs, tmp_path, text, message):
    path = tmp_path / "districts.csv"
    path.write_text(text)
    with pytest.raises(arteria.InputError, match=message) as error:
        grid_runs[0].emissions_by_district(str(path))
    assert str(path) in str(error.value)


def test_class_emissions_split_the_totals_by_class(tmp_path):
    scenario = helpers.small_grid()
    for i in range(30):
        scenario.add_trip("1_1", "9_9", 7 * 3600 + 60 * i, vehicle_class="truck")
        scenario.add_trip("9_9", "1_1", 7 * 3600 + 60 * i, vehicle_class="bus")
    run = arteria.run(scenario, tmp_path / "classes.h5", threads=2)
    classes = run.class_emissions()
    assert list(classes.index[:5]) == ["car", "truck", "bus", "emergency", "electric_car"]
    assert list(classes["emission"][:3]) == ["petrol_car", "diesel_truck", "urban_bus"]
    for name in ("co2_kg", "nox_kg", "pm25_kg", "fuel_kg"):
        assert classes[name].sum() == pytest.approx(run.kpis[name], rel=1e-5)
    # 30 trucks from 1_1 to 9_9, at least 16 blocks of 200 m each (3.2 km; a trip's distance
    # counts as its vehicle leaves each link); a truck emits several times a car's CO2 per km.
    assert classes.loc["truck", "vehicle_km"] >= 0.9 * 30 * 3.2
    truck_per_km = classes.loc["truck", "co2_kg"] / classes.loc["truck", "vehicle_km"]
    car_per_km = classes.loc["car", "co2_kg"] / classes.loc["car", "vehicle_km"]
    assert truck_per_km > 3 * car_per_km
    assert classes.loc["emergency", "vehicle_km"] == 0
