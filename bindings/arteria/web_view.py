"""A run as one self-contained web page (``arteria view`` and :func:`view`): the road network
drawn from its link geometry and coloured per time bin by speed, flow or change against a
base run, a time slider, the KPI table and each link's series on click.

Everything the page needs is inlined: the canvas code and style of ``web/`` (no library, no
network access) and the run's data. Numbers travel as typed arrays, deflated and base64 coded
inside one JSON block (the browser inflates them with its own DecompressionStream): per bin
and link one byte of speed and two of flow, so a city of 100 k links stays a page of a few
megabytes. Speeds are quantised to 1/SPEED_CODES_PER_FREE_SPEED of the link's free speed,
coordinates to 1/65,535 of the network's extent (and sent as differences from the point
before); flows are exact counts.
"""
import base64
import json
import os
import pathlib
import re
import zlib

import numpy as np

from . import comparison, figures, map_drawing, map_layers, plot
from .results import Results, input_error

WEB_FOLDER = pathlib.Path(__file__).resolve().parent / "web"
# The page's code, inlined in this order into one function scope (view.js says why).
JS_FILES = ("view.js", "map.js", "panels.js")
# Speed codes: share of free speed x 200 (0.5 % steps) up to 254 (1.27 x free speed, reached
# only where an event raised a link's speed); SPEED_NONE where no vehicle left the link.
SPEED_CODES_PER_FREE_SPEED = 200
SPEED_NONE = 255
# Flows are vehicles per bin up to 65,534; FLOW_NONE where the run has no such link or bin (a
# base without a link the variant added, or that stopped earlier): no flow, not zero flow.
FLOW_NONE = 65535
COORDINATE_STEPS = 65535
# Colours per palette: the map strokes one path per colour and width, so fewer is faster.
PALETTE_SIZE = 32
ID_SEPARATOR = "\x1f"  # between link ids in their packed list: no id holds it


