"""Studies: a base scenario and its variants, run and compared in one go (``arteria study`` and
:class:`Study`).

A study runs the base and every variant (reusing a result whose scenario did not change: its
file's ``/meta@scenario_sha256`` equals the scenario's fingerprint), compares each variant with
the base exactly as :func:`arteria.compare` does, and writes one report folder::

    DIR/kpis.csv, DIR/kpis.md     the KPI table across the base and every variant
    DIR/overview.png              change of the main KPIs per variant against the base
    DIR/<variant>/                what `arteria compare BASE VARIANT --out` writes
    DIR/runs/<scenario>.h5        the runs (kept for reuse)
    DIR/runs/<base>-equilibrium.h5  with dynamic assignment: the base's, which every scenario
                                  of the study starts from (kept for reuse)

When the base assigns routes dynamically (``[assignment] kind = "dynamic"``), the base is
equilibrated first, and every scenario that assigns dynamically (the base included) then starts
from the base's final routes (``[assignment] start_routes``, trips matched by id) instead of
free-flow paths: a variant is re-equilibrated from where the base's travellers are.
"""
import concurrent.futures
import math
import os
import pathlib
import subprocess

import h5py

from . import figures
from ._arteria import Scenario, install_root, read_study_file
from .comparison import ARRIVED_ONLY, INCL_UNFINISHED, compare
from .dynamic_assignment import assign_dynamic
from .results import Results
from .run import run as run_scenario

# The KPIs of the overview figure (rows of comparison.KPI_ROWS): completion first, and the
# travel time that counts unfinished trips, which a variant that does not clear cannot flatter.
OVERVIEW_KPIS = ("trips completed", "trips not completed", "VKT (km)", "VHT (h)",
                 INCL_UNFINISHED, ARRIVED_ONLY[1])

SCHEDULES = ("auto", "side_by_side", "one_by_one")

# What "auto" picks on a machine with more than one core. On the default city (2 cores, shared
# with other work), two `arteria run` processes side by side on one thread each took 0.67x to
# 1.05x the time of the same runs one after another on two threads, 0.9x in the middle; the
# spread between windows of the shared machine was larger than any difference (docs/
# BENCHMARKS.md, "Studies: runs side by side or threads in one run"). Side by side runs as
# processes, which share no allocator or HDF5 lock.
AUTO_SCHEDULE = "side_by_side"


class StudyRun:
    """One scenario of a study: its label, file, built scenario and result file."""

    def __init__(self, label, path, scenario, out, overrides):
        self.label, self.path, self.scenario, self.out = label, path, scenario, out
        self.overrides = overrides  # "key=value" lines its scenario was built with
        self.reused = False
        self.results = None


class StudyReport:
    """What :meth:`Study.run` returns.

    - ``kpis``: the KPI table (DataFrame: one row per KPI; the base's value, then per variant
      its value and its change against the base in %), also ``kpis.csv`` and ``kpis.md``;
    - ``comparisons``: variant label -> :class:`arteria.Comparison` against the base;
    - ``results``: label -> :class:`arteria.Results` (the base first);
    - ``reused``: labels whose earlier result was reused (their scenario did not change);
    - ``figures``: name -> path of the overview figure; ``out_dir``: the report folder.
    """

    def __init__(self, out_dir, runs, comparisons, kpis, overview):
        self.out_dir = out_dir
        self.results = {r.label: r.results for r in runs}
        self.reused = [r.label for r in runs if r.reused]
        self.comparisons = comparisons
        self.kpis = kpis
        self.figures = {"overview": overview}

    def __str__(self):
        warnings = []  # the base's come once, not once per variant
        for label, comparison in self.comparisons.items():
            for warning in comparison.warnings:
                line = warning if "the base" in warning else f"{label}: {warning}"
                if line not in warnings:
                    warnings.append(line)
        lines = [f"study report in {self.out_dir}"] + warnings
        lines += ["", kpi_markdown(self.kpis), ""]
        lines += [f"wrote {self.out_dir / name}" for name in ("kpis.csv", "kpis.md")]
        lines += [f"wrote {self.figures['overview']}"]
        lines += [f"wrote {self.out_dir / folder}/" for folder in self._folders()]
        return "\n".join(lines)

    def _folders(self):
        return [pathlib.Path(c.figures["series"]).parent.name for c in self.comparisons.values()]


