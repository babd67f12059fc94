"""Scenarios and runs shared by the Python tests. Import the fixtures a test module uses
(pytest finds fixtures among a module's names): `from helpers import grid_runs`."""
import pathlib

import h5py
import numpy as np
import pytest

import arteria

REPO = pathlib.Path(__file__).resolve().parents[2]
SMALL_TOWN = REPO / "scenarios" / "small_town" / "scenario.toml"
# An 11 x 11 grid city (424 links, 9 signalised crossings, 3 bridges), 3,000 trips: a full
# run takes ~0.2 s, small enough to run many times per test session.
SMALL_GRID = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]
BRIDGE = ["5_5>5_6", "5_6>5_5"]  # the middle bridge of the small grid


def small_grid(*extra):
    return arteria.Scenario.default(SMALL_GRID + list(extra))


def closure_variant(scenario, at_s=7.5 * 3600):
    variant = scenario.copy()
    for link in BRIDGE:
        variant.add_event(at_s, "close_link", link=link)
    return variant


@pytest.fixture(scope="session")
def grid_runs(tmp_path_factory):
    """(base, variant) Results of the small grid without and with the middle bridge closed."""
    folder = tmp_path_factory.mktemp("grid_runs")
    base = small_grid()
    return (arteria.run(base, folder / "base.h5", threads=2),
            arteria.run(closure_variant(base), folder / "closure.h5", threads=2))


@pytest.fixture(scope="session")
def routed_grid_runs(tmp_path_factory):
    """As grid_runs, written with the links each trip drove (output.routes = true)."""
    folder = tmp_path_factory.mktemp("routed_grid_runs")
    base = small_grid("output.routes=true")
    return (arteria.run(base, folder / "base.h5", threads=2),
            arteria.run(closure_variant(base), folder / "closure.h5", threads=2))


@pytest.fixture(scope="session")
def town_run(tmp_path_factory):
    """Results of the small town (signal plan events, buses on given routes)."""
    folder = tmp_path_factory.mktemp("town_run")
    return arteria.run(arteria.Scenario.load(str(SMALL_TOWN)), folder / "town.h5", threads=2)


def contents(path):
    """Every dataset and attribute of a run file but the wall-clock ones (/perf, /meta@threads),
    as comparable values."""
    def value(v):
        v = np.asarray(v)
        return v.tolist() if v.dtype == object else (v.dtype.str, v.shape, v.tobytes())

    items = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if name == "perf" or name.startswith("perf/"):
                return
            if isinstance(obj, h5py.Dataset):
                items[name] = value(obj[()])
            for key, attr in obj.attrs.items():
                if (name, key) != ("meta", "threads"):
                    items[f"{name}@{key}"] = value(attr)
        f.visititems(visit)
    return items
