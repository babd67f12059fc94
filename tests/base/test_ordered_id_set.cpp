// OrderedIdSet (base/ordered_id_set.hpp): ids put in any order, repeated or not, come back once
// each in increasing order, across the word and summary boundaries, and the set is empty after.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "base/ordered_id_set.hpp"

using arteria::Index;
using arteria::OrderedIdSet;

TEST_CASE("an ordered id set gives its ids back once each, in increasing order") {
  constexpr Index count = 20'000;  // five summary words
  OrderedIdSet set;
  set.reset(count);
  std::vector<Index> put = {0, 63, 64, 4095, 4096, 4097, count - 1, 64, 0};
  std::mt19937 draw(7);
  std::uniform_int_distribution<Index> any(0, count - 1);
  for (int i = 0; i < 500; ++i) put.push_back(any(draw));
  for (const Index id : put) set.insert(id);

  std::vector<Index> taken = {42};  // take appends
  set.take(taken);
  std::vector<Index> expected = put;
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  expected.insert(expected.begin(), 42);
  CHECK(taken == expected);

  std::vector<Index> again;
  set.take(again);
  CHECK(again.empty());
  set.insert(5);
  set.take(again);
  CHECK(again == std::vector<Index>{5});
}
