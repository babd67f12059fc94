// Several feeds as one timetable (two agencies serving one city): see timetable.hpp.
#include <cmath>
#include <numbers>

#include "base/projection.hpp"
#include "model/timetable.hpp"

namespace arteria {
namespace {

// From the feed frame of `from` through degrees into the feed frame of `to`.
void reproject(const Timetable& from, const Timetable& to, double& x_m, double& y_m) {
  double lat = 0.0, lon = 0.0;
  EquirectangularFrame{from.origin_lat_deg, from.origin_lon_deg}.to_degrees(x_m, y_m, lat, lon);
  EquirectangularFrame{to.origin_lat_deg, to.origin_lon_deg}.to_metres(lat, lon, x_m, y_m);
}

// `id`, or "<prefix>:<id>" when `taken` has it already.
std::string unique_id(const std::string& id, const IdMap& taken, const std::string& prefix) {
  return taken.count(id) == 0 ? id : prefix + ":" + id;
}

}  // namespace

void merge_timetable(Timetable& into, const Timetable& other, const std::string& prefix) {
  const Index stop_base = into.stop_count();
  for (Index s = 0; s < other.stop_count(); ++s) {
    const std::string id = unique_id(other.stop_id[s], into.stop_by_id, prefix);
    into.stop_by_id.emplace(id, into.stop_count());
    into.stop_id.push_back(id);
    into.stop_name.push_back(other.stop_name[s]);
    into.stop_lat_deg.push_back(other.stop_lat_deg[s]);
    into.stop_lon_deg.push_back(other.stop_lon_deg[s]);
    double x = 0.0, y = 0.0;
    EquirectangularFrame{into.origin_lat_deg, into.origin_lon_deg}.to_metres(
        other.stop_lat_deg[s], other.stop_lon_deg[s], x, y);
    into.stop_x_m.push_back(x);
    into.stop_y_m.push_back(y);
  }
  const auto type_base = static_cast<Index>(into.vehicle_types.size());
  into.vehicle_types.insert(into.vehicle_types.end(), other.vehicle_types.begin(),
                            other.vehicle_types.end());
  const Index route_base = into.route_count();
  for (Index r = 0; r < other.route_count(); ++r) {
    const std::string id = unique_id(other.route_id[r], into.route_by_id, prefix);
    into.route_by_id.emplace(id, into.route_count());
    into.route_id.push_back(id);
    into.route_name.push_back(other.route_name[r]);
    into.route_mode.push_back(other.route_mode[r]);
    into.route_vehicle_type.push_back(other.route_vehicle_type[r] + type_base);
  }
  const auto shape_base = static_cast<Index>(into.shape_first_point.size() - 1);
  for (Index p = 0; p < other.shape_x_m.size(); ++p) {
    double x = other.shape_x_m[p], y = other.shape_y_m[p];
    reproject(other, into, x, y);
    into.shape_x_m.push_back(x);
    into.shape_y_m.push_back(y);
  }
  const Index point_base = into.shape_first_point.back();
  for (std::size_t s = 1; s < other.shape_first_point.size(); ++s) {
    into.shape_first_point.push_back(point_base + other.shape_first_point[s]);
  }
  IdMap trip_ids;
  for (Index t = 0; t < into.trip_count(); ++t) trip_ids.emplace(into.trip_id[t], t);
  const Index trip_base = into.trip_count();
  for (Index t = 0; t < other.trip_count(); ++t) {
    into.trip_id.push_back(unique_id(other.trip_id[t], trip_ids, prefix));
    into.trip_route.push_back(other.trip_route[t] + route_base);
    into.trip_vehicle_type.push_back(other.trip_vehicle_type[t] + type_base);
    const Index before = other.trip_previous_in_block[t];
    into.trip_previous_in_block.push_back(before == invalid_index ? before : before + trip_base);
    const Index shape = other.trip_shape[t];
    into.trip_shape.push_back(shape == invalid_index ? shape : shape + shape_base);
    into.trip_direction.push_back(other.trip_direction[t]);
    append_calls(into, other, t, stop_base);
    into.trip_first_call.push_back(into.call_count());
  }
  into.source += ", " + other.source;
}

}  // namespace arteria
