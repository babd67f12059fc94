// The map context of an OSM import: water and parks as polygons (closed ways, and multipolygon
// relations assembled from their member ways), rivers, canals, railways and the coastline as
// lines, named main roads for their names (osm_internal.hpp, OsmContext).
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

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
  if (is_one_of(tags["natural"], {"coastline"})) return "coast";
  if (is_one_of(tags["railway"], {"rail", "light_rail", "subway", "tram", "narrow_gauge"})) {
    return "rail";
  }
  return nullptr;
}

bool is_area(const std::string& kind) {
  return kind == "water" || kind == "park";
}

// Twice the signed area of a ring (positive: counter-clockwise), by the shoelace formula.
double twice_signed_area(const std::vector<double>& x, const std::vector<double>& y,
                         std::size_t first) {
  double sum = 0.0;
  for (std::size_t i = first; i < x.size(); ++i) {
    const std::size_t next = i + 1 < x.size() ? i + 1 : first;
    sum += x[i] * y[next] - x[next] * y[i];
  }
  return sum;
}

// Joins ways into closed rings by their end nodes, reversing a way where its direction runs the
// other way, as multipolygon members may. Rings that cannot be closed (a member cut off by the
// extract, a broken relation) are left out.
std::vector<std::vector<std::int64_t>> join_rings(
    const std::vector<std::pair<const std::int64_t*, std::uint32_t>>& pieces) {
  std::vector<std::vector<std::int64_t>> rings;
  std::vector<std::uint8_t> used(pieces.size(), 0);
  for (std::size_t start = 0; start < pieces.size(); ++start) {
    if (used[start]) continue;
    used[start] = 1;
    std::vector<std::int64_t> ring(pieces[start].first, pieces[start].first + pieces[start].second);
    while (ring.front() != ring.back()) {
      bool extended = false;
      for (std::size_t p = 0; p < pieces.size() && !extended; ++p) {
        if (used[p]) continue;
        const std::int64_t* begin = pieces[p].first;
        const std::int64_t* end = begin + pieces[p].second;
        if (*begin == ring.back()) {
          ring.insert(ring.end(), begin + 1, end);
        } else if (*(end - 1) == ring.back()) {
          ring.insert(ring.end(), std::make_reverse_iterator(end - 1),
                      std::make_reverse_iterator(begin));
        } else {
          continue;
        }
        used[p] = 1;
        extended = true;
      }
      if (!extended) break;
    }
    if (ring.size() >= 4 && ring.front() == ring.back()) rings.push_back(std::move(ring));
  }
  return rings;
}

}  // namespace

void OsmContext::add_named_road(const osmium::Way& way) {
  const char* name = way.tags()["name"];
  if (name == nullptr || *name == '\0' ||
      !is_one_of(way.tags()["highway"],
                 {"motorway", "trunk", "primary", "secondary", "tertiary"})) {
    return;
  }
  const auto first = static_cast<std::uint32_t>(refs.size());
  for (const osmium::NodeRef& ref : way.nodes()) refs.push_back(ref.ref());
  ways.push_back({"street", name, first, static_cast<std::uint32_t>(way.nodes().size())});
}

void OsmContext::add_relation(const osmium::Relation& relation) {
  const osmium::TagList& tags = relation.tags();
  if (!is_one_of(tags["type"], {"multipolygon"})) return;
  const char* kind = context_kind(tags, true);
  if (kind == nullptr || !is_area(kind)) return;
  const auto first = static_cast<std::uint32_t>(members.size());
  for (const osmium::RelationMember& member : relation.members()) {
    if (member.type() != osmium::item_type::way) continue;
    members.push_back({member.ref(), std::strcmp(member.role(), "inner") == 0});
  }
  const char* name = tags["name"];
  relations.push_back(
      {kind, name ? name : "", first, static_cast<std::uint32_t>(members.size() - first)});
}

