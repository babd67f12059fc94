// Nodes drawn as trip ends with weights: a node weighs the capacity of the links that meet there
// (arterial junctions attract more trips than cul-de-sacs), or 1 each. Used by the random demand
// and the freight source's city ends.
#pragma once

#include <vector>

#include "base/ids.hpp"
#include "model/network.hpp"

namespace arteria {

// Per node: 0 unless some link admitting `modes` leaves it and some enters it (a trip must be
// able to start and end there); else the capacity of every link meeting there, or 1 when not
// `by_capacity`.
std::vector<double> node_weights(const Network& network, ModeMask modes, bool by_capacity);

// Draws a node with probability proportional to its weight from u in [0, 1).
class WeightedNodes {
 public:
  explicit WeightedNodes(const std::vector<double>& weight);
  double total() const { return cumulative_.empty() ? 0.0 : cumulative_.back(); }
  Index pick(double u) const;

 private:
  std::vector<double> cumulative_;
};

}  // namespace arteria
