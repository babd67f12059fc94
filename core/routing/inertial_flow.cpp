#include "routing/inertial_flow.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <numeric>

#include <tbb/parallel_for.h>

namespace arteria {
namespace {

// Share of the vertices tied to the source and to the sink: the cut falls in the middle half, so
// neither side has fewer than a quarter of the vertices (Schild & Sommer use 0.2-0.25).
constexpr double terminal_share = 0.25;

// Where a vertex stands in one flow problem.
// `tied`: a middle vertex with an arc from the source (a source vertex next to a sink vertex,
// which contraction could not separate from it).
enum class Side : std::uint8_t { middle, tied, source, sink };

bool in_middle(Side side) {
  return side == Side::middle || side == Side::tied;
}

// Maximum flow on the vertex-split graph of a PlaneGraph: a middle vertex v
// becomes in(v) = 2v -> out(v) = 2v+1 with capacity 1, an edge between middle vertices u-v
// becomes out(u) -> in(v) and out(v) -> in(u) with unbounded capacity. Source and sink vertices
// are contracted into the source and sink (the last two flow nodes), which halves the graph
// the searches walk: the source has an arc into every middle vertex next to a source vertex,
// every middle vertex next to a sink vertex an arc into the sink.
class VertexCutFlow {
 public:
  VertexCutFlow(const PlaneGraph& graph, const std::vector<Side>& side)
      : vertex_count_(graph.size()),
        source_(2 * graph.size()),
        sink_(2 * graph.size() + 1),
        side_(side) {
    const std::int32_t unbounded = static_cast<std::int32_t>(vertex_count_) + 1;
    std::vector<std::array<Index, 2>> ends;
    std::vector<std::int32_t> capacity;
    const auto add = [&](Index from, Index to, std::int32_t cap) {
      ends.push_back({from, to});
      capacity.push_back(cap);
    };
    for (Index v = 0; v < vertex_count_; ++v) {
      if (!in_middle(side[v])) continue;
      add(2 * v, 2 * v + 1, 1);
      bool from_source = side[v] == Side::tied;
      bool to_sink = false;
      for (Index i = graph.first[v]; i < graph.first[v + 1]; ++i) {
        const Index w = graph.adjacent[i];
        if (in_middle(side[w])) add(2 * v + 1, 2 * w, unbounded);
        from_source = from_source || side[w] == Side::source;
        to_sink = to_sink || side[w] == Side::sink;
      }
      if (from_source) add(source_, 2 * v, unbounded);
      if (to_sink) add(2 * v + 1, sink_, unbounded);
    }

    // CSR of the residual arcs: each edge gives a forward arc at its tail and a reverse arc
    // (capacity 0) at its head, which know each other's slot.
    const Index nodes = sink_ + 1;
    first_.assign(nodes + 1, 0);
    for (const auto& e : ends) {
      ++first_[e[0] + 1];
      ++first_[e[1] + 1];
    }
    for (Index u = 0; u < nodes; ++u) first_[u + 1] += first_[u];
    std::vector<Index> fill(first_.begin(), first_.end() - 1);
    head_.resize(2 * ends.size());
    residual_.resize(2 * ends.size());
    reverse_.resize(2 * ends.size());
    for (std::size_t e = 0; e < ends.size(); ++e) {
      const Index forward = fill[ends[e][0]]++;
      const Index backward = fill[ends[e][1]]++;
      head_[forward] = ends[e][1];
      residual_[forward] = capacity[e];
      reverse_[forward] = backward;
      head_[backward] = ends[e][0];
      residual_[backward] = 0;
      reverse_[backward] = forward;
    }
    level_.resize(nodes);
    current_.resize(nodes);
  }

