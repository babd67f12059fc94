"""Comparing a variant run with its baseline: the planner's KPI table, the links that changed
most, and figures (``arteria compare`` and :func:`compare`)."""
import pathlib

import numpy as np
import pandas as pd

from . import figures
from .results import Results

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


def kpi_table(base, variant):
    """Base, variant, absolute and relative (%) change per KPI, as a DataFrame."""
    rows = [(label, float(get(base)), float(get(variant))) for label, get in KPI_ROWS]
    table = pd.DataFrame(rows, columns=["kpi", "base", "variant"]).set_index("kpi")
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
    - ``figures``: name -> path of the PNG files written (empty without `out_dir`).
    ``str(comparison)`` is the text `arteria compare` prints.
    """

    def __init__(self, base, variant, top_n):
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
        self.figures = {}

    def __str__(self):
        with pd.option_context("display.float_format", "{:,.2f}".format, "display.width", 120,
                               "display.max_columns", 20):
            return "\n".join([
                f"base    {self.base.path} ({self.base.meta.get('scenario_name', '')})",
                f"variant {self.variant.path} ({self.variant.meta.get('scenario_name', '')})",
                "", str(self.kpis), "",
                "links with the largest change in flow (vehicles through the link):",
                str(self.top_flow[["flow_base", "flow_variant", "flow_change"]]), "",
                "links with the largest change in mean speed (km/h):",
                str(self.top_speed[["speed_base_kmh", "speed_variant_kmh", "speed_change_kmh"]]),
            ] + ([""] + [f"wrote {p}" for p in self.figures.values()] if self.figures else []))

    def write(self, out_dir):
        """Writes the tables (CSV) and figures (PNG) into `out_dir`; returns the figure paths."""
        out = pathlib.Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.kpis.to_csv(out / "kpis.csv")
        self.links.to_csv(out / "link_changes.csv")
        geometry = self.variant.network_geometry()
        change = self.links.reindex(self.variant.link_ids)
        closed = self.variant.events.query("kind == 'close_link'")["target"]
        index = pd.Index(self.variant.link_ids)
        highlight = [index.get_loc(t) for t in closed if t in index]
        lanes = self.variant.links["lanes"].to_numpy()
        self.figures["speed_change_map"] = figures.save_change_map(
            out / "speed_change_map.png", geometry, change["speed_change_kmh"].to_numpy(),
            title="Change in mean speed, variant - base (black: closed in the variant)",
            label="km/h", lanes=lanes, highlight=highlight)
        self.figures["flow_change_map"] = figures.save_change_map(
            out / "flow_change_map.png", geometry, change["flow_change"].to_numpy(),
            title="Change in flow, variant - base (black: closed in the variant)",
            label="vehicles through the link", lanes=lanes, highlight=highlight)
        self.figures["series"] = figures.save_series(
            out / "series.png", self._runs, title="Base and variant over time")
        return dict(self.figures)


def compare(base, variant, out_dir=None, top_n=10):
    """Compares two runs (paths or :class:`Results`); writes CSV and PNG files to `out_dir`
    when given. Returns a :class:`Comparison`; its ``kpis`` is the KPI DataFrame."""
    comparison = Comparison(Results(base), Results(variant), top_n)
    if out_dir is not None:
        comparison.write(out_dir)
    return comparison
