"""A run's own figures (``arteria plot`` and :func:`plot_run`): the road network's maps over the
peak hour and the run's series over time, the transit overview; for an assignment file, its gap
curve."""
import pathlib

import h5py
import numpy as np
import pandas as pd

from . import figures, map_layers
from .results import Results

PEAK_WINDOW_S = 3600.0  # maps show the busiest hour: one 5-minute bin leaves most streets empty


def peak_window(results, links, window_s=PEAK_WINDOW_S):
    """(first bin, bin count) of the `window_s` (in whole bins, at least one) with the most
    vehicles on `links` (mean occupancy summed)."""
    occupancy = results.link_array("occupancy")[:, links].astype(np.float64).sum(axis=1)
    count = int(min(len(occupancy), max(1, round(window_s / results.bin_s))))
    totals = np.convolve(occupancy, np.ones(count), mode="valid")
    return int(np.argmax(totals)), count


def peak_link_values(results):
    """The road links (map_layers.road_links) and, over the peak hour (peak_window), each
    one's space-mean speed as a share of its free speed (NaN where no vehicle left it) and its
    volume over capacity (vehicles entering per hour over the capacity of all lanes). Returns
    (links, (first bin, bin count), speed share, v/c)."""
    roads = map_layers.road_links(results)
    first, count = peak_window(results, roads)
    window = slice(first, first + count)
    links = results.links.iloc[roads]
    outflow = results.link_array("outflow")[window][:, roads].astype(np.float64)
    speed = results.link_array("mean_speed_mps")[window][:, roads].astype(np.float64)
    inflow = results.link_array("inflow")[window][:, roads].astype(np.float64).sum(axis=0)
    free = links["free_speed_mps"].to_numpy(np.float64)
    capacity = links["capacity_vph"].to_numpy(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        # Space-mean over the bins, as Results.link_totals: exits over their time per metre.
        exits = outflow.sum(axis=0)
        time_per_m = np.where(outflow > 0, outflow / speed, 0.0).sum(axis=0)
        share = np.where((exits > 0) & (free > 0), exits / time_per_m / free, np.nan)
        vc = np.where(capacity > 0, inflow / (count * results.bin_s / 3600.0) / capacity, np.nan)
    return roads, (first, count), share, vc


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
    """Writes a run's figures into `out_dir` (default: the run file's folder) and returns
    name -> path. A run with road traffic gets ``<stem>-speed-map.png`` (mean speed as a share of
    free speed over the peak hour; grey where no vehicle left the link), ``<stem>-vc-map.png``
    (volume over capacity in that hour) and ``<stem>-series.png``; a run with transit
    ``<stem>-transit.png`` (boardings per stop, schedule deviation, boardings over the day). A
    transit-only run gets the transit figure only: its buses' speeds are no traffic. Maps show
    the network's context, a scale bar and north arrow, and the links closed by the end of
    the peak hour dashed. An assignment file (``arteria assign``) gets its gap curve instead
    (:func:`plot_assignment`)."""
    from .assignment import is_assignment_file
    if isinstance(run, (str, pathlib.PurePath)) and is_assignment_file(run):
        return plot_assignment(run, out_dir)
    results = Results(run)
    out = pathlib.Path(out_dir) if out_dir is not None else results.path.parent
    out.mkdir(parents=True, exist_ok=True)
    stem = results.path.stem
    name = results.meta.get("scenario_name", stem)
    paths = {}
    if map_layers.has_road_traffic(results):
        paths.update(_road_figures(results, out, stem, name))
    if results.has_transit:
        paths["transit"] = figures.save_transit_overview(
            out / f"{stem}-transit.png", results.transit_stops(), results.transit_calls(),
            results.stop_series("boardings").sum(axis=1), title=f"{name}: transit")
    return paths


def _road_figures(results, out, stem, name):
    roads, (first, count), share, vc = peak_link_values(results)
    start = float(results.time_s[first])
    when = f"{figures.clock(start)}-{figures.clock(start + count * results.bin_s)}"
    geometry = [results.network_geometry()[i] for i in roads]
    position = {link: k for k, link in enumerate(roads)}
    end = start + count * results.bin_s
    closed = [position[i] for i in map_layers.closed_links(results, at_s=end)
              if i in position]
    draw = dict(lanes=results.links["lanes"].to_numpy()[roads], closed=closed,
                closed_label="closed by the end of the hour",
                context=map_layers.map_context(results))
    closed_note = ", closed links dashed" if closed else ""
    return {
        "speed_map": figures.save_value_map(
            out / f"{stem}-speed-map.png", geometry, share, vmax=1.0,
            title=f"{name}: speed as a share of free speed, peak hour {when}{closed_note}",
            label="mean speed / free speed (1 = free flow)", **draw),
        "vc_map": figures.save_value_map(
            out / f"{stem}-vc-map.png", geometry, vc,
            vmax=max(1.0, float(np.nanmax(vc, initial=0.0))), cmap="RdYlGn_r",
            title=f"{name}: volume / capacity, peak hour {when}{closed_note}",
            label="vehicles entering per hour / capacity", **draw),
        "series": figures.save_series(
            out / f"{stem}-series.png",
            {name: (results.vehicles_en_route(), results.network_series())},
            title=f"{name} over time"),
    }
