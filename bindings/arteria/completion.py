"""Whether a run's trips completed, and travel times that count the trips that did not.

A mean over the trips that arrived leaves out exactly the trips a congested run fails to
finish: a variant that gridlocks can show a *shorter* arrived-only mean than its base. So every
mean here stands beside the counts of trips completed and not completed, and the headline travel
time counts an unfinished trip from its planned departure to the moment the run stopped
(``/kpi@stopped_at_s``): "incl. unfinished, counted to the end of the run". That is a lower
bound on what those trips will take; ``arteria run --until-clear`` follows them to the end.

The whole-run figures come from ``/kpi``; figures for a departure window, by departure hour and
as percentiles are worked out from the trip table the same way (a test keeps the two equal).
"""
import math

import numpy as np
import pandas as pd

# Statuses of trips that were due to depart and did not arrive (docs/OUTPUT.md, /trips/status).
UNFINISHED = ("en_route", "waiting", "stuck")
PERCENTILES = (10, 25, 50, 75, 90, 95, 99)


def completion(kpis):
    """The completion figures of a run's ``/kpi`` attributes as a dict (files written before
    they existed give the counts from their parts and NaN for the mean)."""
    en_route, waiting, stuck = (kpis["vehicles_en_route"], kpis["vehicles_waiting"],
                                kpis["vehicles_stuck"])
    return {
        "trips_completed": kpis["vehicles_arrived"],
        "trips_not_completed": kpis.get("vehicles_unfinished", en_route + waiting + stuck),
        "en_route_at_end": en_route,
        "never_got_in": waiting,
        "stuck_removed": stuck,
        "mean_travel_time_incl_unfinished_s": kpis.get("mean_travel_time_incl_unfinished_s",
                                                       math.nan),
        "mean_travel_time_arrived_s": kpis["mean_travel_time_s"],
        "network_cleared": bool(kpis.get("network_cleared", en_route + waiting == 0)),
    }


def warnings(results, label="the run"):
    """Sentences a reader must see before any mean of `results`: the network did not clear,
    or trips were removed as stuck. Empty when every trip due before the end arrived."""
    c = completion(results.kpis)
    if c["trips_not_completed"] == 0:
        return []
    stopped = _clock(results.kpis.get("stopped_at_s", results.meta["end_s"]))
    parts = (f"{c['en_route_at_end']:,} en route at the end, {c['never_got_in']:,} never got "
             f"in, {c['stuck_removed']:,} stuck and removed")
    if not c["network_cleared"]:
        return [f"warning: {label} did not clear by {stopped}: {c['trips_not_completed']:,} "
                f"trips did not complete ({parts}); its arrived-only means leave them out. "
                "`arteria run --until-clear` follows them to their arrival."]
    return [f"warning: in {label} {c['stuck_removed']:,} trips never arrived: removed as stuck "
            "(see \"Stuck vehicles\" in docs/USER_GUIDE.md); its arrived-only means leave them "
            "out."]


def _clock(seconds):
    seconds = int(round(seconds))
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def due_trips(results, start_s=None, end_s=None):
    """Road trips (not transit vehicles) due to depart before the run stopped, optionally only
    those departing in [start_s, end_s): status, depart_s and ``travel_time_s`` incl. unfinished
    (arrival, or the run's stop for a trip that did not arrive, minus planned departure)."""
    trips = results.trips
    stopped = results.kpis.get("stopped_at_s", results.meta["end_s"])
    road = ~trips["id"].isin(results.transit_trip_ids)
    due = road & (trips["depart_s"] < stopped) & (trips["status"] != "unroutable")
    due &= trips["status"] != "not_departed"
    if start_s is not None:
        due &= trips["depart_s"] >= start_s
    if end_s is not None:
        due &= trips["depart_s"] < end_s
    frame = trips.loc[due, ["status", "depart_s", "arrive_s", "free_flow_time_s"]].copy()
    arrived = frame["status"] == "arrived"
    frame["travel_time_s"] = np.where(arrived, frame["arrive_s"], stopped) - frame["depart_s"]
    frame["arrived"] = arrived
    return frame


def trip_kpis(results, start_s=None, end_s=None):
    """The completion KPIs of the road trips departing in [start_s, end_s) (None: open), from
    the trip table: over the whole run they equal ``/kpi``'s road-trip figures."""
    frame = due_trips(results, start_s, end_s)
    arrived = frame[frame["arrived"]]
    status = frame["status"].value_counts()
    return {
        "trips departing": len(frame),
        "trips completed": len(arrived),
        "trips not completed": len(frame) - len(arrived),
        "en route at end": int(status.get("en_route", 0)),
        "never got in": int(status.get("waiting", 0)),
        "stuck and removed": int(status.get("stuck", 0)),
        "mean travel time incl. unfinished": _mean(frame["travel_time_s"]),
        "mean travel time, arrived only": _mean(arrived["travel_time_s"]),
        "mean delay, arrived only": _mean(arrived["travel_time_s"]
                                          - arrived["free_flow_time_s"]),
    }


def _mean(values):
    return float(values.mean()) if len(values) else math.nan


def by_departure_hour(results, start_s=None, end_s=None):
    """Per hour of planned departure: trips, completed, and travel time incl. unfinished
    (mean, median, p90), with the arrived-only mean beside it."""
    frame = due_trips(results, start_s, end_s)
    hour = (frame["depart_s"] // 3600).astype(int)
    groups = frame.groupby(hour)
    table = pd.DataFrame({
        "trips": groups.size(),
        "completed": groups["arrived"].sum().astype(int),
        "mean_s": groups["travel_time_s"].mean(),
        "median_s": groups["travel_time_s"].median(),
        "p90_s": groups["travel_time_s"].quantile(0.9),
        "mean_arrived_s": frame[frame["arrived"]].groupby(hour)["travel_time_s"].mean(),
    })
    table.index = pd.Index([f"{h:02d}:00" for h in table.index], name="departure hour")
    return table


def percentiles(results, start_s=None, end_s=None):
    """Travel time incl. unfinished at the percentiles of PERCENTILES, as a Series."""
    times = due_trips(results, start_s, end_s)["travel_time_s"].to_numpy()
    values = np.percentile(times, PERCENTILES) if len(times) else [math.nan] * len(PERCENTILES)
    return pd.Series(values, index=pd.Index([f"p{p}" for p in PERCENTILES], name="percentile"))
