// Timetable edits on arteria.Scenario (added to the class bind_scenario.cpp defines): the
// [[transit.changes]] kinds as methods, with the keys of the file as arguments. Each edit changes
// the timetable of the scenario's spec and builds the scenario again (guideways, placement,
// demand, events, transit vehicles), so a Simulation made afterwards runs the edited timetable,
// exactly as a file listing the same changes would.
#include <pybind11/stl.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <variant>

#include "base/csv.hpp"
#include "base/text.hpp"
#include "bindings.hpp"
#include "handles.hpp"
#include "model/timetable_edits.hpp"
#include "run/result_inputs.hpp"
#include "scenario/build_scenario.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

// A time as the file takes it: seconds after midnight, or "HH:MM[:SS]".
using PyTime = std::variant<double, std::string>;

double seconds(const PyTime& time, const char* name) {
  if (const double* s = std::get_if<double>(&time)) {
    if (!(*s >= 0.0)) throw py::value_error(std::string(name) + ": must be zero or more seconds");
    return *s;
  }
  const std::optional<double> parsed = parse_time_of_day(std::get<std::string>(time));
  if (!parsed) {
    throw py::value_error(std::string(name) + ": expected HH:MM[:SS] or seconds, got '" +
                          std::get<std::string>(time) + "'");
  }
  return *parsed;
}

TripWindow window(const std::string& route, const std::optional<PyTime>& from,
                  const std::optional<PyTime>& to, std::optional<int> direction = std::nullopt) {
  TripWindow w;
  w.route = route;
  w.direction = direction;
  if (from) w.from_s = seconds(*from, "from_");
  if (to) w.to_s = seconds(*to, "to");
  return w;
}

TransitMode line_mode(const std::string& name) {
  const std::vector<std::string>& modes = new_line_modes();
  if (std::find(modes.begin(), modes.end(), name) == modes.end()) {
    std::string listed;
    for (const std::string& mode : modes) listed += (listed.empty() ? "" : ", ") + mode;
    throw py::value_error("mode: '" + name + "' is not one of " + listed);
  }
  return *transit_mode_named(name);
}

// Applies `edit` to a copy of the spec's timetable and rebuilds. Nothing changes on an error.
// An edit returns what it did to trip counts; the run summary lists it.
void edit_timetable(ScenarioHandle& h,
                    const std::function<std::vector<TripCountChange>(Timetable&)>& edit) {
  if (!h.spec || !h.read().transit.present()) {
    throw py::value_error("the scenario has no timetable to edit (no [transit] table)");
  }
  if (h.model_edited) {
    throw py::value_error(
        "edit the timetable before links, events, trips or signal plans: a timetable edit "
        "builds the scenario again from its file and would lose those edits");
  }
  auto spec = std::make_shared<ScenarioSpec>(*h.spec);
  try {
    const std::vector<TripCountChange> done = edit(spec->transit.timetable);
    spec->transit.trip_count_changes.insert(spec->transit.trip_count_changes.end(), done.begin(),
                                            done.end());
  } catch (const TimetableEditError& error) {
    throw py::value_error(error.field() + ": " + error.what());
  }
  if (spec->transit.timetable.trip_count() == 0) {
    throw py::value_error("the edit leaves no trip in the timetable");
  }
  Scenario rebuilt;
  {
    py::gil_scoped_release release;
    rebuilt = build_scenario(*spec);
  }
  // Parameters set from Python since loading are kept.
  rebuilt.sim = h.read().sim;
  rebuilt.output = h.read().output;
  load_result_inputs(rebuilt);  // read again: the edit may have changed the network's links
  h.scenario = std::make_shared<Scenario>(std::move(rebuilt));
  h.spec = std::move(spec);
}

std::vector<std::string> route_ids(const ScenarioHandle& h) {
  return h.read().transit.timetable.route_id;
}
std::vector<std::string> stop_ids(const ScenarioHandle& h) {
  return h.read().transit.timetable.stop_id;
}
std::vector<std::string> trip_ids(const ScenarioHandle& h) {
  return h.read().transit.timetable.trip_id;
}

