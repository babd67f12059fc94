"""What-if: ambulance response with a river bridge of the default city closed, and with a new
station north of the river as well.

Two stations south of the river send ambulances to twelve incidents north of it during the
morning peak. Three runs: the base, the central bridge closed all morning, and the closure with
a third station north of the river. Writes to the output folder the dispatch table of each run
(response time, route, delay caused), the response-time coverage at 08:00 (share of the nodes
reached within 8 / 10 / 15 minutes), a response-time map of each run and the KPI comparison of
base and closure (`arteria compare`).

    /usr/bin/python3 examples/ambulance_bridge_closure.py --out ambulance/  # default city, ~1 min
    /usr/bin/python3 examples/ambulance_bridge_closure.py --small           # an 11 x 11 grid, CI
"""
import argparse
import pathlib

import numpy as np
import pandas as pd

import arteria
from arteria.response_map import coverage_table, response_times, save_response_map

SMALL = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]
MAP_TIME_S = 8 * 3600.0


def layout(size):
    """The central bridge's two links, the stations south of the river, the new station north
    of it and the incident area (columns, rows) north of it, for a size x size grid city whose
    river runs between rows (size-1)//2 and the next and is crossed by every fifth column."""
    middle = round((size - 1) / 2 / 5) * 5
    south = (size - 1) // 2
    bridge = [f"{middle}_{south}>{middle}_{south + 1}", f"{middle}_{south + 1}>{middle}_{south}"]
    stations = {"south-central": f"{middle}_{south // 2}", "south-west": f"0_{south // 2}"}
    new_station = {"north-central": f"{middle}_{south + 1 + south // 2}"}
    area = (range(max(0, middle - 4), min(size, middle + 5)), range(south + 1, size))
    return bridge, stations, new_station, area


def incidents(area, count, rng):
    """`count` incidents at random nodes of the area, at random times of 07:00-10:00."""
    columns, rows = area
    times = np.sort(rng.uniform(7 * 3600.0, 10 * 3600.0, count))
    return [(float(t), f"{rng.choice(list(columns))}_{rng.choice(list(rows))}") for t in times]


def slug(name):
    """A file name part for a run's name: "bridge closed + north station" -> bridge_closed_north_station."""
    return name.replace(" + ", "_").replace(" ", "_")


def scenario_with(base_overrides, stations, calls):
    scenario = arteria.Scenario.default(base_overrides)
    for station, node in stations.items():
        scenario.add_emergency_station(station, node)
    for k, (time_s, node) in enumerate(calls):
        scenario.add_incident(time_s, node, id=f"call {k + 1}")
    return scenario


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--out", default="ambulance_bridge_closure", help="output folder")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    overrides = SMALL if args.small else []
    bridge, stations, new_station, area = layout(11 if args.small else 31)
    calls = incidents(area, 12, np.random.default_rng(2026))
    variants = {"base": (stations, False), "bridge closed": (stations, True),
                "bridge closed + north station": ({**stations, **new_station}, True)}
    runs = {}
    for name, (where, closed) in variants.items():
        scenario = scenario_with(overrides, where, calls)
        if closed:
            for link in bridge:
                scenario.add_event(6 * 3600.0, "close_link", link=link)
        runs[name] = arteria.run(scenario, out / f"{slug(name)}.h5", threads=args.threads)

    table = {}
    for name, results in runs.items():
        dispatches = results.dispatches()
        dispatches.to_csv(out / f"dispatches_{slug(name)}.csv", index=False)
        table[name] = dispatches.set_index("incident")["response_s"]
        save_response_map(out / f"response_map_{slug(name)}.png",
                          results, response_times(results, MAP_TIME_S),
                          title=f"Ambulance response at 08:00: {name}", at_s=MAP_TIME_S)
    responses = (np.round(pd.DataFrame(table) / 60.0, 2)
                 .rename(columns=lambda c: f"{c} (min)"))
    responses.to_csv(out / "response_times.csv")
    print("Response time per incident (minutes):")
    print(responses.to_string())
    cover = coverage_table(runs, MAP_TIME_S)
    cover.to_csv(out / "coverage_0800.csv")
    print("\nShare of nodes reached at 08:00:")
    print(cover.round(3).to_string())

    comparison = arteria.compare(runs["base"], runs["bridge closed"], out_dir=out / "compare")
    print()
    print(comparison)
    mean = {name: r.kpis["emergency_mean_response_s"] for name, r in runs.items()}
    p90 = {name: r.kpis["emergency_p90_response_s"] for name, r in runs.items()}
    print(f"\nthe bridge closed changes the mean response time by "
          f"{mean['bridge closed'] - mean['base']:+.0f} s (p90 {p90['bridge closed'] - p90['base']:+.0f} s); "
          f"with the north station it is {mean['bridge closed + north station'] - mean['base']:+.0f} s "
          f"against the base")
    # Every ambulance arrived in every run.
    for name, results in runs.items():
        assert results.kpis["emergency_arrived"] == len(calls), name


if __name__ == "__main__":
    main()
