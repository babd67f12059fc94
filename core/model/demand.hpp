// Travel demand in compiled form: one row per vehicle trip, nodes already resolved to ids.
// Routes may come with the demand (SUMO routes, a previous assignment); otherwise routing
// computes them. DemandBuilder resolves external ids and names the input on errors.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "base/ids.hpp"
#include "model/network.hpp"
#include "model/vehicle_classes.hpp"

namespace arteria {

struct Demand {
  std::vector<std::string> files;  // SourceRef::file indexes this
  // The classes trips may name; set before trips are added (build_scenario).
  VehicleClasses classes = builtin_vehicle_classes();
  std::vector<std::string> trip_external_id;
  std::vector<Index> trip_origin;       // node
  std::vector<Index> trip_destination;  // node
  std::vector<double> trip_depart_s;
  std::vector<float> trip_pcu;  // passenger-car units, 1 for a car
  // Road trips only (size road_trip_count()): the transit vehicles follow their timetable.
  std::vector<ClassIndex> trip_class;
  std::vector<SourceRef> trip_where;
  // Routes given with the demand, as link ids; a trip without one has an empty range.
  std::vector<Index> trip_first_given_link{0};  // CSR, size trip_count() + 1
  std::vector<Index> given_route_links;
  // Per trip, 1 where the given route is only the free-flow path between its first and last
  // links (SUMO's trips from one edge to another, routed at import): an assignment may choose
  // another path between the same two links. Empty when no trip is such.
  std::vector<std::uint8_t> trip_route_between_links;
  // Trips from here on are transit vehicles (one per timetable trip, appended after the road
  // demand by attach_transit_vehicles); invalid_index when the scenario has no transit.
  Index transit_first = invalid_index;

  Index trip_count() const { return static_cast<Index>(trip_origin.size()); }
  bool is_transit(Index trip) const { return trip >= transit_first; }
  // Trips [0, road_trip_count()) are road trips; the transit vehicles follow them.
  Index road_trip_count() const { return std::min(transit_first, trip_count()); }
  bool has_given_route(Index trip) const {
    return trip_first_given_link[trip + 1] > trip_first_given_link[trip];
  }
  // Whether no trip needs routing (the usual case for an imported SUMO scenario).
  bool every_trip_has_route() const {
    for (Index trip = 0; trip < trip_count(); ++trip) {
      if (!has_given_route(trip)) return false;
    }
    return true;
  }
  // Whether every road trip is a car: then no output is kept by class.
  bool cars_only() const {
    return std::all_of(trip_class.begin(), trip_class.end(),
                       [](ClassIndex c) { return c == car_class; });
  }
  // Road trips of each class, by class index.
  std::vector<std::uint64_t> trips_per_class() const {
    std::vector<std::uint64_t> trips(classes.count(), 0);
    for (const ClassIndex c : trip_class) ++trips[c];
    return trips;
  }
  bool route_between_links(Index trip) const {
    return trip < trip_route_between_links.size() && trip_route_between_links[trip] != 0;
  }
  const std::string& file_name(const SourceRef& where) const {
    static const std::string unknown = "<demand>";
    return where.file < files.size() ? files[where.file] : unknown;
  }
  void reserve(std::size_t trips);
};

// Road trips given column by column, resolved already: a block of a file's rows, added at once.
struct TripColumns {
  std::span<const std::string_view> id;
  std::span<const Index> origin;  // node
  std::span<const Index> destination;
  std::span<const double> depart_s;
  std::span<const float> pcu;
  std::span<const ClassIndex> vehicle_class;  // empty: every trip is a car
  std::span<const std::uint32_t> line;        // in the file the block is added with
  // Given routes: trip i's are links[first_link[i] - first_link[0], first_link[i + 1] -
  // first_link[0]); each must run from the trip's origin to its destination.
  std::span<const Index> first_link;  // id.size() + 1 entries
  std::span<const Index> links;
};

// Adds road trips to a Demand, resolving node and link ids against a network. They go after
// the road trips already there, and before the transit vehicles once those are attached.
class DemandBuilder {
 public:
  DemandBuilder(const Network& network, Demand& demand) : network_(network), demand_(demand) {}

  std::uint32_t add_file(std::string name);
  const VehicleClasses& classes() const { return demand_.classes; }
  // Room for `trips` more trips, with `route_links` links of given routes among them.
  void demand_reserve(std::size_t trips, std::size_t route_links = 0) {
    demand_.reserve(demand_.trip_count() + trips);
    demand_.given_route_links.reserve(demand_.given_route_links.size() + route_links);
  }
  // Adds a trip between two nodes given by external id; errors name `where` and the field.
  Index add_trip(std::string id, const std::string& origin, const std::string& destination,
                 double depart_s, float pcu, SourceRef where);
  // Adds a trip between node indices (generated demand).
  Index add_trip(std::string id, Index origin, Index destination, double depart_s, float pcu,
                 SourceRef where = {});
  // Adds the trips of `trips` in order (ids must not be empty), as many add_trip calls would;
  // `file` is an add_file index.
  void add_trips(const TripColumns& trips, std::uint32_t file);
  // Adds a trip that follows a given route of link ids; origin and destination are its ends.
  Index add_routed_trip(std::string id, std::span<const std::string_view> route_links,
                        double depart_s, float pcu, SourceRef where);
  // Makes road trip `trip` (an index add_* returned) one of class `c` (its pcu stays as added).
  void set_class(Index trip, ClassIndex c) { demand_.trip_class[trip] = c; }

 private:
  [[noreturn]] void fail(const SourceRef& where, const std::string& field,
                         const std::string& message) const;
  // Fails when the departure time or the pcu is outside its valid range.
  void check_trip(double depart_s, float pcu, const SourceRef& where) const;
  // Inserts a road trip (with its given route, if any) after the road trips, before the
  // transit vehicles when there are some; returns its index.
  Index push_trip(std::string id, Index origin, Index destination, double depart_s, float pcu,
                  SourceRef where, std::span<const Index> route);

  const Network& network_;
  Demand& demand_;
  std::vector<Index> route_links_;  // add_routed_trip's resolved links, reused between trips
};

}  // namespace arteria
