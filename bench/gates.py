#!/usr/bin/python3
"""Arteria regression gates: instruction counts and KPIs against committed baselines.

Runs benchmark scenarios with `arteria run` and compares with bench/baselines/gates.json:

- KPIs (every attribute of the result file's /kpi group) must not move at all: the engine is
  deterministic, so any difference is a change of behaviour, printed as old -> new.
- Instruction counts (valgrind's callgrind, 1 thread) of the small gates, per phase of the run
  (load, routing, simulation, output, and the whole process), must not grow by more than the
  tolerance. A fall beyond it is reported, so the baseline can be updated to lock the gain in,
  but does not fail. Counts are only compared with a baseline made by the same toolchain
  (compiler, build type, flags, shared libraries, valgrind); another toolchain is reported as
  such.

Exit status: 0 when every gate holds, 1 when one fails (or a run fails), 2 for bad arguments.
`--update` writes the measured figures as the new baseline of the gates it ran: commit it with
the change that moved them. See bench/README.md, "Regression gates".

Run with Debian's Python (h5py): /usr/bin/python3 bench/gates.py --gates quick
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
SCENARIO_DIR = BENCH_DIR / "scenarios"
DEFAULT_ARTERIA = REPO_DIR / "build" / "bin" / "arteria"
DEFAULT_BASELINE = BENCH_DIR / "baselines" / "gates.json"

# Largest allowed growth of a gated instruction count, as a share of the baseline. Run-to-run
# spread of the same build is about 1e-5 (bench/README.md, "Regression gates"), so anything
# beyond this is a change of the code, not noise.
IR_TOLERANCE = 0.005


@dataclass(frozen=True)
class Gate:
    name: str
    scenario: Path | None  # None: the built-in default city
    callgrind: bool  # instruction counts too (small enough for valgrind)
    description: str


GATES = [
    Gate("gate-small", SCENARIO_DIR / "gate_small.toml", True,
         "13 x 13 grid, 3,000 trips, a bridge closed and reopened"),
    Gate("grid-10k", SCENARIO_DIR / "grid_10k.toml", True, "17 x 17 grid, 10,000 trips"),
    Gate("grid-30k", SCENARIO_DIR / "grid_30k.toml", True, "28 x 28 grid, 30,000 trips"),
    Gate("default", None, True, "the built-in default city, 60,000 trips"),
    Gate("grid-100k", SCENARIO_DIR / "grid_100k.toml", False, "51 x 51 grid, 100,000 trips"),
    Gate("python-view-100k-links", SCENARIO_DIR / "python_grid_100k_links.toml", False,
         "161 x 161 grid, 200 trips"),
    Gate("grid-300k", SCENARIO_DIR / "grid_300k.toml", False, "87 x 87 grid, 300,000 trips"),
    Gate("grid-1m", SCENARIO_DIR / "grid_1m.toml", False, "161 x 161 grid, 1,000,000 trips"),
]
GATE_BY_NAME = {g.name: g for g in GATES}
GATE_SETS = {
    "quick": ["gate-small"],  # what `make test` runs
    "full": ["gate-small", "grid-10k", "grid-30k", "default", "grid-100k"],  # make bench-gates
    "all": [g.name for g in GATES],
}

# The phases of a run, each the inclusive instruction count of one engine function (callgrind
# counts every thread; the writer thread's whole life is RunWriter::Worker::run). What is left
# of the total is "other": process start-up (the dynamic loader alone is ~19 M), parsing the
# command line and exit.
PHASES = [
    ("load", "arteria::load_scenario"),
    ("routing", "arteria::Simulation::Simulation"),  # routes every trip, builds the state
    ("simulation", "arteria::Simulation::step"),
    ("output", "arteria::RunWriter::Worker::run"),
]
GATED_COUNTS = [name for name, _ in PHASES] + ["total"]

# Toolchain fields that must match for instruction counts to be comparable.
TOOLCHAIN_FIELDS = ["compiler", "build_type", "cxx_flags", "libraries", "libc", "valgrind"]


class GateError(Exception):
    """A run that could not be measured (it failed, or its output could not be read)."""


# ---------------------------------------------------------------------------------------------
# The toolchain a build was made with


def cmake_cache(arteria: Path) -> dict[str, str]:
    """CMakeCache.txt of the build tree holding ARTERIA (<build>/bin/arteria); {} for an install."""
    cache = arteria.parent.parent / "CMakeCache.txt"
    if not cache.exists():
        return {}
    entries = {}
    for line in cache.read_text(errors="replace").splitlines():
        m = re.match(r"^([A-Za-z_0-9]+):[A-Z]+=(.*)$", line)
        if m:
            entries[m.group(1)] = m.group(2)
    return entries


def first_line(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.strip().splitlines()[0] if out.strip() else "unknown"


# The shared libraries whose code runs in the counted phases (C and C++ runtimes, HDF5 and its
# compression, oneTBB). Others (libcurl, Kerberos, ...) only load, so an update of one of them
# does not make the counts incomparable.
COUNTED_LIBRARIES = re.compile(r"^lib(c|m|stdc\+\+|gcc_s|hdf5\w*|tbb\w*|z|sz|aec)\.so")


def shared_libraries(arteria: Path) -> list[str]:
    """File names (with their versions) of the counted shared libraries ARTERIA loads, e.g.
    libhdf5_serial.so.103.3.1: another HDF5 or oneTBB changes the instruction counts."""
    try:
        out = subprocess.run(["ldd", str(arteria)], capture_output=True, text=True,
                             timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    names = set()
    for line in out.splitlines():
        m = re.search(r"=>\s+(/\S+)", line)
        if m:
            name = os.path.basename(os.path.realpath(m.group(1)))
            if COUNTED_LIBRARIES.match(name):
                names.add(name)
    return sorted(names)


def toolchain_of(arteria: Path) -> dict:
    cache = cmake_cache(arteria)
    build_type = cache.get("CMAKE_BUILD_TYPE", "")
    compiler = cache.get("CMAKE_CXX_COMPILER")
    return {
        "compiler": first_line([compiler, "--version"]) if compiler else
        f"unknown (no CMakeCache.txt beside {arteria})",
        "build_type": build_type or "unknown",
        "cxx_flags": " ".join(filter(None, [cache.get("CMAKE_CXX_FLAGS", "").strip(),
                                            cache.get(f"CMAKE_CXX_FLAGS_{build_type.upper()}",
                                                      "").strip()])),
        "libraries": shared_libraries(arteria),
        "libc": " ".join(platform.libc_ver()),
        "valgrind": first_line(["valgrind", "--version"]) if shutil.which("valgrind") else None,
    }


def toolchain_differences(baseline: dict, now: dict) -> list[str]:
    out = []
    for field in TOOLCHAIN_FIELDS:
        if baseline.get(field) != now.get(field):
            if field == "libraries":
                old, new = set(baseline.get(field) or []), set(now.get(field) or [])
                out.append(f"libraries {', '.join(sorted(old - new)) or '-'} -> "
                           f"{', '.join(sorted(new - old)) or '-'}")
            else:
                out.append(f"{field} '{baseline.get(field)}' -> '{now.get(field)}'")
    return out


def toolchain_summary(t: dict) -> str:
    flags = f" ({t['cxx_flags']})" if t.get("cxx_flags") else ""
    return f"{t.get('compiler')}, {t.get('build_type')}{flags}"


# ---------------------------------------------------------------------------------------------
# Running a gate


def read_result(path: Path) -> dict:
    import h5py  # Debian's python3-h5py; imported here so the comparison logic needs none

    def plain(value):
        if hasattr(value, "item"):
            value = value.item()
        return value.decode() if isinstance(value, bytes) else value

    with h5py.File(path, "r") as f:
        return {"kpi": {k: plain(v) for k, v in sorted(f["kpi"].attrs.items())},
                "scenario_sha256": plain(f["meta"].attrs.get("scenario_sha256", ""))}


def phase_counts(annotated: str, binary: Path) -> dict[str, int]:
    """Per-phase inclusive instruction counts from `callgrind_annotate --inclusive=yes`."""
    total = None
    found: dict[str, int] = {}
    line_re = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.*?):(.*)\s+\[(.*)\]\s*$")
    for line in annotated.splitlines():
        if line.rstrip().endswith("PROGRAM TOTALS"):
            total = int(line.split()[0].replace(",", ""))
            continue
        m = line_re.match(line)
        if not m or os.path.realpath(m.group(4)) != str(binary):
            continue
        function = m.group(3)
        base, paren, rest = function.partition("(")
        if not paren or ")::" in rest:  # lambdas and local classes inside the phase function
            continue
        for phase, wanted in PHASES:
            if base == wanted:
                found[phase] = found.get(phase, 0) + int(m.group(1).replace(",", ""))
    if total is None:
        raise GateError("callgrind_annotate printed no PROGRAM TOTALS")
    missing = [f"{phase} ({wanted})" for phase, wanted in PHASES if phase not in found]
    if missing:
        raise GateError("no instruction count for " + ", ".join(missing) +
                        ": was the function renamed? Update PHASES in bench/gates.py")
    counts = {phase: found[phase] for phase, _ in PHASES}
    counts["other"] = total - sum(counts.values())
    counts["total"] = total
    return counts


def run_gate(gate: Gate, arteria: Path, work: Path, callgrind: bool, threads: int) -> dict:
    """Runs GATE once; its KPIs, the scenario's fingerprint and, under callgrind, its counts."""
    out_h5 = work / f"{gate.name}.h5"
    cmd = [str(arteria), "run"] + ([str(gate.scenario)] if gate.scenario else [])
    cmd += ["--threads", "1" if callgrind else str(threads), "--out", str(out_h5),
            "--no-progress"]
    profile = work / f"{gate.name}.callgrind"
    if callgrind:
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={profile}"] + cmd
    # No CCH order cache: a cached order would skip the ordering and change the counts.
    env = dict(os.environ, ARTERIA_CACHE_DIR="")
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise GateError(f"`{shlex.join(cmd)}` exited with {proc.returncode}:\n"
                        f"{(proc.stdout + proc.stderr).strip()[-3000:]}")
    result = read_result(out_h5)
    result["wall_s"] = round(wall, 2)
    if callgrind:
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                                    str(profile)], capture_output=True, text=True)
        if annotated.returncode != 0:
            raise GateError(f"callgrind_annotate failed: {annotated.stderr.strip()}")
        result["instructions"] = phase_counts(annotated.stdout, arteria)
    out_h5.unlink(missing_ok=True)
    profile.unlink(missing_ok=True)
    return result


