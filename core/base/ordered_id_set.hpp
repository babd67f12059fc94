// A set of ids filled in any order and read back in increasing order, each once. Two levels of
// bits: a word per 64 ids and a summary bit per word, so reading the set costs the ids in it
// plus one summary word per 4,096 ids, not a pass over every id (the step's active links and
// nodes are a few hundred out of 100,000 on a city map).
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

class OrderedIdSet {
 public:
  // Empties the set for ids below `count`.
  void reset(Index count) {
    words_.assign((static_cast<std::size_t>(count) + 63) / 64, 0);
    summary_.assign((words_.size() + 63) / 64, 0);
  }

  void insert(Index id) {
    const std::size_t word = id / 64;
    words_[word] |= std::uint64_t{1} << (id % 64);
    summary_[word / 64] |= std::uint64_t{1} << (word % 64);
  }

  // Appends the ids to `out` in increasing order and empties the set.
  void take(std::vector<Index>& out) {
    for (std::size_t s = 0; s < summary_.size(); ++s) {
      for (std::uint64_t marked = summary_[s]; marked != 0; marked &= marked - 1) {
        const std::size_t word = s * 64 + static_cast<std::size_t>(std::countr_zero(marked));
        for (std::uint64_t bits = words_[word]; bits != 0; bits &= bits - 1) {
          out.push_back(static_cast<Index>(word * 64) + static_cast<Index>(std::countr_zero(bits)));
        }
        words_[word] = 0;
      }
      summary_[s] = 0;
    }
  }

 private:
  std::vector<std::uint64_t> words_;
  std::vector<std::uint64_t> summary_;
};

}  // namespace arteria
