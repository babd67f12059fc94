// Geographic coordinates (WGS84 degrees) to local metres and back, for every input that gives
// latitude and longitude: OSM nodes, GTFS stops and shapes, passengers' origins.
// Two frames exist because the inputs that use them were built with them and their numbers are
// kept bit for bit: road networks use a transverse Mercator about the network's centre, a GTFS
// feed an equirectangular frame about the centre of its stops. Transit placement brings a feed
// into the network's frame through degrees (to_degrees, then LocalProjection::project).
#pragma once

#include <utility>

namespace arteria {

// Transverse Mercator about (lon0, lat0) on the unit sphere, scaled east-west by the
// ellipsoid's normal radius and north-south by its meridional radius there: exact scale at the
// centre, errors below 1e-4 within 30 km of it, far below what a road network needs.
class LocalProjection {
 public:
  LocalProjection(double lon0_deg, double lat0_deg);
  // Metres east (first) and north (second) of the centre.
  std::pair<double, double> project(double lon_deg, double lat_deg) const;

 private:
  double lon0_, lat0_, east_m_ = 0.0, north_m_ = 0.0;
};

// Length of a short step on the WGS84 ellipsoid (local meridional and normal radii).
double step_length_m(double lon1, double lat1, double lon2, double lat2);

// The equirectangular frame of a GTFS feed about an origin: metres east (x) and north (y) on a
// sphere of the Earth's mean radius (IUGG), exact enough across one city.
struct EquirectangularFrame {
  double origin_lat_deg = 0.0;
  double origin_lon_deg = 0.0;
  void to_metres(double lat_deg, double lon_deg, double& x_m, double& y_m) const;
  void to_degrees(double x_m, double y_m, double& lat_deg, double& lon_deg) const;
};

}  // namespace arteria
