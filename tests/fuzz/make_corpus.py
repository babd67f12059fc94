#!/usr/bin/python3
"""Builds the seed corpora of the fuzz targets (tests/fuzz/fuzz_*.cpp) at run time.

Seeds come from the data sets beside the checkout (../shared/data), the repository's scenarios
and test fixtures, and fuzz_make_seeds (run files, a small OSM extract). Nothing is copied into
the repository: each seed is a small file, a cut-down but consistent piece of a big one (a few
connected SUMO edges, three GTFS trips), or the first lines of one.

    tests/fuzz/make_corpus.py --build build-fuzz [--out build-fuzz/seeds]

writes OUT/<target>/<name> for every target. Multi-file inputs join their files with the
separator line of fuzz_input.hpp.
"""

import argparse
import csv
import io
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

SEPARATOR = b"\n--8<--\n"
ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"


def head_lines(path, lines):
    """The first `lines` lines of a text file, as bytes."""
    with open(path, "rb") as file:
        return b"".join(line for _, line in zip(range(lines), file))


def join_files(*parts):
    return SEPARATOR.join(parts)


def raw_literals(test_file):
    """The C++ raw string literals R"(...)" of a test file: hand-made inputs worth seeding."""
    text = (ROOT / test_file).read_text()
    return [m.encode() for m in re.findall(r'R"\((.*?)\)"', text, flags=re.S)]


class Corpus:
    def __init__(self, out):
        self.out = out
        self.counts = {}

    def add(self, target, name, content):
        folder = self.out / target
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
        self.counts[target] = self.counts.get(target, 0) + 1


# --- SUMO: a few connected edges of a real net, with their junctions, connections and lights.
def sumo_subnet(net_path, edge_limit=12):
    root = ET.parse(net_path).getroot()
    edges = {e.get("id"): e for e in root.findall("edge") if e.get("function") is None}
    connections = [c for c in root.findall("connection") if c.get("from") in edges]
    successors = {}
    for c in connections:
        if c.get("to") in edges:
            successors.setdefault(c.get("from"), []).append(c.get("to"))
    start = next(iter(e for e in edges if successors.get(e)))
    kept, queue = [], [start]
    while queue and len(kept) < edge_limit:
        edge = queue.pop(0)
        if edge in kept:
            continue
        kept.append(edge)
        queue.extend(successors.get(edge, []))
    kept_set = set(kept)
    junction_ids = {edges[e].get(end) for e in kept for end in ("from", "to")}
    kept_connections = [
        c for c in connections if c.get("from") in kept_set and c.get("to") in kept_set
    ]
    lights = {c.get("tl") for c in kept_connections if c.get("tl")}
    net = ET.Element("net", root.attrib)
    for child in root:
        keep = (
            child.tag == "location"
            or (child.tag == "edge" and child.get("id") in kept_set)
            or (child.tag == "junction" and child.get("id") in junction_ids)
            or (child.tag == "tlLogic" and child.get("id") in lights)
        )
        if keep:
            net.append(child)
    for c in kept_connections:
        c.attrib.pop("via", None)  # the internal lanes are left out
        net.append(c)
    # A path of up to three edges along connections, for the demand seeds.
    path = [start]
    while len(path) < 3 and any(s in kept_set for s in successors.get(path[-1], [])):
        path.append(next(s for s in successors[path[-1]] if s in kept_set))
    return ET.tostring(net), path, sorted(lights)


def sumo_demand(path, rou_file=None, elements=12):
    """Vehicles, a trip and a flow on `path`, after the first elements of a real route file."""
    routes = ET.Element("routes")
    if rou_file is not None:
        for _, child in zip(range(elements), ET.parse(rou_file).getroot()):
            routes.append(child)
    ET.SubElement(routes, "vType", id="car", length="5", minGap="2.5")
    ET.SubElement(routes, "route", id="r0", edges=" ".join(path))
    ET.SubElement(routes, "vehicle", id="v0", type="car", route="r0", depart="0")
    vehicle = ET.SubElement(routes, "vehicle", id="v1", depart="10.5")
    ET.SubElement(vehicle, "route", edges=" ".join(path))
    ET.SubElement(routes, "trip", id="t0", depart="20", attrib={"from": path[0], "to": path[-1]})
    ET.SubElement(routes, "flow", id="f0", begin="0", end="300", period="60",
                  attrib={"from": path[0], "to": path[-1]})
    ET.SubElement(routes, "flow", id="f1", begin="0", end="300", probability="0.1", route="r0")
    return ET.tostring(routes)


