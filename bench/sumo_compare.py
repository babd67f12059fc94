#!/usr/bin/python3
"""Arteria beside Eclipse SUMO 1.15 on the same scenario, in one command.

Default: Bologna Andrea Costa (../shared/data/sumo/bologna-acosta). SUMO runs its own
run.sumocfg twice, micro (`sumo -c run.sumocfg`) and meso (`--mesosim --meso-junction-control`),
in a copy of the scenario (SUMO writes its outputs beside it); Arteria runs
scenarios/bologna_acosta. Prints vehicles inserted and arrived, mean travel time and wall time
side by side, with SUMO 1.15's published count (8,779 inserted, data README) for reference.

--grid: the 30x30 benchmark grid that ../shared/bench/sumo/make_scenarios.sh makes (SUMO's own
net and duarouter routes), imported with `arteria import sumo` and run by Arteria, SUMO meso and
plain SUMO: wall-time ratios and mean travel times side by side, against the goal (Arteria at
least 50x faster than SUMO meso, mean travel time within +-15 % of it).

Travel times: "trip" is arrival minus planned departure (Arteria's mean_travel_time_s; SUMO's
duration + departDelay), "in network" is arrival minus insertion (SUMO's tripinfo duration).
Wall times are whole processes (loading included), measured here, one after another.

Installs SUMO from Debian when missing (needs root). Run with Debian's Python (h5py):
  /usr/bin/python3 bench/sumo_compare.py [--grid] [--no-micro] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from peer_runs import (DATA, REPO, ensure_sumo, find_arteria, import_sumo, make_grid, run_arteria,
                       run_sumo, work_folder, writable_copy)


def print_table(rows: list[dict], reference: dict) -> None:
    print(f"{'':18} {'inserted':>9} {'arrived':>9} {'teleports':>9} {'trip s':>8} "
          f"{'in-net s':>8} {'wall s':>8} {'CPU s':>8} {'RSS MiB':>8}")
    for r in rows:
        print(f"{r['name']:18} {r['inserted']:>9,} {r['arrived']:>9,} {r['teleports']:>9,} "
              f"{r['trip_s']:>8.1f} {r['network_s']:>8.1f} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} {r['rss_mib']:>8.0f}")
    arteria = rows[0]
    print(f"Arteria /perf: total {arteria['total_s']:.2f} s, of which routing "
          f"{arteria['routing_s']:.2f} s and simulation {arteria['simulation_s']:.2f} s (the rest: "
          f"loading, start-up and output)")
    for r in rows[1:]:
        print(f"{r['name']}: wall {r['wall_s'] / arteria['wall_s']:.1f}x Arteria's; Arteria's "
              f"in-network travel time {100 * (arteria['network_s'] / r['network_s'] - 1):+.1f} %, "
              f"trip travel time {100 * (arteria['trip_s'] / r['trip_s'] - 1):+.1f} %")
    for key, value in reference.items():
        print(key, value)


def bologna(args, arteria: Path, work: Path) -> None:
    copy = writable_copy(DATA / "sumo" / "bologna-acosta", work)
    rows = [run_arteria(arteria, REPO / "scenarios" / "bologna_acosta", args.threads, work,
                        "bologna")]
    modes = ["meso"] if args.no_micro else ["meso", "micro"]
    rows += [run_sumo(copy / "run.sumocfg", mode, work) for mode in modes]
    print("Bologna Andrea Costa: Arteria scenarios/bologna_acosta beside SUMO 1.15 run.sumocfg")
    inserted = rows[0]["inserted"]
    print_table(rows, {
        "published (data README): SUMO 1.15 inserts 8,779; Arteria within 2 %:":
            abs(inserted / 8779 - 1) <= 0.02 and abs(rows[0]["arrived"] / 8779 - 1) <= 0.02})


def grid(args, arteria: Path, work: Path) -> None:
    grid_dir = make_grid(Path(args.grid_dir), "grid-medium")
    imported = work / "grid-medium-arteria"
    conversion = import_sumo(arteria, grid_dir / "scenario.sumocfg", imported, work)
    rows = [run_arteria(arteria, imported / "scenario.toml", args.threads, work, "grid")]
    modes = ["meso"] if args.no_micro else ["meso", "micro"]
    rows += [run_sumo(grid_dir / "scenario.sumocfg", mode, work) for mode in modes]
    print("30x30 grid (make_scenarios.sh grid-medium: SUMO's net and duarouter routes)")
    print(f"arteria import sumo: {conversion['wall_s']:.2f} s, {conversion['rss_mib']:.0f} MiB "
          "(once per scenario)")
    meso = rows[1]
    ratio = meso["wall_s"] / rows[0]["wall_s"]
    difference = rows[0]["network_s"] / meso["network_s"] - 1
    print_table(rows, {
        f"goal: Arteria >= 50x faster than SUMO meso: {ratio:.1f}x ->": ratio >= 50,
        f"goal: mean travel time within +-15 % of SUMO meso: {100 * difference:+.1f} % ->":
            abs(difference) <= 0.15})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="the 30x30 grid instead of Bologna")
    parser.add_argument("--grid-dir", default=os.path.join(tempfile.gettempdir(), "arteria-grids"),
                        help="where make_scenarios.sh output is (made when missing)")
    parser.add_argument("--no-micro", action="store_true", help="skip plain (micro) SUMO")
    parser.add_argument("--threads", type=int, default=2, help="Arteria threads (default 2)")
    parser.add_argument("--arteria", default=None, help="the arteria binary (default: build*/)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    arteria = find_arteria(args.arteria)
    ensure_sumo()
    with work_folder("arteria-sumo-", args.keep) as work:
        (grid if args.grid else bologna)(args, arteria, work)

if __name__ == "__main__":
    main()
