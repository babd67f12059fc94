"""Figures of runs and comparisons, drawn with matplotlib's Agg backend (files, no display).

A network map draws every link's polyline as one LineCollection (fast for 100 k links),
coloured by a value per link. Two-way streets share their centre line, so each direction is
shifted a little to its right (driving on the right) and both colours stay visible.
"""
import matplotlib

matplotlib.use("Agg")  # before pyplot: figures go to files, also on machines without a display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.colors import Normalize, TwoSlopeNorm  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .gap_plot import draw_gap_curve  # noqa: E402


def _offset_right(polyline, distance):
    """The polyline moved `distance` metres to the right of its direction of travel."""
    if len(polyline) < 2 or distance == 0:
        return polyline
    delta = np.diff(polyline, axis=0)
    length = np.hypot(delta[:, 0], delta[:, 1])
    length[length == 0] = 1.0
    normal = np.column_stack([delta[:, 1], -delta[:, 0]]) / length[:, None]
    # Each point moves along the mean normal of the segments it joins.
    point_normal = np.vstack([normal[:1], (normal[:-1] + normal[1:]) / 2, normal[-1:]])
    return polyline + distance * point_normal


def _side_offset(geometry):
    segments = [np.hypot(*np.diff(p, axis=0).T).sum() for p in geometry if len(p) > 1]
    if not segments:
        return 0.0
    xs = np.concatenate([p[:, 0] for p in geometry])
    ys = np.concatenate([p[:, 1] for p in geometry])
    extent = max(np.ptp(xs), np.ptp(ys), 1.0)
    return min(0.08 * float(np.median(segments)), 0.004 * extent)


# Closed links over the coloured network: wider than any link, which is at most 2.4 points.
HIGHLIGHT_WIDTH = 3.5


def draw_link_map(ax, geometry, values, *, norm, cmap, lanes=None, label="", highlight=(),
                  highlight_label="closed in the variant"):
    """Draws links coloured by `values` (NaN: light grey) on `ax`; returns the collection.

    `highlight` lists link indices drawn on top as thick black lines (e.g. closed links), so
    they stay visible whatever their own value's colour and however small the map.
    """
    offset = _side_offset(geometry)
    lines = [_offset_right(p, offset) for p in geometry]
    values = np.asarray(values, dtype=np.float64)
    widths = 0.6 if lanes is None else 0.4 + 0.5 * np.clip(np.asarray(lanes, float), 1, 4)
    if len(highlight):
        ax.add_collection(LineCollection([lines[i] for i in highlight], colors="black",
                                         linewidths=HIGHLIGHT_WIDTH, zorder=4,
                                         label=highlight_label))
        ax.legend(loc="lower right", fontsize=8)
    missing = np.isnan(values)
    if missing.any():
        ax.add_collection(LineCollection([lines[i] for i in np.flatnonzero(missing)],
                                         colors="#d0d0d0", linewidths=0.5, zorder=2))
    shown = np.flatnonzero(~missing)
    collection = LineCollection([lines[i] for i in shown], cmap=cmap, norm=norm, zorder=3,
                                linewidths=widths if np.isscalar(widths) else widths[shown])
    collection.set_array(values[shown])
    ax.add_collection(collection)
    ax.autoscale()
    ax.set_aspect("equal")
    ax.set_xlabel("x (m)")
    ax.set_ylabel("y (m)")
    ax.figure.colorbar(collection, ax=ax, label=label, shrink=0.8)
    return collection


# Of the links that changed, the share whose change the colour scale spans without saturating.
CHANGE_SCALE_PERCENTILE = 95.0
# The scale reaches at least this share of the largest change, so the changes that matter
# (a closed corridor's -40 km/h) get the strongest colours instead of ten times the scale.
CHANGE_SCALE_FLOOR = 0.25


def change_limit(values):
    """Half the width of a change map's colour scale: the 95th percentile of the absolute
    change over the links that changed (a variant leaves most links as they were, and their
    zeros must not shrink the scale to the ripples of re-routing), at least a quarter of the
    largest change. 1 when nothing changed."""
    values = np.asarray(values, float)
    changed = np.abs(values[np.isfinite(values)])
    largest = float(changed.max()) if changed.size else 0.0
    # Below this the difference is rounding of two identical runs' means, not a change.
    changed = changed[changed > 1e-9 * max(largest, 1.0)]
    if not changed.size:
        return 1.0
    return max(float(np.percentile(changed, CHANGE_SCALE_PERCENTILE)),
               CHANGE_SCALE_FLOOR * float(changed.max()))


