#include "output/link_ranking.hpp"

#include <algorithm>
#include <numeric>

#include "base/error.hpp"
#include "output/hdf5_handle.hpp"
#include "output/run_reader.hpp"

namespace arteria {
namespace {

// Seconds each bin covers: bin_s, except a last, partial bin that ends where the run stopped.
std::vector<double> bin_lengths(const std::vector<double>& time_s, double bin_s, double stop_s) {
  std::vector<double> lengths(time_s.size(), bin_s);
  if (!lengths.empty()) lengths.back() = std::clamp(stop_s - time_s.back(), 0.0, bin_s);
  return lengths;
}

std::vector<LinkTotals> read_totals(const std::string& path) {
  const RunSummary summary = read_run_summary(path);  // a complete run, or a clear error
  const h5::QuietErrors quiet;
  const h5::File file = h5::open_file_read_only(path);
  double bin_s = 0.0;
  h5::read_attribute(h5::open_group(file.get(), "/links").get(), "bin_s", bin_s);
  const std::vector<double> seconds =
      bin_lengths(h5::read_doubles(file.get(), "/links/time_s"), bin_s, summary.kpis.stopped_at_s);
  const std::vector<std::string> ids = h5::read_strings(file.get(), "/network/links/id");
  const std::vector<float> length_m = h5::read_floats(file.get(), "/network/links/length_m");
  const std::vector<float> speed = h5::read_floats(file.get(), "/network/links/free_speed_mps");
  const std::vector<float> outflow = h5::read_floats(file.get(), "/links/outflow");
  const std::vector<float> occupancy = h5::read_floats(file.get(), "/links/occupancy");
  const std::size_t links = ids.size();
  if (outflow.size() != seconds.size() * links || occupancy.size() != outflow.size()) {
    throw InputError(path, 0, "/links/outflow", "the series do not have one column per link");
  }
  std::vector<LinkTotals> totals(links);
  for (std::size_t l = 0; l < links; ++l) totals[l].id = ids[l];
  for (std::size_t b = 0; b < seconds.size(); ++b) {
    for (std::size_t l = 0; l < links; ++l) {
      totals[l].flow_veh += outflow[b * links + l];
      totals[l].vehicle_hours += occupancy[b * links + l] * seconds[b] / 3600.0;
    }
  }
  for (std::size_t l = 0; l < links; ++l) {
    totals[l].free_flow_hours = totals[l].flow_veh * length_m[l] / speed[l] / 3600.0;
  }
  return totals;
}

template <class Key>
std::vector<LinkTotals> largest(const std::vector<LinkTotals>& totals, std::size_t count, Key key) {
  std::vector<std::size_t> order(totals.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(totals[a]) > key(totals[b]); });
  order.resize(std::min(count, order.size()));
  std::vector<LinkTotals> out;
  for (const std::size_t l : order) out.push_back(totals[l]);
  return out;
}

}  // namespace

LinkRanking rank_links(const std::string& path, std::size_t count) {
  const std::vector<LinkTotals> totals = read_totals(path);
  return {largest(totals, count, [](const LinkTotals& t) { return t.flow_veh; }),
          largest(totals, count, [](const LinkTotals& t) { return t.delay_hours(); })};
}

}  // namespace arteria
