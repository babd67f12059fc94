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


def _ends_by_area(ends, nodes, areas):
    """Counts per node summed per area: (x, y) of each area's centre and its count."""
    counts = pd.Series(ends.to_numpy(), index=areas.node_area[nodes.index.get_indexer(ends.index)])
    counts = counts.groupby(level=0).sum()
    counts = counts[counts > 0]
    corners = np.array([areas.corner(a) for a in counts.index]).reshape(-1, 2)
    return corners + areas.size_m / 2, counts.to_numpy(np.float64)


def save_select_link_map(path, analysis, *, lanes=None, closed=(), context=None):
    """Two maps side by side on one colour scale (square-root, so the few busy links do not
    leave the rest pale): the base's trips over the
    selected link on every link they drove, and the same trips in the variant. The selected
    link is ringed; the base panel adds where the trips start and end, summed per area
    (areas.SquareAreas) as circles sized by count."""
    from matplotlib.colors import PowerNorm
    from matplotlib.lines import Line2D

    from . import figures
    from .areas import SquareAreas
    from .map_drawing import distance_label, draw_link_map

    base = analysis.base
    geometry = base.network_geometry()
    flows = analysis.flows
    top = max(1.0, float(np.nanmax(flows[["base", "same_trips_variant"]].to_numpy())))
    norm = PowerNorm(0.5, 0.0, top)
    selected = geometry[_link_row(base, analysis.link)]
    middle = selected[len(selected) // 2] if len(selected) > 2 else selected.mean(axis=0)
    fig, axes = figures.plt.subplots(1, 2, figsize=(15, 7))
    panels = ((axes[0], "base", f"base: the {len(analysis.trips):,} trips over {analysis.link}",
               ()),
              (axes[1], "same_trips_variant", "variant: the same trips", closed))
    for ax, column, title, closed_here in panels:
        values = flows[column].to_numpy(np.float64)
        draw_link_map(ax, geometry, np.where(values > 0, values, np.nan), norm=norm,
                      cmap="plasma_r", lanes=lanes, closed=closed_here, context=context,
                      label="vehicles of these trips on the link (square-root scale)",
                      missing_label="none of these trips")
        ax.scatter([middle[0]], [middle[1]], s=400, facecolors="none", edgecolors="#00a0a0",
                   linewidths=2.5, zorder=9)
        ax.set_title(title)
    areas = SquareAreas(base.nodes)
    nodes = base.nodes.set_index("id")
    ends = ((analysis.origins["base"], "#1a9850", "start"),
            (analysis.destinations["base"], "#762a83", "end"))
    largest = max(float(_ends_by_area(e, nodes, areas)[1].max(initial=1.0)) for e, _, _ in ends)
    handles = []
    square = distance_label(areas.size_m)
    for counts, colour, word in ends:
        centres, count = _ends_by_area(counts, nodes, areas)
        axes[0].scatter(centres[:, 0], centres[:, 1], s=900 * count / largest,
                        facecolors="none", edgecolors=colour, linewidths=1.8, zorder=8)
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                              markeredgecolor=colour, markersize=9,
                              label=f"where they {word}, per {square} square"))
    axes[0].add_artist(axes[0].get_legend())
    axes[0].legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.9)
    axes[0].set_xlabel(f"ringed: {analysis.link}; circle area ~ trips (largest "
                       f"{largest:,.0f})", fontsize=8)
    axes[1].set_xlabel(analysis.summary, fontsize=8)
    fig.suptitle(f"Select link {analysis.link}: where its traffic comes from and goes")
    return figures._save(fig, path)
