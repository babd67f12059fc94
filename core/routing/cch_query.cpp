#include "routing/cch_query.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/rng.hpp"

namespace arteria {
namespace {

constexpr double unreachable = std::numeric_limits<double>::infinity();

}  // namespace

CchQuery::Search::Search(Index vertex_count)
    : label(vertex_count, unreachable),
      via_arc(vertex_count, invalid_index),
      stamp(vertex_count, 0) {}

void CchQuery::Search::start() {
  if (++current == 0) {  // wrapped: clear the stamps once every 2^32 queries
    std::fill(stamp.begin(), stamp.end(), 0);
    current = 1;
  }
  starts.clear();
  swept.clear();
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
    search.swept.push_back(u);
    frontier_[lowest] = topology_.parent(u);
    if (frontier_[lowest] == invalid_index) {
      frontier_[lowest] = frontier_.back();
      frontier_.pop_back();
    }
  }
  for (const auto& [v, cost] : search.starts) search.label[v] = std::min(search.label[v], cost);
}

void CchQuery::sweep_forward() {
  collect_ancestors(forward_);
  for (Index v : forward_.swept) {
    const double label = forward_.label[v];
    if (std::isinf(label)) continue;
    for (const CchSearchArc* a = metric_.search_up_begin(v); a != metric_.search_up_end(v); ++a) {
      const double cost = label + a->weight;
      if (cost < forward_.label[a->head]) {
        forward_.label[a->head] = cost;
        forward_.via_arc[a->head] = a->arc;
      }
    }
  }
}

void CchQuery::relax_backward(Index v, double label) {
  for (const CchSearchArc* a = metric_.search_down_begin(v); a != metric_.search_down_end(v); ++a) {
    const double cost = label + a->weight;
    if (cost < backward_.label[a->head]) {
      backward_.label[a->head] = cost;
      backward_.via_arc[a->head] = a->arc;
    }
  }
}

