// An independent check of the journey planner: the timetable as a time-expanded graph (one
// arrival and one departure node per call, one waiting node per stop and departure time) searched
// by plain reachability. Slow and simple on purpose; it shares no code with the planner.
#pragma once

#include <cstdint>
#include <vector>

#include "model/timetable.hpp"
#include "routing/journey_planner.hpp"

namespace arteria::test {

class ToyTimeExpanded {
 public:
  ToyTimeExpanded(const Timetable& timetable, const PlannerParams& params);

  // Earliest arrival at the destination point (+infinity when unreachable).
  double earliest_arrival(const std::vector<StopWalk>& from, const std::vector<StopWalk>& to,
                          double depart_s) const;
  // Earliest arrival at every stop (+infinity when unreachable).
  std::vector<double> earliest_arrivals(const std::vector<StopWalk>& from, double depart_s) const;

 private:
  std::vector<std::uint8_t> reach(const std::vector<StopWalk>& from, double depart_s) const;
  std::uint32_t first_wait_node(Index stop, double time_s) const;  // UINT32_MAX: none

  const Timetable& timetable_;
  std::uint32_t call_nodes_ = 0;                   // arrival node 2c, departure node 2c + 1
  std::vector<std::uint32_t> stop_first_wait_{0};  // waiting nodes of stop s, by time
  std::vector<double> wait_time_s_;
  std::vector<std::uint32_t> first_edge_;  // CSR over all nodes
  std::vector<std::uint32_t> edge_head_;
  // Walks between stops (all pairs within the limit, found without any spatial index).
  std::vector<std::vector<std::pair<Index, double>>> walks_;
};

}  // namespace arteria::test