def add_sumo(corpus):
    folders = sorted((DATA / "sumo").glob("*/"))
    for folder in folders:
        nets = sorted(folder.glob("*.net.xml"))
        if not nets:
            continue
        net, path, lights = sumo_subnet(nets[0])
        corpus.add("sumo_net", folder.name + ".net", net)
        rou_files = sorted(f for f in folder.glob("*.rou.xml"))
        corpus.add("sumo_routes", folder.name + ".synthetic", join_files(net, sumo_demand(path)))
        for rou in rou_files:
            corpus.add("sumo_routes", rou.name, join_files(net, sumo_demand(path, rou)))
        for add in sorted(folder.glob("*.add.xml")):
            root = ET.parse(add).getroot()
            small = ET.Element(root.tag, root.attrib)
            for _, child in zip(range(8), root):
                small.append(child)
            corpus.add("sumo_net", folder.name + "." + add.name, join_files(net, ET.tostring(small)))
        for cfg in folder.glob("*.sumocfg"):
            corpus.add("sumocfg", folder.name + ".sumocfg", cfg.read_bytes())


# --- GTFS: the first trips of a feed with their stop times, stops, routes, shapes and calendar.
GTFS_TABLES = ["agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt",
               "calendar.txt", "calendar_dates.txt", "shapes.txt", "frequencies.txt"]


