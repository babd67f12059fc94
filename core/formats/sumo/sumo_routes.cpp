// Reads SUMO demand (.rou.xml and the vehicles of additional files) into a Demand: vehicles with
// routes, trips between edges or junctions, flows, and vehicle-type and route distributions.
#include <algorithm>
#include <cmath>
#include <memory>
#include <unordered_map>

#include "base/rng.hpp"
#include "formats/sumo/sumo_reader.hpp"
#include "formats/sumo/sumo_xml.hpp"

namespace arteria {
namespace {

using sumo_xml::XmlFile;

// The queue space of SUMO's default car (5 m long, 2.5 m gap), one passenger-car unit.
constexpr double car_space_m = 7.5;

// SUMO's default length per vehicle class (m), for types that do not give one.
double default_length_m(const std::string& vehicle_class) {
  if (vehicle_class == "bus") return 12.0;
  if (vehicle_class == "coach") return 14.0;
  if (vehicle_class == "truck") return 7.1;
  if (vehicle_class == "trailer") return 16.5;
  if (vehicle_class == "delivery" || vehicle_class == "emergency") return 6.5;
  if (vehicle_class == "motorcycle") return 2.2;
  if (vehicle_class == "moped") return 2.1;
  if (vehicle_class == "bicycle") return 1.6;
  if (vehicle_class == "tram") return 22.0;
  if (vehicle_class == "rail_urban") return 36.5;
  if (vehicle_class == "rail") return 67.5;
  if (vehicle_class == "rail_electric" || vehicle_class == "rail_fast") return 25.0;
  return 5.0;
}

// The built-in vehicle class (model/vehicle_classes.hpp) of a SUMO vClass: trucks, buses and
// emergency vehicles by their own, battery-electric cars as electric cars, the rest as cars.
ClassIndex class_of_vclass(const std::string& vehicle_class) {
  if (vehicle_class == "truck" || vehicle_class == "trailer") return truck_class;
  if (vehicle_class == "bus" || vehicle_class == "coach") return bus_class;
  if (vehicle_class == "emergency") return emergency_class;
  if (vehicle_class == "evehicle") return electric_car_class;
  return car_class;
}

struct VehicleType {
  std::string vehicle_class;
  ClassIndex class_index = car_class;
  float pcu = 1.0f;
  double probability = 1.0;  // its weight when a distribution lists it by id
};

// A member's weight in a distribution: a non-negative probability, 1 when not given.
double weight_of(const XmlFile& xml, pugi::xml_node node) {
  const double weight = xml.number_or(node, "probability", 1.0);
  if (!(weight >= 0.0)) xml.fail(node, "probability", "must not be negative");
  return weight;
}

// A choice among names with weights, drawn by the counter-based generator.
struct Distribution {
  std::vector<std::string> names;
  std::vector<double> cumulative;

  void add(std::string name, double weight) {
    names.push_back(std::move(name));
    cumulative.push_back((cumulative.empty() ? 0.0 : cumulative.back()) + weight);
  }
  const std::string& pick(std::uint64_t seed, std::uint64_t entity, RandomPurpose purpose) const {
    const double u = random_unit(seed, entity, 0, purpose) * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
    return names[std::min<std::size_t>(static_cast<std::size_t>(it - cumulative.begin()),
                                       names.size() - 1)];
  }
};

struct Route {
  std::vector<std::string> edges;
  std::vector<SumoStopCall> stops;
};

// What a vehicle, trip or flow element says, before departures are generated from it.
struct Template {
  const XmlFile* xml = nullptr;
  pugi::xml_node node;
  SourceRef where;
  std::string type;
  std::string route_name;  // a named route or route distribution
  Route route;             // an inline route, when route_name is empty and not a trip
  Index from_link = invalid_index, to_link = invalid_index;   // a trip between edges
  Index origin = invalid_index, destination = invalid_index;  // a trip between junctions
  std::vector<SumoStopCall> stops;
  std::string line;
};

class RouteReader {
 public:
  RouteReader(const Network& network, DemandBuilder& builder, const SumoRouteOptions& options,
              SumoBusData* bus)
      : network_(network), builder_(builder), options_(options), bus_(bus) {
    types_["DEFAULT_VEHTYPE"] = {"passenger", car_class, 1.0f, 1.0};
    types_["DEFAULT_BIKETYPE"] = {"bicycle", car_class, 1.0f, 1.0};
  }

