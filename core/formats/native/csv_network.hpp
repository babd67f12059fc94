// The native network format: a folder of CSV tables (nodes, links, optional turns and signals)
// read into a NetworkSpec with every record's file and line kept, and written back from a
// compiled Network so that importers can hand their result to `arteria run`.
#pragma once

#include <string>

#include "model/network.hpp"
#include "model/network_spec.hpp"

namespace arteria {

// Paths of the tables; an empty turns or signals path means the table is absent.
struct CsvNetworkFiles {
  std::string nodes;    // id,x_m,y_m[,centroid]
  std::string links;    // id,from,to,length_m,lanes,free_speed_kmh|free_speed_mps,capacity_vph
                        //   [,modes][,geometry]
  std::string turns;    // from_link,to_link[,allowed]
  std::string signals;  // node,plan,offset_s,phase,duration_s,green[,initial]
};

// Reads the tables into a spec. Errors in a single field (a bad number, an unknown mode) are
// thrown here; errors between records (duplicate or dangling ids) by compile_network, which
// names the same file and line through each record's SourceRef.
NetworkSpec read_csv_network(const CsvNetworkFiles& files);

// The optional tables on their own, appended to a spec whose links are already read.
// turns.csv: rows with allowed = 1 (the default) list the movements that exist, and the spec's
// turn rule becomes explicit_only; rows with allowed = 0 are bans. A table holding only bans
// keeps the default rule (every turn but U-turns) and removes the banned ones, so a user who
// wants to forbid one left turn does not have to list every other movement of the city.
void read_csv_turns(const std::string& path, NetworkSpec& spec);
// signals.csv: one row per phase. `green` lists movements `FROM_LINK>TO_LINK` or `FROM_LINK`
// (every movement out of that link) separated by ';'; empty is an all-red phase. Without an
// `initial` column the first plan listed at a node is the one it starts with, the others wait
// for a set_signal_plan event.
void read_csv_signals(const std::string& path, NetworkSpec& spec);

// Writes nodes.csv, links.csv and, when needed, turns.csv and signals.csv into `dir` (created
// if missing) and returns their paths (turns/signals empty when not written). Reading them back
// and compiling gives the same network: ids in the same order, the same numbers (floats are
// written so that they read back bit for bit), the same turns and the same green times.
// Throws std::runtime_error when a file cannot be written.
CsvNetworkFiles write_csv_network(const Network& network, const std::string& dir);

// signals.csv alone. Phases are recovered from the compiled green windows: a new phase starts
// wherever the set of green movements changes (to within 0.1 s; shorter phases are lost).
void write_csv_signals(const Network& network, const std::string& path);

}  // namespace arteria
