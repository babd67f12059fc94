// The [[freight]] array of a scenario file: truck trips between gates and the city
// (model/freight.hpp), read against the built network with the rest of the demand.
#pragma once

#include "model/demand.hpp"
#include "model/demand_scale.hpp"
#include "model/scenario.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {

// Reads root["freight"] (absent: nothing) and adds its trips to `demand`, scaled by `events`
// (the scale_demand events) and each table's own `scale`. Errors name the file, line and field.
void load_freight_sources(TomlTable& root, const Network& network, const SimulationParams& sim,
                          const DemandScale& events, Demand& demand);

}  // namespace arteria
