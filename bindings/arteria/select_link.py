"""Select-link analysis: the trips that drove over one link, where they came from and went to,
and what they drove on every other link, in a base run and a variant.

It reads the links each trip drove (/trips/route_links, written with ``output.routes = true``;
docs/OUTPUT.md): the routes as driven, re-routes included, not re-derived. In the variant it
follows the same trips (matched by trip id), so a closed link's traffic can be traced to where
it went, and counts the variant's own users of the link beside them.
"""
import h5py
import numpy as np
import pandas as pd

from .results import input_error


def driven_routes(results):
    """(first, links): CSR offsets per trip row and the link rows each trip drove. Raises an
    InputError naming the file when the run was written without them."""
    with h5py.File(results.path, "r") as f:
        if "trips/route_links" not in f:
            raise input_error(results.path, "the run holds no driven routes: select-link needs "
                              "them; run it again with output.routes = true "
                              "(--set output.routes=true)")
        return f["trips/route_first_link"][:].astype(np.int64), f["trips/route_links"][:]


def trips_over(results, link_index):
    """Row numbers of the trips that drove over link row `link_index`."""
    first, links = driven_routes(results)
    rows = np.repeat(np.arange(len(first) - 1), np.diff(first))
    return np.unique(rows[links == link_index])


def link_flows_of(results, trip_rows):
    """Per link row: how many of the trips `trip_rows` drove over it (a trip driving a link twice
    counts twice, as a counter on the street would)."""
    first, links = driven_routes(results)
    take = np.zeros(len(first) - 1, dtype=bool)
    take[np.asarray(trip_rows, dtype=np.int64)] = True
    used = np.repeat(take, np.diff(first))
    return np.bincount(links[used], minlength=len(results.links)).astype(np.float64)


def _link_row(results, link):
    rows = np.flatnonzero(results.link_ids == link)
    if not rows.size:
        raise input_error(results.path, f"no link '{link}' in the network", "select-link")
    return int(rows[0])


class SelectLink:
    """Select-link analysis of `link` (an external link id) in a base run and a variant.

    - ``trips``: the base's trips over the link (id, origin_id, destination_id, travel times in
      both runs, and whether the trip still drives over the link in the variant);
    - ``origins`` / ``destinations``: per node, those trips in the base and, for the variant,
      the variant's own users of the link;
    - ``flows``: per link, the base trips' flows in the base, the same trips' flows in the
      variant, and the flows of the variant's users of the link;
    - ``summary``: counts in words for the text report.
    """

    def __init__(self, base, variant, link):
        self.link = link
        self.base, self.variant = base, variant
        base_row, variant_row = _link_row(base, link), _link_row(variant, link)
        base_trips = trips_over(base, base_row)
        variant_trips = trips_over(variant, variant_row)
        base_table, variant_table = base.trips, variant.trips
        chosen = base_table.iloc[base_trips]
        # The same trips in the variant, by id (a variant may add or drop trips).
        variant_rows = pd.Series(np.arange(len(variant_table)), index=variant_table["id"])
        matched = variant_rows.reindex(chosen["id"]).to_numpy(np.float64)
        found = ~np.isnan(matched)
        same = matched[found].astype(np.int64)
        travel_variant = np.full(len(chosen), np.nan)
        travel_variant[found] = variant_table["travel_time_s"].to_numpy()[same]
        still_over = np.zeros(len(chosen), dtype=bool)
        still_over[found] = np.isin(same, variant_trips)
        self.trips = pd.DataFrame({
            "id": chosen["id"].to_numpy(), "origin_id": chosen["origin_id"].to_numpy(),
            "destination_id": chosen["destination_id"].to_numpy(),
            "travel_time_base_s": chosen["travel_time_s"].to_numpy(),
            "travel_time_variant_s": travel_variant, "over_link_in_variant": still_over})
        ids = base.link_ids
        flows = pd.DataFrame({
            "base": link_flows_of(base, base_trips)},
            index=pd.Index(ids, name="link"))
        flows["same_trips_variant"] = pd.Series(link_flows_of(variant, same),
                                                index=variant.link_ids).reindex(ids).to_numpy()
        flows["variant"] = pd.Series(link_flows_of(variant, variant_trips),
                                     index=variant.link_ids).reindex(ids).to_numpy()
        self.flows = flows
        self.origins = self._ends("origin_id", chosen, variant_table.iloc[variant_trips])
        self.destinations = self._ends("destination_id", chosen,
                                       variant_table.iloc[variant_trips])
        self.summary = (f"select link {link}: {len(base_trips):,} trips over it in the base, "
                        f"{len(variant_trips):,} in the variant; of the base's, "
                        f"{int(self.trips['over_link_in_variant'].sum()):,} still use it")

    @staticmethod
    def _ends(column, base_trips, variant_trips):
        table = pd.DataFrame({"base": base_trips[column].value_counts(),
                              "variant": variant_trips[column].value_counts()}).fillna(0)
        table.index.name = column[:-3]
        return table.astype(np.int64).sort_values(["base", "variant"], ascending=False)


def save_select_link_map(path, analysis, *, lanes=None, closed=(), context=None):
    """Two maps side by side on one colour scale: the base's trips over the selected link on
    every link they drove, and the same trips in the variant; the selected link ringed, the
    trips' origins as dots sized by count."""
    from . import figures
    from .map_drawing import draw_link_map
    from matplotlib.colors import Normalize

    base = analysis.base
    geometry = base.network_geometry()
    flows = analysis.flows
    top = max(1.0, float(np.nanmax(flows[["base", "same_trips_variant"]].to_numpy())))
    norm = Normalize(0.0, top)
    selected = geometry[_link_row(base, analysis.link)]
    nodes = base.nodes.set_index("id")
    fig, axes = figures.plt.subplots(1, 2, figsize=(15, 7))
    panels = (("base", f"base: the {len(analysis.trips):,} trips over {analysis.link}", ()),
              ("same_trips_variant", "variant: the same trips", closed))
    for ax, (column, title, closed_here) in zip(axes, panels):
        values = flows[column].to_numpy(np.float64)
        draw_link_map(ax, geometry, np.where(values > 0, values, np.nan), norm=norm,
                      cmap="plasma_r", lanes=lanes, closed=closed_here, context=context,
                      label="vehicles of these trips on the link",
                      missing_label="none of these trips")
        middle = selected[len(selected) // 2] if len(selected) > 2 else selected.mean(axis=0)
        ax.scatter([middle[0]], [middle[1]], s=400, facecolors="none", edgecolors="#00a0a0",
                   linewidths=2.5, zorder=9)
        origins = analysis.origins["base"]
        origins = origins[origins > 0]
        at = nodes.loc[origins.index, ["x_m", "y_m"]].to_numpy()
        ax.scatter(at[:, 0], at[:, 1], s=6 + 60 * np.sqrt(origins.to_numpy() / origins.max()),
                   c="#2ca02c", alpha=0.6, linewidths=0, zorder=8)
        ax.set_title(title)
    axes[0].set_xlabel(f"ringed: {analysis.link}; green dots: the trips' origins, sized by "
                       "count", fontsize=8)
    axes[1].set_xlabel(analysis.summary, fontsize=8)
    fig.suptitle(f"Select link {analysis.link}: where its traffic comes from and goes")
    return figures._save(fig, path)
