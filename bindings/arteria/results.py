"""Reading a run file (`arteria run`, `arteria.run`) as numpy arrays and pandas DataFrames.

The file layout is docs/ARCHITECTURE.md "Output": columnar groups (one 1-D dataset per column)
and 2-D link series ``[bin, link]`` with a ``/links/time_s`` axis. Everything here is plain
h5py + pandas, so the same file is just as easy to read without this class.

xarray-style access: xarray is not installed with Arteria (it is not a Debian dependency of the
project). The link series are already labelled cubes, and :meth:`Results.to_xarray_dict`
returns them in the dictionary form ``xarray.Dataset.from_dict`` takes, so where xarray is
available ``xarray.Dataset.from_dict(results.to_xarray_dict())`` gives a Dataset with dimensions
``time_s`` and ``link``. Without it, the same labels come from :meth:`Results.link_series`
(pandas) or ``h5py.File(path)["links/inflow"]`` plus ``links/time_s`` and
``network/links/id`` (read string datasets with ``.asstr()[:]``).
"""
import functools
import pathlib

import h5py
import numpy as np
import pandas as pd

from . import completion, map_layers, transit
from . import _arteria
from ._arteria import InputError

# /trips/route_* (output.routes = true): the links each trip drove, read by select_link.py.
TRIP_ROUTE_COLUMNS = ("route_first_link", "route_links")
LINK_SERIES = ("inflow", "outflow", "occupancy", "mean_speed_mps", "queue_veh")
# /emissions: grams per link and bin (docs/EMISSIONS.md); files before layout 5 have none.
EMISSION_SERIES = ("co2_g", "nox_g", "pm25_g", "fuel_g")
# h5py lists a group's datasets alphabetically; this is the order a reader scans a trip in.
TRIP_COLUMN_ORDER = ("vehicle", "id", "origin", "destination", "origin_id", "destination_id",
                     "depart_s", "insert_s", "arrive_s", "removed_s", "travel_time_s", "free_flow_time_s",
                     "delay_s", "distance_m", "status", "reroutes")


def input_error(file, message, field=""):
    """An arteria.InputError like the engine's, for bad input found on the Python side."""
    error = InputError(f"{file}: {message}" if not field else f"{file}: field '{field}': {message}")
    error.file, error.line, error.field, error.message = str(file), 0, field, message
    return error


def _python_scalar(value):
    """HDF5 attributes come back as numpy scalars or bytes; callers want plain Python values."""
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _strings(dataset):
    return np.asarray(dataset.asstr()[:], dtype=object)


