"""Figures of runs and comparisons, drawn with matplotlib's Agg backend (files, no display).

Maps are drawn by map_drawing.draw_link_map (every link's polyline in one LineCollection, fast
for 100 k links). Every change map uses one diverging palette the same way: red is worse for the
traveller (slower, more vehicles, more delay), blue better, grey unchanged, on a symmetric scale
fitted to the links that changed and stated in the colour bar's label. Time axes read HH:MM.
"""
import textwrap

import matplotlib

matplotlib.use("Agg")  # before pyplot: figures go to files, also on machines without a display

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import LinearSegmentedColormap, Normalize, TwoSlopeNorm  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator  # noqa: E402

from .gap_plot import draw_gap_curve  # noqa: E402
from .map_drawing import (draw_link_map, draw_scale_bar_and_north, frame_points,  # noqa: E402,F401
                          map_figure_size)

# Red where the change is worse for the traveller, blue where better, grey (still visible on
# white) where nothing changed. Used with the worse side at the low end (speed) or reversed.
CHANGE_CMAP = LinearSegmentedColormap.from_list(
    "arteria_change", ["#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac"])


# Of the links that changed, the share whose change the colour scale spans without saturating.
CHANGE_SCALE_PERCENTILE = 95.0
# The scale reaches at least this share of the largest change, so the changes that matter
# (a closed corridor's -40 km/h) get the strongest colours instead of ten times the scale.
CHANGE_SCALE_FLOOR = 0.25


def _changed(values):
    values = np.asarray(values, float)
    changed = np.abs(values[np.isfinite(values)])
    largest = float(changed.max()) if changed.size else 0.0
    # Below this the difference is rounding of two identical runs' means, not a change.
    return changed[changed > 1e-9 * max(largest, 1.0)]


def change_limit(values):
    """Half the width of a change map's colour scale: the 95th percentile of the absolute
    change over the links that changed (a variant leaves most links as they were, and their
    zeros must not shrink the scale to the ripples of re-routing), at least a quarter of the
    largest change. 1 when nothing changed."""
    changed = _changed(values)
    if not changed.size:
        return 1.0
    return max(float(np.percentile(changed, CHANGE_SCALE_PERCENTILE)),
               CHANGE_SCALE_FLOOR * float(changed.max()))


def change_scale_note(values, unit):
    """What the colour scale of change_limit spans, in words for the colour bar's label."""
    changed = _changed(values)
    if not changed.size:
        return "no link changed"
    limit = change_limit(values)
    beyond = int(np.sum(changed > limit * (1 + 1e-9)))
    rule = (f"the {CHANGE_SCALE_PERCENTILE:g}th percentile of |change| over the "
            f"{changed.size:,} links that changed"
            if limit > CHANGE_SCALE_FLOOR * float(changed.max()) * (1 + 1e-9) else
            f"{CHANGE_SCALE_FLOOR:g} x the largest change ({_number(changed.max())} {unit})")
    tail = f"; {beyond:,} links beyond it drawn in full colour" if beyond else ""
    return f"colour scale ±{_number(limit)} {unit} = {rule}{tail}"


