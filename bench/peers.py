#!/usr/bin/python3
"""Arteria beside SUMO micro and SUMO meso on the same scenarios, timed alternately in one run.

`make bench-peers` runs this. Scenarios: SUMO's benchmark grids (grid-small 10x10 / 2,000
trips, grid-medium 30x30 / 30,000, grid-large 60x60 / 150,000, made by
../shared/bench/sumo/make_scenarios.sh into --grid-dir, a cache kept between runs) imported
with `arteria import sumo`, and the real ones: Bologna Andrea Costa (scenarios/bologna_acosta)
and Ingolstadt (scenarios/ingolstadt21) beside SUMO's own configuration of the same data.

Each scenario runs SUMO micro, SUMO meso, Arteria at 1 thread and at 2 threads one after
another, A B C D A B C D ... for --rounds rounds, so that every round sees the same load.
A ratio is taken within a round (the peer's wall over the run's wall: 10x means ten times
faster) and the median over the rounds is reported; wall, CPU, peak RSS and mean travel time
are medians too. The machine's 1-minute load average before and after every run is recorded
and printed: a ratio against a peer timed on another day or another load is not a figure.

SUMO options are bench/sumo_compare.py's (bench/peer_runs.py: same statistic and tripinfo
outputs, meso = --mesosim --meso-junction-control). Mean travel time is arrival minus planned
departure for arrived trips (Arteria /kpi@mean_travel_time_s; SUMO duration + departDelay).

Writes OUT/peers.json, OUT/peers.md (the table) and OUT/peers.png (bar chart). Installs SUMO
from Debian when missing (needs root or sudo). Run from the repository root with Debian's
Python after `make build`:
  /usr/bin/python3 bench/peers.py [--rounds 3] [--grids small,medium,large] [--micro-grids LIST]
                                  [--no-real] [--quick] [--out DIR] [--grid-dir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peer_runs import (DATA, REPO, ensure_sumo, find_arteria, import_sumo, make_grid, run_arteria,
                       run_sumo, sumo_version, work_folder, writable_copy)

RUNNERS = ("SUMO micro", "SUMO meso", "Arteria 1 thr", "Arteria 2 thr")
GRIDS = ("small", "medium", "large")
MEASURES = ("wall_s", "cpu_s", "rss_mib", "trip_s", "arrived")


@dataclass
class Scenario:
    name: str
    sumo_config: Path  # SUMO runs this configuration (in its folder)
    arteria_scenario: Path  # the same network and demand for Arteria
    micro: bool  # SUMO micro timed too (hours on grid-large)
    conversion: dict | None = None  # `arteria import sumo`, measured once


def grid_scenarios(names: list[str], micro: set[str], grid_dir: Path, arteria: Path,
                   work: Path) -> list[Scenario]:
    scenarios = []
    for name in names:
        folder = make_grid(grid_dir, f"grid-{name}")
        config = folder / "scenario.sumocfg"
        imported = work / f"grid-{name}-arteria"
        conversion = import_sumo(arteria, config, imported, work)
        scenarios.append(Scenario(f"grid-{name}", config, imported / "scenario.toml",
                                  name in micro, conversion))
    return scenarios


def real_scenarios(work: Path) -> list[Scenario]:
    bologna = writable_copy(DATA / "sumo" / "bologna-acosta", work)
    ingolstadt = writable_copy(DATA / "sumo" / "ingolstadt21", work)
    return [Scenario("Bologna", bologna / "run.sumocfg", REPO / "scenarios" / "bologna_acosta",
                     True),
            Scenario("Ingolstadt", ingolstadt / "ingolstadt21.sumocfg",
                     REPO / "scenarios" / "ingolstadt21", True)]


def time_scenario(scenario: Scenario, rounds: int, arteria: Path, work: Path) -> list[dict]:
    """Every runner once per round, in RUNNERS order; one dict per run."""
    folder = work / f"runs-{scenario.name}"
    folder.mkdir()
    runners = {
        "SUMO micro": lambda: run_sumo(scenario.sumo_config, "micro", folder),
        "SUMO meso": lambda: run_sumo(scenario.sumo_config, "meso", folder),
        "Arteria 1 thr": lambda: run_arteria(arteria, scenario.arteria_scenario, 1, folder, "1"),
        "Arteria 2 thr": lambda: run_arteria(arteria, scenario.arteria_scenario, 2, folder, "2"),
    }
    if not scenario.micro:
        del runners["SUMO micro"]
    runs = []
    for round_number in range(1, rounds + 1):
        for runner, run in runners.items():
            result = dict(run(), runner=runner, round=round_number)
            runs.append(result)
            print(f"  {scenario.name} round {round_number} {runner:13}: wall {result['wall_s']:8.2f} s"
                  f"  CPU {result['cpu_s']:8.2f} s  RSS {result['rss_mib']:6.0f} MiB  "
                  f"travel {result['trip_s']:7.1f} s  load {result['load_before']:.2f} -> "
                  f"{result['load_after']:.2f}", flush=True)
    return runs


def summarize(runs: list[dict]) -> list[dict]:
    """Per runner (RUNNERS order): medians over rounds, and speed ratios to SUMO meso and micro
    taken round by round (the peer's wall / this wall, median over rounds; None without it)."""
    by_round = {(r["runner"], r["round"]): r for r in runs}
    rows = []
    for runner in RUNNERS:
        mine = [r for r in runs if r["runner"] == runner]
        if not mine:
            continue
        row = {"runner": runner, "rounds": len(mine)}
        for key in MEASURES:
            row[key] = statistics.median(r[key] for r in mine)
        for peer, key in (("SUMO meso", "x_meso"), ("SUMO micro", "x_micro")):
            ratios = [by_round[(peer, r["round"])]["wall_s"] / r["wall_s"] for r in mine
                      if (peer, r["round"]) in by_round]
            row[key] = statistics.median(ratios) if ratios else None
        loads = [r[k] for r in mine for k in ("load_before", "load_after")]
        row["load_min"], row["load_max"] = min(loads), max(loads)
        rows.append(row)
    return rows


def ratio_text(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}×" if value >= 1 else f"{value:.2f}×"


def markdown_table(report: dict) -> str:
    """The peer table as Markdown (what docs/BENCHMARKS.md quotes), with the command and load."""
    lines = [f"`{report['command']}` — {report['date']} to {report['finished'][-5:]}, {report['host']}, nproc {report['nproc']}, "
             f"{report['sumo']}, {report['rounds']} round(s) A B C D alternating, medians; "
             f"1-min load average during the runs {report['load_min']:.2f}–{report['load_max']:.2f}",
             "",
             "| scenario | run | wall s | CPU s | peak RSS MiB | mean travel time s | arrived | "
             "speed vs SUMO meso | vs SUMO micro | load |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for scenario in report["scenarios"]:
        for row in scenario["summary"]:
            lines.append(
                f"| {scenario['name']} | {row['runner']} | {row['wall_s']:,.2f} | "
                f"{row['cpu_s']:,.2f} | {row['rss_mib']:,.0f} | {row['trip_s']:,.1f} | "
                f"{row['arrived']:,.0f} | {ratio_text(row['x_meso'])} | "
                f"{ratio_text(row['x_micro'])} | {row['load_min']:.1f}–{row['load_max']:.1f} |")
    return "\n".join(lines) + "\n"


def write_chart(report: dict, path: Path) -> None:
    """Grouped bars per scenario: wall, CPU (log scales) and peak RSS of each runner."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [s["name"] for s in report["scenarios"]]
    panels = (("wall_s", "wall s (log)", True), ("cpu_s", "CPU s (log)", True),
              ("rss_mib", "peak RSS MiB", False))
    figure, axes = plt.subplots(1, len(panels), figsize=(15, 4.5))
    width = 0.8 / len(RUNNERS)
    for axis, (key, label, log) in zip(axes, panels):
        for i, runner in enumerate(RUNNERS):
            values = [next((row[key] for row in s["summary"] if row["runner"] == runner), math.nan)
                      for s in report["scenarios"]]
            axis.bar([x + (i - 1.5) * width for x in range(len(names))], values, width,
                     label=runner)
        axis.set_xticks(range(len(names)), names)
        axis.set_ylabel(label)
        if log:
            axis.set_yscale("log")
        axis.grid(axis="y", alpha=0.3)
    axes[0].legend(fontsize=8)
    figure.suptitle(f"Arteria vs SUMO 1.15, {report['date']}, nproc {report['nproc']}, load "
                    f"{report['load_min']:.1f}–{report['load_max']:.1f}, medians of "
                    f"{report['rounds']} alternating round(s)", fontsize=10)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def build_report(command: str, rounds: int, scenarios: list[tuple[Scenario, list[dict]]],
                 sumo: str, started: datetime.datetime) -> dict:
    loads = [r[k] for _, runs in scenarios for r in runs for k in ("load_before", "load_after")]
    return {
        "command": command,
        "date": started.strftime("%Y-%m-%d %H:%M"),
        "finished": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "host": platform.node(),
        "nproc": os.cpu_count(),
        "sumo": sumo,
        "rounds": rounds,
        "load_min": min(loads),
        "load_max": max(loads),
        "scenarios": [{"name": s.name, "sumo_config": str(s.sumo_config),
                       "arteria_scenario": str(s.arteria_scenario), "import": s.conversion,
                       "runs": runs, "summary": summarize(runs)} for s, runs in scenarios],
    }


def parse_list(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in GRIDS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown grid(s) {unknown}; choose from {GRIDS}")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--grids", type=parse_list, default=list(GRIDS),
                        help="comma list of small, medium, large (default all)")
    parser.add_argument("--micro-grids", type=parse_list, default=None,
                        help="grids SUMO micro runs on (default: every grid; grid-medium takes "
                             "6-9 min and grid-large ~1.5 h per run on 2 cores)")
    parser.add_argument("--no-real", action="store_true", help="skip Bologna and Ingolstadt")
    parser.add_argument("--quick", action="store_true", help="smoke run: grid-small, 1 round")
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "peers"),
                        help="folder for peers.json, peers.md, peers.png")
    parser.add_argument("--grid-dir", default=os.path.join(tempfile.gettempdir(), "arteria-grids"),
                        help="make_scenarios.sh output, made when missing and kept")
    parser.add_argument("--arteria", default=None, help="the arteria binary (default: build*/)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    if args.quick:
        args.grids, args.rounds, args.no_real = ["small"], 1, True
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    micro = set(args.grids if args.micro_grids is None else args.micro_grids)
    command = "bench/peers.py" + "".join(f" {a}" for a in sys.argv[1:])

    arteria = find_arteria(args.arteria)
    ensure_sumo()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now()
    print(f"{command}\nnproc {os.cpu_count()}, load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with work_folder("arteria-peers-", args.keep) as work:
        scenarios = grid_scenarios(args.grids, micro, Path(args.grid_dir), arteria, work)
        if not args.no_real:
            scenarios += real_scenarios(work)
        timed = []
        for scenario in scenarios:
            print(f"{scenario.name}: {args.rounds} round(s)", flush=True)
            timed.append((scenario, time_scenario(scenario, args.rounds, arteria, work)))
        report = build_report(command, args.rounds, timed, sumo_version(), started)
        (out / "peers.json").write_text(json.dumps(report, indent=1) + "\n")
        table = markdown_table(report)
        (out / "peers.md").write_text(table)
        write_chart(report, out / "peers.png")
        print()
        print(table)
        print("A ratio against a peer timed on another day or another load is not a figure: "
              f"load was {report['load_min']:.2f}–{report['load_max']:.2f} on "
              f"{report['nproc']} cores.")
        print(f"wrote {out / 'peers.json'}, {out / 'peers.md'}, {out / 'peers.png'}")


if __name__ == "__main__":
    main()
