// Reads OSM data in streaming passes - ways and relations first, then the member ways of the
// map's multipolygons when there are any, then only the nodes those ways use - into flat arrays
// keyed by sorted OSM ids, then builds the NetworkSpec.
#include "formats/osm/osm_reader.hpp"

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "base/value_ranges.hpp"
#include "formats/osm/osm_internal.hpp"

namespace arteria {
namespace {

using namespace osm;

class WayHandler : public osmium::handler::Handler {
 public:
  WayHandler(ModeMask modes, OsmData& data, std::vector<std::int64_t>& refs,
             OsmImportReport& report)
      : modes_(modes), data_(data), refs_(refs), report_(report) {}

  void way(const osmium::Way& way) {
    if (way.tags()["highway"] == nullptr) {
      data_.context.add_way(way);
      return;
    }
    ++report_.highway_ways;
    data_.context.add_named_road(way);
    const auto profile = way_profile(way.tags(), modes_, report_.unparsed_tags);
    if (!profile) return;
    const auto first = static_cast<std::uint32_t>(refs_.size());
    for (const osmium::NodeRef& ref : way.nodes()) {
      if (refs_.size() == first || refs_.back() != ref.ref()) refs_.push_back(ref.ref());
    }
    const auto count = static_cast<std::uint32_t>(refs_.size() - first);
    if (count < 2) {
      refs_.resize(first);
      return;
    }
    data_.ways.push_back({way.id(), first, count, *profile});
    ++report_.ways_kept;
  }

  void relation(const osmium::Relation& relation) {
    data_.context.add_relation(relation);
    const osmium::TagList& tags = relation.tags();
    if (std::strcmp(tags.get_value_by_key("type", ""), "restriction") != 0) return;
    // A restriction for cars may be tagged for motorcars only; other modes' ones do not apply.
    const char* kind = (modes_ & mode_car) ? tags["restriction:motorcar"] : nullptr;
    if (kind == nullptr) kind = tags["restriction"];
    if (kind == nullptr) return;
    const char* except = tags["except"];
    if (except != nullptr && (modes_ & mode_car) && std::strstr(except, "motorcar") != nullptr) {
      return;
    }
    ++report_.restrictions_read;
    Restriction restriction;
    restriction.only = std::strncmp(kind, "only_", 5) == 0;
    bool valid = restriction.only || std::strncmp(kind, "no_", 3) == 0;
    int from = 0, via = 0, to = 0;
    for (const osmium::RelationMember& member : relation.members()) {
      const char* role = member.role();
      if (std::strcmp(role, "from") == 0 && member.type() == osmium::item_type::way) {
        restriction.from_way = member.ref();
        ++from;
      } else if (std::strcmp(role, "to") == 0 && member.type() == osmium::item_type::way) {
        restriction.to_way = member.ref();
        ++to;
      } else if (std::strcmp(role, "via") == 0) {
        valid = valid && member.type() == osmium::item_type::node;  // via ways: not supported
        restriction.via_node = member.ref();
        ++via;
      }
    }
    if (!valid || from != 1 || via != 1 || to != 1) {
      ++report_.restrictions_skipped;
      return;
    }
    data_.restrictions.push_back(restriction);
  }

 private:
  ModeMask modes_;
  OsmData& data_;
  std::vector<std::int64_t>& refs_;
  OsmImportReport& report_;
};

// The ways the map context's multipolygons are made of.
class MemberWayHandler : public osmium::handler::Handler {
 public:
  explicit MemberWayHandler(OsmContext& context) : context_(context) {}
  void way(const osmium::Way& way) { context_.add_member_way(way); }

 private:
  OsmContext& context_;
};

class NodeHandler : public osmium::handler::Handler {
 public:
  NodeHandler(OsmData& data, const Polygon& polygon, OsmImportReport& report)
      : data_(data), polygon_(polygon), report_(report) {}

  void node(const osmium::Node& node) {
    if (node.location().valid()) {
      data_.context.add_node(node.id(), node.location().lon(), node.location().lat());
    }
    const auto it = std::lower_bound(data_.node_ids.begin(), data_.node_ids.end(), node.id());
    if (it == data_.node_ids.end() || *it != node.id()) return;
    const auto n = static_cast<std::size_t>(it - data_.node_ids.begin());
    const osmium::Location location = node.location();
    if (!location.valid()) return;  // reported below as a node the file does not hold
    data_.lon[n] = location.lon();
    data_.lat[n] = location.lat();
    data_.flags[n] |= node_found;
    ++report_.nodes_read;
    const char* highway = node.tags()["highway"];
    if (highway != nullptr && std::strcmp(highway, "traffic_signals") == 0) {
      data_.flags[n] |= node_signal;
    }
    if (!polygon_.empty() && !polygon_.contains(data_.lon[n], data_.lat[n])) {
      data_.flags[n] |= node_outside;
      ++report_.nodes_outside_polygon;
    }
  }

