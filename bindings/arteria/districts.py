"""Emissions per district: what a variant does to CO2, NOx and PM2.5 in each part of the city.

Run files hold nodes and links, no zones, so the districts come from the caller: named polygons
in the network's metres (``/network/nodes`` x_m, y_m), given as a dict or a CSV file
(``district,x_m,y_m``, one row per corner, a district's corners in order), or, when none are
given, the square grid that ``arteria compare`` uses for travel times (areas.SquareAreas). A
link belongs to the district its midpoint (halfway between its end nodes) lies in, the first
listed when polygons overlap; links in none are "outside". Transit guideways emit nothing
(docs/EMISSIONS.md), so they add nothing to any district.
"""
import csv

import numpy as np
import pandas as pd
from matplotlib.path import Path
from matplotlib.ticker import MaxNLocator

from . import figures
from .figures import plt
from .areas import SquareAreas
from .results import EMISSION_SERIES, Results, input_error

OUTSIDE = "outside"
# The pollutants a district table reports (fuel follows CO2 and is left to link_emissions()).
POLLUTANTS = ("co2", "nox", "pm25")
POLLUTANT_LABELS = {"co2": "CO2", "nox": "NOx", "pm25": "PM2.5 (exhaust)"}


class Districts:
    """Named polygons, each a list of at least three (x_m, y_m) corners in the network's
    metres."""

    def __init__(self, polygons):
        self.polygons = {}
        for name, corners in polygons.items():
            points = np.asarray(corners, dtype=np.float64)
            if points.ndim != 2 or points.shape[1] != 2 or len(points) < 3:
                raise ValueError(f"district '{name}' needs at least three [x_m, y_m] corners")
            self.polygons[str(name)] = points

    @classmethod
    def from_csv(cls, path):
        """Districts from a CSV file with columns district, x_m, y_m: one row per corner, each
        district's corners in order around it. Bad rows fail naming the file, line and field."""
        polygons = {}
        with open(path, newline="", encoding="utf-8") as file:
            reader = csv.DictReader(file)
            missing = [c for c in ("district", "x_m", "y_m") if c not in (reader.fieldnames or [])]
            if missing:
                raise input_error(path, f"line 1: no column {', '.join(missing)} "
                                  "(districts need district,x_m,y_m)", missing[0])
            for row in reader:
                corner = []
                for field in ("x_m", "y_m"):
                    try:
                        value = float(row[field])
                    except (TypeError, ValueError):
                        raise input_error(path, f"line {reader.line_num}: '{row[field]}' is not "
                                          "a number", field) from None
                    if not np.isfinite(value):
                        raise input_error(path, f"line {reader.line_num}: '{row[field]}' is "
                                          "not a finite number", field)
                    corner.append(value)
                polygons.setdefault(row["district"], []).append(corner)
        for name, corners in polygons.items():
            if len(corners) < 3:
                raise input_error(path, f"district '{name}' has {len(corners)} corners, needs "
                                  "at least 3", "district")
        if not polygons:
            raise input_error(path, "no districts (no rows after the header)", "district")
        return cls(polygons)

    @classmethod
    def square_grid(cls, results):
        """The square cells `arteria compare` names its travel time areas by ("A1" at the
        south-west), as districts."""
        nodes = results.nodes
        areas = SquareAreas(nodes)
        size = areas.size_m
        # A link along the network's edge has its midpoint on a cell's outer side, where a
        # polygon may not count it in: the outermost cells reach a cell beyond the nodes.
        x_min, x_max = nodes["x_m"].min(), nodes["x_m"].max()
        y_min, y_max = nodes["y_m"].min(), nodes["y_m"].max()
        polygons = {}
        for name in dict.fromkeys(areas.node_area):
            x0, y0 = areas.corner(name)
            x1, y1 = x0 + size, y0 + size
            x0, y0 = (x0 - size if x0 <= x_min else x0), (y0 - size if y0 <= y_min else y0)
            x1, y1 = (x_max + size if x1 >= x_max else x1), (y_max + size if y1 >= y_max else y1)
            polygons[name] = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        return cls(polygons)

    def link_districts(self, results):
        """The district of each link of `results` (by link index), OUTSIDE for none."""
        nodes = results.nodes
        links = results.links
        x = nodes["x_m"].to_numpy(np.float64)
        y = nodes["y_m"].to_numpy(np.float64)
        start, end = links["from"].to_numpy(), links["to"].to_numpy()
        middle = np.column_stack([(x[start] + x[end]) / 2.0, (y[start] + y[end]) / 2.0])
        district = np.full(len(links), OUTSIDE, dtype=object)
        unassigned = np.ones(len(links), dtype=bool)
        for name, corners in self.polygons.items():
            inside = Path(corners).contains_points(middle) & unassigned
            district[inside] = name
            unassigned &= ~inside
        return district