  // Dinic phases (a breadth-first level graph, then every shortest augmenting path in it) while
  // a phase finds several paths, as on grids where hundreds have the same length; then rounds of
  // depth-first searches, which suit road networks, where Dinic would need a phase per unit:
  // each round walks the residual graph once, visiting every flow node at most once, and
  // augments along every path it meets, shortest or not. A round that finds none proves the flow
  // maximum.
  void maximise() {
    constexpr int worthwhile_phase = 4;  // augmenting paths
    while (build_levels(true)) {
      std::copy(first_.begin(), first_.end() - 1, current_.begin());
      int found = 0;
      while (augment_in_levels()) ++found;
      if (found < worthwhile_phase) break;
    }
    while (depth_first_round()) {
    }
  }

  // After maximise(): the vertices whose split arc is saturated between the part reachable from
  // the source in the residual graph and the rest (a minimum vertex cut), and the number of
  // vertices on the source side of it.
  std::vector<Index> cut(Index& source_side) {
    build_levels(false);  // no augmenting path is left: level >= 0 marks what the source reaches
    std::vector<Index> cut;
    source_side = 0;
    for (Index v = 0; v < vertex_count_; ++v) {
      if (!in_middle(side_[v])) {
        if (side_[v] == Side::source) ++source_side;
        continue;
      }
      const bool in_reached = level_[2 * v] >= 0;
      const bool out_reached = level_[2 * v + 1] >= 0;
      if (in_reached && !out_reached) cut.push_back(v);
      if (out_reached) ++source_side;
    }
    return cut;
  }

 private:
  // Breadth-first levels from the source over arcs with residual capacity, stopping past the
  // sink's level when `stop_at_sink`; true if the sink is reached.
  bool build_levels(bool stop_at_sink) {
    std::fill(level_.begin(), level_.end(), -1);
    queue_.clear();
    queue_.push_back(source_);
    level_[source_] = 0;
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      const Index u = queue_[i];
      if (stop_at_sink && level_[sink_] >= 0 && level_[u] >= level_[sink_]) break;
      for (Index a = first_[u]; a < first_[u + 1]; ++a) {
        if (residual_[a] > 0 && level_[head_[a]] < 0) {
          level_[head_[a]] = level_[u] + 1;
          queue_.push_back(head_[a]);
        }
      }
    }
    return level_[sink_] >= 0;
  }

  // Pushes one unit along the arcs in path_ (every residual on an augmenting path is >= 1).
  void push_path() {
    for (Index a : path_) {
      residual_[a] -= 1;
      residual_[reverse_[a]] += 1;
    }
    path_.clear();
  }

  // One augmenting path in the level graph, found depth-first without recursion (paths can be
  // thousands of arcs long); dead ends leave the level graph. False when there is none.
  bool augment_in_levels() {
    path_.clear();
    Index u = source_;
    while (u != sink_) {
      Index& a = current_[u];
      while (a < first_[u + 1] && (residual_[a] <= 0 || level_[head_[a]] != level_[u] + 1)) ++a;
      if (a == first_[u + 1]) {
        level_[u] = -1;
        if (path_.empty()) return false;
        u = head_[reverse_[path_.back()]];
        path_.pop_back();
        continue;
      }
      path_.push_back(a);
      u = head_[a];
    }
    push_path();
    return true;
  }

  // One depth-first round (level 0: not visited yet); true if it augmented.
  bool depth_first_round() {
    std::fill(level_.begin(), level_.end(), 0);
    std::copy(first_.begin(), first_.end() - 1, current_.begin());
    bool found = false;
    path_.clear();
    Index u = source_;
    level_[source_] = 1;
    for (;;) {
      if (u == sink_) {
        push_path();
        found = true;
        u = source_;
        continue;
      }
      Index& a = current_[u];
      while (a < first_[u + 1] && (residual_[a] <= 0 || level_[head_[a]] != 0)) ++a;
      if (a == first_[u + 1]) {
        if (path_.empty()) return found;
        u = head_[reverse_[path_.back()]];
        path_.pop_back();
        continue;
      }
      if (head_[a] != sink_) level_[head_[a]] = 1;
      path_.push_back(a);
      u = head_[a];
    }
  }