void add_line_to(ScenarioHandle& h, const std::string& route, const std::vector<std::string>& stops,
                 const std::string& name, const std::string& mode, double speed_kmh, double dwell_s,
                 double headway_s, const PyTime& first, const PyTime& last) {
  NewLine line;
  line.route = route;
  line.name = name;
  line.stops = stops;
  line.mode = line_mode(mode);
  line.speed_kmh = speed_kmh;
  line.dwell_s = dwell_s;
  line.headway_s = headway_s;
  line.first_s = seconds(first, "first");
  line.last_s = seconds(last, "last");
  edit_timetable(h, [&](Timetable& tt) {
    add_line(tt, line);
    return std::vector<TripCountChange>{};
  });
}

// The trips per direction before and after, as dicts.
py::list set_headway_of(ScenarioHandle& h, const std::string& route, double headway_s,
                        const std::optional<PyTime>& from, const std::optional<PyTime>& to,
                        std::optional<int> direction) {
  const TripWindow w = window(route, from, to, direction);
  std::vector<TripCountChange> done;
  edit_timetable(h, [&](Timetable& tt) { return done = set_headway(tt, w, headway_s); });
  py::list counts;
  for (const TripCountChange& c : done) {
    counts.append(py::dict(py::arg("route") = c.route, py::arg("direction") = c.direction,
                           py::arg("before") = c.before, py::arg("after") = c.after));
  }
  return counts;
}

std::size_t cancel_trips_of(ScenarioHandle& h, const std::string& route,
                            const std::optional<PyTime>& from, const std::optional<PyTime>& to) {
  const TripWindow w = window(route, from, to);
  std::size_t removed = 0;
  edit_timetable(h, [&](Timetable& tt) {
    std::vector<TripCountChange> done = cancel_trips(tt, w);
    for (const TripCountChange& c : done) removed += c.before;
    return done;
  });
  return removed;
}

void set_capacity_of(ScenarioHandle& h, const std::string& route,
                     std::optional<std::int32_t> seated, std::optional<std::int32_t> standing,
                     const std::optional<PyTime>& from, const std::optional<PyTime>& to) {
  const TripWindow w = window(route, from, to);
  edit_timetable(h, [&](Timetable& tt) {
    set_capacity(tt, w, seated, standing);
    return std::vector<TripCountChange>{};
  });
}

}  // namespace

void init_transit_edits(py::module_& m) {
  auto scenario = py::reinterpret_borrow<py::class_<ScenarioHandle>>(m.attr("Scenario"));
  scenario.def_property_readonly("transit_route_ids", &route_ids, "Route ids of the timetable")
      .def_property_readonly("transit_stop_ids", &stop_ids, "Stop ids of the timetable")
      .def_property_readonly("transit_trip_ids", &trip_ids, "Trip ids of the timetable")
      .def("add_line", &add_line_to, py::arg("route"), py::arg("stops"), py::arg("name") = "",
           py::arg("mode") = "bus", py::arg("speed_kmh") = 20.0, py::arg("dwell_s") = 20.0,
           py::arg("headway_s") = 600.0, py::arg("first") = PyTime(6 * 3600.0),
           py::arg("last") = PyTime(20 * 3600.0),
           "A new route over stop ids, every headway_s from first to last (inclusive), running "
           "at speed_kmh over the straight line x 1.3 with dwell_s per stop ([[transit.changes]] "
           "kind = \"add_line\"). Trips are '<route>#k'.")
      .def("set_headway", &set_headway_of, py::arg("route"), py::arg("headway_s"),
           py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("direction") = py::none(),
           "In each direction (or the GTFS direction_id given), replace the route's trips "
           "starting in [from_, to) by copies of that direction's first every headway_s "
           "(kind = \"set_headway\"); route: route id or public name. Returns the trips per "
           "direction before and after, as dicts")
      .def("cancel_trips", &cancel_trips_of, py::arg("route"), py::arg("from_") = py::none(),
           py::arg("to") = py::none(),
           "Remove the route's trips starting in [from_, to); returns how many "
           "(kind = \"cancel_trips\")")
      .def("set_capacity", &set_capacity_of, py::arg("route"), py::arg("seated") = py::none(),
           py::arg("standing") = py::none(), py::arg("from_") = py::none(),
           py::arg("to") = py::none(),
           "Seats and standing places of the route's trips starting in [from_, to); an omitted "
           "one is kept (kind = \"set_capacity\")");
}

}  // namespace arteria::python
