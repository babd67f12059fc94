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

Run with Debian's Python (h5py, SUMO on PATH):
  /usr/bin/python3 bench/sumo_compare.py [--grid] [--no-micro] [--threads 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import h5py
import numpy as np

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ARTERIA_DATA", REPO.parent / "shared" / "data"))
MAKE_SCENARIOS = REPO.parent / "shared" / "bench" / "sumo" / "make_scenarios.sh"
SUMO_ENV = dict(os.environ, SUMO_HOME=os.environ.get("SUMO_HOME", "/usr/share/sumo"))


def timed(command: list[str], cwd: Path, log: Path) -> tuple[float, float]:
    """Runs `command`, returns (wall seconds, peak RSS MiB); fails loudly with the log's tail."""
    rss_file = log.with_suffix(".rss")
    wrapped = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file)] + command
    start = time.perf_counter()
    with open(log, "w") as out:
        result = subprocess.run(wrapped, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                env=SUMO_ENV)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n" +
                 log.read_text()[-2000:])
    rss_kb = float(rss_file.read_text().split()[-1])
    return wall, rss_kb / 1024.0


def run_sumo(config: Path, mode: str, work: Path) -> dict:
    """One SUMO run; mode is 'micro' or 'meso'. Figures from its statistic and tripinfo output."""
    stats, trips = work / f"sumo_{mode}_stats.xml", work / f"sumo_{mode}_trips.xml"
    command = ["sumo", "-c", str(config), "--no-step-log", "--statistic-output", str(stats),
               "--tripinfo-output", str(trips), "--log", str(work / f"sumo_{mode}.log")]
    if mode == "meso":
        command += ["--mesosim", "--meso-junction-control"]
    wall, rss = timed(command, config.parent, work / f"sumo_{mode}.out")
    root = ET.parse(stats).getroot()
    vehicles, trip_stats = root.find("vehicles"), root.find("vehicleTripStatistics")
    duration = float(trip_stats.get("duration"))
    return {
        "name": f"SUMO {mode}",
        "inserted": int(vehicles.get("inserted")),
        "arrived": int(trip_stats.get("count")),
        "teleports": int(root.find("teleports").get("total")),
        "trip_s": duration + float(trip_stats.get("departDelay")),
        "network_s": duration,
        "wall_s": wall,
        "rss_mb": rss,
    }


def run_arteria(arteria: Path, scenario: Path, threads: int, work: Path, tag: str) -> dict:
    out = work / f"arteria_{tag}.h5"
    command = [str(arteria), "run", str(scenario), "--out", str(out), "--no-progress",
               "--threads", str(threads)]
    wall, rss = timed(command, REPO, work / f"arteria_{tag}.out")
    with h5py.File(out, "r") as f:
        kpi, perf = f["kpi"].attrs, f["perf"].attrs
        arrive, insert = f["trips/arrive_s"][:], f["trips/insert_s"][:]
        done = ~np.isnan(arrive)
        return {
            "name": f"Arteria ({threads} thr)",
            "inserted": int(kpi["vehicles_inserted"]),
            "arrived": int(kpi["vehicles_arrived"]),
            "teleports": int(kpi["stuck_push_throughs"]) + int(kpi["vehicles_stuck"]),
            "trip_s": float(kpi["mean_travel_time_s"]),
            "network_s": float(np.mean(arrive[done] - insert[done])) if done.any() else float("nan"),
            "wall_s": wall,
            "rss_mb": rss,
            "routing_s": float(perf["routing_s"]),
            "simulation_s": float(perf["simulation_s"]),
            "total_s": float(perf["total_s"]),
        }


def print_table(rows: list[dict], reference: dict) -> None:
    print(f"{'':18} {'inserted':>9} {'arrived':>9} {'teleports':>9} {'trip s':>8} "
          f"{'in-net s':>8} {'wall s':>8} {'RSS MiB':>8}")
    for r in rows:
        print(f"{r['name']:18} {r['inserted']:>9,} {r['arrived']:>9,} {r['teleports']:>9,} "
              f"{r['trip_s']:>8.1f} {r['network_s']:>8.1f} {r['wall_s']:>8.2f} {r['rss_mb']:>8.0f}")
    arteria = rows[0]
    print(f"Arteria /perf: total {arteria['total_s']:.2f} s = routing {arteria['routing_s']:.2f} s "
          f"+ simulation {arteria['simulation_s']:.2f} s (+ loading and output: the rest of the wall)")
    for r in rows[1:]:
        print(f"{r['name']}: wall {r['wall_s'] / arteria['wall_s']:.1f}x Arteria's; Arteria's "
              f"in-network travel time {100 * (arteria['network_s'] / r['network_s'] - 1):+.1f} %, "
              f"trip travel time {100 * (arteria['trip_s'] / r['trip_s'] - 1):+.1f} %")
    for key, value in reference.items():
        print(key, value)


def bologna(args, arteria: Path, work: Path) -> None:
    copy = work / "bologna-acosta"
    shutil.copytree(DATA / "sumo" / "bologna-acosta", copy)
    for path in copy.iterdir():
        path.chmod(0o644)  # the shared data is read-only; SUMO writes its outputs beside it
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
    grid_dir = Path(args.grid_dir) / "grid-medium"
    if not (grid_dir / "scenario.sumocfg").exists():
        print(f"making grid-medium in {grid_dir.parent} (~20-40 s) ...", flush=True)
        subprocess.run(["bash", str(MAKE_SCENARIOS), str(grid_dir.parent), "grid-medium"],
                       check=True, env=SUMO_ENV, stdout=subprocess.DEVNULL)
    imported = work / "grid-medium-arteria"
    import_wall, import_rss = timed([str(arteria), "import", "sumo",
                                     str(grid_dir / "scenario.sumocfg"), "--out", str(imported)],
                                    REPO, work / "arteria_import.out")
    rows = [run_arteria(arteria, imported / "scenario.toml", args.threads, work, "grid")]
    modes = ["meso"] if args.no_micro else ["meso", "micro"]
    rows += [run_sumo(grid_dir / "scenario.sumocfg", mode, work) for mode in modes]
    print("30x30 grid (make_scenarios.sh grid-medium: SUMO's net and duarouter routes)")
    print(f"arteria import sumo: {import_wall:.2f} s, {import_rss:.0f} MiB (once per scenario)")
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
    arteria = Path(args.arteria) if args.arteria else next(
        (p for p in sorted(REPO.glob("build*/bin/arteria")) if p.exists()), None)
    if arteria is None or shutil.which("sumo") is None:
        sys.exit("needs a built arteria (--arteria PATH) and SUMO: apt-get install -y sumo")
    work = Path(tempfile.mkdtemp(prefix="arteria-sumo-"))
    try:
        (grid if args.grid else bologna)(args, arteria.resolve(), work)
    finally:
        if args.keep:
            print("outputs kept in", work)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
