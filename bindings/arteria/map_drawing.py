"""Network maps fit for a report, drawn on given matplotlib axes: links coloured by a value per
link, each direction of a two-way street beside the other, closed links dashed, the network's
own context (water, rail, parks, names) underneath, and a scale bar and north arrow instead of
axes in local metres. No backend is chosen here (figures.py picks Agg for files).

Coordinates are the run file's projected metres (x east, y north), so lengths on the map are
true lengths and the scale bar can be read off directly.
"""
import numpy as np
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow, PathPatch, Polygon, Rectangle
from matplotlib.path import Path
from mpl_toolkits.axes_grid1 import make_axes_locatable

# Link widths in points: a one-lane street 0.9, a four-lane road 2.1.
BASE_WIDTH_PT = 0.5
WIDTH_PER_LANE_PT = 0.4
# Closed links: dashes over a white casing, wider than any link, so they read as "not there".
CLOSED_WIDTH_PT = 3.0
CLOSED_STYLE = dict(colors="black", linestyles=(0, (2.0, 1.2)), zorder=6)
CLOSED_MARKER = dict(marker="X", s=110, c="black", edgecolors="white", linewidths=1.0, zorder=7)
MISSING_COLOUR = "#ececec"  # links without a value (no vehicle left them): fainter than 0
CONTEXT_STYLE = {
    "water": dict(facecolor="#cfe3f3", edgecolor="#9cc3e4", linewidth=0.6),
    "park": dict(facecolor="#dcedd0", edgecolor="none", linewidth=0.0),
    "rail": dict(color="#7a7a7a", linewidth=1.0, linestyle=(0, (4.0, 2.0))),
    "waterway": dict(color="#9cc3e4", linewidth=1.6),
    "coast": dict(color="#6fa3cf", linewidth=1.2),
}
CONTEXT_LABEL = {"water": "water", "park": "park", "rail": "railway",
                 "waterway": "river, canal", "coast": "coastline"}
# Names are written on features at least this share of the map's width, the largest first
# and at most NAME_LIMIT of them, so a city's hundred small parks do not bury the map.
NAME_MIN_SHARE = 0.08
NAME_LIMIT = 10
# Street names (context kind "street": named main roads): the longest STREET_NAME_LIMIT names
# spanning at least NAME_MIN_SHARE of the map, written along the road.
STREET_NAME_LIMIT = 8


def link_widths(lanes, count):
    """Line width per link in points, growing with the number of lanes (1 to 4 counted)."""
    if lanes is None:
        return np.full(count, BASE_WIDTH_PT + WIDTH_PER_LANE_PT)
    return BASE_WIDTH_PT + WIDTH_PER_LANE_PT * np.clip(np.asarray(lanes, float), 1, 4)


def two_way_links(geometry):
    """True for each link whose reverse (a link from its end to its start) is also drawn: those
    are moved to their own side of the street, one-way links stay on the centre line."""
    def key(point):
        return (round(float(point[0]), 1), round(float(point[1]), 1))
    ends = {}
    for i, polyline in enumerate(geometry):
        if len(polyline) > 1:
            ends.setdefault((key(polyline[0]), key(polyline[-1])), []).append(i)
    result = np.zeros(len(geometry), dtype=bool)
    for (start, end), links in ends.items():
        if start != end and (end, start) in ends:
            result[links] = True
    return result


def offset_right(polyline, distance):
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


def metres_per_point(ax, bounds):
    """How many metres one typographic point spans once `bounds` (x0, y0, x1, y1) fills the
    axes at an equal aspect: what an offset in points is on the ground."""
    box = ax.get_position()
    width_pt = box.width * ax.figure.get_figwidth() * 72.0
    height_pt = box.height * ax.figure.get_figheight() * 72.0
    x0, y0, x1, y1 = bounds
    return max((x1 - x0) / max(width_pt, 1.0), (y1 - y0) / max(height_pt, 1.0), 1e-9)


