#!/usr/bin/python3
"""Arteria's dynamic assignment beside SUMO's duaIterate.py, same network and trips, one command.

Both iterate route choice against their meso model on a SUMO benchmark grid (made by
../shared/bench/sumo/make_scenarios.sh into --grid-dir, a cache): the grid's net.net.xml and its
trips between edges (trips.trips.xml, randomTrips seed 42), nothing routed beforehand.

- Arteria: `arteria assign SCENARIO --dynamic` on a scenario reading those two files
  ([network] and [demand] source = "sumo"), MSA switching (the default), experienced link times
  averaged over 900 s for routing (`route_bin_s`), target gap 1e-9 so that it runs every iteration.
- SUMO: `duaIterate.py -n NET -t TRIPS -l N --mesosim --meso-junctioncontrol` (Gawron route
  choice, its default; 900 s weight aggregation, its default).

Per iteration, for both: relative gap, mean travel time, wall time.
- Arteria's gap is /assignment/iterations/relative_gap: Σ (time of the trip's route − time of its
  best known route) / Σ time of its route, on the iteration's experienced link times.
- SUMO's gap is the same quantity read from duarouter's own route alternatives: routing step k+1
  re-costs every vehicle's alternatives on step k's edge times and adds the new fastest one, so
  per vehicle (expected cost under the route distribution step k drew from − cheapest
  alternative), summed, over Σ expected cost. It exists for steps 0..N-2 (step N-1 is not
  re-routed).
- Mean travel time: arrival − planned departure over arrived trips (SUMO: tripinfo duration +
  departDelay), as bench/peers.py.
- Wall time: Arteria's /assignment/perf/wall_s (simulation, routing, evaluation, switching);
  SUMO's router and simulation durations as duaIterate prints them.

Writes OUT/dta_peers.json, OUT/dta_peers.md (table) and OUT/dta_peers.png (gap and mean travel
time per iteration). Installs SUMO from Debian when missing. Run from the repository root with
Debian's Python after `make build`:
  /usr/bin/python3 bench/dta_peers.py [--grid medium] [--iterations 10] [--threads 2] [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from peer_runs import ENV, REPO, ensure_sumo, find_arteria, make_grid, sumo_version, work_folder

DUA_ITERATE = Path(ENV["SUMO_HOME"]) / "tools" / "assign" / "duaIterate.py"


def arteria_scenario(grid: Path, iterations: int, work: Path) -> Path:
    path = work / "dta.toml"
    path.write_text(f"""[scenario]
name = "{grid.name} dynamic assignment"

[network]
source = "sumo"
net = "{grid / 'net.net.xml'}"

[demand]
source = "sumo"
files = ["{grid / 'trips.trips.xml'}"]

[simulation]
start = "00:00"
end = "04:00"

[output]
bin_s = 300.0

[assignment]
kind = "dynamic"
max_iterations = {iterations}
target_gap = 1e-9
route_bin_s = 900
""")
    return path


def run_arteria(arteria: Path, scenario: Path, threads: int, work: Path) -> list[dict]:
    import h5py  # Debian's python3-h5py

    out = work / "arteria_dta.h5"
    log = work / "arteria_dta.log"
    with open(log, "w") as stream:
        subprocess.run([str(arteria), "assign", str(scenario), "--dynamic", "--threads",
                        str(threads), "--out", str(out)], cwd=REPO, stdout=stream,
                       stderr=subprocess.STDOUT, check=True, env=ENV)
    with h5py.File(out, "r") as f:
        it, perf = f["assignment/iterations"], f["assignment/perf"]
        return [{"gap": float(g), "mean_travel_time_s": float(t), "unfinished": int(u),
                 "wall_s": float(w), "simulation_s": float(s), "routing_s": float(r)}
                for g, t, u, w, s, r in zip(it["relative_gap"][:], it["mean_travel_time_s"][:],
                                            it["unfinished_trips"][:], perf["wall_s"][:],
                                            perf["simulation_s"][:], perf["routing_s"][:])]


def durations(log_text: str) -> list[dict]:
    """Per step, duaIterate's printed router and simulation durations (s)."""
    steps, current, stage = [], None, None
    for line in log_text.splitlines():
        if line.startswith("> Executing step"):
            current = {"router_s": 0.0, "simulation_s": 0.0}
            steps.append(current)
        elif line.startswith(">> Running router"):
            stage = "router_s"
        elif line.startswith(">> Running simulation"):
            stage = "simulation_s"
        elif line.startswith(">>> Duration:") and current is not None and stage:
            h, m, s = line.split(":", 1)[1].strip().split(":")
            current[stage] += int(h) * 3600 + int(m) * 60 + float(s)
    return steps