# ---------------------------------------------------------------------------------------------
# Comparing with the baseline


def fmt_count(n: int) -> str:
    return f"{n:,}"


def compare_gate(name: str, measured: dict, baseline: dict | None, toolchain: dict,
                 tolerance: float) -> dict:
    """The checks of one gate: {'failures': [...], 'notes': [...], 'rows': [...]}. Pure."""
    failures, notes, rows = [], [], []
    if baseline is None:
        failures.append(f"{name}: no baseline for this gate")
        return {"failures": failures, "notes": notes, "rows": rows}
    old_kpi, new_kpi = baseline.get("kpi", {}), measured["kpi"]
    moved = [k for k in sorted(set(old_kpi) | set(new_kpi)) if old_kpi.get(k) != new_kpi.get(k)]
    for key in moved:
        failures.append(f"{name}: /kpi {key}: {old_kpi.get(key, '(absent)')!r} -> "
                        f"{new_kpi.get(key, '(absent)')!r}")
    if moved and baseline.get("scenario_sha256") != measured.get("scenario_sha256"):
        notes.append(f"{name}: the scenario itself changed since the baseline (its fingerprint "
                     "in /meta differs)")
    old_counts, new_counts = baseline.get("instructions"), measured.get("instructions")
    if old_counts and new_counts:
        differences = toolchain_differences(baseline.get("toolchain", {}), toolchain)
        if differences:
            notes.append(f"{name}: instruction counts not compared: the baseline was made with "
                         f"another toolchain ({'; '.join(differences)})")
            if moved:
                notes.append(f"{name}: the KPIs above may differ because of the toolchain")
        else:
            for phase in GATED_COUNTS + ["other"]:
                old, new = old_counts.get(phase), new_counts.get(phase)
                if old is None or new is None:
                    continue
                change = (new - old) / old if old else 0.0
                status = "ok"
                if phase in GATED_COUNTS and change > tolerance:
                    status = "grew"
                    failures.append(f"{name}: {phase} instructions {fmt_count(old)} -> "
                                    f"{fmt_count(new)} ({change:+.2%}, tolerance "
                                    f"+{tolerance:.2%})")
                elif phase in GATED_COUNTS and change < -tolerance:
                    status = "better"
                    notes.append(f"{name}: {phase} instructions {fmt_count(old)} -> "
                                 f"{fmt_count(new)} ({change:+.2%}): a gain beyond the "
                                 "tolerance; update the baseline to lock it in")
                elif phase not in GATED_COUNTS:
                    status = "-"
                rows.append({"phase": phase, "baseline": old, "measured": new,
                             "change": change, "status": status})
    elif new_counts and not old_counts:
        failures.append(f"{name}: the baseline has no instruction counts for this gate")
    return {"failures": failures, "notes": notes, "rows": rows}


