// The /transit and /passengers groups of a run file (layout: docs/OUTPUT.md),
// written from TransitRecords. RunWriter::write_transit checks on the caller's thread, writes on
// its own.
#pragma once

#include <hdf5.h>

#include "sim/transit_records.hpp"

namespace arteria {

// Throws std::invalid_argument naming the table when its columns differ in length, when the
// per-bin stop counts do not hold one value per (bin, stop), or when a call names a trip or
// stop row that does not exist.
void check_transit_records(const TransitRecords& records);

// Creates /transit/stops, /transit/trips, /transit/calls and /passengers under `file`.
// Call from the thread that owns the file's HDF5 handles.
void write_transit_groups(hid_t file, const TransitRecords& records);

}  // namespace arteria
