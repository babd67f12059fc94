// Writes the road network as the /network group (nodes, links and their geometry), so that any
// file with per-link results can be mapped back to the network. Layout: docs/OUTPUT.md.
#pragma once

#include <hdf5.h>

#include "model/network.hpp"

namespace arteria {

void write_network(hid_t file, const Network& net);

}  // namespace arteria
