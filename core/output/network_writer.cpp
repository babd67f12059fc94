// The /network group, shared by run and assignment files (layout: docs/OUTPUT.md).

#include "output/network_writer.hpp"

#include <cstdint>
#include <string>
#include <vector>

#include "output/hdf5_handle.hpp"

namespace arteria {

namespace {

// The map context (NetworkSpec::context) as one table of features with CSR point lists; only
// written when the network has some, so files of networks without any are as before.
void write_context(hid_t network, const std::vector<MapFeature>& features) {
  if (features.empty()) return;
  std::vector<std::string> kind, name;
  std::vector<std::uint32_t> offsets = {0};
  std::vector<double> x, y;
  for (const MapFeature& feature : features) {
    kind.push_back(feature.kind);
    name.push_back(feature.name);
    x.insert(x.end(), feature.x_m.begin(), feature.x_m.end());
    y.insert(y.end(), feature.y_m.begin(), feature.y_m.end());
    offsets.push_back(static_cast<std::uint32_t>(x.size()));
  }
  const h5::Group context = h5::create_group(network, "context");
  h5::write_column(context.get(), "kind", kind);
  h5::write_column(context.get(), "name", name);
  const h5::Dataset first = h5::write_column(context.get(), "point_offsets", offsets);
  h5::write_attribute(first.get(), "description",
                      "points of feature f are *_m[offsets[f]:offsets[f+1]]");
  h5::write_column(context.get(), "x_m", x, "m");
  h5::write_column(context.get(), "y_m", y, "m");
}

}  // namespace

void write_network(hid_t file, const Network& net) {
  const h5::Group network = h5::create_group(file, "network");
  const h5::Group nodes = h5::create_group(network.get(), "nodes");
  h5::write_column(nodes.get(), "id", net.node_external_id);
  h5::write_column(nodes.get(), "x_m", net.node_x_m, "m");
  h5::write_column(nodes.get(), "y_m", net.node_y_m, "m");
  h5::write_column(nodes.get(), "centroid", net.node_is_centroid);

  const h5::Group links = h5::create_group(network.get(), "links");
  h5::write_column(links.get(), "id", net.link_external_id);
  // Integer columns say what they mean, so the file explains itself.
  const h5::Dataset from = h5::write_column(links.get(), "from", net.link_from_node);
  h5::write_attribute(from.get(), "index_of", "/network/nodes");
  const h5::Dataset to = h5::write_column(links.get(), "to", net.link_to_node);
  h5::write_attribute(to.get(), "index_of", "/network/nodes");
  h5::write_column(links.get(), "length_m", net.link_length_m, "m");
  h5::write_column(links.get(), "lanes", net.link_lanes);
  h5::write_column(links.get(), "free_speed_mps", net.link_free_speed_mps, "m/s");
  h5::write_column(links.get(), "capacity_vph", net.link_capacity_vph, "veh/h");
  const h5::Dataset modes = h5::write_column(links.get(), "modes", net.link_modes);
  h5::write_attribute(modes.get(), "bits", "car=1 bus=2 truck=4 bike=8 rail=16");
  // Class bans name road classes: the file says which links they hold, as an index into the
  // names (a string per link would cost the output several per cent more instructions).
  std::vector<std::uint16_t> road_class = net.link_road_class;
  road_class.resize(net.link_count, 0);
  const std::vector<std::string> road_class_names =
      net.road_class_names.empty() ? std::vector<std::string>{""} : net.road_class_names;
  const h5::Dataset classes =
      h5::write_plain_column(links.get(), "road_class", std::span<const std::uint16_t>(road_class));
  h5::write_attribute(classes.get(), "names", road_class_names);
  const h5::Dataset offsets =
      h5::write_column(links.get(), "geometry_offsets", net.link_first_point);
  h5::write_attribute(offsets.get(), "description",
                      "points of link l are geometry_*[offsets[l]:offsets[l+1]], ends included");
  h5::write_column(links.get(), "geometry_x_m", net.point_x_m, "m");
  h5::write_column(links.get(), "geometry_y_m", net.point_y_m, "m");
  write_context(network.get(), net.context);
}

}  // namespace arteria
