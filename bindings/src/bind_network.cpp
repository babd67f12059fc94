// arteria.Network: the compiled road network of a scenario, as numpy views and id lookups.
#include <pybind11/stl.h>

#include <memory>

#include "bindings.hpp"
#include "handles.hpp"
#include "views.hpp"

namespace py = pybind11;

namespace arteria::python {

void init_network(py::module_& m) {
  py::class_<NetworkHandle>(m, "Network", "The road network of a scenario (read-only views)")
      .def_property_readonly("node_count",
                             [](const NetworkHandle& h) { return h.net().node_count; })
      .def_property_readonly("link_count",
                             [](const NetworkHandle& h) { return h.net().link_count; })
      .def_property_readonly("turn_count",
                             [](const NetworkHandle& h) { return h.net().turn_count; })
      .def_property_readonly("node_ids",
                             [](const NetworkHandle& h) { return h.net().node_external_id; })
      .def_property_readonly("link_ids",
                             [](const NetworkHandle& h) { return h.net().link_external_id; })
      .def_property_readonly("signalised_node_count",
                             [](const NetworkHandle& h) { return h.net().signalised_node_count(); })
#define ARTERIA_VIEW(name, field)                                              \
  .def_property_readonly(name, [](py::object self) {                           \
    return readonly_view(self.cast<const NetworkHandle&>().net().field, self); \
  })
          ARTERIA_VIEW("node_x_m", node_x_m) ARTERIA_VIEW("node_y_m", node_y_m)
              ARTERIA_VIEW("link_from", link_from_node) ARTERIA_VIEW("link_to", link_to_node)
                  ARTERIA_VIEW("link_length_m", link_length_m)
                      ARTERIA_VIEW("link_lanes", link_lanes)
                          ARTERIA_VIEW("link_free_speed_mps", link_free_speed_mps)
                              ARTERIA_VIEW("link_capacity_vph", link_capacity_vph)
                                  ARTERIA_VIEW("link_geometry_offsets", link_first_point)
                                      ARTERIA_VIEW("link_geometry_x_m", point_x_m)
                                          ARTERIA_VIEW("link_geometry_y_m", point_y_m)
#undef ARTERIA_VIEW
      .def(
          "link_index",
          [](const NetworkHandle& h, const std::string& id) { return require_link(h.net(), id); },
          "Index of the link with this external id (KeyError if none)")
      .def(
          "node_index",
          [](const NetworkHandle& h, const std::string& id) { return require_node(h.net(), id); },
          "Index of the node with this external id (KeyError if none)")
      .def("__repr__", [](const NetworkHandle& h) {
        return "<arteria.Network " + std::to_string(h.net().node_count) + " nodes, " +
               std::to_string(h.net().link_count) + " links>";
      });
}

}  // namespace arteria::python
