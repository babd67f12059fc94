"""Arteria: parallel, deterministic traffic simulation, scripted from Python.

    import arteria
    scenario = arteria.Scenario.default()
    sim = arteria.Simulation(scenario, threads=2)
    sim.run_until(8 * 3600)
    sim.links.queue          # numpy view, updated by every step
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

VEHICLE_STATUS = ("pending", "en_route", "arrived", "stuck", "unroutable")
