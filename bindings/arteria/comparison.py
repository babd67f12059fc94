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

# (row label, how to get it from a run, kind). Trips completed and not completed first: a
# variant that "saves" travel time by not finishing trips must show that before anything else,
# and the headline travel time counts the unfinished trips (arteria/completion.py). Counts
# print as whole numbers.
COUNT, VALUE = "count", "value"
ARRIVED_ONLY = ("mean travel time, arrived trips only (s)", "mean delay, arrived trips only (s)")
INCL_UNFINISHED = "mean travel time incl. unfinished, counted to end of run (s)"


def _completion(name):
    return lambda r: r.completion()[name]


KPI_ROWS = (
    ("trips completed", _completion("trips_completed"), COUNT),
    ("trips not completed", _completion("trips_not_completed"), COUNT),
    ("not completed: en route at end", _completion("en_route_at_end"), COUNT),
    ("not completed: never got in", _completion("never_got_in"), COUNT),
    ("not completed: stuck and removed", _completion("stuck_removed"), COUNT),
    (INCL_UNFINISHED, _completion("mean_travel_time_incl_unfinished_s"), VALUE),
    (ARRIVED_ONLY[0], lambda r: r.kpis["mean_travel_time_s"], VALUE),
    (ARRIVED_ONLY[1], lambda r: r.kpis["mean_delay_s"], VALUE),
    ("VKT (km)", lambda r: r.kpis["vkt_km"], VALUE),
    ("VHT (h)", lambda r: r.kpis["vht_h"], VALUE),
    ("stuck vehicles pushed on (push-throughs)", lambda r: r.kpis["stuck_push_throughs"], COUNT),
    ("reroutes", lambda r: r.kpis["reroutes"], COUNT),
)


def _kpi(name, scale=1.0):
    # Files written before transit existed lack these attributes; they had no transit: zero.
    return lambda r: scale * r.kpis.get(name, 0.0)


# Shown when either run has transit. Passengers who got home come first, as trips do above.
TRANSIT_KPI_ROWS = (
    ("passengers arrived", _kpi("passengers_arrived"), COUNT),
    ("passengers stranded", _kpi("passengers_stranded"), COUNT),
    ("passengers en route at end", _kpi("passengers_en_route"), COUNT),
    ("mean journey time (s)", _kpi("mean_journey_time_s"), VALUE),
    ("mean wait (s)", _kpi("mean_wait_s"), VALUE),
    ("mean in-vehicle time (s)", _kpi("mean_in_vehicle_s"), VALUE),
    ("boardings", _kpi("boardings"), COUNT),
    ("denied boardings", _kpi("denied_boardings"), COUNT),
    ("max load factor", _kpi("max_load_factor"), VALUE),
    ("transit trips completed", _kpi("transit_trips_completed"), COUNT),
    ("transit calls reached (after first)", _kpi("transit_calls_reached"), COUNT),
    ("on time (% of calls)", _kpi("transit_on_time_share", 100.0), VALUE),
    ("mean schedule deviation (s)", _kpi("transit_mean_deviation_s"), VALUE),
    ("p95 |schedule deviation| (s)", _kpi("transit_p95_abs_deviation_s"), VALUE),
)

# Shown when both runs have /emissions (docs/EMISSIONS.md); a rise is worse.
EMISSION_KPI_ROWS = (
    ("CO2 (kg)", lambda r: r.kpis["co2_kg"], VALUE),
    ("NOx (kg)", lambda r: r.kpis["nox_kg"], VALUE),
    ("PM2.5 exhaust (kg)", lambda r: r.kpis["pm25_kg"], VALUE),
    ("fuel (kg)", lambda r: r.kpis["fuel_kg"], VALUE),
)

# Shown when either run had emergency stations (/emergency); a longer response is worse.
EMERGENCY_KPI_ROWS = (
    ("emergency dispatches", _kpi("emergency_dispatches"), COUNT),
    ("emergency vehicles arrived", _kpi("emergency_arrived"), COUNT),
    ("mean response time (s)", _kpi("emergency_mean_response_s"), VALUE),
    ("p90 response time (s)", _kpi("emergency_p90_response_s"), VALUE),
    ("delay caused by signal pre-emption (veh-s)", _kpi("emergency_delay_caused_s"), VALUE),
)

COUNT_ROWS = {label for label, _, kind in KPI_ROWS + TRANSIT_KPI_ROWS + EMERGENCY_KPI_ROWS
              if kind == COUNT}


