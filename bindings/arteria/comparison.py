"""Comparing a variant run with its baseline: the planner's KPI table, the links that changed
most, transit crowding when both runs carry transit, and figures (``arteria compare`` and
:func:`compare`)."""
import pathlib
import re

import numpy as np
import pandas as pd

from . import areas, figures, map_layers, transit
from .results import Results, input_error
from .select_link import SelectLink, save_select_link_map

# (row label, how to get it from a run). Trips completed first: a variant that "saves" travel
# time by not finishing trips must show that before anything else.
KPI_ROWS = (
    ("trips completed", lambda r: r.kpis["vehicles_arrived"]),
    ("VKT (km)", lambda r: r.kpis["vkt_km"]),
    ("VHT (h)", lambda r: r.kpis["vht_h"]),
    ("mean travel time (s)", lambda r: r.kpis["mean_travel_time_s"]),
    ("mean delay (s)", lambda r: r.kpis["mean_delay_s"]),
    ("stuck vehicles", lambda r: r.kpis["vehicles_stuck"]),
    ("stuck push-throughs", lambda r: r.kpis["stuck_push_throughs"]),
    ("reroutes", lambda r: r.kpis["reroutes"]),
    ("en route at end", lambda r: r.kpis["vehicles_en_route"]),
    ("waiting to enter at end", lambda r: r.kpis["vehicles_waiting"]),
)



def _kpi(name, scale=1.0):
    # Files written before transit existed lack these attributes; they had no transit: zero.
    return lambda r: scale * r.kpis.get(name, 0.0)


# Shown when either run has transit. Passengers who got home come first, as trips do above.
TRANSIT_KPI_ROWS = (
    ("passengers arrived", _kpi("passengers_arrived")),
    ("passengers stranded", _kpi("passengers_stranded")),
    ("passengers en route at end", _kpi("passengers_en_route")),
    ("mean journey time (s)", _kpi("mean_journey_time_s")),
    ("mean wait (s)", _kpi("mean_wait_s")),
    ("mean in-vehicle time (s)", _kpi("mean_in_vehicle_s")),
    ("boardings", _kpi("boardings")),
    ("denied boardings", _kpi("denied_boardings")),
    ("max load factor", _kpi("max_load_factor")),
    ("transit trips completed", _kpi("transit_trips_completed")),
    ("transit calls reached (after first)", _kpi("transit_calls_reached")),
    ("on time (% of calls)", _kpi("transit_on_time_share", 100.0)),
    ("mean schedule deviation (s)", _kpi("transit_mean_deviation_s")),
    ("p95 |schedule deviation| (s)", _kpi("transit_p95_abs_deviation_s")),
)


def kpi_table(base, variant):
    """Base, variant, absolute and relative (%) change per KPI, as a DataFrame. Transit and
    passenger KPIs are included when either run has transit."""
    rows = KPI_ROWS + (TRANSIT_KPI_ROWS if base.has_transit or variant.has_transit else ())
    return change_table(rows, base, variant, "kpi")


def change_table(rows, base, variant, index_name):
    """One row per (label, getter) in `rows`: the figure in base and variant, the absolute and
    the relative (%) change; NaN where the base is 0."""
    values = [(label, float(get(base)), float(get(variant))) for label, get in rows]
    table = pd.DataFrame(values, columns=[index_name, "base", "variant"]).set_index(index_name)
    table["change"] = table["variant"] - table["base"]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["change_pct"] = np.where(table["base"] != 0,
                                       100.0 * table["change"] / table["base"].abs(), np.nan)
    return table


def link_changes(base, variant):
    """Per link present in both runs (matched by id): flow and mean speed in each, and changes."""
    a = base.link_totals().set_index("id")
    b = variant.link_totals().set_index("id")
    common = a.index.intersection(b.index, sort=False)
    a, b = a.loc[common], b.loc[common]
    table = pd.DataFrame({
        "flow_base": a["flow_veh"], "flow_variant": b["flow_veh"],
        "flow_change": b["flow_veh"] - a["flow_veh"],
        "speed_base_kmh": a["mean_speed_kmh"], "speed_variant_kmh": b["mean_speed_kmh"],
        "speed_change_kmh": b["mean_speed_kmh"] - a["mean_speed_kmh"],
    })
    table.index.name = "link"
    return table


def _largest(table, column, n):
    order = table[column].abs().sort_values(ascending=False, na_position="last").index
    return table.loc[order[:n]]


