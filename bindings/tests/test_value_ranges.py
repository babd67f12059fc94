"""Every number in range: values drawn across and beyond the valid range of each numeric field
are run through the CLI: the small town's CSV tables and its [simulation], [output] and
[assignment] keys, a small generated grid city's [network.grid] and [demand] keys, and Cairns'
[transit] and [passengers] keys. Each run must either stop with an input error (exit 2) naming
the file, the line and the field, or complete with every inserted vehicle (and passenger)
accounted for and finite KPIs. A value outside the range must be the error. The ranges are read
from the user guide's tables (docs/USER_GUIDE.md, section 9), so the guide is checked against
the readers too."""
import math
import pathlib
import random
import re
import shutil
import zlib

import h5py
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "USER_GUIDE.md"
TOWN = REPO / "scenarios" / "small_town"
CAIRNS_GTFS = REPO.parent / "shared" / "data" / "gtfs" / "cairns" / "cairns_gtfs.zip"

# What users found: accepted then broke conservation, printed a garbled time, or ran silently.
HAND_PICKED = {"pcu": [1e308], "capacity_vph": [1e308], "lanes": [1e9], "depart": [1e308],
               "free_speed_kmh": [1e308], "length_m": [1e-300]}
BEYOND_EVERYTHING = [0.0, -1.0, 1e-300, 1e308, -1e308]
DRAWS_PER_FIELD = 10


def clock_seconds(text):
    if ":" not in text:
        return float(text)
    h, m, s = (float(part) for part in text.split(":"))
    return h * 3600 + m * 60 + s


def guide_ranges():
    """{(table heading, field): (low, high, low_open)} from the guide's section 9."""
    section = GUIDE.read_text().split("## 9. Valid ranges of numeric inputs", 1)[1]
    ranges, heading = {}, None
    for line in section.splitlines():
        if line.startswith("### "):
            heading = line[4:].strip()
        # A row names one key or several (`columns`, `rows`), or an event's `value` of `action`,
        # maybe with a note in brackets.
        match = re.match(r"\| ((?:`\w+`, )*`\w+`)(?: of `(\w+)`)?(?: \([^|]*\))? \| "
                         r"([\[(])([^,]+), ([^\]]+)\] \|", line)
        if heading and match:
            fields, action, bracket, low, high = match.groups()
            for field in re.findall(r"`(\w+)`", fields):
                name = f"{field} of {action}" if action else field
                ranges[(heading, name)] = (clock_seconds(low), clock_seconds(high),
                                           bracket == "(")
    return ranges


RANGES = guide_ranges()
CSV_FIELDS = [("nodes.csv", "x_m"), ("nodes.csv", "y_m"), ("links.csv", "length_m"),
              ("links.csv", "lanes"), ("links.csv", "free_speed_kmh"),
              ("links.csv", "capacity_vph"), ("signals.csv", "offset_s"),
              ("signals.csv", "duration_s"), ("trips.csv", "depart"), ("trips.csv", "pcu")]
TOML_FIELDS = [("simulation", "step_s"), ("simulation", "stuck_time_s"),
               ("simulation", "backward_wave_speed_kmh"), ("simulation", "vehicle_length_m"),
               ("output", "bin_s"), ("routing", "turn_penalty_s")]
GRID_FIELDS = [("network.grid", key) for key in (
    "columns", "rows", "arterial_every", "block_m", "arterial_lanes", "local_lanes",
    "arterial_speed_kmh", "local_speed_kmh", "arterial_lane_capacity_vph",
    "local_lane_capacity_vph", "signal_cycle_s", "signal_all_red_s")] + [("demand", key) for key in (
    "trips", "start_s", "peak_s", "end_s", "cbd_share", "cbd_radius_blocks")]
ASSIGNMENT_FIELDS = [("assignment", key)
                     for key in ("b", "power", "gap", "max_iterations", "time_limit_s",
                                 "target_gap", "route_bin_s")]
TRANSIT_FIELDS = [("transit", key) for key in (
    "walk_speed_mps", "walk_detour", "max_access_walk_m", "max_transfer_walk_m",
    "transfer_penalty_s", "terminal_lead_s", "detour_allowance_s", "max_wait_s", "max_replans",
    "max_snap_m", "recovery_share", "max_detour_factor")] + [("passengers", "count")]
