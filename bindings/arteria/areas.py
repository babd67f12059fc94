"""Travel times by origin and destination area, for `arteria compare`: a square grid laid over
the network (run files hold no zones, only nodes), each node in the cell it falls in, and the
mean travel time of the road trips that arrived, per origin area and per origin-destination pair
of areas, in the base and the variant."""
import string

import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle

from . import map_layers
from .map_drawing import distance_label, draw_context, draw_scale_bar_and_north, nice_length

CELLS_ACROSS = 6  # the grid's cells across the network's longer side, about


class SquareAreas:
    """A square grid over the network's nodes: cell size 1, 2 or 5 x a power of ten metres,
    about a sixth of the longer side; cells named by column letter (west to east) and row
    number (south to north), "A1" at the south-west corner."""

    def __init__(self, nodes, cells_across=CELLS_ACROSS):
        x, y = nodes["x_m"].to_numpy(np.float64), nodes["y_m"].to_numpy(np.float64)
        extent = max(np.ptp(x), np.ptp(y), 1.0)
        self.size_m = nice_length(5.0 * extent / cells_across)
        self.x0 = np.floor(x.min() / self.size_m) * self.size_m
        self.y0 = np.floor(y.min() / self.size_m) * self.size_m
        # Nodes on the far edge (x = x0 + 6 cells exactly) belong to the last cell, not to a
        # cell of their own.
        columns = max(1, int(np.ceil((x.max() - self.x0) / self.size_m)))
        rows = max(1, int(np.ceil((y.max() - self.y0) / self.size_m)))
        column = np.clip((x - self.x0) // self.size_m, 0, columns - 1).astype(np.int64)
        row = np.clip((y - self.y0) // self.size_m, 0, rows - 1).astype(np.int64)
        self.node_area = np.array([self.name(c, r) for c, r in zip(column, row)], dtype=object)

    @staticmethod
    def name(column, row):
        letters = string.ascii_uppercase
        prefix = letters[column // 26 - 1] if column >= 26 else ""
        return f"{prefix}{letters[column % 26]}{row + 1}"

    def corner(self, area):
        """The south-west corner of the cell `area` in metres."""
        letters = "".join(c for c in area if c.isalpha())
        column = sum((string.ascii_uppercase.index(c) + 1) * 26 ** k
                     for k, c in enumerate(reversed(letters))) - 1
        row = int(area[len(letters):]) - 1
        return self.x0 + column * self.size_m, self.y0 + row * self.size_m


def _arrived_road_trips(results, areas):
    trips = results.trips.iloc[:map_layers.road_trip_count(results)]
    trips = trips[trips["status"] == "arrived"]
    return pd.DataFrame({"id": trips["id"].to_numpy(),
                         "origin_area": areas.node_area[trips["origin"].to_numpy()],
                         "destination_area": areas.node_area[trips["destination"].to_numpy()],
                         "travel_time_s": trips["travel_time_s"].to_numpy()})


def _means(trips, by):
    grouped = trips.groupby(by)["travel_time_s"]
    return pd.DataFrame({"trips": grouped.size(), "mean_travel_time_s": grouped.mean()})


def travel_times_by_area(base, variant, areas=None):
    """(by origin area, by origin-destination pair of areas): DataFrames of the arrived road
    trips and their mean travel time (s) in base and variant, and the change (variant - base).
    Trips are grouped by where they start, so a trip that arrives only in one run counts in
    that run's mean alone; the ``trips_*`` columns show how many each mean stands for."""
    areas = areas or SquareAreas(base.nodes)
    runs = {"base": _arrived_road_trips(base, areas),
            "variant": _arrived_road_trips(variant, areas)}
    tables = []
    for by in (["origin_area"], ["origin_area", "destination_area"]):
        parts = {run: _means(trips, by) for run, trips in runs.items()}
        table = parts["base"].join(parts["variant"], how="outer", lsuffix="_base",
                                   rsuffix="_variant")
        table = table.rename(columns={"mean_travel_time_s_base": "mean_travel_time_base_s",
                                      "mean_travel_time_s_variant": "mean_travel_time_variant_s"})
        table[["trips_base", "trips_variant"]] = table[["trips_base", "trips_variant"]].fillna(0)
        table["change_s"] = table["mean_travel_time_variant_s"] - table["mean_travel_time_base_s"]
        tables.append(table)
    return tables[0], tables[1]


def save_area_change_map(path, by_origin, areas, results, *, title):
    """The change in mean travel time per origin area as coloured squares (red: longer, the
    same palette as the change maps; the scale spans the largest change), each labelled with
    its change in seconds, over the network drawn faint."""
    from . import figures
    from matplotlib.colors import TwoSlopeNorm
    change = by_origin["change_s"].to_numpy(np.float64)
    finite = change[np.isfinite(change)]
    limit = max(float(np.abs(finite).max()) if finite.size else 0.0, 1.0)
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit)
    cmap = figures.CHANGE_CMAP.reversed()
    fig, ax = figures.plt.subplots(figsize=(8, 7))
    geometry = results.network_geometry()
    ax.add_collection(LineCollection(geometry, colors="#9a9a9a", linewidths=0.4, zorder=2))
    for area, value, trips in zip(by_origin.index, change, by_origin["trips_base"]):
        x, y = areas.corner(area)
        colour = cmap(norm(value)) if np.isfinite(value) else "none"
        ax.add_patch(Rectangle((x, y), areas.size_m, areas.size_m, facecolor=colour,
                               edgecolor="white", alpha=0.75, zorder=1))
        text = f"{area}\n{value:+.0f} s" if np.isfinite(value) else f"{area}\nno trips"
        ax.text(x + areas.size_m / 2, y + areas.size_m / 2, text, ha="center", va="center",
                fontsize=7, zorder=3)
    xs = [areas.corner(a)[0] for a in by_origin.index]
    ys = [areas.corner(a)[1] for a in by_origin.index]
    bounds = (min(xs), min(ys), max(xs) + areas.size_m, max(ys) + areas.size_m)
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")
    draw_context(ax, map_layers.map_context(results))
    draw_scale_bar_and_north(ax, bounds)
    mappable = figures.plt.cm.ScalarMappable(norm=norm, cmap=cmap)
    fig.colorbar(mappable, ax=ax, shrink=0.8,
                 label="mean travel time change (s), by origin area\nred: longer (worse), "
                       "blue: shorter")
    ax.set_xlabel(f"areas: {distance_label(areas.size_m)} squares; colour scale "
                  f"±{limit:,.0f} s = the largest change\n"
                  "arrived road trips, grouped by where they start", fontsize=8)
    ax.set_title(title)
    return figures._save(fig, path)
