#include "routing/inertial_flow.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <numeric>

namespace arteria {
namespace {

// Share of the vertices tied to the source and to the sink: the cut falls in the middle half, so
// neither side has fewer than a quarter of the vertices (Schild & Sommer use 0.2-0.25).
constexpr double terminal_share = 0.25;

// Where a vertex stands in one flow problem.
// `tied`: a middle vertex with an arc from the source (a source vertex next to a sink vertex,
// which contraction could not separate from it).
enum class Side : std::uint8_t { middle, tied, source, sink };

// Where a vertex ends up once the cut is found.
enum class Part : std::uint8_t { source_side, cut, sink_side };

bool in_middle(Side side) {
  return side == Side::middle || side == Side::tied;
}

// Maximum flow on the vertex-split graph of a PlaneGraph: a middle vertex v becomes
// in(v) = 2v -> out(v) = 2v+1 with its weight as capacity, an edge between middle vertices u-v
// becomes out(u) -> in(v) and out(v) -> in(u) with unbounded capacity. Source and sink vertices
// are contracted into the source and sink (the last two flow nodes), which halves the graph
// the searches walk: the source has an arc into every middle vertex next to a source vertex,
// every middle vertex next to a sink vertex an arc into the sink.
//
// Augmenting paths are found one at a time by depth-first search, each vertex trying the sink
// first and then its neighbours furthest along the direction (toward the sink): on a road
// network most paths are found after a short walk, where rounds that exhaust the residual graph
// (or Dinic's phases, one per path length) walk all of it per path or two. Whatever the order of
// the searches, the vertices the source reaches once the flow is maximum are the same (the
// source-side minimum cut is unique), so the cut does not depend on it.
class VertexCutFlow {
 public:
  VertexCutFlow(const PlaneGraph& graph, const std::vector<Side>& side,
                const std::vector<Index>& weight, const std::vector<double>& projection)
      : vertex_count_(graph.size()), source_(2 * graph.size()), sink_(2 * graph.size() + 1) {
    std::int32_t total = 0;
    for (Index w : weight) total += static_cast<std::int32_t>(w);
    const std::int32_t unbounded = total + 1;
    // Arcs per flow node first (each edge gives a forward arc at its tail and a reverse arc,
    // capacity 0, at its head), then the edges in the order the searches should try them.
    const Index nodes = sink_ + 1;
    first_.assign(nodes + 1, 0);
    std::vector<std::uint8_t> to_source(vertex_count_, 0);
    std::vector<std::uint8_t> to_sink(vertex_count_, 0);
    for (Index v = 0; v < vertex_count_; ++v) {
      if (!in_middle(side[v])) continue;
      to_source[v] = side[v] == Side::tied;
      Index middle = 0;
      for (Index i = graph.first[v]; i < graph.first[v + 1]; ++i) {
        const Side w = side[graph.adjacent[i]];
        if (in_middle(w)) ++middle;
        to_source[v] = to_source[v] || w == Side::source;
        to_sink[v] = to_sink[v] || w == Side::sink;
      }
      first_[2 * v + 1] += 1 + middle + to_source[v];  // in(v): split arc, reverse arcs
      first_[2 * v + 2] += 1 + middle + to_sink[v];    // out(v): reverse split arc, arcs out
      first_[source_ + 1] += to_source[v];
      first_[sink_ + 1] += to_sink[v];
    }
    for (Index u = 0; u < nodes; ++u) first_[u + 1] += first_[u];
    head_.resize(first_[nodes]);
    residual_.resize(first_[nodes]);
    reverse_.resize(first_[nodes]);
    std::vector<Index> fill(first_.begin(), first_.end() - 1);
    const auto add = [&](Index from, Index to, std::int32_t capacity) {
      const Index forward = fill[from]++;
      const Index backward = fill[to]++;
      head_[forward] = to;
      residual_[forward] = capacity;
      reverse_[forward] = backward;
      head_[backward] = from;
      residual_[backward] = 0;
      reverse_[backward] = forward;
    };
    std::vector<Index> toward_sink;
    for (Index v = 0; v < vertex_count_; ++v) {
      if (!in_middle(side[v])) continue;
      add(2 * v, 2 * v + 1, static_cast<std::int32_t>(weight[v]));
      if (to_sink[v]) add(2 * v + 1, sink_, unbounded);
      toward_sink.clear();
      for (Index i = graph.first[v]; i < graph.first[v + 1]; ++i) {
        if (in_middle(side[graph.adjacent[i]])) toward_sink.push_back(graph.adjacent[i]);
      }
      std::sort(toward_sink.begin(), toward_sink.end(), [&](Index a, Index b) {
        return projection[a] != projection[b] ? projection[a] > projection[b] : a < b;
      });
      for (Index w : toward_sink) add(2 * v + 1, 2 * w, unbounded);
      if (to_source[v]) add(source_, 2 * v, unbounded);
    }
    current_.resize(nodes);
    seen_.assign(nodes, 0);
  }

