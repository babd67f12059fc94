#!/usr/bin/python3
"""Runs the fuzz targets, --jobs at a time, and writes what each did.

    tests/fuzz/run_fuzz.py --build build-fuzz --seconds 15 --jobs 2 --report build-fuzz/fuzz-smoke.txt
                           [TARGET ...]

Each target runs `nice`d for --seconds on BUILD/corpus/<target> (grown by the run, kept between
runs) and the seeds of make_corpus.py (BUILD/seeds/<target>, read only), with its dictionary
(tests/fuzz/dict/) and the limits that make a hang (-timeout) or unbounded memory
(-rss_limit_mb) a finding. Findings (crash-*, leak-*, timeout-*, oom-*) are written to
BUILD/findings/<target>/. The report is a table and a JSON file beside it
(target, seconds, CPU seconds, execs, execs/s, corpus size, crashes): the targets run
`nice`d, so on a busy machine CPU seconds can be well below seconds. Exits 1 when any target found
anything. Each target is a single libFuzzer process, so --jobs (default: the number of CPUs)
targets at a time keep every core busy: the wall time is about targets × seconds / jobs.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DICTIONARIES = {
    "scenario_toml": "toml.dict",
    "native_csv": "csv.dict",
    "osm_xml": "osm.dict",
    "sumo_net": "sumo.dict",
    "sumo_routes": "sumo.dict",
    "sumocfg": "sumo.dict",
    "tntp_net": "tntp.dict",
    "tntp_trips": "tntp.dict",
    "gtfs": "gtfs.dict",
}
TIMEOUT_S = 10  # one input taking longer is a hang
RSS_LIMIT_MB = 2048
FINDING = re.compile(r"^(crash|leak|timeout|oom|slow-unit)-")


def targets_of(build):
    return sorted(p.name[len("fuzz_"):] for p in (build / "bin").glob("fuzz_*")
                  if p.name != "fuzz_make_seeds")


def final_stat(output, name):
    match = re.search(rf"stat::{name}:\s*(\d+)", output)
    return int(match.group(1)) if match else 0


# Stack frames of the sanitizers and libFuzzer (and the C library, below), skipped when finding
# where a crash or hang is.
RUNTIME_FRAME = re.compile(r" in (__asan|__sanitizer|__interceptor|__ubsan|__lsan|___interceptor"
                           r"|malloc|calloc|realloc|free|operator new|operator delete|abort"
                           r"|raise|__GI_|__libc|fuzzer::)")
FRAME = re.compile(r"^\s*#\d+ 0x[0-9a-f]+ (?:in )?(.*)$", re.M)
THIRD_PARTY_HEADER = re.compile(r"^SUMMARY: UndefinedBehaviorSanitizer: \S+ /usr/include/"
                                r"(osmium|protozero|toml\+\+)/", re.M)
SHARED_LIBRARY = re.compile(r"\((/(?:usr/)?lib/[^ )+]*/(lib[^/ )+]+\.so[^ )+]*))")


def third_party_library(log):
    """The system library a crash happened in (its innermost frame outside the sanitizers'
    runtime), e.g. "libhdf5_serial.so.103"; None when it is in Arteria's code or the log has
    no stack (an uncaught exception is always Arteria's)."""
    if "terminate called" in log or "uncaught exception" in log:
        return None
    # Header-only libraries compile into the target: UBSan names the header, not a library.
    in_header = THIRD_PARTY_HEADER.search(log)
    if in_header:
        return in_header.group(1) + " (headers)"
    for frame in FRAME.findall(log):
        library = SHARED_LIBRARY.search(frame)
        if RUNTIME_FRAME.search(" in " + frame) or (library and library.group(2).startswith("libc.")):
            continue
        return library.group(2) if library else None
    return None


def run_once(build, target, seconds, corpus, seeds, findings, scratch):
    """One libFuzzer process: (exit code, its standard error, its CPU seconds). The CPU time is
    the process's own (wait4), not all children's, since other targets run at the same time."""
    command = ["nice", "-n", "10", str(build / "bin" / f"fuzz_{target}"),
               f"-max_total_time={seconds}", f"-timeout={TIMEOUT_S}",
               f"-rss_limit_mb={RSS_LIMIT_MB}", "-print_final_stats=1",
               f"-artifact_prefix={findings}/"]
    if target in DICTIONARIES:
        command.append(f"-dict={HERE / 'dict' / DICTIONARIES[target]}")
    command += [str(corpus)] + ([str(seeds)] if seeds.exists() else [])
    environment = dict(os.environ, TMPDIR=str(scratch),
                       LSAN_OPTIONS=f"suppressions={HERE / 'lsan.supp'}:print_suppressions=0")
    with open(scratch.parent / f"{target}.stderr", "w+", errors="replace") as stderr:
        process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                                   stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        log = stderr.read()
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True, exist_ok=True)
    return process.returncode, log, usage.ru_utime + usage.ru_stime


def slow_only_under_load(build, target, finding):
    """Whether a timeout finding was the machine's load, not a hang: run at normal priority
    it finishes in under half the timeout, in the best of three tries. (The targets run niced
    beside other work; an input starved of CPU can pass the wall-clock timeout without being
    slow, and a busy machine can slow one try as well.)"""
    for _ in range(3):
        started = time.monotonic()
        result = subprocess.run([str(build / "bin" / f"fuzz_{target}"), f"-timeout={TIMEOUT_S}",
                                 str(finding)], capture_output=True, text=True, errors="replace")
        if result.returncode == 0 and time.monotonic() - started < TIMEOUT_S / 2:
            return True
    return False


