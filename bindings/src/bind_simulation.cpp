// arteria.Simulation: step a scenario from Python, read its state as zero-copy numpy views,
// intervene between steps, snapshot and fork. The GIL is released while stepping.
#include <pybind11/stl.h>

#include <cmath>
#include <memory>

#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/text.hpp"
#include "bindings.hpp"
#include "handles.hpp"
#include "sim/emergency/emergency_records.hpp"
#include "sim/meso/meso_model.hpp"
#include "sim/simulation.hpp"
#include "sim/transit/transit_model.hpp"
#include "views.hpp"

namespace py = pybind11;

namespace arteria::python {
namespace {

// A Simulation never moves once made (views alias its arrays), hence the unique_ptr.
struct SimulationHandle {
  std::unique_ptr<Simulation> sim;

  const Scenario& scenario() const { return sim->scenario(); }
  Index link(const std::string& id) const { return require_link(scenario().network, id); }
  void intervene(EventKind kind, Index target, double value = 0.0, Index plan = invalid_index) {
    Event event;
    event.time_s = sim->time_s();
    event.kind = kind;
    event.target = target;
    event.value = value;
    event.plan = plan;
    sim->intervene(event);
  }
};

struct LinkViews {
  py::object owner;
};
struct VehicleViews {
  py::object owner;
};

SimulationHandle make_simulation(const ScenarioHandle& scenario, int threads,
                                 std::optional<std::uint64_t> seed) {
  check_threads(threads);
  std::shared_ptr<const Scenario> model = scenario.scenario;
  if (seed && *seed != model->sim.seed) {
    auto reseeded = std::make_shared<Scenario>(*model);
    reseeded->sim.seed = *seed;
    model = reseeded;
  }
  SimulationHandle handle;
  {
    py::gil_scoped_release release;
    handle.sim = std::make_unique<Simulation>(model, threads);
    handle.sim->enable_observations();
  }
  return handle;
}

py::dict to_dict(const Kpis& k) {
  py::dict d;
  for_each_field(k, [&](const char* name, const auto& value) { d[name] = value; });
  return d;
}

const Simulation& sim_of(const py::object& owner) {
  return *owner.cast<const SimulationHandle&>().sim;
}

using SimulationClass = py::class_<SimulationHandle>;

py::dict trip_table(const SimulationHandle& h) {
  TripRecords r = h.sim->trip_records();
  py::dict d;
  d["vehicle"] = py::array_t<Index>(r.vehicle.size(), r.vehicle.data());
  d["id"] = r.external_id;
  d["origin"] = py::array_t<Index>(r.origin.size(), r.origin.data());
  d["destination"] = py::array_t<Index>(r.destination.size(), r.destination.data());
  d["depart_s"] = py::array_t<double>(r.depart_s.size(), r.depart_s.data());
  d["insert_s"] = py::array_t<double>(r.insert_s.size(), r.insert_s.data());
  d["arrive_s"] = py::array_t<double>(r.arrive_s.size(), r.arrive_s.data());
  d["removed_s"] = py::array_t<double>(r.removed_s.size(), r.removed_s.data());
  d["distance_m"] = py::array_t<float>(r.distance_m.size(), r.distance_m.data());
  d["free_flow_time_s"] = py::array_t<float>(r.free_flow_time_s.size(), r.free_flow_time_s.data());
  d["status"] = py::array_t<std::uint8_t>(r.status.size(), r.status.data());
  d["reroutes"] = py::array_t<std::uint16_t>(r.reroutes.size(), r.reroutes.data());
  return d;
}

py::dict live_counts(const SimulationHandle& h) {
  const LiveCounts c = h.sim->counts();
  py::dict d;
  d["inserted"] = c.inserted;
  d["arrived"] = c.arrived;
  d["en_route"] = c.en_route;
  d["stuck"] = c.stuck;
  d["push_throughs"] = c.push_throughs;
  d["transitions"] = c.transitions;
  return d;
}

py::dict transit_now(const SimulationHandle& h) {
  const TransitState& ts = h.sim->state().transit;
  const Timetable& tt = h.sim->scenario().transit.timetable;
  py::dict d;
  std::vector<std::uint8_t> phase(ts.phase.size()), pax_phase(ts.pax_phase.size());
  std::vector<std::uint32_t> on_board(ts.on_board.size()), waiting(tt.stop_count());
  for (std::size_t t = 0; t < ts.phase.size(); ++t) {
    phase[t] = static_cast<std::uint8_t>(ts.phase[t]);
    on_board[t] = static_cast<std::uint32_t>(ts.on_board[t].size());
  }
  for (std::size_t p = 0; p < ts.pax_phase.size(); ++p) {
    pax_phase[p] = static_cast<std::uint8_t>(ts.pax_phase[p]);
  }
  for (std::size_t s = 0; s < ts.stop_waiting.size(); ++s) {
    waiting[s] = static_cast<std::uint32_t>(ts.stop_waiting[s].size());
  }
  d["trip_id"] = tt.trip_id;
  std::vector<std::string> trip_route;
  for (const Index route : tt.trip_route) trip_route.push_back(tt.route_id[route]);
  d["trip_route"] = trip_route;
  d["trip_phase"] = py::array_t<std::uint8_t>(phase.size(), phase.data());
  d["trip_next_call"] = py::array_t<Index>(ts.next_call.size(), ts.next_call.data());
  d["trip_on_board"] = py::array_t<std::uint32_t>(on_board.size(), on_board.data());
  d["stop_id"] = tt.stop_id;
  d["stop_waiting"] = py::array_t<std::uint32_t>(waiting.size(), waiting.data());
  d["passenger_phase"] = py::array_t<std::uint8_t>(pax_phase.size(), pax_phase.data());
  return d;
}

// Snapshot, LinkViews and VehicleViews: what Simulation's properties and methods hand out.
void init_simulation_view_classes(py::module_& m) {
  py::class_<SimSnapshot>(m, "Snapshot", "An in-memory copy of a simulation's state")
      .def_property_readonly("time_s", [](const SimSnapshot& s) { return s.state.time_s; });

  py::class_<LinkViews> links(m, "LinkViews", "Per-link state; numpy views updated by every step");
#define ARTERIA_LINK_VIEW(name, field, doc) \
  links.def_property_readonly(              \
      name, [](const LinkViews& v) { return readonly_view(sim_of(v.owner).field, v.owner); }, doc)
  ARTERIA_LINK_VIEW("occupancy", observations().link_occupancy, "vehicles on each link");
  ARTERIA_LINK_VIEW("queue", observations().link_queue, "vehicles past their free-flow exit time");
  ARTERIA_LINK_VIEW("inflow", observations().link_inflow,
                    "vehicles that entered during the last step");
  ARTERIA_LINK_VIEW("outflow", observations().link_outflow,
                    "vehicles that left during the last step");
  ARTERIA_LINK_VIEW("mean_speed", observations().link_mean_speed,
                    "m/s, of vehicles that left in the current bin");
  ARTERIA_LINK_VIEW("capacity_vph", state().links.capacity_vph,
                    "current capacity, under any closed lanes (events change it)");
  ARTERIA_LINK_VIEW("closed", state().links.closed, "1 where the link is closed");
#undef ARTERIA_LINK_VIEW

  py::class_<VehicleViews>(m, "VehicleViews",
                           "Per-vehicle state; numpy views updated by every step")
      .def_property_readonly(
          "link",
          [](const VehicleViews& v) {
            return readonly_view(sim_of(v.owner).observations().vehicle_link, v.owner);
          },
          "current link index; 4294967295 when off the network")
      .def_property_readonly(
          "position",
          [](const VehicleViews& v) {
            return readonly_view(sim_of(v.owner).observations().vehicle_position, v.owner);
          },
          "share of the current link's free-flow time travelled, 0..1")
      .def_property_readonly(
          "status",
          [](const VehicleViews& v) {
            // VehicleStatus is a uint8_t enum: its array is viewed as bytes.
            const auto& status = sim_of(v.owner).state().vehicles.status;
            return readonly_view(reinterpret_cast<const std::uint8_t*>(status.data()),
                                 status.size(), v.owner);
          },
          "0 pending, 1 en route, 2 arrived, 3 stuck, 4 unroutable");
}

// Making a simulation, stepping it and where it stands.
void init_simulation_stepping(SimulationClass& c) {
  c.def(py::init(&make_simulation), py::arg("scenario"), py::arg("threads") = 0,
        py::arg("seed") = py::none(), "Routes every trip and starts at the scenario's start time")
      .def(
          "step",
          [](SimulationHandle& h, int n) {
            if (n < 0) throw py::value_error("n must not be negative, got " + std::to_string(n));
            py::gil_scoped_release release;
            for (int i = 0; i < n && !h.sim->done(); ++i) h.sim->step();
            h.sim->publish();
          },
          py::arg("n") = 1, "Advance n steps; views then show the state after them")
      .def(
          "run_until",
          [](SimulationHandle& h, double t) {
            if (!std::isfinite(t)) {
              throw py::value_error("time_s must be a finite time (s), got " + std::to_string(t));
            }
            const double now = h.sim->time_s();
            if (t < now - 1e-9) {
              throw py::value_error("time_s " + format_double(t) + " is before the current time " +
                                    format_double(now) + " (" + format_time_of_day(now) +
                                    "); restore a snapshot to go back");
            }
            py::gil_scoped_release release;
            h.sim->run_until(t);
            h.sim->publish();
          },
          py::arg("time_s"),
          "Step until time_s (not before the current time); stops early at the end")
      .def(
          "run",
          [](SimulationHandle& h) {
            py::gil_scoped_release release;
            while (!h.sim->done()) h.sim->step();
            h.sim->publish();
          },
          "Run to the scenario's end")
      .def_property_readonly("time", [](const SimulationHandle& h) { return h.sim->time_s(); })
      .def_property_readonly("done", [](const SimulationHandle& h) { return h.sim->done(); })
      .def_property_readonly("threads", [](const SimulationHandle& h) { return h.sim->threads(); });
}

// Reading the state: numpy views of links and vehicles, and copies of the tables.
void init_simulation_state_views(SimulationClass& c) {
  c.def_property_readonly("links", [](py::object self) { return LinkViews{self}; })
      .def_property_readonly("vehicles", [](py::object self) { return VehicleViews{self}; })
      .def("kpis", [](const SimulationHandle& h) { return to_dict(h.sim->kpis()); })
      .def("trips", &trip_table,
           "The trip table so far (copies), columns as in the run file's /trips")
      .def("counts", &live_counts);
}

void init_simulation_transit(SimulationClass& c) {
  c.def("transit", &transit_now,
        "Transit now (copies): per trip its route id, phase (0 waiting to start, 1 driving, "
        "2 reaching a stop, 3 at a stop, 4 done, 5 unplaced), next call and passengers on "
        "board; per stop the passengers waiting; per passenger the phase (0 not departed, "
        "1 walking, 2 waiting, 3 riding, 4 arrived, 5 stranded)")
      .def(
          "set_transit_capacity",
          [](SimulationHandle& h, const std::string& route, int capacity) {
            const Scenario& scenario = h.sim->scenario();
            const Index r = scenario.transit.timetable.find_route(route);
            if (r == invalid_index) throw py::key_error("no transit route '" + route + "'");
            if (capacity < 0) throw py::value_error("capacity must not be negative");
            set_route_capacity(scenario, h.sim->state(), r, capacity);
          },
          py::arg("route"), py::arg("capacity"),
          "From now on vehicles of the route (by GTFS route_id) that have not finished take at "
          "most `capacity` passengers; riders already on board stay");
}

// Interventions between steps, applied as events at the current time.
void init_simulation_interventions(SimulationClass& c) {
  c.def(
       "close_link",
       [](SimulationHandle& h, const std::string& link) {
         h.intervene(EventKind::close_link, h.link(link));
       },
       py::arg("link"), "Close a link now; vehicles whose route crosses it re-route")
      .def(
          "reopen_link",
          [](SimulationHandle& h, const std::string& link) {
            h.intervene(EventKind::reopen_link, h.link(link));
          },
          py::arg("link"))
      .def(
          "set_link_capacity",
          [](SimulationHandle& h, const std::string& link, double vph) {
            const std::string error = event_value_error(EventKind::set_link_capacity, vph);
            if (!error.empty()) throw py::value_error(error);
            h.intervene(EventKind::set_link_capacity, h.link(link), vph);
          },
          py::arg("link"), py::arg("capacity_vph"))
      .def(
          "set_link_speed",
          [](SimulationHandle& h, const std::string& link, double kmh) {
            const std::string error = event_value_error(EventKind::set_link_speed, kmh);
            if (!error.empty()) throw py::value_error(error);
            h.intervene(EventKind::set_link_speed, h.link(link), kmh / 3.6);
          },
          py::arg("link"), py::arg("free_speed_kmh"))
      .def(
          "close_lanes",
          [](SimulationHandle& h, const std::string& link, double lanes) {
            const Index l = h.link(link);
            std::string error = event_value_error(EventKind::close_lanes, lanes);
            if (error.empty())
              error = lanes_closed_error(lanes, h.scenario().network.link_lanes[l]);
            if (!error.empty()) throw py::value_error(error);
            h.intervene(EventKind::close_lanes, l, lanes);
          },
          py::arg("link"), py::arg("lanes"),
          "Close this many of the link's lanes now, as road works do (0 opens them again)")
      .def(
          "limit_speed",
          [](SimulationHandle& h, const std::string& link, double kmh) {
            const std::string error = event_value_error(EventKind::limit_speed, kmh);
            if (!error.empty()) throw py::value_error(error);
            h.intervene(EventKind::limit_speed, h.link(link), kmh / 3.6);
          },
          py::arg("link"), py::arg("limit_kmh"),
          "Limit the link's speed now, as road works do (0 lifts the limit)")
      .def(
          "set_signal_plan",
          [](SimulationHandle& h, const std::string& node, const std::string& plan) {
            const Network& net = h.scenario().network;
            const Index n = require_node(net, node);
            std::string error;
            const Index p = find_event_plan(h.sim->state().signals.plans, n, node, plan, error);
            if (p == invalid_index) throw py::key_error(error);
            h.intervene(EventKind::set_signal_plan, n, 0.0, p);
          },
          py::arg("node"), py::arg("plan"));
}

// An emergency dispatch table as columns: ids for nodes, a list of link ids per route.
py::dict dispatch_table(const SimulationHandle& h) {
  const Network& network = h.scenario().network;
  const DispatchRecords r = dispatch_records(h.scenario(), h.sim->state());
  std::vector<std::string> nodes;
  for (Index node : r.node) nodes.push_back(network.node_external_id[node]);
  py::list route_ids;
  for (std::size_t row = 0; row < r.rows(); ++row) {
    py::list route;
    for (Index k = r.route_first_link[row]; k < r.route_first_link[row + 1]; ++k) {
      route.append(network.link_external_id[r.route_links[k]]);
    }
    route_ids.append(route);
  }
  py::dict table;
  table["incident"] = r.incident;
  table["station"] = r.station;
  table["node"] = nodes;
  table["incident_s"] = r.incident_s;
  table["dispatch_s"] = r.dispatch_s;
  table["arrival_s"] = r.arrival_s;
  table["response_s"] = r.response_s;
  table["delay_caused_s"] = r.delay_caused_s;
  table["vehicles_passed"] = r.vehicles_passed;
  table["preemptions"] = r.preemptions;
  table["route"] = route_ids;
  return table;
}

void init_simulation_emergency(SimulationClass& c) {
  c.def(
       "dispatch",
       [](SimulationHandle& h, const std::string& node, const std::string& incident) {
         const Index n = require_node(h.scenario().network, node);
         const std::size_t count = h.sim->state().emergency.dispatches.size();
         const std::string id = incident.empty() ? "python#" + std::to_string(count) : incident;
         try {
           return h.sim->dispatch(id, n);
         } catch (const std::invalid_argument& error) {
           throw py::value_error(error.what());
         }
       },
       py::arg("node"), py::arg("incident") = "",
       "Send an emergency vehicle to a node now, from the station nearest by its travel time "
       "now; returns the dispatch's row in dispatches()")
      .def("dispatches", &dispatch_table,
           "The dispatches so far as columns (a dict of lists, one row per dispatch; pandas "
           "reads it with DataFrame(...)); arrival_s and response_s are NaN until arrival");
}

void init_simulation_snapshots(SimulationClass& c) {
  c.def(
       "snapshot", [](const SimulationHandle& h) { return h.sim->snapshot(); },
       "An in-memory copy of the state, to fork() or restore() from")
      .def(
          "restore", [](SimulationHandle& h, const SimSnapshot& s) { h.sim->restore(s); },
          py::arg("snapshot"))
      .def(
          "fork",
          [](const SimulationHandle& h, std::optional<int> threads) {
            if (threads) check_threads(*threads);
            SimulationHandle fork;
            py::gil_scoped_release release;
            fork.sim =
                std::make_unique<Simulation>(h.sim->snapshot(), threads.value_or(h.sim->threads()));
            fork.sim->enable_observations();  // its own, published from the copied state
            return fork;
          },
          py::arg("threads") = py::none(), "A new simulation continuing from this one's state");
}

}  // namespace

void init_simulation(py::module_& m) {
  init_simulation_view_classes(m);
  SimulationClass simulation(m, "Simulation", "A running simulation of a scenario");
  init_simulation_stepping(simulation);
  init_simulation_state_views(simulation);
  init_simulation_transit(simulation);
  init_simulation_interventions(simulation);
  init_simulation_emergency(simulation);
  init_simulation_snapshots(simulation);
}

}  // namespace arteria::python
