// Writer for scenario folders; see scenario_writer.hpp. The TOML is written by hand (not with
// toml++'s formatter) so that the file reads like the hand-written ones in scenarios/, with
// comments saying where each table came from.

#include "scenario/scenario_writer.hpp"
#include "base/atomic_text_file.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/text.hpp"
#include "formats/native/csv_network.hpp"

namespace arteria {

std::string toml_quote(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

namespace {

// The shortest round-trip text is also a valid TOML integer or float ("21600", "0.25",
// "1e-05"), and toml++ reads it back to the same double.
std::string toml_number(double value) {
  return format_double(value);
}

// Files speak km/h and the loader divides by 3.6; pick the km/h whose quotient is exactly the
// stored m/s (mps * 3.6 is off by an ulp for some speeds), searching a few ulps either side.
double kmh_for(double mps) {
  const double guess = mps * 3.6;
  double up = guess, down = guess;
  for (int i = 0; i < 64; ++i) {
    if (up / 3.6 == mps) return up;
    if (down / 3.6 == mps) return down;
    up = std::nextafter(up, INFINITY);
    down = std::nextafter(down, -INFINITY);
  }
  return guess;
}

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// Trip ids must be unique in trips.csv. Compiled demand can repeat one (a Python-added trip is
// named by its index, which a file's trip may already use): later repeats get a suffix.
std::vector<std::string> unique_trip_ids(const Demand& demand) {
  std::vector<std::string> ids = demand.trip_external_id;
  std::unordered_set<std::string> seen(ids.begin(), ids.end());
  if (seen.size() == ids.size()) return ids;
  std::unordered_set<std::string> used;
  for (std::string& id : ids) {
    if (used.insert(id).second) continue;
    for (int n = 2;; ++n) {
      const std::string candidate = id + "~" + std::to_string(n);
      if (!seen.count(candidate) && used.insert(candidate).second) {
        id = candidate;
        break;
      }
    }
  }
  return ids;
}

void write_trips(const Scenario& scenario, const std::string& path) {
  const Demand& demand = scenario.demand;
  const Network& net = scenario.network;
  AtomicTextFile file(path);
  std::ofstream& out = file.out();
  const bool routes = !demand.given_route_links.empty();
  const bool classes = !demand.cars_only();
  out << "id,origin,destination,depart,pcu" << (classes ? ",class" : "") << (routes ? ",route" : "")
      << '\n';
  const std::vector<std::string> ids = unique_trip_ids(demand);
  for (Index trip = 0; trip < demand.trip_count(); ++trip) {
    // Seconds, not HH:MM:SS: generated departures are fractional and must read back exactly.
    out << csv_field(ids[trip]) << ',' << csv_field(net.node_external_id[demand.trip_origin[trip]])
        << ',' << csv_field(net.node_external_id[demand.trip_destination[trip]]) << ','
        << format_double(demand.trip_depart_s[trip]) << ',' << format_float(demand.trip_pcu[trip]);
    if (classes) out << ',' << csv_field(demand.classes.name[demand.trip_class[trip]]);
    if (routes) {
      std::string route;
      for (Index i = demand.trip_first_given_link[trip]; i < demand.trip_first_given_link[trip + 1];
           ++i) {
        route += (route.empty() ? "" : " ") + net.link_external_id[demand.given_route_links[i]];
      }
      out << ',' << csv_field(route);
    }
    out << '\n';
  }
  file.commit();
}

// The classes trips.csv names, in full, so the file reads back with the same classes (built-in
// ones included: their values may have been changed). Nothing for a cars-only demand.
void write_vehicle_classes(std::ostream& out, const Scenario& scenario) {
  const Demand& demand = scenario.demand;
  if (demand.cars_only()) return;
  const VehicleClasses& classes = demand.classes;
  for (Index c = 0; c < classes.count(); ++c) {
    out << "\n[[vehicle_classes]]\nname = " << toml_quote(classes.name[c])
        << "\npcu = " << toml_number(classes.pcu[c])
        << "\nlength_m = " << toml_number(classes.length_m[c]) << '\n';
    if (std::isfinite(classes.max_speed_mps[c])) {
      out << "max_speed_kmh = " << toml_number(classes.max_speed_mps[c] * 3.6) << '\n';
    }
    const ModeMask mode = classes.mode[c];
    const char* mode_name = mode == mode_truck ? "truck" : mode == mode_bus ? "bus" : "car";
    out << "mode = \"" << mode_name << "\"\nemission = \""
        << (classes.emission[c] ? emission_class_name(*classes.emission[c]) : "none") << "\"\n";
    if (classes.first_banned_link[c + 1] > classes.first_banned_link[c]) {
      out << "banned_links = [";
      for (Index i = classes.first_banned_link[c]; i < classes.first_banned_link[c + 1]; ++i) {
        out << (i > classes.first_banned_link[c] ? ", " : "")
            << toml_quote(scenario.network.link_external_id[classes.banned_links[i]]);
      }
      out << "]\n";
    }
  }
}

// Stations and every incident, the drawn ones listed like the others (so the file reads back
// to the same incidents whatever seed it is run with).
void write_emergency(std::ostream& out, const Scenario& scenario) {
  const EmergencyPlan& plan = scenario.emergency;
  if (!plan.present()) return;
  const Network& net = scenario.network;
  out << "\n[emergency]\npass_speed_kmh = " << toml_number(plan.params.pass_speed_kmh)
      << "\nclearance_s = " << toml_number(plan.params.clearance_s) << '\n';
  for (const EmergencyStation& station : plan.stations) {
    out << "\n[[emergency_stations]]\nid = " << toml_quote(station.id)
        << "\nnode = " << toml_quote(net.node_external_id[station.node]) << '\n';
  }
  for (const Incident& incident : plan.incidents) {
    out << "\n[[incidents]]\nid = " << toml_quote(incident.id)
        << "\ntime = " << toml_number(incident.time_s) << "  # "
        << format_time_of_day(incident.time_s)
        << "\nnode = " << toml_quote(net.node_external_id[incident.node]) << '\n';
  }
}

void write_event(std::ostream& out, const Scenario& scenario, const Event& event) {
  const Network& net = scenario.network;
  out << "\n[[events]]\ntime = " << toml_number(event.time_s) << "  # "
      << format_time_of_day(event.time_s) << "\naction = \"" << event_kind_name(event.kind)
      << "\"\n";
  switch (event.kind) {
    case EventKind::close_link:
    case EventKind::reopen_link:
      out << "link = " << toml_quote(net.link_external_id[event.target]) << '\n';
      break;
    case EventKind::set_link_capacity:
    case EventKind::close_lanes:
      out << "link = " << toml_quote(net.link_external_id[event.target]) << '\n'
          << "value = " << toml_number(event.value) << '\n';
      break;
    case EventKind::set_link_speed:
    case EventKind::limit_speed:
      out << "link = " << toml_quote(net.link_external_id[event.target]) << '\n'
          << "value = " << toml_number(kmh_for(event.value)) << "  # km/h\n";
      break;
    case EventKind::set_signal_plan:
      out << "node = " << toml_quote(net.node_external_id[event.target]) << '\n'
          << "plan = " << toml_quote(net.signal_plans.id(event.plan)) << '\n';
      break;
    case EventKind::scale_demand: break;  // never called: applied to the demand already
  }
}

// Every parameter of [simulation] and [output].
void write_simulation_tables(std::ostream& out, const Scenario& scenario) {
  const SimulationParams& sim = scenario.sim;
  out << "[simulation]\nstart = " << toml_number(sim.start_s) << "  # "
      << format_time_of_day(sim.start_s) << "\nend = " << toml_number(sim.end_s) << "  # "
      << format_time_of_day(sim.end_s) << "\nstep_s = " << toml_number(sim.step_s)
      << "\nseed = " << sim.seed << "\nthreads = " << sim.threads
      << "\nstuck_time_s = " << toml_number(sim.stuck_time_s) << "\nstuck_action = \""
      << (sim.stuck_action == StuckAction::remove ? "remove" : "push_through")
      << "\"\nbackward_wave_speed_kmh = " << toml_number(kmh_for(sim.backward_wave_speed_mps))
      << "\nvehicle_length_m = " << toml_number(sim.vehicle_length_m)
      << "\nstop_when_empty = " << (sim.stop_when_empty ? "true" : "false") << "\n\n";
  out << "[output]\nfile = " << toml_quote(file_name(scenario.output.file))
      << "\nbin_s = " << toml_number(scenario.output.bin_s)
      << "\ntrips = " << (scenario.output.trips ? "true" : "false")
      << "\nroutes = " << (scenario.output.routes ? "true" : "false")
      << "\nemissions = " << (scenario.output.emissions ? "true" : "false") << '\n';
}

std::string default_comment(const Scenario& scenario) {
  return std::string("Saved by Arteria ") + ARTERIA_VERSION + " from " +
         (scenario.source_path.empty() ? std::string("a built-in scenario")
                                       : scenario.source_path) +
         ".\nThe network and demand are the compiled ones, written as CSV tables; loading this "
         "folder\ngives back the same scenario (scenario_writer.hpp).";
}

std::string scenario_text(const Scenario& scenario, const SavedScenarioFiles& files,
                          const SaveOptions& options) {
  std::ostringstream out;
  std::istringstream comment(options.comment.empty() ? default_comment(scenario) : options.comment);
  for (std::string line; std::getline(comment, line);) out << "# " << line << '\n';
  out << "\n[scenario]\nname = " << toml_quote(scenario.name) << "\n\n";
  out << "[network]\nsource = \"csv\"\nnodes = " << toml_quote(file_name(files.nodes))
      << "\nlinks = " << toml_quote(file_name(files.links)) << '\n';
  if (!files.turns.empty()) out << "turns = " << toml_quote(file_name(files.turns)) << '\n';
  if (!files.signals.empty()) out << "signals = " << toml_quote(file_name(files.signals)) << '\n';
  out << "\n[demand]\nsource = \"trips\"\nfile = " << toml_quote(file_name(files.trips)) << "\n\n";
  const bool default_turns = scenario.route_turn_penalty_s == default_turn_penalty_s;
  if (!scenario.route_costs_from.empty() || !scenario.route_spread_ties || !default_turns ||
      scenario.en_route.enabled()) {
    out << "[routing]\n";
    // The run whose link times route the trips stays where it is: named by its absolute path.
    if (!scenario.route_costs_from.empty()) {
      out << "costs_from = "
          << toml_quote(std::filesystem::absolute(scenario.route_costs_from).string()) << "\n";
    }
    if (!scenario.route_spread_ties) out << "spread_ties = false\n";
    if (!default_turns)
      out << "turn_penalty_s = " << toml_number(scenario.route_turn_penalty_s) << "\n";
    if (scenario.en_route.enabled()) {
      out << "en_route_period_s = " << toml_number(scenario.en_route.period_s)
          << "\nen_route_share = " << toml_number(scenario.en_route.share) << "\n";
    }
    out << '\n';
  }
  if (options.simulation_tables.empty()) {
    write_simulation_tables(out, scenario);
  } else {
    out << options.simulation_tables;
  }

  write_vehicle_classes(out, scenario);
  write_emergency(out, scenario);
  std::size_t scaled = 0;
  for (const Event& event : scenario.events) {
    if (event.kind == EventKind::scale_demand) {
      out << (scaled++ == 0 ? "\n# Already applied to trips.csv:\n" : "") << "#   scale_demand by "
          << toml_number(event.value) << " from " << format_time_of_day(event.time_s) << '\n';
    } else {
      write_event(out, scenario, event);
    }
  }
  return out.str();
}

}  // namespace

SavedScenarioFiles save_scenario(const Scenario& scenario, const std::string& path,
                                 const SaveOptions& options) {
  // The transit part (feed, placement, passengers) has no table form of its own yet: saving
  // without it would quietly drop the buses.
  if (scenario.transit.present()) {
    throw std::invalid_argument(
        "a scenario with transit cannot be saved yet; copy its scenario file, which names the "
        "GTFS feed, and write timetable changes as [[transit.changes]]");
  }
  const std::filesystem::path given(path);
  const bool toml_path = given.extension() == ".toml";
  std::filesystem::path folder = toml_path ? given.parent_path() : given;
  if (folder.empty()) folder = ".";
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw std::runtime_error(folder.string() + ": cannot create the folder: " + error.message());
  }

  SavedScenarioFiles files;
  files.scenario = toml_path ? given.string() : (folder / "scenario.toml").string();
  const CsvNetworkFiles network = write_csv_network(scenario.network, folder.string());
  files.nodes = network.nodes;
  files.links = network.links;
  files.turns = network.turns;
  files.signals = network.signals;
  files.trips = (folder / "trips.csv").string();
  write_trips(scenario, files.trips);

  AtomicTextFile file(files.scenario);
  file.out() << scenario_text(scenario, files, options);
  file.commit();
  return files;
}

}  // namespace arteria
