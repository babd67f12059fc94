// Internal to the OSM importer: ways to directed links. Ways are cut into pieces at junctions,
// way ends, signals and polygon borders; pieces meeting end to end at a node no other road
// touches are merged into one link keeping the polyline; the largest strongly connected
// component is kept so that every trip has a route.
#include <algorithm>

#include "formats/osm/osm_internal.hpp"

namespace arteria::osm {
namespace {

struct Piece {
  std::uint32_t way = 0;
  std::uint32_t number = 0;  // piece number along the way
  std::uint32_t first = 0;   // ref range [first, last] in OsmData::refs
  std::uint32_t last = 0;
  std::uint32_t a = 0, b = 0;  // end nodes
};

// A chain of pieces, each possibly walked against its way.
struct Chain {
  std::vector<std::pair<std::uint32_t, bool>> pieces;  // (piece, reversed)
};

class Builder {
 public:
  Builder(const OsmData& data, const std::vector<std::uint8_t>& keep)
      : data_(data), keep_(keep), node_count_(data.node_ids.size()) {}

  std::vector<GraphLink> build(bool merge, OsmImportReport& report) {
    cut_pieces();
    for (const Piece& p : pieces_) {
      const WayProfile& profile = data_.ways[p.way].profile;
      report.links_before_merge += profile.forward.open + profile.backward.open;
    }
    std::vector<GraphLink> links;
    if (merge) {
      index_ends();
      std::vector<std::uint8_t> done(pieces_.size(), 0);
      for (std::uint32_t p = 0; p < pieces_.size(); ++p) {
        if (!done[p]) emit(walk_chain(p, done), links);
      }
    } else {
      for (std::uint32_t p = 0; p < pieces_.size(); ++p) emit(Chain{{{p, false}}}, links);
    }
    report.links_merged_away = report.links_before_merge - links.size();
    return links;
  }

 private:
  bool inside(std::uint32_t node) const { return !(data_.flags[node] & node_outside); }

  // Runs of consecutive nodes inside the polygon; then pieces between split nodes.
  void cut_pieces() {
    std::vector<std::uint8_t> uses(node_count_, 0);
    std::vector<std::uint8_t> split(node_count_, 0);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> runs;  // ref ranges, inclusive
    std::vector<std::uint32_t> run_way;
    for (std::uint32_t w = 0; w < data_.ways.size(); ++w) {
      const Way& way = data_.ways[w];
      std::uint32_t i = way.first_ref;
      const std::uint32_t end = way.first_ref + way.ref_count;
      while (i < end) {
        while (i < end && !inside(data_.refs[i])) ++i;
        std::uint32_t j = i;
        while (j + 1 < end && inside(data_.refs[j + 1])) ++j;
        if (i < end && j > i) {
          runs.emplace_back(i, j);
          run_way.push_back(w);
          split[data_.refs[i]] = split[data_.refs[j]] = 1;
          for (std::uint32_t k = i; k <= j; ++k) {
            std::uint8_t& u = uses[data_.refs[k]];
            if (u < 2) ++u;
          }
        }
        i = j + 1;
      }
    }
    for (std::size_t n = 0; n < node_count_; ++n) {
      if (uses[n] >= 2 || (data_.flags[n] & node_signal) || keep_[n]) split[n] = 1;
    }
    std::vector<std::uint32_t> piece_count(data_.ways.size(), 0);
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const auto [begin, end] = runs[r];
      const std::uint32_t w = run_way[r];
      std::uint32_t start = begin;
      for (std::uint32_t k = begin + 1; k <= end; ++k) {
        if (!split[data_.refs[k]] && k != end) continue;
        if (data_.refs[start] == data_.refs[k]) {
          // A loop back to its start: cut it at its middle node so no link ends where it starts.
          const std::uint32_t middle = start + (k - start) / 2;
          add_piece(w, piece_count[w], start, middle);
          add_piece(w, piece_count[w], middle, k);
        } else {
          add_piece(w, piece_count[w], start, k);
        }
        start = k;
      }
    }
  }

  void add_piece(std::uint32_t way, std::uint32_t& number, std::uint32_t first,
                 std::uint32_t last) {
    if (first == last) return;
    pieces_.push_back({way, number++, first, last, data_.refs[first], data_.refs[last]});
  }

