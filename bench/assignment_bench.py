#!/usr/bin/env python3
"""Static assignment on the four TNTP networks: Algorithm B against Frank-Wolfe (FW) and
bi-conjugate Frank-Wolfe (BFW). For each network and algorithm: the time to reach relative gaps
1e-4, 1e-6, 1e-8 and 1e-10 (FW and BFW stop at --cap seconds and report the gap reached), the
objective against the one of the published flows, the largest link-flow error on congested links,
and a gap-versus-time plot (docs/assignment_gap.png).

    /usr/bin/python3 bench/assignment_bench.py [--cap 20] [--threads 2] [--repeats 1]

Repeats alternate the algorithms (B FW BFW B FW BFW ...) and report medians of the times.
Needs the build (bench_assignment_bench) and, for the plot, matplotlib."""
import argparse
import json
import statistics
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "build" / "bin" / "bench_assignment_bench"
NETWORKS = ["SiouxFalls", "Anaheim", "Barcelona", "Winnipeg"]
ALGORITHMS = ["algorithm_b", "frank_wolfe", "biconjugate_frank_wolfe"]
SHORT = {"algorithm_b": "B", "frank_wolfe": "FW", "biconjugate_frank_wolfe": "BFW"}
GAPS = [1e-4, 1e-6, 1e-8, 1e-10]
# Published objectives (shared/data/README.md); Anaheim's is recomputed there from _flow.
PUBLISHED = {"SiouxFalls": 4231335.287, "Anaheim": 1286032.17, "Barcelona": 1265654.922,
             "Winnipeg": 827911.495}


def solve(network, algorithm, cap, threads):
    out = subprocess.run([str(BENCH), network, algorithm, str(cap), str(threads)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def time_to(history, gap):
    for g, _, t in history:
        if g <= gap:
            return t
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cap", type=float, default=20.0, help="time limit per solve, s")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--plot", default=str(REPO / "docs" / "assignment_gap.png"))
    parser.add_argument("--json", default="", help="also write every result here")
    args = parser.parse_args()

    results = {}
    for network in NETWORKS:
        for _ in range(args.repeats):
            for algorithm in ALGORITHMS:
                results.setdefault((network, algorithm), []).append(
                    solve(network, algorithm, args.cap, args.threads))

    header = ("| network | algo | " + " | ".join(f"t(gap≤{g:.0e})" for g in GAPS) +
              " | final gap | iterations | objective | published | objective of _flow | "
              "max flow error (congested) |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for (network, algorithm), runs in results.items():
        times = []
        for gap in GAPS:
            reached = [time_to(r["history"], gap) for r in runs]
            times.append(f"{statistics.median(reached):.2f} s" if None not in reached else "—")
        last = runs[-1]
        print(f"| {network} | {SHORT[algorithm]} | " + " | ".join(times) +
              f" | {last['gap']:.1e} | {last['iterations']} | {last['objective']:.6f} | "
              f"{PUBLISHED[network]} | {last['published_flow_objective']:.6f} | "
              f"{last['max_congested_flow_error']:.2g} veh/h |")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [r for runs in results.values() for r in runs], indent=1))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(2, 2, figsize=(10, 7.5))
    for axis, network in zip(axes.flat, NETWORKS):
        for algorithm in ALGORITHMS:
            history = results[(network, algorithm)][0]["history"]
            axis.loglog([max(t, 1e-4) for _, _, t in history], [max(g, 1e-16) for g, _, _ in history],
                        label=SHORT[algorithm])
        axis.axhline(1e-10, color="grey", linewidth=0.5, linestyle=":")
        axis.set_title(network)
        axis.set_xlabel("wall time (s, 2 threads)")
        axis.set_ylabel("relative gap")
        axis.legend()
    figure.tight_layout()
    figure.savefig(args.plot, dpi=110)
    print(f"wrote {args.plot}")


if __name__ == "__main__":
    main()
