"""What-if with route choice: a river bridge closes for the morning, and how travellers adapt.

The default city is first brought to a dynamic equilibrium (everyone on routes they have no
reason to leave). Then its central bridge closes from 07:30 to 09:30, answered three ways:

- fixed routes: everyone keeps the equilibrium routes, the closure included, except that a
  vehicle whose route crosses the bridge must detour when it closes (the engine re-routes those,
  and only those, on free-flow times);
- en-route re-routing: the same routes, and every 5 minutes every driver takes the fastest path
  on the link times just measured when it beats what is left of their route (`[routing]
  en_route_period_s`): drivers reacting on the day, without having learnt;
- re-equilibrated: a dynamic assignment of the closure scenario itself, started afresh, as if
  travellers had learnt over several days of road works where the traffic now goes;
- no closure: the equilibrium itself, for reference.

Prints mean travel time, VHT, trips completed and re-routes side by side and writes the four
run files.

    /usr/bin/python3 examples/bridge_closure_equilibrium.py --out closure_equilibrium/  # ~1 min
    /usr/bin/python3 examples/bridge_closure_equilibrium.py --small                    # CI
"""
import argparse
import pathlib

import pandas as pd

import arteria
from bridge_closure import SMALL, bridge_links

EN_ROUTE_PERIOD_S = 300  # drivers look again every output bin


def close_bridge(scenario, grid):
    for link in bridge_links(*grid):
        scenario.add_event(7.5 * 3600, "close_link", link=link)
        scenario.add_event(9.5 * 3600, "reopen_link", link=link)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--out", default="closure_equilibrium", help="folder for the run files")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--iterations", type=int, default=10,
                        help="at most this many simulations per dynamic assignment")
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    grid = (11, 11) if args.small else (31, 31)

    base = arteria.Scenario.default(SMALL if args.small else [])
    equilibrium = arteria.assign_dynamic(base, max_iterations=args.iterations, threads=args.threads)
    print(f"base equilibrium: relative gap {equilibrium.relative_gap:.2%} after "
          f"{len(equilibrium.iterations)} iterations")

    # The closure on the equilibrium's routes: only the vehicles it hits re-plan.
    fixed = base.copy()
    close_bridge(fixed, grid)
    fixed.use_routes(equilibrium)

    # The closure on the equilibrium's routes, every driver re-routing on current times.
    reacting = arteria.Scenario.default((SMALL if args.small else []) + [
        f"routing.en_route_period_s={EN_ROUTE_PERIOD_S}"])
    close_bridge(reacting, grid)
    reacting.use_routes(equilibrium)

    # The closure re-equilibrated: the assignment sees the closure in every simulation.
    closed = base.copy()
    close_bridge(closed, grid)
    relearnt = arteria.assign_dynamic(closed, max_iterations=args.iterations,
                                      threads=args.threads)
    print(f"closure re-equilibrated: relative gap {relearnt.relative_gap:.2%} after "
          f"{len(relearnt.iterations)} iterations")
    closed.use_routes(relearnt)

    equilibrated_base = base.copy()
    equilibrated_base.use_routes(equilibrium)
    runs = {
        "no closure (equilibrium)": arteria.run(equilibrated_base, out / "equilibrium.h5",
                                                threads=args.threads),
        "closure, fixed routes": arteria.run(fixed, out / "closure_fixed.h5",
                                             threads=args.threads),
        "closure, en-route re-routing": arteria.run(reacting, out / "closure_en_route.h5",
                                                    threads=args.threads),
        "closure, re-equilibrated": arteria.run(closed, out / "closure_reequilibrated.h5",
                                                threads=args.threads),
    }
    table = pd.DataFrame({
        name: {"mean travel time (s)": r.kpis["mean_travel_time_s"],
               "VHT (h)": r.kpis["vht_h"],
               "trips completed": r.kpis["vehicles_arrived"],
               "reroutes": r.kpis["reroutes"]}
        for name, r in runs.items()})
    print(table.round(1).to_string())
    # What the comparison must show: re-planning around the closure beats keeping the routes.
    fixed_tt = table.loc["mean travel time (s)", "closure, fixed routes"]
    for answer in ("closure, en-route re-routing", "closure, re-equilibrated"):
        print(f"{answer} changes the closure's mean travel time by "
              f"{(table.loc['mean travel time (s)', answer] / fixed_tt - 1):+.1%} against fixed "
              "routes")


if __name__ == "__main__":
    main()
