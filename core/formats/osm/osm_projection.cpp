// Internal to the OSM importer: geographic coordinates to local metres. A transverse Mercator
// on the unit sphere about the data's centre, scaled east-west by the ellipsoid's normal radius
// and north-south by its meridional radius there: exact scale at the centre, errors below 1e-4
// within 30 km of it, far below what a road network needs. Lengths use the local radii.
#include <cmath>
#include <numbers>

#include "formats/osm/osm_internal.hpp"

namespace arteria::osm {
namespace {

constexpr double wgs84_a = 6378137.0;
constexpr double wgs84_e2 = 6.69437999014e-3;  // first eccentricity squared
constexpr double degree = std::numbers::pi / 180.0;

// Meridional (north-south) and prime-vertical (east-west) radii of curvature at a latitude.
std::pair<double, double> radii_m(double lat_rad) {
  const double s = std::sin(lat_rad);
  const double w = std::sqrt(1.0 - wgs84_e2 * s * s);
  return {wgs84_a * (1.0 - wgs84_e2) / (w * w * w), wgs84_a / w};
}

}  // namespace

Projection::Projection(double lon0_deg, double lat0_deg)
    : lon0_(lon0_deg * degree), lat0_(lat0_deg * degree) {
  const auto [meridional, normal] = radii_m(lat0_);
  north_m_ = meridional;
  east_m_ = normal;
}

std::pair<double, double> Projection::project(double lon_deg, double lat_deg) const {
  const double lat = lat_deg * degree;
  const double dlon = lon_deg * degree - lon0_;
  const double b = std::cos(lat) * std::sin(dlon);
  const double x = east_m_ * std::atanh(b);
  const double y = north_m_ * (std::atan2(std::tan(lat), std::cos(dlon)) - lat0_);
  return {x, y};
}

double step_length_m(double lon1, double lat1, double lon2, double lat2) {
  const double mid = 0.5 * (lat1 + lat2) * degree;
  const auto [meridional, normal] = radii_m(mid);
  const double dx = normal * std::cos(mid) * (lon2 - lon1) * degree;
  const double dy = meridional * (lat2 - lat1) * degree;
  return std::hypot(dx, dy);
}

}  // namespace arteria::osm
