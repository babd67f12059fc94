#include "routing/cch_query.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "base/rng.hpp"

namespace arteria {
namespace {

constexpr double unreachable = std::numeric_limits<double>::infinity();

// Memory the backward trees of one metric may take, estimated at one entry per level of the
// elimination tree (measured: 0.6 on Porto, 0.65 on grid_1m), each a label, its vertex, arc and
// ties' offset, and its tied arcs (2.6 per entry on grid_1m; take 3).
constexpr double max_tree_bytes = 1024.0 * 1024 * 1024;

}  // namespace

CchQuery::Search::Search(Index vertex_count)
    : label(vertex_count, unreachable),
      via_arc(vertex_count, invalid_index),
      stamp(vertex_count, 0),
      tie_count(vertex_count, 0),
      tie_head(vertex_count, invalid_index) {}

void CchQuery::Search::start() {
  if (++current == 0) {  // wrapped: clear the stamps once every 2^32 queries
    std::fill(stamp.begin(), stamp.end(), 0);
    current = 1;
  }
  starts.clear();
  swept.clear();
  tie_pool.clear();
}

// Hot: every relaxation. A single way stays implicit (via_arc, tie_head invalid); the list is
// built only when a second way ties.
inline void CchQuery::Search::offer(Index v, double cost, Index arc) {
  if (cost < label[v]) {
    const bool still_tied = cch_tied(label[v], cost);
    label[v] = cost;
    if (still_tied) {
      add_tie(v, arc);
      via_arc[v] = arc;
    } else {
      via_arc[v] = arc;
      tie_count[v] = 1;
      tie_head[v] = invalid_index;
    }
  } else if (cch_tied(cost, label[v])) {
    add_tie(v, arc);
  }
}

void CchQuery::Search::add_tie(Index v, Index arc) {
  if (tie_count[v] == 1 && tie_head[v] == invalid_index) {  // make the single way explicit
    tie_pool.emplace_back(via_arc[v], invalid_index);
    tie_head[v] = static_cast<Index>(tie_pool.size() - 1);
  }
  tie_pool.emplace_back(arc, tie_head[v]);
  tie_head[v] = static_cast<Index>(tie_pool.size() - 1);
  ++tie_count[v];
}

Index CchQuery::TieDraw::choose(Index ways, std::uint64_t place, int kind) const {
  const RandomPurpose purpose = kind == 0   ? RandomPurpose::route_tie_meeting
                                : kind == 1 ? RandomPurpose::route_tie_via
                                            : RandomPurpose::route_tie_way;
  return static_cast<Index>(random_bits(seed, trip, place, purpose) % ways);
}

CchQuery::CchQuery(const CchMetric& metric)
    : metric_(metric),
      topology_(metric.topology()),
      network_(metric.topology().network()),
      forward_(metric.topology().vertex_count()),
      backward_(metric.topology().vertex_count()) {}

void CchQuery::add_start(Search& search, Index v, double cost) const {
  search.starts.emplace_back(v, cost);
}

void CchQuery::collect_ancestors(Search& search) {
  frontier_.clear();
  for (const auto& start : search.starts) frontier_.push_back(start.first);
  while (!frontier_.empty()) {
    std::size_t lowest = 0;
    for (std::size_t i = 1; i < frontier_.size(); ++i) {
      if (frontier_[i] < frontier_[lowest]) lowest = i;
    }
    const Index u = frontier_[lowest];
    if (search.reached(u)) {  // another chain got here first and walks on from here
      frontier_[lowest] = frontier_.back();
      frontier_.pop_back();
      continue;
    }
    search.stamp[u] = search.current;
    search.label[u] = unreachable;
    search.via_arc[u] = invalid_index;
    search.tie_count[u] = 0;
    search.tie_head[u] = invalid_index;
    search.swept.push_back(u);
    frontier_[lowest] = topology_.parent(u);
    if (frontier_[lowest] == invalid_index) {
      frontier_[lowest] = frontier_.back();
      frontier_.pop_back();
    }
  }
  for (const auto& [v, cost] : search.starts) search.offer(v, cost, invalid_index);
}

void CchQuery::sweep_forward() {
  collect_ancestors(forward_);
  for (Index v : forward_.swept) {
    const double label = forward_.label[v];
    if (std::isinf(label)) continue;
    for (const CchSearchArc* a = metric_.search_up_begin(v); a != metric_.search_up_end(v); ++a) {
      forward_.offer(a->head, label + a->weight, a->arc);
    }
  }
}

void CchQuery::relax_backward(Index v, double label) {
  for (const CchSearchArc* a = metric_.search_down_begin(v); a != metric_.search_down_end(v); ++a) {
    backward_.offer(a->head, label + a->weight, a->arc);
  }
}

void CchQuery::note_meeting(Index where, Index v, double cost, double& best) {
  if (cost < best) {
    best = cost;
    meeting_ = v;
    meeting_where_ = where;
  }
  if (cch_tied(cost, best)) tied_meetings_.emplace_back(where, cost);
}

double CchQuery::sweep_backward() {
  collect_ancestors(backward_);
  tied_meetings_.clear();
  double best = unreachable;
  for (Index v : backward_.swept) {
    const double label = backward_.label[v];
    if (std::isinf(label)) continue;
    if (forward_.reached(v)) note_meeting(v, v, forward_.label[v] + label, best);
    // Paths on through v cost more than label; past the best (and its ties) they are useless.
    if (cch_tied(label, best)) relax_backward(v, label);
  }
  best_ = best;
  return best;
}

void CchQuery::forward_from_node(Index origin) {
  forward_.start();
  from_link_ = invalid_index;
  for (Index i = network_.node_first_out[origin]; i < network_.node_first_out[origin + 1]; ++i) {
    const Index v = topology_.vertex_of_link(network_.out_links[i]);
    if (v != invalid_index && !std::isinf(metric_.vertex_cost(v))) {
      add_start(forward_, v, metric_.vertex_cost(v));
    }
  }
  sweep_forward();
}

void CchQuery::forward_from_link(Index link) {
  // Equivalent to starting on `link` at cost 0: start on each link it turns into, at that
  // link's cost plus the turn's penalty (this also serves links that do not admit the modes
  // themselves).
  forward_.start();
  from_link_ = link;
  if (!network_.node_is_centroid[network_.link_to_node[link]]) {
    for (Index t = network_.link_first_turn[link]; t < network_.link_first_turn[link + 1]; ++t) {
      const Index next = network_.turn_to_link[t];
      const Index v = topology_.vertex_of_link(next);
      if (next != link && v != invalid_index && !std::isinf(metric_.vertex_cost(v))) {
        add_start(forward_, v, metric_.vertex_cost(v) + network_.turn_penalty_s[t]);
      }
    }
  }
  sweep_forward();
}

bool CchQuery::start_backward(Index destination) {
  meeting_ = invalid_index;
  tree_ = nullptr;
  ends_on_start_link_ =
      from_link_ != invalid_index && network_.link_to_node[from_link_] == destination;
  backward_.start();
  for (Index i = network_.node_first_in[destination]; i < network_.node_first_in[destination + 1];
       ++i) {
    const Index v = topology_.vertex_of_link(network_.in_links[i]);
    if (v != invalid_index) add_start(backward_, v, 0.0);
  }
  return !ends_on_start_link_;
}

double CchQuery::to_node(Index destination) {
  return start_backward(destination) ? sweep_backward() : 0.0;
}

void CchQuery::backward_tree(Index destination, BackwardTree& tree) {
  start_backward(destination);
  sweep_tree(tree);
}

bool CchQuery::backward_trees_pay(const CchTopology& topology, std::size_t queries,
                                  std::size_t targets) {
  const double tree_bytes = 1.0 * topology.level_count() * (sizeof(double) + 6 * sizeof(Index));
  return queries >= 2 * targets && static_cast<double>(targets) * tree_bytes <= max_tree_bytes;
}

void CchQuery::backward_tree_to_link(Index link, BackwardTree& tree) {
  backward_.start();
  add_start(backward_, topology_.vertex_of_link(link), 0.0);
  sweep_tree(tree);
}

void CchQuery::sweep_tree(BackwardTree& tree) {
  collect_ancestors(backward_);
  tree.vertex.clear();
  tree.label.clear();
  tree.via_arc.clear();
  tree.tie_first.clear();
  tree.ties.clear();
  for (Index v : backward_.swept) {
    const double label = backward_.label[v];
    if (std::isinf(label)) continue;
    relax_backward(v, label);
    tree.vertex.push_back(v);
    tree.label.push_back(label);
    tree.via_arc.push_back(backward_.via_arc[v]);
    // v's label is final (everything below it is swept), so its ties are too.
    tree.tie_first.push_back(static_cast<Index>(tree.ties.size()));
    if (backward_.tie_head[v] == invalid_index) tree.ties.push_back(backward_.via_arc[v]);
    for (Index t = backward_.tie_head[v]; t != invalid_index; t = backward_.tie_pool[t].second) {
      tree.ties.push_back(backward_.tie_pool[t].first);
    }
  }
  tree.tie_first.push_back(static_cast<Index>(tree.ties.size()));
}

double CchQuery::to_node(Index destination, const BackwardTree& tree) {
  return start_backward(destination) ? meet_tree(tree) : 0.0;
}

double CchQuery::to_link(Index link, const BackwardTree& tree) {
  meeting_ = invalid_index;
  ends_on_start_link_ = link == from_link_;
  return ends_on_start_link_ ? 0.0 : meet_tree(tree);
}

double CchQuery::meet_tree(const BackwardTree& tree) {
  // The tree stands in for the backward search; it is read in place (paths walk it by
  // position), since copying it costs as much as a trip's path.
  tree_ = &tree;
  tied_meetings_.clear();
  double best = unreachable;
  // Both vertex lists ascend: merged, so that only common vertices are looked up.
  const std::vector<Index>& forward = forward_.swept;
  std::size_t j = 0;
  for (Index i = 0; i < tree.vertex.size() && j < forward.size(); ++i) {
    const Index v = tree.vertex[i];
    while (j < forward.size() && forward[j] < v) ++j;
    if (j < forward.size() && forward[j] == v) {
      note_meeting(i, v, forward_.label[v] + tree.label[i], best);
    }
  }
  best_ = best;
  return best;
}

double CchQuery::from_node(Index origin, Index destination) {
  forward_from_node(origin);
  return to_node(destination);
}

double CchQuery::from_link(Index link, Index destination) {
  forward_from_link(link);
  return to_node(destination);
}

void CchQuery::unpack(Index arc, bool up, std::vector<Index>& links, const TieDraw& draw) const {
  const std::span<const CchWay> top = up ? metric_.up_ways(arc) : metric_.down_ways(arc);
  const CchWay* ways = metric_.ways();
  unpack_stack_.clear();
  unpack_stack_.emplace_back(static_cast<Index>(top.data() - ways), static_cast<Index>(top.size()));
  while (!unpack_stack_.empty()) {
    const auto [first, count] = unpack_stack_.back();
    unpack_stack_.pop_back();
    // An arc direction's ways start at a position of its own: the place of its draw.
    const Index drawn = draw.spread && count > 1 ? draw.choose(count, first, 2) : 0;
    const CchWay& way = ways[first + drawn];
    if (way.is_turn()) {
      links.push_back(way.up_first);
    } else {  // pushed in reverse order: the down half is walked first
      unpack_stack_.emplace_back(way.up_first, way.up_count);
      unpack_stack_.emplace_back(way.down_first, way.down_count);
    }
  }
}

Index CchQuery::draw_meeting(const TieDraw& draw) const {
  if (!draw.spread) return meeting_where_;
  const auto tied = [&](const std::pair<Index, double>& met) {
    return cch_tied(met.second, best_);
  };
  const auto ways =
      static_cast<Index>(std::count_if(tied_meetings_.begin(), tied_meetings_.end(), tied));
  if (ways <= 1) return meeting_where_;
  Index left = draw.choose(ways, 0, 0);
  for (const auto& met : tied_meetings_) {
    if (tied(met) && left-- == 0) return met.first;
  }
  return meeting_where_;
}

Index CchQuery::draw_via(const Search& search, bool forward, Index v, const TieDraw& draw) const {
  if (!draw.spread || search.tie_count[v] <= 1) return search.via_arc[v];
  Index t = search.tie_head[v];
  for (Index k = draw.choose(search.tie_count[v], place_of_via(v, forward), 1); k > 0; --k) {
    t = search.tie_pool[t].second;
  }
  return search.tie_pool[t].first;
}

Index CchQuery::draw_tree_via(Index i, const TieDraw& draw) const {
  const Index first = tree_->tie_first[i];
  const Index count = tree_->tie_first[i + 1] - first;
  if (!draw.spread || count <= 1) return tree_->via_arc[i];
  return tree_->ties[first + draw.choose(count, place_of_via(tree_->vertex[i], false), 1)];
}

bool CchQuery::append_path_drawn(std::vector<Index>& links, const TieDraw& draw) const {
  if (ends_on_start_link_) return true;
  if (meeting_ == invalid_index) return false;
  const Index meeting = draw_meeting(draw);
  // Forward half: arcs from the meeting vertex back to a start, then unpacked start first.
  arc_scratch_.clear();
  Index v = tree_ ? tree_->vertex[meeting] : meeting;
  for (Index a = draw_via(forward_, true, v, draw); a != invalid_index;
       a = draw_via(forward_, true, v, draw)) {
    arc_scratch_.push_back(a);
    v = topology_.arc_tail(a);
  }
  links.push_back(topology_.link_of_vertex(v));
  for (auto it = arc_scratch_.rbegin(); it != arc_scratch_.rend(); ++it) {
    unpack(*it, true, links, draw);
  }
  // Backward half: from the meeting vertex down to an in-link of the destination.
  if (tree_) {
    // Tree positions ascend with the vertices: the next one is found below the current.
    const auto begin = tree_->vertex.begin();
    for (Index i = meeting, a = draw_tree_via(i, draw); a != invalid_index;
         a = draw_tree_via(i, draw)) {
      unpack(a, false, links, draw);
      i = static_cast<Index>(std::lower_bound(begin, begin + i, topology_.arc_tail(a)) - begin);
    }
    return true;
  }
  v = meeting;
  for (Index a = draw_via(backward_, false, v, draw); a != invalid_index;
       a = draw_via(backward_, false, v, draw)) {
    unpack(a, false, links, draw);
    v = topology_.arc_tail(a);
  }
  return true;
}

bool CchQuery::append_path(std::vector<Index>& links) const {
  return append_path_drawn(links, TieDraw{});
}

bool CchQuery::append_spread_path(std::vector<Index>& links, std::uint64_t seed, Index trip) const {
  return append_path_drawn(links, TieDraw{.spread = true, .seed = seed, .trip = trip});
}

double CchQuery::to_link(Index link) {
  meeting_ = invalid_index;
  tree_ = nullptr;
  ends_on_start_link_ = link == from_link_;
  if (ends_on_start_link_) return 0.0;
  // The target's own cost is the weight of the arc into it (or its start cost), counted on the
  // forward side; from its downstream end nothing is left to pay.
  backward_.start();
  add_start(backward_, topology_.vertex_of_link(link), 0.0);
  return sweep_backward();
}

}  // namespace arteria
