"""What driving Arteria from Python costs, against the `arteria` command.

1. Run overhead, default city: `arteria run` (a process: load, route, simulate, write the
   HDF5 file) against the same work from Python, in three forms:
   - `arteria.run(scenario, out)`: the CLI's own code path (run_scenario) through the binding;
   - `Simulation(scenario).run()`: stepping in C++, no file written;
   - a Python loop `while not sim.done: sim.step()` that also reads a link view every step,
     the shape of a control script (one Python call per simulated second).
   Each is timed as a whole process (interpreter start, imports, scenario load included), by
   wall clock and by CPU time (steadier when the machine is shared), and by the seconds the
   Python process reports for the work after its imports (scenario load included), against the
   CLI's whole process. Goal: at most 5 % over the CLI.
2. View cost, 161 x 161 grid (102,784 links, bench/scenarios/python_grid_100k_links.toml):
   `sim.links.queue` returns a view of the engine's array; the check is that two reads share
   memory with each other and do not own their data, and that a read takes microseconds,
   independent of the link count, while a copy takes the time of copying 400 kB.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [--arteria build/bin/arteria]
"""
import argparse
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parent
VIEW_SCENARIO = HERE / "scenarios" / "python_grid_100k_links.toml"

# Each form prints its own seconds after `import arteria` (and, for arteria.run, after
# importing the results reader): the work itself, without interpreter start and imports.
_CLOCK = "import time, arteria, arteria.results; t0 = time.perf_counter()\n"
_DONE = "\nprint(time.perf_counter() - t0)"
PYTHON_FORMS = {
    "arteria.run (writes HDF5)": _CLOCK + (
        "import sys; s = arteria.Scenario.default(); "
        "arteria.run(s, sys.argv[1], threads={threads})") + _DONE,
    "Simulation.run() (no file)": _CLOCK + (
        "s = arteria.Scenario.default(); "
        "sim = arteria.Simulation(s, threads={threads}); sim.run()") + _DONE,
    "Python step loop + view": _CLOCK + (
        "s = arteria.Scenario.default(); "
        "sim = arteria.Simulation(s, threads={threads}); q = sim.links.queue; total = 0.0\n"
        "while not sim.done:\n    sim.step(); total += q[0]") + _DONE,
}


def timed(fn):
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def run_overhead(cli, threads, repeat, folder):
    """Median wall and CPU (user + system, all threads) seconds per form over `repeat` runs,
    each a whole process. CPU time is the steadier figure on a shared machine."""
    env = dict(os.environ)
    commands = {"arteria run (CLI)": [str(cli), "run", "--no-progress", "--threads",
                                      str(threads), "--out", str(folder / "cli.h5")]}
    for name, code in PYTHON_FORMS.items():
        commands[name] = [sys.executable, "-c", code.format(threads=threads),
                          str(folder / "py.h5")]
    walls = {name: [] for name in commands}
    cpus = {name: [] for name in commands}
    works = {name: [] for name in PYTHON_FORMS}
    for _ in range(repeat):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            done = subprocess.run(command, check=True, env=env, capture_output=True, text=True)
            walls[name].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            if name in works:
                works[name].append(float(done.stdout.split()[-1]))
    median = statistics.median
    return ({k: median(v) for k, v in walls.items()}, {k: median(v) for k, v in cpus.items()},
            {k: median(v) for k, v in works.items()})


def view_cost(threads):
    import arteria
    started = time.perf_counter()
    scenario = arteria.Scenario.load(str(VIEW_SCENARIO))
    sim = arteria.Simulation(scenario, threads=threads)
    sim.run_until(scenario.start_s + 300)
    setup_s = time.perf_counter() - started
    links = sim.links
    first, second = links.queue, links.queue
    shares = np.shares_memory(first, second)
    owns = first.flags.owndata
    base_kind = type(first.base).__name__
    reads = 20000
    read_s = timed(lambda: [links.queue for _ in range(reads)]) / reads
    sum_s = timed(lambda: [first.sum() for _ in range(200)]) / 200
    copy_s = timed(lambda: [np.array(first) for _ in range(2000)]) / 2000
    sim.step()
    updated = np.shares_memory(first, links.queue)
    return {"links": scenario.network.link_count, "setup_s": setup_s, "shares_memory": shares,
            "owns_data": owns, "base": base_kind, "still_shared_after_step": updated,
            "read_us": read_s * 1e6, "copy_us": copy_s * 1e6, "sum_us": sum_s * 1e6,
            "nbytes": first.nbytes}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arteria", default=str(REPO / "build" / "bin" / "arteria"),
                        help="the CLI to compare with")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-run", action="store_true", help="only the view benchmark")
    args = parser.parse_args()

    if not args.skip_run:
        with tempfile.TemporaryDirectory() as folder:
            walls, cpus, works = run_overhead(pathlib.Path(args.arteria), args.threads,
                                              args.repeat, pathlib.Path(folder))
        cli_wall, cli_cpu = walls["arteria run (CLI)"], cpus["arteria run (CLI)"]
        print(f"default city, {args.threads} threads, median of {args.repeat}; whole process "
              f"(wall, CPU) and the work after imports (wall):")
        print(f"  {'':<28} {'wall':>7} {'vs CLI':>7} {'CPU':>7} {'vs CLI':>7} "
              f"{'work':>7} {'vs CLI':>7}")
        for name in walls:
            work = (f"{works[name]:>6.2f}s {100 * (works[name] / cli_wall - 1):>+6.1f}%"
                    if name in works else "")
            print(f"  {name:<28} {walls[name]:>6.2f}s {100 * (walls[name] / cli_wall - 1):>+6.1f}%"
                  f" {cpus[name]:>6.2f}s {100 * (cpus[name] / cli_cpu - 1):>+6.1f}% {work}")

    cost = view_cost(args.threads)
    print(f"link view on {cost['links']:,} links ({cost['nbytes'] / 1e3:.0f} kB; setup "
          f"{cost['setup_s']:.1f} s):")
    print(f"  np.shares_memory(two reads) = {cost['shares_memory']}, owndata = "
          f"{cost['owns_data']}, base = {cost['base']}, shared after a step = "
          f"{cost['still_shared_after_step']}")
    print(f"  read sim.links.queue: {cost['read_us']:.2f} us; np.array copy: "
          f"{cost['copy_us']:.1f} us; .sum(): {cost['sum_us']:.1f} us")
    assert cost["shares_memory"] and not cost["owns_data"] and cost["still_shared_after_step"]


if __name__ == "__main__":
    main()