def view(run, out_dir, compare=None):
    """Writes ``<run stem>-view.html`` into `out_dir`: the page of run `run` (a path or
    :class:`Results`), coloured by change against `compare` (a base run) when given. Runs of
    different networks or bin lengths are refused (InputError) before anything is written;
    the page is written to a temporary name and renamed, so it is never half there. Returns
    the page's path."""
    variant = Results(run)
    base = Results(compare) if compare is not None else None
    if base is not None:
        comparison.same_network(base, variant)
        if base.bin_s != variant.bin_s:
            raise input_error(variant.path, f"bins of {variant.bin_s:g} s, but the base "
                              f"{base.path} has bins of {base.bin_s:g} s: compare runs of one "
                              "scenario and its variants", field="/links@bin_s")
    page = render(page_data(variant, base))
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{variant.path.stem}-view.html"
    partial = path.with_name(path.name + ".tmp")
    try:
        partial.write_text(page, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def render(data):
    """The page: web/template.html with the style, the data (JSON) and the code (JS_FILES)
    inlined."""
    template = (WEB_FOLDER / "template.html").read_text(encoding="utf-8")
    # No "<" inside the JSON block (escaped as \u003c), so no id or name can end it early;
    # no NaN either, which JSON.parse would refuse.
    text = json.dumps(data, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")
    parts = {"CSS": (WEB_FOLDER / "view.css").read_text(encoding="utf-8"), "DATA": text,
             "JS": "\n".join((WEB_FOLDER / name).read_text(encoding="utf-8")
                             for name in JS_FILES)}
    # One pass, so a marker inside the data (a scenario named so) is left as it is.
    return re.sub(r"/\*ARTERIA_(CSS|DATA|JS)\*/", lambda m: parts[m.group(1)], template)


def page_data(variant, base=None):
    """Everything the page shows, as a JSON-ready dict (see web/view.js for its reading)."""
    runs = [variant] if base is None else [base, variant]
    has_road = any(map_layers.has_road_traffic(r) for r in runs)
    # Road maps leave out transit guideways; a transit-only run shows its guideways, uncoloured.
    drawn = map_layers.road_links(variant) if has_road else np.arange(len(variant.link_ids))
    time_s = np.unique(np.concatenate([r.time_s for r in runs]))
    data = {
        "title": variant.meta.get("scenario_name", variant.path.stem),
        "run": variant.path.name,
        "base": base.path.name if base is not None else None,
        "has_road": bool(has_road),
        "guideways_left_out": int(len(variant.link_ids) - len(drawn)),
        "bin_s": variant.bin_s,
        "bin_labels": [figures.clock(t) for t in time_s],
        "end_label": figures.clock(time_s[-1] + variant.bin_s) if len(time_s) else "",
        "network": _network(variant, drawn),
        # Closed at the last instant of each bin: a closure at a bin's end starts the next.
        "closed": [_positions(drawn, map_layers.closed_links(
            variant, at_s=np.nextafter(t + variant.bin_s, -np.inf))) for t in time_s],
        "kpis": _kpis(variant, base),
        "palettes": _palettes(),
        "missing_colour": map_drawing.MISSING_COLOUR,
    }
    data["context"] = _context(variant, data["network"])
    data["start_bin"] = 0
    if has_road and len(time_s):
        first, _ = plot.peak_window(variant, drawn, window_s=variant.bin_s)
        data["start_bin"] = int(np.searchsorted(time_s, variant.time_s[first]))
        ids = variant.link_ids[drawn]
        free_mps = variant.links["free_speed_mps"].to_numpy(np.float64)[drawn]
        series = {"variant": _series(variant, ids, free_mps, time_s)}
        if base is not None:
            series["base"] = _series(base, ids, free_mps, time_s)
            data["change_limits"] = _change_limits(series, free_mps * 3.6, variant.bin_s)
        data["series"] = {run: {"speed": _packed(speed, "uint8"), "flow": _packed(flow, "uint16")}
                          for run, (speed, flow) in series.items()}
    return data


def _packed(array, dtype):
    """A numpy array as {dtype, data}: little-endian bytes, deflated (zlib), base64."""
    raw = np.ascontiguousarray(np.asarray(array).astype(np.dtype(dtype).newbyteorder("<")))
    return {"dtype": np.dtype(dtype).name, "length": int(raw.size),
            "data": base64.b64encode(zlib.compress(raw.tobytes(), 6)).decode("ascii")}


def _deltas(quantised):
    """Each coordinate less the one before it, modulo 2^16 (the page sums them back in a
    Uint16Array, which wraps the same way): neighbouring points are close, so the deltas are
    small numbers that deflate about a quarter better than the coordinates."""
    return np.diff(quantised.astype(np.int64), prepend=0).astype(np.uint16)


def _positions(drawn, links):
    """Positions in `drawn` of the link rows `links` (those drawn)."""
    return [int(p) for p in np.flatnonzero(np.isin(drawn, links))]


def _network(results, drawn):
    """The drawn links: ids, geometry quantised over the network's extent, which links are
    one direction of a two-way street (drawn beside the other), lanes and the figures the
    link panel shows."""
    geometry = results.network_geometry()
    polylines = [geometry[i] for i in drawn]
    points = np.vstack(polylines) if polylines else np.zeros((0, 2))
    low = points.min(axis=0) if len(points) else np.zeros(2)
    extent = float(np.ptp(points, axis=0).max()) if len(points) else 0.0
    step_m = max(extent, 1.0) / COORDINATE_STEPS
    quantised = np.rint((points - low) / step_m) if len(points) else points
    offsets = np.concatenate([[0], np.cumsum([len(p) for p in polylines])])
    links = results.links.iloc[drawn]
    ids = ID_SEPARATOR.join(str(i) for i in links["id"])
    return {
        "count": int(len(drawn)),
        "ids": base64.b64encode(zlib.compress(ids.encode("utf-8"), 6)).decode("ascii"),
        "origin_m": [float(low[0]), float(low[1])],
        "step_m": step_m,
        "x": _packed(_deltas(quantised[:, 0]), "uint16"),
        "y": _packed(_deltas(quantised[:, 1]), "uint16"),
        "offsets": _packed(offsets, "uint32"),
        "two_way": _packed(map_drawing.two_way_links(polylines), "uint8"),
        "width_px": _packed(map_drawing.link_widths(links["lanes"].to_numpy(), len(drawn))
                            * 96.0 / 72.0, "float32"),
        "lanes": _packed(links["lanes"].to_numpy(), "float32"),
        "length_m": _packed(links["length_m"].to_numpy(), "float32"),
        "free_speed_kmh": _packed(links["free_speed_mps"].to_numpy() * 3.6, "float32"),
        "capacity_vph": _packed(links["capacity_vph"].to_numpy(), "float32"),
    }


def _context(results, network):
    """The network's map context (map_layers.map_context: water and parks, rivers, coastline
    and railways; NaN points between the rings of a multipolygon) in the links' quantised frame (float32: it may reach beyond their extent) with
    the PNG maps' styles, or None when the file has none."""
    context = map_layers.map_context(results)
    if context is None:
        return None
    # Street features carry only names, which the page does not write.
    drawn = [f for f, kind in enumerate(context["kind"]) if kind != "street"]
    context = {key: [values[f] for f in drawn] for key, values in context.items()}
    points = [np.asarray(p, np.float64) for p in context["points"]]
    frame = (np.vstack(points) - network["origin_m"]) / network["step_m"] if points else \
        np.zeros((0, 2))
    styles = {}
    for kind, style in map_drawing.CONTEXT_STYLE.items():
        styles[kind] = {"fill": style.get("facecolor", "none"),
                        "stroke": style.get("edgecolor", style.get("color", "none")),
                        "width_px": style.get("linewidth", 1.0) * 96.0 / 72.0,
                        "dashed": "linestyle" in style}
    labels = sorted({map_drawing.CONTEXT_LABEL[k] for k in context["kind"]
                     if k in map_drawing.CONTEXT_LABEL})
    return {"kind": context["kind"], "styles": styles, "labels": labels,
            "offsets": _packed(np.concatenate([[0], np.cumsum([len(p) for p in points])]),
                               "uint32"),
            "x": _packed(frame[:, 0], "float32"), "y": _packed(frame[:, 1], "float32")}


def _series(results, link_ids, free_mps, time_s):
    """Per bin of `time_s` and link of `link_ids` ([bin, link] arrays): speed codes (shares
    of the drawn links' free speeds `free_mps`, so a base run's speeds read on the page's
    scale) and vehicles leaving the link (the flow) in `results`; bins or links the run does
    not have get SPEED_NONE and FLOW_NONE."""
    rows = np.searchsorted(time_s, results.time_s)
    index = {link: i for i, link in enumerate(results.link_ids)}
    column = np.array([index.get(link, -1) for link in link_ids], dtype=np.int64)
    present = column >= 0
    speed = np.full((len(time_s), len(link_ids)), SPEED_NONE, dtype=np.uint8)
    flow = np.full((len(time_s), len(link_ids)), FLOW_NONE, dtype=np.uint16)
    free = free_mps[present]
    mean_speed = results.link_array("mean_speed_mps")[:, column[present]].astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(free > 0, mean_speed / free, np.nan)
    codes = np.clip(np.rint(share * SPEED_CODES_PER_FREE_SPEED), 0, SPEED_NONE - 1)
    speed[np.ix_(rows, np.flatnonzero(present))] = np.where(np.isfinite(share), codes,
                                                            SPEED_NONE)
    outflow = results.link_array("outflow")[:, column[present]]
    flow[np.ix_(rows, np.flatnonzero(present))] = np.clip(np.rint(outflow), 0, FLOW_NONE - 1)
    return speed, flow


def _change_limits(series, free_kmh, bin_s):
    """Half-widths of the change maps' colour scales over every bin (figures.change_limit,
    as the PNG change maps), from the quantised values the page draws: speed in km/h, flow
    in vehicles per hour."""
    speeds, flows = [], []
    for run in ("base", "variant"):
        codes, flow = (a.astype(np.float64) for a in series[run])
        speeds.append(np.where(codes == SPEED_NONE, np.nan,
                               codes / SPEED_CODES_PER_FREE_SPEED * free_kmh))
        flows.append(np.where(flow == FLOW_NONE, np.nan, flow * 3600.0 / bin_s))
    return {"speed_kmh": figures.change_limit(speeds[1] - speeds[0]),
            "flow_vph": figures.change_limit(flows[1] - flows[0])}


def _kpis(variant, base):
    """The KPI table as text cells (comparison.format_cell, as `arteria compare` prints):
    one column for a run, base, variant and changes when comparing; warnings go above it."""
    if base is None:
        rows = [[label, comparison.format_cell(get(variant), "value", kind == comparison.COUNT)]
                for label, get, kind in comparison.kpi_rows(variant)]
        return {"columns": ["kpi", variant.path.name], "rows": rows,
                "warnings": variant.warnings()}
    table = comparison.kpi_table(base, variant)
    columns = ["base", "variant", "change", "change_pct"]
    rows = [[label] + [comparison.format_cell(table.loc[label, c], c,
                                              label in comparison.COUNT_ROWS) for c in columns]
            for label in table.index]
    return {"columns": ["kpi", "base", "variant", "change", "change (%)"],
            "rows": rows, "warnings": comparison.comparison_warnings(base, variant, table)}


def _palettes():
    """The PNG maps' palettes as PALETTE_SIZE colours each, low end first: speed share
    (RdYlGn: red slow), v/c (RdYlGn_r: red busy) and change (figures.CHANGE_CMAP: red
    worse when lower; the page reverses it for flow, where higher is worse)."""
    import matplotlib
    from matplotlib.colors import to_hex

    def colours(cmap):
        return [to_hex(cmap(i / (PALETTE_SIZE - 1))) for i in range(PALETTE_SIZE)]
    return {"speed": colours(matplotlib.colormaps["RdYlGn"]),
            "flow": colours(matplotlib.colormaps["RdYlGn_r"]),
            "change": colours(figures.CHANGE_CMAP)}
