// Reader for trips.csv; see trips_csv.hpp. The file is cut into ranges of whole lines, parsed
// in parallel (trip_rows.hpp), then added in file order with the duplicate-id check, so the
// demand and the error reported are the same at any thread count and range size.

#include "formats/native/trips_csv.hpp"

#include <tbb/parallel_for.h>

#include "base/csv_ranges.hpp"
#include "base/id_first_lines.hpp"
#include "formats/native/trip_rows.hpp"

namespace arteria {
namespace {

[[noreturn]] void fail_duplicate(const std::string& path, std::size_t line, std::string_view id,
                                 std::uint32_t first_line) {
  throw InputError(path, line, "id",
                   "duplicate trip id '" + std::string(id) + "' (first on line " +
                       std::to_string(first_line) + ")");
}

// Adds the rows of every range in order; the first duplicate id or bad row in file order is
// the error, as reading the file row by row finds it. A range's arrays are freed once it is
// added, so that its route links are not held twice to the end (where the allocator gives the
// memory back; glibc keeps blocks under its mmap threshold for later allocations).
std::size_t add_trip_rows(std::vector<TripRows>& ranges, const std::string& path,
                          DemandBuilder& builder) {
  std::size_t count = 0;
  std::size_t links = 0;
  for (const TripRows& rows : ranges) {
    count += rows.size();
    links += rows.first_link.back();
  }
  builder.demand_reserve(count, links);
  const std::uint32_t file = builder.add_file(path);
  IdFirstLines first_lines(count);
  for (TripRows& rows : ranges) {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (const std::uint32_t first =
              first_lines.insert(rows.id[r], rows.id_hash[r], rows.line[r])) {
        fail_duplicate(path, rows.line[r], rows.id[r], first);
      }
    }
    builder.add_trips({rows.id,
                       rows.origin,
                       rows.destination,
                       rows.depart_s,
                       rows.pcu,
                       rows.vehicle_class,
                       rows.line,
                       rows.first_link,
                       {rows.links.data(), rows.first_link.back()}},
                      file);
    if (rows.error) {
      if (!rows.error_id.empty()) {
        if (const std::uint32_t first = first_lines.find(rows.error_id, rows.error_id_hash)) {
          fail_duplicate(path, rows.error->line(), rows.error_id, first);
        }
      }
      throw *rows.error;
    }
    rows = TripRows{};
  }
  return count;
}

}  // namespace

std::size_t read_trips_csv(const std::string& path, const Network& network, DemandBuilder& builder,
                           std::size_t range_bytes) {
  CsvFile file(path, {"id", "origin", "destination", "depart"}, {"pcu", "class", "route"});
  const std::vector<CsvRange> ranges = csv_body_ranges(file, range_bytes);
  std::vector<TripRows> rows(ranges.size());
  tbb::parallel_for(std::size_t{0}, ranges.size(), [&](std::size_t i) {
    CsvReader in(file, ranges[i].begin, ranges[i].end, ranges[i].first_line);
    parse_trip_rows(in, network, builder.classes(), rows[i]);
  });
  return add_trip_rows(rows, path, builder);
}

}  // namespace arteria