  // Augments until the flow is maximum (true) or exceeds `limit` (false: the cut cannot win).
  bool maximise(std::int64_t limit) {
    while (augment()) {
      if (flow_ > limit) return false;
    }
    return true;
  }

  // After maximise(): per vertex its part, the source side, the cut or the sink side. The cut
  // is the vertices whose split arc is saturated between the flow nodes the source reaches in the
  // residual graph and the rest; the last search, which found no path, marked those it reached.
  std::vector<Part> parts(const std::vector<Side>& side) const {
    std::vector<Part> part(vertex_count_, Part::sink_side);
    for (Index v = 0; v < vertex_count_; ++v) {
      if (!in_middle(side[v])) {
        if (side[v] == Side::source) part[v] = Part::source_side;
        continue;
      }
      const bool in_reached = seen_[2 * v] == stamp_;
      const bool out_reached = seen_[2 * v + 1] == stamp_;
      if (in_reached && !out_reached) part[v] = Part::cut;
      if (out_reached) part[v] = Part::source_side;
    }
    return part;
  }

 private:
  // One depth-first search from the source over arcs with residual capacity, each flow node
  // visited at most once (marked with this search's stamp, so nothing is cleared between
  // searches); on reaching the sink, pushes the path's bottleneck along it. False when the sink
  // is out of reach.
  bool augment() {
    ++stamp_;
    path_.clear();
    Index u = source_;
    seen_[u] = stamp_;
    current_[u] = first_[u];
    while (u != sink_) {
      Index& a = current_[u];
      while (a < first_[u + 1] && (residual_[a] <= 0 || seen_[head_[a]] == stamp_)) ++a;
      if (a == first_[u + 1]) {
        if (path_.empty()) return false;
        u = head_[reverse_[path_.back()]];
        path_.pop_back();
        continue;
      }
      u = head_[a];
      seen_[u] = stamp_;
      current_[u] = first_[u];
      path_.push_back(a);
    }
    std::int32_t amount = std::numeric_limits<std::int32_t>::max();
    for (Index a : path_) amount = std::min(amount, residual_[a]);
    for (Index a : path_) {
      residual_[a] -= amount;
      residual_[reverse_[a]] += amount;
    }
    flow_ += amount;
    return true;
  }