def update_command(gates: list[str], arteria: Path) -> str:
    cmd = ["/usr/bin/python3", "bench/gates.py", "--update", "--gates", ",".join(gates)]
    if arteria != DEFAULT_ARTERIA.resolve():
        cmd += ["--arteria", str(arteria)]
    return shlex.join(cmd)


def print_rows(rows: list[dict]) -> None:
    if not rows:
        return
    print(f"  {'phase':<11} {'baseline Ir':>15} {'measured Ir':>15} {'change':>8}")
    for r in rows:
        print(f"  {r['phase']:<11} {fmt_count(r['baseline']):>15} {fmt_count(r['measured']):>15} "
              f"{r['change']:>+8.3%}  {r['status']}")


def baseline_entry(gate: Gate, measured: dict, old: dict | None, toolchain: dict) -> dict:
    entry = {"scenario": str(gate.scenario.relative_to(REPO_DIR)) if gate.scenario
             else "(built-in default city)",
             "scenario_sha256": measured["scenario_sha256"], "kpi": measured["kpi"]}
    if "instructions" in measured:
        entry["instructions"], entry["toolchain"] = measured["instructions"], toolchain
    elif old and "instructions" in old:
        # A KPI-only update keeps the counts (and their toolchain) it did not measure.
        entry["instructions"], entry["toolchain"] = old["instructions"], old["toolchain"]
    return entry


