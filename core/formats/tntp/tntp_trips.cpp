// Reads a TNTP _trips.tntp OD table and hands it to the general OD expansion (demand/od_matrix)
// so TNTP demand becomes trips exactly as other OD tables do.
#include <cmath>
#include <limits>
#include <numeric>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "formats/tntp/tntp_reader.hpp"
#include "formats/tntp/tntp_text.hpp"

namespace arteria {
namespace {

Index zone_number(const std::string& path, std::uint32_t line, const char* field,
                  std::string_view value, Index zone_count) {
  const auto number = parse_number(value);
  if (!number) {
    throw InputError(path, line, field, "'" + std::string(value) + "' is not a zone number");
  }
  if (*number != std::floor(*number) || *number < 1.0 || *number > zone_count) {
    throw InputError(path, line, field,
                     "unknown node '" + std::string(value) + "': zones are 1.." +
                         std::to_string(zone_count) + " (<NUMBER OF ZONES>)");
  }
  return static_cast<Index>(*number);
}

}  // namespace

double TntpOdTable::total() const {
  return std::accumulate(flow.begin(), flow.end(), 0.0);
}

TntpOdTable read_tntp_trips(const std::string& path) {
  TntpText text(path);
  TntpOdTable od;
  od.file = path;
  const double zones = text.metadata_number("<NUMBER OF ZONES>");
  if (zones != std::floor(zones) || zones < 1.0 || zones > 1e7) {
    throw InputError(path, 0, "<NUMBER OF ZONES>", "must be a whole number of at least 1");
  }
  od.zone_count = static_cast<Index>(zones);
  od.declared_total = std::numeric_limits<double>::quiet_NaN();
  if (text.metadata("<TOTAL OD FLOW>")) od.declared_total = text.metadata_number("<TOTAL OD FLOW>");

  std::string_view line_text;
  std::uint32_t line = 0;
  Index origin = 0;
  while (text.next(line_text, line)) {
    if (line_text.substr(0, 6) == "Origin") {
      std::string_view rest = line_text.substr(6);
      while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
      origin = zone_number(path, line, "Origin", rest, od.zone_count);
      continue;
    }
    // Entries "destination : flow;", several to a line.
    std::size_t pos = 0;
    while (pos < line_text.size()) {
      std::size_t end = line_text.find(';', pos);
      if (end == std::string_view::npos) end = line_text.size();
      const std::string_view entry = line_text.substr(pos, end - pos);
      pos = end + 1;
      if (entry.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      if (origin == 0) throw InputError(path, line, "Origin", "an entry before any 'Origin' line");
      const std::size_t colon = entry.find(':');
      if (colon == std::string_view::npos) {
        throw InputError(path, line, "destination",
                         "'" + std::string(entry) + "' is not 'destination : flow'");
      }
      const Index destination =
          zone_number(path, line, "destination", entry.substr(0, colon), od.zone_count);
      std::string_view flow_text = entry.substr(colon + 1);
      while (!flow_text.empty() && (flow_text.front() == ' ' || flow_text.front() == '\t')) {
        flow_text.remove_prefix(1);
      }
      const auto flow = parse_number(flow_text);
      if (!flow || *flow < 0.0) {
        throw InputError(path, line, "flow",
                         "'" + std::string(flow_text) + "' is not a non-negative number of trips");
      }
      if (*flow == 0.0) continue;
      od.origin.push_back(origin);
      od.destination.push_back(destination);
      od.flow.push_back(*flow);
      od.line.push_back(line);
    }
  }
  return od;
}

OdMatrix tntp_od_matrix(const TntpOdTable& od, DemandBuilder& builder, double* intrazonal_flow) {
  OdMatrix matrix;
  matrix.file = od.file;
  matrix.trips_field = "flow";
  const std::uint32_t file = builder.add_file(od.file);
  double intrazonal = 0.0;
  matrix.cells.reserve(od.pair_count());
  for (std::size_t p = 0; p < od.pair_count(); ++p) {
    if (od.origin[p] == od.destination[p]) {
      intrazonal += od.flow[p];
      continue;
    }
    matrix.cells.push_back({std::to_string(od.origin[p]), std::to_string(od.destination[p]),
                            od.flow[p], SourceRef{file, od.line[p]}});
  }
  if (intrazonal_flow != nullptr) *intrazonal_flow = intrazonal;
  return matrix;
}

TntpExpansionStats expand_tntp_trips(const TntpOdTable& od, const Network& network, Demand& demand,
                                     const OdExpansion& expansion, const DemandScale& scale) {
  DemandBuilder builder(network, demand);
  TntpExpansionStats stats;
  const OdMatrix matrix = tntp_od_matrix(od, builder, &stats.intrazonal_flow_skipped);
  // A table over the engine's limit is refused by expand_od_matrix, at its line; reserving for
  // it first would fail without one.
  const double planned = std::ceil(od.total() * scale.most());
  if (planned <= static_cast<double>(max_expanded_trips)) {
    demand.reserve(demand.trip_count() + static_cast<std::size_t>(planned));
  }
  stats.trips_added = expand_od_matrix(matrix, expansion, scale, network, builder);
  return stats;
}

}  // namespace arteria