def _number(value):
    """A figure for a caption: thousands separated, 3 significant digits below 100."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def change_norm(values):
    """A colour scale centred on zero and symmetric, from -change_limit to +change_limit."""
    limit = change_limit(values)
    return TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit)


def _save(fig, path):
    """Writes the figure to `path` (every figure here at 110 dpi), frees it, returns the path."""
    fig.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(fig)
    return path


def _save_map(path, geometry, values, *, title, note="", **draw):
    """One map in a figure of its own; `note` (how the colours are scaled) goes under it."""
    fig, ax = plt.subplots(figsize=map_figure_size(geometry))
    draw_link_map(ax, geometry, values, **draw)
    ax.set_title(title)
    ax.set_xlabel(textwrap.fill(note, 100), fontsize=8)
    return _save(fig, path)


def save_change_map(path, geometry, change, *, title, label, unit, worse, lanes=None,
                    closed=(), context=None):
    """A map of a change per link on a symmetric scale (change_norm) in CHANGE_CMAP: red where
    the change is worse for the traveller. `worse` is "lower" (a speed: a drop is worse) or
    "higher" (vehicles, delay: a rise is worse). The colour bar names both sides and the scale
    rule goes under the map; `closed` links are drawn dashed, with a legend entry."""
    if worse not in ("lower", "higher"):
        raise ValueError("worse is 'lower' or 'higher'")
    change = np.asarray(change, float)
    limit = change_limit(change)
    finite = change[np.isfinite(change)]
    extend = "both" if finite.size and np.abs(finite).max() > limit * (1 + 1e-9) else "neither"
    sides = ("red: lower (worse), blue: higher" if worse == "lower" else
             "red: higher (worse), blue: lower")
    return _save_map(path, geometry, change, title=title, norm=change_norm(change),
                     cmap=CHANGE_CMAP if worse == "lower" else CHANGE_CMAP.reversed(),
                     lanes=lanes, closed=closed, context=context, extend=extend,
                     label=f"{label} ({unit})\n{sides}", note=change_scale_note(change, unit))


def save_value_map(path, geometry, values, *, title, label, vmin=0.0, vmax=None, lanes=None,
                   cmap="RdYlGn", closed=(), closed_label="closed", context=None):
    """A map of a value per link on [vmin, vmax]; `vmax` defaults to the largest value, and
    values beyond a given `vmax` show as an arrow on the colour bar."""
    finite = np.asarray(values, float)[np.isfinite(values)]
    largest = float(finite.max()) if finite.size else 1.0
    top = vmax if vmax is not None else largest
    extend = "max" if vmax is not None and largest > vmax else "neither"
    return _save_map(path, geometry, values, title=title,
                     norm=Normalize(vmin, max(top, vmin + 1e-9)), cmap=cmap, lanes=lanes,
                     label=label, closed=closed, closed_label=closed_label, context=context,
                     extend=extend)


def clock(seconds):
    """Seconds after midnight as HH:MM (past 24 h the hours keep counting: 25:30)."""
    minutes = int(round(float(seconds) / 60.0))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# Tick spacings of a time axis, in seconds: the first that gives at most 8 ticks.
CLOCK_STEPS_S = (300, 600, 900, 1800, 3600, 7200, 10800, 21600)


def clock_axis(axis, span_s):
    """Formats a matplotlib x or y axis in seconds after midnight as HH:MM ticks."""
    step = next((s for s in CLOCK_STEPS_S if span_s / s <= 8), CLOCK_STEPS_S[-1])
    axis.set_major_locator(MultipleLocator(step))
    axis.set_major_formatter(FuncFormatter(lambda s, _: clock(s)))


def _time_span(*indexes):
    values = np.concatenate([np.asarray(i, float) for i in indexes if len(i)] or [np.zeros(1)])
    return float(np.nanmax(values) - np.nanmin(values)) if values.size else 0.0


# A bin whose vehicle-hours are under this share of the run's busiest bin holds a few
# vehicles (the last ones on an emptying network, often on its fastest roads): their mean speed
# is drawn dotted, not as the network's.
FEW_VEHICLES_SHARE = 0.02


def few_vehicle_bins(network):
    """The bins of Results.network_series() whose speed stands for a few vehicles only."""
    vht = network["vht_h"].to_numpy(np.float64)
    return vht < FEW_VEHICLES_SHARE * (vht.max() if vht.size else 0.0)


def save_series(path, runs, *, title):
    """Vehicles en route and network mean speed over time, one line per run, on HH:MM axes.
    Speeds of bins with few vehicles (few_vehicle_bins) are dotted.

    `runs` maps a label to ``(en_route, network)``: a Series indexed by time_s and the
    DataFrame from Results.network_series().
    """
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True)
    spans = []
    dotted_any = False
    for label, (en_route, network) in runs.items():
        top.plot(en_route.index.to_numpy(np.float64), en_route.to_numpy(), label=label)
        bin_mid = network.index.to_numpy(np.float64) + np.diff(
            network.index.to_numpy(np.float64), append=np.nan) / 2
        if len(bin_mid) > 1:
            bin_mid[-1] = network.index[-1] + (network.index[-1] - network.index[-2]) / 2
        speed = network["mean_speed_kmh"].to_numpy(np.float64)
        few = few_vehicle_bins(network)
        line, = bottom.plot(bin_mid, np.where(few, np.nan, speed), label=label)
        if (few & np.isfinite(speed)).any():
            dotted_any = True
            bottom.plot(bin_mid, speed, color=line.get_color(), linestyle=":", linewidth=1.0)
        spans.append(_time_span(en_route.index, bin_mid))
    if dotted_any:
        bottom.plot([], [], color="grey", linestyle=":", linewidth=1.0,
                    label=f"few vehicles (under {FEW_VEHICLES_SHARE:.0%} of the busiest bin's "
                          "vehicle-hours)")
    top.set_ylabel("vehicles en route")
    bottom.set_ylabel("network mean speed (km/h)\nVKT / VHT per bin")
    bottom.set_xlabel("time of day (HH:MM)")
    clock_axis(bottom.xaxis, max(spans, default=3600.0))
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


EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)


def local_metres(lon_deg, lat_deg):
    """Longitude and latitude as metres east and north of their mean point (equirectangular):
    true to well under 1 % across a city, so a scale bar can be read off the map."""
    lat0 = np.radians(np.mean(lat_deg)) if len(lat_deg) else 0.0
    lon0 = np.mean(lon_deg) if len(lon_deg) else 0.0
    x = EARTH_RADIUS_M * np.cos(lat0) * np.radians(np.asarray(lon_deg) - lon0)
    y = EARTH_RADIUS_M * np.radians(np.asarray(lat_deg) - np.degrees(lat0))
    return x, y


def save_transit_overview(path, stops, calls, boardings_by_bin, *, title):
    """Three panels of a run with transit: the stops at their position sized and coloured by
    boardings; the distribution of arrival minus timetable over calls after each trip's first
    (the ±60 s band shaded); boardings per time bin over the day (HH:MM). Stops are placed in
    metres (local_metres) with a scale bar and north arrow.

    `stops` is Results.transit_stops(), `calls` Results.transit_calls(), `boardings_by_bin` a
    Series of boardings summed over stops, indexed by bin start (s)."""
    fig, (where, late, when) = plt.subplots(1, 3, figsize=(16, 5.2))
    order = np.argsort(stops["boardings"].to_numpy())  # the busiest drawn last, on top
    shown = stops.iloc[order]
    size = 6.0 + 60.0 * np.sqrt(shown["boardings"].to_numpy(np.float64) /
                                max(1.0, float(shown["boardings"].max())))
    x_m, y_m = local_metres(shown["lon_deg"].to_numpy(np.float64),
                            shown["lat_deg"].to_numpy(np.float64))
    points = where.scatter(x_m, y_m, s=size, c=shown["boardings"], cmap="viridis",
                           linewidths=0, vmin=0.0, vmax=max(1.0, float(shown["boardings"].max())))
    fig.colorbar(points, ax=where, shrink=0.85, label="boardings per stop (whole run)")
    frame_points(where, x_m, y_m)
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

    times = boardings_by_bin.index.to_numpy(np.float64)
    when.step(times, boardings_by_bin.to_numpy(), where="post")
    bin_min = np.diff(times)[:1] / 60.0
    when.set_xlabel("time of day (HH:MM)")
    clock_axis(when.xaxis, _time_span(times))
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
