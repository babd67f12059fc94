#include "routing/cch_metric.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace arteria {
namespace {

constexpr double unreachable = std::numeric_limits<double>::infinity();

}  // namespace

CchMetric::CchMetric(const CchTopology& topology)
    : topology_(topology),
      vertex_cost_(topology.vertex_count(), unreachable),
      up_weight_(topology.arc_count(), unreachable),
      down_weight_(topology.arc_count(), unreachable),
      up_way_first_(topology.arc_count() + 1, 0),
      down_way_first_(topology.arc_count() + 1, 0),
      kept_(topology.arc_count(), 0),
      up_first_(topology.vertex_count() + 1, 0),
      down_first_(topology.vertex_count() + 1, 0) {}

template <class Visit>
void CchMetric::for_each_way(Index v, const Visit& visit) const {
  const CchTopology& t = topology_;
  const Index first = t.first_up(v);
  const Index end = t.first_up(v + 1);
  for (Index a = first; a < end; ++a) {
    const Index head = t.arc_head(a);
    visit(a, true, invalid_index, t.link_of_vertex(head),
          t.up_input_link(a) == invalid_index ? unreachable
                                              : vertex_cost_[head] + t.up_input_penalty_s(a));
    visit(a, false, invalid_index, t.link_of_vertex(v),
          t.down_input_link(a) == invalid_index ? unreachable
                                                : vertex_cost_[v] + t.down_input_penalty_s(a));
  }
  for (Index entry = t.first_down(v); entry < t.first_down(v + 1); ++entry) {
    const Index wv = t.down_arc(entry);  // arc (w, v), w below v
    const Index w = t.arc_tail(wv);
    const double v_to_w = down_weight_[wv];
    const double w_to_v = up_weight_[wv];
    // w's upward neighbours above v are upward neighbours of v too (the graph is chordal);
    // both lists ascend, so one pass pairs arc (w, x) with arc (v, x).
    Index vx = first;
    for (Index wx = wv + 1; wx < t.first_up(w + 1); ++wx) {
      const Index x = t.arc_head(wx);
      while (t.arc_head(vx) != x) ++vx;
      visit(vx, true, wv, wx, v_to_w + up_weight_[wx]);     // v -> w -> x
      visit(vx, false, wx, wv, down_weight_[wx] + w_to_v);  // x -> w -> v
    }
  }
}

void CchMetric::customize_vertex(Index v) {
  for (Index a = topology_.first_up(v); a < topology_.first_up(v + 1); ++a) {
    up_weight_[a] = down_weight_[a] = unreachable;
  }
  // Strict minimum: the first of equal ways wins, as in every later pass.
  for_each_way(v, [&](Index arc, bool up, Index, Index, double length) {
    double& weight = up ? up_weight_[arc] : down_weight_[arc];
    if (length < weight) weight = length;
  });
}

void CchMetric::count_ways(Index v) {
  for (Index a = topology_.first_up(v); a < topology_.first_up(v + 1); ++a) {
    up_way_first_[a + 1] = down_way_first_[a + 1] = 0;
  }
  for_each_way(v, [&](Index arc, bool up, Index, Index, double length) {
    if (cch_tied(length, up ? up_weight_[arc] : down_weight_[arc])) {
      ++(up ? up_way_first_ : down_way_first_)[arc + 1];
    }
  });
}

void CchMetric::fill_ways(Index v, std::vector<Index>& up_next, std::vector<Index>& down_next) {
  const auto range_of = [&](Index arc, bool up) {
    const std::vector<Index>& first = up ? up_way_first_ : down_way_first_;
    return std::make_pair(first[arc], first[arc + 1] - first[arc]);
  };
  for_each_way(v, [&](Index arc, bool up, Index down_arc, Index up_arc, double length) {
    if (!cch_tied(length, up ? up_weight_[arc] : down_weight_[arc])) return;
    CchWay& way = ways_[(up ? up_next : down_next)[arc]++];
    if (down_arc == invalid_index) {
      way = {0, 0, up_arc, 0};
    } else {
      const auto [down_first, down_count] = range_of(down_arc, false);
      const auto [up_first, up_count] = range_of(up_arc, true);
      way = {down_first, down_count, up_first, up_count};
    }
  });
}

void CchMetric::collect_ways() {
  const CchTopology& t = topology_;
  const Index arcs = t.arc_count();
  // Counts (at arc + 1) become the start of each arc's range of ways: up directions, then down.
  Index total = 0;
  for (std::vector<Index>* first : {&up_way_first_, &down_way_first_}) {
    (*first)[0] = total;
    for (Index a = 0; a < arcs; ++a) {
      total += (*first)[a + 1];
      (*first)[a + 1] = total;
    }
  }
  ways_.resize(total);
  std::vector<Index> up_next(up_way_first_.begin(), up_way_first_.end() - 1);
  std::vector<Index> down_next(down_way_first_.begin(), down_way_first_.end() - 1);
  tbb::parallel_for(Index{0}, t.vertex_count(), [&](Index v) { fill_ways(v, up_next, down_next); });
}

