// GTFS route types as transit modes; see gtfs_route_types.hpp.
#include "formats/gtfs/gtfs_route_types.hpp"

namespace arteria {
namespace {

// The extended types group by hundreds (TPEG hierarchical vehicle types). Ranges not listed
// here are TransitMode::other.
struct ExtendedRange {
  std::int32_t first, last;  // inclusive
  TransitMode mode;
};
constexpr ExtendedRange extended_ranges[] = {
    {100, 199, TransitMode::rail},        // railway (101 high speed ... 117 additional rail)
    {200, 299, TransitMode::bus},         // coach
    {400, 499, TransitMode::metro},       // urban railway: 401 metro, 402 underground, 405 monorail
    {500, 699, TransitMode::metro},       // 500 metro, 600 underground (the original HVT list)
    {700, 799, TransitMode::bus},         // bus
    {800, 899, TransitMode::trolleybus},  // trolleybus
    {900, 999, TransitMode::tram},        // tram
    {1000, 1099, TransitMode::ferry},     // water transport
    // 1100 air service: no mode the engine can run (other).
    {1200, 1299, TransitMode::ferry},  // ferry
    {1300, 1399, TransitMode::cable},  // aerial lift (1301 telecabin, 1302 cable car, ...)
    {1400, 1499, TransitMode::cable},  // funicular
    // 1500 taxi, 1600 self drive, 1700 miscellaneous (1702 horse-drawn carriage): other.
};

}  // namespace

TransitMode transit_mode_from_gtfs(std::int32_t route_type) {
  switch (route_type) {
    case 0: return TransitMode::tram;
    case 1: return TransitMode::metro;
    case 2: return TransitMode::rail;
    case 3: return TransitMode::bus;
    case 4: return TransitMode::ferry;
    case 5:                             // cable tram
    case 6:                             // aerial lift
    case 7: return TransitMode::cable;  // funicular
    case 11: return TransitMode::trolleybus;
    case 12: return TransitMode::rail;  // monorail
    default: break;
  }
  for (const ExtendedRange& range : extended_ranges) {
    if (route_type >= range.first && route_type <= range.last) return range.mode;
  }
  return TransitMode::other;
}

const char* gtfs_mode_name(std::int32_t route_type) {
  return transit_mode_name(transit_mode_from_gtfs(route_type));
}

}  // namespace arteria
