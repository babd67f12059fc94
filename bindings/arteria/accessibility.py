"""The maps behind ``arteria accessibility``: per stop, stops at their position (metres east
and north of the feed's centre, with a scale bar and north arrow) coloured by how many stops
transit reaches from them within the budget (the median over departures); from a place
(``--at``), the travel time to every stop in isochrone bands."""
import csv
import os


def draw_accessibility(table, out=None, title=None):
    """Reads the CSV ``arteria accessibility`` wrote and saves a scatter map as PNG.

    Returns the path of the figure (``out``, or ``accessibility.png`` beside the table).
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from .figures import local_metres
    from .map_drawing import frame_points

    lon, lat, reach = [], [], []
    with open(table, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            lon.append(float(row["lon"]))
            lat.append(float(row["lat"]))
            reach.append(float(row["reachable_median"]))
    if out is None:
        out = os.path.join(os.path.dirname(os.path.abspath(table)), "accessibility.png")
    # Draw the best-served stops last, so they stay visible where stops crowd together.
    order = sorted(range(len(reach)), key=lambda i: reach[i])
    x_m, y_m = local_metres(np.asarray(lon)[order], np.asarray(lat)[order])
    fig, ax = plt.subplots(figsize=(8, 8))
    points = ax.scatter(x_m, y_m, c=[reach[i] for i in order], cmap="viridis", s=14,
                        linewidths=0)
    fig.colorbar(points, ax=ax, shrink=0.8, label="stops reachable (median over departures)")
    frame_points(ax, x_m, y_m)
    ax.set_title(title or "Transit accessibility")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def draw_isochrones(table, out=None, title=None, place=None, walk_m=None, minutes=60.0,
                    band_min=15.0):
    """Reads the CSV of ``arteria accessibility --at`` and saves an isochrone map as PNG.

    Stops are drawn at their projected coordinates (km east and north of the feed's centre),
    coloured by the band of their median travel time from the place (0-15, 15-30, ... min, up
    to ``minutes``); stops not reached within the budget are light grey. ``place`` is the
    place's (x_m, y_m), marked with a star and, with ``walk_m``, the circle of straight-line
    walking distance. Returns the path of the figure.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm
    from matplotlib.patches import Circle

    reached, unreached = [], []
    with open(table, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            x, y = float(row["x_m"]) / 1000.0, float(row["y_m"]) / 1000.0
            if row["travel_time_min"]:
                reached.append((x, y, float(row["travel_time_min"])))
            else:
                unreached.append((x, y))
    if out is None:
        out = os.path.join(os.path.dirname(os.path.abspath(table)), "place_accessibility.png")
    bounds = [0.0]
    while bounds[-1] < minutes:
        bounds.append(min(bounds[-1] + band_min, minutes))
    cmap = plt.get_cmap("viridis_r", len(bounds) - 1)
    norm = BoundaryNorm(bounds, cmap.N)
    fig, ax = plt.subplots(figsize=(8, 8))
    if unreached:
        ax.scatter([p[0] for p in unreached], [p[1] for p in unreached], s=8, color="0.85",
                   linewidths=0, label=f"not reached within {minutes:g} min")
    # The farthest first, so the stops near the place stay on top.
    reached.sort(key=lambda p: -p[2])
    points = ax.scatter([p[0] for p in reached], [p[1] for p in reached],
                        c=[p[2] for p in reached], cmap=cmap, norm=norm, s=18, linewidths=0)
    fig.colorbar(points, ax=ax, shrink=0.8, ticks=bounds,
                 label="travel time from the place (min, median over departures)")
    if place is not None:
        px, py = place[0] / 1000.0, place[1] / 1000.0
        ax.plot([px], [py], marker="*", markersize=16, color="crimson", linestyle="none",
                label="the place")
        if walk_m:
            ax.add_patch(Circle((px, py), walk_m / 1000.0, fill=False, color="crimson",
                                linestyle="--", label=f"{walk_m:g} m walk"))
    ax.set_xlabel("east (km)")
    ax.set_ylabel("north (km)")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title(title or "Travel time by transit", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out


def from_place(feed, at, out, from_="07:00", to="09:00", minutes=60.0, walk_m=600.0,
               walk_speed_mps=None, step_s=60.0, date=None, plot=True):
    """Transit accessibility from a place, as ``arteria accessibility FEED --at AT`` computes it.

    ``at`` is ``(lat, lon)`` or a stop name (every stop whose name contains it: the bays of an
    interchange). The passenger walks to every stop within ``walk_m`` (straight line x 1.3 at
    ``walk_speed_mps``, default 1.33 m/s) and rides on. Writes ``out/place_accessibility.csv``
    (and, with ``plot``, the isochrone map ``out/place_accessibility.png``) and returns the table
    as a list of dicts, reached stops first by median travel time (``travel_time_min`` empty for
    stops not reached within ``minutes``).
    """
    import subprocess
    from .study import arteria_command

    command = arteria_command()
    if command is None:
        raise RuntimeError("the `arteria` command is not installed beside this package "
                           "(set ARTERIA_CLI to its path)")
    place = f"{at[0]},{at[1]}" if isinstance(at, (tuple, list)) else str(at)
    args = [command, "accessibility", str(feed), "--at", place, "--from", from_, "--to", to,
            "--minutes", f"{minutes:g}", "--walk-m", f"{walk_m:g}", "--step", f"{step_s:g}",
            "--out", str(out)]
    if walk_speed_mps is not None:
        args += ["--walk-speed", f"{walk_speed_mps:g}"]
    if date:
        args += ["--date", str(date)]
    if not plot:
        args.append("--no-plot")
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit code {done.returncode}"]
        raise ValueError(lines[-1])
    with open(os.path.join(str(out), "place_accessibility.csv"), newline="",
              encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
