// A GTFS feed (as a folder) read, its service day chosen and its timetable built, as `[transit]`
// does. Input: the tables below in this order, separated by --8<--; an empty part is a table the
// feed does not have.
#include <array>

#include "formats/gtfs/gtfs.hpp"
#include "formats/gtfs/gtfs_timetable.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  static constexpr std::array<const char*, 9> tables = {
      "agency.txt",   "stops.txt",          "routes.txt", "trips.txt",      "stop_times.txt",
      "calendar.txt", "calendar_dates.txt", "shapes.txt", "frequencies.txt"};
  const auto parts = fuzz::split_files(data, size, tables.size());
  for (std::size_t t = 0; t < tables.size(); ++t) {
    if (t < parts.size() && !parts[t].empty()) {
      fuzz::write_input(tables[t], parts[t]);
    } else {
      fuzz::remove_input(tables[t]);
    }
  }
  fuzz::expect_input_error([&] {
    const GtfsFeed feed = read_gtfs(fuzz::input_folder());
    build_timetable(feed, select_service_day(feed));
  });
  return 0;
}
