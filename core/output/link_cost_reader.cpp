// read_link_cost_series(): a run's /links series turned into per-bin link travel times.
#include "output/link_cost_reader.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/error.hpp"
#include "output/hdf5_handle.hpp"
#include "output/link_matching.hpp"
#include "output/run_reader.hpp"

namespace arteria {
namespace {

constexpr const char* ids_path = "/network/links/id";

LinkCostSeries read_costs(const std::string& h5_path, const Network& network) {
  const RunSummary summary = read_run_summary(h5_path);  // a complete run, or a clear error
  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(h5_path);
  const std::vector<Index> link =
      match_links_by_id(h5_path, h5::read_strings(file.get(), ids_path), network, "run");
  const std::size_t file_links = link.size();
  const std::size_t bins = summary.bin_count;
  if (bins == 0) throw InputError(h5_path, 0, "/links/time_s", "the run has no bins");

  double bin_s = 0.0;
  h5::read_attribute(h5::open_group(file.get(), "/links").get(), "bin_s", bin_s);
  const std::vector<double> time_s = h5::read_doubles(file.get(), "/links/time_s");
  const std::vector<float> length_m = h5::read_floats(file.get(), "/network/links/length_m");
  const std::vector<float> speed = h5::read_floats(file.get(), "/links/mean_speed_mps");
  const std::vector<float> queue = h5::read_floats(file.get(), "/links/queue_veh");
  if (length_m.size() != file_links) {
    throw InputError(h5_path, 0, "/network/links/length_m",
                     "has " + std::to_string(length_m.size()) + " rows for " +
                         std::to_string(file_links) + " links in " + ids_path);
  }
  for (const auto* series : {&speed, &queue}) {
    if (series->size() != bins * file_links) {
      throw InputError(h5_path, 0, series == &speed ? "/links/mean_speed_mps" : "/links/queue_veh",
                       "is not [bin, link] with " + std::to_string(bins) + " bins and " +
                           std::to_string(file_links) + " links");
    }
  }

  LinkCostSeries costs;
  costs.link_count = network.link_count;
  costs.start_s = time_s.front();
  costs.bin_s = bin_s;
  costs.cost_s.resize(bins * network.link_count);
  for (std::size_t f = 0; f < file_links; ++f) {
    const Index l = link[f];
    const double free_flow_s = network.link_length_m[l] / network.link_free_speed_mps[l];
    double previous_s = free_flow_s;
    for (std::size_t b = 0; b < bins; ++b) {
      const double time =
          experienced_link_time_s(length_m[f], free_flow_s, speed[b * file_links + f],
                                  queue[b * file_links + f], previous_s, bin_s);
      costs.cost_s[b * network.link_count + l] = static_cast<float>(time);
      previous_s = time;
    }
  }
  return costs;
}

}  // namespace

LinkCostSeries read_link_cost_series(const std::string& h5_path, const Network& network) {
  return h5::read_user_file(h5_path, [&] { return read_costs(h5_path, network); });
}

}  // namespace arteria
