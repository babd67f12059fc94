// The native trip table: trips.csv with one row per vehicle trip (id, origin, destination,
// departure, optional pcu and route), read into a DemandBuilder with every row's line kept.
#pragma once

#include <cstddef>
#include <string>

#include "model/demand.hpp"

namespace arteria {

// Columns: id,origin,destination,depart[,pcu][,route]. `depart` is HH:MM:SS (hours may pass
// 24) or seconds; `pcu` defaults to 1; `route` is space-separated link ids whose ends must be
// the origin and destination. Trip ids must be unique within the file. Returns the number of
// trips added. `network` is the one `builder` resolves against.
std::size_t read_trips_csv(const std::string& path, const Network& network, DemandBuilder& builder);

}  // namespace arteria