void OsmContext::prepare_member_ways() {
  member_way_ids.clear();
  for (const ContextMember& member : members) member_way_ids.push_back(member.way_id);
  std::sort(member_way_ids.begin(), member_way_ids.end());
  member_way_ids.erase(std::unique(member_way_ids.begin(), member_way_ids.end()),
                       member_way_ids.end());
  member_first_ref.assign(member_way_ids.size(), 0);
  member_ref_count.assign(member_way_ids.size(), 0);
}

void OsmContext::add_member_way(const osmium::Way& way) {
  const auto it = std::lower_bound(member_way_ids.begin(), member_way_ids.end(), way.id());
  if (it == member_way_ids.end() || *it != way.id() || way.nodes().size() < 2) return;
  const auto m = static_cast<std::size_t>(it - member_way_ids.begin());
  member_first_ref[m] = static_cast<std::uint32_t>(refs.size());
  for (const osmium::NodeRef& ref : way.nodes()) refs.push_back(ref.ref());
  member_ref_count[m] = static_cast<std::uint32_t>(way.nodes().size());
}

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

bool OsmContext::project_ring(const std::vector<std::int64_t>& ring,
                              const LocalProjection& projection, bool clockwise,
                              MapFeature& feature) const {
  const std::size_t first = feature.x_m.size();
  for (const std::int64_t ref : ring) {
    const auto n = static_cast<std::size_t>(
        std::lower_bound(node_ids.begin(), node_ids.end(), ref) - node_ids.begin());
    if (!found[n]) continue;  // cut off by the extract
    const auto [x, y] = projection.project(lon[n], lat[n]);
    feature.x_m.push_back(x);
    feature.y_m.push_back(y);
  }
  if (feature.x_m.size() - first < 3) {
    feature.x_m.resize(first);
    feature.y_m.resize(first);
    return false;
  }
  // Outer rings counter-clockwise, inner ones clockwise: a filled path then leaves the holes.
  if ((twice_signed_area(feature.x_m, feature.y_m, first) < 0.0) != clockwise) {
    std::reverse(feature.x_m.begin() + static_cast<std::ptrdiff_t>(first), feature.x_m.end());
    std::reverse(feature.y_m.begin() + static_cast<std::ptrdiff_t>(first), feature.y_m.end());
  }
  return true;
}

void OsmContext::append_relation(const ContextRelation& relation, const LocalProjection& projection,
                                 std::vector<MapFeature>& out) const {
  MapFeature feature{relation.kind, relation.name, {}, {}};
  bool has_outer = false;
  for (const bool inner : {false, true}) {
    std::vector<std::pair<const std::int64_t*, std::uint32_t>> pieces;
    for (std::uint32_t k = relation.first_member; k < relation.first_member + relation.member_count;
         ++k) {
      if (members[k].inner != inner) continue;
      const auto m = static_cast<std::size_t>(
          std::lower_bound(member_way_ids.begin(), member_way_ids.end(), members[k].way_id) -
          member_way_ids.begin());
      if (member_ref_count[m] >= 2)
        pieces.emplace_back(&refs[member_first_ref[m]], member_ref_count[m]);
    }
    for (const std::vector<std::int64_t>& ring : join_rings(pieces)) {
      // Rings after the first are set apart by a point of NaN (docs/OUTPUT.md).
      if (!feature.x_m.empty()) {
        feature.x_m.push_back(std::numeric_limits<double>::quiet_NaN());
        feature.y_m.push_back(std::numeric_limits<double>::quiet_NaN());
      }
      const bool projected = project_ring(ring, projection, inner, feature);
      if (!projected && !feature.x_m.empty()) {
        feature.x_m.pop_back();  // the separator of a ring that had too few points
        feature.y_m.pop_back();
      }
      has_outer = has_outer || (projected && !inner);
    }
  }
  if (has_outer) out.push_back(std::move(feature));
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
    if (feature.x_m.size() >= (is_area(way.kind) ? 3u : 2u)) out.push_back(std::move(feature));
  }
  for (const ContextRelation& relation : relations) append_relation(relation, projection, out);
  return out;
}

}  // namespace arteria::osm