class Study:
    """A base scenario and variants of it. ``Study("study.toml")`` reads a study file (the
    format is in docs/USER_GUIDE.md); ``Study(base="base.toml", variants=["a.toml"])`` names
    the scenarios directly. `threads` are the cores for the whole study (0: every core);
    `schedule` is "side_by_side" (several runs at once, one thread each), "one_by_one" (one
    run at a time on every thread) or "auto". `overrides` ("key=value", as ``--set``) apply to
    every scenario."""

    def __init__(self, path=None, *, base=None, variants=None, threads=None, schedule=None,
                 overrides=()):
        spec = {"name": "study", "threads": 0, "schedule": "auto"}
        if path is not None:
            if base is not None or variants:
                raise ValueError("give a study file or base and variants, not both")
            spec = read_study_file(str(path))
            base, variants = spec["base"], spec["variants"]
        if base is None or not variants:
            raise ValueError("a study needs a base scenario and at least one variant")
        self.name = spec["name"]
        self.base = str(base)
        self.variants = [str(v) for v in variants]
        self.threads = spec["threads"] if threads is None else int(threads)
        self.schedule = spec["schedule"] if schedule is None else schedule
        if self.schedule not in SCHEDULES:
            raise ValueError(f"schedule must be one of {', '.join(SCHEDULES)}, "
                             f"not {self.schedule!r}")
        self.overrides = list(overrides)

    def run(self, out_dir, log=print):
        """Runs what changed, compares every variant with the base and writes the report
        folder `out_dir`; returns a :class:`StudyReport`. `log` gets one line per step."""
        out = pathlib.Path(out_dir)
        (out / "runs").mkdir(parents=True, exist_ok=True)
        cores = self.threads or os.cpu_count() or 1
        paths = [self.base] + self.variants
        runs = self._load(paths, out, cores)
        start_routes = self._base_equilibrium(runs[0], out, cores, log)
        if start_routes is not None:
            self._start_from(runs, start_routes, cores)
        todo = [r for r in runs if not _reusable(r)]
        for r in runs:
            if r.reused:
                log(f"reused {r.label}: {r.out} (scenario unchanged)")
        self._run_all(todo, cores, log)
        base, variants = runs[0], runs[1:]
        comparisons = {}
        for variant in variants:
            comparisons[variant.label] = compare(base.results, variant.results,
                                                 out_dir=out / _folder(variant.path))
        kpis = kpi_table(base.label, comparisons)
        kpis.to_csv(out / "kpis.csv")
        (out / "kpis.md").write_text(kpi_markdown(kpis) + "\n")
        overview = figures.save_study_overview(
            out / "overview.png", kpis, OVERVIEW_KPIS,
            title=f"{self.name}: change against {base.label}")
        return StudyReport(out, runs, comparisons, kpis, overview)

    def _load(self, paths, out, cores):
        """Builds every scenario (in parallel: loading releases the GIL) before running any, so
        a bad variant stops the study before hours of runs."""
        stems = [_folder(p) for p in paths]
        if len(set(stems)) < len(stems):
            raise ValueError("two scenarios of the study have the same file name: "
                             + ", ".join(paths))
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(cores, len(paths))) as pool:
            scenarios = list(pool.map(lambda p: Scenario.load(p, self.overrides), paths))
        labels = _unique_labels([s.name for s in scenarios])
        return [StudyRun(label, path, scenario, out / "runs" / f"{stem}.h5", list(self.overrides))
                for label, path, scenario, stem in zip(labels, paths, scenarios, stems)]

    def _start_from(self, runs, start_routes, cores):
        """Builds again, starting from `start_routes` (the base's equilibrium file), the
        scenarios that assign dynamically; the others keep their build."""
        dynamic = [r for r in runs if r.scenario.assigns_dynamically]
        overrides = self.overrides + [f"assignment.start_routes={start_routes}"]
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(cores, len(dynamic))) as pool:
            scenarios = list(pool.map(lambda r: Scenario.load(r.path, overrides), dynamic))
        for r, scenario in zip(dynamic, scenarios):
            r.scenario, r.overrides = scenario, list(overrides)

    def _base_equilibrium(self, base, out, cores, log):
        """The base's dynamic assignment file (made, or reused when the base did not change);
        None when the base does not assign dynamically."""
        if not base.scenario.assigns_dynamically:
            return None
        path = (out / "runs" / f"{_folder(base.path)}-equilibrium.h5").resolve()
        if _assignment_of(path) == base.scenario.sha256:
            log(f"reused the equilibrium of {base.label}: {path} (scenario unchanged)")
        else:
            log(f"equilibrating {base.label} (dynamic assignment) on {cores} threads")
            assignment = assign_dynamic(base.scenario, threads=cores)
            assignment.save(path)
            log(f"equilibrium of {base.label}: relative gap {assignment.relative_gap:.2%} after "
                f"{len(assignment.iterations)} iterations: {path}")
        return path

    def _run_all(self, todo, cores, log):
        schedule = AUTO_SCHEDULE if self.schedule == "auto" else self.schedule
        cli = arteria_command()
        if cores == 1 or len(todo) < 2 or cli is None:
            schedule = "one_by_one"
        if schedule == "one_by_one":
            for r in todo:
                log(f"running {r.label} on {cores} threads")
                r.results = run_scenario(r.scenario, r.out, threads=cores)
            return
        # Side by side: as many `arteria run` processes at once as there are cores, one thread
        # each. The output does not depend on the thread count, so the files are those of
        # one-by-one runs.
        at_once = min(cores, len(todo))
        log(f"running {len(todo)} scenarios side by side, {at_once} at a time")
        with concurrent.futures.ThreadPoolExecutor(max_workers=at_once) as pool:
            for r, results in zip(todo, pool.map(lambda r: self._run_process(cli, r), todo)):
                r.results = results
                log(f"ran {r.label}: {r.out}")

    def _run_process(self, cli, run):
        command = [cli, "run", run.path, "--threads", "1", "--out", str(run.out), "--no-progress"]
        for line in run.overrides:
            command += ["--set", line]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
            raise RuntimeError(f"the run of {run.path} failed: {lines[-1]}")
        results = Results(run.out)
        if results.meta.get("scenario_sha256") != run.scenario.sha256:
            raise RuntimeError(f"{run.path} changed while the study ran; run the study again")
        return results