  Index vertex_count_;
  Index source_;
  Index sink_;
  std::vector<Index> first_;
  std::vector<Index> head_;
  std::vector<std::int32_t> residual_;
  std::vector<Index> reverse_;
  std::vector<Index> current_;       // next arc to try, per flow node in this search
  std::vector<std::uint32_t> seen_;  // stamp of the last search that reached a node
  std::uint32_t stamp_ = 0;
  std::vector<Index> path_;
  std::int64_t flow_ = 0;
};

// Breadth-first hop distances from `start`; the last vertex reached is returned in `farthest`.
std::vector<double> hop_distances(const PlaneGraph& graph, Index start, Index& farthest) {
  std::vector<double> distance(graph.size(), -1.0);
  std::vector<Index> queue{start};
  distance[start] = 0.0;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const Index u = queue[i];
    for (Index k = graph.first[u]; k < graph.first[u + 1]; ++k) {
      const Index v = graph.adjacent[k];
      if (distance[v] < 0.0) {
        distance[v] = distance[u] + 1.0;
        queue.push_back(v);
      }
    }
  }
  farthest = queue.back();
  return distance;
}

struct Candidate {
  std::vector<Part> part;
  Index cut_weight = std::numeric_limits<Index>::max();  // vertices the cut's points stand for
  Index imbalance = 0;  // |source side - sink side|, in the same vertices
};

// The cut between the first and the last quarter of `graph`'s vertices along (dx, dy); `weight`
// is how many vertices each one stands for. A cut heavier than `limit` is not worth finishing:
// it is returned with no parts and the largest weight.
Candidate cut_along(const PlaneGraph& graph, const std::vector<double>& x,
                    const std::vector<double>& y, const std::vector<Index>& weight, double dx,
                    double dy, std::int64_t limit) {
  const Index n = graph.size();
  std::vector<Index> by_projection(n);
  std::iota(by_projection.begin(), by_projection.end(), Index{0});
  std::vector<double> projection(n);
  for (Index v = 0; v < n; ++v) projection[v] = dx * x[v] + dy * y[v];
  const auto lower = [&](Index a, Index b) {
    return projection[a] != projection[b] ? projection[a] < projection[b] : a < b;
  };
  // Only which vertices are in the first and the last quarter matters, not their order: two
  // selections instead of a sort (the order is total, so the sets are those a sort gives).
  const Index terminals = std::max<Index>(1, static_cast<Index>(terminal_share * n));
  const auto first_sink = by_projection.end() - terminals;
  std::nth_element(by_projection.begin(), by_projection.begin() + terminals, by_projection.end(),
                   lower);
  std::nth_element(by_projection.begin() + terminals, first_sink, by_projection.end(), lower);
  std::vector<Side> side(n, Side::middle);
  for (Index i = 0; i < terminals; ++i) {
    side[by_projection[i]] = Side::source;
    side[by_projection[n - 1 - i]] = Side::sink;
  }
  for (Index i = 0; i < terminals; ++i) {
    const Index v = by_projection[i];
    for (Index k = graph.first[v]; k < graph.first[v + 1]; ++k) {
      if (side[graph.adjacent[k]] == Side::sink) side[v] = Side::tied;
    }
  }
  VertexCutFlow flow(graph, side, weight, projection);
  Candidate candidate;
  if (!flow.maximise(limit)) return candidate;
  candidate.part = flow.parts(side);
  candidate.cut_weight = 0;
  Index source_side = 0;
  Index sink_side = 0;
  for (Index v = 0; v < n; ++v) {
    switch (candidate.part[v]) {
      case Part::source_side: source_side += weight[v]; break;
      case Part::cut: candidate.cut_weight += weight[v]; break;
      case Part::sink_side: sink_side += weight[v]; break;
    }
  }
  candidate.imbalance = source_side > sink_side ? source_side - sink_side : sink_side - source_side;
  return candidate;
}

// The graph of the points of a PlaneGraph: one vertex per point, numbered in the order of each
// point's first vertex, two points adjacent when any of their vertices are.
struct PointGraph {
  PlaneGraph graph;
  std::vector<Index> point;   // per vertex of the original: its point
  std::vector<Index> weight;  // per point: how many vertices are there
};

PointGraph point_graph(const PlaneGraph& graph) {
  const Index n = graph.size();
  PointGraph points;
  points.point.resize(n);
  for (Index v = 0; v < n; ++v) {
    const Index before = graph.same_point_before[v];
    if (before == invalid_index) {
      points.point[v] = static_cast<Index>(points.weight.size());
      points.weight.push_back(1);
      points.graph.x.push_back(graph.x[v]);
      points.graph.y.push_back(graph.y[v]);
    } else {
      points.point[v] = points.point[before];
      ++points.weight[points.point[v]];
    }
  }
  const Index count = points.graph.size();
  // Members of each point (CSR), then each point's neighbours: its members' points, sorted,
  // without repeats and without itself.
  std::vector<Index> first_member(count + 1, 0);
  for (Index v = 0; v < n; ++v) ++first_member[points.point[v] + 1];
  for (Index p = 0; p < count; ++p) first_member[p + 1] += first_member[p];
  std::vector<Index> member(n);
  std::vector<Index> fill(first_member.begin(), first_member.end() - 1);
  for (Index v = 0; v < n; ++v) member[fill[points.point[v]]++] = v;
  PlaneGraph& out = points.graph;
  out.first.reserve(count + 1);
  out.first.push_back(0);
  out.adjacent.reserve(graph.adjacent.size());
  for (Index p = 0; p < count; ++p) {
    const auto begin = out.adjacent.end() - out.adjacent.begin();
    for (Index m = first_member[p]; m < first_member[p + 1]; ++m) {
      const Index v = member[m];
      for (Index k = graph.first[v]; k < graph.first[v + 1]; ++k) {
        const Index q = points.point[graph.adjacent[k]];
        if (q != p) out.adjacent.push_back(q);
      }
    }
    std::sort(out.adjacent.begin() + begin, out.adjacent.end());
    out.adjacent.erase(std::unique(out.adjacent.begin() + begin, out.adjacent.end()),
                       out.adjacent.end());
    out.first.push_back(static_cast<Index>(out.adjacent.size()));
  }
  return points;
}

// The best of the directions' cuts of `graph` (smallest, then most balanced; ties to the
// earlier direction), as parts per vertex.
std::vector<Part> best_cut(const PlaneGraph& graph, const std::vector<Index>& weight) {
  const auto [min_x, max_x] = std::minmax_element(graph.x.begin(), graph.x.end());
  const auto [min_y, max_y] = std::minmax_element(graph.y.begin(), graph.y.end());
  const bool coincide = *min_x == *max_x && *min_y == *max_y;
  // Without geometry, hop distances from two far-apart vertices stand in for coordinates.
  std::vector<double> hop_x;
  std::vector<double> hop_y;
  if (coincide) {
    Index a = 0;
    hop_distances(graph, 0, a);
    Index b = a;
    hop_x = hop_distances(graph, a, b);
    Index unused = b;
    hop_y = hop_distances(graph, b, unused);
  }
  const std::vector<double>& x = coincide ? hop_x : graph.x;
  const std::vector<double>& y = coincide ? hop_y : graph.y;
  static constexpr std::array<std::array<double, 2>, 4> directions{
      {{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}, {1.0, -1.0}}};
  // The directions are independent flows: two side by side, then the other two, which stop as
  // soon as their flow exceeds the better of the first cuts (they could not win). The pick is
  // in a fixed order: smallest, then most balanced, ties to the earlier direction.
  std::array<Candidate, directions.size()> candidates;
  const auto run = [&](std::size_t begin, std::size_t end, std::int64_t limit) {
    tbb::parallel_for(begin, end, [&](std::size_t i) {
      candidates[i] = cut_along(graph, x, y, weight, directions[i][0], directions[i][1], limit);
    });
  };
  run(0, 2, std::numeric_limits<std::int64_t>::max());
  run(2, 4, std::min(candidates[0].cut_weight, candidates[1].cut_weight));
  std::size_t best = 0;
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    const Candidate& b = candidates[best];
    if (c.cut_weight < b.cut_weight ||
        (c.cut_weight == b.cut_weight && c.imbalance < b.imbalance)) {
      best = i;
    }
  }
  return std::move(candidates[best].part);
}

}  // namespace

