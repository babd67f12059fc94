"""What-if: one river bridge of the default city closes (both directions) in the morning peak.

Runs the baseline and the variant to result files, then compares them: the KPI table, the
links whose flow and speed changed most, and the figures (speed-change map with the closed
bridge in black, vehicles en route and network speed over time); then writes the comparison as
one web page to open in a browser (`arteria view`).

    /usr/bin/python3 examples/bridge_closure.py --out closure/      # the default city, ~15 s
    /usr/bin/python3 examples/bridge_closure.py --small             # an 11 x 11 grid, CI
"""
import argparse
import pathlib

import arteria

SMALL = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]


def bridge_links(columns, rows, arterial_every=5):
    """The two directions of the bridge nearest the middle: the grid city's river runs between
    rows (rows-1)//2 and the next, and only arterial columns (multiples of 5) cross it."""
    column = round((columns - 1) / 2 / arterial_every) * arterial_every
    south = (rows - 1) // 2
    return [f"{column}_{south}>{column}_{south + 1}", f"{column}_{south + 1}>{column}_{south}"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--out", default="bridge_closure", help="folder for results and figures")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    base = arteria.Scenario.default(SMALL if args.small else [])
    variant = base.copy()
    grid = (11, 11) if args.small else (31, 31)
    for link in bridge_links(*grid):
        variant.add_event(7.5 * 3600, "close_link", link=link)
        variant.add_event(9.5 * 3600, "reopen_link", link=link)

    base_run = arteria.run(base, out / "base.h5", threads=args.threads)
    variant_run = arteria.run(variant, out / "closure.h5", threads=args.threads)
    comparison = arteria.compare(base_run, variant_run, out_dir=out / "compare")
    print(comparison)
    # The same comparison to explore in a browser: the map per time bin, a link's series.
    print(f"wrote {arteria.view(variant_run, out / 'view', compare=base_run)}")
    # The closure must show: traffic re-routes around it.
    assert comparison.kpis.loc["reroutes", "variant"] > 0


if __name__ == "__main__":
    main()
