#include "bindings.hpp"

PYBIND11_MODULE(_arteria, m) {
  m.doc() = "Arteria engine core (use the `arteria` package, not this module)";
  m.attr("__version__") = ARTERIA_VERSION;
  arteria::python::init_errors(m);
  arteria::python::init_network(m);
  arteria::python::init_scenario(m);
  arteria::python::init_transit_edits(m);
  arteria::python::init_simulation(m);
  arteria::python::init_results(m);
  arteria::python::init_assignment(m);
  arteria::python::init_study(m);
  arteria::python::init_dynamic_assignment(m);
  arteria::python::init_emergency(m);
}