  Index vertex_count_;
  Index source_;
  Index sink_;
  const std::vector<Side>& side_;
  std::vector<Index> first_;
  std::vector<Index> head_;
  std::vector<std::int32_t> residual_;
  std::vector<Index> reverse_;
  std::vector<std::int32_t> level_;  // visited marks of a round, then reachability
  std::vector<Index> current_;
  std::vector<Index> queue_;
  std::vector<Index> path_;
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
  std::vector<Index> cut;
  Index imbalance = 0;  // |source side - sink side|
};

Candidate cut_along(const PlaneGraph& graph, const std::vector<double>& x,
                    const std::vector<double>& y, double dx, double dy) {
  const Index n = graph.size();
  std::vector<Index> by_projection(n);
  std::iota(by_projection.begin(), by_projection.end(), Index{0});
  std::vector<double> projection(n);
  for (Index v = 0; v < n; ++v) projection[v] = dx * x[v] + dy * y[v];
  std::sort(by_projection.begin(), by_projection.end(), [&](Index a, Index b) {
    return projection[a] != projection[b] ? projection[a] < projection[b] : a < b;
  });
  const Index terminals = std::max<Index>(1, static_cast<Index>(terminal_share * n));
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
  VertexCutFlow flow(graph, side);
  flow.maximise();
  Candidate candidate;
  Index source_side = 0;
  candidate.cut = flow.cut(source_side);
  const Index sink_side = n - source_side - static_cast<Index>(candidate.cut.size());
  candidate.imbalance = source_side > sink_side ? source_side - sink_side : sink_side - source_side;
  return candidate;
}

}  // namespace

PlaneGraph induced_subgraph(const PlaneGraph& graph, const std::vector<Index>& vertices,
                            std::vector<Index>& scratch) {
  scratch.assign(graph.size(), invalid_index);
  for (Index i = 0; i < vertices.size(); ++i) scratch[vertices[i]] = i;
  PlaneGraph sub;
  sub.first.reserve(vertices.size() + 1);
  sub.first.push_back(0);
  sub.x.reserve(vertices.size());
  sub.y.reserve(vertices.size());
  for (Index v : vertices) {
    for (Index k = graph.first[v]; k < graph.first[v + 1]; ++k) {
      const Index local = scratch[graph.adjacent[k]];
      if (local != invalid_index) sub.adjacent.push_back(local);
    }
    sub.first.push_back(static_cast<Index>(sub.adjacent.size()));
    sub.x.push_back(graph.x[v]);
    sub.y.push_back(graph.y[v]);
  }
  for (Index v : vertices) scratch[v] = invalid_index;
  return sub;
}

std::vector<Index> inertial_flow_separator(const PlaneGraph& graph) {
  const auto [min_x, max_x] = std::minmax_element(graph.x.begin(), graph.x.end());
  const auto [min_y, max_y] = std::minmax_element(graph.y.begin(), graph.y.end());
  const bool coincide = *min_x == *max_x && *min_y == *max_y;
  // Without geometry, hop distances from two far-apart vertices stand in for coordinates.
  std::vector<double> x = graph.x;
  std::vector<double> y = graph.y;
  if (coincide) {
    Index a = 0;
    hop_distances(graph, 0, a);
    Index b = a;
    x = hop_distances(graph, a, b);
    Index unused = b;
    y = hop_distances(graph, b, unused);
  }
  static constexpr std::array<std::array<double, 2>, 4> directions{
      {{1.0, 0.0}, {0.0, 1.0}, {1.0, 1.0}, {1.0, -1.0}}};
  // The directions are independent flows: run them side by side, pick in a fixed order.
  std::array<Candidate, directions.size()> candidates;
  tbb::parallel_for(std::size_t{0}, directions.size(), [&](std::size_t i) {
    candidates[i] = cut_along(graph, x, y, directions[i][0], directions[i][1]);
  });
  std::size_t best = 0;
  for (std::size_t i = 1; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    const Candidate& b = candidates[best];
    if (c.cut.size() < b.cut.size() ||
        (c.cut.size() == b.cut.size() && c.imbalance < b.imbalance)) {
      best = i;
    }
  }
  return std::move(candidates[best].cut);
}

}  // namespace arteria