def open_xml(path: Path):
    return gzip.open(path) if path.suffix == ".gz" else open(path, "rb")


def alternatives(step_dir: Path) -> dict[str, list[tuple[str, float, float]]]:
    """Per vehicle, its route alternatives (edges, cost, probability) in routing step's file."""
    files = sorted(step_dir.glob("*.rou.alt.xml*"))
    if not files:
        return {}
    routes = {}
    with open_xml(files[0]) as stream:
        for _, element in ET.iterparse(stream):
            if element.tag == "vehicle":
                routes[element.get("id")] = [
                    (r.get("edges"), float(r.get("cost", "nan")), float(r.get("probability", "1")))
                    for r in element.iter("route")]
                element.clear()
    return routes


def sumo_gap(used: dict, recosted: dict) -> float:
    """Σ (expected cost of the distribution used − cheapest alternative) / Σ expected cost."""
    excess = total = 0.0
    for vehicle, before in used.items():
        after = {edges: cost for edges, cost, _ in recosted.get(vehicle, [])}
        if not after or any(edges not in after for edges, _, _ in before):
            continue  # an alternative was pruned: not comparable
        weight = sum(p for _, _, p in before)
        expected = sum(after[edges] * p for edges, _, p in before) / weight
        excess += expected - min(after.values())
        total += expected
    return excess / total if total > 0 else float("nan")


def mean_trip_s(tripinfo: Path) -> tuple[float, int]:
    times = []
    with open_xml(tripinfo) as stream:
        for _, element in ET.iterparse(stream):
            if element.tag == "tripinfo":
                times.append(float(element.get("duration")) + float(element.get("departDelay")))
                element.clear()
    return (sum(times) / len(times) if times else float("nan")), len(times)


def run_dua_iterate(grid: Path, iterations: int, work: Path) -> list[dict]:
    folder = work / "duaIterate"
    folder.mkdir()
    command = [sys.executable, str(DUA_ITERATE), "-n", str(grid / "net.net.xml"), "-t",
               str(grid / "trips.trips.xml"), "-l", str(iterations), "--mesosim",
               "--meso-junctioncontrol"]
    log = folder / "duaIterate.out"
    with open(log, "w") as stream:
        subprocess.run(command, cwd=folder, stdout=stream, stderr=subprocess.STDOUT, check=True,
                       env=ENV)
    steps = durations(log.read_text())
    alts = [alternatives(folder / f"{k:03d}") for k in range(iterations)]
    rows = []
    for k, step in enumerate(steps):
        mean, arrived = mean_trip_s(next((folder / f"{k:03d}").glob("tripinfo_*.xml*")))
        gap = sumo_gap(alts[k], alts[k + 1]) if k + 1 < iterations else float("nan")
        rows.append({"gap": gap, "mean_travel_time_s": mean, "arrived": arrived,
                     "wall_s": step["router_s"] + step["simulation_s"], **step})
    return rows


def fmt(value: float, pattern: str) -> str:
    return "—" if value != value else pattern.format(value)  # NaN: not measured


