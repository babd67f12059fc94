// Vehicle classes (car, truck, bus, emergency, electric car and the scenario's own): what a
// vehicle of each class occupies, how fast it may go, which links it may use and whose exhaust
// factors it has. Small parallel arrays indexed by a class index, which every road trip carries.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "base/ids.hpp"
#include "model/emission_factors.hpp"
#include "model/network.hpp"

namespace arteria {

using ClassIndex = std::uint8_t;
inline constexpr std::size_t max_vehicle_classes = 255;
// No class: a transit vehicle in TripRecords, the shared cost set when re-routing.
inline constexpr ClassIndex no_vehicle_class = 255;
inline constexpr float no_speed_limit_mps = std::numeric_limits<float>::infinity();

// The built-ins, in this order (their indices are fixed; the car is the default class).
inline constexpr ClassIndex car_class = 0;
inline constexpr ClassIndex truck_class = 1;
inline constexpr ClassIndex bus_class = 2;
inline constexpr ClassIndex emergency_class = 3;
inline constexpr ClassIndex electric_car_class = 4;

// Links closed to one class for a window of the run's clock, [from_s, to_s).
struct ClassBan {
  ClassIndex vehicle_class = car_class;
  double from_s = 0.0;
  double to_s = 0.0;
  std::vector<Index> links;  // sorted
  bool in_force(double time_s) const { return time_s >= from_s && time_s < to_s; }
};

struct VehicleClasses {
  std::vector<std::string> name;
  std::vector<float> pcu;            // passenger-car units of storage and flow a vehicle takes
  std::vector<float> length_m;       // reported (/vehicle_classes); storage counts pcu
  std::vector<float> max_speed_mps;  // no_speed_limit_mps: the links' speeds only
  // The links a class may use are the car links that also admit `mode` (OSM hgv=no takes
  // mode_truck off a way) and are not in its banned list.
  std::vector<ModeMask> mode;
  std::vector<std::optional<EmissionClass>> emission;  // none: not counted in /emissions
  std::vector<Index> first_banned_link{0};             // CSR into banned_links, by class
  std::vector<Index> banned_links;                     // sorted within a class: always banned
  std::vector<ClassBan> timed_bans;                    // banned within a window

  Index count() const { return static_cast<Index>(name.size()); }
  // The class named `name`, or count() when there is none.
  Index find(std::string_view class_name) const;
  // Whether class `c` may ever drive on link `l` of `network` (a car link, for every class):
  // its mode is admitted and the link is not in its banned_links.
  bool allows(const Network& network, ClassIndex c, Index l) const;
  // allows(), and no timed ban of class `c` in force at `time_s` holds link `l`.
  bool allows_at(const Network& network, ClassIndex c, Index l, double time_s) const;
  // Whether class `c` needs routes of its own: it may not use some car link of `network` (at
  // some time), or its speed is below some link's.
  bool restricts(const Network& network, ClassIndex c) const;
  // The times at which the links open to class `c` change: the ends of its timed bans, sorted,
  // each once. Between two of them (and before the first) a route sees one set of bans.
  std::vector<double> ban_changes(ClassIndex c) const;
};

// car, truck, bus, emergency, electric_car with their defaults (docs/USER_GUIDE.md, "Vehicle
// classes", gives the values and their sources).
VehicleClasses builtin_vehicle_classes();

// One entry of a class's `bans`, as written: links by id and by road class
// (Network::link_road_class_name), closed to the class within [from_s, to_s) on the run's
// clock, or always when no window is given.
struct ClassBanSpec {
  std::vector<std::string> links;
  std::vector<std::string> road_classes;
  std::optional<double> from_s;  // both or neither
  std::optional<double> to_s;
  std::uint32_t line = 0;  // of the entry, for messages
  std::string field;       // "vehicle_classes[1].bans[0]"
};

// A [[vehicle_classes]] table as written: a new class, or new values for a built-in one.
struct VehicleClassSpec {
  std::string name;
  std::optional<double> pcu;
  std::optional<double> length_m;
  std::optional<double> max_speed_kmh;
  std::optional<ModeMask> mode;
  std::optional<std::optional<EmissionClass>> emission;
  std::vector<std::string> banned_links;  // link ids
  std::uint32_t banned_links_line = 0;    // of the banned_links key, for messages
  std::vector<ClassBanSpec> bans;
  SourceRef where;
  std::string field;  // "vehicle_classes[2]"
};

// The built-ins with the specs applied in order; banned link ids and road classes resolve
// against `network` (an unknown id or a road class no link has fails naming the spec's file,
// line and field; `files` as ScenarioSpec::files). A ban without a window joins banned_links.
VehicleClasses compile_vehicle_classes(const std::vector<VehicleClassSpec>& specs,
                                       const Network& network,
                                       const std::vector<std::string>& files);

}  // namespace arteria