class Comparison:
    """What :func:`compare` returns.

    - ``kpis``: the KPI table (DataFrame: base, variant, change, change_pct);
    - ``links``: per-link flows and mean speeds in both runs and their changes;
    - ``top_flow`` / ``top_speed``: the `top_n` links with the largest absolute change;
    - ``series``: vehicles en route and network mean speed over time for both runs;
    - ``crowding``: per route, mean and max load factor in both runs (None unless both runs
      have transit); ``top_stops``: the `top_n` stops with the largest change in boardings;
    - ``by_origin_area`` / ``by_od_area``: mean travel time of the arrived road trips per origin
      area and per origin-destination pair of areas (areas.SquareAreas, a square grid over the
      network) in both runs and its change (None without road trips or trip tables);
    - ``select_link``: the select-link analysis when asked for (select_link.SelectLink);
    - ``figures``: name -> path of the PNG files written (empty without `out_dir`).
    ``str(comparison)`` is the text `arteria compare` prints.
    """

    def __init__(self, base, variant, top_n, select_link=None):
        self.base, self.variant = base, variant
        self.kpis = kpi_table(base, variant)
        self.links = link_changes(base, variant)
        self.top_flow = _largest(self.links, "flow_change", top_n)
        self.top_speed = _largest(self.links, "speed_change_kmh", top_n)
        en_route = {"base": base.vehicles_en_route(), "variant": variant.vehicles_en_route()}
        network = {"base": base.network_series(), "variant": variant.network_series()}
        self._runs = {label: (en_route[label], network[label]) for label in en_route}
        self.series = pd.DataFrame({
            "en_route_base": en_route["base"], "en_route_variant": en_route["variant"]})
        self.network_speed = pd.DataFrame({
            "mean_speed_base_kmh": network["base"]["mean_speed_kmh"],
            "mean_speed_variant_kmh": network["variant"]["mean_speed_kmh"]})
        self.crowding = self.stops = self.top_stops = None
        if base.has_transit and variant.has_transit:
            self.crowding = transit.crowding_table(base, variant)
            self.stops = transit.stop_boarding_changes(base, variant)
            self.top_stops = _largest(self.stops, "change", top_n)
        self.has_road_traffic = (map_layers.has_road_traffic(base)
                                 or map_layers.has_road_traffic(variant))
        self.by_origin_area = self.by_od_area = None
        if self.has_road_traffic and base.has_trips and variant.has_trips:
            self.areas = areas.SquareAreas(base.nodes)
            self.by_origin_area, self.by_od_area = areas.travel_times_by_area(
                base, variant, self.areas)
        self.select_link = (SelectLink(base, variant, select_link)
                            if select_link is not None else None)
        self.figures = {}

    def __str__(self):
        with pd.option_context("display.float_format", "{:,.2f}".format, "display.width", 120,
                               "display.max_columns", 20):
            lines = [
                f"base    {self.base.path} ({self.base.meta.get('scenario_name', '')})",
                f"variant {self.variant.path} ({self.variant.meta.get('scenario_name', '')})",
                "", str(self.kpis), "",
                "links with the largest change in flow (vehicles through the link):",
                str(self.top_flow[["flow_base", "flow_variant", "flow_change"]]), "",
                "links with the largest change in mean speed (km/h):",
                str(self.top_speed[["speed_base_kmh", "speed_variant_kmh", "speed_change_kmh"]]),
            ] + self._transit_lines() + self._select_link_lines()
            if self.figures:
                lines += [""] + [f"wrote {p}" for p in self.figures.values()]
            return "\n".join(lines)

    def _transit_lines(self):
        if self.crowding is None:
            return []
        return ["", "transit crowding by route (load factor = on board / capacity, over the "
                "segments run):", str(self.crowding), "",
                "stops with the largest change in boardings:",
                str(self.top_stops[["name", "boardings_base", "boardings_variant", "change"]])]

    def _select_link_lines(self):
        if self.select_link is None:
            return []
        return ["", self.select_link.summary, "where they come from (origin node):",
                str(self.select_link.origins.head(10)), "where they go (destination node):",
                str(self.select_link.destinations.head(10))]

    def write(self, out_dir):
        """Writes the tables (CSV) and figures (PNG) into `out_dir`; returns the figure paths."""
        out = pathlib.Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.kpis.to_csv(out / "kpis.csv")
        self.links.to_csv(out / "link_changes.csv")
        if self.has_road_traffic:
            self._write_road_figures(out)
        if self.by_origin_area is not None:
            self.by_origin_area.to_csv(out / "travel_time_by_origin_area.csv")
            self.by_od_area.to_csv(out / "travel_time_by_od_area.csv")
            self.figures["travel_time_area_map"] = areas.save_area_change_map(
                out / "travel_time_area_map.png", self.by_origin_area, self.areas, self.variant,
                title="Change in mean travel time by origin area, variant - base")
        if self.select_link is not None:
            self._write_select_link(out)
        if self.crowding is not None:
            self.crowding.to_csv(out / "transit_crowding.csv")
            self.stops.to_csv(out / "stop_boardings.csv")
            self.figures["load_factor_by_route"] = figures.save_route_load_factors(
                out / "load_factor_by_route.png", self.crowding,
                title="Load factor by route, base and variant")
        return dict(self.figures)

    def _write_select_link(self, out):
        analysis = self.select_link
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", analysis.link)
        analysis.trips.to_csv(out / f"select_link_{name}_trips.csv", index=False)
        analysis.origins.to_csv(out / f"select_link_{name}_origins.csv")
        analysis.destinations.to_csv(out / f"select_link_{name}_destinations.csv")
        analysis.flows.to_csv(out / f"select_link_{name}_flows.csv")
        closed = self._closed_in_variant_only(np.arange(len(self.variant.link_ids)))
        self.figures["select_link_map"] = save_select_link_map(
            out / f"select_link_{name}.png", analysis,
            lanes=self.base.links["lanes"].to_numpy(), closed=closed,
            context=map_layers.map_context(self.base))

    def _closed_in_variant_only(self, shown):
        """Positions in `shown` (link rows of the variant) of the links closed in the variant
        and not in the base."""
        position = {link: k for k, link in enumerate(shown)}
        in_base = {self.base.link_ids[i] for i in map_layers.closed_links(self.base)}
        return [position[i] for i in map_layers.closed_links(self.variant)
                if i in position and self.variant.link_ids[i] not in in_base]

    def _write_road_figures(self, out):
        """The change maps (road links only, one palette: red is worse for the traveller) and
        the series. Links closed in the variant and not in the base are drawn dashed; the
        title mentions closures only when there are some."""
        roads = map_layers.road_links(self.variant)
        geometry = self.variant.network_geometry()
        geometry = [geometry[i] for i in roads]
        change = self.links.reindex(self.variant.link_ids[roads])
        closed = self._closed_in_variant_only(roads)
        note = " (dashed: closed in the variant)" if closed else ""
        draw = dict(lanes=self.variant.links["lanes"].to_numpy()[roads], closed=closed,
                    context=map_layers.map_context(self.variant))
        self.figures["speed_change_map"] = figures.save_change_map(
            out / "speed_change_map.png", geometry, change["speed_change_kmh"].to_numpy(),
            title=f"Change in mean speed over the run, variant - base{note}",
            label="mean speed change", unit="km/h", worse="lower", **draw)
        self.figures["flow_change_map"] = figures.save_change_map(
            out / "flow_change_map.png", geometry, change["flow_change"].to_numpy(),
            title=f"Change in vehicles through each link, variant - base{note}",
            label="vehicles through the link, change", unit="veh", worse="higher", **draw)
        self.figures["series"] = figures.save_series(
            out / "series.png", self._runs, title="Base and variant over time")


def compare(base, variant, out_dir=None, top_n=10, select_link=None):
    """Compares two runs (paths or :class:`Results`); writes CSV and PNG files to `out_dir`
    when given. Returns a :class:`Comparison`; its ``kpis`` is the KPI DataFrame. Two static
    assignment files (``arteria assign``) give an :class:`AssignmentComparison` instead.
    `select_link` (a link id) adds a select-link analysis (:class:`select_link.SelectLink`;
    both runs need ``output.routes = true``)."""
    from .assignment import Assignment, is_assignment_file
    assignments = [isinstance(x, Assignment) or (not isinstance(x, Results) and
                                                 is_assignment_file(x)) for x in (base, variant)]
    if any(assignments):
        if not all(assignments):
            raise input_error(base if not assignments[0] else variant,
                              "compare needs two runs or two assignments, not one of each")
        from .assignment_comparison import compare_assignments
        return compare_assignments(base, variant, out_dir=out_dir, top_n=top_n)
    comparison = Comparison(Results(base), Results(variant), top_n, select_link)
    if out_dir is not None:
        comparison.write(out_dir)
    return comparison
