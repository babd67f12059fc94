#!/usr/bin/python3
"""Memory estimate vs measured peak: runs each scenario with `arteria run`, reads the estimate
the run printed ("peak RSS ... (estimated N MiB)") and the process's measured peak resident set
(ru_maxrss of the child, which includes writing the file), and prints a table with the ratio.
Exits 1 when any estimate is off by more than the tolerance (20 %).

  ARTERIA_DATA=/work/shared/data /usr/bin/python3 bench/memory_estimate.py [--big] [SCENARIO...]

Without scenarios it runs the grid family up to grid_100k (grid_300k with --big), the default
city and the real-data scenarios in scenarios/ whose data is present.
"""
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = os.environ.get("ARTERIA_CLI", str(ROOT / "build" / "bin" / "arteria"))
TOLERANCE = 0.20


def default_scenarios(big):
    grids = ["grid_10k", "grid_30k", "grid_100k"] + (["grid_300k"] if big else [])
    found = [ROOT / "bench" / "scenarios" / f"{g}.toml" for g in grids]
    found.append(ROOT / "scenarios" / "default_city.toml")
    found += sorted((ROOT / "scenarios").glob("*/scenario.toml"))
    return found


def run(scenario, out_dir):
    out = Path(out_dir) / "run.h5"
    proc = subprocess.Popen([CLI, "run", str(scenario), "-o", str(out), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    text = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        return None, None, text.strip().splitlines()[-1] if text.strip() else "failed"
    match = re.search(r"estimated ([0-9.]+) MiB", text)
    return float(match.group(1)), usage.ru_maxrss / 1024.0, None


def main(argv):
    big = "--big" in argv
    names = [a for a in argv if a != "--big"]
    scenarios = [Path(n) for n in names] or default_scenarios(big)
    print(f"{'scenario':<40} {'estimate MiB':>12} {'peak MiB':>9} {'ratio':>6}")
    off = 0
    with tempfile.TemporaryDirectory() as out_dir:
        for scenario in scenarios:
            name = str(scenario.relative_to(ROOT)) if scenario.is_absolute() else str(scenario)
            estimate, peak, error = run(scenario, out_dir)
            if error:
                print(f"{name:<40} skipped: {error}")
                continue
            ratio = estimate / peak
            flag = "" if abs(ratio - 1.0) <= TOLERANCE else "  <-- off by more than 20 %"
            off += bool(flag)
            print(f"{name:<40} {estimate:>12.1f} {peak:>9.1f} {ratio:>6.2f}{flag}", flush=True)
    return 1 if off else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
