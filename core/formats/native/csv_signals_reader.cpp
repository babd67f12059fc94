// Reader for signals.csv: fixed-time plans given one phase per row, grouped into plans by
// (node, plan). Movements are checked against the links here so errors name the phase's row.

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "base/csv.hpp"
#include "formats/native/csv_network.hpp"

namespace arteria {
namespace {

struct LinkEnds {
  std::string from;
  std::string to;
};

struct PlanRows {
  std::size_t plan = 0;  // index into spec.signal_plans
  std::map<long, SignalPhaseSpec> phases;
  std::optional<bool> initial;  // as the rows give it
};

class SignalsReader {
 public:
  SignalsReader(const std::string& path, NetworkSpec& spec)
      : in_(path, {"node", "plan", "offset_s", "phase", "duration_s", "green"}, {"initial"}),
        spec_(spec),
        file_(spec.add_file(path)) {
    for (const LinkSpec& link : spec.links) links_.emplace(link.id, LinkEnds{link.from, link.to});
  }

  void read() {
    while (in_.next()) read_row();
    for (auto& [key, rows] : plans_) {
      SignalPlanSpec& plan = spec_.signal_plans[rows.plan];
      for (auto& [number, phase] : rows.phases) plan.phases.push_back(std::move(phase));
    }
    choose_initial_plans();
  }

 private:
  void read_row() {
    const std::string node = in_.text("node");
    const std::string name = in_.text("plan");
    const double offset_s = in_.in_range("offset_s", valid::signal_offset_s);
    const double phase_number = in_.in_range("phase", valid::signal_phase_number);
    if (phase_number != std::floor(phase_number)) in_.fail("phase", "must be a whole number");
    const std::optional<bool> initial = read_initial();

    auto [it, is_new] = plans_.try_emplace(node + '\n' + name);
    PlanRows& rows = it->second;
    if (is_new) {
      rows.plan = spec_.signal_plans.size();
      SignalPlanSpec plan;
      plan.id = name;
      plan.node = node;
      plan.offset_s = offset_s;
      plan.where = {file_, static_cast<std::uint32_t>(in_.line())};
      spec_.signal_plans.push_back(std::move(plan));
      node_plans_[node].push_back(rows.plan);
    } else if (spec_.signal_plans[rows.plan].offset_s != offset_s) {
      in_.fail("offset_s", "plan '" + name + "' at node '" + node +
                               "' has another offset on line " +
                               std::to_string(spec_.signal_plans[rows.plan].where.line) +
                               "; every row of a plan gives the same offset");
    }
    if (initial) {
      if (rows.initial && *rows.initial != *initial) {
        in_.fail("initial", "rows of plan '" + name + "' disagree on whether it is initial");
      }
      rows.initial = initial;
    }

    SignalPhaseSpec phase;
    phase.duration_s = in_.in_range("duration_s", valid::signal_phase_s);
    phase.green = read_green(node);
    if (!rows.phases.emplace(static_cast<long>(phase_number), std::move(phase)).second) {
      in_.fail("phase", "plan '" + name + "' at node '" + node + "' already has a phase " +
                            std::to_string(static_cast<long>(phase_number)));
    }
  }

  std::optional<bool> read_initial() const {
    if (!in_.has_column("initial")) return std::nullopt;
    const auto text = in_.optional_text("initial");
    if (!text) return std::nullopt;
    if (*text == "1" || *text == "true") return true;
    if (*text == "0" || *text == "false") return false;
    in_.fail("initial", "'" + *text + "' is not a flag; write 1 or 0");
  }

  bool enters(const std::string& link, const std::string& node) const {
    const auto it = links_.find(link);
    return it != links_.end() && it->second.to == node;
  }
  bool leaves(const std::string& link, const std::string& node) const {
    const auto it = links_.find(link);
    return it != links_.end() && it->second.from == node;
  }

  // Link ids may themselves hold '>' (generated grids name links "FROM>TO"), so a movement is
  // split at the '>' whose two sides are a link into the node and a link out of it.
  TurnSpec resolve_movement(const std::string& token, const std::string& node) const {
    const SourceRef where{file_, static_cast<std::uint32_t>(in_.line())};
    if (enters(token, node)) return {token, "", where};
    for (std::size_t gt = token.find('>'); gt != std::string::npos; gt = token.find('>', gt + 1)) {
      const std::string from = token.substr(0, gt), to = token.substr(gt + 1);
      if (enters(from, node) && leaves(to, node)) return {from, to, where};
    }
    if (links_.count(token)) {
      in_.fail("green", "link '" + token + "' does not enter node '" + node + "' (it ends at '" +
                            links_.at(token).to + "')");
    }
    for (std::size_t gt = token.find('>'); gt != std::string::npos; gt = token.find('>', gt + 1)) {
      const std::string from = token.substr(0, gt), to = token.substr(gt + 1);
      if (!links_.count(from) || !links_.count(to)) continue;
      if (!enters(from, node)) {
        in_.fail("green", "link '" + from + "' does not enter node '" + node + "' (it ends at '" +
                              links_.at(from).to + "')");
      }
      in_.fail("green", "link '" + to + "' does not leave node '" + node + "' (it starts at '" +
                            links_.at(to).from + "')");
    }
    in_.fail("green",
             "'" + token + "' names no known link; a movement is FROM_LINK>TO_LINK or FROM_LINK");
  }

  std::vector<TurnSpec> read_green(const std::string& node) const {
    std::vector<TurnSpec> green;
    const std::string text = in_.optional_text("green").value_or("");
    std::size_t begin = 0;
    while (begin <= text.size()) {
      std::size_t end = text.find(';', begin);
      if (end == std::string::npos) end = text.size();
      std::string token = text.substr(begin, end - begin);
      token.erase(0, token.find_first_not_of(" \t"));
      token.erase(token.find_last_not_of(" \t") + 1);
      if (!token.empty()) green.push_back(resolve_movement(token, node));
      begin = end + 1;
    }
    return green;
  }

  // A node starts with the plan marked initial, or else with the first unmarked plan listed.
  void choose_initial_plans() {
    std::unordered_map<std::size_t, std::optional<bool>> marked;
    for (const auto& [key, rows] : plans_) marked[rows.plan] = rows.initial;
    for (const auto& [node, plans] : node_plans_) {
      const bool any_marked_initial = std::any_of(
          plans.begin(), plans.end(), [&](std::size_t p) { return marked[p].value_or(false); });
      bool chosen = any_marked_initial;
      for (std::size_t p : plans) {
        if (marked[p]) {
          spec_.signal_plans[p].initial = *marked[p];
        } else {
          spec_.signal_plans[p].initial = !chosen;
          chosen = true;
        }
      }
    }
  }

  CsvReader in_;
  NetworkSpec& spec_;
  std::uint32_t file_;
  std::unordered_map<std::string, LinkEnds> links_;
  std::map<std::string, PlanRows> plans_;
  std::map<std::string, std::vector<std::size_t>> node_plans_;
};

}  // namespace

void read_csv_signals(const std::string& path, NetworkSpec& spec) {
  SignalsReader(path, spec).read();
}

}  // namespace arteria
