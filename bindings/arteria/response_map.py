"""Response-time maps: how long an emergency vehicle needs from the nearest station to every
node at a time of day, on a run's link times, drawn in 8 / 10 / 15-minute bands, and how a
variant (a closure, a new station) changes the share of the network reached in time.

A link's time is the one the engine routes a dispatch on (docs/ARCHITECTURE.md, "Emergency
vehicles"): its free-flow time, with the queue standing on it (the bin's ``queue_veh`` x 7.5 m
per vehicle / lanes, at most the link) passed at the pass speed instead. Closed links and links
cars may not use are not driven. The search runs over nodes, so turn bans are not seen: the map
is a close reading of the network, the dispatches in /emergency are the engine's own.
"""
import heapq

import numpy as np
import pandas as pd

from .map_layers import closed_links, map_context, road_links

BANDS_MIN = (8.0, 10.0, 15.0)
BAND_COLOURS = ("#1a9850", "#fee08b", "#fc8d59", "#b2182b")  # within 8, 10, 15 min; beyond
PASS_SPEED_KMH = 20.0  # the engine's default ([emergency] pass_speed_kmh)
JAM_LENGTH_M = 7.5     # per vehicle in a queue ([simulation] vehicle_length_m's default)


def link_times(results, at_s, pass_speed_kmh=PASS_SPEED_KMH):
    """Each link's time (s) for an emergency vehicle entering it at `at_s` (the bin holding
    it); infinity where it may not drive."""
    links = results.links
    length = links["length_m"].to_numpy(float)
    speed = links["free_speed_mps"].to_numpy(float)
    lanes = np.maximum(links["lanes"].to_numpy(float), 1.0)
    bins = results.time_s
    b = int(np.clip(np.searchsorted(bins, at_s, side="right") - 1, 0, len(bins) - 1))
    queue = np.nan_to_num(results.link_array("queue_veh")[b].astype(float))
    queue_m = np.minimum(length, queue * JAM_LENGTH_M / lanes)
    pass_speed = np.minimum(speed, pass_speed_kmh / 3.6)
    times = (length - queue_m) / speed + queue_m / pass_speed
    usable = np.zeros(len(links), bool)
    usable[road_links(results)] = True
    usable[closed_links(results, at_s)] = False
    return np.where(usable, times, np.inf)


def response_times(results, at_s, stations=None, pass_speed_kmh=PASS_SPEED_KMH):
    """Seconds from the nearest of `stations` (node indices; default the run's
    /emergency/stations) to every node at `at_s`; infinity where none reaches."""
    if stations is None:
        stations = results.emergency_stations["node"].to_numpy()
    times = link_times(results, at_s, pass_speed_kmh)
    links = results.links
    heads, tails = links["from"].to_numpy(), links["to"].to_numpy()
    order = np.argsort(heads, kind="stable")
    first = np.searchsorted(heads[order], np.arange(len(results.nodes) + 1))
    best = np.full(len(results.nodes), np.inf)
    queue = []
    for node in stations:
        best[node] = 0.0
        queue.append((0.0, int(node)))
    heapq.heapify(queue)
    while queue:
        cost, node = heapq.heappop(queue)
        if cost > best[node]:
            continue
        for link in order[first[node]:first[node + 1]]:
            reach = cost + times[link]
            if reach < best[tails[link]]:
                best[tails[link]] = reach
                heapq.heappush(queue, (reach, int(tails[link])))
    return best


def coverage(times_s, bands_min=BANDS_MIN):
    """Share of the nodes reached within each band (minutes) as a Series."""
    times_s = np.asarray(times_s, float)
    return pd.Series({f"within {m:g} min": float(np.mean(times_s <= m * 60.0))
                      for m in bands_min})


def coverage_table(runs, at_s, stations=None):
    """Coverage of several runs (a dict of name -> Results) at `at_s` side by side, with each
    run's mean node response time (over the nodes reached)."""
    columns = {}
    for name, results in runs.items():
        times = response_times(results, at_s, None if stations is None else stations[name])
        reached = times[np.isfinite(times)]
        column = coverage(times)
        column["mean to a node (min)"] = float(reached.mean() / 60.0) if reached.size else np.nan
        columns[name] = column
    return pd.DataFrame(columns)


def save_response_map(path, results, times_s, *, title, stations=None, at_s=None):
    """A map of `times_s` (response_times) in the 8 / 10 / 15-minute bands, with the stations
    marked and links closed at `at_s` dashed; returns the path."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D

    from .figures import _save, draw_link_map, map_figure_size, plt
    if stations is None:
        stations = results.emergency_stations["node"].to_numpy()
    geometry = results.network_geometry()
    minutes = np.asarray(times_s, float)[results.links["to"].to_numpy()] / 60.0
    values = np.where(np.isfinite(minutes), minutes, np.nan)
    top = max(BANDS_MIN[-1] * 2, float(np.nanmax(values)) if np.isfinite(values).any() else 0.0)
    norm = BoundaryNorm([0.0, *BANDS_MIN, top + 1.0], len(BAND_COLOURS))
    fig, ax = plt.subplots(figsize=map_figure_size(geometry))
    draw_link_map(ax, geometry, values, norm=norm, cmap=ListedColormap(BAND_COLOURS),
                  lanes=results.links["lanes"].to_numpy(), context=map_context(results),
                  label="minutes from the nearest station",
                  closed=closed_links(results, at_s) if at_s is not None else (),
                  closed_label="closed", missing_label="not reached")
    nodes = results.nodes
    ax.scatter(nodes["x_m"].to_numpy()[stations], nodes["y_m"].to_numpy()[stations], marker="*",
               s=260, c="white", edgecolors="black", linewidths=1.2, zorder=8)
    legend = ax.get_legend()
    # matplotlib 3.6 (Debian 12) names them legendHandles; later versions legend_handles.
    handles = list(getattr(legend, "legend_handles", None) or legend.legendHandles) if legend else []
    handles.append(Line2D([], [], marker="*", color="none", markerfacecolor="white",
                          markeredgecolor="black", markersize=14, label="station"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.9)
    ax.set_title(title)
    return _save(fig, path)
