// How much memory a run of a built scenario will need, from a model of the data structures
// (counts x bytes per item), before routing, the simulation state and the output writer
// allocate: `arteria run` refuses a scenario that will not fit (--max-memory, else the memory
// the machine has available) and `arteria info SCENARIO.toml` prints the parts.
//
// Parts live through the whole run (the program, the scenario, the routes), only while routing
// (the CCH and the paths by origin, freed before the state is made) or from the state on (the
// state and the output). Routing frees its blocks before the state is allocated, and the state
// reuses them (or glibc gave them back to the system), so the peak is the whole-run parts plus
// the larger of the two phases: measured, the resident size of Porto never drops after routing
// and ends at whole run + simulation, and grid_300k's drops after its routing peak
// (docs/BENCHMARKS.md, "Memory estimate").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.hpp"
#include "routing/cch_topology.hpp"

namespace arteria {

enum class MemoryPhase { whole_run, routing, simulation };

struct MemoryPart {
  MemoryPhase phase = MemoryPhase::whole_run;
  std::string name;    // e.g. "routes"
  std::string counts;  // what it is made of, e.g. "60,000 trips x 38.2 links"
  std::uint64_t bytes = 0;
};

struct MemoryEstimate {
  std::vector<MemoryPart> parts;  // in the order the run allocates them
  double mean_route_links = 0.0;  // per road trip, sampled (see estimate_memory)
  // The expected peak: whole-run parts + max(routing, simulation).
  std::uint64_t total_bytes() const;
};

// What the model is told besides the scenario: the resident size of the program and its
// libraries before the scenario was read, and the worker threads of the run.
struct MemoryBaseline {
  std::uint64_t process_bytes = 0;
  int threads = 1;
};

// The program's own resident size now: its file mappings (code and libraries, RssFile) plus the
// heap the libraries set up before any scenario is read (`startup_heap_bytes`).
MemoryBaseline process_baseline(int threads);

// Counts everything from the built scenario, which holds them exactly, except two things known
// only after routing, which are estimated: the mean route length, from free-flow shortest paths
// of a sample of the trips (every trip from up to 32 origins spread over the trip list), and
// the contraction hierarchy's arcs and levels, which the CCH topology (order from the cache, as
// routing uses it) gives before any metric or path is allocated: `car_topology` when the caller
// built it already (prepare_cch, to hand on to routing), else built here and dropped.
MemoryEstimate estimate_memory(const Scenario& scenario, const MemoryBaseline& baseline,
                               const CchTopology* car_topology = nullptr);

// "1.5 GiB", "820 MiB", "96 KiB".
std::string format_bytes(std::uint64_t bytes);
// Parses "2G", "1.5GiB", "800M", "512MB", "100K", "123456" (bytes): K, M, G, T are binary
// (1024-based), with or without a trailing "B" or "iB". Throws std::invalid_argument naming
// the text otherwise.
std::uint64_t parse_memory_size(const std::string& text);

}  // namespace arteria
