// Writer for the native CSV network tables, the inverse of read_csv_network: importers compile
// what they read and hand the Network here, so `arteria run` reads a validated folder.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "base/atomic_text_file.hpp"
#include "base/csv_write.hpp"
#include "formats/native/csv_network.hpp"

namespace arteria {
namespace {

// A table: its header, then rows; whole or not at all under its name (AtomicTextFile).
class TableFile {
 public:
  TableFile(const std::string& path, const char* header) : file_(path) {
    file_.out() << header << '\n';
  }
  std::ofstream& out() { return file_.out(); }
  void close() { file_.commit(); }

 private:
  AtomicTextFile file_;
};

std::string mode_names(ModeMask modes) {
  static constexpr std::pair<ModeMask, const char*> names[] = {{mode_car, "car"},
                                                               {mode_bus, "bus"},
                                                               {mode_truck, "truck"},
                                                               {mode_bike, "bike"},
                                                               {mode_rail, "rail"}};
  std::string text;
  for (const auto& [bit, name] : names) {
    if (modes & bit) text += (text.empty() ? "" : "|") + std::string(name);
  }
  return text;
}

void write_nodes(const Network& net, const std::string& path) {
  TableFile file(path, "id,x_m,y_m,centroid");
  for (Index n = 0; n < net.node_count; ++n) {
    file.out() << csv_field(net.node_external_id[n]) << ',' << format_double(net.node_x_m[n]) << ','
               << format_double(net.node_y_m[n]) << ',' << int{net.node_is_centroid[n]} << '\n';
  }
  file.close();
}

// Geometry is written only when it is more than the straight line between the end nodes,
// which is what compile_network makes of a link without one.
std::string link_geometry(const Network& net, Index link) {
  const Index begin = net.link_first_point[link], end = net.link_first_point[link + 1];
  const Index from = net.link_from_node[link], to = net.link_to_node[link];
  const bool straight = end - begin == 2 && net.point_x_m[begin] == net.node_x_m[from] &&
                        net.point_y_m[begin] == net.node_y_m[from] &&
                        net.point_x_m[begin + 1] == net.node_x_m[to] &&
                        net.point_y_m[begin + 1] == net.node_y_m[to];
  if (straight) return "";
  std::string text;
  for (Index p = begin; p < end; ++p) {
    if (p > begin) text += ';';
    text += format_double(net.point_x_m[p]) + ' ' + format_double(net.point_y_m[p]);
  }
  return text;
}

void write_links(const Network& net, const std::string& path) {
  TableFile file(path,
                 "id,from,to,length_m,lanes,free_speed_mps,capacity_vph,modes,road_class,geometry");
  for (Index l = 0; l < net.link_count; ++l) {
    file.out() << csv_field(net.link_external_id[l]) << ','
               << csv_field(net.node_external_id[net.link_from_node[l]]) << ','
               << csv_field(net.node_external_id[net.link_to_node[l]]) << ','
               << format_float(net.link_length_m[l]) << ',' << format_float(net.link_lanes[l])
               << ',' << format_float(net.link_free_speed_mps[l]) << ','
               << format_float(net.link_capacity_vph[l]) << ',' << mode_names(net.link_modes[l])
               << ',' << csv_field(net.link_road_class_name(l)) << ',' << link_geometry(net, l)
               << '\n';
  }
  file.close();
}

// The turns compile_network's default rule gives `from`, in the order it sorts them.
std::vector<Index> default_turns(const Network& net, Index from) {
  std::vector<Index> turns;
  const Index node = net.link_to_node[from];
  const Index begin = net.node_first_out[node], end = net.node_first_out[node + 1];
  for (Index i = begin; i < end; ++i) {
    const Index to = net.out_links[i];
    const bool u_turn = net.link_to_node[to] == net.link_from_node[from];
    if (!u_turn || end - begin == 1) turns.push_back(to);
  }
  std::sort(turns.begin(), turns.end());
  return turns;
}

// Lane indices as a CSV field: "0 1" for lanes 0 and 1, empty for none.
std::string lane_list(std::uint64_t lanes) {
  std::string text;
  for (int i = 0; i < 64; ++i) {
    if ((lanes >> i & 1) == 0) continue;
    if (!text.empty()) text += ' ';
    text += std::to_string(i);
  }
  return text;
}

// Bans on top of the default rule when that describes the network (the usual case: short
// file), otherwise the full list of movements.
bool write_turns(const Network& net, const std::string& path) {
  std::vector<std::pair<Index, Index>> bans;
  bool subset_of_default = true;
  for (Index from = 0; from < net.link_count && subset_of_default; ++from) {
    const std::vector<Index> defaults = default_turns(net, from);
    std::vector<Index> actual(net.turn_to_link.begin() + net.link_first_turn[from],
                              net.turn_to_link.begin() + net.link_first_turn[from + 1]);
    std::sort(actual.begin(), actual.end());
    subset_of_default =
        std::includes(defaults.begin(), defaults.end(), actual.begin(), actual.end());
    for (Index to : defaults) {
      if (!std::binary_search(actual.begin(), actual.end(), to)) bans.emplace_back(from, to);
    }
  }
  // Lanes (which make the lane groups) are given per movement, so they need the full list.
  const bool lanes = std::any_of(net.turn_from_lanes.begin(), net.turn_from_lanes.end(),
                                 [](std::uint64_t l) { return l != 0; });
  if (subset_of_default && bans.empty() && !lanes) return false;
  if (subset_of_default && !lanes) {
    TableFile file(path, "from_link,to_link,allowed");
    for (const auto& [from, to] : bans) {
      file.out() << csv_field(net.link_external_id[from]) << ','
                 << csv_field(net.link_external_id[to]) << ",0\n";
    }
    file.close();
    return true;
  }
  TableFile file(path,
                 lanes ? "from_link,to_link,allowed,from_lanes" : "from_link,to_link,allowed");
  for (Index t = 0; t < net.turn_count; ++t) {
    file.out() << csv_field(net.link_external_id[net.turn_from_link[t]]) << ','
               << csv_field(net.link_external_id[net.turn_to_link[t]]) << ",1";
    if (lanes) file.out() << ',' << lane_list(net.turn_from_lanes[t]);
    file.out() << '\n';
  }
  file.close();
  return true;
}

// The movements at `node` in in-link order, and per movement whether a plan makes it green.
class PlanProbe {
 public:
  PlanProbe(const Network& net, Index plan) : net_(net), plan_(plan) {
    const Index node = net.signal_plans.node(plan);
    for (Index i = net.node_first_in[node]; i < net.node_first_in[node + 1]; ++i) {
      const Index link = net.in_links[i];
      for (Index t = net.link_first_turn[link]; t < net.link_first_turn[link + 1]; ++t) {
        turns_.push_back(t);
      }
    }
  }
  std::vector<char> green_at(double time_s) const {
    std::vector<char> green(turns_.size());
    for (std::size_t i = 0; i < turns_.size(); ++i) {
      green[i] = net_.signal_plans.is_green(plan_, turns_[i], time_s) ? 1 : 0;
    }
    return green;
  }
  // `FROM` when every movement out of a link is green, else `FROM>TO` per green movement.
  std::string describe(const std::vector<char>& green) const {
    std::string text;
    auto append = [&text](const std::string& token) { text += (text.empty() ? "" : ";") + token; };
    for (std::size_t i = 0; i < turns_.size();) {
      const Index from = net_.turn_from_link[turns_[i]];
      std::size_t end = i;
      bool all = true;
      while (end < turns_.size() && net_.turn_from_link[turns_[end]] == from)
        all &= green[end++] != 0;
      if (all) {
        append(net_.link_external_id[from]);
      } else {
        for (std::size_t j = i; j < end; ++j) {
          if (green[j]) {
            append(net_.link_external_id[from] + ">" +
                   net_.link_external_id[net_.turn_to_link[turns_[j]]]);
          }
        }
      }
      i = end;
    }
    return text;
  }

