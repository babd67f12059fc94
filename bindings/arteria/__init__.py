"""Arteria: parallel, deterministic traffic simulation, scripted from Python.

    import arteria
    scenario = arteria.Scenario.default()
    sim = arteria.Simulation(scenario, threads=2)
    sim.run_until(8 * 3600)
    sim.links.queue          # numpy view, updated by every step

    results = arteria.run(scenario, "base.h5")      # a run to file, as `arteria run`
    results.trips, results.link_series("inflow")    # pandas
    equilibrium = arteria.assign(scenario)          # static user equilibrium, as `arteria assign`
    scenario.use_routes(equilibrium)                # later runs start on its routes
    dynamic = arteria.assign_dynamic(scenario)      # dynamic assignment, as `arteria assign --dynamic`
    arteria.compare("base.h5", "variant.h5", out_dir="cmp")
    arteria.view("variant.h5", "web", compare="base.h5")  # one web page, as `arteria view`
    arteria.Study("scenarios/default_city_study/study.toml").run("study")  # base + variants
"""
from ._arteria import (  # noqa: F401  (the public API)
    InputError,
    LinkViews,
    Network,
    Scenario,
    Simulation,
    Snapshot,
    VehicleViews,
    __version__,
)
from .run import run  # noqa: F401
from .signal_env import SignalControlEnv  # noqa: F401
from .spaces import Box, Discrete, MultiDiscrete  # noqa: F401

VEHICLE_STATUS = ("pending", "en_route", "arrived", "stuck", "unroutable")


# Loaded on first use: results need pandas and h5py, compare and plot matplotlib, which
# together take ~1 s to import; a script that only steps a Simulation should not pay for them.
_LAZY = {"Results": ".results", "compare": ".comparison", "Comparison": ".comparison",
         "plot_run": ".plot", "view": ".web_view", "assign": ".assignment", "Assignment": ".assignment",
         "Study": ".study",
         "assign_dynamic": ".dynamic_assignment", "DynamicAssignment": ".dynamic_assignment"}


def __getattr__(name):
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'arteria' has no attribute '{name}'")


def _use_routes(scenario, assignment):
    """Gives this scenario's road trips routes of `assignment` (an :class:`Assignment` from
    :func:`assign`, or a :class:`DynamicAssignment` from :func:`assign_dynamic` of this
    scenario); returns how many trips got one. Later runs and simulations use them."""
    from .dynamic_assignment import DynamicAssignment
    if isinstance(assignment, DynamicAssignment):
        from . import _arteria
        return _arteria.use_dynamic_routes(scenario, assignment._handle)
    from .assignment import use_routes
    return use_routes(scenario, assignment)


Scenario.use_routes = _use_routes
