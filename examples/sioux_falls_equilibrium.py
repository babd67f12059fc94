"""Static user equilibrium of Sioux Falls: assign, plot the gap curve and the v/c map, then run
the simulation on all-or-nothing and on equilibrium routes and compare mean travel times.

    /usr/bin/python3 examples/sioux_falls_equilibrium.py --out sioux_eq/   # ~5 s
    /usr/bin/python3 examples/sioux_falls_equilibrium.py --small           # CI: gap 1e-4
"""
import argparse
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import arteria  # noqa: E402
from arteria import figures  # noqa: E402

SCENARIO = pathlib.Path(__file__).resolve().parents[1] / "scenarios" / "siouxfalls" / \
    "scenario.toml"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="a looser gap (fast, for CI)")
    parser.add_argument("--out", default="sioux_eq", help="folder for files and figures")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    result = arteria.assign(SCENARIO, gap=1e-4 if args.small else 1e-10, threads=args.threads)
    print(result)
    result.save(out / "assignment.h5")
    ax = result.plot_gap()
    ax.figure.savefig(out / "gap_curve.png", dpi=110)
    plt.close(ax.figure)
    figures.save_value_map(out / "vc_map.png", result.network_geometry(),
                           result.links["v/c"].to_numpy(), title="Sioux Falls equilibrium: v/c",
                           label="volume / capacity", cmap="RdYlGn_r")
    print(result.links.sort_values("v/c", ascending=False).head(5).to_string())

    shortest = arteria.run(arteria.Scenario.load(str(SCENARIO)), out / "shortest.h5",
                           threads=args.threads)
    scenario = arteria.Scenario.load(str(SCENARIO))
    scenario.use_routes(result)
    routed = arteria.run(scenario, out / "equilibrium.h5", threads=args.threads)
    before, after = shortest.kpis["mean_travel_time_s"], routed.kpis["mean_travel_time_s"]
    print(f"mean travel time: shortest paths {before:.0f} s, equilibrium routes {after:.0f} s")
    print(f"wrote {out / 'gap_curve.png'} and {out / 'vc_map.png'}")


if __name__ == "__main__":
    main()
