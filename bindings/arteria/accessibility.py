"""The map behind ``arteria accessibility``: stops at their longitude and latitude, coloured by
how many stops transit reaches from them within the budget (the median over departures)."""
import csv
import os


def draw_accessibility(table, out=None, title=None):
    """Reads the CSV ``arteria accessibility`` wrote and saves a scatter map as PNG.

    Returns the path of the figure (``out``, or ``accessibility.png`` beside the table).
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

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
    fig, ax = plt.subplots(figsize=(8, 8))
    points = ax.scatter([lon[i] for i in order], [lat[i] for i in order],
                        c=[reach[i] for i in order], cmap="viridis", s=14, linewidths=0)
    fig.colorbar(points, ax=ax, shrink=0.8, label="stops reachable (median over departures)")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_aspect("equal", adjustable="datalim")
    ax.set_title(title or "Transit accessibility")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return out
