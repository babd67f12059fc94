#include "routing/cch_metric.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>

namespace arteria {
namespace {

constexpr double unreachable = std::numeric_limits<double>::infinity();

void count_way(std::uint8_t& ways) {
  if (ways < 255) ++ways;
}

}  // namespace

CchMetric::CchMetric(const CchTopology& topology)
    : topology_(topology),
      vertex_cost_(topology.vertex_count(), unreachable),
      up_weight_(topology.arc_count(), unreachable),
      down_weight_(topology.arc_count(), unreachable),
      up_via_(2 * static_cast<std::size_t>(topology.arc_count()), invalid_index),
      down_via_(2 * static_cast<std::size_t>(topology.arc_count()), invalid_index),
      up_ways_(topology.arc_count(), 0),
      down_ways_(topology.arc_count(), 0) {}

void CchMetric::customize_vertex(Index v) {
  const CchTopology& t = topology_;
  const Index first = t.first_up(v);
  const Index end = t.first_up(v + 1);
  for (Index a = first; a < end; ++a) {
    up_weight_[a] = t.up_input_link(a) == invalid_index ? unreachable : vertex_cost_[t.arc_head(a)];
    down_weight_[a] = t.down_input_link(a) == invalid_index ? unreachable : vertex_cost_[v];
    up_via_[2 * a] = up_via_[2 * a + 1] = invalid_index;
    down_via_[2 * a] = down_via_[2 * a + 1] = invalid_index;
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
      const double via_up = v_to_w + up_weight_[wx];
      if (via_up < up_weight_[vx]) {
        up_weight_[vx] = via_up;
        up_via_[2 * vx] = wv;
        up_via_[2 * vx + 1] = wx;
      }
      const double via_down = down_weight_[wx] + w_to_v;
      if (via_down < down_weight_[vx]) {
        down_weight_[vx] = via_down;
        down_via_[2 * vx] = wv;
        down_via_[2 * vx + 1] = wx;
      }
    }
  }
}

// The same walk as customize_vertex, once the weights are final: which ways tie with them.
void CchMetric::count_ways(Index v) {
  const CchTopology& t = topology_;
  const Index first = t.first_up(v);
  const Index end = t.first_up(v + 1);
  for (Index a = first; a < end; ++a) {
    up_ways_[a] = std::isinf(up_weight_[a]) ? 0 : 1;  // the minimum itself
    down_ways_[a] = std::isinf(down_weight_[a]) ? 0 : 1;
    // The minimum is a triangle: the turn, when there is one, is another way if tied.
    if (up_via_[2 * a] != invalid_index && t.up_input_link(a) != invalid_index &&
        cch_tied(vertex_cost_[t.arc_head(a)], up_weight_[a])) {
      count_way(up_ways_[a]);
    }
    if (down_via_[2 * a] != invalid_index && t.down_input_link(a) != invalid_index &&
        cch_tied(vertex_cost_[v], down_weight_[a])) {
      count_way(down_ways_[a]);
    }
  }
  for (Index entry = t.first_down(v); entry < t.first_down(v + 1); ++entry) {
    const Index wv = t.down_arc(entry);
    const Index w = t.arc_tail(wv);
    Index vx = first;
    for (Index wx = wv + 1; wx < t.first_up(w + 1); ++wx) {
      const Index x = t.arc_head(wx);
      while (t.arc_head(vx) != x) ++vx;
      if (up_via_[2 * vx] != wv && cch_tied(down_weight_[wv] + up_weight_[wx], up_weight_[vx])) {
        count_way(up_ways_[vx]);
      }
      if (down_via_[2 * vx] != wv &&
          cch_tied(down_weight_[wx] + up_weight_[wv], down_weight_[vx])) {
        count_way(down_ways_[vx]);
      }
    }
  }
}

void CchMetric::customize(const float* link_cost_s) {
  const CchTopology& t = topology_;
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
}

}  // namespace arteria
