"""What-if: road renewal on a main road of the default city, by day or by night.

The same works (one lane of two closed and 30 km/h over the three blocks of the central
north-south arterial that lead onto its river bridge) run for eight hours either by day
(07:00-15:00) or by night (21:00-05:00; the run ends at 02:00 with the works still on). The
city's demand is spread over a whole day here (04:00 to midnight, peaking at 08:00) so that
the night has a little traffic too. Each variant is compared with the base, writing the KPI
tables and the figures to one folder per variant, and a short table of the two is printed.

    /usr/bin/python3 examples/road_works_day_night.py --out road_works/  # default city, ~40 s
    /usr/bin/python3 examples/road_works_day_night.py --small            # 11 x 11 grid, CI
"""
import argparse
import pathlib

import arteria
from arteria.comparison import INCL_UNFINISHED

# A whole day of the default city's demand; the run goes on to 02:00 to let the evening clear.
DAY = ["simulation.start=04:00", "simulation.end=26:00",
       "demand.start_s=04:00", "demand.peak_s=08:00", "demand.end_s=24:00"]
FULL = DAY + ["demand.trips=120000"]
SMALL = DAY + ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]

HOUR = 3600.0
WINDOWS = {"day": (7 * HOUR, 15 * HOUR), "night": (21 * HOUR, 29 * HOUR)}


def works_zone(columns, rows, block_m=200.0, arterial_every=5, blocks=3):
    """A box (network metres) around the central arterial column's last `blocks` blocks south of
    its bridge: it holds those links, both ways, and no cross street (their far ends lie
    outside)."""
    column = round((columns - 1) / 2 / arterial_every) * arterial_every
    south = (rows - 1) // 2  # the river runs between this row and the next
    x, margin = column * block_m, 0.1 * block_m
    y0, y1 = (south - blocks) * block_m - margin, south * block_m + margin
    return [[x - margin, y0], [x + margin, y0], [x + margin, y1], [x - margin, y1]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--out", default="road_works", help="folder for results and figures")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    base = arteria.Scenario.default(SMALL if args.small else FULL)
    zone = works_zone(*((11, 11) if args.small else (31, 31)))
    base_run = arteria.run(base, out / "base.h5", threads=args.threads)
    rows = []
    for name, (start_s, end_s) in WINDOWS.items():
        variant = base.copy()
        variant.add_road_works(start_s, end_s, polygon=zone, lanes_closed=1, speed_kmh=30)
        run = arteria.run(variant, out / f"works_{name}.h5", threads=args.threads)
        comparison = arteria.compare(base_run, run, out_dir=out / f"compare_{name}")
        kpis = comparison.kpis
        rows.append((name, kpis.loc["VHT (h)", "change"],
                     kpis.loc[INCL_UNFINISHED, "change"],
                     kpis.loc["trips not completed", "change"]))
        print(f"--- works by {name} against the base ---")
        print(comparison)

    print("\nroad works, one lane of two closed and 30 km/h, eight hours:")
    print(f"{'works':<8}{'VHT change (h)':>16}{'mean travel time change (s)':>30}"
          f"{'trips not completed change':>28}")
    for name, vht, travel, unfinished in rows:
        print(f"{name:<8}{vht:>16.1f}{travel:>30.1f}{unfinished:>28.0f}")
    day, night = rows[0][1], rows[1][1]
    print(f"road works by night instead of by day save {day - night:.1f} vehicle-hours")
    # Works in the peak must cost more than the same works at night.
    assert day > night


if __name__ == "__main__":
    main()
