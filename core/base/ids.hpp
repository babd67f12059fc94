// Dense integer ids shared by every part of the engine.
// Every entity (node, link, turn, vehicle, ...) is a uint32_t index into plain arrays.
#pragma once

#include <cstdint>
#include <limits>

namespace arteria {

using Index = std::uint32_t;
inline constexpr Index invalid_index = std::numeric_limits<Index>::max();

}  // namespace arteria
