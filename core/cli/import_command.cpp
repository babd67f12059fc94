// `arteria import KIND INPUT... --out DIR`: reads OSM, SUMO or TNTP data into a scenario folder
// (native CSV network, trips.csv, scenario.toml), or validates and summarises a GTFS feed.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "base/atomic_text_file.hpp"
#include "base/csv.hpp"
#include "base/csv_write.hpp"
#include "base/error.hpp"
#include "base/import_log.hpp"
#include "base/text.hpp"
#include "cli/commands.hpp"
#include "formats/gtfs/gtfs_summary.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "formats/tntp/tntp_units.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/scenario_writer.hpp"

namespace arteria::cli {
namespace {

namespace fs = std::filesystem;

struct ImportArguments {
  std::string kind;
  std::vector<std::string> inputs;
  std::string out;
  std::string name;
  std::string start, end;  // simulated period; empty: the kind's default
  long long seed = 1;
  std::string profile;  // "07:00=1,08:00=2,09:00=0"
  double scale = 1.0;
  long long trips = 2000;
  long long zones = 0;
  std::string poly;
  std::vector<std::string> modes;
  std::string date;
  std::string signals;  // sumo: "approach" or "movement"; empty: the source's default
  std::string length_unit, time_unit;  // tntp; empty: the file's header, known network, default
};

// A morning peak: rising from 07:00, highest 07:30-08:30, over at 09:00.
const char* const default_profile = "07:00=1,07:30=2,08:00=2,08:30=1,09:00=0";

[[noreturn]] void fail(const std::string& field, const std::string& message) {
  throw InputError("arteria import", 0, field, message);
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Inputs as absolute paths; a folder stands for the files in it (sorted, for a stable order).
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code error;
    const fs::path path = fs::absolute(input).lexically_normal();
    if (fs::is_directory(path, error)) {
      std::vector<std::string> inside;
      for (const auto& entry : fs::directory_iterator(path)) {
        if (entry.is_regular_file()) inside.push_back(entry.path().string());
      }
      std::sort(inside.begin(), inside.end());
      files.insert(files.end(), inside.begin(), inside.end());
    } else if (fs::is_regular_file(path, error)) {
      files.push_back(path.string());
    } else {
      fail("INPUT", "'" + input + "' is neither a file nor a folder");
    }
  }
  return files;
}

// "07:00=1,08:00=2,09:00=0" as TOML [[time, weight], ...]; also returns the first/last time.
std::string profile_toml(const std::string& text, double& first_s, double& last_s) {
  std::string toml = "[";
  std::istringstream entries(text);
  int count = 0;
  for (std::string entry; std::getline(entries, entry, ',');) {
    const std::size_t equals = entry.find('=');
    const auto time =
        equals == std::string::npos ? std::nullopt : parse_time_of_day(entry.substr(0, equals));
    const auto weight =
        equals == std::string::npos ? std::nullopt : parse_number(entry.substr(equals + 1));
    if (!time || !weight) {
      fail("--profile", "'" + entry + "' is not TIME=WEIGHT, e.g. 07:30=2");
    }
    if (count++ == 0) first_s = *time;
    last_s = *time;
    toml += std::string(count > 1 ? ", " : "") + "[" + format_double(*time) + ", " +
            format_double(*weight) + "]";
  }
  if (count < 2) fail("--profile", "needs at least two TIME=WEIGHT entries");
  return toml + "]";
}

std::string time_toml(const std::string& given, double fallback_s) {
  if (given.empty()) return format_double(fallback_s);
  if (!parse_time_of_day(given)) fail("--start/--end", "'" + given + "' is not HH:MM[:SS]");
  return toml_quote(given);
}

struct Composed {
  std::string sources;           // [network] and [demand]
  std::string start, end;        // TOML values
  bool end_from_demand = false;  // SUMO without an end: the last departure decides
};

// The departure profile (--profile, or the default) as TOML, for tntp and osm; the run starts at
// its first time and ends two hours after its last unless --start/--end say otherwise.
std::string profile_and_period(const ImportArguments& args, Composed& c) {
  double first = 0.0, last = 0.0;
  const std::string profile =
      profile_toml(args.profile.empty() ? default_profile : args.profile, first, last);
  c.start = time_toml(args.start, first);
  c.end = time_toml(args.end, last + 2 * 3600.0);
  return profile;
}

// ["a", "b"] as a TOML array of strings.
std::string toml_list(const std::vector<std::string>& items) {
  std::string text = "[";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + toml_quote(items[i]);
  return text + "]";
}

// An explicit TNTP unit must be one the reader knows; empty means "not given".
void check_unit(const char* option, const std::string& unit,
                const std::vector<std::string>& allowed) {
  if (unit.empty() || std::find(allowed.begin(), allowed.end(), unit) != allowed.end()) return;
  std::string names;
  for (const std::string& name : allowed) names += (names.empty() ? "" : ", ") + name;
  fail(option, "'" + unit + "' is not one of " + names);
}

Composed compose_tntp(const ImportArguments& args, const std::vector<std::string>& files) {
  check_unit("--length-unit", args.length_unit, tntp_length_units());
  check_unit("--time-unit", args.time_unit, tntp_time_units());
  std::string net, trips, nodes;
  for (const std::string& file : files) {
    if (ends_with(file, "_net.tntp")) net = file;
    if (ends_with(file, "_trips.tntp")) trips = file;
    if (ends_with(file, "_node.tntp")) nodes = file;
  }
  if (net.empty()) fail("INPUT", "tntp needs a <name>_net.tntp file (or its folder)");
  if (trips.empty()) fail("INPUT", "tntp needs a <name>_trips.tntp file (or its folder)");
  Composed c;
  const std::string profile = profile_and_period(args, c);
  c.sources = "[network]\nsource = \"tntp\"\nnet = " + toml_quote(net) + "\n";
  if (!nodes.empty()) c.sources += "nodes = " + toml_quote(nodes) + "\n";
  if (!args.length_unit.empty())
    c.sources += "length_unit = " + toml_quote(args.length_unit) + "\n";
  if (!args.time_unit.empty()) c.sources += "time_unit = " + toml_quote(args.time_unit) + "\n";
  c.sources += "\n[demand]\nsource = \"tntp\"\nfile = " + toml_quote(trips) +
               "\nprofile = " + profile + "\nscale = " + format_double(args.scale) + "\n";
  return c;
}

Composed compose_osm(const ImportArguments& args, const std::vector<std::string>& files) {
  std::string map, poly = args.poly.empty() ? "" : fs::absolute(args.poly).string();
  for (const std::string& file : files) {
    if (ends_with(file, ".poly")) {
      poly = file;
    } else if (ends_with(file, ".pbf") || ends_with(file, ".osm") || ends_with(file, ".osm.bz2") ||
               ends_with(file, ".osm.gz")) {
      if (!map.empty()) fail("INPUT", "give one OSM file (got '" + map + "' and '" + file + "')");
      map = file;
    }
  }
  if (map.empty()) fail("INPUT", "osm needs a .osm.pbf, .osm, .osm.bz2 or .osm.gz file");
  Composed c;
  const std::string profile = profile_and_period(args, c);
  c.sources = "[network]\nsource = \"osm\"\nfile = " + toml_quote(map) + "\n";
  if (!poly.empty()) c.sources += "poly = " + toml_quote(poly) + "\n";
  if (!args.modes.empty()) c.sources += "mode = " + toml_list(args.modes) + "\n";
  c.sources += "\n[demand]\nsource = \"random\"\ntrips = " + std::to_string(args.trips) +
               "\nprofile = " + profile + "\n";
  if (args.zones > 0) c.sources += "zones = " + std::to_string(args.zones) + "\n";
  return c;
}

Composed compose_sumo(const ImportArguments& args, const std::vector<std::string>& files) {
  std::string config, net;
  std::vector<std::string> routes, additional;
  for (const std::string& file : files) {
    if (ends_with(file, ".sumocfg")) {
      if (!config.empty()) fail("INPUT", "give one .sumocfg");
      config = file;
    } else if (ends_with(file, ".net.xml")) {
      net = file;
    } else if (ends_with(file, ".rou.xml")) {
      routes.push_back(file);
    } else if (ends_with(file, ".xml")) {
      additional.push_back(file);
    }
  }
  Composed c;
  const std::string signals =
      args.signals.empty() ? "" : "signals = " + toml_quote(args.signals) + "\n";
  double begin_s = 0.0;
  std::optional<double> end_s;
  if (!config.empty()) {
    // Given a folder, its .sumocfg says which files count; the others are not loaded.
    const SumoScenarioFiles cfg = read_sumocfg(config);
    begin_s = cfg.begin_s;
    end_s = cfg.end_s;
    c.sources = "[network]\nsource = \"sumo\"\nconfig = " + toml_quote(config) + "\n" + signals +
                "\n[demand]\nsource = \"sumo\"\n";
  } else {
    if (net.empty()) fail("INPUT", "sumo needs a .sumocfg, or a .net.xml with .rou.xml files");
    if (routes.empty()) fail("INPUT", "sumo needs route files (.rou.xml) besides the .net.xml");
    std::vector<std::string> demand = additional;  // SUMO loads additionals before routes
    demand.insert(demand.end(), routes.begin(), routes.end());
    c.sources = "[network]\nsource = \"sumo\"\nnet = " + toml_quote(net) + "\n";
    if (!additional.empty()) c.sources += "additional = " + toml_list(additional) + "\n";
    c.sources += signals;
    c.sources += "\n[demand]\nsource = \"sumo\"\nfiles = " + toml_list(demand) + "\n";
  }
  c.start = time_toml(args.start, begin_s);
  // Without an end SUMO runs until the last vehicle arrives: load everything first (two days),
  // then end an hour after the last departure.
  c.end_from_demand = args.end.empty() && !end_s;
  c.end = time_toml(args.end, end_s.value_or(begin_s + 2 * 86400.0));
  return c;
}

// The scenario's default name: the --out folder's, also when it is given with a trailing slash
// ("monaco/"), which has an empty filename() and named the scenario "" and its output ".h5".
std::string folder_name(const std::string& out) {
  fs::path folder = fs::absolute(out).lexically_normal();
  if (!folder.has_filename()) folder = folder.parent_path();
  const std::string name = folder.filename().string();
  return name.empty() ? "scenario" : name;  // the root folder has no name
}

std::string shared_tables(const ImportArguments& args, const Composed& c, const std::string& name) {
  return "[simulation]\nstart = " + c.start + "\nend = " + c.end +
         "\nseed = " + std::to_string(args.seed) +
         "\n\n[output]\nfile = " + toml_quote(name + ".h5") + "\n";
}

void write_text(const std::string& path, const std::string& text) {
  AtomicTextFile file(path);
  file.out() << text;
  file.commit();
}

void print_log(const ImportLog& log) {
  for (const std::string& line : log.notes) std::printf("  %s\n", line.c_str());
  if (log.warnings.empty()) return;
  std::printf("warnings:\n");
  for (const std::string& line : log.warnings) std::printf("  %s\n", line.c_str());
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string two_digits(std::int32_t value) {
  return (value < 10 ? "0" : "") + std::to_string(value);
}

// A transit-only scenario: the feed's routes on guideways, one service day, no passengers yet
// (the file says how to add them). It is loaded once so that what is written surely runs.
void import_gtfs(const ImportArguments& args, const std::vector<std::string>& inputs) {
  if (inputs.size() != 1) fail("INPUT", "gtfs takes one feed: a .zip file or a folder");
  const auto started = std::chrono::steady_clock::now();
  const std::string feed_path = fs::absolute(inputs.front()).lexically_normal().string();
  const GtfsFeed feed = read_gtfs(feed_path);
  const GtfsServiceDay day = select_service_day(feed, args.date);
  const GtfsSummary summary = summarize_gtfs(feed, day);
  fs::create_directories(args.out);
  const std::string csv = (fs::path(args.out) / "gtfs_summary.csv").string();
  write_gtfs_summary_csv(summary, csv);
  std::printf("%s", format_gtfs_summary(summary).c_str());
  if (summary.trips_on_day == 0) fail("INPUT", "no trip of the feed runs on any service day");

  // Whole hours around the day's first departure and last arrival.
  const std::int32_t start_h = summary.first_departure_s / 3600;
  const std::int32_t end_h = (summary.last_arrival_s + 3599) / 3600 + 1;
  const std::string name = args.name.empty() ? folder_name(args.out) : args.name;
  const std::string scenario_path = (fs::path(args.out) / "scenario.toml").string();
  AtomicTextFile file(scenario_path);
  std::ofstream& out = file.out();
  out << "# Transit-only scenario written by `arteria import gtfs` from " << feed_path << ".\n"
      << "# Every route runs on guideway links between its stops, on its scheduled times.\n"
      << "# Add passengers with a [passengers] table (source = \"csv\", \"od\" or \"random\"; see\n"
      << "# docs/USER_GUIDE.md), or put a road network under the feed with a [network] table.\n\n"
      << "[scenario]\nname = " << toml_quote(name) << "\n\n"
      << "[transit]\ngtfs = " << toml_quote(feed_path) << "\ndate = \"" << day.date << "\"\n\n"
      << "[simulation]\nstart = \"" << two_digits(start_h) << ":00\"\nend = \"" << two_digits(end_h)
      << ":00\"\n\n"
      << "[output]\nfile = " << toml_quote(name + ".h5") << '\n';
  file.commit();
  const Scenario scenario = load_scenario(scenario_path);
  std::printf("transit-only scenario: %s trips on %s guideway links between %s stops\n",
              count_text(scenario.transit.timetable.trip_count()).c_str(),
              count_text(scenario.network.link_count).c_str(),
              count_text(scenario.network.node_count).c_str());
  std::printf("read, placed and written in %.2f s; wrote %s and %s\n", seconds_since(started),
              csv.c_str(), scenario_path.c_str());
  std::printf("Run it with `arteria run %s`.\n", scenario_path.c_str());
}

// Composes DIR/source.toml, a scenario that reads the original files, and loads it with
// load_scenario(): the folder written is exactly what `arteria run DIR/source.toml` simulates.
void import_scenario(const ImportArguments& args) {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<std::string> files = expand_inputs(args.inputs);
  Composed composed;
  if (args.kind == "tntp") composed = compose_tntp(args, files);
  if (args.kind == "osm") composed = compose_osm(args, files);
  if (args.kind == "sumo") composed = compose_sumo(args, files);
  const std::string name = args.name.empty() ? folder_name(args.out) : args.name;
  const std::string header = "[scenario]\nname = " + toml_quote(name) + "\n\n";
  std::string comment = "Imported by `arteria import " + args.kind + "` from:\n";
  for (const std::string& input : args.inputs) {
    comment += "  " + fs::absolute(input).lexically_normal().string() + "\n";
  }

  fs::create_directories(args.out);
  const std::string source_path = (fs::path(args.out) / "source.toml").string();
  auto source_text = [&](const Composed& c) {
    std::string text;
    std::istringstream lines(comment +
                             "This file reads the original files; scenario.toml reads "
                             "the imported tables. Both run the same.");
    for (std::string line; std::getline(lines, line);) text += "# " + line + "\n";
    return text + "\n" + header + c.sources + "\n" + shared_tables(args, c, name);
  };
  write_text(source_path, source_text(composed));
  ImportLog log;
  Scenario scenario;
  {
    ImportLogScope scope(log);
    scenario = load_scenario(source_path);
  }
  if (composed.end_from_demand) {
    double last = scenario.sim.start_s;
    for (const double depart : scenario.demand.trip_depart_s) last = std::max(last, depart);
    const double end = std::ceil((last + 3600.0) / 900.0) * 900.0;  // quarter hours
    composed.end = format_double(end);
    write_text(source_path, source_text(composed));
    // Loading source.toml again would give the same trips (every departure is before `end`).
    scenario.sim.end_s = end;
    log.note("simulation ends at " + format_time_of_day(end) +
             ": the configuration gives no end, so one hour after the last departure");
  }
  SaveOptions options;
  // The log goes into the written file too: which units a TNTP network was read in, and any
  // warning, stay beside the tables they shaped.
  std::string log_text = "Import log:\n";
  for (const std::string& line : log.notes) log_text += "  " + line + "\n";
  for (const std::string& line : log.warnings) log_text += "  warning: " + line + "\n";
  options.comment =
      comment + log_text + "Run it with `arteria run " + args.out + "/scenario.toml`.";
  options.simulation_tables = shared_tables(args, composed, name);
  // A path, not the folder: --out may end in ".toml", which save_scenario would take as the file.
  const SavedScenarioFiles folder =
      save_scenario(scenario, (fs::path(args.out) / "scenario.toml").string(), options);
  std::printf("imported %s into %s in %.2f s\n", args.kind.c_str(), args.out.c_str(),
              seconds_since(started));
  print_log(log);
  const Network& net = scenario.network;
  std::printf("wrote %s nodes, %s links, %s turns, %s signal plans, %s trips: %s\n",
              count_text(net.node_count).c_str(), count_text(net.link_count).c_str(),
              count_text(net.turn_count).c_str(), count_text(net.signal_plans.size()).c_str(),
              count_text(scenario.demand.trip_count()).c_str(), folder.scenario.c_str());
  if (args.kind == "osm") {
    std::printf(
        "note: the %s trips are random (OSM carries no demand; --trips sets how many): replace "
        "[demand] in %s with real trips before drawing conclusions\n",
        count_text(scenario.demand.trip_count()).c_str(), folder.scenario.c_str());
  }
}

}  // namespace

void add_import_command(CLI::App& app) {
  auto args = std::make_shared<ImportArguments>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Import OSM, SUMO or TNTP data into a scenario folder; validate a GTFS feed");
  cmd->add_option("kind", args->kind, "osm, sumo, tntp or gtfs")
      ->required()
      ->check(CLI::IsMember({"osm", "sumo", "tntp", "gtfs"}));
  cmd->add_option("inputs", args->inputs, "Input files or folders")->required();
  cmd->add_option("--out,-o", args->out, "Folder to write the scenario into")->required();
  cmd->add_option("--name", args->name, "Scenario name (default: the folder's name)");
  cmd->add_option("--start", args->start, "Simulation start, HH:MM[:SS]");
  cmd->add_option("--end", args->end, "Simulation end, HH:MM[:SS]");
  cmd->add_option("--seed", args->seed, "Random seed of the run and the demand")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--profile", args->profile,
                  std::string("Departure profile TIME=WEIGHT,... (tntp, osm; default ") +
                      default_profile + ")");
  cmd->add_option("--scale", args->scale, "Demand scale (tntp)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--trips", args->trips,
                  "osm: OSM has no demand, so the scenario gets this many RANDOM trips between "
                  "nodes weighted by link capacity (default 2000): a stand-in for smoke tests, "
                  "not a study; replace [demand] with real trips")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--zones", args->zones, "Distinct trip end nodes, 0 for all (osm)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--poly", args->poly, "Bounding polygon, Osmosis .poly (osm)");
  cmd->add_option("--mode", args->modes, "Road mode the network is for: car, bus, truck (osm)");
  cmd->add_option("--signals", args->signals,
                  "Signals by approach (default) or as given per movement (sumo)")
      ->check(CLI::IsMember({"approach", "movement"}));
  cmd->add_option("--length-unit", args->length_unit,
                  "Unit of the _net file's lengths (tntp; default: its header, else known "
                  "networks, else km): mi, km, m, ft");

  cmd->add_option("--time-unit", args->time_unit,
                  "Unit of the _net file's free-flow times (tntp; default: its header, else known "
                  "networks, else min): min, s, h");

  cmd->add_option("--date", args->date, "Service day YYYYMMDD (gtfs; default the busiest)");
  cmd->callback([args] {
    if (args->kind == "gtfs") {
      import_gtfs(*args, args->inputs);
    } else {
      import_scenario(*args);
    }
  });
}

}  // namespace arteria::cli