void CchMetric::perfect_vertex(Index x) {
  const CchTopology& t = topology_;
  const Index first = t.first_up(x);
  const Index end = t.first_up(x + 1);
  if (!perfect_) {  // every finite arc direction is searched
    for (Index a = first; a < end; ++a) {
      kept_[a] = static_cast<std::uint8_t>((std::isinf(up_weight_[a]) ? 0 : 1) |
                                           (std::isinf(down_weight_[a]) ? 0 : 2));
    }
    return;
  }
  double* up = perfect_up_.data();
  double* down = perfect_down_.data();
  for (Index a = first; a < end; ++a) {
    up[a] = up_weight_[a];
    down[a] = down_weight_[a];
  }
  // Every pair y < z of upper neighbours of x, with the (already perfect) arc b = (y, z).
  const auto for_pairs = [&](const auto& visit) {
    for (Index xy = first; xy < end; ++xy) {
      const Index y = t.arc_head(xy);
      Index b = t.first_up(y);
      for (Index xz = xy + 1; xz < end; ++xz) {
        while (t.arc_head(b) != t.arc_head(xz)) ++b;
        visit(xy, xz, b);
      }
    }
  };
  for_pairs([&](Index xy, Index xz, Index b) {
    up[xz] = std::min(up[xz], up[xy] + up[b]);          // x -> y -> z
    down[xz] = std::min(down[xz], down[b] + down[xy]);  // z -> y -> x
    up[xy] = std::min(up[xy], up[xz] + down[b]);        // x -> z -> y
    down[xy] = std::min(down[xy], up[b] + down[xz]);    // y -> z -> x
  });
  for (Index a = first; a < end; ++a) {
    kept_[a] =
        static_cast<std::uint8_t>((!std::isinf(up[a]) && up[a] == up_weight_[a] ? 1 : 0) |
                                  (!std::isinf(down[a]) && down[a] == down_weight_[a] ? 2 : 0));
  }
  // Ways through the other vertex of the triangle: both halves positive and no longer.
  const auto replaces = [](double first_half, double second_half, double weight) {
    return first_half > 0.0 && second_half > 0.0 && first_half + second_half <= weight;
  };
  for_pairs([&](Index xy, Index xz, Index b) {
    if (replaces(up[xy], up[b], up[xz])) kept_[xz] &= 2;
    if (replaces(down[b], down[xy], down[xz])) kept_[xz] &= 1;
    if (replaces(up[xz], down[b], up[xy])) kept_[xy] &= 2;
    if (replaces(up[b], down[xz], down[xy])) kept_[xy] &= 1;
  });
}

void CchMetric::build_search_graph() {
  const CchTopology& t = topology_;
  const Index n = t.vertex_count();
  // Up arcs are listed at their tail, down arcs (head -> tail) at their tail too: the backward
  // search reaches the head from the tail, as the forward search does with up arcs.
  for (Index v = 0; v < n; ++v) {
    Index ups = 0;
    Index downs = 0;
    for (Index a = t.first_up(v); a < t.first_up(v + 1); ++a) {
      ups += kept_[a] & 1;
      downs += kept_[a] >> 1;
    }
    up_first_[v + 1] = up_first_[v] + ups;
    down_first_[v + 1] = down_first_[v] + downs;
  }
  up_search_.resize(up_first_[n]);
  down_search_.resize(down_first_[n]);
  tbb::parallel_for(Index{0}, n, [&](Index v) {
    Index up = up_first_[v];
    Index down = down_first_[v];
    for (Index a = t.first_up(v); a < t.first_up(v + 1); ++a) {
      if (kept_[a] & 1) up_search_[up++] = {t.arc_head(a), a, up_weight_[a]};
      if (kept_[a] & 2) down_search_[down++] = {t.arc_head(a), a, down_weight_[a]};
    }
  });
}

void CchMetric::customize(const float* link_cost_s, bool perfect) {
  const CchTopology& t = topology_;
  perfect_ = perfect;
  // The perfect pass's scratch (two doubles per arc) exists only while it is used.
  perfect_up_.resize(perfect ? t.arc_count() : 0);
  perfect_down_.resize(perfect ? t.arc_count() : 0);
  perfect_up_.shrink_to_fit();
  perfect_down_.shrink_to_fit();
  for (Index v = 0; v < t.vertex_count(); ++v) {
    vertex_cost_[v] = link_cost_s[t.link_of_vertex(v)];
  }
  const std::vector<Index>& vertices = t.level_vertices();
  for (Index h = 0; h < t.level_count(); ++h) {
    tbb::parallel_for(t.level_first(h), t.level_first(h + 1), [&](Index i) {
      customize_vertex(vertices[i]);
      count_ways(vertices[i]);
    });
  }
  collect_ways();
  for (Index h = t.level_count(); h-- > 0;) {
    tbb::parallel_for(t.level_first(h), t.level_first(h + 1),
                      [&](Index i) { perfect_vertex(vertices[i]); });
  }
  build_search_graph();
}

}  // namespace arteria
