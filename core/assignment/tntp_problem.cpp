#include "assignment/tntp_problem.hpp"

#include <string>

namespace arteria {

AssignmentProblem tntp_assignment_problem(const TntpNetwork& network, const TntpOdTable& od) {
  AssignmentProblem problem;
  const NetworkSpec& spec = network.spec;
  problem.node_count = static_cast<Index>(spec.nodes.size());
  for (const NodeSpec& node : spec.nodes) problem.node_is_centroid.push_back(node.centroid);
  // Node ids are the TNTP numbers "1".."N" in order (read_tntp_network).
  for (const LinkSpec& link : spec.links) {
    problem.link_from_node.push_back(static_cast<Index>(std::stoul(link.from) - 1));
    problem.link_to_node.push_back(static_cast<Index>(std::stoul(link.to) - 1));
  }
  for (const BprLink& bpr : network.bpr) {
    problem.links.push_back(
        {bpr.free_flow_time, bpr.capacity, bpr.b, bpr.power,
         network.toll_factor * bpr.toll + network.distance_factor * bpr.length});
  }
  problem.seconds_per_cost_unit = network.units.seconds_per_time_unit();
  problem.files.push_back(od.file);
  for (std::size_t i = 0; i < od.pair_count(); ++i) {
    problem.od.push_back({od.origin[i] - 1, od.destination[i] - 1, od.flow[i], {0, od.line[i]}});
  }
  return problem;
}

}  // namespace arteria
