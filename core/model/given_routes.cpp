#include "model/given_routes.hpp"

namespace arteria {

std::string resolve_given_route(const Network& network, std::span<const std::string_view> names,
                                std::vector<Index>& links) {
  const std::size_t first = links.size();
  for (const std::string_view name : names) {
    // A route's next link is one its previous link turns into: a few id comparisons find it
    // faster than the id map (a large trip list resolves millions of them).
    Index link = invalid_index;
    if (links.size() > first) {
      const Index from = links.back();
      for (Index t = network.link_first_turn[from]; t < network.link_first_turn[from + 1]; ++t) {
        if (network.link_external_id[network.turn_to_link[t]] == name) {
          link = network.turn_to_link[t];
          break;
        }
      }
    }
    if (link == invalid_index) {
      link = network.find_link(name);
      if (link == invalid_index) return "unknown link '" + std::string(name) + "'";
      if (links.size() > first) {
        return "no allowed turn from link '" + network.link_external_id[links.back()] +
               "' into link '" + std::string(name) + "'";
      }
    }
    links.push_back(link);
  }
  return {};
}

}  // namespace arteria