class Results:
    """A finished run, read from its HDF5 file.

    ``Results(path)`` checks that the file is an Arteria run and reads the small parts (meta,
    KPIs) at once; tables and series are read on first use and kept. Attributes:

    - ``meta``: run metadata (engine version, scenario name and hash, seed, threads, step,
      start, end, bin length), ``kpis``: the KPI attributes, ``perf``: wall-clock figures;
    - ``links`` / ``nodes``: DataFrames of the network's attributes, indexed by the engine's
      dense link / node index, with external ids in ``id`` (links also ``from_id``/``to_id``);
    - ``trips``: one row per vehicle trip; ``status`` is a categorical with the file's names,
      plus ``travel_time_s`` and ``delay_s`` derived for arrived trips (NaN otherwise);
    - ``completion()``: trips completed and not (en route at the end, never got in, stuck
      and removed), the mean travel time incl. unfinished trips (counted to the end of the
      run) beside the arrived-only one, and whether the network cleared; ``warnings()``:
      what a reader must know before any mean (the run did not clear, trips got stuck);
      ``trip_kpis(start_s, end_s)``, ``travel_times_by_hour()`` and
      ``travel_time_percentiles()`` the same from the trip table, for a departure window;
    - ``events``: the what-if events applied (time_s, kind, target, value, plan);
    - ``time_s``: bin start times; ``link_series(name)`` / ``link_array(name)``;
    - emissions (when ``has_emissions``): ``emission_array(name)`` (grams per bin and link),
      ``link_emissions()`` (kg per link over the run), ``class_emissions()`` (per vehicle
      class) and ``emissions_by_district(districts)``; the totals are in ``kpis``;
    - transit (when ``has_transit``): ``transit_stops()``, ``stop_series(kind)``,
      ``transit_trips()``, ``transit_calls()`` and ``passengers()``, codes decoded to names.
    """

    def __init__(self, path):
        if isinstance(path, Results):
            path = path.path
        self.path = pathlib.Path(path)
        if not self.path.is_file():
            raise input_error(self.path, "no such result file")
        _arteria.check_file_seal(str(self.path), [_arteria.RUN_FILE_MAGIC], "run file")
        try:
            with h5py.File(self.path, "r") as f:
                if "meta" not in f or f["meta"].attrs.get("format") != "arteria.run":
                    raise input_error(self.path, "not an Arteria run file (no /meta@format)")
                self.meta = {k: _python_scalar(v) for k, v in f["meta"].attrs.items()}
                self.kpis = {k: _python_scalar(v) for k, v in f["kpi"].attrs.items()}
                self.perf = ({k: _python_scalar(v) for k, v in f["perf"].attrs.items()}
                             if "perf" in f else {})
                self.bin_s = float(f["links"].attrs["bin_s"])
                self.time_s = f["links/time_s"][:]
        except OSError as error:
            raise input_error(self.path, f"cannot read it as HDF5 ({error})") from None

    def __repr__(self):
        cleared = "" if self.completion()["network_cleared"] else ", did not clear"
        return (f"<arteria.Results '{self.meta.get('scenario_name', '')}' {self.path}: "
                f"{len(self.link_ids)} links, {len(self.time_s)} bins{cleared}>")

    @property
    def stopped_at_s(self):
        """Simulated time the run stopped: its end, earlier when the network emptied, later
        with ``until_clear`` (files before layout 4: the scenario's end)."""
        return self.kpis.get("stopped_at_s", self.meta["end_s"])

    # ---- completion: counts beside every mean (arteria/completion.py) ----

    def completion(self):
        """Trips completed and not completed (en route at the end, never got in, stuck and
        removed), the mean travel times incl. unfinished and of arrived trips only, and
        whether the network cleared, as a dict."""
        return completion.completion(self.kpis)

    def warnings(self, label="the run"):
        """What a reader must see before any mean: the network did not clear, or trips were
        removed as stuck. A list of sentences, empty for a run whose due trips all arrived."""
        return completion.warnings(self, label)

    def trip_kpis(self, start_s=None, end_s=None):
        """Completion KPIs of the road trips departing in [start_s, end_s), from the trips."""
        return completion.trip_kpis(self, start_s, end_s)

    def travel_times_by_hour(self, start_s=None, end_s=None):
        """Per departure hour: trips, completed, travel time incl. unfinished (mean, median,
        p90) and the arrived-only mean."""
        return completion.by_departure_hour(self, start_s, end_s)

    def travel_time_percentiles(self, start_s=None, end_s=None):
        """Percentiles of the travel time incl. unfinished trips (counted to the end)."""
        return completion.percentiles(self, start_s, end_s)

    def _read(self, fn):
        with h5py.File(self.path, "r") as f:
            return fn(f)

    # ---- network ----

    @functools.cached_property
    def nodes(self):
        def read(f):
            group = f["network/nodes"]
            frame = pd.DataFrame({"id": _strings(group["id"]), "x_m": group["x_m"][:],
                                  "y_m": group["y_m"][:]})
            if "centroid" in group:
                frame["centroid"] = group["centroid"][:].astype(bool)
            return frame
        frame = self._read(read)
        frame.index.name = "node"
        return frame

    @functools.cached_property
    def links(self):
        def read(f):
            group = f["network/links"]
            columns = {"id": _strings(group["id"])}
            for name in ("from", "to", "length_m", "lanes", "free_speed_mps", "capacity_vph",
                         "modes"):
                if name in group:
                    columns[name] = group[name][:]
            if "road_class" in group:  # files written before road classes have none
                names = np.array([_python_scalar(n) for n in group["road_class"].attrs["names"]],
                                 dtype=object)
                columns["road_class"] = names[group["road_class"][:]]
            return pd.DataFrame(columns)
        frame = self._read(read)
        node_ids = self.nodes["id"].to_numpy()
        frame["from_id"] = node_ids[frame["from"].to_numpy()]
        frame["to_id"] = node_ids[frame["to"].to_numpy()]
        frame.index.name = "link"
        return frame

    @property
    def link_ids(self):
        return self.links["id"].to_numpy()

    def network_geometry(self):
        """Each link's polyline as an (n, 2) array of x, y in metres, in link order."""
        offsets, x, y = self._read(lambda f: (f["network/links/geometry_offsets"][:],
                                              f["network/links/geometry_x_m"][:],
                                              f["network/links/geometry_y_m"][:]))
        points = np.column_stack([x, y])
        return [points[offsets[i]:offsets[i + 1]] for i in range(len(offsets) - 1)]

    # ---- link series ----

    def link_array(self, name):
        """The ``[bin, link]`` series `name` as a numpy array (float32)."""
        if name not in LINK_SERIES:
            raise KeyError(f"no link series '{name}' (one of {', '.join(LINK_SERIES)})")
        return self._read(lambda f: f["links"][name][:])

    @functools.cached_property
    def vehicle_classes(self):
        """The run's vehicle classes (/vehicle_classes) as a DataFrame, one row per class index:
        name, pcu, length_m, max_speed_kmh (inf: the links' speeds), emission, trips. Empty for
        files written before classes."""
        def read(f):
            if "vehicle_classes" not in f:
                return {}
            group = f["vehicle_classes"]
            return {name: (_strings(group[name]) if group[name].dtype.kind == "O"
                           else group[name][:]) for name in group}
        return pd.DataFrame(self._read(read))

    def class_outflow(self):
        """Road vehicles that left each link per bin, by vehicle class: {class name: [bin, link]
        float32 array} for the classes with trips. Empty when every road trip is a car (then
        /links/outflow holds them, and the transit vehicles on roads)."""
        def read(f):
            if "outflow_by_class" not in f["links"]:
                return {}
            data = f["links/outflow_by_class"]
            names = [_python_scalar(n) for n in data.attrs["classes"]]
            cube = data[:].reshape(-1, len(names), data.shape[1])
            return {name: cube[:, k, :] for k, name in enumerate(names)}
        return self._read(read)

    @functools.cached_property
    def has_emissions(self):
        """Whether the file has /emissions (run files of layout 5 and later)."""
        return self._read(lambda f: "emissions" in f)

    def emission_array(self, name):
        """The ``[bin, link]`` emission series `name` (grams) as a numpy array (float32)."""
        if name not in EMISSION_SERIES:
            raise KeyError(f"no emission series '{name}' (one of {', '.join(EMISSION_SERIES)})")
        return self._read(lambda f: f["emissions"][name][:])

    def link_emissions(self):
        """Per link over the whole run: kg of CO2, NOx, PM2.5 (exhaust) and fuel."""
        columns = {"id": self.link_ids}
        for name in EMISSION_SERIES:
            grams = self.emission_array(name).astype(np.float64).sum(axis=0)
            columns[name.removesuffix("_g") + "_kg"] = grams / 1000.0
        return pd.DataFrame(columns, index=self.links.index)

    def class_emissions(self):
        """Per vehicle class over the run (/emissions/by_class): the emission category its
        exhaust is charged as, vehicle_km driven on roads and kg of CO2, NOx, PM2.5 and fuel;
        indexed by class name, in /vehicle_classes order. The car row includes the road vehicles
        in no class (transit vehicles), which are charged as cars. Empty for files without it."""
        def read(f):
            if "emissions" not in f or "by_class" not in f["emissions"]:
                return {}
            group = f["emissions/by_class"]
            return {name: (_strings(group[name]) if group[name].dtype.kind == "O"
                           else group[name][:]) for name in group}
        table = pd.DataFrame(self._read(read))
        if table.empty:
            return table
        table = table.set_index("class")
        classes = self.vehicle_classes
        if "emission" in classes:
            table.insert(0, "emission", classes.set_index("name")["emission"].reindex(table.index))
        columns = ["vehicle_km"] + [n.removesuffix("_g") + "_kg" for n in EMISSION_SERIES]
        return table[[c for c in table.columns if c not in columns] + columns]

    def emissions_by_district(self, districts=None):
        """kg of CO2, NOx, PM2.5 and fuel and the vehicle-km per district (arteria/districts.py:
        `districts` a dict of polygons in network metres, a CSV path, or None for the square
        grid `arteria compare` uses)."""
        from .districts import emissions_by_district
        return emissions_by_district(self, districts)

    def link_series(self, name, index="seconds"):
        """The series `name` as a DataFrame: one row per bin, one column per link id.

        `index` is ``"seconds"`` (bin start in seconds since midnight, named ``time_s``) or
        ``"timedelta"`` (a TimedeltaIndex named ``time``, for pandas' resampling).
        """
        values = self.link_array(name)
        if index == "seconds":
            rows = pd.Index(self.time_s, name="time_s")
        elif index == "timedelta":
            rows = pd.TimedeltaIndex(pd.to_timedelta(self.time_s, unit="s"), name="time")
        else:
            raise ValueError("index is 'seconds' or 'timedelta'")
        return pd.DataFrame(values, index=rows, columns=pd.Index(self.link_ids, name="link"))

    def to_xarray_dict(self):
        """Every link series in ``xarray.Dataset.from_dict`` form (dims ``time_s``, ``link``)."""
        data_vars = {name: {"dims": ("time_s", "link"), "data": self.link_array(name)}
                     for name in LINK_SERIES}
        coords = {"time_s": {"dims": ("time_s",), "data": self.time_s, "attrs": {"units": "s"}},
                  "link": {"dims": ("link",), "data": self.link_ids}}
        return {"coords": coords, "data_vars": data_vars, "dims": {},
                "attrs": {k: v for k, v in self.meta.items()}}

    # ---- trips and events ----

    @functools.cached_property
    def has_trips(self):
        """Whether the run wrote its trip rows (output.trips = false leaves the table empty)."""
        return self._read(lambda f: "trips" in f and f["trips/vehicle"].shape[0] > 0)

    @functools.cached_property
    def trips(self):
        def read(f):
            if "trips" not in f:  # files of format_version 1 always have it; be lenient
                return None
            group = f["trips"]
            columns = {}
            for name in group:
                if name in TRIP_ROUTE_COLUMNS:  # CSR over the rows, not a column of them
                    continue
                data = group[name]
                columns[name] = _strings(data) if data.dtype.kind == "O" else data[:]
            names = [_python_scalar(n) for n in group.attrs["status_names"]]
            return columns, names
        read_back = self._read(read)
        if read_back is None:
            raise input_error(self.path, "the run holds no trip table (output.trips = false)")
        columns, names = read_back
        frame = pd.DataFrame(columns)
        frame["status"] = pd.Categorical.from_codes(frame["status"].astype(np.int64),
                                                    categories=names)
        node_ids = self.nodes["id"].to_numpy()
        frame["origin_id"] = node_ids[frame["origin"].to_numpy()]
        frame["destination_id"] = node_ids[frame["destination"].to_numpy()]
        classes = self.vehicle_classes
        if "class" in frame.columns and len(classes):
            # 255: a transit vehicle, in no class.
            names = np.append(classes["name"].to_numpy(), None)
            codes = frame["class"].to_numpy().astype(np.int64)
            frame["class_name"] = names[np.minimum(codes, len(classes))]
        frame["travel_time_s"] = frame["arrive_s"] - frame["depart_s"]
        frame["delay_s"] = frame["travel_time_s"] - frame["free_flow_time_s"]
        first = [c for c in TRIP_COLUMN_ORDER if c in frame.columns]
        return frame[first + [c for c in frame.columns if c not in first]]

    @functools.cached_property
    def events(self):
        def read(f):
            columns = {"time_s": np.zeros(0), "kind": [], "target": [], "value": np.zeros(0),
                       "plan": []}
            if "events" in f:
                for name in columns:
                    data = f["events"][name]
                    columns[name] = _strings(data) if data.dtype.kind == "O" else data[:]
            return pd.DataFrame(columns)
        return self._read(read)

    # ---- emergency vehicles (docs/OUTPUT.md, /emergency) ----

    @functools.cached_property
    def has_emergency(self):
        """Whether the run had emergency stations (/emergency)."""
        return self._read(lambda f: "emergency" in f)

    def dispatches(self):
        """The emergency dispatches as a DataFrame, one row per dispatch: incident, station
        ("" when none reaches it), node (id), incident_s, dispatch_s, arrival_s, response_s
        (NaN when it did not arrive), delay_caused_s, vehicles_passed, preemptions and route
        (the link ids driven, a list). Empty without emergency stations."""
        columns = ["incident", "station", "node", "incident_s", "dispatch_s", "arrival_s",
                   "response_s", "delay_caused_s", "vehicles_passed", "preemptions", "route"]
        if not self.has_emergency:
            return pd.DataFrame({c: [] for c in columns})

        def read(f):
            group = f["emergency/dispatches"]
            return {name: _strings(group[name]) if group[name].dtype.kind == "O" else group[name][:]
                    for name in group}
        table = self._read(read)
        link_ids = self.link_ids
        first, links = table.pop("route_first_link"), table.pop("route_links")
        table["route"] = [list(link_ids[links[a:b]]) for a, b in zip(first[:-1], first[1:])]
        table["node"] = self.nodes["id"].to_numpy()[table["node"]]
        return pd.DataFrame(table)[columns]

    @functools.cached_property
    def emergency_stations(self):
        """The run's emergency stations: a DataFrame of id and node (index into nodes)."""
        if not self.has_emergency:
            return pd.DataFrame({"id": [], "node": []})
        return self._read(lambda f: pd.DataFrame({
            "id": _strings(f["emergency/stations/id"]), "node": f["emergency/stations/node"][:]}))

    # ---- transit and passengers (docs/OUTPUT.md) ----

    @functools.cached_property
    def transit_trip_ids(self):
        """Ids of the timetabled trips: the transit vehicles' rows of ``trips``."""
        if not self.has_transit:
            return np.zeros(0, dtype=object)
        return self._read(lambda f: _strings(f["transit/trips/id"]))

    @functools.cached_property
    def has_transit(self):
        """Whether the run wrote /transit (runs without a timetable have no such group)."""
        return self._read(lambda f: "transit" in f)

    def _read_transit(self, group, fn):
        def read(f):
            if group not in f:
                return None
            return fn(f)
        frame = self._read(read)
        if frame is None:
            raise input_error(self.path, f"the run holds no /{group} (it had no transit)")
        return frame

    def transit_stops(self):
        """One row per stop (id, name, lat_deg, lon_deg) with its total boardings and
        alightings over the run."""
        return self._read_transit("transit", transit.read_stops)

    def stop_series(self, kind="boardings"):
        """Boardings or alightings per time bin and stop: rows ``time_s`` (bin start), one
        column per stop id."""
        return self._read_transit("transit", lambda f: transit.read_stop_series(f, kind))

    def transit_trips(self):
        """One row per timetabled trip; ``status`` is a categorical with the file's names, and
        ``max_load_factor`` = max_load / capacity."""
        return self._read_transit("transit", transit.read_trips)

    def transit_calls(self):
        """One row per stop call (trip then sequence order) with the trip, route and stop ids,
        ``deviation_s`` (arrival minus timetable) and ``load_factor`` = load / capacity."""
        return self._read_transit("transit", transit.read_calls)

    def passengers(self):
        """One row per passenger; ``status`` and ``reason`` are categoricals with the file's
        names, ``journey_time_s`` = arrive_s - depart_s (NaN unless arrived)."""
        return self._read_transit("passengers", transit.read_passengers)

    # ---- derived summaries (used by compare and plot) ----

    def vehicles_en_route(self, every_s=60.0):
        """Vehicles on the network at times start, start + every_s, ..., the run's stop, from
        the trips.

        A vehicle counts from its insertion until its arrival or its removal as stuck
        (``removed_s``), so the last value is ``kpis["vehicles_en_route"]``. A run written
        without its trip table (output.trips = false) gives the mean number of vehicles on
        links per bin.
        """
        times = np.append(np.arange(self.meta["start_s"], self.stopped_at_s, every_s),
                          self.stopped_at_s)
        if not self.has_trips:
            on_links = self.link_array("occupancy").sum(axis=1)
            return pd.Series(on_links, index=pd.Index(self.time_s, name="time_s"),
                             name="vehicles_en_route")
        trips = self.trips
        inserted = np.sort(trips["insert_s"].dropna().to_numpy())
        left = trips["arrive_s"]
        if "removed_s" in trips:  # files before layout 4 count stuck vehicles to the end
            left = left.fillna(trips["removed_s"])
        arrived = np.sort(left.dropna().to_numpy())
        count = (np.searchsorted(inserted, times, side="right")
                 - np.searchsorted(arrived, times, side="right"))
        return pd.Series(count, index=pd.Index(times, name="time_s"), name="vehicles_en_route")

    def network_series(self):
        """Per bin, over the links cars may use: VKT (km, from link exits x length), VHT (h,
        from mean occupancy x bin), their ratio the network mean speed (km/h), and the total
        queue at the bin's end. Transit guideways are left out: their vehicles keep a timetable,
        and their speeds (a train at 160 km/h) are not the road network's."""
        roads = map_layers.road_links(self)
        length_km = self.links["length_m"].to_numpy(np.float64)[roads] / 1000.0
        outflow = self.link_array("outflow").astype(np.float64)[:, roads]
        occupancy = self.link_array("occupancy").astype(np.float64)[:, roads]
        vkt = outflow @ length_km
        vht = occupancy.sum(axis=1) * self.bin_s / 3600.0
        with np.errstate(invalid="ignore", divide="ignore"):
            speed = np.where(vht > 0, vkt / vht, np.nan)
        return pd.DataFrame({"vkt_km": vkt, "vht_h": vht, "mean_speed_kmh": speed,
                             "queue_veh": self.link_array("queue_veh")[:, roads].sum(axis=1)},
                            index=pd.Index(self.time_s, name="time_s"))

    def link_totals(self):
        """Per link over the whole run: vehicles through (outflow), their space-mean speed
        (km/h; NaN where none left the link), mean occupancy and the largest queue."""
        outflow = self.link_array("outflow").astype(np.float64)
        speed = self.link_array("mean_speed_mps").astype(np.float64)
        # Space-mean over bins: total exits over total time on the link, per bin time =
        # exits x length / speed, so the length cancels.
        with np.errstate(invalid="ignore", divide="ignore"):
            time_per_m = np.where(outflow > 0, outflow / speed, 0.0)
            exits = outflow.sum(axis=0)
            mean_speed = np.where(exits > 0, exits / time_per_m.sum(axis=0) * 3.6, np.nan)
        return pd.DataFrame({"id": self.link_ids, "flow_veh": exits, "mean_speed_kmh": mean_speed,
                             "mean_occupancy": self.link_array("occupancy").mean(axis=0),
                             "max_queue_veh": self.link_array("queue_veh").max(axis=0)},
                            index=self.links.index)
