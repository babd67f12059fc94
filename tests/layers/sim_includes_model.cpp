// Compiled by the layering test: the sim stage may include the stages below it.
#include "model/scenario.hpp"
#include "routing/route_trips.hpp"
#include "sim/simulation.hpp"
