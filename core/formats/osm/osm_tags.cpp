// Internal to the OSM importer: what a highway way offers each mode, from its tags and defaults
// per highway class where tags are missing or unreadable.
#include <osmium/tags/taglist.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "base/value_ranges.hpp"
#include "formats/osm/osm_internal.hpp"

namespace arteria::osm {
namespace {

// Defaults per class: lanes per direction, speed where maxspeed is not tagged (urban European
// values), capacity per lane, and whether cars may use it. Capacities: 2000 veh/h/lane for
// grade-separated roads (HCM basic freeway segments are higher, 2200+, but merges govern),
// 1800 for signalised arterials' saturation flow, falling to 600-900 for local streets where
// parking, crossings and priority to the right bring the flow down. Service roads and tracks
// are not for cars (as in netconvert's and MATSim's defaults); service roads signed for buses
// are kept for buses.
struct HighwayClass {
  const char* name;
  float lanes;
  float speed_kmh;
  float capacity_per_lane_vph;
  bool cars;
  bool oneway;  // implied oneway
};

constexpr std::array<HighwayClass, 17> highway_classes{{
    {"motorway", 2, 120, 2000, true, true},
    {"motorway_link", 1, 80, 1800, true, true},
    {"trunk", 2, 100, 2000, true, false},
    {"trunk_link", 1, 60, 1700, true, false},
    {"primary", 1, 60, 1800, true, false},
    {"primary_link", 1, 50, 1600, true, false},
    {"secondary", 1, 50, 1600, true, false},
    {"secondary_link", 1, 40, 1500, true, false},
    {"tertiary", 1, 50, 1400, true, false},
    {"tertiary_link", 1, 40, 1300, true, false},
    {"unclassified", 1, 40, 1000, true, false},
    {"residential", 1, 30, 900, true, false},
    {"living_street", 1, 10, 600, true, false},
    {"road", 1, 40, 1000, true, false},
    {"service", 1, 20, 600, false, false},
    {"busway", 1, 50, 1200, false, false},
    {"bus_guideway", 1, 50, 1200, false, true},
}};

const HighwayClass* find_class(const char* highway) {
  for (const HighwayClass& c : highway_classes) {
    if (std::strcmp(c.name, highway) == 0) return &c;
  }
  return nullptr;
}

bool is(const char* value, const char* expected) {
  return value != nullptr && std::strcmp(value, expected) == 0;
}

// Access by the most specific tag given: true yes, false no, nullopt not said.
std::optional<bool> access(const osmium::TagList& tags, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    const char* value = tags[key];
    if (value == nullptr) continue;
    if (is(value, "no") || is(value, "private") || is(value, "agricultural") ||
        is(value, "forestry") || is(value, "emergency")) {
      return false;
    }
    return true;  // yes, designated, permissive, destination, delivery, customers, ...
  }
  return std::nullopt;
}

std::optional<double> leading_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> tag_lanes(const char* value) {
  if (value == nullptr) return std::nullopt;
  // "2;3" (disputed values): the first; lanes must be a positive count.
  const auto lanes = leading_number(value);
  if (!lanes || !valid::lanes.contains(*lanes)) return std::nullopt;
  return std::floor(*lanes);
}

// Whether a way's weight or height limit keeps trucks off: maxweight below 7.5 t (the weight
// above which a goods vehicle is an HGV in the EU licence categories, C vs C1) or maxheight
// below 4 m (the EU's largest vehicle height, Directive 96/53/EC). Limits in other units
// (feet, "st") and unreadable values are ignored.
bool limits_trucks(const osmium::TagList& tags) {
  const char* weight = tags["maxweight"];
  if (weight && std::string_view(weight).find_first_of("lsk") == std::string_view::npos) {
    if (const auto tonnes = leading_number(weight); tonnes && *tonnes > 0.0 && *tonnes < 7.5) {
      return true;
    }
  }
  const char* height = tags["maxheight"];
  if (height && std::string_view(height).find_first_of("'\"f") == std::string_view::npos) {
    if (const auto metres = leading_number(height); metres && *metres > 0.0 && *metres < 4.0) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<double> parse_maxspeed_kmh(std::string_view text) {
  if (text == "walk") return 7.0;
  if (text == "none") return 130.0;  // unrestricted motorway: a typical free speed
  if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    // Implicit limits by zone ("DE:urban"): the common European values.
    const std::string_view zone = text.substr(colon + 1);
    if (zone == "urban") return 50.0;
    if (zone == "rural") return 90.0;
    if (zone == "trunk") return 110.0;
    if (zone == "motorway") return 130.0;
    if (zone == "living_street") return 10.0;
    if (zone == "zone30" || zone == "zone:30") return 30.0;
    return std::nullopt;
  }
  const auto number = leading_number(text);
  // Below the valid speeds (maxspeed=0.5) or above any road's limit: a tagging error.
  if (!number || *number < valid::free_speed_kmh.min || *number > 300.0) return std::nullopt;
  if (text.find("mph") != std::string_view::npos) return *number * 1.609344;
  if (text.find("knot") != std::string_view::npos) return *number * 1.852;
  return *number;
}

std::optional<WayProfile> way_profile(const osmium::TagList& tags, ModeMask modes,
                                      std::size_t& unparsed) {
  const char* highway = tags["highway"];
  if (highway == nullptr || is(tags["area"], "yes")) return std::nullopt;
  const HighwayClass* cls = find_class(highway);
  if (cls == nullptr) return std::nullopt;
  const bool is_busway =
      std::strcmp(highway, "busway") == 0 || std::strcmp(highway, "bus_guideway") == 0;
  const auto general = access(tags, {"motor_vehicle", "vehicle", "access"});
  ModeMask way_modes = 0;
  if (access(tags, {"motorcar"}).value_or(general.value_or(cls->cars))) way_modes |= mode_car;
  const bool bus_default = cls->cars || is_busway;
  if (access(tags, {"bus", "psv"}).value_or(is_busway ? true : general.value_or(bus_default))) {
    way_modes |= mode_bus;
  }
  if (access(tags, {"hgv", "goods"}).value_or(general.value_or(cls->cars)) &&
      !limits_trucks(tags)) {
    way_modes |= mode_truck;
  }
  if ((way_modes & modes) == 0) return std::nullopt;

  const char* oneway = tags["oneway"];
  if (is(oneway, "reversible") || is(oneway, "alternating")) return std::nullopt;
  bool forward = true, backward = true;
  if (is(oneway, "yes") || is(oneway, "true") || is(oneway, "1")) {
    backward = false;
  } else if (is(oneway, "-1") || is(oneway, "reverse")) {
    forward = false;
  } else if (!(is(oneway, "no") || is(oneway, "false") || is(oneway, "0"))) {
    const char* junction = tags["junction"];
    if (cls->oneway || is(junction, "roundabout") || is(junction, "circular")) backward = false;
  }

  // Lanes: per direction when tagged so; otherwise the total, split over open directions.
  const auto total = tag_lanes(tags["lanes"]);
  if (tags["lanes"] && !total) ++unparsed;
  const auto lanes_for = [&](const char* key) -> double {
    if (const auto lanes = tag_lanes(tags[key])) return *lanes;
    if (total) return forward && backward ? std::max(1.0, *total / 2.0) : *total;
    return cls->lanes;
  };
  const auto speed_for = [&](const char* key) -> double {
    for (const char* k : {key, "maxspeed"}) {
      if (const char* value = tags[k]) {
        if (const auto kmh = parse_maxspeed_kmh(value)) return *kmh / 3.6;
        ++unparsed;
      }
    }
    return cls->speed_kmh / 3.6;
  };
  WayProfile profile;
  profile.capacity_per_lane_vph = cls->capacity_per_lane_vph;
  profile.road_class = cls->name;
  if (forward) {
    profile.forward = {true, static_cast<float>(lanes_for("lanes:forward")),
                       static_cast<float>(speed_for("maxspeed:forward")), way_modes};
  }
  if (backward) {
    profile.backward = {true, static_cast<float>(lanes_for("lanes:backward")),
                        static_cast<float>(speed_for("maxspeed:backward")), way_modes};
  }
  return profile;
}

}  // namespace arteria::osm