  SumoDemandReport read(const std::vector<std::string>& paths) {
    for (const std::string& path : paths) {
      files_.push_back(std::make_unique<XmlFile>(path));
      file_index_.push_back(builder_.add_file(path));
    }
    for (const auto& file : files_) read_definitions(*file);
    for (std::size_t f = 0; f < files_.size(); ++f) read_demand(*files_[f], file_index_[f]);
    return std::move(report_);
  }

 private:
  void read_type(const XmlFile& xml, pugi::xml_node node, Distribution* distribution) {
    const std::string id = xml.text(node, "id");
    VehicleType type;
    type.vehicle_class = node.attribute("vClass") ? xml.text(node, "vClass") : "passenger";
    const double length = xml.number_or(node, "length", default_length_m(type.vehicle_class));
    const double gap = xml.number_or(node, "minGap", type.vehicle_class == "bicycle" ? 0.5 : 2.5);
    if (!(length > 0.0)) xml.fail(node, "length", "vehicle length must be positive");
    type.pcu = static_cast<float>(std::max(1.0, (length + gap) / car_space_m));
    type.class_index = class_of_vclass(type.vehicle_class);
    type.probability = weight_of(xml, node);
    const bool is_default = id.rfind("DEFAULT_", 0) == 0;
    if (!types_.emplace(id, type).second && !is_default) {
      xml.fail(node, "id", "duplicate vehicle type '" + id + "'");
    }
    types_[id] = type;
    if (distribution) distribution->add(id, type.probability);
  }

  Route read_route(const XmlFile& xml, pugi::xml_node node) const {
    Route route;
    route.edges = sumo_xml::split_list(xml.text(node, "edges"));
    for (const std::string& edge : route.edges) {
      if (network_.find_link(edge) == invalid_index) {
        xml.fail(node, "edges", "unknown edge '" + edge + "'");
      }
    }
    read_stops(xml, node, route.stops);
    return route;
  }

  void read_stops(const XmlFile& xml, pugi::xml_node node, std::vector<SumoStopCall>& stops) const {
    for (const pugi::xml_node stop : node.children("stop")) {
      SumoStopCall call;
      call.bus_stop = stop.attribute("busStop").value();
      call.edge = stop.attribute("edge").value();
      const std::string lane = stop.attribute("lane").value();
      if (call.edge.empty() && !lane.empty()) call.edge = lane.substr(0, lane.rfind('_'));
      call.duration_s = xml.optional_time(stop, "duration").value_or(0.0);
      call.until_s = xml.optional_time(stop, "until");
      stops.push_back(std::move(call));
    }
  }

  void define_route(const XmlFile& xml, pugi::xml_node node, Route route) {
    const std::string id = xml.text(node, "id");
    if (!routes_.emplace(id, std::move(route)).second || route_distributions_.count(id)) {
      xml.fail(node, "id", "duplicate route id '" + id + "'");
    }
  }

  static Distribution& new_distribution(const XmlFile& xml, pugi::xml_node node,
                                        std::unordered_map<std::string, Distribution>& all) {
    const std::string id = xml.text(node, "id");
    const auto [it, inserted] = all.try_emplace(id);
    if (!inserted) xml.fail(node, "id", "duplicate distribution id '" + id + "'");
    return it->second;
  }

  void read_definitions(const XmlFile& xml) {
    for (const pugi::xml_node node : xml.root().children()) {
      const std::string name = node.name();
      if (name == "vType") {
        read_type(xml, node, nullptr);
      } else if (name == "vTypeDistribution") {
        Distribution& distribution = new_distribution(xml, node, type_distributions_);
        for (const pugi::xml_node type : node.children("vType"))
          read_type(xml, type, &distribution);
        for (const std::string& type : sumo_xml::split_list(node.attribute("vTypes").value())) {
          if (!types_.count(type)) xml.fail(node, "vTypes", "unknown vehicle type '" + type + "'");
          distribution.add(type, types_.at(type).probability);
        }
        if (distribution.names.empty() || !(distribution.cumulative.back() > 0.0)) {
          xml.fail(node, "vType", "distribution has no type with a positive probability");
        }
      } else if (name == "route") {
        define_route(xml, node, read_route(xml, node));
      } else if (name == "routeDistribution") {
        Distribution& distribution = new_distribution(xml, node, route_distributions_);
        for (const pugi::xml_node route : node.children("route")) {
          std::string member;
          if (route.attribute("refId")) {
            member = xml.text(route, "refId");
            if (!routes_.count(member)) xml.fail(route, "refId", "unknown route '" + member + "'");
          } else {
            member = route.attribute("id") ? xml.text(route, "id")
                                           : "\n" + std::to_string(routes_.size());
            routes_.emplace(member, read_route(xml, route));
          }
          distribution.add(member, weight_of(xml, route));
        }
        if (distribution.names.empty() || !(distribution.cumulative.back() > 0.0)) {
          xml.fail(node, "route", "distribution has no route with a positive probability");
        }
      }
    }
  }

