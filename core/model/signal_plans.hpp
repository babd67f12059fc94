// Fixed-time signal plans in compiled form: per plan a cycle and offset, and for each movement
// (turn) the windows of the cycle in which it is green. Plans live in a table so that events and
// Python can switch a node to another plan between steps without touching the network.
#pragma once

#include <string>
#include <vector>

#include "base/ids.hpp"

namespace arteria {

struct GreenWindow {
  Index turn = invalid_index;
  float start_s = 0.0f;  // seconds into the cycle, start inclusive, end exclusive
  float end_s = 0.0f;
};

class SignalPlanTable {
 public:
  // Adds a plan and returns its index. Windows may come in any order.
  Index add(std::string id, Index node, double cycle_s, double offset_s,
            std::vector<GreenWindow> windows);

  Index size() const { return static_cast<Index>(plan_node_.size()); }
  const std::string& id(Index plan) const { return plan_id_[plan]; }
  Index node(Index plan) const { return plan_node_[plan]; }
  double cycle_s(Index plan) const { return plan_cycle_s_[plan]; }
  double offset_s(Index plan) const { return plan_offset_s_[plan]; }
  // Index of the plan named `id` at `node`, or invalid_index.
  Index find(Index node, const std::string& id) const;

  // Whether `turn` is green at absolute time `time_s` under `plan`.
  bool is_green(Index plan, Index turn, double time_s) const;
  // The same in two parts, for a caller that asks about many turns of one plan at one time:
  // where `time_s` falls in the plan's cycle, and whether `turn` is green there.
  double cycle_position_s(Index plan, double time_s) const;
  bool is_green_at(Index plan, Index turn, double cycle_position_s) const;
  // Seconds from `cycle_position_s` to the next start of a green window of `turn` (0 when it is
  // green there, infinity when it never is).
  double red_left_s(Index plan, Index turn, double cycle_position_s) const;
  // Share of the cycle during which `turn` is green (0 when never).
  double green_share(Index plan, Index turn) const;

 private:
  std::vector<std::string> plan_id_;
  std::vector<Index> plan_node_;
  std::vector<double> plan_cycle_s_;
  std::vector<double> plan_offset_s_;
  std::vector<Index> plan_first_window_{0};  // CSR over windows_, sorted by turn within a plan
  std::vector<GreenWindow> windows_;
};

}  // namespace arteria
