#include "cli/timetable_changes.hpp"

#include <cstdio>

namespace arteria {

void print_timetable_changes(const Scenario& scenario) {
  const std::vector<TripCountChange>& changes = scenario.transit.trip_count_changes;
  for (const TripCountChange& change : changes) {
    std::printf("  timetable: %s%s\n", describe_trip_count_change(change).c_str(),
                change.after < change.before ? " (removes trips)" : "");
  }
  if (const std::size_t removed = trips_removed(changes); removed > 0) {
    std::printf("  warning: the timetable changes remove %zu trips of the feed\n", removed);
  }
}

}  // namespace arteria
