// External ids (GTFS, SUMO, OSM, the user's) to dense indices. Lookups take a std::string_view,
// so a field of a file is looked up without a copy.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/ids.hpp"

namespace arteria {

// Hashes std::string and std::string_view alike (a transparent hash).
struct IdHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view id) const noexcept {
    return std::hash<std::string_view>{}(id);
  }
};
using IdMap = std::unordered_map<std::string, Index, IdHash, std::equal_to<>>;

}  // namespace arteria
