"""Dynamic traffic assignment from Python: :func:`assign_dynamic` runs it for a scenario (as
``arteria assign --dynamic`` does) and :class:`DynamicAssignment` holds the result.

    result = arteria.assign_dynamic("scenarios/default_city.toml", threads=2)
    result.iterations       # iteration, relative_gap, mean_travel_time_s, switched_share, ...
    result.routes           # route, trips (on it at the end), links (link ids)
    result.trip_routes      # trip (id), route (-1: the trip does not choose)
    result.save("dta.h5")   # the file `arteria assign --dynamic` writes
"""
import numpy as np
import pandas as pd

from . import _arteria
from .gap_plot import draw_gap_curve

_NO_ROUTE = np.iinfo(np.uint32).max


class DynamicAssignment:
    """A dynamic assignment. Attributes: ``iterations``, ``routes`` and ``trip_routes``
    (DataFrames), ``relative_gap`` (of the last iteration), ``converged``, ``switching``;
    methods :meth:`save`, :meth:`plot_gap`."""

    def __init__(self, handle):
        self._handle = handle
        table = pd.DataFrame(handle.iterations)
        table.insert(0, "iteration", np.arange(1, len(table) + 1))
        self.iterations = table
        self.relative_gap = float(table["relative_gap"].iloc[-1])
        self.converged = handle.converged
        self.switching = handle.switching
        first = np.asarray(handle.route_first_link, dtype=np.int64)
        links = np.asarray(handle.link_ids, dtype=object)[np.asarray(handle.route_links,
                                                                     dtype=np.int64)]
        self.routes = pd.DataFrame({
            "route": np.arange(len(first) - 1),
            "trips": np.asarray(handle.route_trips, dtype=np.int64),
            "links": [list(links[first[r]:first[r + 1]]) for r in range(len(first) - 1)]})
        route = np.asarray(handle.trip_route, dtype=np.int64)
        self.trip_routes = pd.DataFrame({"trip": handle.trip_ids,
                                         "route": np.where(route == _NO_ROUTE, -1, route)})

    def save(self, path):
        """Writes the assignment file ``arteria assign --dynamic`` writes."""
        self._handle.save(str(path))

    def plot_gap(self, ax=None):
        """The relative gap per iteration on a log scale (matplotlib); returns the axes."""
        if ax is None:
            import matplotlib.pyplot as plt
            ax = plt.subplots(figsize=(6, 4))[1]
        return draw_gap_curve(ax, self.iterations, f"dynamic assignment ({self.switching})")


def assign_dynamic(scenario, max_iterations=None, target_gap=None, switching=None, threads=None):
    """Runs a dynamic assignment of `scenario` (an :class:`arteria.Scenario` or a scenario file
    path) on the simulation, as ``arteria assign --dynamic`` does. Arguments left None come from
    the scenario's ``[assignment]`` table (defaults 20 iterations, target gap 0.01, ``"msa"``;
    `threads`: the scenario's). The warm start from a static equilibrium happens when the
    scenario is built (an OD-matrix demand in a file with ``kind = "dynamic"``). Bad arguments
    raise ValueError."""
    if not isinstance(scenario, _arteria.Scenario):
        scenario = _arteria.Scenario.load(str(scenario))
    return DynamicAssignment(_arteria.assign_dynamic(scenario, max_iterations, target_gap,
                                                     switching, threads))
