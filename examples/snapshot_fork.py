"""Snapshot and fork: decide a what-if in the middle of a run without re-running the morning.

The city runs to 07:30 once. Two forks continue from that state: one unchanged, one with a
bridge closed (an intervention from Python, not a scenario event). The unchanged fork ends
exactly where an uninterrupted run ends (the engine is deterministic), so the difference
between the forks is the closure's effect alone. Then `restore` rewinds the first simulation
to 07:30 to try a second intervention, a capacity cut, on the same state.

    /usr/bin/python3 examples/snapshot_fork.py            # the default city, ~20 s
    /usr/bin/python3 examples/snapshot_fork.py --small    # an 11 x 11 grid, CI
"""
import argparse

import arteria

SMALL = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]
KPIS = ("vehicles_arrived", "vht_h", "mean_travel_time_s", "mean_delay_s", "reroutes")


def show(name, kpis):
    print(f"{name:>22}: " + ", ".join(f"{k} {kpis[k]:,.1f}" for k in KPIS))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    scenario = arteria.Scenario.default(SMALL if args.small else [])
    column, south = (5, 5) if args.small else (15, 15)
    bridge = [f"{column}_{south}>{column}_{south + 1}", f"{column}_{south + 1}>{column}_{south}"]

    reference = arteria.Simulation(scenario, threads=args.threads)
    reference.run()
    show("uninterrupted run", reference.kpis())

    sim = arteria.Simulation(scenario, threads=args.threads)
    sim.run_until(7.5 * 3600)
    at_0730 = sim.snapshot()
    print(f"snapshot at {at_0730.time_s / 3600:.2f} h, "
          f"{sim.counts()['en_route']} vehicles en route")

    unchanged = sim.fork()
    unchanged.run()
    show("fork, unchanged", unchanged.kpis())
    assert unchanged.kpis() == reference.kpis(), "a fork without intervention must not differ"

    closed = sim.fork()
    for link in bridge:
        closed.close_link(link)
    closed.run()
    show("fork, bridge closed", closed.kpis())

    sim.restore(at_0730)  # rewind the original and try another intervention on the same state
    for link in bridge:
        sim.set_link_capacity(link, 900.0)
    sim.run()
    show("restored, capacity cut", sim.kpis())
    extra = closed.kpis()["vht_h"] - reference.kpis()["vht_h"]
    print(f"closing the bridge at 07:30 costs {extra:,.1f} vehicle-hours")


if __name__ == "__main__":
    main()
