// What-if edits of a timetable: a new line, a new headway, cancelled trips, another vehicle
// capacity. The scenario file's [[transit.changes]] and Python's Scenario call these; each checks
// its inputs and throws TimetableEditError naming the key at fault and the stop or route.
// Window-based edits act on the trips of the route whose first departure lies in [from_s, to_s).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "model/timetable.hpp"

namespace arteria {

// A bad edit: `field` is the key of the edit at fault (as [[transit.changes]] spells it:
// "route", "stops", "last", "headway_s"), what() the message ("no stop 'X9' in the feed").
class TimetableEditError : public std::invalid_argument {
 public:
  TimetableEditError(std::string field, const std::string& message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  const std::string& field() const { return field_; }

 private:
  std::string field_;
};

// kind = "add_line": a new route `route` over `stops` (stop ids), running at `speed_kmh` over
// the straight-line distance x 1.3 between stops with `dwell_s` at each intermediate stop,
// departing every `headway_s` from `first_s` to `last_s` (inclusive). Trip ids "<route>#k".
struct NewLine {
  std::string route;
  std::string name;  // empty: the route id
  std::vector<std::string> stops;
  TransitMode mode = TransitMode::bus;
  double speed_kmh = 20.0;
  double dwell_s = 20.0;
  double headway_s = 600.0;
  double first_s = 6 * 3600.0;
  double last_s = 20 * 3600.0;
};

// The window of a route's trips an edit acts on: first departure in [from_s, to_s).
struct TripWindow {
  std::string route;
  double from_s = 0.0;
  double to_s = 1e9;
};

// The modes add_line accepts, by name (bus, tram, metro, rail, ferry).
const std::vector<std::string>& new_line_modes();

void add_line(Timetable& timetable, const NewLine& line);

// Replaces the window's trips by copies of its first trip every `headway_s`, from that trip's
// departure to the earlier of the window's end and the last trip's departure. Trip ids
// "<route>@headway#k". Fails when the window holds no trip.
void set_headway(Timetable& timetable, const TripWindow& window, double headway_s);

// Removes the window's trips (a trip after a cancelled one in its block then has none before).
// Returns how many were removed.
std::size_t cancel_trips(Timetable& timetable, const TripWindow& window);

// The window's trips run a copy of the vehicle type they run now (named "<type>@<route>") with
// `seated` and `standing` places; an absent value keeps the current one.
void set_capacity(Timetable& timetable, const TripWindow& window,
                  std::optional<std::int32_t> seated, std::optional<std::int32_t> standing);

// One edit of any kind, as a scenario lists them.
struct HeadwayChange {
  TripWindow window;
  double headway_s = 0.0;
};
struct CancelChange {
  TripWindow window;
};
struct CapacityChange {
  TripWindow window;
  std::optional<std::int32_t> seated;
  std::optional<std::int32_t> standing;
};
using TimetableChange = std::variant<NewLine, HeadwayChange, CancelChange, CapacityChange>;

void apply_timetable_change(Timetable& timetable, const TimetableChange& change);

}  // namespace arteria
