#include "model/vehicle_classes.hpp"

#include <algorithm>

namespace arteria {
namespace {

void add_class(VehicleClasses& classes, std::string name, float pcu, float length_m,
               float max_speed_mps, ModeMask mode, std::optional<EmissionClass> emission) {
  classes.name.push_back(std::move(name));
  classes.pcu.push_back(pcu);
  classes.length_m.push_back(length_m);
  classes.max_speed_mps.push_back(max_speed_mps);
  classes.mode.push_back(mode);
  classes.emission.push_back(emission);
  classes.first_banned_link.push_back(static_cast<Index>(classes.banned_links.size()));
}

[[noreturn]] void fail(const VehicleClassSpec& spec, const std::vector<std::string>& files,
                       std::uint32_t line, const std::string& key, const std::string& message) {
  const std::string file = spec.where.file < files.size() ? files[spec.where.file] : "--set";
  throw InputError(file, line, spec.field + "." + key, message);
}

// The links of one `bans` entry: its ids and every link of its road classes, sorted, each once.
std::vector<Index> ban_links(const ClassBanSpec& ban, const VehicleClassSpec& spec,
                             const Network& network, const std::vector<std::string>& files) {
  std::vector<Index> links;
  for (const std::string& id : ban.links) {
    const Index link = network.find_link(id);
    if (link == invalid_index)
      fail(spec, files, ban.line, ban.field + ".links", "unknown link '" + id + "'");
    links.push_back(link);
  }
  for (const std::string& road_class : ban.road_classes) {
    const std::size_t before = links.size();
    for (Index l = 0; l < network.link_count; ++l) {
      if (network.link_road_class_name(l) == road_class) links.push_back(l);
    }
    if (links.size() == before) {
      std::string known;
      for (const std::string& name : network.road_class_names) {
        if (!name.empty()) known += (known.empty() ? "" : ", ") + name;
      }
      fail(spec, files, ban.line, ban.field + ".road_classes",
           "no link has road class '" + road_class +
               "' (the network's: " + (known.empty() ? "none" : known) + ")");
    }
  }
  std::sort(links.begin(), links.end());
  links.erase(std::unique(links.begin(), links.end()), links.end());
  return links;
}

}  // namespace

Index VehicleClasses::find(std::string_view class_name) const {
  for (Index c = 0; c < count(); ++c) {
    if (name[c] == class_name) return c;
  }
  return count();
}

bool VehicleClasses::allows(const Network& network, ClassIndex c, Index l) const {
  if ((network.link_modes[l] & mode[c]) == 0) return false;
  const auto begin = banned_links.begin() + first_banned_link[c];
  const auto end = banned_links.begin() + first_banned_link[c + 1];
  return !std::binary_search(begin, end, l);
}

bool VehicleClasses::allows_at(const Network& network, ClassIndex c, Index l, double time_s) const {
  if (!allows(network, c, l)) return false;
  for (const ClassBan& ban : timed_bans) {
    if (ban.vehicle_class == c && ban.in_force(time_s) &&
        std::binary_search(ban.links.begin(), ban.links.end(), l)) {
      return false;
    }
  }
  return true;
}

std::vector<double> VehicleClasses::ban_changes(ClassIndex c) const {
  std::vector<double> times;
  for (const ClassBan& ban : timed_bans) {
    if (ban.vehicle_class != c) continue;
    times.push_back(ban.from_s);
    times.push_back(ban.to_s);
  }
  std::sort(times.begin(), times.end());
  times.erase(std::unique(times.begin(), times.end()), times.end());
  return times;
}

bool VehicleClasses::restricts(const Network& network, ClassIndex c) const {
  if (first_banned_link[c + 1] > first_banned_link[c]) return true;
  for (const ClassBan& ban : timed_bans) {
    if (ban.vehicle_class == c) return true;
  }
  for (Index l = 0; l < network.link_count; ++l) {
    if ((network.link_modes[l] & mode_car) == 0) continue;
    if ((network.link_modes[l] & mode[c]) == 0) return true;
    if (network.link_free_speed_mps[l] > max_speed_mps[c]) return true;
  }
  return false;
}

VehicleClasses builtin_vehicle_classes() {
  VehicleClasses classes;
  constexpr float kmh = 1.0f / 3.6f;
  add_class(classes, "car", 1.0f, 5.0f, no_speed_limit_mps, mode_car, EmissionClass::petrol_car);
  add_class(classes, "truck", 2.5f, 7.1f, 90.0f * kmh, mode_truck, EmissionClass::diesel_truck);
  add_class(classes, "bus", 2.0f, 12.0f, 100.0f * kmh, mode_bus, EmissionClass::urban_bus);
  add_class(classes, "emergency", 1.0f, 6.5f, no_speed_limit_mps, mode_car,
            EmissionClass::diesel_car);
  add_class(classes, "electric_car", 1.0f, 5.0f, no_speed_limit_mps, mode_car,
            EmissionClass::electric_car);
  return classes;
}

VehicleClasses compile_vehicle_classes(const std::vector<VehicleClassSpec>& specs,
                                       const Network& network,
                                       const std::vector<std::string>& files) {
  VehicleClasses classes = builtin_vehicle_classes();
  std::vector<std::vector<Index>> banned(classes.count());
  for (const VehicleClassSpec& spec : specs) {
    Index c = classes.find(spec.name);
    if (c == classes.count()) {
      if (c >= max_vehicle_classes) {
        fail(spec, files, spec.where.line, "name",
             "more than " + std::to_string(max_vehicle_classes) + " vehicle classes");
      }
      // A new class starts as a car and takes what the table gives.
      add_class(classes, spec.name, 1.0f, 5.0f, no_speed_limit_mps, mode_car,
                EmissionClass::petrol_car);
      banned.emplace_back();
    }
    if (spec.pcu) classes.pcu[c] = static_cast<float>(*spec.pcu);
    if (spec.length_m) classes.length_m[c] = static_cast<float>(*spec.length_m);
    if (spec.max_speed_kmh)
      classes.max_speed_mps[c] = static_cast<float>(*spec.max_speed_kmh / 3.6);
    if (spec.mode) classes.mode[c] = *spec.mode;
    if (spec.emission) classes.emission[c] = *spec.emission;
    for (const std::string& id : spec.banned_links) {
      const Index link = network.find_link(id);
      if (link == invalid_index) {
        fail(spec, files, spec.banned_links_line, "banned_links", "unknown link '" + id + "'");
      }
      banned[c].push_back(link);
    }
    for (const ClassBanSpec& ban : spec.bans) {
      std::vector<Index> links = ban_links(ban, spec, network, files);
      if (!ban.from_s) {
        banned[c].insert(banned[c].end(), links.begin(), links.end());
        continue;
      }
      classes.timed_bans.push_back(
          {static_cast<ClassIndex>(c), *ban.from_s, *ban.to_s, std::move(links)});
    }
  }
  classes.banned_links.clear();
  for (Index c = 0; c < classes.count(); ++c) {
    std::sort(banned[c].begin(), banned[c].end());
    banned[c].erase(std::unique(banned[c].begin(), banned[c].end()), banned[c].end());
    classes.banned_links.insert(classes.banned_links.end(), banned[c].begin(), banned[c].end());
    classes.first_banned_link[c + 1] = static_cast<Index>(classes.banned_links.size());
  }
  return classes;
}

}  // namespace arteria