# [[events]] and [[transit.changes]] blocks: (the guide's name, the block's other keys, the key
# drawn). Events go into the small town (link mill-market), changes into Cairns (route 110-423).
LINK = {"link": '"mill-market"', "time": '"07:00"'}
EVENT_CASES = [
    ("time", {"action": '"close_link"', "link": '"mill-market"'}, "time"),
    ("value of set_link_capacity", {"action": '"set_link_capacity"', **LINK}, "value"),
    ("value of set_link_speed", {"action": '"set_link_speed"', **LINK}, "value"),
    ("value of scale_demand", {"action": '"scale_demand"', "time": '"06:45"'}, "value"),
]
NEW_LINE = {"kind": '"add_line"', "route": '"R-new"', "stops": '["750337", "750047", "750449"]'}
ROUTE = {"route": '"110-423"'}
HEADWAY = {"kind": '"set_headway"', **ROUTE, "headway_s": "300", "from": '"07:00"',
           "to": '"08:30"'}
CHANGE_CASES = [
    *[(key, NEW_LINE, key) for key in ("speed_kmh", "dwell_s", "headway_s", "first", "last")],
    *[(key, HEADWAY, key) for key in ("headway_s", "from", "to")],
    *[(key, {"kind": '"set_capacity"', **ROUTE}, key) for key in ("seated", "standing")],
    *[(key, {"kind": '"cancel_trips"', **ROUTE}, key) for key in ("from", "to")],
]
WHOLE_NUMBERS = {"columns", "rows", "arterial_every", "trips", "max_iterations", "max_replans",
                 "count", "seated", "standing"}
# Valid values above these make a run too long for a test (a 2000 x 2000 grid, 1e8 trips):
# such draws are left out; the values beyond the range are still tried.
AFFORDABLE = {"columns": 40, "rows": 40, "trips": 5000, "count": 2000, "max_iterations": 500}
# The guide's table of each group of keys.
HEADINGS = {"simulation": "[simulation] and [output]", "output": "[simulation] and [output]",
            "routing": "[routing]",
            "network.grid": "[network.grid] and generated demand",
            "demand": "[network.grid] and generated demand",
            "assignment": "Other sources and [assignment]",
            "transit": "[transit], [[transit.changes]] and [passengers]",
            "passengers": "[transit], [[transit.changes]] and [passengers]",
            "events": "[[events]]",
            "transit.changes": "[transit], [[transit.changes]] and [passengers]"}

# A small generated city, cheap enough to run a hundred times.
TINY_GRID = """[scenario]
name = "tiny grid"

[network]
source = "grid"

[network.grid]
columns = 6
rows = 6
arterial_every = 3

[demand]
source = "generated"
trips = 300
start_s = "06:00"
peak_s = "06:15"
end_s = "06:30"
cbd_radius_blocks = 1.0

[simulation]
start = "06:00"
end = "07:00"

[output]
bin_s = 300
"""

# Cairns' timetable with a few hundred passengers over a morning.
CAIRNS_MORNING = """[scenario]
name = "cairns morning"

[transit]
gtfs = "{gtfs}"

[passengers]
source = "random"
count = 300
start = "06:00"
end = "08:00"

[simulation]
start = "06:00"
end = "09:00"

[output]
bin_s = 900
"""


def inside(value, bounds):
    low, high, low_open = bounds
    return (value > low if low_open else value >= low) and value <= high


def draws(field, bounds, seed):
    """The bounds, just beyond them, far beyond everything, hand-picked cases and random draws
    over a span wider than the range on both sides (log-uniform for positive ranges)."""
    low, high, _ = bounds
    step = lambda x: abs(x) * 1e-6 + 1e-9
    values = [low, high, low - step(low), high + step(high)] + BEYOND_EVERYTHING
    values += HAND_PICKED.get(field, [])
    rng = random.Random(seed)
    for _ in range(DRAWS_PER_FIELD):
        if low > 0:
            values.append(math.exp(rng.uniform(math.log(low / 1000), math.log(high * 1000))))
        else:
            span = max(high - low, 1.0)
            values.append(rng.uniform(low - span, high + span))
    return values


def text(value):
    return str(value) if isinstance(value, int) else repr(float(value))


