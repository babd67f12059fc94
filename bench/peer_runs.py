"""Running Arteria and Eclipse SUMO 1.15 on the same scenarios, one measured process at a time.

Shared by bench/sumo_compare.py, bench/peers.py and bench/routing_compare.py so that every peer
figure comes from the same SUMO options and the same measurement: wall clock, CPU (user + system,
os.wait4) and peak RSS of the child process, and the 1-minute load average before and after.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ARTERIA_DATA", REPO.parent / "shared" / "data"))
MAKE_SCENARIOS = REPO.parent / "shared" / "bench" / "sumo" / "make_scenarios.sh"
# Without SUMO_HOME, SUMO validates its XML against schemas it tries to fetch over the network.
ENV = dict(os.environ, SUMO_HOME=os.environ.get("SUMO_HOME", "/usr/share/sumo"),
           ARTERIA_DATA=str(DATA))
# How long make_scenarios.sh takes per grid on a 2-core machine (duarouter dominates).
GRID_MAKING = {"grid-small": "~1 s", "grid-medium": "~20-40 s", "grid-large": "10-15 min"}


def ensure_sumo() -> None:
    """Installs SUMO 1.15 and its tools from Debian when missing, and GNU time (root, or sudo)."""
    missing = [] if shutil.which("sumo") and shutil.which("duarouter") and Path(
        ENV["SUMO_HOME"], "tools").is_dir() else ["sumo", "sumo-tools"]
    missing += [] if Path("/usr/bin/time").exists() else ["time"]
    if not missing:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"installing {' '.join(missing)} (apt-get install -y) ...", flush=True)
    subprocess.run(sudo + ["apt-get", "install", "-y"] + missing, check=True,
                   stdout=subprocess.DEVNULL, env=dict(ENV, DEBIAN_FRONTEND="noninteractive"))


def sumo_version() -> str:
    first = subprocess.run(["sumo", "--version"], capture_output=True, text=True).stdout
    return first.splitlines()[0] if first else "unknown"


def find_arteria(path: str | None) -> Path:
    """The arteria binary: `path`, else the first build*/bin/arteria of the checkout."""
    found = Path(path) if path else next(
        (p for p in sorted(REPO.glob("build*/bin/arteria")) if p.exists()), None)
    if found is None or not found.exists():
        sys.exit("needs a built arteria (make build, or --arteria PATH)")
    return found.resolve()


def make_grid(grid_dir: Path, name: str) -> Path:
    """The folder of make_scenarios.sh's `name` under grid_dir, made when missing (a cache)."""
    folder = grid_dir / name
    if not (folder / "scenario.sumocfg").exists() or not (folder / "routes.rou.xml").exists():
        print(f"making {name} in {grid_dir} ({GRID_MAKING.get(name, '?')}) ...", flush=True)
        subprocess.run(["bash", str(MAKE_SCENARIOS), str(grid_dir), name], check=True, env=ENV,
                       stdout=subprocess.DEVNULL)
    return folder


def writable_copy(source: Path, work: Path) -> Path:
    """A copy of a read-only SUMO scenario folder: SUMO writes the outputs its config names."""
    copy = work / source.name
    shutil.copytree(source, copy)
    for path in copy.iterdir():
        path.chmod(0o644)
    return copy


def measured(command: list[str], cwd: Path, log: Path) -> dict:
    """Runs `command` (output to `log`); wall, CPU and peak RSS of the child, load around it.

    CPU is user + system from os.wait4. Peak RSS comes from /usr/bin/time's %M, the ru_maxrss
    of a process it forked: a process started straight from Python inherits Python's own peak
    (exec records the high-water mark of the memory it replaces, here this script's), which
    would put a floor of ~45 MiB under every figure. Fails loudly with the log's tail."""
    rss_file = log.with_suffix(".rss")
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", str(rss_file)] + command,
                                   cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}\n" + log.read_text()[-2000:])
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "rss_mib": float(rss_file.read_text().split()[-1]) / 1024.0,  # kilobytes
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }


def run_sumo(config: Path, mode: str, work: Path) -> dict:
    """One SUMO run; mode is 'micro' or 'meso'. Figures from its statistic and tripinfo output.

    "trip_s" is arrival minus planned departure (duration + departDelay, as Arteria's
    mean_travel_time_s), "network_s" arrival minus insertion (tripinfo duration)."""
    stats, trips = work / f"sumo_{mode}_stats.xml", work / f"sumo_{mode}_trips.xml"
    command = ["sumo", "-c", str(config), "--no-step-log", "--statistic-output", str(stats),
               "--tripinfo-output", str(trips), "--log", str(work / f"sumo_{mode}.log")]
    if mode == "meso":
        command += ["--mesosim", "--meso-junction-control"]
    process = measured(command, config.parent, work / f"sumo_{mode}.out")
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
        **process,
    }


def import_sumo(arteria: Path, config: Path, out: Path, work: Path) -> dict:
    """`arteria import sumo CONFIG --out OUT`, measured; OUT/scenario.toml is the scenario."""
    return measured([str(arteria), "import", "sumo", str(config), "--out", str(out)], REPO,
                    work / f"arteria_import_{out.name}.out")


def run_arteria(arteria: Path, scenario: Path, threads: int, work: Path, tag: str) -> dict:
    import h5py  # Debian's python3-h5py; only the Arteria runs need it
    import numpy as np

    out = work / f"arteria_{tag}.h5"
    command = [str(arteria), "run", str(scenario), "--out", str(out), "--no-progress",
               "--threads", str(threads)]
    process = measured(command, REPO, work / f"arteria_{tag}.out")
    with h5py.File(out, "r") as f:
        kpi, perf = f["kpi"].attrs, f["perf"].attrs
        arrive, insert = f["trips/arrive_s"][:], f["trips/insert_s"][:]
        done = ~np.isnan(arrive)
        return {
            "name": f"Arteria {threads} thr",
            "inserted": int(kpi["vehicles_inserted"]),
            "arrived": int(kpi["vehicles_arrived"]),
            "teleports": int(kpi["stuck_push_throughs"]) + int(kpi["vehicles_stuck"]),
            "trip_s": float(kpi["mean_travel_time_s"]),
            "network_s": float(np.mean(arrive[done] - insert[done])) if done.any() else float("nan"),
            "routing_s": float(perf["routing_s"]),
            "simulation_s": float(perf["simulation_s"]),
            "total_s": float(perf["total_s"]),
            **process,
        }


@contextlib.contextmanager
def work_folder(prefix: str, keep: bool):
    """A scratch folder for one command's SUMO and Arteria outputs, removed at the end unless
    `keep` (then its path is printed)."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        yield work
    finally:
        if keep:
            print("outputs kept in", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
