// Paths found group by group, read back item by item. Batch routers group their items (trips,
// link pairs) by where a search starts and route the groups in parallel, each into its own
// buffer so no thread waits for another; the caller then wants the paths in item order, one CSR.
#pragma once

#include <tbb/parallel_for.h>

#include <algorithm>
#include <span>
#include <utility>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

// One group's paths: a CSR over the group's members, in member order.
struct GroupPaths {
  std::vector<Index> first;  // per member, into links
  std::vector<Index> links;

  // Gives back what push_back reserved beyond the paths: every group is held until the last
  // is found, and on a million trips the spare capacity was 180 MB, most of the margin
  // between the run's peak memory and 2 GiB. Copying a group's paths once costs far less than
  // finding them.
  void trim() {
    first.shrink_to_fit();
    links.shrink_to_fit();
  }
};

class GroupedPaths {
 public:
  // Groups are ranges [first[g], first[g + 1]) of `members`, each an item id below item_count;
  // items in no group have no path.
  GroupedPaths(Index item_count, const std::vector<Index>& first, const std::vector<Index>& members)
      : groups(first.size() - 1), slot_(item_count, {invalid_index, 0}) {
    for (Index g = 0; g + 1 < first.size(); ++g) {
      for (Index i = first[g]; i < first[g + 1]; ++i) slot_[members[i]] = {g, i - first[g]};
    }
  }

  std::vector<GroupPaths> groups;  // filled by the router, one per group

  std::span<const Index> path(Index item) const {
    const auto [g, i] = slot_[item];
    if (g == invalid_index) return {};
    const GroupPaths& group = groups[g];
    return {group.links.data() + group.first[i], group.links.data() + group.first[i + 1]};
  }

 private:
  std::vector<std::pair<Index, Index>> slot_;  // per item: (group, position in group)
};

// path_of(item) for items 0..count-1 laid end to end: first (size count + 1, starting at 0)
// and links. The copy is most of the memory traffic of a large batch (a million trips: ~100 M
// links), so it runs in parallel.
template <class PathOf>
void concatenate_paths(Index count, const PathOf& path_of, std::vector<Index>& first,
                       std::vector<Index>& links) {
  first.assign(static_cast<std::size_t>(count) + 1, 0);
  for (Index item = 0; item < count; ++item) {
    first[item + 1] = first[item] + static_cast<Index>(path_of(item).size());
  }
  links.resize(first.back());
  tbb::parallel_for(Index{0}, count, [&](Index item) {
    const std::span<const Index> path = path_of(item);
    std::copy(path.begin(), path.end(), links.begin() + first[item]);
  });
}

}  // namespace arteria
