#!/usr/bin/python3
"""Arteria benchmark runner: times the default city and the scaling family of grid cities.

Runs `arteria run` for each chosen size at 1 and 2 threads (see --threads), reads the /perf,
/kpi, /meta and /network groups of each result file, and reports wall time, routing time,
simulation time, simulated vehicle-seconds and link transitions per wall second, peak RSS, the
HDF5 output share and the 1 -> N thread speed-up, as a JSON file and a printed table, with
PASS/MISS against the performance targets of the benchmark issue.

The targets are benchmark targets, not tests: the runner exits 0 when every run completed, and
1 only when a run failed (non-zero exit, no result file, or a broken /kpi conservation). It is
not part of `make test`. See bench/README.md for the sizes, the metrics and how to read them.

Run with Debian's Python (h5py): /usr/bin/python3 bench/run_bench.py --sizes small
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
SCENARIO_DIR = BENCH_DIR / "scenarios"

# name -> (scenario file or None for the built-in default city, short description).
# Order matters: sizes run smallest first, and "largest grid" is the last grid that was run.
SIZES = {
    "default": (None, "built-in default city (scenarios/default_city.toml), 60 k trips"),
    "grid-10k": (SCENARIO_DIR / "grid_10k.toml", "17 x 17 grid, 10 k trips"),
    "grid-30k": (SCENARIO_DIR / "grid_30k.toml", "28 x 28 grid, 30 k trips"),
    "grid-100k": (SCENARIO_DIR / "grid_100k.toml", "51 x 51 grid, 100 k trips"),
    "grid-300k": (SCENARIO_DIR / "grid_300k.toml", "87 x 87 grid, 300 k trips"),
    "grid-1m": (SCENARIO_DIR / "grid_1m.toml", "161 x 161 grid, 1 M trips"),
}
SIZE_SETS = {
    "small": ["default", "grid-10k", "grid-30k"],
    "medium": ["default", "grid-10k", "grid-30k", "grid-100k"],
    "all": list(SIZES),
}
ALIASES = {"10k": "grid-10k", "30k": "grid-30k", "100k": "grid-100k", "300k": "grid-300k",
           "1m": "grid-1m", "1M": "grid-1m", "city": "default", "default-city": "default"}

# The issue's targets.
DEFAULT_CITY_MAX_S = 5.0
LARGE_MIN_TRIPS = 1_000_000
LARGE_MIN_LINKS = 100_000
LARGE_MAX_S = 60.0
LARGE_MAX_RSS_MB = 4096.0
MIN_SPEEDUP = 1.8
MAX_OUTPUT_SHARE = 0.10

# A run whose threads sat in run queues for more than this share of its wall time was disturbed
# by other load on the machine; its timings (and speed-ups built on them) are flagged.
DISTURBED_SHARE = 0.10

# Per-run figures that are medians over --repeat runs (the rest is identical between repeats).
TIMED_FIELDS = ["wall_s", "cpu_s", "cores_used", "runqueue_wait_s", "main_thread_wait_s",
                "total_s", "routing_s", "simulation_s", "output_s",
                "untimed_s", "peak_rss_mb", "process_max_rss_mb", "vehicle_seconds_per_s",
                "link_transitions_per_s", "output_share"]


def die(message: str) -> None:
    print(f"run_bench: {message}", file=sys.stderr)
    sys.exit(2)


try:
    import h5py  # noqa: E402
except ImportError:  # pragma: no cover - depends on the interpreter
    die("h5py is not importable by " + sys.executable +
        "; run with Debian's /usr/bin/python3 (see docs/TOOLCHAIN notes)")


def parse_sizes(text: str) -> list[str]:
    if text in SIZE_SETS:
        return list(SIZE_SETS[text])
    names = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        name = ALIASES.get(item, item)
        if name not in SIZES:
            die(f"unknown size '{item}'; known: {', '.join(SIZES)} "
                f"(or {', '.join(ALIASES)}), or one of {', '.join(SIZE_SETS)}")
        if name not in names:
            names.append(name)
    if not names:
        die("--sizes names no size")
    return sorted(names, key=list(SIZES).index)


def parse_threads(text: str) -> list[int]:
    try:
        threads = sorted({int(t) for t in text.split(",") if t.strip()})
    except ValueError:
        die(f"--threads takes a comma-separated list of thread counts, not '{text}'")
    if not threads or threads[0] < 1:
        die("--threads needs positive thread counts")
    return threads


def attrs(group) -> dict:
    out = {}
    for key, value in group.attrs.items():
        if hasattr(value, "item"):
            value = value.item()
        if isinstance(value, bytes):
            value = value.decode()
        out[key] = value
    return out


def read_result(path: Path) -> dict:
    with h5py.File(path, "r") as f:
        result = {"perf": attrs(f["perf"]), "kpi": attrs(f["kpi"]), "meta": attrs(f["meta"])}
        result["links"] = int(f["network/links/id"].shape[0]) if "network/links/id" in f else None
        result["nodes"] = int(f["network/nodes/id"].shape[0]) if "network/nodes/id" in f else None
        trips = int(f["trips/vehicle"].shape[0]) if "trips/vehicle" in f else 0
    if trips == 0:  # output.trips = false: every trip is in exactly one of these KPI counts
        k = result["kpi"]
        trips = sum(int(k.get(name, 0)) for name in (
            "vehicles_inserted", "vehicles_waiting", "vehicles_not_departed",
            "vehicles_unroutable"))
    result["trips"] = trips
    return result


def run_once(arteria: Path, scenario: Path | None, threads: int, out_h5: Path,
             overrides: list[str], timeout_s: float | None) -> dict:
    """One `arteria run`; returns its figures, or a dict with 'error' set."""
    cmd = [str(arteria), "run"]
    if scenario is not None:
        cmd.append(str(scenario))
    cmd += ["--threads", str(threads), "--out", str(out_h5), "--no-progress"]
    for item in overrides:
        cmd += ["--set", item]
    record: dict = {"command": cmd, "threads": threads}
    log = out_h5.with_suffix(".log")
    with open(log, "w+") as sink:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, cwd=out_h5.parent,
                                start_new_session=True)
        status, usage = wait_child(proc, timeout_s)
        wall = time.monotonic() - started
        sink.seek(0)
        stdout = sink.read()
    log.unlink(missing_ok=True)
    if status is None:
        record["error"] = f"timed out after {timeout_s:.0f} s"
        return record
    record["stdout"] = stdout
    if status != 0:
        record["error"] = f"exit code {status}: {stdout.strip()[-2000:]}"
        return record
    if not out_h5.exists():
        record["error"] = f"no result file {out_h5}"
        return record
    try:
        res = read_result(out_h5)
    except (OSError, KeyError) as exc:
        record["error"] = f"cannot read {out_h5}: {exc}"
        return record
    perf, kpi = res["perf"], res["kpi"]
    total = float(perf.get("total_s", 0.0))
    sim = float(perf.get("simulation_s", 0.0))
    record.update({
        "wall_s": wall,
        "cpu_s": usage["cpu_s"],
        # CPU time over wall time: 2.0 means two cores all along; well below the thread count
        # means the run waited for cores (see runqueue_wait_s) or for itself (serial parts).
        "cores_used": usage["cpu_s"] / wall if wall > 0 else None,
        "runqueue_wait_s": usage["runqueue_wait_s"],
        "main_thread_wait_s": usage["main_thread_wait_s"],
        "total_s": total,
        "routing_s": float(perf.get("routing_s", 0.0)),
        "simulation_s": sim,
        "output_s": float(perf.get("output_s", 0.0)),
        # Not inside /perf total_s (which starts at loading the scenario): closing and sealing
        # the file after the clock stops, process start and exit.
        "untimed_s": max(0.0, wall - total),
        "peak_rss_mb": float(perf.get("peak_rss_mb", 0.0)),
        "process_max_rss_mb": usage["max_rss_mb"],
        "link_transitions": int(perf.get("link_transitions", 0)),
        "vehicle_seconds": float(perf.get("vehicle_seconds", 0.0)),
        "vehicle_seconds_per_s": float(perf.get("vehicle_seconds", 0.0)) / sim if sim > 0 else None,
        "link_transitions_per_s": int(perf.get("link_transitions", 0)) / sim if sim > 0 else None,
        "output_share": float(perf.get("output_s", 0.0)) / total if total > 0 else None,
        "h5_mb": out_h5.stat().st_size / 2**20,
        "kpi": kpi,
        "meta": res["meta"],
        "links": res["links"],
        "nodes": res["nodes"],
        "trips": res["trips"],
    })
    inserted = int(kpi.get("vehicles_inserted", -1))
    accounted = sum(int(kpi.get(k, 0)) for k in
                    ("vehicles_arrived", "vehicles_en_route", "vehicles_stuck"))
    record["conservation_ok"] = inserted == accounted
    record["conservation"] = (f"inserted {inserted} = arrived {kpi.get('vehicles_arrived')} + "
                              f"en route {kpi.get('vehicles_en_route')} + "
                              f"stuck {kpi.get('vehicles_stuck')}")
    if not record["conservation_ok"]:
        record["error"] = "conservation broken: " + record["conservation"].replace("=", "!=")
    return record


class SchedSampler(threading.Thread):
    """Samples /proc/PID/task/*/schedstat of the running child every `period` seconds.

    Per thread the kernel reports the time it ran and the time it sat runnable in a run queue
    waiting for a core. The wait is what other load on the machine cost the run; it is the best
    available sign of whether a timing (and above all a thread speed-up) is trustworthy. The last
    sample misses at most `period` seconds at the end of the run.
    """

    def __init__(self, pid: int, period: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.stop = threading.Event()
        self.per_thread: dict[str, tuple[float, float]] = {}

    def sample(self) -> None:
        try:
            tasks = os.listdir(f"/proc/{self.pid}/task")
        except OSError:
            return
        for tid in tasks:
            try:
                run_ns, wait_ns = Path(f"/proc/{self.pid}/task/{tid}/schedstat").read_text() \
                    .split()[:2]
            except (OSError, ValueError):
                continue
            self.per_thread[tid] = (int(run_ns) / 1e9, int(wait_ns) / 1e9)

    def run(self) -> None:
        while not self.stop.wait(self.period):
            self.sample()

    def result(self) -> dict:
        main = self.per_thread.get(str(self.pid), (0.0, 0.0))
        return {"runqueue_wait_s": sum(w for _, w in self.per_thread.values()),
                "main_thread_wait_s": main[1],
                "threads_seen": len(self.per_thread)}


def wait_child(proc: subprocess.Popen, timeout_s: float | None):
    """Waits for `proc` with os.wait4, so the resource usage is this child's alone.

    Returns (exit status or None on timeout, usage dict). On timeout the child's process group
    (started by this runner, start_new_session) is killed.
    """
    sampler = SchedSampler(proc.pid)
    sampler.start()
    timed_out = threading.Event()

    def kill() -> None:
        timed_out.set()
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout_s, kill) if timeout_s else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    if timer:
        timer.cancel()
    sampler.stop.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if timed_out.is_set():
        return None, {}
    return code, {"cpu_s": usage.ru_utime + usage.ru_stime,
                  "max_rss_mb": usage.ru_maxrss / 1024.0, **sampler.result()}


def median_record(runs: list[dict]) -> dict:
    """The first run's non-timed figures with each timed figure the median over the runs."""
    merged = dict(runs[0])
    merged.pop("stdout", None)
    for field in TIMED_FIELDS:
        values = [r[field] for r in runs if r.get(field) is not None]
        merged[field] = statistics.median(values) if values else None
    merged["repeats"] = len(runs)
    merged["wall_s_all"] = [r["wall_s"] for r in runs]
    return merged


def machine_info() -> dict:
    info = {"hostname": socket.gethostname(), "platform": platform.platform(),
            "cores": os.cpu_count(), "python": sys.version.split()[0]}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gib"] = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        info["git_commit"] = subprocess.run(["git", "-C", str(REPO_DIR), "rev-parse", "HEAD"],
                                            capture_output=True, text=True,
                                            check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO_DIR), "status", "--porcelain",
                                "--untracked-files=no"], capture_output=True, text=True).stdout
        info["git_dirty"] = bool(dirty.strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def fmt(value, spec: str, width: int) -> str:
    if value is None:
        return "-".rjust(width)
    return format(value, spec).rjust(width)


def si(value) -> str:
    if value is None:
        return "-"
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(value) >= scale:
            return f"{value / scale:.2f}{unit}"
    return f"{value:.0f}"


def delay_ratio(kpi: dict):
    """Mean delay over mean free-flow trip time: how congested the run was (default city ~0.9)."""
    delay, travel = kpi.get("mean_delay_s"), kpi.get("mean_travel_time_s")
    if delay is None or not travel or travel - delay <= 0:
        return None
    return delay / (travel - delay)


def disturbed(r: dict) -> bool:
    wait, wall = r.get("runqueue_wait_s"), r.get("wall_s")
    return bool(wait and wall and wait > DISTURBED_SHARE * wall)


def print_table(results: list[dict]) -> None:
    header = (f"{'size':<10} {'links':>7} {'trips':>8} {'thr':>3} {'wall s':>9} {'cores':>5} "
              f"{'rq wait':>7} {'route s':>8} {'sim s':>8} {'untimed':>7} {'veh-s/s':>8} "
              f"{'trans/s':>8} {'RSS MiB':>7} {'out %':>5} {'arrived':>8} {'delay':>5} {'cons':>4}")
    print(header)
    print("-" * len(header))
    for r in results:
        if r.get("error") and "wall_s" not in r:
            print(f"{r['size']:<10} {'':>7} {'':>8} {r['threads']:>3}  FAILED: {r['error']}")
            continue
        kpi = r.get("kpi", {})
        trips = r.get("trips") or 0
        arrived = kpi.get("vehicles_arrived", 0)
        share = r.get("output_share")
        print(f"{r['size']:<10} {r.get('links') or 0:>7} {trips:>8} {r['threads']:>3} "
              f"{fmt(r['wall_s'], '.2f', 8)}{'*' if disturbed(r) else ' '} "
              f"{fmt(r.get('cores_used'), '.2f', 5)} {fmt(r.get('runqueue_wait_s'), '.1f', 7)} "
              f"{fmt(r['routing_s'], '.2f', 8)} {fmt(r['simulation_s'], '.2f', 8)} "
              f"{fmt(r['untimed_s'], '.2f', 7)} "
              f"{si(r['vehicle_seconds_per_s']):>8} {si(r['link_transitions_per_s']):>8} "
              f"{fmt(r['peak_rss_mb'], '.0f', 7)} "
              f"{fmt(None if share is None else 100 * share, '.1f', 5)} "
              f"{fmt(100 * arrived / trips if trips else None, '.1f', 7)}% "
              f"{fmt(delay_ratio(kpi), '.2f', 5)} "
              f"{'ok' if r.get('conservation_ok') else 'BAD':>4}")
    if any(disturbed(r) for r in results if "wall_s" in r):
        print(f"* the run's threads waited for a core (rq wait) more than "
              f"{DISTURBED_SHARE:.0%} of its wall time: other load on the machine slowed it")


def speedups(results: list[dict], threads: list[int]) -> list[dict]:
    out = []
    if len(threads) < 2:
        return out
    lo, hi = threads[0], threads[-1]
    by_key = {(r["size"], r["threads"]): r for r in results if "wall_s" in r}
    for size in dict.fromkeys(r["size"] for r in results):
        a, b = by_key.get((size, lo)), by_key.get((size, hi))
        if not a or not b:
            continue

        def ratio(field):
            return a[field] / b[field] if a.get(field) and b.get(field) else None

        out.append({"size": size, "from_threads": lo, "to_threads": hi,
                    "total": ratio("total_s"), "routing": ratio("routing_s"),
                    "simulation": ratio("simulation_s"), "wall": ratio("wall_s"),
                    "disturbed": disturbed(a) or disturbed(b),
                    # Results are bit-identical whatever the thread count (docs/ARCHITECTURE.md "Determinism").
                    "same_results": a.get("kpi") == b.get("kpi")
                    and a.get("link_transitions") == b.get("link_transitions")
                    and a.get("vehicle_seconds") == b.get("vehicle_seconds"),
                    "cores_used": [a.get("cores_used"), b.get("cores_used")]})
    return out


def print_speedups(rows: list[dict]) -> None:
    if not rows:
        return
    for s in rows:
        if s.get("same_results") is False:
            print(f"\nWARNING: {s['size']}: /kpi or /perf counts differ between "
                  f"{s['from_threads']} and {s['to_threads']} threads (should be bit-identical)")
    lo, hi = rows[0]["from_threads"], rows[0]["to_threads"]
    print(f"\nSpeed-up {lo} -> {hi} threads (time at {lo} / time at {hi}):")
    print(f"{'size':<10} {'run (total_s)':>14} {'routing':>8} {'simulation':>11} {'wall':>6} "
          f"{'cores used':>11} {'same /kpi':>9}")
    for s in rows:
        cores = "/".join(fmt(c, ".2f", 0) for c in s.get("cores_used") or [])
        print(f"{s['size']:<10} {fmt(s['total'], '.2f', 14)} {fmt(s['routing'], '.2f', 8)} "
              f"{fmt(s['simulation'], '.2f', 11)} {fmt(s['wall'], '.2f', 6)} {cores:>11} "
              f"{({True: 'yes', False: 'NO'}).get(s.get('same_results'), '-'):>9}"
              f"{'  * disturbed' if s.get('disturbed') else ''}")


def evaluate_targets(results: list[dict], speed: list[dict], threads: list[int]) -> list[dict]:
    """PASS/MISS per target of the issue; 'n/a' when this invocation did not run what it needs."""
    ok_runs = [r for r in results if "wall_s" in r]
    best_threads = threads[-1]
    targets = []

    def add(name, status, measured, detail=""):
        targets.append({"target": name, "status": status, "measured": measured, "detail": detail})

    city = next((r for r in ok_runs if r["size"] == "default" and r["threads"] == best_threads),
                None)
    if city:
        add(f"default city under {DEFAULT_CITY_MAX_S:.0f} s (wall, {best_threads} threads)",
            "PASS" if city["wall_s"] < DEFAULT_CITY_MAX_S else "MISS",
            f"{city['wall_s']:.2f} s",
            f"routing {city['routing_s']:.2f} s + simulation {city['simulation_s']:.2f} s"
            + "".join(f"; {r['wall_s']:.2f} s at {r['threads']} threads" for r in ok_runs
                      if r["size"] == "default" and r["threads"] != best_threads))
    else:
        add(f"default city under {DEFAULT_CITY_MAX_S:.0f} s", "n/a", "-", "default city not run")

    large = [r for r in ok_runs if (r.get("trips") or 0) >= LARGE_MIN_TRIPS
             and (r.get("links") or 0) >= LARGE_MIN_LINKS and r["threads"] == best_threads]
    if large:
        r = large[-1]
        add(f"1 M trips on >=100 k links: simulation under {LARGE_MAX_S:.0f} s",
            "PASS" if r["simulation_s"] < LARGE_MAX_S else "MISS", f"{r['simulation_s']:.1f} s",
            f"{r['size']}, {r['links']} links, {best_threads} threads; whole run "
            f"{r['wall_s']:.1f} s wall (routing {r['routing_s']:.1f} s)")
        add(f"1 M trips on >=100 k links: whole run under {LARGE_MAX_S:.0f} s",
            "PASS" if r["wall_s"] < LARGE_MAX_S else "MISS", f"{r['wall_s']:.1f} s",
            "wall clock incl. scenario set-up, routing and output")
        rss = max(r["peak_rss_mb"], r.get("process_max_rss_mb") or 0.0)
        add(f"1 M trips on >=100 k links: peak RSS under {LARGE_MAX_RSS_MB / 1024:.0f} GiB",
            "PASS" if rss < LARGE_MAX_RSS_MB else "MISS", f"{rss:.0f} MiB")
    else:
        add("1 M trips on >=100 k links: under 60 s and 4 GiB", "n/a", "-",
            "no run with >=1 M trips on >=100 k links (use --sizes all or 1m)")

    grids = [s for s in speed if s["size"] != "default"]
    if grids and threads[0] == 1 and threads[-1] == 2:
        s = grids[-1]
        add(f">= {MIN_SPEEDUP} x from 1 to 2 threads on the largest grid run",
            "PASS" if (s["total"] or 0) >= MIN_SPEEDUP else "MISS",
            f"{s['total']:.2f} x" if s["total"] else "-",
            f"{s['size']}: routing {fmt(s['routing'], '.2f', 0)} x, "
            f"simulation {fmt(s['simulation'], '.2f', 0)} x"
            + ("; DISTURBED: threads waited for cores, the figure says more about the machine's "
               "load than the engine" if s.get("disturbed") else ""))
    else:
        add(f">= {MIN_SPEEDUP} x from 1 to 2 threads", "n/a", "-",
            "needs a grid run at --threads 1,2")

    shares = [(r["output_share"], r) for r in ok_runs if r.get("output_share") is not None]
    if shares:
        worst, r = max(shares, key=lambda x: x[0])
        add(f"HDF5 output under {MAX_OUTPUT_SHARE:.0%} of run time (output_s / total_s, worst run)",
            "PASS" if worst < MAX_OUTPUT_SHARE else "MISS", f"{100 * worst:.1f} %",
            f"{r['size']} at {r['threads']} threads; writing /trips after the clock stops is "
            "in 'untimed'")
    return targets


def print_targets(targets: list[dict]) -> None:
    print("\nTargets (benchmark targets, not tests):")
    for t in targets:
        detail = f"  ({t['detail']})" if t["detail"] else ""
        print(f"  {t['status']:<4}  {t['target']}: {t['measured']}{detail}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="sizes: " + ", ".join(
                                         f"{k} ({v[1]})" for k, v in SIZES.items()))
    parser.add_argument("--sizes", default="small",
                        help="small (default, 10k, 30k), medium (+100k), all, or a comma list "
                             "of size names, e.g. default,100k,1m")
    parser.add_argument("--arteria", default=str(REPO_DIR / "build" / "bin" / "arteria"),
                        help="the arteria CLI to time (default: build/bin/arteria)")
    parser.add_argument("--threads", default="1,2",
                        help="comma list of thread counts (default 1,2; the speed-up is "
                             "lowest -> highest)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per size and thread count; timed figures are medians")
    parser.add_argument("--out", help="JSON file (default bench/results/<host>-<date>.json)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="scenario override passed to every run, e.g. output.trips=false")
    parser.add_argument("--timeout", type=float, default=None, metavar="MINUTES",
                        help="give up on a run after this many minutes (counts as failed)")
    parser.add_argument("--report", metavar="FILE.json",
                        help="print the table, speed-ups and targets of an earlier JSON report "
                             "and exit (runs nothing)")
    parser.add_argument("--keep-h5", metavar="DIR",
                        help="keep the result files in DIR (default: a temporary directory, "
                             "deleted afterwards)")
    args = parser.parse_args()
    if args.report:
        report = json.loads(Path(args.report).read_text())
        print(f"{args.report}: {report.get('generated')}, {report.get('arteria')}, "
              f"load average {report.get('load_average_before', [0])[0]:.2f} before / "
              f"{report.get('load_average_after', [0])[0]:.2f} after\n")
        print_table(report["runs"])
        print_speedups(report["speedups"])
        print_targets(report["targets"])
        return 0

    sizes = parse_sizes(args.sizes)
    threads = parse_threads(args.threads)
    if args.repeat < 1:
        die("--repeat must be at least 1")
    arteria = Path(args.arteria).resolve()
    if not os.access(arteria, os.X_OK):
        die(f"no arteria executable at {arteria} (build it, or pass --arteria PATH)")
    for name in sizes:
        scenario = SIZES[name][0]
        if scenario is not None and not scenario.exists():
            die(f"missing scenario file {scenario}")
    stamp = dt.datetime.now()
    out_json = Path(args.out) if args.out else (
        BENCH_DIR / "results" / f"{socket.gethostname()}-{stamp:%Y%m%d-%H%M}.json")
    work = Path(args.keep_h5).resolve() if args.keep_h5 else Path(tempfile.mkdtemp(
        prefix="arteria-bench-"))
    work.mkdir(parents=True, exist_ok=True)

    info = machine_info()
    load_before = os.getloadavg()
    print(f"arteria bench: {arteria}")
    print(f"machine: {info.get('hostname')}, {info.get('cpu', '?')}, {info.get('cores')} cores, "
          f"{info.get('memory_gib', '?')} GiB; load average {load_before[0]:.2f}")
    if load_before[0] > (os.cpu_count() or 1) * 0.5:
        print("note: the machine is busy (load average above half the cores): timings are noisy")
    print(f"sizes: {', '.join(sizes)}; threads {','.join(map(str, threads))}; "
          f"repeat {args.repeat}\n", flush=True)

    results: list[dict] = []
    failed = False
    timeout_s = args.timeout * 60.0 if args.timeout else None
    try:
        for name in sizes:
            scenario = SIZES[name][0]
            for t in threads:
                runs = []
                for rep in range(args.repeat):
                    out_h5 = work / f"{name}-t{t}-r{rep}.h5"
                    print(f"  {name} threads {t} run {rep + 1}/{args.repeat} ...", end="",
                          flush=True)
                    rec = run_once(arteria, scenario, t, out_h5, args.set, timeout_s)
                    rec["size"] = name
                    if "wall_s" in rec:
                        print(f" {rec['wall_s']:.2f} s (routing {rec['routing_s']:.2f}, "
                              f"simulation {rec['simulation_s']:.2f}); {rec['cores_used']:.2f} "
                              f"cores used, waited {rec['runqueue_wait_s']:.1f} s for a core; "
                              f"load {os.getloadavg()[0]:.2f}", flush=True)
                    else:
                        print(" FAILED", flush=True)
                    if rec.get("error"):
                        failed = True
                        print(f"    error: {rec['error']}", file=sys.stderr)
                    if not args.keep_h5:
                        out_h5.unlink(missing_ok=True)
                    runs.append(rec)
                good = [r for r in runs if "wall_s" in r]
                merged = median_record(good) if good else dict(runs[-1])
                merged["size"] = name
                merged["scenario"] = str(scenario) if scenario else "(built-in default city)"
                merged["errors"] = [r["error"] for r in runs if r.get("error")]
                if merged["errors"]:
                    merged["error"] = merged["errors"][0]
                merged.pop("stdout", None)
                results.append(merged)
    finally:
        if not args.keep_h5:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print_table(results)
    speed = speedups(results, threads)
    print_speedups(speed)
    targets = evaluate_targets(results, speed, threads)
    print_targets(targets)
    load_after = os.getloadavg()

    report = {
        "generated": stamp.isoformat(timespec="seconds"),
        "arteria": str(arteria),
        "engine_version": next((r["meta"].get("engine_version") for r in results if "meta" in r),
                               None),
        "machine": info,
        "load_average_before": load_before,
        "load_average_after": load_after,
        "threads": threads,
        "repeat": args.repeat,
        "overrides": args.set,
        "runs": results,
        "speedups": speed,
        "targets": targets,
        "failed": failed,
    }
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nwrote {out_json}")
    if failed:
        print("run_bench: at least one run failed (see above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
