#!/usr/bin/python3
"""Import speed: Porto OSM by `arteria import osm` beside SUMO's netconvert, and every GTFS feed.

Porto (../shared/data/osm/porto, 348 k OSM nodes). Debian's netconvert 1.15 cannot read PBF, so
the fair method is: osmium-tool converts the PBF to OSM XML once (timed and reported apart);
netconvert imports that XML; Arteria imports both the PBF (its normal input) and the same XML.
The headline ratio is netconvert (XML) over Arteria (PBF), each from the file it reads best;
the XML-to-XML ratio is printed too, and so is osmium's conversion time. netconvert is asked
for what Arteria builds: a car network (--keep-edges.by-vclass passenger) with degree-2 nodes
merged (--geometry.remove), signals from the tags (its default) and only the largest component
(--keep-edges.components 1; weakly connected, where Arteria keeps the strongly connected one).
Arteria also draws its one mandatory random trip. Wall time and peak RSS come from
/usr/bin/time -v, every tool started the same way, one after another. Goal: >= 10x faster than
netconvert and under 1 GiB.

GTFS: every feed under ../shared/data/gtfs (a .zip or a folder of .txt) read, validated and
summarised by `arteria import gtfs`, wall time of the whole process; goal < 2 s each.

Run with Debian's Python: /usr/bin/python3 bench/import_speed.py [--skip-netconvert]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("ARTERIA_DATA", REPO.parent / "shared" / "data"))
ENV = dict(os.environ, SUMO_HOME=os.environ.get("SUMO_HOME", "/usr/share/sumo"))


def measure(command: list[str], log: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process, from /usr/bin/time -v."""
    with open(log, "w") as out:
        result = subprocess.run(["/usr/bin/time", "-v"] + command, stdout=out,
                                stderr=subprocess.STDOUT, env=ENV)
    text = log.read_text()
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{text[-2000:]}")
    clock = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", text)
    hours, minutes, seconds = clock.groups()
    wall = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    rss_kb = float(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return wall, rss_kb / 1024.0


def count(pattern: str, log: Path) -> str:
    match = re.search(pattern, log.read_text())
    return match.group(1) if match else "?"


def porto(arteria: Path, work: Path, skip_netconvert: bool) -> None:
    pbf = DATA / "osm" / "porto" / "porto_portugal.osm.pbf"
    xml = work / "porto.osm"
    print(f"Porto: {pbf} ({pbf.stat().st_size / 2**20:.1f} MiB PBF)")
    rows = []
    wall, rss = measure([str(arteria), "import", "osm", str(pbf), "--out", str(work / "a_pbf"),
                         "--trips", "1"], work / "arteria_pbf.log")
    links = count(r"imported: [\d,]+ nodes, ([\d,]+) links", work / "arteria_pbf.log")
    rows.append(("arteria import osm (PBF)", wall, rss, f"{links} links"))
    if shutil.which("osmium"):
        wall, rss = measure(["osmium", "cat", "--overwrite", str(pbf), "-o", str(xml)],
                            work / "osmium.log")
        rows.append(("osmium cat PBF -> XML", wall, rss,
                     f"{xml.stat().st_size / 2**20:.0f} MiB XML"))
        wall, rss = measure([str(arteria), "import", "osm", str(xml), "--out",
                             str(work / "a_xml"), "--trips", "1"], work / "arteria_xml.log")
        rows.append(("arteria import osm (XML)", wall, rss,
                     count(r"imported: [\d,]+ nodes, ([\d,]+) links", work / "arteria_xml.log") +
                     " links"))
        if not skip_netconvert and shutil.which("netconvert"):
            wall, rss = measure(["netconvert", "--osm-files", str(xml), "-o",
                                 str(work / "porto.net.xml"), "--keep-edges.by-vclass",
                                 "passenger", "--geometry.remove", "--keep-edges.components", "1",
                                 "--no-warnings"], work / "netconvert.log")
            edges = subprocess.run(
                ["bash", "-c", f"grep '<edge ' {work / 'porto.net.xml'} | "
                               "grep -vc 'function=\"internal\"'"],
                capture_output=True, text=True).stdout.strip()
            rows.append(("netconvert (XML)", wall, rss, f"{int(edges):,} edges"))
    else:
        print("osmium-tool is not installed (apt-get install osmium-tool): no netconvert run")
    print(f"  {'':28} {'wall s':>8} {'peak RSS MiB':>13}")
    for name, wall, rss, what in rows:
        print(f"  {name:28} {wall:>8.2f} {rss:>13.0f}   {what}")
    by_name = {name: (wall, rss) for name, wall, rss, _ in rows}
    if "netconvert (XML)" in by_name:
        net_wall = by_name["netconvert (XML)"][0]
        pbf_wall, pbf_rss = by_name["arteria import osm (PBF)"]
        xml_wall = by_name["arteria import osm (XML)"][0]
        osmium_wall = by_name["osmium cat PBF -> XML"][0]
        print(f"  netconvert / arteria: {net_wall / pbf_wall:.1f}x (XML vs PBF), "
              f"{net_wall / xml_wall:.1f}x (both XML), "
              f"{(net_wall + osmium_wall) / pbf_wall:.1f}x (osmium + netconvert vs PBF)")
        print(f"  goal >= 10x faster: {net_wall / pbf_wall >= 10}; under 1 GiB: {pbf_rss < 1024}")


def gtfs(arteria: Path, work: Path) -> None:
    feeds = sorted(list((DATA / "gtfs").glob("*/*.zip")) +
                   [d for d in (DATA / "gtfs").iterdir() if (d / "stop_times.txt").exists()])
    print("GTFS: arteria import gtfs (read, validate, select the busiest day, summarise)")
    print(f"  {'':48} {'wall s':>7} {'peak RSS MiB':>13}")
    worst = 0.0
    for i, feed in enumerate(feeds):
        log = work / f"gtfs_{i}.log"
        wall, rss = measure([str(arteria), "import", "gtfs", str(feed), "--out",
                             str(work / f"gtfs_{i}")], log)
        worst = max(worst, wall)
        trips = count(r"service day \d+: ([\d,]+) trips", log)
        print(f"  {str(feed.relative_to(DATA)):48} {wall:>7.2f} {rss:>13.0f}   "
              f"{trips} trips on the busiest day")
    print(f"  goal < 2 s each: {worst < 2.0} (slowest {worst:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arteria", default=None, help="the arteria binary (default: build*/)")
    parser.add_argument("--skip-netconvert", action="store_true", help="netconvert takes ~80 s")
    args = parser.parse_args()
    arteria = Path(args.arteria) if args.arteria else next(
        (p for p in sorted(REPO.glob("build*/bin/arteria")) if p.exists()), None)
    if arteria is None:
        sys.exit("needs a built arteria (--arteria PATH)")
    work = Path(tempfile.mkdtemp(prefix="arteria-import-"))
    try:
        porto(arteria.resolve(), work, args.skip_netconvert)
        gtfs(arteria.resolve(), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