def write_baseline(path: Path, entries: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({
        "format": 1,
        "about": "Written by bench/gates.py --update. KPIs must match exactly; instruction "
                 "counts may grow by at most IR_TOLERANCE (bench/gates.py) and are compared "
                 "only under the toolchain recorded with them.",
        "gates": {g.name: entries[g.name] for g in GATES if g.name in entries}},
        indent=2) + "\n")


# ---------------------------------------------------------------------------------------------


def die(message: str) -> None:
    print(f"gates: {message}", file=sys.stderr)
    sys.exit(2)


def parse_gates(text: str) -> list[str]:
    if text in GATE_SETS:
        return list(GATE_SETS[text])
    names = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [n for n in names if n not in GATE_BY_NAME]
    if unknown or not names:
        die(f"unknown gate(s) {', '.join(unknown) or '(none)'}; known: "
            f"{', '.join(GATE_BY_NAME)}, or one of {', '.join(GATE_SETS)}")
    return [g.name for g in GATES if g.name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="gates: " + "; ".join(f"{g.name} ({g.description}"
                                     f"{', instruction counts' if g.callgrind else ''})"
                                     for g in GATES)
        + "; sets: " + "; ".join(f"{k} = {','.join(v)}" for k, v in GATE_SETS.items()))
    parser.add_argument("--gates", default="quick",
                        help="quick (make test), full (make bench-gates), all, or a comma list")
    parser.add_argument("--arteria", default=str(DEFAULT_ARTERIA),
                        help="the arteria CLI (default build/bin/arteria)")
    parser.add_argument("--baseline", default=str(DEFAULT_BASELINE),
                        help="baseline JSON (default bench/baselines/gates.json)")
    parser.add_argument("--update", action="store_true",
                        help="write the measured figures as the new baseline of these gates")
    parser.add_argument("--tolerance", type=float, default=IR_TOLERANCE,
                        help=f"largest allowed instruction-count growth (default "
                             f"{IR_TOLERANCE})")
    parser.add_argument("--no-callgrind", action="store_true",
                        help="KPIs only: run every gate natively, no valgrind")
    parser.add_argument("--threads", type=int, default=2,
                        help="threads of the native runs (KPI-only gates); callgrind runs use 1")
    parser.add_argument("--out",
                        help="JSON results (default bench/results/gates-<host>-<date>.json)")
    args = parser.parse_args(argv)

    names = parse_gates(args.gates)
    if args.tolerance < 0 or args.threads < 1:
        die("--tolerance must be at least 0 and --threads at least 1")
    arteria = Path(args.arteria).resolve()
    if not os.access(arteria, os.X_OK):
        die(f"no arteria executable at {arteria} (build it, or pass --arteria PATH)")
    use_callgrind = not args.no_callgrind
    if use_callgrind and any(GATE_BY_NAME[n].callgrind for n in names):
        for tool in ("valgrind", "callgrind_annotate"):
            if not shutil.which(tool):
                die(f"{tool} is not installed (Debian package valgrind; `make deps`), "
                    "or pass --no-callgrind")
    baseline_path = Path(args.baseline)
    baseline = json.loads(baseline_path.read_text()) if baseline_path.exists() else {"gates": {}}
    toolchain = toolchain_of(arteria)
    if use_callgrind and toolchain["build_type"] not in ("Release", "RelWithDebInfo"):
        # Sanitized or unoptimised builds: counts mean nothing and ASan does not run under
        # valgrind. KPIs are still checked.
        print(f"gates: {toolchain['build_type']} build: KPIs only, no instruction counts")
        use_callgrind = False

    stamp = dt.datetime.now()
    print(f"arteria gates: {arteria}\ntoolchain: {toolchain_summary(toolchain)}\n"
          f"gates: {', '.join(names)}; instruction tolerance +{args.tolerance:.2%}\n", flush=True)
    results, failures, notes, failed_runs = {}, [], [], []
    work = Path(tempfile.mkdtemp(prefix="arteria-gates-"))
    started = time.monotonic()
    try:
        for name in names:
            gate = GATE_BY_NAME[name]
            counted = use_callgrind and gate.callgrind
            print(f"{name}: {gate.description}{' under callgrind' if counted else ''} ...",
                  end="", flush=True)
            try:
                measured = run_gate(gate, arteria, work, counted, args.threads)
            except GateError as error:
                print(" FAILED")
                failed_runs.append(f"{name}: {error}")
                continue
            check = compare_gate(name, measured, baseline["gates"].get(name), toolchain,
                                 args.tolerance)
            # With --update a failed check is the change being accepted.
            failed = "updated" if args.update else "FAIL"
            print(f" {measured['wall_s']:.1f} s: {failed if check['failures'] else 'ok'}",
                  flush=True)
            print_rows(check["rows"])
            for line in check["failures"]:
                print(f"  {failed} {line}")
            for line in check["notes"]:
                print(f"  note {line}")
            failures += check["failures"]
            notes += check["notes"]
            results[name] = {"measured": measured, "failures": check["failures"],
                             "notes": check["notes"], "instructions": check["rows"]}
            if args.update:
                baseline["gates"][name] = baseline_entry(gate, measured,
                                                         baseline["gates"].get(name), toolchain)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - started

    out = Path(args.out) if args.out else (
        BENCH_DIR / "results" / f"gates-{socket.gethostname()}-{stamp:%Y%m%d-%H%M}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "generated": stamp.isoformat(timespec="seconds"), "arteria": str(arteria),
        "toolchain": toolchain, "tolerance": args.tolerance, "elapsed_s": round(elapsed, 1),
        "gates": results, "failures": failures, "failed_runs": failed_runs, "notes": notes,
        "updated": args.update}, indent=2) + "\n")
    print(f"\nwrote {out} ({elapsed:.0f} s)")
    for line in failed_runs:
        print(f"RUN FAILED {line}", file=sys.stderr)
    if args.update:
        write_baseline(baseline_path, baseline["gates"])
        print(f"updated {baseline_path}: commit it with the change that moved the figures")
        return 1 if failed_runs else 0
    if failures:
        failing = [n for n in names if results.get(n, {}).get("failures")]
        shown = baseline_path.resolve()
        if shown.is_relative_to(REPO_DIR):
            shown = shown.relative_to(REPO_DIR)
        print("\n".join(["", "Regression gates failed:"] + [f"  {f}" for f in failures]) +
              f"\nIf the change is intended, update the baseline in the same commit:\n"
              f"  {update_command(failing, arteria)}\n"
              f"(or every gate: make bench-gates-update), then commit {shown}.",
              file=sys.stderr)
    return 1 if failures or failed_runs else 0


if __name__ == "__main__":
    sys.exit(main())
