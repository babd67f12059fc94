"""Every number in range: values drawn across and beyond the valid range of each numeric field
of the small town (its CSV tables and its [simulation] and [output] keys) are run through the
CLI. Each run must either stop with an input error (exit 2) naming the file, the line and the
field, or complete with every inserted vehicle arrived, stuck or en route and finite KPIs. A
value outside the range must be the error. The ranges are read from the user guide's tables
(docs/USER_GUIDE.md, section 9), so the guide is checked against the readers too."""
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
        match = re.match(r"\| `(\w+)` \| ([\[(])([^,]+), ([^\]]+)\] \|", line)
        if heading and match:
            field, bracket, low, high = match.groups()
            ranges[(heading, field)] = (clock_seconds(low), clock_seconds(high), bracket == "(")
    return ranges


RANGES = guide_ranges()
CSV_FIELDS = [("nodes.csv", "x_m"), ("nodes.csv", "y_m"), ("links.csv", "length_m"),
              ("links.csv", "lanes"), ("links.csv", "free_speed_kmh"),
              ("links.csv", "capacity_vph"), ("signals.csv", "offset_s"),
              ("signals.csv", "duration_s"), ("trips.csv", "depart"), ("trips.csv", "pcu")]
TOML_FIELDS = [("simulation", "step_s"), ("simulation", "stuck_time_s"),
               ("simulation", "backward_wave_speed_kmh"), ("simulation", "vehicle_length_m"),
               ("output", "bin_s")]


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
    return repr(float(value))


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


def test_the_guide_lists_every_field_the_test_draws():
    headings = {"simulation": "[simulation] and [output]", "output": "[simulation] and [output]"}
    for file, field in CSV_FIELDS:
        assert (file, field) in RANGES, f"{file} {field} has no range in section 9"
    for table, key in TOML_FIELDS:
        assert (headings[table], key) in RANGES, f"[{table}] {key} has no range in section 9"


@pytest.mark.parametrize("file,field", CSV_FIELDS, ids=[f for _, f in CSV_FIELDS])
def test_csv_values_across_and_beyond_their_range(run_cli, tmp_path, file, field):
    bounds = RANGES[(file, field)]
    for n, value in enumerate(draws(field, bounds, seed=zlib.crc32(field.encode()))):
        folder = tmp_path / str(n)
        shutil.copytree(TOWN, folder)
        set_column(folder / file, field, text(value))
        check_run(run_cli, folder, value, bounds,
                  (f"{folder / file}", first_data_line(folder / file), field))


@pytest.mark.parametrize("table,key", TOML_FIELDS, ids=[k for _, k in TOML_FIELDS])
def test_scenario_keys_across_and_beyond_their_range(run_cli, tmp_path, table, key):
    bounds = RANGES[("[simulation] and [output]", key)]
    for n, value in enumerate(draws(key, bounds, seed=zlib.crc32(key.encode()))):
        folder = tmp_path / str(n)
        shutil.copytree(TOWN, folder)
        line = set_key(folder / "scenario.toml", table, key, text(value))
        check_run(run_cli, folder, value, bounds,
                  (str(folder / "scenario.toml"), line, f"{table}.{key}"))


def test_a_time_no_clock_can_show_is_printed_as_seconds(run_cli, tmp_path):
    shutil.copytree(TOWN, tmp_path / "town")
    set_column(tmp_path / "town" / "trips.csv", "depart", "1e308")
    result = run_cli("run", tmp_path / "town" / "scenario.toml", "--out", tmp_path / "x.h5")
    assert result.returncode == 2
    assert "must be between 00:00:00 and 168:00:00, got 1e+308 s" in result.stderr