  void index_ends() {
    first_end_.assign(node_count_ + 1, 0);
    for (const Piece& p : pieces_) {
      ++first_end_[p.a + 1];
      ++first_end_[p.b + 1];
    }
    for (std::size_t n = 0; n < node_count_; ++n) first_end_[n + 1] += first_end_[n];
    ends_.resize(first_end_.back());
    std::vector<std::uint32_t> fill(first_end_.begin(), first_end_.end() - 1);
    for (std::uint32_t p = 0; p < pieces_.size(); ++p) {
      ends_[fill[pieces_[p].a]++] = p;
      ends_[fill[pieces_[p].b]++] = p;
    }
  }

  WayProfile oriented(std::uint32_t piece, bool reversed) const {
    const WayProfile& profile = data_.ways[pieces_[piece].way].profile;
    return reversed ? profile.reversed() : profile;
  }

  // The piece to continue through `node` from `piece`, when the node only joins two
  // compatible pieces; otherwise none.
  std::optional<std::uint32_t> continuation(std::uint32_t node, std::uint32_t piece) const {
    if (first_end_[node + 1] - first_end_[node] != 2) return std::nullopt;
    if ((data_.flags[node] & node_signal) || keep_[node]) return std::nullopt;
    const std::uint32_t e0 = ends_[first_end_[node]], e1 = ends_[first_end_[node] + 1];
    if (e0 == e1) return std::nullopt;
    const std::uint32_t other = e0 == piece ? e1 : e0;
    // Orient both pieces through the node, then compare what each direction offers.
    const bool piece_reversed = pieces_[piece].a == node;
    const bool other_reversed = pieces_[other].b == node;
    if (!(oriented(piece, piece_reversed) == oriented(other, other_reversed))) return std::nullopt;
    return other;
  }

  std::uint32_t far_end(std::uint32_t piece, std::uint32_t node) const {
    return pieces_[piece].a == node ? pieces_[piece].b : pieces_[piece].a;
  }

  Chain walk_chain(std::uint32_t seed, std::vector<std::uint8_t>& done) const {
    // Back up from the seed's start to the chain's first piece; a closed ring of mergeable
    // nodes starts at the seed.
    std::uint32_t piece = seed, node = pieces_[seed].a;
    while (const auto previous = continuation(node, piece)) {
      if (*previous == seed) break;
      node = far_end(*previous, node);
      piece = *previous;
    }
    if (piece == seed) node = pieces_[seed].a;
    Chain chain;
    const std::uint32_t start_node = node;
    for (;;) {
      const bool reversed = pieces_[piece].b == node && pieces_[piece].a != node;
      chain.pieces.emplace_back(piece, reversed);
      done[piece] = 1;
      node = far_end(piece, node);
      const auto next = continuation(node, piece);
      if (!next || done[*next]) break;
      piece = *next;
    }
    if (node == start_node && chain.pieces.size() > 1) {
      // The chain came back to where it began: keep a middle node so no link is a loop.
      Chain rest;
      const std::size_t half = chain.pieces.size() / 2;
      rest.pieces.assign(chain.pieces.begin() + static_cast<std::ptrdiff_t>(half),
                         chain.pieces.end());
      chain.pieces.resize(half);
      chains_tail_.push_back(std::move(rest));
    }
    return chain;
  }

  void emit(const Chain& chain, std::vector<GraphLink>& links) {
    emit_one(chain, links);
    while (!chains_tail_.empty()) {
      Chain rest = std::move(chains_tail_.back());
      chains_tail_.pop_back();
      emit_one(rest, links);
    }
  }