double CchQuery::sweep_backward() {
  collect_ancestors(backward_);
  double best = unreachable;
  for (Index v : backward_.swept) {
    const double label = backward_.label[v];
    if (std::isinf(label)) continue;
    if (forward_.reached(v) && forward_.label[v] + label < best) {
      best = forward_.label[v] + label;
      meeting_ = v;
    }
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
  // link's cost (this also serves links that do not admit the modes themselves).
  forward_.start();
  from_link_ = link;
  if (!network_.node_is_centroid[network_.link_to_node[link]]) {
    for (Index t = network_.link_first_turn[link]; t < network_.link_first_turn[link + 1]; ++t) {
      const Index next = network_.turn_to_link[t];
      const Index v = topology_.vertex_of_link(next);
      if (next != link && v != invalid_index && !std::isinf(metric_.vertex_cost(v))) {
        add_start(forward_, v, metric_.vertex_cost(v));
      }
    }
  }
  sweep_forward();
}

bool CchQuery::start_backward(Index destination) {
  meeting_ = invalid_index;
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
  collect_ancestors(backward_);
  tree.vertex.clear();
  tree.label.clear();
  tree.via_arc.clear();
  for (Index v : backward_.swept) {
    const double label = backward_.label[v];
    if (std::isinf(label)) continue;
    relax_backward(v, label);
    tree.vertex.push_back(v);
    tree.label.push_back(label);
    tree.via_arc.push_back(backward_.via_arc[v]);
  }
}

double CchQuery::to_node(Index destination, const BackwardTree& tree) {
  if (!start_backward(destination)) return 0.0;
  // The tree's vertices become the backward search (the others read as unreached).
  double best = unreachable;
  for (std::size_t i = 0; i < tree.vertex.size(); ++i) {
    const Index v = tree.vertex[i];
    backward_.stamp[v] = backward_.current;
    backward_.label[v] = tree.label[i];
    backward_.via_arc[v] = tree.via_arc[i];
    backward_.swept.push_back(v);
    if (forward_.reached(v) && forward_.label[v] + tree.label[i] < best) {
      best = forward_.label[v] + tree.label[i];
      meeting_ = v;
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

bool CchQuery::push_drawn_way(Index arc, bool up, const TieDraw& draw) const {
  const CchTopology& t = topology_;
  const Index tail = t.arc_tail(arc);
  const Index head = t.arc_head(arc);
  const double weight = up ? metric_.up_weight(arc) : metric_.down_weight(arc);
  const Index ways = up ? metric_.up_ways(arc) : metric_.down_ways(arc);
  Index left = draw.choose(ways, 2 * static_cast<std::uint64_t>(arc) + (up ? 1 : 0), 2);
  // The ways in customization's order: the turn, then lower triangles by ascending w, found by
  // merging the lower neighbours of tail and head (both ascend).
  const bool turn =
      up ? t.up_input_link(arc) != invalid_index : t.down_input_link(arc) != invalid_index;
  if (turn && cch_tied(metric_.vertex_cost(up ? head : tail), weight)) {
    if (left == 0) return false;
    --left;
  }
  Index i = t.first_down(tail);
  for (Index j = t.first_down(head); i < t.first_down(tail + 1) && j < t.first_down(head + 1);) {
    const Index wt = t.down_arc(i);
    const Index wh = t.down_arc(j);
    if (t.arc_tail(wt) < t.arc_tail(wh)) {
      ++i;
    } else if (t.arc_tail(wh) < t.arc_tail(wt)) {
      ++j;
    } else {
      const double via = up ? metric_.down_weight(wt) + metric_.up_weight(wh)
                            : metric_.down_weight(wh) + metric_.up_weight(wt);
      if (cch_tied(via, weight) && left-- == 0) {
        if (up) {
          unpack_stack_.emplace_back(wh, true);
          unpack_stack_.emplace_back(wt, false);
        } else {
          unpack_stack_.emplace_back(wt, true);
          unpack_stack_.emplace_back(wh, false);
        }
        return true;
      }
      ++i;
      ++j;
    }
  }
  return false;  // unreachable while the counts match the enumeration
}

void CchQuery::unpack(Index arc, bool up, std::vector<Index>& links, const TieDraw& draw) const {
  unpack_stack_.clear();
  unpack_stack_.emplace_back(arc, up);
  while (!unpack_stack_.empty()) {
    const auto [a, is_up] = unpack_stack_.back();
    unpack_stack_.pop_back();
    const Index tail = topology_.arc_tail(a);
    const Index head = topology_.arc_head(a);
    if (draw.spread && (is_up ? metric_.up_ways(a) : metric_.down_ways(a)) > 1) {
      if (!push_drawn_way(a, is_up, draw))
        links.push_back(topology_.link_of_vertex(is_up ? head : tail));
      continue;
    }
    const Index to_tail = is_up ? metric_.up_via_tail_arc(a) : metric_.down_via_tail_arc(a);
    const Index to_head = is_up ? metric_.up_via_head_arc(a) : metric_.down_via_head_arc(a);
    if (to_tail == invalid_index) {
      links.push_back(topology_.link_of_vertex(is_up ? head : tail));
      continue;
    }
    // tail -> w -> head (up) or head -> w -> tail (down); w is below both, so each half is an
    // arc from w, walked down then up. Pushed in reverse order.
    if (is_up) {
      unpack_stack_.emplace_back(to_head, true);
      unpack_stack_.emplace_back(to_tail, false);
    } else {
      unpack_stack_.emplace_back(to_tail, true);
      unpack_stack_.emplace_back(to_head, false);
    }
  }
}

Index CchQuery::draw_meeting(const TieDraw& draw) const {
  if (!draw.spread) return meeting_;
  Index ways = 0;
  const auto tied = [&](Index v) {
    return forward_.reached(v) && cch_tied(forward_.label[v] + backward_.label[v], best_);
  };
  for (Index v : backward_.swept) ways += tied(v) ? 1 : 0;
  if (ways <= 1) return meeting_;
  Index left = draw.choose(ways, 0, 0);
  for (Index v : backward_.swept) {
    if (tied(v) && left-- == 0) return v;
  }
  return meeting_;
}

Index CchQuery::draw_via(const Search& search, bool forward, Index v, const TieDraw& draw) const {
  if (!draw.spread) return search.via_arc[v];
  const double label = search.label[v];
  bool start = false;
  for (const auto& [s, cost] : search.starts) start = start || (s == v && cch_tied(cost, label));
  const auto tied = [&](Index arc) {
    const Index u = topology_.arc_tail(arc);
    const double weight = forward ? metric_.up_weight(arc) : metric_.down_weight(arc);
    return search.reached(u) && cch_tied(search.label[u] + weight, label);
  };
  Index ways = start ? 1 : 0;
  for (Index e = topology_.first_down(v); e < topology_.first_down(v + 1); ++e) {
    ways += tied(topology_.down_arc(e)) ? 1 : 0;
  }
  if (ways <= 1) return search.via_arc[v];
  Index left = draw.choose(ways, 2 * static_cast<std::uint64_t>(v) + (forward ? 1 : 0), 1);
  if (start && left-- == 0) return invalid_index;
  for (Index e = topology_.first_down(v); e < topology_.first_down(v + 1); ++e) {
    if (tied(topology_.down_arc(e)) && left-- == 0) return topology_.down_arc(e);
  }
  return search.via_arc[v];
}

bool CchQuery::append_path_drawn(std::vector<Index>& links, const TieDraw& draw) const {
  if (ends_on_start_link_) return true;
  if (meeting_ == invalid_index) return false;
  const Index meeting = draw_meeting(draw);
  // Forward half: arcs from the meeting vertex back to a start, then unpacked start first.
  arc_scratch_.clear();
  Index v = meeting;
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
  ends_on_start_link_ = link == from_link_;
  if (ends_on_start_link_) return 0.0;
  // The target's own cost is the weight of the arc into it (or its start cost), counted on the
  // forward side; from its downstream end nothing is left to pay.
  backward_.start();
  add_start(backward_, topology_.vertex_of_link(link), 0.0);
  return sweep_backward();
}

}  // namespace arteria
