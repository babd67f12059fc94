// When each link next needs its link phase: a timing wheel of wake-up requests by step. A link
// whose vehicles are all still travelling has nothing to do until the first of them reaches
// the end or freed space reaches the upstream end, so it asks to be woken at that step and is
// left alone until then; a step's link phase visits only the links due.
//
// Requests come from the phases in any order and may repeat or turn out early (a visit with
// nothing to do changes nothing). The links due at a step are its bucket's requests for that
// step, each once: the same set whatever the threads did, in an order that may differ, which
// is harmless because a link's phase touches that link alone.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "base/ids.hpp"
#include "base/ordered_id_set.hpp"

namespace arteria {

inline constexpr std::uint64_t never_step = std::numeric_limits<std::uint64_t>::max();

struct LinkWake {
  std::uint64_t step = never_step;
  Index link = invalid_index;
};

// The time of `step`, as the simulation's clock counts it (every caller must agree to the bit).
inline double step_time_s(double start_s, double step_s, std::uint64_t step) {
  return start_s + static_cast<double>(step) * step_s;
}

// The first step whose time (start + step × step_s, as the simulation computes it) is at or
// after `time_s`; never_step for infinity. Inline: it runs on every entry to a link.
inline std::uint64_t first_step_at(double start_s, double step_s, double time_s) {
  const double steps = (time_s - start_s) / step_s;
  // Also infinity and times too far to matter in any run (2^53 steps).
  if (!(steps < 9.0e15)) return never_step;
  // Rounded up by hand: std::ceil is a library call without SSE4.1.
  auto step = static_cast<std::uint64_t>(std::max(0.0, steps));
  if (static_cast<double>(step) < steps) ++step;
  // The division may round either way; settle on the formula the simulation steps with.
  while (step_time_s(start_s, step_s, step) < time_s) ++step;
  while (step > 0 && step_time_s(start_s, step_s, step - 1) >= time_s) --step;
  return step;
}

class LinkWheel {
 public:
  // Empties the wheel for `link_count` links; `step` is the next step to be taken.
  void reset(Index link_count, std::uint64_t step);

  // Files requests for `step` or later (earlier ones are filed for `step`); never_step is
  // dropped. A request beyond the wheel's span waits in its bucket until its step comes round.
  void add(std::span<const LinkWake> wakes);

  // The links due at `step` (the next step, taken in order), each once, in id order.
  void take_due(std::uint64_t step, std::vector<Index>& due);

 private:
  static constexpr std::size_t bucket_count = 1024;  // steps; a power of two
  std::vector<std::vector<LinkWake>> buckets_ = std::vector<std::vector<LinkWake>>(bucket_count);
  // The memory of buckets emptied by take_due, for the next bucket to fill (see take_due).
  std::vector<std::vector<LinkWake>> spare_;
  std::uint64_t next_step_ = 0;
  OrderedIdSet due_;  // the links of the bucket being taken
};

}  // namespace arteria
