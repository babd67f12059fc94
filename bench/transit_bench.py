#!/usr/bin/python3
"""Transit benchmarks of issue 5, in one command, judged against their targets.

1. Loading and placing feeds (bench_transit_load): Seattle read + timetable + guideways + placed
   in under 2 s.
2. The journey planner (bench_journey_planner): random queries on Cairns and Seattle average
   under 1 ms.
3. A day of Cairns with 100,000 passengers (`arteria run scenarios/cairns --set
   passengers.count=100000 --threads 2`) in under 30 s wall clock on 2 cores.

Run from the repository root after `make` (or with --build DIR):
    /usr/bin/python3 bench/transit_bench.py
Targets are reported PASS/MISS; the exit status is 1 only when a program failed.
"""
import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import h5py

REPO = Path(__file__).resolve().parents[1]


def run(cmd):
    started = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    wall = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{result.stdout}{result.stderr}")
    return result.stdout, wall


def verdict(ok):
    return "PASS" if ok else "MISS"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build", help="build folder (default: build)")
    parser.add_argument("--passengers", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    bin_dir = (REPO / args.build / "bin").resolve()

    load, _ = run([bin_dir / "bench_transit_load"])
    print(load.rstrip())
    seattle_s = float(re.search(r"seattle \(transit only\).*?total ([0-9.]+) s", load).group(1))

    plan, _ = run([bin_dir / "bench_journey_planner"])
    print(plan.rstrip())
    means = [float(m) for m in re.findall(r"plan mean ([0-9.]+) us", plan)]

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cairns.h5"
        text, wall = run([bin_dir / "arteria", "run", "scenarios/cairns", "--set",
                          f"passengers.count={args.passengers}", "--threads",
                          str(args.threads), "--out", out])
        print(text.rstrip())
        with h5py.File(out) as f:
            kpi, perf = dict(f["kpi"].attrs), dict(f["perf"].attrs)
    conserved = kpi["passengers"] == (kpi["passengers_arrived"] + kpi["passengers_en_route"] +
                                      kpi["passengers_stranded"] + kpi["passengers_not_departed"])

    print("\ntarget                                             measured        verdict")
    print(f"Seattle feed loaded and placed < 2 s               {seattle_s:8.3f} s     "
          f"{verdict(seattle_s < 2.0)}")
    print(f"journey planner mean per query < 1 ms              {max(means):8.1f} us    "
          f"{verdict(max(means) < 1000.0)}")
    print(f"Cairns day, {args.passengers:,} passengers, {args.threads} threads < 30 s  "
          f"{wall:8.2f} s     {verdict(wall < 30.0)}")
    print(f"  (planning {perf['planning_s']:.2f} s, simulation {perf['simulation_s']:.2f} s; "
          f"passengers conserved: {'yes' if conserved else 'NO'}; arrived "
          f"{kpi['passengers_arrived']:,}, stranded {kpi['passengers_stranded']:,}, denied "
          f"boardings {kpi['denied_boardings']:,})")
    return 0 if conserved else 1


if __name__ == "__main__":
    sys.exit(main())
