"""What-if: a through-truck ban in the city centre: what does it do to CO2, NOx and PM2.5 per
district?

The default city's morning peak with delivery trucks added (diesel, Euro VI, crossing the city
from edge to edge), run twice: as it is, and with trucks banned from the streets of the
business district north of the river (a [[vehicle_classes]] table with the zone's links as the
truck's banned_links, written as a variant file of the default city). Emissions are summed per
district (the centre, the rest of the north bank, the south-west and the south-east) and per
vehicle class, and the change is written as a table (district_emissions.csv), a bar chart
(district_change.png) and `arteria compare`'s CO2 change map (compare/co2_change_map.png).

    /usr/bin/python3 examples/emissions_of_a_variant.py --out truck_ban/  # default city, ~15 s
    /usr/bin/python3 examples/emissions_of_a_variant.py --small           # 11 x 11 grid, CI
"""
import argparse
import json
import pathlib

import numpy as np

import arteria
from arteria.districts import (POLLUTANTS, Districts, emission_change_by_district,
                               save_district_change_chart)

DEFAULT_CITY = pathlib.Path(__file__).resolve().parents[1] / "scenarios" / "default_city.toml"
SMALL = ["network.grid.columns=11", "network.grid.rows=11", "demand.trips=3000"]
BLOCK_M = 200.0  # the default city's block (scenarios/default_city.toml)


