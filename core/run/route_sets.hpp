// The routes dynamic assignment has found, each stored once (a route is a link sequence, shared by
// every trip that found it), and per trip the set of routes it has found so far: the candidates
// it may switch between, and, with how many trips end on each, the route flows of the output.
// Plain arrays: routes as CSR, a trip's set as a linked list of entries.
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

class RouteSets {
 public:
  explicit RouteSets(Index trip_count) : trip_first_entry_(trip_count, invalid_index) {}

  // Adds `links` (not empty) to the trip's set unless it holds it already; returns its route.
  // Throws std::length_error past 4 G links over all routes (offsets are 32-bit, as in the
  // static assignment's files).
  Index add(Index trip, std::span<const Index> links);

  Index route_count() const { return static_cast<Index>(route_first_link_.size() - 1); }
  std::span<const Index> links(Index route) const {
    return {route_links_.data() + route_first_link_[route],
            route_links_.data() + route_first_link_[route + 1]};
  }
  // Calls f(route) for each route of the trip's set, in the order they were found.
  template <typename F>
  void for_each_route(Index trip, F&& f) const {
    for (Index e = trip_first_entry_[trip]; e != invalid_index; e = entry_next_[e]) {
      f(entry_route_[e]);
    }
  }
  // The first link of every route and one past the last (route_count() + 1 entries), the links.
  const std::vector<Index>& first_links() const { return route_first_link_; }
  const std::vector<Index>& all_links() const { return route_links_; }

 private:
  Index find_or_add_route(std::span<const Index> links);

  std::vector<Index> route_first_link_{0};
  std::vector<Index> route_links_;
  std::unordered_map<std::uint64_t, Index> first_route_with_hash_;
  std::vector<Index> next_route_with_hash_;  // per route: the next one with the same hash
  std::vector<Index> trip_first_entry_;
  std::vector<Index> entry_route_;
  std::vector<Index> entry_next_;
};

}  // namespace arteria