def kpi_rows(*runs):
    """The (label, getter, kind) rows of the KPI table of `runs` (one run, or base and
    variant): transit rows when any has transit, emission rows when all have emissions."""
    rows = KPI_ROWS + (TRANSIT_KPI_ROWS if any(r.has_transit for r in runs) else ())
    rows += EMERGENCY_KPI_ROWS if any(r.has_emergency for r in runs) else ()
    return rows + (EMISSION_KPI_ROWS if all(r.has_emissions for r in runs) else ())


def kpi_table(base, variant):
    """Base, variant, absolute and relative (%) change per KPI, as a DataFrame. Transit and
    passenger KPIs are included when either run has transit, emission totals when both runs
    have them (files before layout 5 do not). When the runs differ in the
    trips they completed, the arrived-only means compare different sets of trips: their
    changes are left out (NaN), and the mean incl. unfinished trips is the one to read."""
    table = change_table([(label, get) for label, get, _ in kpi_rows(base, variant)], base,
                         variant, "kpi")
    if completion_differs(table):
        table.loc[list(ARRIVED_ONLY), ["change", "change_pct"]] = np.nan
    return table


def completion_differs(table):
    """Whether the two runs of a KPI table left different numbers of trips unfinished."""
    unfinished = table.loc["trips not completed"]
    return unfinished["base"] != unfinished["variant"]


def comparison_warnings(base, variant, kpis):
    """What a reader must see before the KPI table `kpis` of two runs: each run's own
    warnings (Results.warnings), and that their arrived-only means compare different trips
    when the runs completed different numbers of them."""
    lines = base.warnings("the base") + variant.warnings("the variant")
    if completion_differs(kpis):
        lines.append("warning: the runs completed different numbers of trips, so their "
                     "arrived-only means compare different trips (their changes are left "
                     "out); read the mean travel time incl. unfinished trips.")
    return lines


def window_kpi_table(base, variant, start_s, end_s):
    """The trip KPIs (arteria/completion.py) of the road trips departing in [start_s, end_s)
    in both runs, as kpi_table's columns; arrived-only changes left out as there."""
    a, b = base.trip_kpis(start_s, end_s), variant.trip_kpis(start_s, end_s)
    labels = {"mean travel time incl. unfinished": INCL_UNFINISHED,
              "mean travel time, arrived only": ARRIVED_ONLY[0],
              "mean delay, arrived only": ARRIVED_ONLY[1]}
    table = _changes([(labels.get(name, name), a[name], b[name]) for name in a], "kpi")
    if completion_differs(table):
        table.loc[list(ARRIVED_ONLY), ["change", "change_pct"]] = np.nan
    return table


def change_table(rows, base, variant, index_name):
    """One row per (label, getter) in `rows`: the figure in base and variant, the absolute and
    the relative (%) change; NaN where the base is 0."""
    return _changes([(label, get(base), get(variant)) for label, get in rows], index_name)


def _changes(values, index_name):
    """(label, base, variant) triples as a table with the absolute and relative change."""
    values = [(label, float(a), float(b)) for label, a, b in values]
    table = pd.DataFrame(values, columns=[index_name, "base", "variant"]).set_index(index_name)
    table["change"] = table["variant"] - table["base"]
    with np.errstate(invalid="ignore", divide="ignore"):
        table["change_pct"] = np.where(table["base"] != 0,
                                       100.0 * table["change"] / table["base"].abs(), np.nan)
    return table


def format_cell(value, column, count):
    """One figure of a table as text: a count as a whole number with thousands separators,
    a percentage (column ``change_pct``) with one decimal, another figure with two; the
    ``change`` column signed; NaN as "–"."""
    if not isinstance(value, (int, float, np.number)) or isinstance(value, bool):
        return str(value)
    if not np.isfinite(value):
        return "–"
    if column == "change_pct":
        return f"{value:+,.1f} %"
    if count:
        return f"{value:+,.0f}" if column == "change" else f"{value:,.0f}"
    return f"{value:+,.2f}" if column == "change" else f"{value:,.2f}"


def format_table(table, count_rows=(), count_columns=()):
    """A table as text: counts (rows in `count_rows`, columns in `count_columns`) as whole
    numbers with thousands separators, percentages with one decimal, other figures with two;
    NaN as "–"."""
    def cell(row, column, value):
        return format_cell(value, column, row in count_rows or column in count_columns)
    text = pd.DataFrame({c: [cell(r, c, v) for r, v in table[c].items()] for c in table.columns},
                        index=table.index)
    with pd.option_context("display.width", 160, "display.max_columns", 20,
                           "display.max_colwidth", 60):
        return text.to_string()


