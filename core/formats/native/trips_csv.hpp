// The native trip table: trips.csv with one row per vehicle trip (id, origin, destination,
// departure, optional pcu, class and route), read into a DemandBuilder with every row's line kept.
#pragma once

#include <cstddef>
#include <string>

#include "model/demand.hpp"

namespace arteria {

// Columns: id,origin,destination,depart[,pcu][,class][,route]. `depart` is HH:MM:SS (hours may
// pass 24) or seconds; `class` names a vehicle class (builder.classes()), a car when empty;
// `pcu` defaults to the class's; `route` is space-separated link ids whose ends must be
// the origin and destination. Trip ids must be unique within the file. Returns the number of
// trips added. `network` is the one `builder` resolves against.
// The rows are parsed in parallel, in ranges of about `range_bytes` (a file with a quote
// character in its rows is one range); the trips, their order and any error are the same
// whatever the range size (tests make it small) and the thread count.
inline constexpr std::size_t trips_csv_range_bytes = 256 * 1024;
std::size_t read_trips_csv(const std::string& path, const Network& network, DemandBuilder& builder,
                           std::size_t range_bytes = trips_csv_range_bytes);

}  // namespace arteria
