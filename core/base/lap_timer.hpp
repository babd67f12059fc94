// Wall time of consecutive phases: each lap() returns the seconds since the previous lap (or since
// construction) and starts the next one.
#pragma once

#include <chrono>

namespace arteria {

class LapTimer {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_).count();
    last_ = now;
    return seconds;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace arteria
