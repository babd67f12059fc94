"""Static user equilibrium from Python: :func:`assign` solves it for a scenario's demand (as
``arteria assign`` does) and :class:`Assignment` holds the result, whether just solved or read
from an ``/assignment`` HDF5 file (:meth:`Assignment.load`).

    result = arteria.assign("scenarios/siouxfalls/scenario.toml", gap=1e-8)
    result.links                 # id, from, to, flow, cost_s, capacity_vph, v/c
    result.gap_curve             # iteration, relative_gap, objective, elapsed_s
    result.save("base.h5")       # the file `arteria assign` writes
    scenario.use_routes(result)  # then arteria.run(scenario) starts trips on these routes
"""
import pathlib
import shutil

import h5py
import numpy as np
import pandas as pd

from . import _arteria
from .gap_plot import draw_gap_curve
from .results import _python_scalar, _strings, input_error


class Assignment:
    """A solved static assignment. Attributes: ``link_flow`` (veh/h) and ``link_cost_s``
    (numpy, per link in network order), ``links`` and ``gap_curve`` (DataFrames),
    ``objective`` (Beckmann, veh*s/h), ``relative_gap``, ``iterations``, ``stop_reason``,
    ``algorithm``, ``unreachable`` ((origin, destination) node ids left unassigned); methods
    :meth:`od_paths`, :meth:`save`, :meth:`plot_gap`."""

    def __init__(self, columns, summary, handle=None, path=None, geometry=None):
        self._handle, self.path, self._geometry = handle, path, geometry
        self.scenario_name = summary["scenario"]
        self.algorithm = summary["algorithm"]
        self.objective = float(summary["objective"])
        self.relative_gap = float(summary["relative_gap"])
        self.iterations = int(summary["iterations"])
        self.stop_reason = summary["stop_reason"]
        self.unreachable = list(summary["unreachable"])
        self.link_flow = np.asarray(columns["flow"], dtype=np.float64)
        self.link_cost_s = np.asarray(columns["cost_s"], dtype=np.float64)
        capacity = np.asarray(columns["capacity_vph"], dtype=np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(capacity > 0, self.link_flow / capacity, np.nan)
        self.links = pd.DataFrame({
            "id": columns["id"], "from": columns["from"], "to": columns["to"],
            "flow": self.link_flow, "cost_s": self.link_cost_s, "capacity_vph": capacity,
            "v/c": ratio, "length_m": columns["length_m"],
            "closed": np.asarray(columns["closed"]).astype(bool)})
        self.links.index.name = "link"
        self.gap_curve = pd.DataFrame(summary["history"],
                                      columns=["iteration", "relative_gap", "objective",
                                               "elapsed_s"])
        self._routes = summary.get("routes")

    def __repr__(self):
        return (f"<arteria.Assignment '{self.scenario_name}': {len(self.links)} links, "
                f"{self.stop_reason} after {self.iterations} iterations, "
                f"relative gap {self.relative_gap:.3g}>")

    @property
    def total_travel_time_h(self):
        """Total system travel time, sum of flow x cost over links (veh*h per hour)."""
        return float((self.link_flow * self.link_cost_s).sum() / 3600.0)

    @property
    def vkt_km(self):
        """Vehicle kilometres travelled per hour, sum of flow x length."""
        return float((self.link_flow * self.links["length_m"].to_numpy()).sum() / 1000.0)

    def od_paths(self, origin, destination):
        """The routes of an OD pair (node ids) with their flows, as a DataFrame with columns
        ``links`` (list of link ids) and ``flow`` (veh/h); empty when the pair has none."""
        if self._handle is not None:
            routes = self._handle.od_paths(str(origin), str(destination))
        else:
            routes = self._routes(str(origin), str(destination))
        return pd.DataFrame(routes, columns=["links", "flow"])

    def save(self, path):
        """Writes the HDF5 file `arteria assign` writes (a loaded file is copied)."""
        if self._handle is not None:
            self._handle.save(str(path))
        elif pathlib.Path(path).resolve() != self.path.resolve():
            shutil.copyfile(self.path, path)
        return pathlib.Path(path)

    def network_geometry(self):
        """Each link's polyline as an (n, 2) array of x, y in metres, in link order."""
        return self._geometry()

    def plot_gap(self, ax=None):
        """The relative gap per iteration on a log scale (matplotlib); returns the axes."""
        if ax is None:
            import matplotlib.pyplot as plt
            ax = plt.subplots(figsize=(6, 4))[1]
        return draw_gap_curve(ax, self.gap_curve, f"{self.scenario_name}: {self.algorithm}")

    @classmethod
    def load(cls, path):
        """Reads an assignment file written by ``arteria assign`` or :meth:`save`."""
        path = pathlib.Path(path)
        if not path.is_file():
            raise input_error(path, "no such assignment file")
        _arteria.check_file_seal(str(path), [_arteria.ASSIGNMENT_FILE_MAGIC], "assignment file")
        try:
            with h5py.File(path, "r") as f:
                if "assignment" not in f or f["assignment"].attrs.get("format") != \
                        "arteria.assignment":
                    raise input_error(path, "not an Arteria assignment file "
                                            "(no /assignment@format)")
                if f["assignment"].attrs.get("kind") == "dynamic":
                    raise input_error(path, "a dynamic assignment (arteria assign --dynamic): "
                                            "arteria.plot.assignment_iterations reads its "
                                            "iterations, h5py the rest (docs/OUTPUT.md)")
                return cls(*_read_file(f), path=path, geometry=lambda: _file_geometry(path))
        except OSError as error:
            raise input_error(path, f"cannot read it as HDF5 ({error})") from None


def is_assignment_file(path):
    """Whether `path` starts as an assignment file (``arteria assign``) does; its seal is
    checked when it is loaded."""
    try:
        with open(path, "rb") as f:
            return f.readline().rstrip(b"\n") == _arteria.ASSIGNMENT_FILE_MAGIC.encode()
    except OSError:
        return False


def _read_file(f):
    group = f["assignment"]
    attrs = {k: _python_scalar(v) for k, v in group.attrs.items()}
    nodes = _strings(f["network/nodes/id"])
    links = f["network/links"]
    columns = {"id": _strings(links["id"]), "from": nodes[links["from"][:]],
               "to": nodes[links["to"][:]], "length_m": links["length_m"][:],
               "flow": group["links/flow"][:], "cost_s": group["links/cost_s"][:],
               "capacity_vph": group["links/capacity"][:],
               "closed": (group["links/closed"][:] if "closed" in group["links"]
                          else np.zeros(len(links["id"]), np.uint8))}
    gap = group["iterations/relative_gap"][:]
    history = {"iteration": np.arange(len(gap)), "relative_gap": gap,
               "objective": group["iterations/objective"][:],
               "elapsed_s": group["perf/elapsed_s"][:] if "perf" in group else np.nan}
    od = {name: group["od"][name][:] for name in ("origin", "destination", "reachable",
                                                  "first_route")}
    routes = {name: group["routes"][name][:] for name in ("flow", "first_link", "links")}
    link_ids = columns["id"]

    def od_routes(origin, destination):
        at = np.flatnonzero((nodes[od["origin"]] == origin) & (nodes[od["destination"]] ==
                                                               destination))
        found = []
        for i in at:
            for r in range(od["first_route"][i], od["first_route"][i + 1]):
                chosen = routes["links"][routes["first_link"][r]:routes["first_link"][r + 1]]
                found.append((list(link_ids[chosen]), float(routes["flow"][r])))
        return found

    summary = {
        "scenario": attrs.get("scenario", ""), "algorithm": attrs.get("algorithm", ""),
        "objective": attrs["objective"], "relative_gap": attrs["relative_gap"],
        "iterations": attrs["iterations"], "stop_reason": attrs["stop_reason"],
        "unreachable": [(nodes[o], nodes[d]) for o, d, ok in
                        zip(od["origin"], od["destination"], od["reachable"]) if not ok],
        "history": history, "routes": od_routes}
    return columns, summary


def _file_geometry(path):
    with h5py.File(path, "r") as f:
        links = f["network/links"]
        offsets = links["geometry_offsets"][:]
        points = np.column_stack([links["geometry_x_m"][:], links["geometry_y_m"][:]])
    return [points[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]


def _from_handle(handle):
    net = handle.network
    node_ids = np.asarray(net.node_ids, dtype=object)
    columns = {"id": np.asarray(net.link_ids, dtype=object),
               "from": node_ids[np.asarray(net.link_from)],
               "to": node_ids[np.asarray(net.link_to)],
               "length_m": np.asarray(net.link_length_m, dtype=np.float64),
               "flow": handle.link_flow, "cost_s": handle.link_cost_s,
               "capacity_vph": handle.link_capacity, "closed": handle.link_closed}
    summary = {"scenario": handle.scenario_name, "algorithm": handle.algorithm,
               "objective": handle.objective, "relative_gap": handle.relative_gap,
               "iterations": handle.iterations, "stop_reason": handle.stop_reason,
               "unreachable": handle.unreachable, "history": handle.history}

    def geometry():
        offsets = np.asarray(net.link_geometry_offsets)
        points = np.column_stack([net.link_geometry_x_m, net.link_geometry_y_m])
        return [points[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]
    return Assignment(columns, summary, handle=handle, geometry=geometry)


def assign(scenario, algorithm="algorithm_b", gap=1e-6, max_iterations=1000, time_limit_s=None,
           threads=None, allow_unreachable=None):
    """Solves the static user equilibrium of `scenario`'s demand (an :class:`arteria.Scenario`
    or a scenario file path) as ``arteria assign`` does: the network as its events leave it at
    the start of the demand period, its ``[assignment]`` table's demand period and BPR
    parameters. `threads` None: the scenario's; `allow_unreachable` None: the table's. Bad
    input raises :class:`arteria.InputError` (unreachable pairs are named) or ValueError."""
    if not isinstance(scenario, _arteria.Scenario):
        scenario = _arteria.Scenario.load(str(scenario))
    handle = _arteria.assign(scenario, algorithm, gap, max_iterations, time_limit_s, threads,
                             allow_unreachable)
    return _from_handle(handle)


def use_routes(scenario, assignment):
    """Gives `scenario`'s road trips routes of `assignment` (drawn per trip in proportion to
    route flow, keyed by the scenario's seed); returns how many trips got one."""
    if assignment._handle is None:
        raise ValueError("use_routes needs an assignment solved in this process "
                         "(arteria.assign), not one read from a file")
    return _arteria.use_routes(scenario, assignment._handle)
