// Readers of the real-data sources of scenario files (source_*.cpp: tntp, sumo, osm networks;
// tntp, sumo, random demand) and their shared helpers. Each reports to the current import log.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/demand.hpp"
#include "model/network.hpp"
#include "model/od_matrix.hpp"
#include "scenario/scenario_sources.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// ---- network sources ----

// source = "tntp": net (the _net.tntp file), nodes (optional _node.tntp), length_unit (mi, km,
// m, ft), time_unit (min, s, h), capacity_in_b, lane_capacity_vph, uncongested_capacity_vph.
SourceNetwork read_tntp_network_source(TomlTable& table, SourceContext& context);
// source = "sumo": config (a .sumocfg), or net (a .net.xml) with additional (file or list).
SourceNetwork read_sumo_network_source(TomlTable& table, SourceContext& context);
// source = "osm": file (.osm.pbf, .osm, ...), poly (optional), mode (name or list of names),
// keep_largest_component, merge_degree_two_nodes, signal_cycle_s.
SourceNetwork read_osm_network_source(TomlTable& table, SourceContext& context);

// ---- demand sources ----

// source = "tntp": file (the _trips.tntp table), profile, scale, seed.
void read_tntp_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                             Demand& demand);
// source = "sumo": files (route/additional files, in SUMO's load order), or nothing to take
// them from the network's .sumocfg; seed for type and route distributions.
void read_sumo_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                             Demand& demand);
// source = "random": trips between nodes drawn with weights by road class; see source_random.cpp.
void read_random_demand_source(TomlTable& table, const Network& network, SourceContext& context,
                               Demand& demand);

// ---- shared helpers ----

// A key holding one input path or an array of them, each resolved like TomlTable::input_path
// (${ARTERIA_DATA}, relative to the scenario file, checked to exist, hashed into the scenario).
std::vector<std::string> read_input_paths(TomlTable& table, std::string_view key);

// profile = [[time, weight], ...] inside the simulated period (see DepartureProfile).
DepartureProfile read_departure_profile(TomlTable& table, const SimulationParams& sim);

// The demand's own seed, or the run's when the table gives none.
std::uint64_t read_demand_seed(TomlTable& table, const SimulationParams& sim);

// A factor as people write it: 0.1, 1.5, 2 ("%g").
std::string number_text(double value);

// The vehicle class a source's trips are of: `class` (a name in `classes`), else `fallback`.
ClassIndex read_trip_class(TomlTable& table, const VehicleClasses& classes, ClassIndex fallback);

// profile, seed and class of an OD table's expansion into trips (source = "od" and "tntp"); its
// `scale` is the demand's, read by load_demand_source.
OdExpansion read_od_expansion(TomlTable& table, const SimulationParams& sim,
                              const VehicleClasses& classes);

// Fails on key "file" when the OD table at `path` expanded to no trips at this scale.
[[noreturn]] void fail_no_trips_expanded(const TomlTable& table, const std::string& path,
                                         const DemandScale& scale);

}  // namespace arteria
