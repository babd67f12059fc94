// The options of `arteria accessibility`, shared by its two modes: per stop
// (accessibility_command.cpp) and from a place (--at, place_accessibility_command.cpp).
#pragma once

#include <optional>
#include <string>

namespace arteria::cli {

struct AccessibilityArguments {
  std::string feed;
  std::string date;
  std::string from = "07:00";
  std::string to = "09:00";
  std::optional<double> minutes;  // per stop: required; from a place: 60
  double step_s = 60.0;
  std::string opportunities;
  std::string out_dir;
  bool no_plot = false;
  std::string at;                        // "LAT,LON" or a stop name; empty: per stop
  double walk_m = 600.0;                 // from a place: walking distance to the first stops
  std::optional<double> walk_speed_mps;  // default: the planner's
};

// HH:MM on the command line, in seconds; InputError naming `option` otherwise.
double parse_clock(const std::string& text, const std::string& option);

// `arteria accessibility FEED --at ...`.
void run_place_accessibility(const AccessibilityArguments& args);

}  // namespace arteria::cli