class City:
    """The grid city's layout: the river between rows (rows-1)//2 and the next, the business
    district centred on column (columns-1)/2, row 0.7 (rows-1) (the generated demand's)."""

    def __init__(self, columns, rows, zone_blocks):
        self.columns, self.rows = columns, rows
        self.width_m, self.height_m = (columns - 1) * BLOCK_M, (rows - 1) * BLOCK_M
        self.river_m = ((rows - 1) // 2 + 0.5) * BLOCK_M  # halfway between the banks
        centre_x = (columns - 1) / 2 * BLOCK_M
        centre_y = (rows - 1) * 0.7 * BLOCK_M
        half = zone_blocks * BLOCK_M + BLOCK_M / 4  # a quarter block beyond the outer streets
        self.zone = [(centre_x - half, self.river_m), (centre_x + half, self.river_m),
                     (centre_x + half, centre_y + half), (centre_x - half, centre_y + half)]

    def districts(self):
        """The centre (the ban zone) first: it wins over the north bank it lies in."""
        margin = BLOCK_M / 2  # so the outermost streets fall inside
        west, east = -margin, self.width_m + margin
        south, north = -margin, self.height_m + margin
        middle = self.width_m / 2
        return Districts({
            "centre (ban zone)": self.zone,
            "north bank": [(west, self.river_m), (east, self.river_m), (east, north),
                           (west, north)],
            "south-west": [(west, south), (middle, south), (middle, self.river_m),
                           (west, self.river_m)],
            "south-east": [(middle, south), (east, south), (east, self.river_m),
                           (middle, self.river_m)],
        })

    def edge_nodes(self):
        """Node ids on the west and east edges north of the river and on the south and north
        edges: where the through-trucks come from and go to."""
        north_rows = range((self.rows - 1) // 2 + 1, self.rows)
        return {"west": [f"0_{r}" for r in north_rows],
                "east": [f"{self.columns - 1}_{r}" for r in north_rows],
                "south": [f"{c}_0" for c in range(self.columns)],
                "north": [f"{c}_{self.rows - 1}" for c in range(self.columns)]}


def add_trucks(scenario, city, count, seed=11):
    """`count` through-trucks, departing evenly over 06:00-10:00: half cross the north bank
    west-east (either way), half cross the river south-north (either way)."""
    rng = np.random.default_rng(seed)
    edges = city.edge_nodes()
    pairs = [("west", "east"), ("east", "west"), ("south", "north"), ("north", "south")]
    for i in range(count):
        start, end = pairs[i % len(pairs)]
        origin, destination = rng.choice(edges[start]), rng.choice(edges[end])
        depart_s = 6 * 3600 + (4 * 3600) * i / count
        scenario.add_trip(str(origin), str(destination), depart_s, vehicle_class="truck")


def zone_links(results, city):
    """The links whose midpoint lies in the ban zone."""
    districts = Districts({"zone": city.zone})
    return list(results.link_ids[districts.link_districts(results) == "zone"])


def write_variant(path, links):
    """The variant as a scenario file: the default city with trucks banned from `links`."""
    path.write_text(
        "# The default city with a through-truck ban in the business district "
        "(examples/emissions_of_a_variant.py).\n"
        "[scenario]\nname = \"truck ban in the centre\"\n"
        f"base = {json.dumps(str(DEFAULT_CITY))}\n\n"
        f"[[vehicle_classes]]\nname = \"truck\"\nbanned_links = {json.dumps(links)}\n")


def print_tables(change, classes):
    print("\nexhaust per district, base -> variant (kg), change:")
    header = "".join(f"{label:>30}" for label in ("CO2", "NOx", "PM2.5"))
    print(f"{'district':<20}{header}")
    for district, row in change.iterrows():
        cells = ""
        for p, digits in zip(POLLUTANTS, (0, 2, 4)):
            cell = (f"{row[f'{p}_base_kg']:.{digits}f} -> {row[f'{p}_variant_kg']:.{digits}f}"
                    f" ({row[f'{p}_change_pct']:+.1f} %)")
            cells += f"{cell:>30}"
        print(f"{district:<20}{cells}")
    print("\nper vehicle class, base -> variant:")
    print(f"{'class':<14}{'vehicle-km':>22}{'CO2 (kg)':>22}{'NOx (kg)':>22}")
    for name, row in classes.iterrows():
        cells = [f"{row[f'{c}_base']:.{d}f} -> {row[f'{c}_variant']:.{d}f}"
                 for c, d in (("vehicle_km", 0), ("co2_kg", 0), ("nox_kg", 2))]
        print(f"{name:<14}" + "".join(f"{cell:>22}" for cell in cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="an 11 x 11 grid (fast, for CI)")
    parser.add_argument("--out", default="truck_ban", help="folder for results and figures")
    parser.add_argument("--threads", type=int, default=0)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    overrides = SMALL if args.small else []
    city = City(11, 11, zone_blocks=2) if args.small else City(31, 31, zone_blocks=4)
    trucks = 300 if args.small else 3000

    base = arteria.Scenario.load(str(DEFAULT_CITY), overrides)
    add_trucks(base, city, trucks)
    base_run = arteria.run(base, out / "base.h5", threads=args.threads)

    banned = zone_links(base_run, city)
    write_variant(out / "truck_ban.toml", banned)
    variant = arteria.Scenario.load(str(out / "truck_ban.toml"), overrides)
    add_trucks(variant, city, trucks)
    variant_run = arteria.run(variant, out / "truck_ban.h5", threads=args.threads)
    print(f"through-trucks: {trucks}, banned from {len(banned)} links of the centre; "
          f"unroutable in the variant: {variant_run.kpis['vehicles_unroutable']}")

    comparison = arteria.compare(base_run, variant_run, out_dir=out / "compare")
    print(comparison)
    change = emission_change_by_district(base_run, variant_run, city.districts())
    change.to_csv(out / "district_emissions.csv")
    chart = save_district_change_chart(
        out / "district_change.png", change,
        title="Through-truck ban in the centre: exhaust change per district, variant - base")
    classes = base_run.class_emissions().join(variant_run.class_emissions(), lsuffix="_base",
                                              rsuffix="_variant")
    classes = classes[(classes["vehicle_km_base"] > 0) | (classes["vehicle_km_variant"] > 0)]
    print_tables(change, classes)
    print(f"\nfigures: {chart}, {comparison.figures['co2_change_map']}")

    centre = change.loc["centre (ban zone)"]
    whole_city = 100 * change["nox_change_kg"].sum() / change["nox_base_kg"].sum()
    print(f"the through-truck ban changes NOx in the centre by {centre['nox_change_pct']:+.1f} % "
          f"and in the whole city by {whole_city:+.1f} %")
    # Trucks no longer drive through the centre: its NOx, which trucks dominate, must fall.
    assert centre["nox_change_kg"] < 0


if __name__ == "__main__":
    main()
