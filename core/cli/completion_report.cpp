#include "cli/completion_report.hpp"

#include <cstdio>

#include "base/text.hpp"

namespace arteria::cli {

std::string with_separators(std::uint64_t count) {
  std::string digits = std::to_string(count);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

namespace {

std::string seconds_text(double seconds) {
  char text[48];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

// "12,768 en route at the end, 1,869 never got in, 1,907 stuck and removed"
std::string unfinished_parts(const Kpis& k) {
  return with_separators(k.vehicles_en_route) + " en route at the end, " +
         with_separators(k.vehicles_waiting) + " never got in (waiting to enter), " +
         with_separators(k.vehicles_stuck) + " stuck and removed";
}

}  // namespace

void print_completion(const Kpis& k, double end_s, const std::string& indent) {
  const std::string stopped = format_time_of_day(k.stopped_at_s);
  std::printf("%strips completed %s, not completed %s: %s\n", indent.c_str(),
              with_separators(k.vehicles_arrived).c_str(),
              with_separators(k.vehicles_unfinished).c_str(), unfinished_parts(k).c_str());
  std::printf(
      "%smean travel time %s of the trips that arrived; incl. unfinished (counted to the end "
      "of the run, %s) %s\n",
      indent.c_str(), seconds_text(k.mean_travel_time_s).c_str(), stopped.c_str(),
      seconds_text(k.mean_travel_time_incl_unfinished_s).c_str());
  if (k.stopped_at_s > end_s + 1e-9) {
    std::printf("%sran past the scenario's end (%s) to %s: %s\n", indent.c_str(),
                format_time_of_day(end_s).c_str(), stopped.c_str(),
                k.network_cleared ? "the network cleared" : "the cap came first");
  }
}

void warn_if_incomplete(const Kpis& k, double end_s) {
  if (k.vehicles_unfinished == 0) return;
  const std::string stopped = format_time_of_day(k.stopped_at_s);
  if (!k.network_cleared) {
    std::fprintf(stderr,
                 "warning: the network did not clear by %s: %s trips did not complete (%s). "
                 "The mean travel time of arrived trips (%.0f s) leaves them out; including "
                 "them, counted to %s, it is %.0f s.%s\n",
                 stopped.c_str(), with_separators(k.vehicles_unfinished).c_str(),
                 unfinished_parts(k).c_str(), k.mean_travel_time_s, stopped.c_str(),
                 k.mean_travel_time_incl_unfinished_s,
                 k.stopped_at_s > end_s + 1e-9
                     ? " A later --clear-cap follows them further."
                     : " `arteria run --until-clear` follows them to their arrival.");
    return;
  }
  std::fprintf(stderr,
               "warning: %s trips never arrived: removed as stuck (blocked at the head of a link "
               "longer than simulation.stuck_time_s). Means over arrived trips leave them out; "
               "including them, counted to %s, the mean travel time is %.0f s (see \"Stuck "
               "vehicles\" in docs/USER_GUIDE.md).\n",
               with_separators(k.vehicles_stuck).c_str(), stopped.c_str(),
               k.mean_travel_time_incl_unfinished_s);
}

}  // namespace arteria::cli