  void emit_one(const Chain& chain, std::vector<GraphLink>& links) const {
    std::vector<std::uint32_t> points;
    for (const auto& [piece, reversed] : chain.pieces) {
      const Piece& p = pieces_[piece];
      const std::size_t before = points.size();
      for (std::uint32_t k = p.first; k <= p.last; ++k) points.push_back(data_.refs[k]);
      if (reversed)
        std::reverse(points.begin() + static_cast<std::ptrdiff_t>(before), points.end());
      if (before > 0) points.erase(points.begin() + static_cast<std::ptrdiff_t>(before));
    }
    const auto [first_piece, first_reversed] = chain.pieces.front();
    const WayProfile profile = oriented(first_piece, first_reversed);
    const Piece& first = pieces_[first_piece];
    const std::uint32_t first_way = first.way, last_way = pieces_[chain.pieces.back().first].way;
    const std::string name =
        std::to_string(data_.ways[first.way].id) + ":" + std::to_string(first.number);
    const float capacity = profile.capacity_per_lane_vph;
    if (profile.forward.open) {
      links.push_back({points.front(), points.back(), first_way, last_way,
                       first_reversed ? "-" + name : name, points, profile.forward, capacity,
                       profile.road_class});
    }
    if (profile.backward.open) {
      std::vector<std::uint32_t> back(points.rbegin(), points.rend());
      links.push_back({back.front(), back.back(), last_way, first_way,
                       first_reversed ? name : "-" + name, std::move(back), profile.backward,
                       capacity, profile.road_class});
    }
  }

  const OsmData& data_;
  const std::vector<std::uint8_t>& keep_;
  std::size_t node_count_;
  std::vector<Piece> pieces_;
  std::vector<std::uint32_t> first_end_, ends_;  // CSR: pieces ending at each node
  mutable std::vector<Chain> chains_tail_;
};

}  // namespace

std::vector<GraphLink> build_links(const OsmData& data, const std::vector<std::uint8_t>& keep,
                                   bool merge, OsmImportReport& report) {
  return Builder(data, keep).build(merge, report);
}

void keep_largest_component(std::vector<GraphLink>& links, std::size_t node_count,
                            OsmImportReport& report) {
  // Tarjan's algorithm, iterative so a long road chain cannot overflow the stack.
  std::vector<std::uint32_t> first_out(node_count + 1, 0), head(links.size());
  for (const GraphLink& link : links) ++first_out[link.from + 1];
  for (std::size_t n = 0; n < node_count; ++n) first_out[n + 1] += first_out[n];
  std::vector<std::uint32_t> fill(first_out.begin(), first_out.end() - 1);
  std::vector<std::uint8_t> used(node_count, 0);
  for (const GraphLink& link : links) {
    head[fill[link.from]++] = link.to;
    used[link.from] = used[link.to] = 1;
  }
  constexpr std::uint32_t unset = invalid_index;
  std::vector<std::uint32_t> order(node_count, unset), low(node_count, 0);
  std::vector<std::uint32_t> component(node_count, unset), stack, sizes;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> calls;  // (node, next out index)
  std::uint32_t counter = 0;
  for (std::uint32_t root = 0; root < node_count; ++root) {
    if (!used[root] || order[root] != unset) continue;
    calls.emplace_back(root, first_out[root]);
    order[root] = low[root] = counter++;
    stack.push_back(root);
    while (!calls.empty()) {
      auto& [node, next] = calls.back();
      if (next < first_out[node + 1]) {
        const std::uint32_t to = head[next++];
        if (order[to] == unset) {
          order[to] = low[to] = counter++;
          stack.push_back(to);
          calls.emplace_back(to, first_out[to]);
        } else if (component[to] == unset) {
          low[node] = std::min(low[node], order[to]);
        }
        continue;
      }
      const std::uint32_t done = node;
      calls.pop_back();
      if (!calls.empty()) low[calls.back().first] = std::min(low[calls.back().first], low[done]);
      if (low[done] == order[done]) {
        const auto id = static_cast<std::uint32_t>(sizes.size());
        sizes.push_back(0);
        std::uint32_t member;
        do {
          member = stack.back();
          stack.pop_back();
          component[member] = id;
          ++sizes[id];
        } while (member != done);
      }
    }
  }
  report.components = sizes.size();
  if (sizes.empty()) return;
  const auto largest = static_cast<std::uint32_t>(std::max_element(sizes.begin(), sizes.end()) -
                                                  sizes.begin());  // first of equals
  const std::size_t before = links.size();
  links.erase(std::remove_if(links.begin(), links.end(),
                             [&](const GraphLink& link) {
                               return component[link.from] != largest ||
                                      component[link.to] != largest;
                             }),
              links.end());
  report.links_outside_largest_component = before - links.size();
  std::size_t used_nodes = 0;
  for (std::uint8_t u : used) used_nodes += u;
  report.nodes_outside_largest_component = used_nodes - sizes[largest];
}

}  // namespace arteria::osm
