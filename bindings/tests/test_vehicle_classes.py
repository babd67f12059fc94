"""Vehicle classes from Python: trips added with a class, the class table and the per-class
outflow read back from Results, emissions charged by each class's category."""
import numpy as np
import pytest

import arteria
import helpers

CORNERS = ("1_1", "9_9")  # two nodes of the small grid, across its river


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """The small grid with 40 electric cars and 40 trucks added between two of its nodes."""
    scenario = helpers.small_grid()
    origin, destination = CORNERS
    for i in range(40):
        scenario.add_trip(origin, destination, 7 * 3600 + 30 * i, vehicle_class="electric_car")
        scenario.add_trip(origin, destination, 7 * 3600 + 30 * i + 15, vehicle_class="truck")
    folder = tmp_path_factory.mktemp("classes")
    return arteria.run(scenario, folder / "mixed.h5", threads=2)


def test_an_unknown_class_is_refused_with_a_suggestion():
    scenario = helpers.small_grid()
    origin, destination = CORNERS
    with pytest.raises(ValueError, match="did you mean 'truck'"):
        scenario.add_trip(origin, destination, 7 * 3600, vehicle_class="truk")


def test_the_class_table_and_trips_name_the_classes(mixed_run):
    classes = mixed_run.vehicle_classes
    assert list(classes["name"][:5]) == ["car", "truck", "bus", "emergency", "electric_car"]
    assert classes["trips"][1] == 40 and classes["trips"][4] == 40
    assert classes["pcu"][1] == pytest.approx(2.5)
    trips = mixed_run.trips
    counts = trips["class_name"].value_counts()
    assert counts["truck"] == 40 and counts["electric_car"] == 40


def test_class_outflow_adds_up_to_the_outflow(mixed_run):
    by_class = mixed_run.class_outflow()
    assert set(by_class) == {"car", "truck", "electric_car"}
    total = sum(series.astype(np.float64) for series in by_class.values())
    np.testing.assert_array_equal(total, mixed_run.link_array("outflow"))
    assert by_class["truck"].sum() > 0


def test_each_class_is_charged_its_category_electric_cars_nothing(mixed_run):
    # Cars are charged the petrol car's factor and trucks the diesel truck's (Euro VI), both at
    # the link's mean speed; electric cars emit nothing. Coefficients: docs/EMISSIONS.md.
    by_class = mixed_run.class_outflow()
    cars = by_class["car"].astype(np.float64)
    trucks = by_class["truck"].astype(np.float64)
    length_km = mixed_run.links["length_m"].to_numpy() / 1000.0
    speed_kmh = np.clip(mixed_run.link_array("mean_speed_mps").astype(np.float64) * 3.6, 10, 130)
    v = speed_kmh / 3.6
    car_factor = np.maximum(8273.0 - 401.1 * v + 25.08 * v**2, 0.0) / speed_kmh
    truck_factor = (23530.0 + 1889.0 * v) / speed_kmh
    with np.errstate(invalid="ignore"):
        expected = np.where(cars + trucks > 0,
                            (cars * car_factor + trucks * truck_factor) * length_km, 0.0)
    np.testing.assert_allclose(mixed_run.emission_array("co2_g"), expected, rtol=1e-5, atol=1e-3)
    # The per-class totals split the run's: the electric cars drove but emitted nothing.
    totals = mixed_run.class_emissions()
    assert totals.loc["electric_car", "vehicle_km"] > 0
    assert totals.loc["electric_car", "co2_kg"] == 0
    assert totals["co2_kg"].sum() == pytest.approx(mixed_run.kpis["co2_kg"], rel=1e-5)
    assert totals.loc["truck", "co2_kg"] == pytest.approx(
        (trucks * truck_factor * length_km)[trucks > 0].sum() / 1000.0, rel=1e-5)
