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

// The window of a route's trips an edit acts on: first departure in [from_s, to_s), in one
// direction (GTFS direction_id 0 or 1) or, without one, in each direction.
// `route` is a route id (GTFS route_id) or a public name (route_short_name) that only one
// route has; see resolve_route.
struct TripWindow {
  std::string route;
  double from_s = 0.0;
  double to_s = 1e9;
  std::optional<int> direction;
};

// What an edit did to the trips of one direction of a route (-1: the feed gives none), so a run
// summary can say when a change removed trips.
struct TripCountChange {
  std::string edit;   // "set_headway", "cancel_trips"
  std::string route;  // the route id
  std::string route_name;
  int direction = -1;
  std::size_t before = 0;  // trips in the window before the edit
  std::size_t after = 0;
};

// The route `name` names: its route id, or else the public name of exactly one route. Fails
// on field "route" listing the routes of an ambiguous public name, or with the closest id or
// name ("did you mean") when none matches.
Index resolve_route(const Timetable& timetable, const std::string& name);

// The modes add_line accepts, by name (bus, tram, metro, rail, ferry).
const std::vector<std::string>& new_line_modes();

void add_line(Timetable& timetable, const NewLine& line);

// In each direction of the window (or the one it names), replaces its trips by copies of its
// first trip every `headway_s`, from that trip's departure to the earlier of the window's end
// and the direction's last trip's departure; the other direction is kept as it is. Trip ids
// "<route>@headway#k", "<route>@headway/<direction>#k" when the feed gives directions. Fails
// when the window holds no trip. Returns the trips per direction before and after.
std::vector<TripCountChange> set_headway(Timetable& timetable, const TripWindow& window,
                                         double headway_s);

// Removes the window's trips (a trip after a cancelled one in its block then has none before).
// Returns how many were removed per direction.
std::vector<TripCountChange> cancel_trips(Timetable& timetable, const TripWindow& window);

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

// Applies one edit; returns what it did to trip counts (nothing for add_line and set_capacity).
std::vector<TripCountChange> apply_timetable_change(Timetable& timetable,
                                                    const TimetableChange& change);

// The trips the changes took away, net of those they added (never below 0 per change).
std::size_t trips_removed(const std::vector<TripCountChange>& changes);

// "set_headway route 121 (121-423) direction 1: 17 -> 78 trips", for summaries.
std::string describe_trip_count_change(const TripCountChange& change);

}  // namespace arteria