def _districts_of(results, districts):
    if districts is None:
        return Districts.square_grid(results)
    if isinstance(districts, Districts):
        return districts
    if isinstance(districts, dict):
        return Districts(districts)
    return Districts.from_csv(districts)


def emissions_by_district(results, districts=None):
    """kg of CO2, NOx, PM2.5 and fuel over the run, and the vehicle-km driven (outflow x
    length), per district: a DataFrame indexed by district, in the order given (OUTSIDE last,
    only when some link lies outside). `districts`: a :class:`Districts`, a dict of polygons,
    a CSV path, or None for the square grid."""
    results = results if isinstance(results, Results) else Results(results)
    if not results.has_emissions:
        raise input_error(results.path, "the run file has no /emissions (run with "
                          "[output] emissions = true, the default)", "/emissions")
    districts = _districts_of(results, districts)
    per_link = results.link_emissions()
    outflow = results.link_array("outflow").astype(np.float64).sum(axis=0)
    per_link["vehicle_km"] = outflow * results.links["length_m"].to_numpy() / 1000.0
    per_link["district"] = districts.link_districts(results)
    columns = [name.removesuffix("_g") + "_kg" for name in EMISSION_SERIES] + ["vehicle_km"]
    table = per_link.groupby("district", sort=False)[columns].sum()
    order = list(districts.polygons) + ([OUTSIDE] if OUTSIDE in table.index else [])
    return table.reindex(order, fill_value=0.0).rename_axis("district")


def emission_change_by_district(base, variant, districts=None):
    """Per district, for CO2, NOx and PM2.5: ``<p>_base_kg``, ``<p>_variant_kg``,
    ``<p>_change_kg`` (variant - base) and ``<p>_change_pct`` (NaN where the base had none).
    The districts are laid over the base's network (both runs must share it, as for
    `arteria compare`)."""
    base = base if isinstance(base, Results) else Results(base)
    variant = variant if isinstance(variant, Results) else Results(variant)
    if not np.array_equal(base.link_ids, variant.link_ids):
        raise input_error(variant.path, "the two runs have different networks: districts "
                          "compare the same links")
    districts = _districts_of(base, districts)
    before = emissions_by_district(base, districts)
    after = emissions_by_district(variant, districts)
    after = after.reindex(before.index.union(after.index, sort=False), fill_value=0.0)
    before = before.reindex(after.index, fill_value=0.0)
    table = pd.DataFrame(index=after.index)
    for p in POLLUTANTS:
        b, v = before[f"{p}_kg"], after[f"{p}_kg"]
        table[f"{p}_base_kg"] = b
        table[f"{p}_variant_kg"] = v
        table[f"{p}_change_kg"] = v - b
        with np.errstate(divide="ignore", invalid="ignore"):
            table[f"{p}_change_pct"] = np.where(b > 0, 100.0 * (v - b) / b, np.nan)
    return table


def save_district_change_chart(path, table, *, title):
    """Bars of the change per district (a table of emission_change_by_district), one panel per
    pollutant in kg, each bar labelled with its percentage; red more, blue less (the change
    maps' palette)."""
    names = [str(n) for n in table.index]
    fig, axes = plt.subplots(1, len(POLLUTANTS), figsize=(4.2 * len(POLLUTANTS), 0.45 * len(names)
                                                          + 1.8), sharey=True)
    worse, better = figures.CHANGE_CMAP(0.0), figures.CHANGE_CMAP(1.0)
    positions = np.arange(len(names))
    for ax, p in zip(axes, POLLUTANTS):
        change = table[f"{p}_change_kg"].to_numpy(np.float64)
        percent = table[f"{p}_change_pct"].to_numpy(np.float64)
        ax.barh(positions, change, color=[worse if c > 0 else better for c in change])
        ax.axvline(0.0, color="0.3", linewidth=0.8)
        # Room beyond the longest bar for its label, on either side.
        limit = max(float(np.abs(change).max()) if change.size else 0.0, 1e-12) * 1.7
        ax.set_xlim(-limit, limit)
        ax.xaxis.set_major_locator(MaxNLocator(5, symmetric=True))
        for y, c, pct in zip(positions, change, percent):
            label = "n/a" if not np.isfinite(pct) else f"{pct:+.1f} %"
            ax.annotate(label, (c, y), xytext=(4 if c >= 0 else -4, 0),
                        textcoords="offset points", va="center",
                        ha="left" if c >= 0 else "right", fontsize=8)
        ax.set_title(POLLUTANT_LABELS[p])
        ax.set_xlabel("change, variant - base (kg)")
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
    axes[0].set_yticks(positions, names)
    axes[0].invert_yaxis()
    fig.suptitle(title)
    fig.tight_layout()
    return figures._save(fig, path)
