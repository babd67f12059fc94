#include "toy_timetable.hpp"

namespace arteria::testing {

Timetable hand_timetable(const std::vector<HandStop>& stops, TransitMode mode,
                         const std::string& route_id) {
  Timetable tt;
  tt.source = "hand";
  for (const HandStop& stop : stops) {
    tt.stop_by_id.emplace(stop.id, tt.stop_count());
    tt.stop_id.push_back(stop.id);
    tt.stop_name.push_back(stop.id);
    tt.stop_x_m.push_back(stop.x_m);
    tt.stop_y_m.push_back(stop.y_m);
    tt.stop_lat_deg.push_back(stop.y_m / 111000.0);
    tt.stop_lon_deg.push_back(stop.x_m / 111000.0);
  }
  tt.route_by_id.emplace(route_id, 0);
  tt.route_id.push_back(route_id);
  tt.route_name.push_back(route_id);
  tt.route_mode.push_back(mode);
  tt.route_vehicle_type.push_back(0);
  tt.vehicle_types.push_back(default_vehicle_type(mode));
  return tt;
}

}  // namespace arteria::testing