 private:
  OsmData& data_;
  const Polygon& polygon_;
  OsmImportReport& report_;
};

// Runs one pass, turning libosmium's errors (bad or truncated data) into InputError.
template <class Handler>
void run_pass(const std::string& path, osmium::osm_entity_bits::type entities, Handler& handler) {
  try {
    osmium::io::Reader reader(path, entities, osmium::io::read_meta::no);
    osmium::apply(reader, handler);
    reader.close();
  } catch (const InputError&) {
    throw;
  } catch (const std::exception& error) {
    throw InputError(path, 0, "", std::string("cannot read OSM data: ") + error.what());
  }
}

// Dense node indices for the ways' OSM ids; every referenced node must be in the file.
void resolve_nodes(const std::string& path, OsmData& data, std::vector<std::int64_t>& refs) {
  data.refs.resize(refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const auto it = std::lower_bound(data.node_ids.begin(), data.node_ids.end(), refs[i]);
    const auto n = static_cast<std::uint32_t>(it - data.node_ids.begin());
    if (!(data.flags[n] & node_found)) {
      const auto way = std::find_if(data.ways.begin(), data.ways.end(), [&](const Way& w) {
        return i >= w.first_ref && i < w.first_ref + w.ref_count;
      });
      throw InputError(path, 0, "nd",
                       "way " + std::to_string(way->id) + " refers to node " +
                           std::to_string(refs[i]) +
                           ", which the file does not hold (cut extracts with complete ways)");
    }
    data.refs[i] = n;
  }
  refs = {};
}

std::vector<TurnSpec> banned_turns(const OsmData& data, const std::vector<GraphLink>& links,
                                   OsmImportReport& report) {
  // In- and out-links of via nodes only, found in one pass over the links.
  std::vector<std::uint32_t> slot(data.node_ids.size(), invalid_index);
  std::vector<std::uint32_t> via(data.restrictions.size(), invalid_index);
  std::vector<std::vector<const GraphLink*>> arriving, leaving;
  for (std::size_t r = 0; r < data.restrictions.size(); ++r) {
    const std::int64_t id = data.restrictions[r].via_node;
    const auto it = std::lower_bound(data.node_ids.begin(), data.node_ids.end(), id);
    if (it == data.node_ids.end() || *it != id) continue;
    via[r] = static_cast<std::uint32_t>(it - data.node_ids.begin());
    if (slot[via[r]] == invalid_index) {
      slot[via[r]] = static_cast<std::uint32_t>(arriving.size());
      arriving.emplace_back();
      leaving.emplace_back();
    }
  }
  for (const GraphLink& link : links) {
    if (slot[link.to] != invalid_index) arriving[slot[link.to]].push_back(&link);
    if (slot[link.from] != invalid_index) leaving[slot[link.from]].push_back(&link);
  }
  std::vector<TurnSpec> banned;
  for (std::size_t r = 0; r < data.restrictions.size(); ++r) {
    const Restriction& restriction = data.restrictions[r];
    if (via[r] == invalid_index) {
      ++report.restrictions_skipped;
      continue;
    }
    std::vector<const GraphLink*> from, to;
    for (const GraphLink* link : arriving[slot[via[r]]]) {
      if (data.ways[link->last_way].id == restriction.from_way) from.push_back(link);
    }
    const std::vector<const GraphLink*>& out = leaving[slot[via[r]]];
    for (const GraphLink* link : out) {
      if (data.ways[link->first_way].id == restriction.to_way) to.push_back(link);
    }
    if (from.empty() || to.empty()) {
      ++report.restrictions_skipped;
      continue;
    }
    ++report.restrictions_applied;
    for (const GraphLink* in : from) {
      for (const GraphLink* next : restriction.only ? out : to) {
        const bool allowed = std::find(to.begin(), to.end(), next) != to.end();
        if (restriction.only && allowed) continue;
        banned.push_back({in->id, next->id, {}});
      }
    }
  }
  return banned;
}

// Pass 1: the ways and relations; then the multipolygons' member ways, only when the map has
// any; pass 2: only the nodes those ways use.
OsmData read_osm_data(const std::string& path, const OsmImportOptions& options,
                      const Polygon& polygon, OsmImportReport& report) {
  OsmData data;
  std::vector<std::int64_t> refs;
  WayHandler ways(options.modes, data, refs, report);
  run_pass(path, osmium::osm_entity_bits::way | osmium::osm_entity_bits::relation, ways);
  data.context.prepare_member_ways();
  if (data.context.needs_member_ways()) {
    MemberWayHandler members(data.context);
    run_pass(path, osmium::osm_entity_bits::way, members);
  }

  data.node_ids = refs;
  std::sort(data.node_ids.begin(), data.node_ids.end());
  data.node_ids.erase(std::unique(data.node_ids.begin(), data.node_ids.end()), data.node_ids.end());
  data.lon.assign(data.node_ids.size(), 0.0);
  data.lat.assign(data.node_ids.size(), 0.0);
  data.flags.assign(data.node_ids.size(), 0);
  data.context.prepare_nodes();
  NodeHandler nodes(data, polygon, report);
  run_pass(path, osmium::osm_entity_bits::node, nodes);
  resolve_nodes(path, data, refs);
  return data;
}

// The via nodes of restrictions: kept as nodes when degree-two nodes are merged away.
std::vector<std::uint8_t> restriction_nodes(const OsmData& data) {
  std::vector<std::uint8_t> keep(data.node_ids.size(), 0);
  for (const Restriction& r : data.restrictions) {
    const auto it = std::lower_bound(data.node_ids.begin(), data.node_ids.end(), r.via_node);
    if (it != data.node_ids.end() && *it == r.via_node) keep[it - data.node_ids.begin()] = 1;
  }
  return keep;
}

// The nodes the links use; sets the report's centre to the middle of their bounding box.
std::vector<std::uint8_t> used_nodes(const OsmData& data, const std::vector<GraphLink>& links,
                                     OsmImportReport& report) {
  std::vector<std::uint8_t> used(data.node_ids.size(), 0);
  double min_lon = 180, max_lon = -180, min_lat = 90, max_lat = -90;
  for (const GraphLink& link : links) {
    for (const std::uint32_t n : {link.from, link.to}) {
      used[n] = 1;
      min_lon = std::min(min_lon, data.lon[n]);
      max_lon = std::max(max_lon, data.lon[n]);
      min_lat = std::min(min_lat, data.lat[n]);
      max_lat = std::max(max_lat, data.lat[n]);
    }
  }
  report.centre_lon = links.empty() ? 0.0 : 0.5 * (min_lon + max_lon);
  report.centre_lat = links.empty() ? 0.0 : 0.5 * (min_lat + max_lat);
  return used;
}

LinkSpec link_spec(const OsmData& data, const GraphLink& link,
                   const std::vector<std::pair<double, double>>& xy) {
  LinkSpec out;
  out.id = link.id;
  out.from = std::to_string(data.node_ids[link.from]);
  out.to = std::to_string(data.node_ids[link.to]);
  double length = 0.0;
  for (std::size_t k = 1; k < link.points.size(); ++k) {
    const std::uint32_t a = link.points[k - 1], b = link.points[k];
    length += step_length_m(data.lon[a], data.lat[a], data.lon[b], data.lat[b]);
    if (k == 1) out.geometry.push_back(xy[a]);
    out.geometry.push_back(xy[b]);
  }
  out.length_m = std::max(length, 1.0);  // nodes mapped on one spot: the model needs a length
  out.lanes = link.profile.lanes;
  out.free_speed_mps = link.profile.speed_mps;
  out.capacity_vph = link.profile.lanes * link.capacity_per_lane_vph;
  out.modes = static_cast<ModeMask>(link.profile.modes & road_modes);
  out.road_class = link.road_class;
  return out;
}

}  // namespace

OsmNetwork read_osm_network(const std::string& path, const OsmImportOptions& options) {
  if (!std::filesystem::is_regular_file(path)) throw InputError(path, 0, "", "cannot open file");
  check_range(path, 0, "signal_cycle_s", valid::signal_cycle_s, options.signal_cycle_s);
  const Polygon polygon = options.poly_file.empty() ? Polygon() : Polygon::read(options.poly_file);
  OsmNetwork result;
  OsmImportReport& report = result.report;
  const OsmData data = read_osm_data(path, options, polygon, report);
  std::vector<GraphLink> links =
      build_links(data, restriction_nodes(data), options.merge_degree_two_nodes, report);
  if (options.keep_largest_component) {
    keep_largest_component(links, data.node_ids.size(), report);
  }

  // Project about the centre of what is kept; nodes in OSM id order, so output is stable.
  const std::vector<std::uint8_t> used = used_nodes(data, links, report);
  const LocalProjection projection(report.centre_lon, report.centre_lat);
  std::vector<std::pair<double, double>> xy(data.node_ids.size());
  for (std::size_t n = 0; n < xy.size(); ++n) xy[n] = projection.project(data.lon[n], data.lat[n]);

  NetworkSpec& spec = result.spec;
  spec.files.push_back(path);
  spec.turn_rule = TurnRule::all_but_u_turns;
  spec.projection = {MapProjection::Kind::transverse_mercator, report.centre_lon,
                     report.centre_lat};
  for (std::size_t n = 0; n < used.size(); ++n) {
    if (!used[n]) continue;
    spec.nodes.push_back({std::to_string(data.node_ids[n]), xy[n].first, xy[n].second, false, {}});
  }
  spec.links.reserve(links.size());
  for (const GraphLink& link : links) spec.links.push_back(link_spec(data, link, xy));
  spec.banned_turns = banned_turns(data, links, report);
  add_signal_plans(data, links, xy, options.signal_cycle_s, spec, report);
  spec.context = data.context.features(projection);
  report.nodes = spec.nodes.size();
  report.links = spec.links.size();
  return result;
}

}  // namespace arteria