 private:
  const Network& net_;
  Index plan_;
  std::vector<Index> turns_;
};

struct RecoveredPhase {
  double start_s;  // into the cycle
  std::vector<char> green;
};

// The table keeps green windows, not phases: scan the cycle every 0.1 s and bisect each change
// down to the exact float boundary the compiler stored, so durations read back bit for bit.
std::vector<RecoveredPhase> recover_phases(const Network& net, Index plan, const PlanProbe& probe) {
  const double cycle = net.signal_plans.cycle_s(plan);
  const double offset = net.signal_plans.offset_s(plan);
  auto in_cycle = [&](double t) {
    const double x = std::fmod(t - offset, cycle);
    return x < 0.0 ? x + cycle : x;
  };
  std::vector<RecoveredPhase> phases{{0.0, probe.green_at(offset)}};
  const double scan_step = 0.1;
  const auto samples = static_cast<long>(std::ceil(cycle / scan_step));
  double lo = offset;
  for (long k = 1; k <= samples; ++k) {
    // The last sample stops just short of the cycle end, where the time wraps to phase 0.
    const double hi = k < samples
                          ? offset + cycle * static_cast<double>(k) / static_cast<double>(samples)
                          : offset + cycle - std::min(1e-3, scan_step / 2);
    const std::vector<char> green = probe.green_at(hi);
    while (green != phases.back().green) {
      double a = lo, b = hi;
      for (double mid = a + (b - a) / 2; mid > a && mid < b; mid = a + (b - a) / 2) {
        (probe.green_at(mid) == phases.back().green ? a : b) = mid;
      }
      const auto boundary = static_cast<double>(static_cast<float>(in_cycle(b)));
      if (cycle - boundary < 1e-3) break;  // float rounding of the cycle end, not a phase
      phases.push_back({boundary, probe.green_at(b)});
      lo = b;
    }
    lo = hi;
  }
  return phases;
}

}  // namespace

void write_csv_signals(const Network& network, const std::string& path) {
  TableFile file(path, "node,plan,offset_s,phase,duration_s,green,initial");
  const SignalPlanTable& plans = network.signal_plans;
  for (Index plan = 0; plan < plans.size(); ++plan) {
    const Index node = plans.node(plan);
    const PlanProbe probe(network, plan);
    const std::vector<RecoveredPhase> phases = recover_phases(network, plan, probe);
    const bool initial = network.node_initial_plan[node] == plan;
    for (std::size_t p = 0; p < phases.size(); ++p) {
      const double end_s = p + 1 < phases.size() ? phases[p + 1].start_s : plans.cycle_s(plan);
      file.out() << csv_field(network.node_external_id[node]) << ',' << csv_field(plans.id(plan))
                 << ',' << format_double(plans.offset_s(plan)) << ',' << p + 1 << ','
                 << format_double(end_s - phases[p].start_s) << ','
                 << csv_field(probe.describe(phases[p].green)) << ',' << (initial ? 1 : 0) << '\n';
    }
  }
  file.close();
}

CsvNetworkFiles write_csv_network(const Network& network, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error(dir + ": cannot create the folder: " + error.message());
  const std::filesystem::path folder(dir);
  CsvNetworkFiles files;
  files.nodes = (folder / "nodes.csv").string();
  files.links = (folder / "links.csv").string();
  write_nodes(network, files.nodes);
  write_links(network, files.links);
  // A table left from an earlier export would be read with the new ones: remove it.
  const std::string turns = (folder / "turns.csv").string();
  if (write_turns(network, turns)) {
    files.turns = turns;
  } else {
    std::filesystem::remove(turns, error);
  }
  const std::string signals = (folder / "signals.csv").string();
  if (network.signal_plans.size() > 0) {
    files.signals = signals;
    write_csv_signals(network, files.signals);
  } else {
    std::filesystem::remove(signals, error);
  }
  return files;
}

}  // namespace arteria
