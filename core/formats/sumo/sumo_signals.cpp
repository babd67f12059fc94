// Internal to the SUMO importers: tlLogic programs to fixed-time plans. A SUMO light may control
// several junctions; Arteria plans are per node, so each program becomes one plan per junction
// with the same phases and offset, which keeps the junctions coordinated as SUMO runs them.
#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "formats/sumo/sumo_signals.hpp"

namespace arteria::sumo_signals {
namespace {

constexpr std::string_view signal_states = "rRyYgGuosO";

// Open: every state but red ('r', 'R') and red-yellow ('u'), as in SUMO, whose links are closed
// only by those two (MSLink::haveRed): 'G' (priority) and 'g' (yielding), 's' (green after a
// stop), 'o'/'O' (light switched off: drivers go by right of way) and yellow ('y', 'Y'), which
// SUMO's meso model lets vehicles pass like green. Counted as red, yellow put Ingolstadt's mean
// travel time at 254 s against SUMO meso's 206 s on the same programs (214 s as green).
bool is_green(char state) {
  return state != 'r' && state != 'R' && state != 'u';
}

}  // namespace

void add_program(const sumo_xml::XmlFile& xml, pugi::xml_node logic, std::uint32_t file,
                 bool must_be_known, SumoNetwork& network) {
  SumoSignalProgram program;
  program.tls = xml.text(logic, "id");
  program.program = logic.attribute("programID") ? xml.text(logic, "programID") : "0";
  program.offset_s = xml.optional_time(logic, "offset").value_or(0.0);
  program.where = {file, static_cast<std::uint32_t>(xml.line(logic))};
  const auto count = network.signal_link_count.find(program.tls);
  if (count == network.signal_link_count.end()) {
    if (must_be_known) {
      xml.fail(logic, "id",
               "the network has no connection controlled by traffic light '" + program.tls + "'");
    }
    return;
  }
  for (const pugi::xml_node phase : logic.children("phase")) {
    const double duration_s = xml.time(phase, "duration");
    if (!(duration_s > 0.0)) xml.fail(phase, "duration", "phase duration must be positive");
    std::string state = xml.text(phase, "state");
    if (state.find_first_not_of(signal_states) != std::string::npos) {
      xml.fail(phase, "state",
               "'" + state + "' holds a signal other than " + std::string(signal_states));
    }
    if (state.size() < count->second) {
      xml.fail(phase, "state",
               "'" + state + "' has " + std::to_string(state.size()) +
                   " signals but traffic light '" + program.tls + "' controls link index " +
                   std::to_string(count->second - 1));
    }
    program.durations_s.push_back(duration_s);
    program.states.push_back(std::move(state));
  }
  if (program.states.empty()) xml.fail(logic, "phase", "traffic-light program has no phases");
  ++network.report.signal_programs;
  const std::string type = logic.attribute("type").value();
  if (!type.empty() && type != "static") ++network.report.non_static_programs;
  auto& programs = network.programs;
  programs.erase(std::remove_if(programs.begin(), programs.end(),
                                [&](const SumoSignalProgram& other) {
                                  return other.tls == program.tls &&
                                         other.program == program.program;
                                }),
                 programs.end());
  programs.push_back(std::move(program));
}

namespace {

// The turns out of the links into each junction, in turn order: found once per install_plans,
// as scanning every turn for every junction took seconds on a 3,600-light grid.
std::unordered_map<std::string, std::vector<std::size_t>> turns_by_junction(
    const SumoNetwork& network) {
  std::unordered_map<std::string_view, std::string_view> link_to;
  for (const LinkSpec& link : network.spec.links) link_to.emplace(link.id, link.to);
  std::unordered_map<std::string, std::vector<std::size_t>> turns;
  for (std::size_t t = 0; t < network.spec.turns.size(); ++t) {
    const auto to = link_to.find(network.spec.turns[t].from_link);
    if (to != link_to.end()) turns[std::string(to->second)].push_back(t);
  }
  return turns;
}

// Movements at `junction` that no link index of the light controls: SUMO marks their
// connections uncontrolled="1" (e.g. a free right turn, or a through road the light only
// meters from the side), and they may go whatever the light shows. Arteria's plans list what
// is green, so these are added to every phase; otherwise they would never be served.
std::vector<TurnSpec> uncontrolled_turns(
    const SumoNetwork& network, const std::string& junction,
    const std::vector<SumoSignalLink>& links,
    const std::unordered_map<std::string, std::vector<std::size_t>>& turns_into) {
  std::set<std::pair<std::string, std::string>> controlled;
  for (const SumoSignalLink& link : links) {
    if (link.junction == junction) controlled.emplace(link.from_edge, link.to_edge);
  }
  std::vector<TurnSpec> free;
  const auto turns = turns_into.find(junction);
  if (turns == turns_into.end()) return free;
  std::set<std::pair<std::string, std::string>> seen;
  for (const std::size_t t : turns->second) {
    const TurnSpec& turn = network.spec.turns[t];
    const std::pair<std::string, std::string> key{turn.from_link, turn.to_link};
    if (controlled.count(key) == 0 && seen.insert(key).second) free.push_back(turn);
  }
  return free;
}

}  // namespace

void install_plans(SumoNetwork& network) {
  auto& plans = network.spec.signal_plans;
  plans.clear();
  std::unordered_map<std::string, std::size_t> last_program;
  const auto turns_into = turns_by_junction(network);
  for (std::size_t i = 0; i < network.programs.size(); ++i) {
    last_program[network.programs[i].tls] = i;
  }
  for (std::size_t i = 0; i < network.programs.size(); ++i) {
    const SumoSignalProgram& program = network.programs[i];
    const std::vector<SumoSignalLink>& links = network.signal_links[program.tls];
    std::vector<std::string> junctions;  // in order of their first link index: deterministic
    for (const SumoSignalLink& link : links) {
      if (!link.from_edge.empty() &&
          std::find(junctions.begin(), junctions.end(), link.junction) == junctions.end()) {
        junctions.push_back(link.junction);
      }
    }
    for (const std::string& junction : junctions) {
      const std::vector<TurnSpec> always_green =
          uncontrolled_turns(network, junction, links, turns_into);
      SignalPlanSpec plan;
      plan.id = program.program;
      plan.node = junction;
      plan.offset_s = program.offset_s;
      plan.initial = last_program[program.tls] == i;
      plan.where = program.where;
      for (std::size_t p = 0; p < program.states.size(); ++p) {
        SignalPhaseSpec phase;
        phase.duration_s = program.durations_s[p];
        // A movement is green when any of its lane connections is: vehicles then flow through.
        std::set<std::pair<std::string, std::string>> green;
        for (std::size_t k = 0; k < links.size(); ++k) {
          const SumoSignalLink& link = links[k];
          if (link.junction != junction || link.from_edge.empty()) continue;
          if (!is_green(program.states[p][k])) continue;
          if (green.emplace(link.from_edge, link.to_edge).second) {
            phase.green.push_back({link.from_edge, link.to_edge, program.where});
          }
        }
        phase.green.insert(phase.green.end(), always_green.begin(), always_green.end());
        plan.phases.push_back(std::move(phase));
      }
      plans.push_back(std::move(plan));
    }
  }
}

}  // namespace arteria::sumo_signals
