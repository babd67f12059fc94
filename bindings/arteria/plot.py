"""A run's own figures (``arteria plot`` and :func:`plot_run`): the network map at the peak
bin and the run's series over time; for an assignment file, its gap curve."""
import pathlib

import h5py
import numpy as np
import pandas as pd

from . import figures
from .results import Results


def peak_bin(results):
    """Index of the bin with the most vehicles on the network (mean occupancy summed)."""
    return int(np.argmax(results.link_array("occupancy").sum(axis=1)))


def assignment_iterations(path):
    """The ``/assignment/iterations`` table of an assignment file (static or dynamic) as a
    DataFrame with an ``iteration`` column (1 = the first simulation of a dynamic assignment,
    0 = the initial load of a static one); its seal is checked first."""
    from . import _arteria
    _arteria.check_file_seal(str(path), [_arteria.ASSIGNMENT_FILE_MAGIC], "assignment file")
    with h5py.File(path, "r") as f:
        group = f["assignment"]
        table = pd.DataFrame({name: column[:] for name, column in group["iterations"].items()})
        dynamic = group.attrs.get("kind") == "dynamic"
        scenario = group.attrs.get("scenario", "")
    table.insert(0, "iteration", np.arange(len(table)) + (1 if dynamic else 0))
    table.attrs.update(kind="dynamic" if dynamic else "static", scenario=scenario)
    return table


def plot_assignment(path, out_dir=None):
    """Writes ``<stem>-gap.png``, the gap curve of an assignment file, into `out_dir` (default:
    the file's folder). Returns name -> path."""
    path = pathlib.Path(path)
    out = pathlib.Path(out_dir) if out_dir is not None else path.parent
    out.mkdir(parents=True, exist_ok=True)
    iterations = assignment_iterations(path)
    title = f"{iterations.attrs['scenario']}: {iterations.attrs['kind']} assignment"
    return {"gap": figures.save_gap_curve(out / f"{path.stem}-gap.png", iterations, title=title)}


def plot_run(run, out_dir=None):
    """Writes ``<stem>-speed-map.png`` (mean speed per link at the peak bin; grey where no
    vehicle left the link in that bin) and ``<stem>-series.png`` into `out_dir` (default: the
    run file's folder), and for a run with transit ``<stem>-transit.png`` (boardings per stop,
    schedule deviation, boardings over the day). An assignment file (``arteria assign``) gets
    its gap curve instead (:func:`plot_assignment`). Returns name -> path."""
    from .assignment import is_assignment_file
    if isinstance(run, (str, pathlib.PurePath)) and is_assignment_file(run):
        return plot_assignment(run, out_dir)
    results = Results(run)
    out = pathlib.Path(out_dir) if out_dir is not None else results.path.parent
    out.mkdir(parents=True, exist_ok=True)
    stem = results.path.stem
    peak = peak_bin(results)
    speed_kmh = results.link_array("mean_speed_mps")[peak].astype(np.float64) * 3.6
    free_kmh = results.links["free_speed_mps"].to_numpy(np.float64) * 3.6
    start = results.time_s[peak]
    clock = f"{int(start // 3600):02d}:{int(start % 3600 // 60):02d}"
    name = results.meta.get("scenario_name", stem)
    paths = {
        "speed_map": figures.save_value_map(
            out / f"{stem}-speed-map.png", results.network_geometry(), speed_kmh,
            title=f"{name}: mean speed in the peak bin from {clock}", label="km/h",
            vmax=float(np.nanmax(free_kmh)) if free_kmh.size else None,
            lanes=results.links["lanes"].to_numpy()),
        "series": figures.save_series(
            out / f"{stem}-series.png",
            {name: (results.vehicles_en_route(), results.network_series())},
            title=f"{name} over time"),
    }
    if results.has_transit:
        paths["transit"] = figures.save_transit_overview(
            out / f"{stem}-transit.png", results.transit_stops(), results.transit_calls(),
            results.stop_series("boardings").sum(axis=1), title=f"{name}: transit")
    return paths
