// A one-line progress bar for long runs on a terminal: simulated time, vehicles en route and
// speed relative to real time. Off when the stream is not a terminal (logs, CI).
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace arteria {

class ProgressBar {
 public:
  // `resumed_from_s` (when not negative): the run continues from a checkpoint of that time; the
  // line says so and the speed counts from there.
  ProgressBar(double start_s, double end_s, bool enabled, double resumed_from_s = -1.0);
  ~ProgressBar();
  // Whether a redraw is due (enabled, and ~0.1 s since the last one): lets callers skip
  // computing the figures on most steps.
  bool due() const;
  void update(double time_s, std::uint64_t en_route);
  void finish();

  // True when stderr is an interactive terminal.
  static bool stderr_is_terminal();

 private:
  double start_s_, end_s_, resumed_from_s_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace arteria
