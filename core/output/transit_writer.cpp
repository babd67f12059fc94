// /transit and /passengers: columnar tables (one 1-D dataset per column), the per-bin stop
// counts as 2-D [bin, stop] datasets, enum codes with their names as attributes.
#include "output/transit_writer.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "output/hdf5_handle.hpp"

namespace arteria {
namespace {

template <class Enum, class NameOf>
std::vector<std::string> enum_names(Enum last, NameOf name_of) {
  std::vector<std::string> names;
  for (int code = 0; code <= static_cast<int>(last); ++code) {
    names.emplace_back(name_of(static_cast<Enum>(code)));
  }
  return names;
}

// A code column with the names of its codes, on the dataset and (as /trips does) the group.
void write_codes(hid_t group, const char* column, const char* names_attribute,
                 const std::vector<std::uint8_t>& codes, const std::vector<std::string>& names) {
  const h5::Dataset dataset = h5::write_column(group, column, codes);
  h5::write_attribute(dataset.get(), names_attribute, names);
  h5::write_attribute(group, names_attribute, names);
}

void write_index_column(hid_t group, const char* column, const std::vector<Index>& rows,
                        const char* table) {
  const h5::Dataset dataset = h5::write_column(group, column, rows);
  h5::write_attribute(dataset.get(), "index_of", table);
}

// A [bin, stop] uint32 matrix, chunked and compressed like the link series once it is large.
void write_bin_matrix(hid_t group, const char* name, const std::vector<std::uint32_t>& values,
                      hsize_t bins, hsize_t stops) {
  const std::string what = h5::object_path(group) + "/" + name;
  const hsize_t dims[2] = {bins, stops};
  const h5::Dataspace space(
      h5::check_id(H5Screate_simple(2, dims, nullptr), "H5Screate_simple", what));
  const h5::PropList dcpl(h5::check_id(H5Pcreate(H5P_DATASET_CREATE), "H5Pcreate", what));
  // No modification times: two identical runs must give identical bytes.
  h5::check_status(H5Pset_obj_track_times(dcpl.get(), false), "H5Pset_obj_track_times", what);
  if (bins * stops >= 1024) {
    const hsize_t chunk_stops = std::min<hsize_t>(stops, 16384);
    const hsize_t chunk[2] = {std::clamp<hsize_t>(16384 / chunk_stops, 1, bins), chunk_stops};
    h5::check_status(H5Pset_chunk(dcpl.get(), 2, chunk), "H5Pset_chunk", what);
    h5::check_status(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle", what);
    h5::check_status(H5Pset_deflate(dcpl.get(), 4), "H5Pset_deflate", what);
  }
  const h5::Dataset dataset(h5::check_id(
      H5Dcreate2(group, name, H5T_STD_U32LE, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      "H5Dcreate2", what));
  if (!values.empty()) {
    h5::check_status(
        H5Dwrite(dataset.get(), H5T_NATIVE_UINT32, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
        "H5Dwrite", what);
  }
  h5::write_attribute(dataset.get(), "units", "pax");
  h5::write_attribute(dataset.get(), "dims", std::vector<std::string>{"time_s", "stop"});
}

void write_stops(hid_t transit, const TransitStopRecords& stops) {
  const h5::Group group = h5::create_group(transit, "stops");
  h5::write_column(group.get(), "id", stops.id);
  h5::write_column(group.get(), "name", stops.name);
  h5::write_column(group.get(), "lat_deg", stops.lat_deg, "deg");
  h5::write_column(group.get(), "lon_deg", stops.lon_deg, "deg");
  h5::write_attribute(group.get(), "bin_s", stops.bin_s);
  const h5::Dataset time = h5::write_column(group.get(), "time_s", stops.time_s, "s");
  h5::write_attribute(time.get(), "bin_s", stops.bin_s);
  write_bin_matrix(group.get(), "boardings", stops.boardings, stops.time_s.size(), stops.id.size());
  write_bin_matrix(group.get(), "alightings", stops.alightings, stops.time_s.size(),
                   stops.id.size());
}

void write_trips(hid_t transit, const TransitTripRecords& trips) {
  const h5::Group group = h5::create_group(transit, "trips");
  h5::write_column(group.get(), "id", trips.id);
  h5::write_column(group.get(), "route_id", trips.route_id);
  h5::write_column(group.get(), "route_name", trips.route_name);
  h5::write_column(group.get(), "mode", trips.mode);
  h5::write_column(group.get(), "vehicle_type", trips.vehicle_type);
  h5::write_column(group.get(), "capacity", trips.capacity, "pax");
  h5::write_column(group.get(), "vehicle", trips.vehicle);
  write_codes(group.get(), "status", "status_names", trips.status,
              enum_names(TransitTripStatus::unplaced, transit_trip_status_name));
  h5::write_column(group.get(), "boardings", trips.boardings, "pax");
  h5::write_column(group.get(), "max_load", trips.max_load, "pax");
  h5::write_column(group.get(), "distance_m", trips.distance_m, "m");
}

void write_calls(hid_t transit, const TransitCallRecords& calls) {
  const h5::Group group = h5::create_group(transit, "calls");
  write_index_column(group.get(), "trip", calls.trip, "/transit/trips");
  write_index_column(group.get(), "stop", calls.stop, "/transit/stops");
  h5::write_column(group.get(), "sequence", calls.sequence);
  h5::write_column(group.get(), "scheduled_arrival_s", calls.scheduled_arrival_s, "s");
  h5::write_column(group.get(), "scheduled_departure_s", calls.scheduled_departure_s, "s");
  h5::write_column(group.get(), "arrival_s", calls.arrival_s, "s");
  h5::write_column(group.get(), "departure_s", calls.departure_s, "s");
  std::vector<double> deviation_s(calls.arrival_s.size());
  std::transform(calls.arrival_s.begin(), calls.arrival_s.end(), calls.scheduled_arrival_s.begin(),
                 deviation_s.begin(),
                 [](double actual, double planned) { return actual - planned; });
  h5::write_column(group.get(), "deviation_s", deviation_s, "s");
  h5::write_column(group.get(), "boardings", calls.boardings, "pax");
  h5::write_column(group.get(), "alightings", calls.alightings, "pax");
  h5::write_column(group.get(), "denied", calls.denied, "pax");
  h5::write_column(group.get(), "load", calls.load, "pax");
}

void write_passengers(hid_t file, const PassengerRecords& passengers) {
  const h5::Group group = h5::create_group(file, "passengers");
  h5::write_column(group.get(), "id", passengers.id);
  h5::write_column(group.get(), "depart_s", passengers.depart_s, "s");
  h5::write_column(group.get(), "arrive_s", passengers.arrive_s, "s");
  h5::write_column(group.get(), "walk_s", passengers.walk_s, "s");
  h5::write_column(group.get(), "wait_s", passengers.wait_s, "s");
  h5::write_column(group.get(), "in_vehicle_s", passengers.in_vehicle_s, "s");
  h5::write_column(group.get(), "rides", passengers.rides);
  h5::write_column(group.get(), "transfers", passengers.transfers);
  h5::write_column(group.get(), "denied", passengers.denied);
  h5::write_column(group.get(), "replans", passengers.replans);
  write_codes(group.get(), "status", "status_names", passengers.status,
              enum_names(PassengerStatus::not_departed, passenger_status_name));
  write_codes(group.get(), "reason", "reason_names", passengers.reason,
              enum_names(StrandedReason::no_service, stranded_reason_name));
}

}  // namespace

void write_transit_groups(hid_t file, const TransitRecords& records) {
  const h5::Group transit = h5::create_group(file, "transit");
  write_stops(transit.get(), records.stops);
  write_trips(transit.get(), records.trips);
  write_calls(transit.get(), records.calls);
  write_passengers(file, records.passengers);
}

}  // namespace arteria
