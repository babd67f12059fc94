// Writes /emergency (docs/OUTPUT.md): one row per emergency dispatch of a run, and the stations.
#pragma once

#include <hdf5.h>

#include "sim/emergency/emergency_records.hpp"

namespace arteria {

// std::invalid_argument when the columns differ in length or the routes do not match the rows.
void check_dispatch_records(const DispatchRecords& records);
void write_dispatch_table(hid_t file, const DispatchRecords& records);

}  // namespace arteria
