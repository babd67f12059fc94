// The pybind11 module is split by area, one init_<area>(module) per file (OpenSpiel's layout).
#pragma once

#include <pybind11/pybind11.h>

namespace arteria::python {

void init_errors(pybind11::module_& m);
void init_network(pybind11::module_& m);
void init_scenario(pybind11::module_& m);
void init_simulation(pybind11::module_& m);
void init_results(pybind11::module_& m);
void init_transit_edits(pybind11::module_& m);
void init_assignment(pybind11::module_& m);
void init_study(pybind11::module_& m);
void init_dynamic_assignment(pybind11::module_& m);
void init_emergency(pybind11::module_& m);

}  // namespace arteria::python