def same_network(base, variant):
    """Refuses (InputError) two runs of different networks: their link changes would be
    empty or meaningless. Links match by id and end nodes; a variant that adds or removes a
    few links still shares most of them."""
    def links(r):
        frame = r.links
        return set(zip(frame["id"], frame["from_id"], frame["to_id"]))
    a, b = links(base), links(variant)
    shared = len(a & b)
    if shared < 0.5 * max(len(a), len(b)):
        raise input_error(variant.path,
                          f"a run of another network than {base.path} ({shared:,} of "
                          f"{len(a):,} and {len(b):,} links in common): compare runs of one "
                          "scenario and its variants")


def link_changes(base, variant):
    """Per link present in both runs (matched by id): flow and mean speed in each, and changes;
    CO2 (kg over the run) too when both runs have emissions."""
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
    if base.has_emissions and variant.has_emissions:
        co2_a = base.link_emissions().set_index("id").loc[common, "co2_kg"]
        co2_b = variant.link_emissions().set_index("id").loc[common, "co2_kg"]
        table["co2_base_kg"], table["co2_variant_kg"] = co2_a, co2_b
        table["co2_change_kg"] = co2_b - co2_a
    table.index.name = "link"
    return table


def _largest(table, column, n):
    order = table[column].abs().sort_values(ascending=False, na_position="last").index
    return table.loc[order[:n]]


def increases(table, column, n):
    """The `n` rows with the largest increase in `column` (positive changes only)."""
    return table[table[column] > 0].sort_values(column, ascending=False, kind="stable")[:n]


def decreases(table, column, n):
    """The `n` rows with the largest decrease in `column` (negative changes only)."""
    return table[table[column] < 0].sort_values(column, ascending=True, kind="stable")[:n]


def _side_by_side(base, variant):
    """Two frames of the same columns as one: each column for base, variant and the change."""
    columns = {}
    for name in base.columns:
        columns[f"{name} base"] = base[name]
        columns[f"{name} variant"] = variant[name]
        columns[f"{name} change"] = variant[name] - base[name]
    return pd.DataFrame(columns)


def _clock(seconds):
    return "end" if seconds is None else f"{int(seconds) // 3600:02d}:{int(seconds) % 3600 // 60:02d}"


