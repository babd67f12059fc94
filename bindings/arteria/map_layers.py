"""What the figures need to know about a run beyond its tables: whether it has road traffic at
all, which links are roads, which were closed and when, and the network's map context."""
import h5py
import numpy as np

CAR_BIT = 1  # /network/links/modes@bits: car=1 bus=2 truck=4 bike=8 rail=16
TRIP_STATUS_KPIS = ("vehicles_arrived", "vehicles_en_route", "vehicles_stuck",
                    "vehicles_waiting", "vehicles_not_departed", "vehicles_unroutable")


def road_trip_count(results):
    """Road trips of the run: every vehicle trip (the KPIs count each once, by its status at
    the end) less one per timetable trip (each transit vehicle is a trip of its own)."""
    vehicles = sum(int(results.kpis.get(name, 0)) for name in TRIP_STATUS_KPIS)
    return vehicles - int(results.kpis.get("transit_trips", 0))


def has_road_traffic(results):
    """Whether road figures mean anything for the run: a transit-only run (a GTFS feed on its
    guideways) has none, and its buses' speeds are not traffic."""
    return road_trip_count(results) > 0


def road_links(results):
    """Indices of the links cars may use: road maps leave out transit guideways (`gw:` links,
    bus or rail only), whose free speeds are a timetable's, not a street's."""
    modes = results.links["modes"].to_numpy() if "modes" in results.links else None
    if modes is None:
        return np.arange(len(results.links))
    return np.flatnonzero(modes.astype(np.int64) & CAR_BIT)


def closed_links(results, at_s=None):
    """Indices of the links a close_link event closed: those closed at time `at_s` (the last
    close or reopen event at or before it decides), or with `at_s` None those closed at any
    time of the run."""
    events = results.events
    events = events[events["kind"].isin(["close_link", "reopen_link"])].sort_values(
        "time_s", kind="stable")
    index = {link: i for i, link in enumerate(results.link_ids)}
    closed, ever = set(), set()
    for time_s, kind, target in zip(events["time_s"], events["kind"], events["target"]):
        if at_s is not None and time_s > at_s:
            break
        if target not in index:
            continue
        if kind == "close_link":
            closed.add(index[target])
            ever.add(index[target])
        else:
            closed.discard(index[target])
    return sorted(ever if at_s is None else closed)


def map_context(results):
    """The network's map context (/network/context, docs/OUTPUT.md) as a dict of lists
    ``kind``, ``name`` and ``points`` (an (n, 2) array of metres each), or None when the file
    has none (networks from files without context, files written before it existed)."""
    def read(f):
        if "network/context" not in f:
            return None
        group = f["network/context"]
        offsets = group["point_offsets"][:]
        points = np.column_stack([group["x_m"][:], group["y_m"][:]])
        return {"kind": list(group["kind"].asstr()[:]), "name": list(group["name"].asstr()[:]),
                "points": [points[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]}
    with h5py.File(results.path, "r") as f:
        return read(f)
