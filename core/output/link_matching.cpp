#include "output/link_matching.hpp"

#include "base/error.hpp"

namespace arteria {

std::vector<Index> match_links_by_id(const std::string& h5_path,
                                     const std::vector<std::string>& ids, const Network& network,
                                     const std::string& made_by) {
  constexpr const char* ids_path = "/network/links/id";
  std::vector<Index> link(ids.size());
  std::vector<char> seen(network.link_count, 0);
  for (std::size_t f = 0; f < ids.size(); ++f) {
    link[f] = network.find_link(ids[f]);
    if (link[f] == invalid_index) {
      throw InputError(h5_path, 0, ids_path,
                       "the " + made_by + "'s link '" + ids[f] +
                           "' is not in the scenario's network: the " + made_by +
                           " was made on another network");
    }
    seen[link[f]] = 1;
  }
  for (Index l = 0; l < network.link_count; ++l) {
    if (!seen[l]) {
      throw InputError(h5_path, 0, ids_path,
                       "the scenario's link '" + network.link_external_id[l] + "' is not in the " +
                           made_by + ": the " + made_by + " was made on another network");
    }
  }
  return link;
}

}  // namespace arteria
