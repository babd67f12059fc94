#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/value_ranges.hpp"
#include "model/lane_groups.hpp"
#include "model/network.hpp"

namespace arteria {

Index Network::find_node(std::string_view id) const {
  const auto it = node_by_id.find(id);
  return it == node_by_id.end() ? invalid_index : it->second;
}

Index Network::find_link(std::string_view id) const {
  const auto it = link_by_id.find(id);
  return it == link_by_id.end() ? invalid_index : it->second;
}

const std::string& Network::link_road_class_name(Index l) const {
  static const std::string unknown;
  return l < link_road_class.size() ? road_class_names[link_road_class[l]] : unknown;
}

Index Network::find_turn(Index from_link, Index to_link) const {
  for (Index t = link_first_turn[from_link]; t < link_first_turn[from_link + 1]; ++t) {
    if (turn_to_link[t] == to_link) return t;
  }
  return invalid_index;
}

Index Network::signalised_node_count() const {
  return static_cast<Index>(std::count_if(node_initial_plan.begin(), node_initial_plan.end(),
                                          [](Index p) { return p != invalid_index; }));
}

namespace {

// Does a vehicle going from `from` into `to` change direction by more than 45 degrees? Compares
// the last segment of the one polyline with the first of the other; a zero-length segment has
// no direction and counts as straight on.
bool changes_direction(const Network& net, Index from, Index to) {
  const Index a = net.link_first_point[from + 1] - 2;
  const Index b = net.link_first_point[to];
  const double ax = net.point_x_m[a + 1] - net.point_x_m[a];
  const double ay = net.point_y_m[a + 1] - net.point_y_m[a];
  const double bx = net.point_x_m[b + 1] - net.point_x_m[b];
  const double by = net.point_y_m[b + 1] - net.point_y_m[b];
  const double along = ax * bx + ay * by;   // |a| |b| cos(angle)
  const double across = ax * by - ay * bx;  // |a| |b| sin(angle)
  if (along == 0.0 && across == 0.0) return false;
  return !(along > 0.0 && std::abs(across) <= along);  // within 45 degrees: |sin| <= cos
}

class NetworkCompiler {
 public:
  explicit NetworkCompiler(const NetworkSpec& spec) : spec_(spec) {}

  Network compile() {
    compile_nodes();
    compile_links();
    build_adjacency();
    compile_turns();
    compile_signals();
    return std::move(net_);
  }

 private:
  [[noreturn]] void fail(const SourceRef& where, const std::string& field,
                         const std::string& message) const {
    throw InputError(spec_.file_name(where), where.line, field, message);
  }

  void require_in(const SourceRef& where, const char* field, const ValueRange& range,
                  double value) const {
    const std::string problem = range_problem(range, value);
    if (!problem.empty()) fail(where, field, problem);
  }

  void compile_nodes() {
    net_.node_count = static_cast<Index>(spec_.nodes.size());
    net_.projection = spec_.projection;
    net_.context = spec_.context;
    net_.node_by_id.reserve(spec_.nodes.size());
    for (const NodeSpec& node : spec_.nodes) {
      if (node.id.empty()) fail(node.where, "id", "node id is empty");
      require_in(node.where, "x_m", valid::coordinate_m, node.x_m);
      require_in(node.where, "y_m", valid::coordinate_m, node.y_m);
      const auto [it, inserted] =
          net_.node_by_id.emplace(node.id, static_cast<Index>(net_.node_external_id.size()));
      if (!inserted) fail(node.where, "id", "duplicate node id '" + node.id + "'");
      net_.node_external_id.push_back(node.id);
      net_.node_x_m.push_back(node.x_m);
      net_.node_y_m.push_back(node.y_m);
      net_.node_is_centroid.push_back(node.centroid ? 1 : 0);
    }
  }

  Index resolve_node(const LinkSpec& link, const char* field, const std::string& id) const {
    const Index node = net_.find_node(id);
    if (node == invalid_index) {
      fail(link.where, field,
           "link '" + link.id + "' refers to node '" + id + "' which does not exist");
    }
    return node;
  }

  // The index of `name` in road_class_names, added when first seen (a network has a handful).
  std::uint16_t road_class_index(const LinkSpec& link) {
    auto& names = net_.road_class_names;
    const auto it = std::find(names.begin(), names.end(), link.road_class);
    if (it != names.end()) return static_cast<std::uint16_t>(it - names.begin());
    if (names.size() > 1000) fail(link.where, "road_class", "more than 1000 road classes");
    names.push_back(link.road_class);
    return static_cast<std::uint16_t>(names.size() - 1);
  }

