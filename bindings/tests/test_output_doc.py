"""docs/OUTPUT.md against real run files: every group, dataset and attribute that `arteria run`
writes is documented, and nothing is documented that is not written, with the documented kind,
dtype, shape and `units`.

Two short runs through the CLI cover the layout: the small town (road network, signal-plan
events) and Cairns with passengers (a timetable, so /transit and /passengers), cut to a morning
so both take a few seconds, and `arteria assign` on Sioux Falls (static) and on the small town
(dynamic, two iterations) covers assignment files. Names are compared per file: rows marked
`always` must be in every run file, rows marked `transit` exactly in the files of scenarios with
a timetable, rows marked `assignment` (with the `always` rows of /network) exactly in every
assignment file, `static` and `dynamic` exactly in the files of that kind of assignment, and rows
marked `context` exactly in the files of networks with a map context and `routes` exactly in runs
with `output.routes = true` (both: a grid city with its river, run here as an 11 x 11 grid with
its driven routes written), and `classes` exactly in runs whose demand has other vehicle classes
than cars (the small town with its trips spread over the built-in classes), and `emergency`
exactly in runs with emergency stations (the small town with a station and incidents). The doc's
conventions are stated at the top of OUTPUT.md; this parser follows them."""
import csv
import re
import subprocess

import h5py
import pytest

from conftest import REPO

DOC = REPO / "docs" / "OUTPUT.md"
SMALL_TOWN = REPO / "scenarios" / "small_town" / "scenario.toml"
CAIRNS = REPO / "scenarios" / "cairns" / "scenario.toml"
SIOUX_FALLS = REPO / "scenarios" / "siouxfalls" / "scenario.toml"
GRID_CITY = REPO / "scenarios" / "default_city.toml"



