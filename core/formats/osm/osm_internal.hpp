// Internal to the OSM importer: the flat tables the two reading passes fill, and the steps that
// turn them into links (tags, projection, polygon, graph simplification, signals).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ids.hpp"
#include "base/projection.hpp"
#include "formats/osm/osm_reader.hpp"

namespace osmium {
class Relation;
class TagList;
class Way;
}  // namespace osmium

namespace arteria::osm {

// What one direction of a way offers.
struct DirectionProfile {
  bool open = false;
  float lanes = 1.0f;
  float speed_mps = 0.0f;
  ModeMask modes = 0;
  bool operator==(const DirectionProfile&) const = default;
};

struct WayProfile {
  float capacity_per_lane_vph = 0.0f;
  // The `highway` value of its class (static storage). Not compared: pieces of different classes
  // still merge through a degree-2 node (the network's links stay as they were before classes
  // were kept), and the merged link has its first piece's class.
  const char* road_class = "";
  DirectionProfile forward;   // along the way's node order
  DirectionProfile backward;  // against it
  bool operator==(const WayProfile& other) const {
    return capacity_per_lane_vph == other.capacity_per_lane_vph && forward == other.forward &&
           backward == other.backward;
  }
  WayProfile reversed() const { return {capacity_per_lane_vph, road_class, backward, forward}; }
};

// The profile of a highway way for `modes`, or nullopt when it is not part of that network.
// Counts lanes/maxspeed values it could not read (the class default is used) in `unparsed`.
std::optional<WayProfile> way_profile(const osmium::TagList& tags, ModeMask modes,
                                      std::size_t& unparsed);
// "50", "50 km/h", "30 mph", "10 knots", "walk", "none", "DE:urban" ... in km/h.
std::optional<double> parse_maxspeed_kmh(std::string_view text);

struct Way {
  std::int64_t id = 0;
  std::uint32_t first_ref = 0;  // into OsmData::refs
  std::uint32_t ref_count = 0;
  WayProfile profile;
};

struct Restriction {
  std::int64_t from_way = 0;
  std::int64_t via_node = 0;
  std::int64_t to_way = 0;
  bool only = false;  // only_*: every other turn from from_way at via is banned
};

// Map context (NetworkSpec::context), for maps only: water and parks from closed ways and from
// multipolygon relations (assembled into rings), rivers, canals, railways and the coastline as
// lines, and the named main roads (their names label the maps).
struct ContextWay {
  std::string kind;  // MapFeature::kind
  std::string name;
  std::uint32_t first_ref = 0;  // into OsmContext::refs
  std::uint32_t ref_count = 0;
};

// A multipolygon relation of water or park: its member ways, outer and inner.
struct ContextRelation {
  std::string kind;
  std::string name;
  std::uint32_t first_member = 0;  // into OsmContext::members
  std::uint32_t member_count = 0;
};

struct ContextMember {
  std::int64_t way_id = 0;
  bool inner = false;
};

struct OsmContext {
  std::vector<ContextWay> ways;
  std::vector<ContextRelation> relations;
  std::vector<ContextMember> members;
  // The relations' member ways, read in a pass of their own (relations come after the ways in
  // an OSM file): sorted ids, and each one's nodes in `refs` (count 0: not in the file).
  std::vector<std::int64_t> member_way_ids;
  std::vector<std::uint32_t> member_first_ref, member_ref_count;
  std::vector<std::int64_t> refs;      // OSM node ids
  std::vector<std::int64_t> node_ids;  // sorted, unique: the nodes pass 2 looks up
  std::vector<double> lon, lat;
  std::vector<std::uint8_t> found;

  // Records the way when its tags make it context; the nodes are looked up in pass 2.
  void add_way(const osmium::Way& way);
  // Records a named main road (motorway to tertiary) for its name.
  void add_named_road(const osmium::Way& way);
  // Records a multipolygon relation of water or park.
  void add_relation(const osmium::Relation& relation);
  // Before the member-way pass: the sorted ids of the relations' member ways.
  void prepare_member_ways();
  bool needs_member_ways() const { return !member_way_ids.empty(); }
  // The member-way pass: keeps the way's nodes when a relation uses it.
  void add_member_way(const osmium::Way& way);
  // Before pass 2: the sorted node ids and room for their locations.
  void prepare_nodes();
  // Pass 2: keeps the node's location when a context way uses it.
  void add_node(std::int64_t id, double lon_deg, double lat_deg);
  // The features in projected metres; points the file does not hold are left out, and
  // features left with too few points (a line needs 2, a polygon 3) dropped. A relation's
  // rings that do not close (cut by the extract) are dropped.
  std::vector<MapFeature> features(const LocalProjection& projection) const;

 private:
  void append_relation(const ContextRelation& relation, const LocalProjection& projection,
                       std::vector<MapFeature>& out) const;
  bool project_ring(const std::vector<std::int64_t>& ring, const LocalProjection& projection,
                    bool clockwise, MapFeature& feature) const;
};

enum NodeFlags : std::uint8_t { node_signal = 1, node_outside = 2, node_found = 4 };

struct OsmData {
  std::vector<Way> ways;
  std::vector<std::uint32_t> refs;     // dense node indices (after pass 2; OSM ids before)
  std::vector<std::int64_t> node_ids;  // sorted; a node's dense index is its position here
  std::vector<double> lon, lat;
  std::vector<std::uint8_t> flags;
  std::vector<Restriction> restrictions;
  OsmContext context;
};

// A directed link between two dense nodes with its polyline of dense nodes, ends included.
struct GraphLink {
  std::uint32_t from = 0, to = 0;
  std::uint32_t first_way = 0, last_way = 0;  // way indices of the first and last piece
  std::string id;
  std::vector<std::uint32_t> points;
  DirectionProfile profile;
  float capacity_per_lane_vph = 0.0f;
  const char* road_class = "";  // WayProfile::road_class
};

// Splits ways at junctions, way ends, signals, polygon cuts and `keep` nodes, merges pieces
// through nodes where exactly two compatible pieces meet (when `merge`), and gives each
// direction a link.
std::vector<GraphLink> build_links(const OsmData& data, const std::vector<std::uint8_t>& keep,
                                   bool merge, OsmImportReport& report);

// Keeps the links of the largest strongly connected component; reports what it drops.
void keep_largest_component(std::vector<GraphLink>& links, std::size_t node_count,
                            OsmImportReport& report);

// An Osmosis .poly area: outer rings minus holes ('!' sections).
class Polygon {
 public:
  static Polygon read(const std::string& path);  // InputError on malformed files
  bool contains(double lon, double lat) const;
  bool empty() const { return rings_.empty(); }

 private:
  struct Ring {
    bool hole = false;
    std::vector<std::pair<double, double>> points;
    double min_lon, min_lat, max_lon, max_lat;
  };
  std::vector<Ring> rings_;
};

// Two-phase fixed-time plans for signalised nodes: in-links grouped by bearing.
void add_signal_plans(const OsmData& data, const std::vector<GraphLink>& links,
                      const std::vector<std::pair<double, double>>& node_xy, double cycle_s,
                      NetworkSpec& spec, OsmImportReport& report);

}  // namespace arteria::osm
