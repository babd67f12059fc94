// check_transit_records(): RunWriter::write_transit's checks of TransitRecords, run on the
// calling thread so a bad table fails there, naming the table, before anything is queued.
#include <initializer_list>
#include <stdexcept>
#include <string>

#include "output/transit_writer.hpp"

namespace arteria {
namespace {

void require_rows(const char* table, std::size_t rows, std::initializer_list<std::size_t> sizes) {
  for (const std::size_t size : sizes) {
    if (size != rows) {
      throw std::invalid_argument(std::string("RunWriter: ") + table +
                                  " columns differ in length (" + std::to_string(size) + " and " +
                                  std::to_string(rows) + ")");
    }
  }
}

}  // namespace

void check_transit_records(const TransitRecords& records) {
  const TransitStopRecords& s = records.stops;
  require_rows("transit stop", s.id.size(), {s.name.size(), s.lat_deg.size(), s.lon_deg.size()});
  const std::size_t cells = s.time_s.size() * s.id.size();
  require_rows("transit stop bin", cells, {s.boardings.size(), s.alightings.size()});
  const TransitTripRecords& t = records.trips;
  require_rows("transit trip", t.id.size(),
               {t.route_id.size(), t.route_name.size(), t.mode.size(), t.vehicle_type.size(),
                t.capacity.size(), t.vehicle.size(), t.status.size(), t.boardings.size(),
                t.max_load.size(), t.distance_m.size()});
  const TransitCallRecords& c = records.calls;
  require_rows("transit call", c.trip.size(),
               {c.stop.size(), c.sequence.size(), c.scheduled_arrival_s.size(),
                c.scheduled_departure_s.size(), c.arrival_s.size(), c.departure_s.size(),
                c.boardings.size(), c.alightings.size(), c.denied.size(), c.load.size()});
  for (std::size_t row = 0; row < c.trip.size(); ++row) {
    if (c.trip[row] >= t.id.size() || c.stop[row] >= s.id.size()) {
      throw std::invalid_argument("RunWriter: transit call " + std::to_string(row) +
                                  " names a trip or stop row that does not exist");
    }
  }
  const PassengerRecords& p = records.passengers;
  require_rows("passenger", p.id.size(),
               {p.depart_s.size(), p.arrive_s.size(), p.walk_s.size(), p.wait_s.size(),
                p.in_vehicle_s.size(), p.rides.size(), p.transfers.size(), p.denied.size(),
                p.replans.size(), p.status.size(), p.reason.size()});
}

}  // namespace arteria
