"""Comparing two static assignments (``arteria compare BASE.h5 VARIANT.h5`` when both files
hold /assignment): system figures, the links whose flow changed most, and a map of the flow
change."""
import pathlib

import numpy as np
import pandas as pd

from . import figures
from .comparison import change_table
from .assignment import Assignment

SUMMARY_ROWS = (
    ("total system travel time (veh*h/h)", lambda a: a.total_travel_time_h),
    ("VKT (veh*km/h)", lambda a: a.vkt_km),
    ("objective (veh*s/h)", lambda a: a.objective),
    ("relative gap", lambda a: a.relative_gap),
    ("iterations", lambda a: a.iterations),
    ("unreachable OD pairs", lambda a: len(a.unreachable)),
    ("closed links", lambda a: int(a.links["closed"].sum())),
)


def summary_table(base, variant):
    return change_table(SUMMARY_ROWS, base, variant, "figure")


def link_changes(base, variant):
    """Per link present in both (matched by id): flow, cost and v/c in each, and changes."""
    a = base.links.set_index("id")
    b = variant.links.set_index("id")
    common = a.index.intersection(b.index, sort=False)
    a, b = a.loc[common], b.loc[common]
    # A closed link has no cost to travel it: NaN, not the free-flow figure the file holds.
    cost_base = a["cost_s"].where(~a["closed"])
    cost_variant = b["cost_s"].where(~b["closed"])
    table = pd.DataFrame({
        "from": a["from"], "to": a["to"],
        "flow_base": a["flow"], "flow_variant": b["flow"], "flow_change": b["flow"] - a["flow"],
        "cost_base_s": cost_base, "cost_variant_s": cost_variant,
        "cost_change_s": cost_variant - cost_base,
        "vc_base": a["v/c"], "vc_variant": b["v/c"], "vc_change": b["v/c"] - a["v/c"],
        "closed_variant": b["closed"]})
    table.index.name = "link"
    return table


class AssignmentComparison:
    """What :func:`compare_assignments` returns: ``summary`` (system figures), ``links`` (every
    link), ``top_flow`` (the `top_n` links with the largest |flow change|) and ``figures``."""

    def __init__(self, base, variant, top_n):
        self.base, self.variant = base, variant
        self.summary = summary_table(base, variant)
        self.links = link_changes(base, variant)
        order = self.links["flow_change"].abs().sort_values(ascending=False).index
        self.top_flow = self.links.loc[order[:top_n]]
        self.figures = {}

    def __str__(self):
        with pd.option_context("display.float_format", "{:,.4g}".format, "display.width", 140,
                               "display.max_columns", 20):
            lines = [f"base    {self.base.path} ({self.base.scenario_name}, static assignment)",
                     f"variant {self.variant.path} ({self.variant.scenario_name}, static "
                     "assignment)", "", str(self.summary), "",
                     "links with the largest change in flow (veh/h):",
                     str(self.top_flow[["from", "to", "flow_base", "flow_variant", "flow_change",
                                        "cost_change_s", "vc_base", "vc_variant"]])]
            if self.figures:
                lines += [""] + [f"wrote {p}" for p in self.figures.values()]
            return "\n".join(lines)

    def write(self, out_dir):
        """Writes the tables (CSV) and the flow-change map (PNG); returns the figure paths."""
        out = pathlib.Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.summary.to_csv(out / "assignment_summary.csv")
        self.links.to_csv(out / "assignment_link_changes.csv")
        change = self.links.reindex(self.variant.links["id"])
        closed = np.flatnonzero(self.variant.links["closed"].to_numpy())
        note = " (dashed: closed in the variant)" if len(closed) else ""
        self.figures["flow_change_map"] = figures.save_change_map(
            out / "flow_change_map.png", self.variant.network_geometry(),
            change["flow_change"].to_numpy(),
            title=f"Change in equilibrium flow, variant - base{note}",
            label="equilibrium flow change", unit="veh/h", worse="higher", closed=closed)
        self.figures["vc_map"] = figures.save_value_map(
            out / "vc_variant_map.png", self.variant.network_geometry(),
            self.variant.links["v/c"].to_numpy(), title="Variant: volume / capacity",
            label="v/c", cmap="RdYlGn_r")
        return dict(self.figures)


def compare_assignments(base, variant, out_dir=None, top_n=10):
    """Compares two assignment files (paths or :class:`Assignment`)."""
    load = lambda a: a if isinstance(a, Assignment) else Assignment.load(a)  # noqa: E731
    comparison = AssignmentComparison(load(base), load(variant), top_n)
    if out_dir is not None:
        comparison.write(out_dir)
    return comparison