def first_data_line(path):
    """The line of the first record: readers stop at the first bad one."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if number > 1 and line.strip() and not line.startswith("#"):
            return number
    raise AssertionError(f"{path} has no record")


def set_column(path, column, value):
    lines = path.read_text().splitlines()
    header = lines[0].split(",")
    at = header.index(column)
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() and not line.startswith("#"):
            cells = line.split(",")
            cells[at] = value
            lines[i] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n")


def set_key(path, table, key, value):
    """Sets `key` in [table], adding it under the table's heading when absent; returns its line."""
    lines = path.read_text().splitlines()
    if f"[{table}]" not in lines:
        lines += ["", f"[{table}]"]
    start = lines.index(f"[{table}]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    found = next((i for i in range(start + 1, end) if lines[i].startswith(f"{key} =")), None)
    if found is None:
        lines.insert(start + 1, "")
        found = start + 1
    lines[found] = f"{key} = {value}"
    path.write_text("\n".join(lines) + "\n")
    return found + 1


def check_run(run_cli, folder, value, bounds, where):
    """`where` is (file name, line, field) as an error about `value` must name them."""
    out = folder / "run.h5"
    result = run_cli("run", folder / "scenario.toml", "--out", out, "--no-progress")
    case = f"{where[2]} = {value!r}: exit {result.returncode}\n{result.stderr[-600:]}"
    assert result.returncode in (0, 2), case  # never an internal error
    if result.returncode == 2:
        file, line, field = where
        if inside(value, bounds):  # a valid value may clash with another (a step past the bin)
            assert re.search(r"error: .+:\d+: field '[^']+': ", result.stderr), case
        else:
            assert re.search(rf"{re.escape(file)}:{line}: field '{re.escape(field)}': ",
                             result.stderr), case
        return
    assert inside(value, bounds), "accepted a value outside the range: " + case
    with h5py.File(out, "r") as h5:
        kpi = dict(h5["kpi"].attrs)
    assert kpi["vehicles_inserted"] == (kpi["vehicles_arrived"] + kpi["vehicles_stuck"] +
                                        kpi["vehicles_en_route"]), case
    for name in ("vkt_km", "vht_h", "mean_travel_time_s", "mean_delay_s"):
        assert math.isfinite(kpi[name]), f"{name} is {kpi[name]}: {case}"
    if "passengers" in kpi:
        assert kpi["passengers"] == (kpi["passengers_arrived"] + kpi["passengers_en_route"] +
                                     kpi["passengers_stranded"] +
                                     kpi["passengers_not_departed"]), case


def test_the_guide_lists_every_field_the_test_draws():
    for file, field in CSV_FIELDS:
        assert (file, field) in RANGES, f"{file} {field} has no range in section 9"
    for table, key in TOML_FIELDS + GRID_FIELDS + ASSIGNMENT_FIELDS + TRANSIT_FIELDS:
        assert (HEADINGS[table], key) in RANGES, f"[{table}] {key} has no range in section 9"
    for table, cases in (("events", EVENT_CASES), ("transit.changes", CHANGE_CASES)):
        for name, _, _ in cases:
            assert (HEADINGS[table], name) in RANGES, f"[[{table}]] {name} has no range"


@pytest.mark.parametrize("file,field", CSV_FIELDS, ids=[f for _, f in CSV_FIELDS])
def test_csv_values_across_and_beyond_their_range(run_cli, tmp_path, file, field):
    bounds = RANGES[(file, field)]
    for n, value in enumerate(draws(field, bounds, seed=zlib.crc32(field.encode()))):
        folder = tmp_path / str(n)
        shutil.copytree(TOWN, folder)
        set_column(folder / file, field, text(value))
        check_run(run_cli, folder, value, bounds,
                  (f"{folder / file}", first_data_line(folder / file), field))


def append_block(path, table, keys, key, value):
    """Appends a [[table]] block with `keys` and key = value; returns key's line and the block's
    field name (table[i].key)."""
    lines = path.read_text().splitlines()
    index = sum(line.strip() == f"[[{table}]]" for line in lines)
    lines += ["", f"[[{table}]]"] + [f"{k} = {v}" for k, v in keys.items() if k != key]
    lines.append(f"{key} = {value}")
    path.write_text("\n".join(lines) + "\n")
    return len(lines), f"{table}[{index}].{key}"


def try_values(run_cli, tmp_path, make_folder, name, bounds, write):
    """Runs a copy of the scenario make_folder(folder) writes, with write(scenario file, value
    text) -> (line, field) putting each draw in."""
    key = name.split()[0]
    for n, value in enumerate(draws(key, bounds, seed=zlib.crc32(name.encode()))):
        if key in WHOLE_NUMBERS and abs(value) < 1e15:
            value = round(value)
        if inside(value, bounds) and value > AFFORDABLE.get(key, math.inf):
            continue
        folder = tmp_path / str(n)
        make_folder(folder)
        line, field = write(folder / "scenario.toml", text(value))
        check_run(run_cli, folder, value, bounds, (str(folder / "scenario.toml"), line, field))


def try_scenario_key(run_cli, tmp_path, make_folder, table, key):
    try_values(run_cli, tmp_path, make_folder, key, RANGES[(HEADINGS[table], key)],
               lambda path, value: (set_key(path, table, key, value), f"{table}.{key}"))


def try_block_key(run_cli, tmp_path, make_folder, table, case):
    name, keys, key = case
    try_values(run_cli, tmp_path, make_folder, name, RANGES[(HEADINGS[table], name)],
               lambda path, value: append_block(path, table, keys, key, value))


def small_town(folder):
    shutil.copytree(TOWN, folder)


def small_town_on_equilibrium_routes(folder):
    shutil.copytree(TOWN, folder)
    with open(folder / "scenario.toml", "a") as toml:
        toml.write('\n[assignment]\nroutes = "equilibrium"\n')


def tiny_grid(folder):
    folder.mkdir()
    (folder / "scenario.toml").write_text(TINY_GRID)


def cairns_morning(folder):
    folder.mkdir()
    (folder / "scenario.toml").write_text(CAIRNS_MORNING.format(gtfs=CAIRNS_GTFS))


@pytest.mark.parametrize("table,key", TOML_FIELDS, ids=[k for _, k in TOML_FIELDS])
def test_scenario_keys_across_and_beyond_their_range(run_cli, tmp_path, table, key):
    try_scenario_key(run_cli, tmp_path, small_town, table, key)


@pytest.mark.parametrize("table,key", GRID_FIELDS, ids=[k for _, k in GRID_FIELDS])
def test_grid_city_keys_across_and_beyond_their_range(run_cli, tmp_path, table, key):
    try_scenario_key(run_cli, tmp_path, tiny_grid, table, key)


@pytest.mark.parametrize("table,key", ASSIGNMENT_FIELDS, ids=[k for _, k in ASSIGNMENT_FIELDS])
def test_assignment_keys_across_and_beyond_their_range(run_cli, tmp_path, table, key):
    try_scenario_key(run_cli, tmp_path, small_town_on_equilibrium_routes, table, key)


@pytest.mark.skipif(not CAIRNS_GTFS.exists(), reason="needs ../shared/data (Cairns GTFS)")
@pytest.mark.parametrize("table,key", TRANSIT_FIELDS, ids=[k for _, k in TRANSIT_FIELDS])
def test_transit_keys_across_and_beyond_their_range(run_cli, tmp_path, table, key):
    try_scenario_key(run_cli, tmp_path, cairns_morning, table, key)


@pytest.mark.parametrize("case", EVENT_CASES, ids=[name for name, _, _ in EVENT_CASES])
def test_event_values_across_and_beyond_their_range(run_cli, tmp_path, case):
    try_block_key(run_cli, tmp_path, small_town, "events", case)


@pytest.mark.skipif(not CAIRNS_GTFS.exists(), reason="needs ../shared/data (Cairns GTFS)")
@pytest.mark.parametrize("case", CHANGE_CASES,
                         ids=[f"{keys['kind'][1:-1]}.{key}" for _, keys, key in CHANGE_CASES])
def test_timetable_change_values_across_and_beyond_their_range(run_cli, tmp_path, case):
    try_block_key(run_cli, tmp_path, cairns_morning, "transit.changes", case)


def test_a_time_no_clock_can_show_is_printed_as_seconds(run_cli, tmp_path):
    shutil.copytree(TOWN, tmp_path / "town")
    set_column(tmp_path / "town" / "trips.csv", "depart", "1e308")
    result = run_cli("run", tmp_path / "town" / "scenario.toml", "--out", tmp_path / "x.h5")
    assert result.returncode == 2
    assert "must be between 00:00:00 and 168:00:00, got 1e+308 s" in result.stderr
