#include "run/route_sets.hpp"

#include <algorithm>
#include <stdexcept>

#include "base/rng.hpp"

namespace arteria {
namespace {

std::uint64_t hash_links(std::span<const Index> links) {
  std::uint64_t h = mix64(links.size());
  for (const Index link : links) h = mix64(h ^ (link + 0x9e3779b97f4a7c15ULL));
  return h;
}

}  // namespace

Index RouteSets::find_or_add_route(std::span<const Index> links) {
  const std::uint64_t hash = hash_links(links);
  const auto [it, added] = first_route_with_hash_.emplace(hash, route_count());
  if (!added) {
    Index route = it->second;
    for (;;) {
      const std::span<const Index> known = this->links(route);
      if (std::ranges::equal(known, links)) return route;
      if (next_route_with_hash_[route] == invalid_index) break;
      route = next_route_with_hash_[route];
    }
    next_route_with_hash_[route] = route_count();
  }
  if (route_links_.size() + links.size() >= invalid_index) {
    throw std::length_error("dynamic assignment: more than 4 G links over all routes found");
  }
  route_links_.insert(route_links_.end(), links.begin(), links.end());
  route_first_link_.push_back(static_cast<Index>(route_links_.size()));
  next_route_with_hash_.push_back(invalid_index);
  return route_count() - 1;
}

Index RouteSets::add(Index trip, std::span<const Index> links) {
  const Index route = find_or_add_route(links);
  Index* next = &trip_first_entry_[trip];
  while (*next != invalid_index) {
    if (entry_route_[*next] == route) return route;
    next = &entry_next_[*next];
  }
  *next = static_cast<Index>(entry_route_.size());
  entry_route_.push_back(route);
  entry_next_.push_back(invalid_index);
  return route;
}

}  // namespace arteria