  void compile_links() {
    net_.link_count = static_cast<Index>(spec_.links.size());
    net_.link_by_id.reserve(spec_.links.size());
    net_.link_first_point.push_back(0);
    net_.road_class_names = {""};
    for (const LinkSpec& link : spec_.links) {
      if (link.id.empty()) fail(link.where, "id", "link id is empty");
      const Index from = resolve_node(link, "from", link.from);
      const Index to = resolve_node(link, "to", link.to);
      if (from == to)
        fail(link.where, "to",
             "link '" + link.id + "' starts and ends at node '" + link.from + "'");
      require_in(link.where, "length_m", valid::link_length_m, link.length_m);
      require_in(link.where, "lanes", valid::lanes, link.lanes);
      require_in(link.where, "free_speed_mps", valid::free_speed_mps, link.free_speed_mps);
      require_in(link.where, "capacity_vph", valid::capacity_vph, link.capacity_vph);
      if (link.modes == 0) fail(link.where, "modes", "link admits no mode");
      const auto [it, inserted] =
          net_.link_by_id.emplace(link.id, static_cast<Index>(net_.link_external_id.size()));
      if (!inserted) fail(link.where, "id", "duplicate link id '" + link.id + "'");
      net_.link_external_id.push_back(link.id);
      net_.link_from_node.push_back(from);
      net_.link_to_node.push_back(to);
      net_.link_length_m.push_back(static_cast<float>(link.length_m));
      net_.link_lanes.push_back(static_cast<float>(link.lanes));
      net_.link_free_speed_mps.push_back(static_cast<float>(link.free_speed_mps));
      net_.link_capacity_vph.push_back(static_cast<float>(link.capacity_vph));
      net_.link_modes.push_back(link.modes);
      net_.link_road_class.push_back(road_class_index(link));
      if (link.geometry.size() >= 2) {
        for (const auto& [x, y] : link.geometry) {
          net_.point_x_m.push_back(x);
          net_.point_y_m.push_back(y);
        }
      } else {
        net_.point_x_m.push_back(net_.node_x_m[from]);
        net_.point_y_m.push_back(net_.node_y_m[from]);
        net_.point_x_m.push_back(net_.node_x_m[to]);
        net_.point_y_m.push_back(net_.node_y_m[to]);
      }
      net_.link_first_point.push_back(static_cast<Index>(net_.point_x_m.size()));
    }
  }

