"""Every road feature at once on a real network: cars and port trucks (freight gates, a class ban
by road class within a window), emergency dispatches with drawn incidents, en-route re-routing
and emissions. The run conserves its vehicles and is the same file at 1 and 2 threads."""
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


def test_every_feature_at_once_is_identical_at_1_and_2_threads(run_cli, arteria_cli, tmp_path):
    scenario = scenario_file(tmp_path)
    outputs = []
    for threads in (1, 2):
        out = tmp_path / f"t{threads}.h5"
        result = run_cli("run", scenario, "--threads", threads, "--set", "demand.trips=2000",
                         "--set", "simulation.end=10:00", "--out", out)
        assert result.returncode == 0, result.stderr[-2000:]
        outputs.append(out)
    compare = subprocess.run([str(arteria_cli.parent / "arteria_h5_compare"), *map(str, outputs)],
                             capture_output=True, text=True)
    assert compare.returncode == 0, compare.stdout[-2000:] + compare.stderr[-2000:]

    results = arteria.Results(outputs[1])
    k = results.kpis
    # Every feature was exercised, and every vehicle is accounted for.
    classes = set(results.trips["class_name"].astype(str))
    assert {"car", "truck"} <= classes
    assert k["emergency_dispatches"] > 0 and k["reroutes"] > 0
    assert k["co2_kg"] > 0 and {"car", "truck"} <= set(results.class_emissions().index)
    assert k["vehicles_inserted"] == (k["vehicles_arrived"] + k["vehicles_en_route"]
                                      + k["vehicles_stuck"])