def arteria_command():
    """The `arteria` command beside this package (ARTERIA_CLI when set); None when absent."""
    chosen = os.environ.get("ARTERIA_CLI")
    if chosen:
        return chosen
    root = install_root()
    command = pathlib.Path(root) / "bin" / "arteria" if root else None
    return str(command) if command is not None and command.is_file() else None


def _reusable(run):
    """An earlier result of the same scenario (same fingerprint: text, bases, overrides and
    every input file) is reused."""
    if not run.out.is_file():
        return False
    try:
        results = Results(run.out)
        same = results.meta.get("scenario_sha256") == run.scenario.sha256
    except Exception:  # an unreadable or foreign file is simply run again
        return False
    if same:
        run.results, run.reused = results, True
    return same


def _assignment_of(path):
    """The fingerprint of the scenario an assignment file was made of; None without one."""
    if not path.is_file():
        return None
    try:
        with h5py.File(path, "r") as f:
            value = f["assignment"].attrs["scenario_sha256"]
    except Exception:  # an unreadable or foreign file is simply made again
        return None
    return value.decode() if isinstance(value, bytes) else str(value)


def _folder(path):
    """A scenario's folder and run name: its file's name, or its folder's for scenario.toml."""
    p = pathlib.Path(path)
    return p.parent.name if p.name == "scenario.toml" else p.stem


def _unique_labels(names):
    seen = {}
    labels = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        labels.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return labels


def kpi_table(base_label, comparisons):
    """One row per KPI: the base's value, then per variant its value and its change in %
    (the comparisons' own tables, side by side). Rows keep the comparisons' order; a row
    only some comparisons have (transit KPIs: either run has transit) is NaN for the others."""
    import pandas as pd
    rows = []
    for comparison in comparisons.values():
        rows += [row for row in comparison.kpis.index if row not in rows]
    base = pd.Series(float("nan"), index=rows)
    for comparison in comparisons.values():
        base = base.combine_first(comparison.kpis["base"]).reindex(rows)
    columns = {base_label: base}
    for label, comparison in comparisons.items():
        columns[label] = comparison.kpis["variant"].reindex(rows)
        columns[f"{label} change_pct"] = comparison.kpis["change_pct"].reindex(rows)
    table = pd.DataFrame(columns, index=pd.Index(rows, name="kpi"))
    return table


def kpi_markdown(kpis):
    """The KPI table as Markdown: values, with each variant's change against the base."""
    labels = [c for c in kpis.columns if not c.endswith(" change_pct")]
    lines = ["| KPI | " + " | ".join(labels) + " |", "|---" * (len(labels) + 1) + "|"]
    for kpi, row in kpis.iterrows():
        cells = [_number(row[labels[0]])]
        for label in labels[1:]:
            pct = row[f"{label} change_pct"]
            change = "" if not math.isfinite(pct) else f" ({pct:+.1f} %)"
            cells.append(_number(row[label]) + change)
        lines.append(f"| {kpi.replace('|', chr(92) + '|')} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _number(value):
    if not math.isfinite(value):
        return "–"
    return f"{value:,.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:,.2f}"
