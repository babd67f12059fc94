"""Every road feature at once on a real network: cars, electric cars, buses and port trucks
(freight gates, a class ban by road class within a window), emergency dispatches with drawn
incidents, en-route re-routing and emissions. The run conserves its vehicles and is the same
file at 1 and 2 threads."""
import subprocess

import arteria
from helpers import REPO

PORT = REPO / "scenarios" / "monaco_port"
GATES = ("252387589", "1079045383")  # the port gates, stations here too


def scenario_file(tmp_path):
    text = f'[scenario]\nname = "everything at once"\nbase = "{PORT / "truck_route.toml"}"\n'
    text += "\n[routing]\nen_route_period_s = 300\nen_route_share = 0.5\n"
    text += "\n[emergency]\nincidents_per_hour = 6\n"
    for k, node in enumerate(GATES):
        text += f'\n[[emergency_stations]]\nid = "station {k}"\nnode = "{node}"\n'
    path = tmp_path / "everything.toml"
    path.write_text(text)
    return path


def with_every_class(path):
    """The scenario with buses and electric cars between the port gates and the city's nodes."""
    scenario = arteria.Scenario.load(str(path), ["demand.trips=2000", "simulation.end=10:00"])
    nodes = scenario.network.node_ids
    for k in range(40):
        gate, node = GATES[k % 2], nodes[(k * 7919) % len(nodes)]
        origin, destination = (gate, node) if k % 4 < 2 else (node, gate)
        scenario.add_trip(origin, destination, 6 * 3600 + 60 * k,
                          vehicle_class="bus" if k % 2 else "electric_car")
    return scenario


def test_every_feature_at_once_is_identical_at_1_and_2_threads(arteria_cli, tmp_path):
    scenario = with_every_class(scenario_file(tmp_path))
    outputs = [tmp_path / f"t{threads}.h5" for threads in (1, 2)]
    for threads, out in zip((1, 2), outputs):
        arteria.run(scenario, out, threads=threads)
    compare = subprocess.run([str(arteria_cli.parent / "arteria_h5_compare"), *map(str, outputs)],
                             capture_output=True, text=True)
    assert compare.returncode == 0, compare.stdout[-2000:] + compare.stderr[-2000:]

    results = arteria.Results(outputs[1])
    k = results.kpis
    # Every feature was exercised, and every vehicle is accounted for.
    driven = results.trips[results.trips["status"].astype(str) == "arrived"]
    assert {"car", "truck", "bus", "electric_car"} <= set(driven["class_name"].astype(str))
    assert k["emergency_dispatches"] > 0 and k["reroutes"] > 0
    by_class = results.class_emissions()
    assert k["co2_kg"] > 0 and (by_class.loc[["car", "truck", "bus"], "vehicle_km"] > 0).all()
    assert by_class.loc["electric_car", "co2_kg"] == 0 < by_class.loc["electric_car", "vehicle_km"]
    assert k["vehicles_inserted"] == (k["vehicles_arrived"] + k["vehicles_en_route"]
                                      + k["vehicles_stuck"])
