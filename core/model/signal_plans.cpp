#include "model/signal_plans.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/float_remainder.hpp"

namespace arteria {

Index SignalPlanTable::add(std::string id, Index node, double cycle_s, double offset_s,
                           std::vector<GreenWindow> windows) {
  std::sort(windows.begin(), windows.end(), [](const GreenWindow& a, const GreenWindow& b) {
    return a.turn != b.turn ? a.turn < b.turn : a.start_s < b.start_s;
  });
  plan_id_.push_back(std::move(id));
  plan_node_.push_back(node);
  plan_cycle_s_.push_back(cycle_s);
  plan_offset_s_.push_back(offset_s);
  windows_.insert(windows_.end(), windows.begin(), windows.end());
  plan_first_window_.push_back(static_cast<Index>(windows_.size()));
  return static_cast<Index>(plan_node_.size() - 1);
}

Index SignalPlanTable::find(Index node, const std::string& id) const {
  for (Index p = 0; p < size(); ++p) {
    if (plan_node_[p] == node && plan_id_[p] == id) return p;
  }
  return invalid_index;
}

bool SignalPlanTable::is_green(Index plan, Index turn, double time_s) const {
  return is_green_at(plan, turn, cycle_position_s(plan, time_s));
}

double SignalPlanTable::cycle_position_s(Index plan, double time_s) const {
  const double cycle = plan_cycle_s_[plan];
  double in_cycle = fmod_exact(time_s - plan_offset_s_[plan], cycle);
  if (in_cycle < 0.0) in_cycle += cycle;
  return in_cycle;
}

bool SignalPlanTable::is_green_at(Index plan, Index turn, double in_cycle) const {
  for (Index w = plan_first_window_[plan]; w < plan_first_window_[plan + 1]; ++w) {
    const GreenWindow& window = windows_[w];
    if (window.turn == turn && in_cycle >= window.start_s && in_cycle < window.end_s) return true;
    if (window.turn > turn) break;
  }
  return false;
}

double SignalPlanTable::red_left_s(Index plan, Index turn, double in_cycle) const {
  const double cycle = plan_cycle_s_[plan];
  double left = std::numeric_limits<double>::infinity();
  for (Index w = plan_first_window_[plan]; w < plan_first_window_[plan + 1]; ++w) {
    const GreenWindow& window = windows_[w];
    if (window.turn > turn) break;
    // A window that starts at or past the cycle's end, or ends where it starts, is never green.
    if (window.turn != turn || window.start_s >= cycle || window.end_s <= window.start_s) continue;
    if (in_cycle >= window.start_s && in_cycle < window.end_s) return 0.0;
    const double start = window.start_s > in_cycle ? window.start_s : window.start_s + cycle;
    left = std::min(left, start - in_cycle);
  }
  return left;
}

double SignalPlanTable::green_share(Index plan, Index turn) const {
  double green = 0.0;
  for (Index w = plan_first_window_[plan]; w < plan_first_window_[plan + 1]; ++w) {
    if (windows_[w].turn == turn) green += windows_[w].end_s - windows_[w].start_s;
  }
  return green / plan_cycle_s_[plan];
}

}  // namespace arteria