void link_same_points(PlaneGraph& graph, Index max_shared) {
  const Index n = graph.size();
  std::vector<Index> by_point(n);
  std::iota(by_point.begin(), by_point.end(), Index{0});
  std::sort(by_point.begin(), by_point.end(), [&](Index a, Index b) {
    if (graph.x[a] != graph.x[b]) return graph.x[a] < graph.x[b];
    if (graph.y[a] != graph.y[b]) return graph.y[a] < graph.y[b];
    return a < b;
  });
  graph.same_point_before.assign(n, invalid_index);
  for (Index begin = 0; begin < n;) {
    Index end = begin + 1;
    while (end < n && graph.x[by_point[end]] == graph.x[by_point[begin]] &&
           graph.y[by_point[end]] == graph.y[by_point[begin]]) {
      ++end;
    }
    if (end - begin <= max_shared) {
      for (Index i = begin + 1; i < end; ++i)
        graph.same_point_before[by_point[i]] = by_point[i - 1];
    }
    begin = end;
  }
}

PlaneGraph induced_subgraph(const PlaneGraph& graph, const std::vector<Index>& vertices,
                            std::vector<Index>& scratch) {
  scratch.assign(graph.size(), invalid_index);
  for (Index i = 0; i < vertices.size(); ++i) scratch[vertices[i]] = i;
  PlaneGraph sub;
  sub.first.reserve(vertices.size() + 1);
  sub.first.push_back(0);
  sub.x.reserve(vertices.size());
  sub.y.reserve(vertices.size());
  const bool linked = !graph.same_point_before.empty();
  if (linked) sub.same_point_before.reserve(vertices.size());
  for (Index v : vertices) {
    for (Index k = graph.first[v]; k < graph.first[v + 1]; ++k) {
      const Index local = scratch[graph.adjacent[k]];
      if (local != invalid_index) sub.adjacent.push_back(local);
    }
    sub.first.push_back(static_cast<Index>(sub.adjacent.size()));
    sub.x.push_back(graph.x[v]);
    sub.y.push_back(graph.y[v]);
    if (linked) {
      // Skip the vertices at this point that are not in the subgraph.
      Index before = graph.same_point_before[v];
      while (before != invalid_index && scratch[before] == invalid_index) {
        before = graph.same_point_before[before];
      }
      sub.same_point_before.push_back(before == invalid_index ? invalid_index : scratch[before]);
    }
  }
  for (Index v : vertices) scratch[v] = invalid_index;
  return sub;
}

