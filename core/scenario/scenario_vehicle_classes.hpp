// The [[vehicle_classes]] array of a scenario file: classes of its own, or new values for the
// built-in ones (model/vehicle_classes.hpp). Read as specs; banned links resolve when the
// network is built.
#pragma once

#include <vector>

#include "model/vehicle_classes.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// Reads root["vehicle_classes"] (absent: none) with every check that needs no network.
std::vector<VehicleClassSpec> read_vehicle_classes(TomlTable& root);

}  // namespace arteria