def change_norm(values):
    """A colour scale centred on zero and symmetric, from -change_limit to +change_limit."""
    limit = change_limit(values)
    return TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit)


def _save(fig, path):
    """Writes the figure to `path` (every figure here at 110 dpi), frees it, returns the path."""
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _save_map(path, geometry, values, *, title, **draw):
    fig, ax = plt.subplots(figsize=(8, 7))
    draw_link_map(ax, geometry, values, **draw)
    ax.set_title(title)
    return _save(fig, path)


def save_change_map(path, geometry, change, *, title, label, lanes=None, highlight=()):
    """A map of a change per link on a symmetric scale (change_norm); `highlight` (closed
    links) drawn in black on top."""
    return _save_map(path, geometry, change, title=title, norm=change_norm(change),
                     cmap="RdYlGn", lanes=lanes, label=label, highlight=highlight)


def save_value_map(path, geometry, values, *, title, label, vmax=None, lanes=None, cmap="RdYlGn"):
    finite = np.asarray(values, float)[np.isfinite(values)]
    top = vmax if vmax is not None else (float(finite.max()) if finite.size else 1.0)
    return _save_map(path, geometry, values, title=title, norm=Normalize(0.0, max(top, 1e-9)),
                     cmap=cmap, lanes=lanes, label=label)


def _hours(seconds):
    return np.asarray(seconds, float) / 3600.0


def save_series(path, runs, *, title):
    """Vehicles en route and network mean speed over time, one line per run.

    `runs` maps a label to ``(en_route, network)``: a Series indexed by time_s and the
    DataFrame from Results.network_series().
    """
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True)
    for label, (en_route, network) in runs.items():
        top.plot(_hours(en_route.index), en_route.to_numpy(), label=label)
        bin_mid = network.index.to_numpy() + np.diff(network.index.to_numpy(), append=np.nan) / 2
        if len(bin_mid) > 1:
            bin_mid[-1] = network.index[-1] + (network.index[-1] - network.index[-2]) / 2
        bottom.plot(_hours(bin_mid), network["mean_speed_kmh"].to_numpy(), label=label)
    top.set_ylabel("vehicles en route")
    bottom.set_ylabel("network mean speed (km/h)\nVKT / VHT per bin")
    bottom.set_xlabel("time of day (h)")
    for ax in (top, bottom):
        ax.grid(alpha=0.3)
        ax.legend()
    top.set_title(title)
    return _save(fig, path)


def save_gap_curve(path, iterations, *, title):
    """An assignment's relative gap per iteration (log scale) and, for a dynamic assignment (an
    ``mean_travel_time_s`` column in `iterations`), the mean travel time below it."""
    dynamic = "mean_travel_time_s" in iterations
    fig, axes = plt.subplots(2 if dynamic else 1, 1, figsize=(8, 6.5 if dynamic else 4),
                             sharex=True, squeeze=False)
    draw_gap_curve(axes[0][0], iterations, title)
    if dynamic:
        axes[0][0].set_xlabel("")  # the shared axis is labelled below
        bottom = axes[1][0]
        bottom.plot(iterations["iteration"], iterations["mean_travel_time_s"], marker="o")
        bottom.set_ylabel("mean travel time (s)")
    axes[-1][0].set_xlabel("iteration")
    axes[-1][0].xaxis.set_major_locator(MaxNLocator(integer=True))
    for (ax,) in axes:
        ax.grid(alpha=0.3, which="both")
    return _save(fig, path)