  // CSR lists in link-id order, so every derived order is a function of the ids alone.
  static void build_csr(Index node_count, const std::vector<Index>& link_node,
                        std::vector<Index>& first, std::vector<Index>& links) {
    first.assign(node_count + 1, 0);
    for (Index node : link_node) ++first[node + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    links.resize(link_node.size());
    std::vector<Index> fill(first.begin(), first.end() - 1);
    for (Index l = 0; l < link_node.size(); ++l) links[fill[link_node[l]]++] = l;
  }

  void build_adjacency() {
    build_csr(net_.node_count, net_.link_from_node, net_.node_first_out, net_.out_links);
    build_csr(net_.node_count, net_.link_to_node, net_.node_first_in, net_.in_links);
  }

  std::pair<Index, Index> resolve_turn(const TurnSpec& turn) const {
    const Index from = net_.find_link(turn.from_link);
    if (from == invalid_index)
      fail(turn.where, "from_link", "unknown link '" + turn.from_link + "'");
    const Index to = net_.find_link(turn.to_link);
    if (to == invalid_index) fail(turn.where, "to_link", "unknown link '" + turn.to_link + "'");
    if (net_.link_to_node[from] != net_.link_from_node[to]) {
      fail(turn.where, "to_link",
           "link '" + turn.to_link + "' does not start where '" + turn.from_link + "' ends");
    }
    return {from, to};
  }

  void compile_turns() {
    std::vector<std::vector<Index>> allowed(net_.link_count);
    if (spec_.turn_rule == TurnRule::all_but_u_turns) {
      for (Index from = 0; from < net_.link_count; ++from) {
        const Index node = net_.link_to_node[from];
        const Index begin = net_.node_first_out[node], end = net_.node_first_out[node + 1];
        const bool dead_end = end - begin == 1;
        for (Index i = begin; i < end; ++i) {
          const Index to = net_.out_links[i];
          const bool u_turn = net_.link_to_node[to] == net_.link_from_node[from];
          if (!u_turn || dead_end) allowed[from].push_back(to);
        }
      }
    }
    std::vector<std::vector<std::pair<Index, std::uint64_t>>> named_lanes(net_.link_count);
    for (const TurnSpec& turn : spec_.turns) {
      const auto [from, to] = resolve_turn(turn);
      allowed[from].push_back(to);
      if (turn.from_lanes != 0) named_lanes[from].emplace_back(to, turn.from_lanes);
    }
    for (const TurnSpec& turn : spec_.banned_turns) {
      const auto [from, to] = resolve_turn(turn);
      auto& list = allowed[from];
      list.erase(std::remove(list.begin(), list.end(), to), list.end());
    }
    net_.link_first_turn.push_back(0);
    std::vector<std::uint64_t> turn_lanes;
    for (Index from = 0; from < net_.link_count; ++from) {
      auto& list = allowed[from];
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
      for (Index to : list) {
        std::uint64_t lanes = 0;
        for (const auto& [named_to, named] : named_lanes[from]) {
          if (named_to == to) lanes |= named;
        }
        turn_lanes.push_back(lanes);
        net_.turn_from_link.push_back(from);
        net_.turn_to_link.push_back(to);
        net_.turn_penalty_s.push_back(
            changes_direction(net_, from, to) ? static_cast<float>(spec_.turn_penalty_s) : 0.0f);
      }
      net_.link_first_turn.push_back(static_cast<Index>(net_.turn_to_link.size()));
    }
    net_.turn_count = static_cast<Index>(net_.turn_to_link.size());
    build_lane_groups(net_, turn_lanes);
    net_.turn_from_lanes = std::move(turn_lanes);
  }

  void add_phase_windows(const SignalPlanSpec& plan, Index node, const SignalPhaseSpec& phase,
                         double start_s, std::vector<GreenWindow>& windows) const {
    const auto end_s = static_cast<float>(start_s + phase.duration_s);
    for (const TurnSpec& movement : phase.green) {
      const Index from = net_.find_link(movement.from_link);
      if (from == invalid_index || net_.link_to_node[from] != node) {
        fail(plan.where, "from_link",
             "signal plan '" + plan.id + "' at node '" + plan.node + "' names link '" +
                 movement.from_link + "', which does not enter that node");
      }
      for (Index t = net_.link_first_turn[from]; t < net_.link_first_turn[from + 1]; ++t) {
        if (movement.to_link.empty() ||
            net_.link_external_id[net_.turn_to_link[t]] == movement.to_link) {
          windows.push_back({t, static_cast<float>(start_s), end_s});
        }
      }
      if (!movement.to_link.empty() &&
          net_.find_turn(from, net_.find_link(movement.to_link)) == invalid_index) {
        fail(plan.where, "to_link",
             "signal plan '" + plan.id + "' gives green to the movement " + movement.from_link +
                 " -> " + movement.to_link + ", which is not an allowed turn");
      }
    }
  }

  void compile_signals() {
    net_.node_initial_plan.assign(net_.node_count, invalid_index);
    for (const SignalPlanSpec& plan : spec_.signal_plans) {
      const Index node = net_.find_node(plan.node);
      if (node == invalid_index) fail(plan.where, "node", "unknown node '" + plan.node + "'");
      if (plan.phases.empty())
        fail(plan.where, "phases", "signal plan '" + plan.id + "' has no phases");
      if (net_.signal_plans.find(node, plan.id) != invalid_index) {
        fail(plan.where, "id", "node '" + plan.node + "' has two plans named '" + plan.id + "'");
      }
      require_in(plan.where, "offset_s", valid::signal_offset_s, plan.offset_s);
      std::vector<GreenWindow> windows;
      double start_s = 0.0;
      for (const SignalPhaseSpec& phase : plan.phases) {
        require_in(plan.where, "duration_s", valid::signal_phase_s, phase.duration_s);
        add_phase_windows(plan, node, phase, start_s, windows);
        start_s += phase.duration_s;
      }
      const Index index =
          net_.signal_plans.add(plan.id, node, start_s, plan.offset_s, std::move(windows));
      if (plan.initial) {
        if (net_.node_initial_plan[node] != invalid_index) {
          fail(plan.where, "node",
               "node '" + plan.node + "' has more than one initial signal plan");
        }
        net_.node_initial_plan[node] = index;
      }
    }
  }

  const NetworkSpec& spec_;
  Network net_;
};

}  // namespace

Network compile_network(const NetworkSpec& spec) {
  return NetworkCompiler(spec).compile();
}

}  // namespace arteria
