#include "sim/run_records.hpp"

namespace arteria {

void LinkBin::resize(Index link_count) {
  inflow.assign(link_count, 0.0f);
  outflow.assign(link_count, 0.0f);
  occupancy.assign(link_count, 0.0f);
  mean_speed_mps.assign(link_count, 0.0f);
  queue_veh.assign(link_count, 0.0f);
}

const char* trip_status_name(TripStatus status) {
  switch (status) {
    case TripStatus::arrived: return "arrived";
    case TripStatus::en_route: return "en_route";
    case TripStatus::stuck: return "stuck";
    case TripStatus::waiting: return "waiting";
    case TripStatus::not_departed: return "not_departed";
    case TripStatus::unroutable: return "unroutable";
  }
  return "unknown";
}

}  // namespace arteria