  Index link_attribute(const Template& t, const char* field) const {
    const std::string id = t.xml->text(t.node, field);
    const Index link = network_.find_link(id);
    if (link == invalid_index) t.xml->fail(t.node, field, "unknown edge '" + id + "'");
    return link;
  }

  Index junction_attribute(const Template& t, const char* field) const {
    const std::string id = t.xml->text(t.node, field);
    const Index node = network_.find_node(id);
    if (node == invalid_index) t.xml->fail(t.node, field, "unknown junction '" + id + "'");
    return node;
  }

  Template read_template(const XmlFile& xml, pugi::xml_node node, std::uint32_t file) const {
    Template t;
    t.xml = &xml;
    t.node = node;
    t.where = {file, static_cast<std::uint32_t>(xml.line(node))};
    t.type = node.attribute("type") ? xml.text(node, "type") : "DEFAULT_VEHTYPE";
    if (!types_.count(t.type) && !type_distributions_.count(t.type)) {
      xml.fail(node, "type", "unknown vehicle type '" + t.type + "'");
    }
    t.line = node.attribute("line").value();
    read_stops(xml, node, t.stops);
    if (const pugi::xml_node route = node.child("route")) {
      t.route = read_route(xml, route);
    } else if (node.attribute("route")) {
      t.route_name = xml.text(node, "route");
      if (!routes_.count(t.route_name) && !route_distributions_.count(t.route_name)) {
        xml.fail(node, "route", "unknown route '" + t.route_name + "'");
      }
    } else if (node.attribute("from") || node.attribute("to")) {
      t.from_link = link_attribute(t, "from");
      t.to_link = link_attribute(t, "to");
    } else if (node.attribute("fromJunction") || node.attribute("toJunction")) {
      t.origin = junction_attribute(t, "fromJunction");
      t.destination = junction_attribute(t, "toJunction");
    } else {
      xml.fail(node, "route",
               "gives no route: expected a <route> child, a route attribute, from/to edges or "
               "fromJunction/toJunction (TAZ trips are not supported)");
    }
    return t;
  }

  // Adds one vehicle departing at `depart_s` as a trip of the demand.
  void emit(const Template& t, std::string id, double depart_s) {
    const std::uint64_t entity = vehicle_counter_++;
    if (depart_s < options_.begin_s || depart_s >= options_.end_s) {
      ++report_.skipped_outside_window;
      return;
    }
    std::string type_name = t.type;
    if (const auto it = type_distributions_.find(type_name); it != type_distributions_.end()) {
      type_name = it->second.pick(options_.seed, entity, RandomPurpose::sumo_type_choice);
    }
    const VehicleType& type = types_.at(type_name);
    const Route* route = &t.route;
    if (!t.route_name.empty()) {
      std::string name = t.route_name;
      if (const auto it = route_distributions_.find(name); it != route_distributions_.end()) {
        name = it->second.pick(options_.seed, entity, RandomPurpose::sumo_route_choice);
      }
      route = &routes_.at(name);
    }
    Index trip;
    if (t.from_link != invalid_index) {
      trip = builder_.add_trip(id, network_.link_from_node[t.from_link],
                               network_.link_to_node[t.to_link], depart_s, type.pcu, t.where);
      report_.trip_ends.push_back({trip, t.from_link, t.to_link});
    } else if (t.origin != invalid_index) {
      trip = builder_.add_trip(id, t.origin, t.destination, depart_s, type.pcu, t.where);
    } else {
      edge_views_.assign(route->edges.begin(), route->edges.end());
      trip = builder_.add_routed_trip(id, edge_views_, depart_s, type.pcu, t.where);
    }
    builder_.set_class(trip, type.class_index);
    const bool transit = !t.line.empty() || !t.stops.empty() || !route->stops.empty() ||
                         type.vehicle_class == "bus" || type.vehicle_class == "coach";
    if (bus_ && transit) {
      SumoTransitVehicle vehicle{std::move(id), t.line, type_name, trip, route->stops};
      vehicle.stops.insert(vehicle.stops.end(), t.stops.begin(), t.stops.end());
      bus_->vehicles.push_back(std::move(vehicle));
    }
  }