std::vector<Index> inertial_flow_separator(const PlaneGraph& graph) {
  const Index n = graph.size();
  std::vector<Part> part;
  const bool shared_points =
      std::any_of(graph.same_point_before.begin(), graph.same_point_before.end(),
                  [](Index before) { return before != invalid_index; });
  if (shared_points) {
    const PointGraph points = point_graph(graph);
    const std::vector<Part> point_part = best_cut(points.graph, points.weight);
    part.resize(n);
    for (Index v = 0; v < n; ++v) part[v] = point_part[points.point[v]];
  } else {
    part = best_cut(graph, std::vector<Index>(n, 1));
  }
  // A cut vertex with neighbours on one side only joins that side (in ascending order, so the
  // result is fixed): the separator stays one, and gets smaller.
  std::vector<Index> separator;
  for (Index v = 0; v < n; ++v) {
    if (part[v] != Part::cut) continue;
    bool source_side = false;
    bool sink_side = false;
    for (Index k = graph.first[v]; k < graph.first[v + 1]; ++k) {
      source_side = source_side || part[graph.adjacent[k]] == Part::source_side;
      sink_side = sink_side || part[graph.adjacent[k]] == Part::sink_side;
    }
    if (!sink_side) {
      part[v] = Part::source_side;
    } else if (!source_side) {
      part[v] = Part::sink_side;
    } else {
      separator.push_back(v);
    }
  }
  return separator;
}

}  // namespace arteria
