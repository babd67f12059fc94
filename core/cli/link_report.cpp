#include "cli/link_report.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

#include "cli/completion_report.hpp"
#include "output/link_ranking.hpp"

namespace arteria::cli {
namespace {

void print_table(const char* title, const std::vector<LinkTotals>& links) {
  std::printf("\n%s\n", title);
  std::printf("%-24s %14s %16s %16s %14s\n", "link", "vehicles", "vehicle-hours",
              "at free flow (h)", "delay (veh-h)");
  for (const LinkTotals& t : links) {
    std::printf("%-24s %14s %16.1f %16.1f %14.1f\n", t.id.c_str(),
                with_separators(static_cast<std::uint64_t>(std::llround(t.flow_veh))).c_str(),
                t.vehicle_hours, t.free_flow_hours, t.delay_hours());
  }
}

}  // namespace

void print_top_links(const std::string& path, std::size_t count) {
  const LinkRanking ranking = rank_links(path, count);
  print_table("busiest links (vehicles that passed through, whole run):", ranking.busiest);
  print_table(
      "most delayed links (delay = vehicle-hours on the link above those at free-flow speed):",
      ranking.most_delayed);
}

}  // namespace arteria::cli
