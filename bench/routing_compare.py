#!/usr/bin/python3
"""Arteria routing beside SUMO's duarouter on the same net and trips, in one command.

SUMO's grid-large benchmark (../shared/bench/sumo/make_scenarios.sh: 60x60 netgenerate grid,
14,160 edges, 150,001 randomTrips trips between edges; made when missing, ~10-15 min because the
script itself runs duarouter once). Arteria reads the same net and trips through its SUMO
importer (trips between edges get free-flow routes at import) and routes with `bench_routing`;
duarouter routes them with the options make_scenarios.sh uses (A*, free-flow). Runs alternate
A B A B (--repeats each), whole processes timed; prints each run and the medians.

Installs SUMO from Debian when duarouter is missing (needs root): apt-get install -y sumo
sumo-tools. Run from the repository root after `make build`:
  /usr/bin/python3 bench/routing_compare.py [--repeats 2] [--threads 2] [--grid-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peer_runs import ENV, REPO, ensure_sumo, make_grid, work_folder


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr[-2000:]}")
    return wall, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid-dir", default=os.path.join(tempfile.gettempdir(), "arteria-grids"))
    parser.add_argument("--repeats", type=int, default=2, help="runs of each (A B A B ...)")
    parser.add_argument("--threads", type=int, default=2, help="Arteria threads (default 2)")
    parser.add_argument("--bench", default=str(REPO / "build" / "bin" / "bench_routing"))
    args = parser.parse_args()
    ensure_sumo()
    grid = make_grid(Path(args.grid_dir), "grid-large")
    with work_folder("arteria-routing-", keep=False) as work:
        config = work / "trips.sumocfg"
        config.write_text((grid / "scenario.sumocfg").read_text()
                          .replace("routes.rou.xml", str(grid / "trips.trips.xml"))
                          .replace("net.net.xml", str(grid / "net.net.xml")))
        scenario = work / "scenario.toml"
        scenario.write_text(f'[scenario]\nname = "grid-large trips"\n[network]\nsource = "sumo"\n'
                            f'config = "{config}"\n[demand]\nsource = "sumo"\n'
                            f'[simulation]\nstart = 0\nend = "02:00"\nseed = 1\n')
        arteria = [args.bench, str(scenario), "1", str(args.threads)]
        duarouter = ["duarouter", "-n", str(grid / "net.net.xml"), "-r",
                     str(grid / "trips.trips.xml"), "-o", str(work / "routes.rou.xml"),
                     "--alternatives-output", "NUL", "--ignore-errors", "--no-step-log",
                     "--routing-algorithm", "astar", "--routing-threads", "1", "--seed", "42",
                     "--begin", "0", "--end", "3600"]
        walls: dict[str, list[float]] = {"arteria": [], "duarouter": []}
        for r in range(args.repeats):
            for name, command in (("arteria", arteria), ("duarouter", duarouter)):
                wall, out = timed(command, work)
                walls[name].append(wall)
                print(f"run {r + 1} {name}: {wall:.2f} s", flush=True)
                if name == "arteria":
                    print("  " + out.strip().replace("\n", "\n  "), flush=True)
        a, d = statistics.median(walls["arteria"]), statistics.median(walls["duarouter"])
        print(f"median: Arteria {a:.2f} s (import + routing, whole process), duarouter {d:.2f} s "
              f"-> {d / a:.1f}x; goal >= 100x: {d / a >= 100}")


if __name__ == "__main__":
    main()
