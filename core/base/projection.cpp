// The two local frames of projection.hpp.
#include "base/projection.hpp"

#include <cmath>
#include <numbers>

namespace arteria {
namespace {

constexpr double wgs84_a = 6378137.0;
constexpr double wgs84_e2 = 6.69437999014e-3;  // first eccentricity squared
constexpr double degree = std::numbers::pi / 180.0;
constexpr double earth_mean_radius_m = 6371008.8;  // IUGG

// Meridional (north-south) and prime-vertical (east-west) radii of curvature at a latitude.
std::pair<double, double> radii_m(double lat_rad) {
  const double s = std::sin(lat_rad);
  const double w = std::sqrt(1.0 - wgs84_e2 * s * s);
  return {wgs84_a * (1.0 - wgs84_e2) / (w * w * w), wgs84_a / w};
}

}  // namespace

LocalProjection::LocalProjection(double lon0_deg, double lat0_deg)
    : lon0_(lon0_deg * degree), lat0_(lat0_deg * degree) {
  const auto [meridional, normal] = radii_m(lat0_);
  north_m_ = meridional;
  east_m_ = normal;
}

std::pair<double, double> LocalProjection::project(double lon_deg, double lat_deg) const {
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

void EquirectangularFrame::to_metres(double lat_deg, double lon_deg, double& x_m,
                                     double& y_m) const {
  const double metres_per_deg_y = earth_mean_radius_m * std::numbers::pi / 180.0;
  const double metres_per_deg_x =
      metres_per_deg_y * std::cos(origin_lat_deg * std::numbers::pi / 180.0);
  x_m = (lon_deg - origin_lon_deg) * metres_per_deg_x;
  y_m = (lat_deg - origin_lat_deg) * metres_per_deg_y;
}

void EquirectangularFrame::to_degrees(double x_m, double y_m, double& lat_deg,
                                      double& lon_deg) const {
  const double metres_per_deg_y = earth_mean_radius_m * degree;
  const double metres_per_deg_x = metres_per_deg_y * std::cos(origin_lat_deg * degree);
  lon_deg = origin_lon_deg + x_m / metres_per_deg_x;
  lat_deg = origin_lat_deg + y_m / metres_per_deg_y;
}

}  // namespace arteria