def read_table(archive, name):
    names = {Path(n).name: n for n in archive.namelist()}
    if name not in names:
        return None
    text = archive.read(names[name]).decode("utf-8-sig", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def write_table(rows, fields):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def gtfs_subset(zip_path, trip_count):
    with zipfile.ZipFile(zip_path) as archive:
        tables = {name: read_table(archive, name) for name in GTFS_TABLES}
    trips = tables["trips.txt"][:trip_count]
    trip_ids = {t["trip_id"] for t in trips}
    stop_times = [r for r in tables["stop_times.txt"] if r["trip_id"] in trip_ids][:60]
    stop_ids = {r["stop_id"] for r in stop_times}
    route_ids = {t["route_id"] for t in trips}
    shape_ids = {t.get("shape_id") for t in trips}
    keep = {
        "stops.txt": lambda r: r["stop_id"] in stop_ids,
        "routes.txt": lambda r: r["route_id"] in route_ids,
        "trips.txt": lambda r: r["trip_id"] in trip_ids,
        "stop_times.txt": lambda r: r in stop_times,
        "shapes.txt": lambda r: r.get("shape_id") in shape_ids,
        "frequencies.txt": lambda r: r["trip_id"] in trip_ids,
    }
    parts = []
    for name in GTFS_TABLES:
        rows = tables[name]
        if rows is None:
            parts.append(b"")
            continue
        chosen = [r for r in rows if keep.get(name, lambda r: True)(r)][:80]
        fields = list(rows[0].keys()) if rows else []
        parts.append(write_table(chosen, fields) if fields else b"")
    return join_files(*parts)


def add_gtfs(corpus):
    for zip_path in sorted((DATA / "gtfs").glob("*/*.zip")):
        for trips in (1, 3):
            corpus.add("gtfs", f"{zip_path.stem}.{trips}", gtfs_subset(zip_path, trips))


# --- TNTP: whole small networks, the first lines of large ones.
def add_tntp(corpus):
    for folder in sorted((DATA / "tntp").glob("*/")):
        name = folder.name
        net, node = folder / f"{name}_net.tntp", folder / f"{name}_node.tntp"
        trips, flow = folder / f"{name}_trips.tntp", folder / f"{name}_flow.tntp"
        if not net.exists():
            continue
        net_text = head_lines(net, 120)
        node_text = head_lines(node, 40) if node.exists() else b""
        flow_text = head_lines(flow, 60) if flow.exists() else b""
        corpus.add("tntp_net", name, join_files(net_text, node_text, flow_text))
        corpus.add("tntp_net", name + ".no_nodes", net_text)
        if trips.exists():
            corpus.add("tntp_trips", name, join_files(net_text, head_lines(trips, 60)))


# --- Native CSV: the small town's tables, whole and cut down.
def add_native_csv(corpus):
    town = ROOT / "scenarios" / "small_town"
    tables = [town / t for t in ("nodes.csv", "links.csv", "turns.csv", "signals.csv", "trips.csv")]
    read = [t.read_bytes() if t.exists() else b"" for t in tables]
    read[4] = head_lines(tables[4], 30)
    corpus.add("native_csv", "small_town", join_files(*read))
    corpus.add("native_csv", "small_town.network", join_files(read[0], read[1]))
    corpus.add("native_csv", "small_town.signals", join_files(read[0], read[1], b"", read[3]))
    corpus.add("native_csv", "small_town.turns",
               join_files(read[0], read[1], b"from_link,to_link,allowed\n" +
                          b"\n".join(l.split(b",")[0] + b"," + l.split(b",")[0] + b",0"
                                     for l in read[1].splitlines()[1:4]) + b"\n"))


def add_scenarios(corpus):
    for toml in sorted((ROOT / "scenarios").rglob("*.toml")):
        if toml.name == "datasets.toml":  # the data set manifest, another reader
            continue
        name = toml.relative_to(ROOT / "scenarios").as_posix().replace("/", ".")
        corpus.add("scenario_toml", name, toml.read_bytes())


def add_osm(corpus, seeds_tool, scratch):
    for literal in raw_literals("tests/formats/test_osm_reader.cpp"):
        if b"<osm" in literal:
            corpus.add("osm_xml", f"test_literal.{corpus.counts.get('osm_xml', 0)}", literal)
    # Small extracts of real data (XML and PBF alike), and the first bytes of the big PBF files.
    boxes = {"monaco": ("7.4200", "43.7300", "7.4235", "43.7325"),
             "andorra": ("1.5200", "42.5050", "1.5260", "42.5090")}
    for place, box in boxes.items():
        pbf = DATA / "osm" / place / f"{place}.osm.pbf"
        if not pbf.exists():
            continue
        stem = scratch / place
        subprocess.run([str(seeds_tool), "osm", str(pbf), str(stem), *box], check=True)
        corpus.add("osm_xml", place, stem.with_suffix(".osm").read_bytes())
        corpus.add("osm_pbf", place, Path(str(stem) + ".osm.pbf").read_bytes())
    for pbf in sorted((DATA / "osm").glob("*/*.osm.pbf")):
        corpus.add("osm_pbf", pbf.name + ".head", pbf.read_bytes()[:4096])


def add_runs(corpus, seeds_tool, scratch):
    run = scratch / "run.h5"
    subprocess.run([str(seeds_tool), "run", str(run)], check=True, stdout=subprocess.DEVNULL)
    for target in ("run_summary", "link_costs", "h5_compare"):
        corpus.add(target, "grid_run.h5", run.read_bytes())
        corpus.add(target, "grid_run.head", run.read_bytes()[:4096])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=ROOT / "build-fuzz")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or args.build / "seeds"
    if not DATA.exists():
        sys.exit(f"make_corpus: no data folder at {DATA}")
    shutil.rmtree(out, ignore_errors=True)
    scratch = out / ".scratch"
    scratch.mkdir(parents=True)
    seeds_tool = args.build / "bin" / "fuzz_make_seeds"
    corpus = Corpus(out)
    add_scenarios(corpus)
    add_native_csv(corpus)
    add_osm(corpus, seeds_tool, scratch)
    add_sumo(corpus)
    add_tntp(corpus)
    add_gtfs(corpus)
    add_runs(corpus, seeds_tool, scratch)
    shutil.rmtree(scratch)
    for target, count in sorted(corpus.counts.items()):
        print(f"{target:15} {count:3} seeds")


if __name__ == "__main__":
    main()
