"""A run's own figures (``arteria plot`` and :func:`plot_run`): the network map at the peak
bin and the run's series over time."""
import pathlib

import numpy as np

from . import figures
from .results import Results


def peak_bin(results):
    """Index of the bin with the most vehicles on the network (mean occupancy summed)."""
    return int(np.argmax(results.link_array("occupancy").sum(axis=1)))


def plot_run(run, out_dir=None):
    """Writes ``<stem>-speed-map.png`` (mean speed per link at the peak bin; grey where no
    vehicle left the link in that bin) and ``<stem>-series.png`` into `out_dir` (default: the
    run file's folder), and for a run with transit ``<stem>-transit.png`` (boardings per stop,
    schedule deviation, boardings over the day). Returns name -> path."""
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
