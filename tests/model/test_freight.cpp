// The freight source's expansion into trips: counts per gate, direction and hour worked out by
// hand from the daily counts, the profile and the open hours; the night-hours policy; nesting.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "model/freight.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

constexpr double hour_s = 3600.0;

// Gate A of two_way_square; the city ends are C and D, evenly.
FreightSource port(const Network& network, double trucks_in, double trucks_out) {
  FreightSource source;
  source.name = "port";
  source.gate_id = {"A"};
  source.gate_node = {network.find_node("A")};
  source.gate_trucks_in = {trucks_in};
  source.gate_trucks_out = {trucks_out};
  source.hourly_share.fill(1.0);
  source.open.fill(true);
  source.city_weight.assign(network.node_count, 0.0);
  source.city_weight[network.find_node("C")] = 1.0;
  source.city_weight[network.find_node("D")] = 1.0;
  return source;
}

void open_hours(FreightSource& source, int from, int to) {
  source.open.fill(false);
  for (int h = from; h < to; ++h) source.open[h % hours_per_day] = true;
}

struct Expanded {
  Demand demand;
  std::size_t count = 0;
};

Expanded expand(const Network& network, const FreightSource& source, double start_s, double end_s,
                double scale = 1.0) {
  Expanded out;
  DemandBuilder builder(network, out.demand);
  DemandScale factors;
  factors.steps.push_back({-1e300, scale});
  out.count = expand_freight(source, factors, start_s, end_s, builder);
  return out;
}

// Trips whose origin (in: destination) is the gate and whose departure is in hour `hour`.
std::size_t count(const Expanded& e, Index gate, bool in, int hour) {
  std::size_t n = 0;
  for (Index t = 0; t < e.demand.trip_count(); ++t) {
    const Index end = in ? e.demand.trip_destination[t] : e.demand.trip_origin[t];
    if (end == gate && static_cast<int>(e.demand.trip_depart_s[t] / hour_s) == hour) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("freight trips per gate and hour are the day's counts over the open hours") {
  // Gates open 06:00-22:00 (16 hours), a flat profile: 160 trucks in a day are 10 an hour, 80
  // out are 5. The run 05:00-09:00 holds hours 5 (closed), 6, 7 and 8: 30 in, 15 out.
  const Network network = compile_network(two_way_square());
  FreightSource source = port(network, 160.0, 80.0);
  open_hours(source, 6, 22);
  const Expanded e = expand(network, source, 5 * hour_s, 9 * hour_s);
  const Index gate = network.find_node("A");
  CHECK(e.count == 45);
  CHECK(count(e, gate, true, 5) == 0);
  for (int h = 6; h < 9; ++h) {
    CHECK(count(e, gate, true, h) == 10);
    CHECK(count(e, gate, false, h) == 5);
  }
  for (Index t = 0; t < e.demand.trip_count(); ++t) {
    CHECK(e.demand.trip_class[t] == truck_class);
    CHECK(e.demand.trip_pcu[t] == 2.5f);
    const bool in = e.demand.trip_destination[t] == gate;
    const Index city = in ? e.demand.trip_origin[t] : e.demand.trip_destination[t];
    CHECK((city == network.find_node("C") || city == network.find_node("D")));
  }
}

TEST_CASE("the hourly profile weighs the open hours") {
  // Open 06:00-22:00; hour 7 weighs 3, the other 15 open hours 1: 180 trucks a day give
  // 180 x 3/18 = 30 in hour 7 and 10 in hour 6.
  const Network network = compile_network(two_way_square());
  FreightSource source = port(network, 180.0, 0.0);
  open_hours(source, 6, 22);
  source.hourly_share[7] = 3.0;
  CHECK(freight_hour_share(source, 7) == Approx(3.0 / 18.0));
  CHECK(freight_hour_share(source, 23) == 0.0);
  const Expanded e = expand(network, source, 6 * hour_s, 8 * hour_s);
  CHECK(count(e, network.find_node("A"), true, 6) == 10);
  CHECK(count(e, network.find_node("A"), true, 7) == 30);
  CHECK(e.count == 40);
}

TEST_CASE("holding trucks to the night moves the day's trucks into the night hours") {
  // Hold 22:00-06:00 (8 hours), gates always open, flat profile: 160 trucks a day are 20 an
  // hour at night and none by day. In 05:00-09:00 only hour 5 is a night hour: 20 trucks.
  // A night whose profile is all 0 takes them evenly as well.
  const Network network = compile_network(two_way_square());
  FreightSource source = port(network, 160.0, 0.0);
  open_hours(source, 22, 30);
  const Index gate = network.find_node("A");
  const Expanded held = expand(network, source, 5 * hour_s, 9 * hour_s);
  CHECK(held.count == 20);
  CHECK(count(held, gate, true, 5) == 20);
  for (int h = 0; h < 6; ++h) source.hourly_share[h] = 0.0;
  for (int h = 22; h < 24; ++h) source.hourly_share[h] = 0.0;
  CHECK(freight_hour_share(source, 3) == Approx(1.0 / 8.0));
  CHECK(expand(network, source, 5 * hour_s, 9 * hour_s).count == 20);
}

TEST_CASE("a larger freight scale keeps every trip of a smaller one") {
  // 10 trucks an hour at scale 1 and 1.5 (15 an hour, whole: exactly), 0.35 keeps some of them.
  const Network network = compile_network(two_way_square());
  FreightSource source = port(network, 240.0, 240.0);
  const Expanded base = expand(network, source, 6 * hour_s, 9 * hour_s);
  const Expanded more = expand(network, source, 6 * hour_s, 9 * hour_s, 1.5);
  const Expanded less = expand(network, source, 6 * hour_s, 9 * hour_s, 0.35);
  CHECK(base.count == 60);
  CHECK(more.count == 90);
  const auto ids = [](const Expanded& e) {
    return std::set<std::string>(e.demand.trip_external_id.begin(),
                                 e.demand.trip_external_id.end());
  };
  const std::set<std::string> base_ids = ids(base), more_ids = ids(more), less_ids = ids(less);
  CHECK(std::includes(more_ids.begin(), more_ids.end(), base_ids.begin(), base_ids.end()));
  CHECK(std::includes(base_ids.begin(), base_ids.end(), less_ids.begin(), less_ids.end()));
  // The same trip in both is the same: same departure, same city end.
  for (Index t = 0; t < base.demand.trip_count(); ++t) {
    const auto it = std::find(more.demand.trip_external_id.begin(),
                              more.demand.trip_external_id.end(), base.demand.trip_external_id[t]);
    const auto u = static_cast<Index>(it - more.demand.trip_external_id.begin());
    CHECK(more.demand.trip_depart_s[u] == base.demand.trip_depart_s[t]);
    CHECK(more.demand.trip_origin[u] == base.demand.trip_origin[t]);
  }
}
