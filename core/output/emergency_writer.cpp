#include "output/emergency_writer.hpp"

#include <array>
#include <stdexcept>

#include "output/hdf5_handle.hpp"

namespace arteria {

void check_dispatch_records(const DispatchRecords& r) {
  const std::array<std::size_t, 10> sizes = {
      r.incident.size(),        r.station.size(),    r.node.size(),       r.incident_s.size(),
      r.dispatch_s.size(),      r.arrival_s.size(),  r.response_s.size(), r.delay_caused_s.size(),
      r.vehicles_passed.size(), r.preemptions.size()};
  for (const std::size_t size : sizes) {
    if (size != r.rows())
      throw std::invalid_argument("RunWriter: dispatch columns differ in length");
  }
  if (r.route_first_link.size() != r.rows() + 1 ||
      r.route_first_link.back() != r.route_links.size()) {
    throw std::invalid_argument("RunWriter: dispatch routes do not match the rows");
  }
  if (r.station_id.size() != r.station_node.size()) {
    throw std::invalid_argument("RunWriter: station columns differ in length");
  }
}

void write_dispatch_table(hid_t file, const DispatchRecords& r) {
  const h5::Group emergency = h5::create_group(file, "emergency");
  const h5::Group group = h5::create_group(emergency.get(), "dispatches");
  h5::write_column(group.get(), "incident", r.incident);
  h5::write_column(group.get(), "station", r.station);
  const h5::Dataset node = h5::write_column(group.get(), "node", r.node);
  h5::write_attribute(node.get(), "index_of", "/network/nodes");
  h5::write_column(group.get(), "incident_s", r.incident_s, "s");
  h5::write_column(group.get(), "dispatch_s", r.dispatch_s, "s");
  h5::write_column(group.get(), "arrival_s", r.arrival_s, "s");
  h5::write_column(group.get(), "response_s", r.response_s, "s");
  h5::write_column(group.get(), "delay_caused_s", r.delay_caused_s, "s");
  h5::write_column(group.get(), "vehicles_passed", r.vehicles_passed);
  h5::write_column(group.get(), "preemptions", r.preemptions);
  const h5::Dataset first = h5::write_column(group.get(), "route_first_link", r.route_first_link);
  h5::write_attribute(first.get(), "index_of", "/emergency/dispatches/route_links");
  const h5::Dataset links = h5::write_column(group.get(), "route_links", r.route_links);
  h5::write_attribute(links.get(), "index_of", "/network/links");
  const h5::Group stations = h5::create_group(emergency.get(), "stations");
  h5::write_column(stations.get(), "id", r.station_id);
  const h5::Dataset station_node = h5::write_column(stations.get(), "node", r.station_node);
  h5::write_attribute(station_node.get(), "index_of", "/network/nodes");
}

}  // namespace arteria
