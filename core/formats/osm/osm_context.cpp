// The map context of an OSM import: closed ways of water and parks as polygons, rivers, canals
// and railways as lines, with their names (osm_internal.hpp, OsmContext).
#include <osmium/osm/way.hpp>

#include <algorithm>
#include <cstring>

#include "formats/osm/osm_internal.hpp"

namespace arteria::osm {

namespace {

bool is_one_of(const char* value, std::initializer_list<const char*> accepted) {
  if (value == nullptr) return false;
  return std::any_of(accepted.begin(), accepted.end(),
                     [&](const char* a) { return std::strcmp(value, a) == 0; });
}

// The kind of map feature a way's tags make, or nullptr. Areas count only as closed ways.
const char* context_kind(const osmium::TagList& tags, bool closed) {
  if (closed && (is_one_of(tags["natural"], {"water"}) ||
                 is_one_of(tags["waterway"], {"riverbank", "dock"}) ||
                 is_one_of(tags["landuse"], {"reservoir", "basin"}))) {
    return "water";
  }
  if (closed && (is_one_of(tags["leisure"], {"park", "garden"}) ||
                 is_one_of(tags["landuse"], {"forest", "grass", "recreation_ground"}))) {
    return "park";
  }
  if (is_one_of(tags["waterway"], {"river", "canal"})) return "waterway";
  if (is_one_of(tags["railway"], {"rail", "light_rail", "subway", "tram", "narrow_gauge"})) {
    return "rail";
  }
  return nullptr;
}

}  // namespace

void OsmContext::add_way(const osmium::Way& way) {
  const osmium::WayNodeList& nodes = way.nodes();
  if (nodes.size() < 2) return;
  const char* kind = context_kind(way.tags(), nodes.front().ref() == nodes.back().ref());
  if (kind == nullptr) return;
  const auto first = static_cast<std::uint32_t>(refs.size());
  for (const osmium::NodeRef& ref : nodes) refs.push_back(ref.ref());
  const char* name = way.tags()["name"];
  ways.push_back({kind, name ? name : "", first, static_cast<std::uint32_t>(nodes.size())});
}

void OsmContext::prepare_nodes() {
  node_ids = refs;
  std::sort(node_ids.begin(), node_ids.end());
  node_ids.erase(std::unique(node_ids.begin(), node_ids.end()), node_ids.end());
  lon.assign(node_ids.size(), 0.0);
  lat.assign(node_ids.size(), 0.0);
  found.assign(node_ids.size(), 0);
}

void OsmContext::add_node(std::int64_t id, double lon_deg, double lat_deg) {
  const auto it = std::lower_bound(node_ids.begin(), node_ids.end(), id);
  if (it == node_ids.end() || *it != id) return;
  const auto n = static_cast<std::size_t>(it - node_ids.begin());
  lon[n] = lon_deg;
  lat[n] = lat_deg;
  found[n] = 1;
}

std::vector<MapFeature> OsmContext::features(const LocalProjection& projection) const {
  std::vector<MapFeature> out;
  for (const ContextWay& way : ways) {
    MapFeature feature{way.kind, way.name, {}, {}};
    for (std::uint32_t k = way.first_ref; k < way.first_ref + way.ref_count; ++k) {
      const auto n = static_cast<std::size_t>(
          std::lower_bound(node_ids.begin(), node_ids.end(), refs[k]) - node_ids.begin());
      if (!found[n]) continue;  // cut off by the extract
      const auto [x, y] = projection.project(lon[n], lat[n]);
      feature.x_m.push_back(x);
      feature.y_m.push_back(y);
    }
    const bool area = way.kind == "water" || way.kind == "park";
    if (feature.x_m.size() >= (area ? 3u : 2u)) out.push_back(std::move(feature));
  }
  return out;
}

}  // namespace arteria::osm