def markdown(report: dict) -> str:
    lines = [f"`{report['command']}` — {report['date']}, {report['grid']} "
             f"({report['trips']:,} trips), {report['sumo_version']}, Arteria "
             f"{report['threads']} threads, load "
             f"{report['load_before']:.2f} -> {report['load_after']:.2f}", "",
             "| iteration | Arteria gap | Arteria mean travel time | Arteria wall | "
             "duaIterate gap | duaIterate mean travel time | duaIterate wall (router + sim) |",
             "|---|---|---|---|---|---|---|"]
    for k, (a, s) in enumerate(zip(report["arteria"], report["sumo"])):
        lines.append(f"| {k} | {fmt(a['gap'] * 100, '{:.2f} %')} | "
                     f"{fmt(a['mean_travel_time_s'], '{:.1f} s')} | {fmt(a['wall_s'], '{:.2f} s')} "
                     f"| {fmt(s['gap'] * 100, '{:.2f} %')} | "
                     f"{fmt(s['mean_travel_time_s'], '{:.1f} s')} | "
                     f"{fmt(s['wall_s'], '{:.1f} s')} ({s['router_s']:.1f} + "
                     f"{s['simulation_s']:.1f}) |")
    total_a = sum(a["wall_s"] for a in report["arteria"])
    total_s = sum(s["wall_s"] for s in report["sumo"])
    lines += ["", f"Total wall: Arteria {total_a:.1f} s, duaIterate {total_s:.1f} s "
                  f"({total_s / total_a:.0f}x)." if total_a > 0 else ""]
    return "\n".join(lines) + "\n"


def chart(report: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (gap_ax, time_ax) = plt.subplots(1, 2, figsize=(10, 4))
    for name, rows, colour in (("Arteria", report["arteria"], "tab:blue"),
                               ("SUMO duaIterate", report["sumo"], "tab:orange")):
        gaps = [(k, r["gap"] * 100) for k, r in enumerate(rows) if r["gap"] == r["gap"]]
        gap_ax.plot([k for k, _ in gaps], [g for _, g in gaps], "o-", color=colour, label=name)
        time_ax.plot(range(len(rows)), [r["mean_travel_time_s"] for r in rows], "o-",
                     color=colour, label=name)
    gap_ax.set(yscale="log", xlabel="iteration", ylabel="relative gap (%)",
               title="Relative gap (log scale)")
    time_ax.set(xlabel="iteration", ylabel="mean travel time (s)", title="Mean travel time")
    for ax in (gap_ax, time_ax):
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(f"Dynamic assignment on SUMO {report['grid']}, {report['trips']:,} trips")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", choices=("small", "medium", "large"), default="medium")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2, help="Arteria's threads")
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "dta_peers"))
    parser.add_argument("--grid-dir", default=os.path.join(tempfile.gettempdir(), "arteria-grids"))
    parser.add_argument("--arteria", default=None, help="the arteria binary (default: build*/)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if args.iterations < 2:
        parser.error("--iterations must be at least 2 (SUMO's gap needs the next routing step)")
    arteria = find_arteria(args.arteria)
    ensure_sumo()
    command = "bench/dta_peers.py" + "".join(f" {a}" for a in sys.argv[1:])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    grid = make_grid(Path(args.grid_dir), f"grid-{args.grid}")
    trips = len(re.findall(rb"<trip ", (grid / "trips.trips.xml").read_bytes()))
    load_before = os.getloadavg()[0]
    with work_folder("arteria-dta-peers-", args.keep) as work:
        print(f"{command}: Arteria, {args.iterations} iterations ...", flush=True)
        arteria_rows = run_arteria(arteria, arteria_scenario(grid, args.iterations, work),
                                   args.threads, work)
        print(f"duaIterate, {args.iterations} iterations (about 30-60 s each) ...", flush=True)
        sumo_rows = run_dua_iterate(grid, args.iterations, work)
    report = {"command": command, "date": datetime.datetime.now().isoformat(timespec="minutes"),
              "grid": f"grid-{args.grid}", "trips": trips, "sumo_version": sumo_version(),
              "threads": args.threads, "load_before": load_before,
              "load_after": os.getloadavg()[0], "arteria": arteria_rows, "sumo": sumo_rows}
    (out / "dta_peers.json").write_text(json.dumps(report, indent=1) + "\n")
    table = markdown(report)
    (out / "dta_peers.md").write_text(table)
    chart(report, out / "dta_peers.png")
    print(table)
    print(f"wrote {out / 'dta_peers.json'}, {out / 'dta_peers.md'}, {out / 'dta_peers.png'}")


if __name__ == "__main__":
    main()
