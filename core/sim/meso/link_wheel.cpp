#include "sim/meso/link_wheel.hpp"

#include <algorithm>
#include <cmath>

#include "model/scenario.hpp"

namespace arteria {

std::uint64_t first_step_at(const SimulationParams& sim, double time_s) {
  const double steps = (time_s - sim.start_s) / sim.step_s;
  // Also infinity and times too far to matter in any run (2^53 steps).
  if (!(steps < 9.0e15)) return never_step;
  // Rounded up by hand: std::ceil is a library call without SSE4.1, and this runs per move.
  auto step = static_cast<std::uint64_t>(std::max(0.0, steps));
  if (static_cast<double>(step) < steps) ++step;
  // The division may round either way; settle on the formula the simulation steps with.
  const auto time_of = [&](std::uint64_t s) { return step_time_s(sim.start_s, sim.step_s, s); };
  while (time_of(step) < time_s) ++step;
  while (step > 0 && time_of(step - 1) >= time_s) --step;
  return step;
}

void LinkWheel::reset(Index link_count, std::uint64_t step) {
  for (std::vector<LinkWake>& bucket : buckets_) bucket.clear();
  next_step_ = step;
  taken_at_.assign(link_count, never_step);
}

void LinkWheel::add(std::span<const LinkWake> wakes) {
  for (const LinkWake& wake : wakes) {
    if (wake.step == never_step) continue;
    const std::uint64_t step = std::max(wake.step, next_step_);
    buckets_[step % bucket_count].push_back({step, wake.link});
  }
}

void LinkWheel::take_due(std::uint64_t step, std::vector<Index>& due) {
  due.clear();
  std::vector<LinkWake>& bucket = buckets_[step % bucket_count];
  std::size_t later = 0;  // requests a whole turn (or more) ahead stay
  for (const LinkWake& wake : bucket) {
    if (wake.step > step) {
      bucket[later++] = wake;
    } else if (taken_at_[wake.link] != step) {
      taken_at_[wake.link] = step;
      due.push_back(wake.link);
    }
  }
  bucket.resize(later);
  // Buckets fill one after another, so giving each one's memory back once it is taken lets the
  // same memory serve them all; keeping every bucket's largest fill held 37 MB more than the
  // rest of the state on SUMO's 30x30 grid.
  bucket.shrink_to_fit();
  next_step_ = step + 1;
}

}  // namespace arteria
