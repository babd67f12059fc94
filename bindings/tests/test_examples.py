"""Every example in examples/ runs (with --small, as CI does) and reports what it promises."""
import os
import subprocess
import sys

import pytest

from helpers import REPO

EXAMPLES = {
    "ambulance_bridge_closure.py": "the bridge closed changes the mean response time by",
    "bridge_closure.py": "trips completed",
    "bridge_closure_equilibrium.py": "closure, re-equilibrated changes the closure's mean travel time by",
    "demand_sweep.py": "mean_delay_s",
    "emissions_of_a_variant.py": "the through-truck ban changes NOx in the centre by",
    "new_bus_line.py": "mean load factor",
    "port_trucks_day_night.py": "port trucks by day add",
    "road_works_day_night.py": "road works by night instead of by day save",
    "signal_control.py": "max-pressure changes queue delay by",
    "snapshot_fork.py": "closing the bridge at 07:30 costs",
    "sioux_falls_equilibrium.py": "mean travel time: shortest paths",
}


def test_every_example_is_listed():
    assert {p.name for p in (REPO / "examples").glob("*.py")} == set(EXAMPLES)


@pytest.mark.parametrize("script", sorted(EXAMPLES))
def test_example_runs_small(script, tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "examples" / script), "--small",
                             "--threads", "2"], cwd=tmp_path, capture_output=True, text=True,
                            env=os.environ.copy(), timeout=120)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert EXAMPLES[script] in result.stdout
