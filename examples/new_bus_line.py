"""What-if: a new bus line relieves the most crowded route of Cairns.

Runs the Cairns timetable with passengers, finds the route whose vehicles are fullest, adds a
line over the same stops every 10 minutes by editing the scenario's timetable
(Scenario.add_line, what [[transit.changes]] kind = "add_line" does in a scenario file), runs
again, and compares crowding: load factor by route, denied boardings, passengers' journey
times, and the stops whose boardings changed most.

    /usr/bin/python3 examples/new_bus_line.py --out new_line/    # 20,000 passengers, ~10 s
    /usr/bin/python3 examples/new_bus_line.py --small            # 4,000 passengers, CI
"""
import argparse
import pathlib

import arteria

REPO = pathlib.Path(__file__).resolve().parents[1]
CAIRNS = REPO / "scenarios" / "cairns" / "scenario.toml"


def busiest_route(results):
    """The route with the highest mean load factor, and the stop sequence of its trip that
    carried the most passengers."""
    crowding = arteria.transit.route_load_factors(results)
    route = crowding["mean_load_factor"].idxmax()
    trips = results.transit_trips().query("route_id == @route")
    trip = trips.sort_values("boardings", ascending=False, kind="stable")["id"].iloc[0]
    calls = results.transit_calls().query("trip_id == @trip").sort_values("sequence")
    return route, crowding.loc[route, "route_name"], list(calls["stop_id"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="4,000 passengers (fast, for CI)")
    parser.add_argument("--out", default="new_bus_line", help="folder for results and figures")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    passengers = ["passengers.count=4000"] if args.small else []

    base = arteria.Scenario.load(str(CAIRNS), passengers)
    base_run = arteria.run(base, out / "base.h5", threads=args.threads)
    route, name, stops = busiest_route(base_run)
    print(f"most crowded route: {name} ({route}), {len(stops)} stops")

    # The same scenario with one timetable edit (the scenario is built again with the new
    # line's trips placed); the passengers stay the baseline's.
    variant = base.copy()
    variant.add_line(f"{route}-relief", stops, name=f"relief for {route}", headway_s=600,
                     first="06:00", last="20:00", speed_kmh=25)
    variant_run = arteria.run(variant, out / "new_line.h5", threads=args.threads)
    comparison = arteria.compare(base_run, variant_run, out_dir=out / "compare")
    print(comparison)
    before = comparison.crowding.loc[route, "mean_base"]
    after = comparison.crowding.loc[route, "mean_variant"]
    print(f"route {name}: mean load factor {before:.2f} -> {after:.2f} with the new line")
    # The relief line shares the passengers of the crowded route.
    assert after <= before


if __name__ == "__main__":
    main()