  void read_flow(const Template& t) {
    const XmlFile& xml = *t.xml;
    const std::string id = xml.text(t.node, "id");
    const double begin = xml.optional_time(t.node, "begin").value_or(0.0);
    std::optional<double> end = xml.optional_time(t.node, "end");
    std::optional<double> number = xml.optional_number(t.node, "number");
    if (number && (*number < 0.0 || std::floor(*number) != *number)) {
      xml.fail(t.node, "number", "must be a non-negative integer");
    }
    const auto vph = xml.optional_number(t.node, "vehsPerHour");
    auto period = xml.optional_time(t.node, "period");
    const auto probability = xml.optional_number(t.node, "probability");
    if (int(vph.has_value()) + int(period.has_value()) + int(probability.has_value()) > 1) {
      xml.fail(t.node, "period", "give only one of vehsPerHour, period and probability");
    }
    if (vph) {
      if (!(*vph > 0.0)) xml.fail(t.node, "vehsPerHour", "must be positive");
      period = 3600.0 / *vph;
    }
    if (period && !(*period > 0.0)) xml.fail(t.node, "period", "must be positive");
    if (probability && !(*probability > 0.0 && *probability <= 1.0)) {
      xml.fail(t.node, "probability", "must be in (0, 1]");
    }
    if (!period && !probability) {
      if (!number || !end) {
        xml.fail(t.node, "number",
                 "a flow needs vehsPerHour, period or probability, or number with begin and end");
      }
      period = (*end - begin) / std::max(*number, 1.0);
    }
    // Without an end SUMO stops after `number` vehicles, or after a day.
    const double stop =
        end.value_or(number && period ? begin + *number * *period : begin + 86400.0);
    const auto limit = static_cast<std::size_t>(number.value_or(1e18));
    const std::uint64_t flow_entity = report_.flows++;
    std::size_t made = 0;
    for (std::size_t k = 0; made < limit; ++k) {
      const double depart = begin + static_cast<double>(k) * (period ? *period : 1.0);
      if (depart >= stop) break;
      if (probability && random_unit(options_.seed, flow_entity, k,
                                     RandomPurpose::demand_departure_time) >= *probability) {
        continue;
      }
      emit(t, id + "." + std::to_string(made++), depart);
      ++report_.flow_vehicles;
    }
  }

  void read_demand(const XmlFile& xml, std::uint32_t file) {
    for (const pugi::xml_node node : xml.root().children()) {
      const std::string name = node.name();
      if (name == "vehicle" || name == "trip") {
        const Template t = read_template(xml, node, file);
        const bool is_trip = t.from_link != invalid_index || t.origin != invalid_index;
        ++(is_trip ? report_.trips : report_.vehicles);
        emit(t, xml.text(node, "id"), xml.time(node, "depart"));
      } else if (name == "flow") {
        read_flow(read_template(xml, node, file));
      } else if (name == "person" || name == "personFlow" || name == "container" ||
                 name == "containerFlow") {
        ++report_.skipped_persons;
      }
    }
  }

  const Network& network_;
  DemandBuilder& builder_;
  const SumoRouteOptions& options_;
  SumoBusData* bus_;
  std::vector<std::unique_ptr<XmlFile>> files_;
  std::vector<std::uint32_t> file_index_;
  std::unordered_map<std::string, VehicleType> types_;
  std::unordered_map<std::string, Distribution> type_distributions_;
  std::unordered_map<std::string, Route> routes_;
  std::unordered_map<std::string, Distribution> route_distributions_;
  std::vector<std::string_view> edge_views_;  // the route of the trip being added
  std::uint64_t vehicle_counter_ = 0;
  SumoDemandReport report_;
};

}  // namespace

SumoDemandReport read_sumo_routes(const std::vector<std::string>& files, const Network& network,
                                  DemandBuilder& builder, const SumoRouteOptions& options,
                                  SumoBusData* bus) {
  return RouteReader(network, builder, options, bus).read(files);
}

}  // namespace arteria
