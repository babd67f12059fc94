#include "run/checkpoints.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "base/error.hpp"
#include "base/text.hpp"

namespace arteria {

std::optional<double> parse_checkpoint_interval(std::string_view text) {
  static constexpr std::pair<char, double> units[] = {{'h', 3600.0}, {'m', 60.0}, {'s', 1.0}};
  std::optional<double> seconds;
  for (const auto& [unit, scale] : units) {
    if (!text.empty() && text.back() == unit) {
      const std::optional<double> count = parse_number(text.substr(0, text.size() - 1));
      if (count) seconds = *count * scale;
    }
  }
  if (!seconds) seconds = parse_time_of_day(text);
  if (!seconds || !(*seconds > 0.0)) return std::nullopt;
  return seconds;
}

CheckpointIdentity checkpoint_identity(const Scenario& scenario) {
  CheckpointIdentity identity;
  identity.engine_version = ARTERIA_VERSION;
  identity.scenario_name = scenario.name;
  identity.scenario_sha256 = scenario.sha256;
  identity.seed = scenario.sim.seed;
  for (const std::string& line : scenario.overrides) {
    identity.overrides += (identity.overrides.empty() ? "" : "\n") + line;
  }
  return identity;
}

std::string checkpoint_path(const std::string& dir, const std::string& scenario_name,
                            double time_s) {
  std::string name = scenario_name.empty() ? "scenario" : scenario_name;
  for (char& c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
    if (!plain) c = '_';
  }
  const auto seconds = static_cast<long long>(std::llround(time_s));
  char clock[64];
  std::snprintf(clock, sizeof clock, "-%02lld%02lld%02lld.ckpt.h5", seconds / 3600,
                seconds / 60 % 60, seconds % 60);
  return (std::filesystem::path(dir) / (name + clock)).string();
}

SimSnapshot load_checkpoint(const std::string& path, std::shared_ptr<const Scenario> scenario,
                            std::vector<LinkBin>& bins) {
  Checkpoint checkpoint = read_checkpoint(path);
  const std::vector<std::string> differences =
      identity_differences(checkpoint.identity, checkpoint_identity(*scenario));
  if (!differences.empty()) {
    std::string text = "the checkpoint belongs to another run:";
    for (const std::string& line : differences) text += "\n  " + line;
    throw InputError(path, 0, differences.front().substr(0, differences.front().find(':')), text);
  }
  SimSnapshot snapshot{std::move(scenario), std::move(checkpoint.state), checkpoint.bin_start_s};
  // Not in the file: no event changes the plan table, so it is the network's.
  snapshot.state.signals.plans = snapshot.scenario->network.signal_plans;
  bins = std::move(checkpoint.bins);
  return snapshot;
}

CheckpointSchedule::CheckpointSchedule(const Scenario& scenario, CheckpointOptions options,
                                       double from_s)
    : options_(std::move(options)),
      identity_(checkpoint_identity(scenario)),
      scenario_name_(scenario.name) {
  if (!enabled()) return;
  next_s_ = (std::floor(from_s / options_.every_s + 1e-9) + 1.0) * options_.every_s;
  std::filesystem::create_directories(options_.dir);
}

std::string CheckpointSchedule::write(const Simulation& sim, const std::vector<LinkBin>& bins) {
  const auto started = std::chrono::steady_clock::now();
  const std::string path = checkpoint_path(options_.dir, scenario_name_, sim.time_s());
  write_checkpoint(path, identity_, sim.state(), sim.bin_start_s(), bins);
  written_.push_back(path);
  kept_.push_back(path);
  while (options_.keep > 0 && kept_.size() > options_.keep) {
    std::filesystem::remove(kept_.front());
    kept_.pop_front();
  }
  while (next_s_ <= sim.time_s() + 1e-9) next_s_ += options_.every_s;
  wall_s_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return path;
}

}  // namespace arteria
