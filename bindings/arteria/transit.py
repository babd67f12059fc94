"""Transit and passengers in a run file as pandas DataFrames, and the crowding comparison of two
runs (used by :class:`arteria.Results` and ``arteria compare``).

Layout (docs/OUTPUT.md): ``/transit/stops`` (columns plus ``boardings``/``alightings``
as 2-D ``[bin, stop]`` with a ``time_s`` axis), ``/transit/trips``, ``/transit/calls`` (one row
per stop call, trip then sequence order) and ``/passengers``, each a group of 1-D columns. Code
columns (``status``, ``reason``) carry their names in a ``<column>_names`` attribute.
"""
import numpy as np
import pandas as pd

STOP_KINDS = ("boardings", "alightings")
STOP_COLUMNS = ("id", "name", "lat_deg", "lon_deg")
TRIP_COLUMN_ORDER = ("id", "route_id", "route_name", "mode", "vehicle_type", "capacity",
                     "vehicle", "status", "boardings", "max_load", "max_load_factor",
                     "distance_m")
CALL_COLUMN_ORDER = ("trip", "trip_id", "route_id", "stop", "stop_id", "sequence",
                     "scheduled_arrival_s", "arrival_s", "deviation_s", "scheduled_departure_s",
                     "departure_s", "boardings", "alightings", "denied", "load", "capacity",
                     "load_factor")
PASSENGER_COLUMN_ORDER = ("id", "status", "reason", "depart_s", "arrive_s", "journey_time_s",
                          "walk_s", "wait_s", "in_vehicle_s", "rides", "transfers", "denied",
                          "replans")


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _columns(group, only=None):
    """name -> numpy array for every 1-D dataset of `group` (strings decoded to objects)."""
    columns = {}
    for name in (only if only is not None else group):
        data = group[name]
        if data.ndim != 1:
            continue
        columns[name] = (np.asarray(data.asstr()[:], dtype=object) if data.dtype.kind == "O"
                         else data[:])
    return columns


def _named_codes(frame, group, column, names_attribute):
    """Replaces integer codes by a categorical of the names stored beside them."""
    names = group[column].attrs.get(names_attribute, group.attrs.get(names_attribute))
    frame[column] = pd.Categorical.from_codes(frame[column].astype(np.int64),
                                              categories=[_text(n) for n in names])


def _ordered(frame, order):
    first = [c for c in order if c in frame.columns]
    return frame[first + [c for c in frame.columns if c not in first]]


def _ratio(numerator, denominator):
    numerator = np.asarray(numerator, np.float64)
    denominator = np.asarray(denominator, np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


def read_stops(f):
    group = f["transit/stops"]
    frame = pd.DataFrame(_columns(group, [c for c in STOP_COLUMNS if c in group]))
    for kind in STOP_KINDS:
        frame[kind] = group[kind][:].sum(axis=0, dtype=np.int64)
    frame.index.name = "stop"
    return frame


def read_stop_series(f, kind):
    if kind not in STOP_KINDS:
        raise KeyError(f"no stop series '{kind}' (one of {', '.join(STOP_KINDS)})")
    group = f["transit/stops"]
    ids = np.asarray(group["id"].asstr()[:], dtype=object)
    return pd.DataFrame(group[kind][:], index=pd.Index(group["time_s"][:], name="time_s"),
                        columns=pd.Index(ids, name="stop"))


def read_trips(f):
    group = f["transit/trips"]
    frame = pd.DataFrame(_columns(group))
    _named_codes(frame, group, "status", "status_names")
    frame["max_load_factor"] = _ratio(frame["max_load"], frame["capacity"])
    frame.index.name = "trip"
    return _ordered(frame, TRIP_COLUMN_ORDER)


def read_calls(f):
    group = f["transit/calls"]
    frame = pd.DataFrame(_columns(group))
    if "deviation_s" not in frame:
        frame["deviation_s"] = frame["arrival_s"] - frame["scheduled_arrival_s"]
    trips = f["transit/trips"]
    trip_rows = frame["trip"].to_numpy(np.int64)
    frame["trip_id"] = np.asarray(trips["id"].asstr()[:], dtype=object)[trip_rows]
    frame["route_id"] = np.asarray(trips["route_id"].asstr()[:], dtype=object)[trip_rows]
    stop_ids = np.asarray(f["transit/stops/id"].asstr()[:], dtype=object)
    frame["stop_id"] = stop_ids[frame["stop"].to_numpy(np.int64)]
    frame["capacity"] = trips["capacity"][:][trip_rows]
    frame["load_factor"] = _ratio(frame["load"], frame["capacity"])
    return _ordered(frame, CALL_COLUMN_ORDER)


def read_passengers(f):
    group = f["passengers"]
    frame = pd.DataFrame(_columns(group))
    _named_codes(frame, group, "status", "status_names")
    _named_codes(frame, group, "reason", "reason_names")
    frame["journey_time_s"] = frame["arrive_s"] - frame["depart_s"]
    return _ordered(frame, PASSENGER_COLUMN_ORDER)


# ---- comparison of two runs ----

def route_load_factors(results):
    """Per route: mean and max load factor (passengers on board / capacity) over the segments
    vehicles ran, i.e. calls a vehicle left with another call of its trip still ahead."""
    calls = results.transit_calls().sort_values(["trip", "sequence"], kind="stable")
    trips = results.transit_trips()
    has_next = (calls["trip"].shift(-1) == calls["trip"]).to_numpy()
    ran = calls[has_next & calls["departure_s"].notna().to_numpy()]
    table = ran.groupby("route_id", sort=True)["load_factor"].agg(["mean", "max"])
    table.columns = ["mean_load_factor", "max_load_factor"]
    names = trips.drop_duplicates("route_id").set_index("route_id")["route_name"]
    table.insert(0, "route_name", names.reindex(table.index))
    table.index.name = "route"
    return table


def crowding_table(base, variant):
    """Per route in either run: mean and max load factor in both and the change in the mean."""
    a, b = route_load_factors(base), route_load_factors(variant)
    routes = a.index.union(b.index)
    a, b = a.reindex(routes), b.reindex(routes)
    table = pd.DataFrame({
        "route_name": a["route_name"].combine_first(b["route_name"]),
        "mean_base": a["mean_load_factor"], "mean_variant": b["mean_load_factor"],
        "max_base": a["max_load_factor"], "max_variant": b["max_load_factor"]})
    table["mean_change"] = table["mean_variant"] - table["mean_base"]
    table.index.name = "route"
    return table


def stop_boarding_changes(base, variant):
    """Per stop id in either run: total boardings in both (0 where a run lacks the stop)."""
    a = base.transit_stops().set_index("id")
    b = variant.transit_stops().set_index("id")
    stops = a.index.union(b.index, sort=False)
    a, b = a.reindex(stops), b.reindex(stops)
    table = pd.DataFrame({"name": a["name"].combine_first(b["name"]),
                          "boardings_base": a["boardings"].fillna(0).astype(np.int64),
                          "boardings_variant": b["boardings"].fillna(0).astype(np.int64)})
    table["change"] = table["boardings_variant"] - table["boardings_base"]
    table.index.name = "stop"
    return table
