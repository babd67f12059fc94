#include "sim/meso/link_wheel.hpp"

#include <algorithm>
#include <cmath>

#include "model/scenario.hpp"

namespace arteria {

void LinkWheel::reset(Index link_count, std::uint64_t step) {
  for (std::vector<LinkWake>& bucket : buckets_) bucket.clear();
  spare_.clear();
  next_step_ = step;
  due_.reset(link_count);
}

void LinkWheel::add(std::span<const LinkWake> wakes) {
  for (const LinkWake& wake : wakes) {
    if (wake.step == never_step) continue;
    const std::uint64_t step = std::max(wake.step, next_step_);
    std::vector<LinkWake>& bucket = buckets_[step % bucket_count];
    if (bucket.capacity() == 0 && !spare_.empty()) {
      bucket.swap(spare_.back());
      spare_.pop_back();
    }
    bucket.push_back({step, wake.link});
  }
}

void LinkWheel::take_due(std::uint64_t step, std::vector<Index>& due) {
  due.clear();
  std::vector<LinkWake>& bucket = buckets_[step % bucket_count];
  const std::size_t held = bucket.size();
  std::size_t later = 0;  // requests a whole turn (or more) ahead stay
  for (const LinkWake& wake : bucket) {
    if (wake.step > step) {
      bucket[later++] = wake;
    } else {
      due_.insert(wake.link);
    }
  }
  due_.take(due);
  bucket.resize(later);
  // Buckets fill one after another, so the memory of one taken can serve the next to fill:
  // keeping every bucket's largest fill held 37 MB more than the rest of the state on SUMO's
  // 30x30 grid, and giving it back to the allocator after every take had each bucket grow
  // from nothing again (a third of the wheel's instructions). Memory well above what its
  // bucket held is given back, so that one busy step does not pin its size to every bucket.
  constexpr std::size_t small = 256;  // requests; a bucket this size is kept whatever it held
  if (later == 0 && bucket.capacity() > 0) {
    if (bucket.capacity() <= 4 * std::max(held, small)) spare_.push_back(std::move(bucket));
    bucket = std::vector<LinkWake>();
  }
  next_step_ = step + 1;
}

}  // namespace arteria
