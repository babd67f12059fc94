"""How a study should use the cores: runs side by side on one thread each, or one after
another on every thread (what arteria.Study's schedule "auto" picks, study.py).

Two scenarios of the default city, the base and a variant file extending it with the middle
bridge closed 07:00-10:00, are run to files in rounds alternating three schedules:
- one_by_one: `arteria run --threads <cores>` for one, then the other;
- side_by_side: both `arteria run --threads 1` processes at once (what a study does);
- threads: both arteria.run(..., threads=1) at once in threads of this Python process.
Each schedule's figure is its median wall time for both runs.

    PYTHONPATH=build/python /usr/bin/python3 bench/study_schedule.py [--rounds 5] [--small]
"""
import argparse
import concurrent.futures
import os
import pathlib
import statistics
import subprocess
import tempfile
import time

import arteria

REPO = pathlib.Path(__file__).resolve().parents[1]
SMALL = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]


def variant_file(folder, small):
    bridge = ["5_5>5_6", "5_6>5_5"] if small else ["15_15>15_16", "15_16>15_15"]
    text = f'[scenario]\nbase = "{REPO / "scenarios" / "default_city.toml"}"\n'
    for link in bridge:
        for time_of_day, action in (("07:00", "close_link"), ("10:00", "reopen_link")):
            text += f'[[events]]\ntime = "{time_of_day}"\naction = "{action}"\nlink = "{link}"\n'
    path = folder / "closure.toml"
    path.write_text(text)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (seconds)")
    parser.add_argument("--arteria", default=str(REPO / "build" / "bin" / "arteria"))
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    overrides = [w for o in (SMALL if args.small else []) for w in ("--set", o)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        paths = [str(REPO / "scenarios" / "default_city.toml"), str(variant_file(folder, args.small))]
        scenarios = [arteria.Scenario.load(p, SMALL if args.small else []) for p in paths]

        def command(i, threads):
            return [args.arteria, "run", paths[i], "--threads", str(threads), "--no-progress",
                    "--out", str(folder / f"{i}.h5")] + overrides

        def one_by_one():
            for i in range(2):
                subprocess.run(command(i, cores), check=True, capture_output=True)

        def side_by_side():
            running = [subprocess.Popen(command(i, 1), stdout=subprocess.DEVNULL) for i in range(2)]
            assert all(p.wait() == 0 for p in running)

        def threads():
            with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
                list(pool.map(lambda i: arteria.run(scenarios[i], folder / f"t{i}.h5", threads=1),
                              range(2)))

        schedules = {"one_by_one": one_by_one, "side_by_side": side_by_side, "threads": threads}
        times = {name: [] for name in schedules}
        for round_ in range(args.rounds):
            for name, schedule in schedules.items():
                start = time.perf_counter()
                schedule()
                times[name].append(time.perf_counter() - start)
                print(f"round {round_ + 1} {name:12s} {times[name][-1]:7.2f} s", flush=True)
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["one_by_one"]
    print(f"{cores} cores, medians of {args.rounds} rounds, two runs: " + ", ".join(
        f"{name} {m:.2f} s ({m / base:.2f}x)" for name, m in medians.items()))


if __name__ == "__main__":
    main()