def save_route_load_factors(path, crowding, *, title, max_routes=40):
    """Mean load factor per route as bars, base beside variant, with each run's maximum as a
    marker above its bar and a line at 1 (full to capacity). Beyond `max_routes` routes only
    the busiest (highest mean in either run) are drawn, so the figure stays readable.

    `crowding` is the DataFrame of transit.crowding_table (index: route id; columns
    route_name, mean_base, mean_variant, max_base, max_variant)."""
    if len(crowding) > max_routes:
        busiest = crowding[["mean_base", "mean_variant"]].max(axis=1).nlargest(max_routes)
        crowding = crowding.loc[crowding.index.isin(busiest.index)]
        title = f"{title} ({max_routes} busiest routes)"
    labels = [name if isinstance(name, str) and name else str(route)
              for route, name in zip(crowding.index, crowding["route_name"])]
    x = np.arange(len(labels))
    width = 0.38
    fig, ax = plt.subplots(figsize=(max(7.5, 0.6 * len(labels) + 4.0), 4.8))
    for offset, run, colour in ((-width / 2, "base", "#4c78a8"), (width / 2, "variant", "#f58518")):
        mean = crowding[f"mean_{run}"].to_numpy(np.float64)
        ax.bar(x + offset, np.nan_to_num(mean), width, color=colour, label=f"{run}: mean")
        ax.plot(x + offset, crowding[f"max_{run}"].to_numpy(np.float64), "v", color=colour,
                markeredgecolor="black", label=f"{run}: max")
    ax.axhline(1.0, color="black", linewidth=0.8, linestyle="--", label="capacity")
    crowded = len(labels) > 6
    ax.set_xticks(x, labels, rotation=45 if crowded else 0, ha="right" if crowded else "center")
    top = np.nanmax(crowding[["max_base", "max_variant"]].to_numpy(np.float64), initial=1.0)
    ax.set_ylim(0.0, 1.1 * max(top, 1.0))
    ax.set_ylabel("load factor (on board / capacity)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(title)
    return _save(fig, path)


def save_transit_overview(path, stops, calls, boardings_by_bin, *, title):
    """Three panels of a run with transit: the stops at their position sized and coloured by
    boardings; the distribution of arrival minus timetable over calls after each trip's first
    (the ±60 s band shaded); boardings per time bin over the day.

    `stops` is Results.transit_stops(), `calls` Results.transit_calls(), `boardings_by_bin` a
    Series of boardings summed over stops, indexed by bin start (s)."""
    fig, (where, late, when) = plt.subplots(1, 3, figsize=(16, 5.2))
    order = np.argsort(stops["boardings"].to_numpy())  # the busiest drawn last, on top
    shown = stops.iloc[order]
    size = 6.0 + 60.0 * np.sqrt(shown["boardings"].to_numpy(np.float64) /
                                max(1.0, float(shown["boardings"].max())))
    points = where.scatter(shown["lon_deg"], shown["lat_deg"], s=size, c=shown["boardings"],
                           cmap="viridis", linewidths=0)
    fig.colorbar(points, ax=where, shrink=0.85, label="boardings")
    where.set_aspect("equal", adjustable="datalim")
    where.set_xlabel("longitude")
    where.set_ylabel("latitude")
    where.set_title("boardings per stop")

    deviation = calls.loc[calls["sequence"] > 0, "deviation_s"].dropna().to_numpy(np.float64)
    if deviation.size:
        low, high = np.percentile(deviation, [0.5, 99.5])
        edges = np.linspace(min(low, -60.0), max(high, 60.0) + 1.0, 61)
        late.hist(np.clip(deviation, edges[0], edges[-1]), bins=edges, color="#4c78a8")
        on_time = np.mean(np.abs(deviation) <= 60.0)
        late.set_title(f"arrival - timetable: {100 * on_time:.1f} % within 60 s")
    late.axvspan(-60.0, 60.0, color="green", alpha=0.12, label="within 60 s")
    late.set_yscale("log")
    late.set_xlabel("seconds (positive: late)")
    late.set_ylabel("stop calls")
    late.legend()

    when.step(_hours(boardings_by_bin.index), boardings_by_bin.to_numpy(), where="post")
    bin_min = np.diff(boardings_by_bin.index.to_numpy(np.float64))[:1] / 60.0
    when.set_xlabel("time of day (h)")
    when.set_ylabel(f"boardings per {bin_min[0]:g} min" if bin_min.size else "boardings")
    when.grid(alpha=0.3)
    when.set_title("boardings over the day")
    fig.suptitle(title)
    return _save(fig, path)


def save_study_overview(path, kpis, rows, *, title):
    """The change of the main KPIs against the base, in %, one group of bars per KPI and one
    bar per variant, each labelled with its value (`kpis` is the study's KPI table)."""
    variants = [c[:-len(" change_pct")] for c in kpis.columns if c.endswith(" change_pct")]
    rows = [r for r in rows if r in kpis.index]
    x = np.arange(len(rows))
    width = 0.8 / max(len(variants), 1)
    fig, ax = plt.subplots(figsize=(max(8.0, 1.6 * len(rows) * max(1, len(variants)) / 2), 5))
    for i, variant in enumerate(variants):
        change = np.nan_to_num(kpis.loc[rows, f"{variant} change_pct"].to_numpy(np.float64))
        bars = ax.bar(x + (i - (len(variants) - 1) / 2) * width, change, width, label=variant)
        ax.bar_label(bars, labels=[f"{c:+.1f}" for c in change], fontsize=7, padding=2)
    ax.axhline(0.0, color="black", linewidth=0.8)
    ax.set_xticks(x, rows)
    ax.set_ylabel("change against the base (%)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend()
    ax.set_title(title)
    return _save(fig, path)
