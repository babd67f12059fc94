// The plausibility check of a TNTP network's units: speeds implied by length / free-flow time.
// Feet or metres read as kilometres, or seconds read as minutes, put most links far outside any
// road speed; the check cannot tell miles from kilometres (a factor 1.6 keeps speeds plausible),
// which is why the import summary always says where the units came from.
#include <cstdio>

#include "formats/tntp/tntp_reader.hpp"

namespace arteria {
namespace {

constexpr double max_plausible_kmh = 200.0;
constexpr double min_plausible_kmh = 5.0;
constexpr double warn_share = 0.10;  // of the checked links

}  // namespace

TntpSpeedCheck check_tntp_speeds(const TntpNetwork& network) {
  TntpSpeedCheck check;
  const double kmh_per_unit_speed =
      network.units.metres_per_length_unit() / network.units.seconds_per_time_unit() * 3.6;
  for (std::size_t l = 0; l < network.bpr.size(); ++l) {
    const BprLink& link = network.bpr[l];
    if (!(link.length > 0.0 && link.free_flow_time > 0.0)) continue;
    ++check.links_checked;
    const double kmh = link.length / link.free_flow_time * kmh_per_unit_speed;
    if (kmh <= max_plausible_kmh && kmh >= min_plausible_kmh) continue;
    if (check.implausible++ == 0) {
      check.example = static_cast<Index>(l);
      check.example_kmh = kmh;
    }
  }
  return check;
}

std::string tntp_speed_warning(const TntpNetwork& network, const TntpSpeedCheck& check) {
  if (network.units.abstract || check.implausible == 0 ||
      static_cast<double>(check.implausible) <=
          warn_share * static_cast<double>(check.links_checked)) {
    return "";
  }
  const BprLink& link = network.bpr[check.example];
  char text[512];
  std::snprintf(text, sizeof text,
                "%s: %zu of %zu links imply a speed above %.0f or below %.0f km/h with lengths "
                "in %s and times in %s, e.g. link %s (%s -> %s): length %g, free_flow_time %g "
                "= %.3g km/h. Are the units right? Set length_unit / time_unit in [network] "
                "(arteria import: --length-unit / --time-unit) to what the network's README says",
                network.file.c_str(), check.implausible, check.links_checked, max_plausible_kmh,
                min_plausible_kmh, network.units.length.name.c_str(),
                network.units.time.name.c_str(), network.spec.links[check.example].id.c_str(),
                network.spec.links[check.example].from.c_str(),
                network.spec.links[check.example].to.c_str(), link.length, link.free_flow_time,
                check.example_kmh);
  return text;
}

}  // namespace arteria
