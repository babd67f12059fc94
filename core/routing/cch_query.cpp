#include "routing/cch_query.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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
  swept.clear();
}

CchQuery::CchQuery(const CchMetric& metric)
    : metric_(metric),
      topology_(metric.topology()),
      network_(metric.topology().network()),
      forward_(metric.topology().vertex_count()),
      backward_(metric.topology().vertex_count()) {}

void CchQuery::add_start(Search& search, Index v, double cost) {
  for (Index u = v; u != invalid_index && !search.reached(u); u = topology_.parent(u)) {
    search.stamp[u] = search.current;
    search.label[u] = unreachable;
    search.via_arc[u] = invalid_index;
    search.swept.push_back(u);
  }
  search.label[v] = std::min(search.label[v], cost);
}

void CchQuery::sweep_forward() {
  std::sort(forward_.swept.begin(), forward_.swept.end());
  for (Index v : forward_.swept) {
    const double label = forward_.label[v];
    if (std::isinf(label)) continue;
    for (Index a = topology_.first_up(v); a < topology_.first_up(v + 1); ++a) {
      const Index x = topology_.arc_head(a);
      const double cost = label + metric_.up_weight(a);
      if (cost < forward_.label[x]) {
        forward_.label[x] = cost;
        forward_.via_arc[x] = a;
      }
    }
  }
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

double CchQuery::to_node(Index destination) {
  meeting_ = invalid_index;
  ends_on_start_link_ =
      from_link_ != invalid_index && network_.link_to_node[from_link_] == destination;
  if (ends_on_start_link_) return 0.0;
  backward_.start();
  for (Index i = network_.node_first_in[destination]; i < network_.node_first_in[destination + 1];
       ++i) {
    const Index v = topology_.vertex_of_link(network_.in_links[i]);
    if (v != invalid_index) add_start(backward_, v, 0.0);
  }
  return sweep_backward();
}

double CchQuery::from_node(Index origin, Index destination) {
  forward_from_node(origin);
  return to_node(destination);
}

double CchQuery::from_link(Index link, Index destination) {
  forward_from_link(link);
  return to_node(destination);
}

void CchQuery::unpack(Index arc, bool up, std::vector<Index>& links) const {
  unpack_stack_.clear();
  unpack_stack_.emplace_back(arc, up);
  while (!unpack_stack_.empty()) {
    const auto [a, is_up] = unpack_stack_.back();
    unpack_stack_.pop_back();
    const Index tail = topology_.arc_tail(a);
    const Index head = topology_.arc_head(a);
    const Index middle = is_up ? metric_.up_middle(a) : metric_.down_middle(a);
    if (middle == invalid_index) {
      links.push_back(topology_.link_of_vertex(is_up ? head : tail));
      continue;
    }
    // tail -> middle -> head (up) or head -> middle -> tail (down); middle is below both, so
    // each half is an arc from middle, walked down then up. Pushed in reverse order.
    const Index to_tail = topology_.find_arc(middle, tail);
    const Index to_head = topology_.find_arc(middle, head);
    if (is_up) {
      unpack_stack_.emplace_back(to_head, true);
      unpack_stack_.emplace_back(to_tail, false);
    } else {
      unpack_stack_.emplace_back(to_tail, true);
      unpack_stack_.emplace_back(to_head, false);
    }
  }
}

bool CchQuery::append_path(std::vector<Index>& links) const {
  if (ends_on_start_link_) return true;
  if (meeting_ == invalid_index) return false;
  // Forward half: arcs from the meeting vertex back to a start, then unpacked start first.
  arc_scratch_.clear();
  Index v = meeting_;
  for (; forward_.via_arc[v] != invalid_index; v = topology_.arc_tail(forward_.via_arc[v])) {
    arc_scratch_.push_back(forward_.via_arc[v]);
  }
  links.push_back(topology_.link_of_vertex(v));
  for (auto it = arc_scratch_.rbegin(); it != arc_scratch_.rend(); ++it) unpack(*it, true, links);
  // Backward half: from the meeting vertex down to an in-link of the destination.
  for (v = meeting_; backward_.via_arc[v] != invalid_index;) {
    const Index a = backward_.via_arc[v];
    unpack(a, false, links);
    v = topology_.arc_tail(a);
  }
  return true;
}

double CchQuery::sweep_backward() {
  std::sort(backward_.swept.begin(), backward_.swept.end());
  double best = unreachable;
  for (Index v : backward_.swept) {
    const double label = backward_.label[v];
    if (std::isinf(label)) continue;
    if (forward_.reached(v) && forward_.label[v] + label < best) {
      best = forward_.label[v] + label;
      meeting_ = v;
    }
    for (Index a = topology_.first_up(v); a < topology_.first_up(v + 1); ++a) {
      const Index x = topology_.arc_head(a);
      const double cost = label + metric_.down_weight(a);
      if (cost < backward_.label[x]) {
        backward_.label[x] = cost;
        backward_.via_arc[x] = a;
      }
    }
  }
  return best;
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