def _bounds(geometry):
    points = [p for p in geometry if len(p)]
    xy = np.vstack(points) if points else np.zeros((1, 2))
    x0, y0 = xy.min(axis=0)
    x1, y1 = xy.max(axis=0)
    pad = 0.03 * max(x1 - x0, y1 - y0, 100.0)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def nice_length(span):
    """The scale bar's length: 1, 2 or 5 times a power of ten, about a fifth of `span`."""
    target = max(span / 5.0, 1e-9)
    power = 10.0 ** np.floor(np.log10(target))
    return float(max(m * power for m in (1.0, 2.0, 5.0) if m * power <= target))


def distance_label(metres):
    """A length for a caption: 500 m, 1 km, 2.5 km."""
    return f"{metres / 1000:g} km" if metres >= 1000 else f"{metres:g} m"


def frame_points(ax, x_m, y_m):
    """Frames points given in local metres: equal axes around them with a small margin, a
    scale bar and a north arrow (stop maps, which have no links to fit)."""
    ax.set_aspect("equal")
    low = (np.min(x_m, initial=0.0), np.min(y_m, initial=0.0))
    high = (np.max(x_m, initial=0.0), np.max(y_m, initial=0.0))
    pad = 0.03 * max(high[0] - low[0], high[1] - low[1], 100.0)
    bounds = (low[0] - pad, low[1] - pad, high[0] + pad, high[1] + pad)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    draw_scale_bar_and_north(ax, bounds)


def draw_scale_bar_and_north(ax, bounds):
    """A scale bar (lower left) and a north arrow (upper left) in the map's own metres; the
    tick labels go, since local metres mean nothing to a reader."""
    x0, y0, x1, y1 = bounds
    span = max(x1 - x0, 1e-9)
    length = nice_length(span)
    height = 0.01 * max(y1 - y0, span)
    left, bottom = x0 + 0.03 * span, y0 + 0.03 * (y1 - y0)
    for k, colour in enumerate(("black", "white", "black", "white")):
        ax.add_patch(Rectangle((left + k * length / 4, bottom), length / 4, height,
                               facecolor=colour, edgecolor="black", linewidth=0.6, zorder=8))
    ax.text(left + length / 2, bottom + 1.8 * height, distance_label(length), ha="center",
            va="bottom", fontsize=8, zorder=8,
            bbox=dict(facecolor="white", edgecolor="none", alpha=0.7, pad=1))
    arrow_x, arrow_top = x0 + 0.05 * span, y1 - 0.04 * (y1 - y0)
    arrow_len = 0.08 * (y1 - y0)
    ax.add_patch(FancyArrow(arrow_x, arrow_top - arrow_len, 0, arrow_len * 0.7,
                            width=0.008 * span, head_width=0.03 * span,
                            head_length=0.3 * arrow_len, length_includes_head=False,
                            color="black", zorder=8))
    ax.text(arrow_x, arrow_top - arrow_len - 0.01 * (y1 - y0), "N", ha="center", va="top",
            fontsize=10, fontweight="bold", zorder=8)
    ax.set_xticks([])
    ax.set_yticks([])
    return length


def draw_context(ax, context):
    """Draws the network's context (map_layers.map_context(): water and park polygons, river
    and rail lines, the names of the larger features) under the links; call it after the axes'
    limits are set. Returns legend handles for the kinds drawn."""
    if context is None:
        return []
    handles = []
    for kind in ("water", "park"):
        shapes = [_area_patch(p) for k, p in zip(context["kind"], context["points"])
                  if k == kind and len(p) >= 3]
        if shapes:
            ax.add_collection(PatchCollection(shapes, zorder=0, **CONTEXT_STYLE[kind]))
            handles.append(Rectangle((0, 0), 1, 1, **CONTEXT_STYLE[kind],
                                     label=CONTEXT_LABEL[kind]))
    for kind in ("waterway", "coast", "rail"):
        lines = [p for k, p in zip(context["kind"], context["points"]) if k == kind and len(p) > 1]
        if lines:
            ax.add_collection(LineCollection(lines, zorder=1, **CONTEXT_STYLE[kind]))
            handles.append(Line2D([], [], **CONTEXT_STYLE[kind], label=CONTEXT_LABEL[kind]))
    _draw_names(ax, context)
    _draw_street_names(ax, context)
    return handles


