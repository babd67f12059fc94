#include "base/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <string>

#include "base/csv.hpp"
#include "base/text.hpp"

namespace arteria {

ProgressBar::ProgressBar(double start_s, double end_s, bool enabled, double resumed_from_s)
    : start_s_(start_s),
      end_s_(end_s),
      resumed_from_s_(resumed_from_s),
      enabled_(enabled),
      started_(std::chrono::steady_clock::now()),
      last_draw_(started_) {}

ProgressBar::~ProgressBar() {
  finish();
}

bool ProgressBar::stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

bool ProgressBar::due() const {
  return enabled_ && (!drawn_ || std::chrono::steady_clock::now() - last_draw_ >=
                                     std::chrono::milliseconds(100));
}

void ProgressBar::update(double time_s, std::uint64_t en_route) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  last_draw_ = now;
  drawn_ = true;
  const double share = std::clamp((time_s - start_s_) / (end_s_ - start_s_), 0.0, 1.0);
  constexpr int width = 30;
  const int filled = static_cast<int>(share * width);
  const double wall_s = std::chrono::duration<double>(now - started_).count();
  const bool resumed = resumed_from_s_ >= 0.0;
  const double from_s = resumed ? resumed_from_s_ : start_s_;
  const double speed = wall_s > 0.0 ? (time_s - from_s) / wall_s : 0.0;
  const std::string note = resumed ? " resumed at " + format_time_of_day(resumed_from_s_) : "";
  std::fprintf(stderr, "\r[%s%s] %3.0f%%  %s  en route %8llu  %6.0fx real time%s ",
               std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(),
               share * 100.0, format_time_of_day(time_s).c_str(),
               static_cast<unsigned long long>(en_route), speed, note.c_str());
  std::fflush(stderr);
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace arteria