class Comparison:
    """What :func:`compare` returns.

    - ``kpis``: the KPI table (DataFrame: base, variant, change, change_pct): trips completed
      and not completed (en route at the end, never got in, stuck and removed) first, then
      the mean travel time incl. unfinished trips (counted to the end of the run) and the
      arrived-only means, whose changes are NaN when the runs completed different numbers
      of trips. With `start_s` / `end_s` the trip KPIs of the trips departing in that window;
    - ``warnings``: sentences printed before the table (a run did not clear, trips stuck);
    - ``by_hour``: per departure hour, trips, completed and travel time incl. unfinished
      (mean, median, p90) in both runs and the change; ``percentiles``: the distribution of
      travel times incl. unfinished (p10 ... p99) in both runs (None without trip tables);
    - ``links``: per-link flows and mean speeds in both runs and their changes;
    - ``flow_increases`` / ``flow_decreases``, ``speed_increases`` / ``speed_decreases``: the
      `top_n` links with the largest increase and the largest decrease, separately;
      ``co2_increases`` the `top_n` links whose CO2 rose most (None unless both runs have
      emissions);
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

    def __init__(self, base, variant, top_n, start_s=None, end_s=None, select_link=None):
        same_network(base, variant)
        self.base, self.variant = base, variant
        self.window = (start_s, end_s)
        self._trip_tables(start_s, end_s)
        self.links = link_changes(base, variant)
        self.flow_increases = increases(self.links, "flow_change", top_n)
        self.flow_decreases = decreases(self.links, "flow_change", top_n)
        self.speed_increases = increases(self.links, "speed_change_kmh", top_n)
        self.speed_decreases = decreases(self.links, "speed_change_kmh", top_n)
        self.co2_increases = (increases(self.links, "co2_change_kg", top_n)
                              if "co2_change_kg" in self.links else None)
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

    def _trip_tables(self, start_s, end_s):
        base, variant = self.base, self.variant
        windowed = start_s is not None or end_s is not None
        trips = base.has_trips and variant.has_trips
        if windowed and not trips:
            raise input_error(variant.path if base.has_trips else base.path,
                              "a time window needs the trip table (output.trips = true)")
        self.kpis = (window_kpi_table(base, variant, start_s, end_s) if windowed
                     else kpi_table(base, variant))
        self.warnings = comparison_warnings(base, variant, self.kpis)
        self.by_hour = self.percentiles = None
        if trips:
            self.by_hour = _side_by_side(base.travel_times_by_hour(start_s, end_s),
                                         variant.travel_times_by_hour(start_s, end_s))
            self.percentiles = _changes(
                [(p, a, b) for (p, a), b in zip(base.travel_time_percentiles(start_s, end_s).items(),
                                                variant.travel_time_percentiles(start_s, end_s))],
                "percentile")

    def __str__(self):
        lines = [
            f"base    {self.base.path} ({self.base.meta.get('scenario_name', '')})",
            f"variant {self.variant.path} ({self.variant.meta.get('scenario_name', '')})",
        ] + self.warnings + [""]
        start_s, end_s = self.window
        if start_s is not None or end_s is not None:
            lines.append(f"road trips departing {_clock(start_s) if start_s is not None else 'start'}"
                         f" to {_clock(end_s)}:")
        lines += [format_table(self.kpis, COUNT_ROWS | {"trips departing"})]
        lines += self._travel_time_lines() + self._link_lines() + self._transit_lines()
        lines += self._select_link_lines()
        if self.figures:
            lines += [""] + [f"wrote {p}" for p in self.figures.values()]
        return "\n".join(lines)

    def _travel_time_lines(self):
        if self.by_hour is None:
            return []
        shown = ["trips base", "trips variant", "completed base", "completed variant",
                 "mean_s base", "mean_s variant", "mean_s change", "p90_s base", "p90_s variant"]
        table = self.by_hour[shown].rename(columns=lambda c: c.replace("_s ", " "))
        counts = [c for c in table.columns if c.split(" ")[0] in ("trips", "completed")]
        return ["", "travel time incl. unfinished trips (s) by departure hour: trips departing, "
                "completed, mean and 90th percentile:",
                format_table(table, count_columns=counts), "",
                "travel time incl. unfinished trips (s), distribution:",
                format_table(self.percentiles)]

    def _link_lines(self):
        flow = ["flow_base", "flow_variant", "flow_change"]
        speed = ["speed_base_kmh", "speed_variant_kmh", "speed_change_kmh"]
        return ["", "links with the largest increase in flow (vehicles through the link):",
                format_table(self.flow_increases[flow], count_columns=flow), "",
                "links with the largest decrease in flow:",
                format_table(self.flow_decreases[flow], count_columns=flow), "",
                "links with the largest increase in mean speed (km/h):",
                format_table(self.speed_increases[speed]), "",
                "links with the largest decrease in mean speed (km/h):",
                format_table(self.speed_decreases[speed])] + self._emission_lines()

    def _emission_lines(self):
        if self.co2_increases is None:
            return []
        co2 = ["co2_base_kg", "co2_variant_kg", "co2_change_kg"]
        return ["", "links with the largest increase in CO2 over the run (kg):",
                format_table(self.co2_increases[co2])]

    def _transit_lines(self):
        if self.crowding is None:
            return []
        return ["", "transit crowding by route (load factor = on board / capacity, over the "
                "segments run):", format_table(self.crowding), "",
                "stops with the largest change in boardings:",
                format_table(self.top_stops[["name", "boardings_base", "boardings_variant",
                                             "change"]],
                             count_columns=("boardings_base", "boardings_variant", "change"))]

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
        if self.by_hour is not None:
            self.by_hour.to_csv(out / "travel_time_by_hour.csv")
            self.percentiles.to_csv(out / "travel_time_percentiles.csv")
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
        if "co2_change_kg" in change:
            self.figures["co2_change_map"] = figures.save_change_map(
                out / "co2_change_map.png", geometry, change["co2_change_kg"].to_numpy(),
                title=f"Change in CO2 emitted on each link over the run, variant - base{note}",
                label="CO2 change", unit="kg", worse="higher", **draw)
        self.figures["series"] = figures.save_series(
            out / "series.png", self._runs, title="Base and variant over time")


def compare(base, variant, out_dir=None, top_n=10, start_s=None, end_s=None, select_link=None):
    """Compares two runs (paths or :class:`Results`); writes CSV and PNG files to `out_dir`
    when given. `start_s` / `end_s` (seconds since midnight) limit the KPI and travel time
    tables to the road trips departing in that window. Runs of different networks are
    refused (InputError). Returns a :class:`Comparison`; its ``kpis`` is the KPI DataFrame. Two static
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
    comparison = Comparison(Results(base), Results(variant), top_n, start_s, end_s, select_link)
    if out_dir is not None:
        comparison.write(out_dir)
    return comparison