def run_target(build, target, seconds):
    """Fuzzes `target` for `seconds`. A crash inside a system library (HDF5 on a damaged file)
    is not Arteria's to fix: it is set aside in findings/<target>/third-party/ and the target
    goes on for the time left, so that it cannot hide findings in Arteria's own code."""
    corpus = build / "corpus" / target
    seeds = build / "seeds" / target
    findings = build / "findings" / target
    third_party_folder = findings / "third-party"
    load_folder = findings / "load-induced"
    scratch = build / "tmp" / target  # the target's input folder; left behind only by a crash
    for folder in (corpus, findings, third_party_folder, load_folder, scratch):
        folder.mkdir(parents=True, exist_ok=True)
    log = build / "findings" / f"{target}.log"
    logs, execs, cpu, third_party, load_induced = [], 0, 0.0, {}, 0
    started = time.monotonic()
    while True:
        left = seconds - int(time.monotonic() - started)
        before = {p.name for p in findings.iterdir() if FINDING.match(p.name)}
        returncode, stderr, cpu_seconds = run_once(build, target, max(left, 1), corpus, seeds,
                                                   findings, scratch)
        logs.append(stderr)
        cpu += cpu_seconds
        execs += final_stat(stderr, "number_of_executed_units")
        new = sorted(p.name for p in findings.iterdir()
                     if FINDING.match(p.name) and p.name not in before)
        library = third_party_library(stderr) if new else None
        load = bool(new) and not library and all(
            name.startswith(("timeout-", "slow-unit-"))
            and slow_only_under_load(build, target, findings / name)
            for name in new)
        exit_code = 0 if library or load else returncode
        if load:
            for name in new:
                (findings / name).rename(load_folder / name)
            load_induced += len(new)
        elif library:
            for name in new:
                (findings / name).rename(third_party_folder / name)
            third_party[library] = third_party.get(library, 0) + len(new)
        else:
            break
        if seconds - (time.monotonic() - started) < 5:
            break
    elapsed = time.monotonic() - started
    shutil.rmtree(scratch, ignore_errors=True)
    log.write_text("\n".join(logs))
    found = sorted(p.name for p in findings.iterdir() if FINDING.match(p.name))
    return {
        "target": target,
        "seconds": round(elapsed, 1),
        "cpu_s": round(cpu, 1),
        "execs": execs,
        "execs_per_s": round(execs / elapsed) if elapsed > 0 else 0,
        "corpus": sum(1 for _ in corpus.iterdir()),
        "crashes": len(found),
        "third_party_crashes": third_party,
        "load_induced_timeouts": load_induced,
        "exit_code": exit_code,  # of the last run, 0 when its finding was set aside
        "findings": found,
        "log": str(log),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=HERE.parents[1] / "build-fuzz")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="targets fuzzed at the same time")
    parser.add_argument("--report", type=Path)
    parser.add_argument("targets", nargs="*")
    args = parser.parse_args()
    build = args.build.resolve()
    targets = args.targets or targets_of(build)
    report = args.report or build / "fuzz-report.txt"
    rows = []
    header = f"{'target':15} {'seconds':>8} {'cpu s':>8} {'execs':>10} {'execs/s':>8} {'corpus':>7} {'crashes':>7}"
    print(header, flush=True)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(args.jobs, 1))
    # map() yields in the targets' order: the table is the same whatever finishes first.
    for row in pool.map(lambda target: run_target(build, target, args.seconds), targets):
        rows.append(row)
        print(f"{row['target']:15} {row['seconds']:8.0f} {row['cpu_s']:8.0f} {row['execs']:10} "
              f"{row['execs_per_s']:8} {row['corpus']:7} {row['crashes']:7}"
              + (f"  {' '.join(row['findings'])} (see {row['log']})" if row["crashes"] else "")
              + ("" if row["crashes"] or row["exit_code"] == 0
                 else f"  exit {row['exit_code']}, see {row['log']}")
              + "".join(f"  ({n} in {lib}, set aside)"
                        for lib, n in row["third_party_crashes"].items())
              + (f"  ({row['load_induced_timeouts']} timeouts fast when rerun alone, set aside)"
                 if row["load_induced_timeouts"] else ""),
              flush=True)
    lines = [header] + [
        f"{r['target']:15} {r['seconds']:8.0f} {r['cpu_s']:8.0f} {r['execs']:10} {r['execs_per_s']:8} "
        f"{r['corpus']:7} {r['crashes']:7}"
        + "".join(f"  {n} more in {lib}" for lib, n in r["third_party_crashes"].items())
        + (f"  {r['load_induced_timeouts']} load-induced timeouts" if r["load_induced_timeouts"]
           else "")
        for r in rows]
    report.write_text("\n".join(lines) + "\n")
    report.with_suffix(".json").write_text(json.dumps(rows, indent=2) + "\n")
    print(f"report: {report} and {report.with_suffix('.json')}")
    failed = [r["target"] for r in rows if r["crashes"] or r["exit_code"] != 0]
    if failed:
        print("findings in: " + " ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