def _rings(points):
    """An area's rings: an OSM multipolygon's outer and inner rings come one after another,
    set apart by a row of NaN (docs/OUTPUT.md)."""
    points = np.asarray(points, float)
    breaks = np.flatnonzero(np.isnan(points[:, 0]))
    rings = [part[np.isfinite(part).all(axis=1)] for part in np.split(points, breaks)]
    return [ring for ring in rings if len(ring) >= 3]


def _area_patch(points):
    """A polygon, or for several rings one path whose inner rings (wound the other way) are
    holes."""
    rings = _rings(points)
    if len(rings) == 1:
        return Polygon(rings[0], closed=True)
    return PathPatch(Path.make_compound_path(*[Path(r, closed=True) for r in rings]))


def _label_point(kind, points):
    """Where a feature's name goes: a line's middle point; an area's centre, or for a long
    band (a river through a grid city) a fifth of the way along it, clear of the middle,
    where the busiest crossing tends to be."""
    if kind in ("waterway", "rail"):
        return points[len(points) // 2]
    low, high = points.min(axis=0), points.max(axis=0)
    extent = high - low
    if extent.max() > 3.0 * max(extent.min(), 1e-9):
        along = int(np.argmax(extent))
        point = (low + high) / 2
        point[along] = low[along] + 0.2 * extent[along]
        return point
    return points.mean(axis=0)


def _draw_names(ax, context):
    x0, x1 = ax.get_xlim()
    span = max(abs(x1 - x0), 1e-9)
    named = {}
    for kind, name, points in zip(context["kind"], context["name"], context["points"]):
        points = np.asarray(points, float)
        points = points[np.isfinite(points).all(axis=1)]
        if kind == "street" or not name or not len(points):
            continue
        size = float(np.ptp(points, axis=0).max())
        if size >= NAME_MIN_SHARE * span and size > named.get(name, (0.0,))[0]:
            named[name] = (size, kind, _label_point(kind, points))
    largest = sorted(named.items(), key=lambda item: -item[1][0])[:NAME_LIMIT]
    for name, (_, kind, (x, y)) in largest:
        ax.text(x, y, name, fontsize=8, style="italic", ha="center", va="center",
                color="#2f5f8a" if kind in ("water", "waterway", "coast") else "#404040",
                zorder=7, bbox=dict(facecolor="white", edgecolor="none", alpha=0.6, pad=0.5))


def _draw_street_names(ax, context):
    """Names of the main roads, along the longest piece of each, for the roads that cross a
    good part of the map (OSM ways split a street into many pieces: a name's extent is that of
    all its pieces together)."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    span = max(abs(x1 - x0), 1e-9)
    pieces = {}
    for kind, name, points in zip(context["kind"], context["name"], context["points"]):
        if kind == "street" and name and len(points) > 1:
            pieces.setdefault(name, []).append(np.asarray(points, float))
    streets = []
    for name, parts in pieces.items():
        every = np.vstack(parts)
        extent = float(np.ptp(every, axis=0).max())
        if extent >= NAME_MIN_SHARE * span:
            longest = max(parts, key=lambda p: np.hypot(*np.diff(p, axis=0).T).sum())
            streets.append((extent, name, longest))
    streets.sort(key=lambda s: -s[0])
    for _, name, line in streets[:STREET_NAME_LIMIT]:
        step = np.hypot(*np.diff(line, axis=0).T)
        middle = int(np.searchsorted(np.cumsum(step), step.sum() / 2))
        middle = min(middle, len(line) - 2)
        (sx, sy), (ex, ey) = line[middle], line[middle + 1]
        if not (min(x0, x1) <= sx <= max(x0, x1) and min(y0, y1) <= sy <= max(y0, y1)):
            continue
        # Along the road, never upside down.
        angle = np.degrees(np.arctan2(ey - sy, ex - sx))
        angle = angle - 180 if angle > 90 else angle + 180 if angle <= -90 else angle
        ax.text((sx + ex) / 2, (sy + ey) / 2, name, fontsize=6.5, rotation=angle,
                rotation_mode="anchor", ha="center", va="center", color="#303030", zorder=7,
                bbox=dict(facecolor="white", edgecolor="none", alpha=0.55, pad=0.3))


def draw_link_map(ax, geometry, values, *, norm, cmap, lanes=None, label="", closed=(),
                  closed_label="closed in the variant", context=None, extend="neither",
                  missing_label="no vehicle: no value"):
    """Draws links coloured by `values` (NaN: light grey) on `ax` with a colour bar labelled
    `label`; returns the coloured collection.

    `closed` lists link indices drawn dashed on top (with a legend entry) whatever their own
    value; `context` (Results.map_context()) is drawn underneath. Axes carry a scale bar and a
    north arrow instead of coordinates.
    """
    values = np.asarray(values, dtype=np.float64)
    widths = link_widths(lanes, len(geometry))
    bounds = _bounds(geometry)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")
    # Each direction of a two-way street sits on its own side, just clear of the other.
    per_point = metres_per_point(ax, bounds)
    lengths = np.array([np.hypot(*np.diff(p, axis=0).T).sum() if len(p) > 1 else 0.0
                        for p in geometry])
    shift = np.minimum((widths / 2 + 0.3) * per_point, 0.2 * lengths)
    two_way = two_way_links(geometry)
    lines = [offset_right(p, s) if t else p for p, s, t in zip(geometry, shift, two_way)]
    handles = draw_context(ax, context)
    missing = np.isnan(values)
    if missing.any():
        ax.add_collection(LineCollection([lines[i] for i in np.flatnonzero(missing)],
                                         colors=MISSING_COLOUR, linewidths=0.4, zorder=2))
        handles.append(Line2D([], [], color=MISSING_COLOUR, linewidth=1.0, label=missing_label))
    shown = np.flatnonzero(~missing)
    collection = LineCollection([lines[i] for i in shown], cmap=cmap, norm=norm, zorder=3,
                                linewidths=widths[shown], capstyle="butt")
    collection.set_array(values[shown])
    ax.add_collection(collection)
    closed = list(closed)
    if closed:
        closed_lines = [lines[i] for i in closed]
        ax.add_collection(LineCollection(closed_lines, colors="white",
                                         linewidths=CLOSED_WIDTH_PT + 1.5, zorder=5))
        ax.add_collection(LineCollection(closed_lines, linewidths=CLOSED_WIDTH_PT,
                                         **CLOSED_STYLE))
        # A short link is a dot on a city map: a cross at its middle finds it at any size.
        middles = np.array([p[len(p) // 2] if len(p) > 2 else p.mean(axis=0)
                            for p in closed_lines])
        ax.scatter(middles[:, 0], middles[:, 1], **CLOSED_MARKER)
        links = f"{len(closed)} link{'s' if len(closed) != 1 else ''}"
        handles.append(Line2D([], [], color="black", linestyle=(0, (2.0, 1.2)),
                              linewidth=CLOSED_WIDTH_PT, marker=CLOSED_MARKER["marker"],
                              markersize=8, markerfacecolor="black", markeredgecolor="white",
                              label=f"{closed_label} ({links})"))
    if handles:
        ax.legend(handles=handles, loc="lower right", fontsize=8, framealpha=0.9)
    draw_scale_bar_and_north(ax, bounds)
    # A colour bar as tall as the map, whatever the network's shape.
    bar_ax = make_axes_locatable(ax).append_axes("right", size="3.5%", pad=0.15)
    ax.figure.colorbar(collection, cax=bar_ax, label=label, extend=extend)
    return collection


def map_figure_size(geometry, width_in=8.5):
    """A figure size (inches) that fits the network's shape: wide cities get short figures."""
    x0, y0, x1, y1 = _bounds(geometry)
    height = width_in * (y1 - y0) / max(x1 - x0, 1e-9) + 1.2  # title and note
    return width_in, float(np.clip(height, 4.0, 10.0))
