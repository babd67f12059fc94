// One range of trips.csv parsed into plain arrays: every row's fields checked and its nodes and
// route resolved against the network, so that ranges can be parsed in parallel and then added
// to the demand in file order (trips_csv.cpp). Nothing is allocated per row.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "model/network.hpp"
#include "model/vehicle_classes.hpp"

namespace arteria {

struct TripRows {
  std::vector<std::string_view> id;  // views into the file's text
  std::vector<std::size_t> id_hash;  // IdHash of each id, for the duplicate check
  std::vector<Index> origin;
  std::vector<Index> destination;
  std::vector<double> depart_s;
  std::vector<float> pcu;
  std::vector<ClassIndex> vehicle_class;
  std::vector<std::uint32_t> line;
  std::vector<Index> first_link{0};  // CSR into links; a row without a route has none
  std::vector<Index> links;

  // The range's first bad row stops it: its error, and its id when that was read before the
  // error was found. A row's id is checked for duplicates before its other fields, so a
  // duplicate id on that line is the error to report instead.
  std::optional<InputError> error;
  std::string_view error_id;
  std::size_t error_id_hash = 0;

  std::size_t size() const { return id.size(); }
};

// Reads the rows `in` gives (a trips.csv range) into `rows`, until the end or the first bad row;
// class names resolve against `classes`.
void parse_trip_rows(CsvReader& in, const Network& network, const VehicleClasses& classes,
                     TripRows& rows);

}  // namespace arteria