def small_town_with_classes(folder):
    """A variant of the small town whose trips without a given route take turns at being a car,
    a truck, an electric car and an emergency vehicle (trips.csv's `class` column)."""
    with open(SMALL_TOWN.parent / "trips.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    classes = ["", "truck", "electric_car", "emergency"]
    with open(folder / "trips_classes.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]) + ["class"])
        writer.writeheader()
        for i, row in enumerate(rows):
            writer.writerow({**row, "class": "" if row["route"] else classes[i % len(classes)]})
    scenario = folder / "classes.toml"
    scenario.write_text(f'[scenario]\nbase = "{SMALL_TOWN}"\nname = "small_town_classes"\n\n'
                        '[demand]\nfile = "trips_classes.csv"\n')
    return scenario


def small_town_with_emergency(folder):
    """The small town with an emergency station and two incidents (/emergency)."""
    scenario = folder / "emergency.toml"
    scenario.write_text(f'[scenario]\nbase = "{SMALL_TOWN}"\nname = "small_town_emergency"\n\n'
                        '[[emergency_stations]]\nid = "station"\nnode = "mill"\n\n'
                        '[[incidents]]\ntime = "08:00"\nnode = "church"\n\n'
                        '[[incidents]]\ntime = "08:30"\nnode = "west_gate"\n')
    return scenario


# name -> (scenario, --set overrides, kind: "road", "transit", "grid", "static" or "dynamic").
# Kept short: the test is about names, not results, but each run still fills every table (events,
# stuck and en-route trips, passengers arrived and en route, transit trips completed and not
# started).
RUNS = {
    "road": (SMALL_TOWN, [], "road"),
    "transit": (CAIRNS, ["passengers.count=300", "passengers.start=06:00",
                         "passengers.end=08:00", "simulation.start=05:00",
                         "simulation.end=09:00", "output.bin_s=900"], "transit"),
    "grid": (GRID_CITY, ["network.grid.columns=11", "network.grid.rows=11",
                         "demand.trips=300", "output.routes=true"], "grid"),
    "classes": (small_town_with_classes, [], "classes"),
    "emergency": (small_town_with_emergency, [], "emergency"),
    "static": (SIOUX_FALLS, ["assignment.gap=1e-6"], "static"),
    "dynamic": (SMALL_TOWN, ["assignment.kind=dynamic", "assignment.max_iterations=2"], "dynamic"),
}
ASSIGNMENT_KINDS = {"static", "dynamic"}
COLUMNS = ["name", "when", "shape", "dtype", "unit", "meaning"]
WHEN = {"always", "transit", "assignment", "static", "dynamic", "context", "routes", "classes",
        "emergency"}
# The `when` values a run of each kind holds besides `always`.
RUN_KINDS = {"road": set(), "transit": {"transit"}, "grid": {"context", "routes"},
             "classes": {"classes"}, "emergency": {"emergency"}}
DTYPES = {"group", "string", "float32", "float64", "int32", "uint8", "uint16", "uint32", "uint64"}
ROW = re.compile(r"^\|\s*`(/[^`]*)`\s*\|")
DIM = re.compile(r"^(?:(\d+)|([a-z_]+)(?:\s*\+\s*(\d+))?)$")


def parse_doc():
    """{name: {when, shape, dtype, unit, meaning}} from every table row whose first cell is a
    backticked path. Fails on malformed rows and duplicates, so a typo cannot hide a name."""
    rows, problems = {}, []
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        if not ROW.match(line):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        where = f"OUTPUT.md:{number}"
        if len(cells) != len(COLUMNS):
            problems.append(f"{where}: {len(cells)} cells, expected {len(COLUMNS)} ({COLUMNS})")
            continue
        row = dict(zip(COLUMNS, (c.strip("`") for c in cells)))
        name = row["name"]
        if name in rows:
            problems.append(f"{where}: {name} documented twice")
        if row["when"] not in WHEN:
            problems.append(f"{where}: when {row['when']!r} is not one of {sorted(WHEN)}")
        if row["dtype"] not in DTYPES:
            problems.append(f"{where}: dtype {row['dtype']!r} is not one of {sorted(DTYPES)}")
        if not row["meaning"]:
            problems.append(f"{where}: {name} has no meaning")
        try:
            row["dims"] = parse_shape(row["shape"])
        except ValueError as error:
            problems.append(f"{where}: {error}")
        rows[name] = row
    assert not problems, "docs/OUTPUT.md is malformed:\n  " + "\n  ".join(problems)
    assert rows, "docs/OUTPUT.md documents no names"
    return rows


def parse_shape(shape):
    """'group' -> None, 'scalar' -> [], '[bin, link]' -> [('bin', 0), ('link', 0)], '[6]' -> [6],
    '[link + 1]' -> [('link', 1)]."""
    if shape == "group":
        return None
    if shape == "scalar":
        return []
    if not (shape.startswith("[") and shape.endswith("]")):
        raise ValueError(f"shape {shape!r} is not group, scalar or [dim, ...]")
    dims = []
    for token in shape[1:-1].split(","):
        match = DIM.match(token.strip())
        if not match:
            raise ValueError(f"shape {shape!r}: dimension {token.strip()!r} is not a number, "
                             "a name or name + number")
        fixed, name, plus = match.groups()
        dims.append(int(fixed) if fixed else (name, int(plus or 0)))
    return dims


def dtype_name(dtype):
    info = h5py.check_string_dtype(dtype)
    if info is not None:
        # Arteria writes variable-length UTF-8 only; anything else would need its own word.
        return "string" if info.length is None and info.encoding == "utf-8" else f"other {dtype}"
    return dtype.name


def walk(path):
    """{name: (kind, dtype, shape, units)} for every group, dataset and attribute in the file
    (the root group itself is not listed; attributes on it would be, as /@name)."""
    found = {}

    def attributes(obj, path):
        for key in obj.attrs:
            attr = obj.attrs.get_id(key)
            found[f"{path}@{key}"] = ("attribute", dtype_name(attr.dtype), attr.shape, None)

    def visit(name, obj):
        path = "/" + name
        units = obj.attrs.get("units")
        if isinstance(units, bytes):
            units = units.decode()
        if isinstance(obj, h5py.Group):
            found[path] = ("group", "group", None, None)
        else:
            found[path] = ("dataset", dtype_name(obj.dtype), obj.shape, units)
        attributes(obj, path)

    with h5py.File(path, "r") as f:
        attributes(f, "")
        f.visititems(visit)
    return found


@pytest.fixture(scope="module")
def runs(arteria_cli, tmp_path_factory):
    folder = tmp_path_factory.mktemp("output_doc")
    files = {}
    for name, (scenario, settings, kind) in RUNS.items():
        out = folder / f"{name}.h5"
        if callable(scenario):
            scenario = scenario(folder)
        command = "assign" if kind in ASSIGNMENT_KINDS else "run"
        args = [str(arteria_cli), command, str(scenario), "--threads", "2", "--no-progress",
                "--out", str(out)]
        for setting in settings:
            args += ["--set", setting]
        result = subprocess.run(args, cwd=folder, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, f"{name} run failed:\n{result.stdout}\n{result.stderr}"
        files[name] = (out, kind, walk(out))
    return files


def expected_names(doc, kind):
    """The documented names a file of this kind must hold."""
    if kind in ASSIGNMENT_KINDS:
        return {n for n, row in doc.items() if row["when"] in ("assignment", kind)
                or (row["when"] == "always" and n.startswith("/network"))}
    return {n for n, row in doc.items()
            if row["when"] == "always" or row["when"] in RUN_KINDS[kind]}


def test_assignment_rows_are_exactly_what_assignment_files_add(runs):
    doc = parse_doc()
    written = {kind: {n for _, k, found in runs.values() if k == kind for n in found}
               for kind in ASSIGNMENT_KINDS | set(RUN_KINDS)}
    runs_only = set().union(*(written[kind] for kind in RUN_KINDS))
    static, dynamic = written["static"] - runs_only, written["dynamic"] - runs_only
    assert static and dynamic
    should = {n: "assignment" for n in static & dynamic}
    should.update({n: "static" for n in static - dynamic})
    should.update({n: "dynamic" for n in dynamic - static})
    marked = {n: row["when"] for n, row in doc.items()
              if row["when"] in ASSIGNMENT_KINDS | {"assignment"}}
    wrong = sorted(n for n in set(should) | set(marked)
                   if n in doc and should.get(n) != marked.get(n))
    assert not wrong, ("`when` should be `assignment` (every assignment file), `static` or "
                       f"`dynamic` (only those) for these rows: {wrong}")


def test_documented_names_are_exactly_the_written_names(runs):
    doc = parse_doc()
    union = {name for _, _, found in runs.values() for name in found}
    never = set(doc) - union
    problems = [f"documented but written by no run: {sorted(never)}"] if never else []
    for run, (_, kind, found) in runs.items():
        undocumented = sorted(set(found) - set(doc))
        if undocumented:
            problems.append(f"written by the {run} run but not documented: {undocumented}")
        expected = expected_names(doc, kind)
        missing = sorted(expected - set(found) - never)
        if missing:
            problems.append(f"documented for the {run} run but not written by it: {missing}")
    assert not problems, "docs/OUTPUT.md and the writer disagree:\n  " + "\n  ".join(problems)


def test_transit_rows_are_exactly_what_a_timetable_adds(runs):
    doc = parse_doc()
    road = {n for _, kind, found in runs.values() if kind == "road" for n in found}
    transit = {n for _, kind, found in runs.values() if kind == "transit" for n in found}
    marked = {n for n, row in doc.items() if row["when"] == "transit"}
    assert road and transit
    # Undocumented names are the names test's to report.
    wrong = sorted(((transit - road) ^ marked) & set(doc))
    assert not wrong, ("`when` is wrong for these rows (names only a timetable adds are "
                       f"`transit`, all others `always`): {wrong}")


def test_documented_kind_dtype_shape_and_units_agree_with_the_files(runs):
    doc = parse_doc()
    problems = []
    for run, (_, _, found) in runs.items():
        sizes = {}  # dimension name -> (length, first object seen with it)
        for name, (kind, dtype, shape, units) in sorted(found.items()):
            row = doc.get(name)
            if row is None or "dims" not in row:
                continue  # reported by the names test / the parser
            if dtype != row["dtype"]:
                problems.append(f"{run}: {name} is {dtype}, documented {row['dtype']}")
            dims = row["dims"]
            if kind == "group" or dims is None:
                if (kind == "group") != (dims is None):
                    problems.append(f"{run}: {name} is a {kind}, documented shape {row['shape']}")
                continue
            if len(dims) != len(shape):
                problems.append(f"{run}: {name} has rank {len(shape)} {shape}, documented "
                                f"{row['shape']}")
                continue
            for dim, length in zip(dims, shape):
                if isinstance(dim, int):
                    if dim != length:
                        problems.append(f"{run}: {name} has shape {shape}, documented "
                                        f"{row['shape']}")
                    continue
                base, plus = dim
                seen = sizes.setdefault(base, (length - plus, name))
                if seen[0] != length - plus:
                    problems.append(f"{run}: dimension {base} of {name} is {length - plus}, of "
                                    f"{seen[1]} {seen[0]}")
            if units is not None and row["unit"] != units:
                problems.append(f"{run}: {name} has units {units!r}, documented {row['unit']!r}")
    assert not problems, "docs/OUTPUT.md and the files disagree:\n  " + "\n  ".join(problems)
