// Emissions of a link bin: outflow × length × factor at the bin's mean speed, checked by hand.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/network.hpp"
#include "output/link_emissions.hpp"

using namespace arteria;

namespace {

// A 2 km road, a 500 m road and a 1 km rail guideway.
Network three_links() {
  NetworkSpec spec;
  spec.nodes = {
      {"A", 0.0, 0.0, false, {}}, {"B", 2000.0, 0.0, false, {}}, {"C", 2000.0, 500.0, false, {}}};
  LinkSpec rail{"gw:rail", "C", "A", 1000.0, 1.0, 20.0, 1000.0, mode_rail, {}, {}};
  spec.links = {{"ab", "A", "B", 2000.0, 1.0, 20.0, 1800.0, road_modes, {}, {}},
                {"bc", "B", "C", 500.0, 1.0, 20.0, 1800.0, road_modes, {}, {}},
                rail};
  return compile_network(spec);
}

// The first link has `exits` vehicles leaving at `speed_mps`; nothing leaves the second; the
// rail link has as many as the first.
LinkBin one_link_bin(float exits, float speed_mps) {
  LinkBin bin;
  bin.resize(3);
  bin.outflow[0] = bin.outflow[2] = exits;
  bin.mean_speed_mps[0] = bin.mean_speed_mps[2] = speed_mps;
  bin.mean_speed_mps[1] = std::nanf("");
  return bin;
}

std::size_t at(Pollutant p) {
  return static_cast<std::size_t>(p);
}

}  // namespace

TEST_CASE("Emissions of a constant-speed link equal factor × distance") {
  // 30 cars leave a 2 km link at 50 km/h: 60 vehicle-km. By hand, petrol car CO2 at
  // v = 13.8889 m/s: 8273 - 401.1 v + 25.08 v² = 8273 - 5570.83 + 4837.96 = 7540.13 g/h,
  // / 50 km/h = 150.803 g/km; × 60 vehicle-km = 9048.2 g. NOx: 3.444 - 3.2125 + 2.0949 =
  // 2.3264 g/h, / 50 = 0.046528 g/km; × 60 = 2.7917 g.
  const Network net = three_links();
  const LinkEmissions grams = link_emissions(one_link_bin(30.0f, 50.0f / 3.6f), net,
                                             ClassEmissions{EmissionClass::petrol_car});
  CHECK(grams[at(Pollutant::co2)][0] == Approx(9048.2).epsilon(1e-4));
  CHECK(grams[at(Pollutant::nox)][0] == Approx(2.7917).epsilon(1e-4));
  for (std::size_t p = 0; p < pollutant_count; ++p) {
    const double factor =
        emission_factor_g_per_km(EmissionClass::petrol_car, static_cast<Pollutant>(p), 50.0);
    CHECK(grams[p][0] == Approx(60.0 * factor).epsilon(1e-5));
    CHECK(grams[p][1] == 0.0f);  // nothing left the second link (speed NaN)
    CHECK(grams[p][2] == 0.0f);  // trains on a guideway are no cars
  }
}

TEST_CASE("A truck link at constant speed emits factor × distance") {
  // 12 diesel trucks (Euro VI) leave the 2 km link at 50 km/h: 24 vehicle-km. By hand from
  // HBEFA3 HDV_D_EU6 at v = 13.8889 m/s: CO2 23530 + 1889 v = 49766.1 g/h, / 50 km/h =
  // 995.322 g/km, × 24 = 23887.7 g; NOx 47.47 + 2.737 v = 85.4839 g/h -> 1.70968 g/km -> 41.0323
  // g; PM 0.1279 + 0.00329 v = 0.173594 g/h -> 0.00347189 g/km -> 0.0833253 g; fuel 7400 +
  // 594.2 v = 15652.8 g/h -> 313.056 g/km -> 7513.33 g.
  LinkBin bin = one_link_bin(12.0f, 50.0f / 3.6f);
  bin.class_outflow.assign(1, bin.outflow);
  ClassEmissionTotals by_class;
  const LinkEmissions grams =
      link_emissions(bin, three_links(), ClassEmissions{EmissionClass::diesel_truck}, &by_class);
  CHECK(grams[at(Pollutant::co2)][0] == Approx(23887.7).epsilon(1e-5));
  CHECK(grams[at(Pollutant::nox)][0] == Approx(41.0323).epsilon(1e-5));
  CHECK(grams[at(Pollutant::pm25)][0] == Approx(0.0833253).epsilon(1e-5));
  CHECK(grams[at(Pollutant::fuel)][0] == Approx(7513.33).epsilon(1e-5));
  // The class's totals: the same 24 vehicle-km and grams (the rail link is no road).
  CHECK(by_class.vehicle_km == std::vector<double>{24.0});
  CHECK(by_class.grams[0][at(Pollutant::co2)] == Approx(23887.7).epsilon(1e-5));
  CHECK(by_class.grams[0][at(Pollutant::nox)] == Approx(41.0323).epsilon(1e-5));
}

TEST_CASE("Electric cars emit nothing on a busy link") {
  const LinkEmissions grams = link_emissions(one_link_bin(100.0f, 10.0f), three_links(),
                                             ClassEmissions{EmissionClass::electric_car});
  for (const std::vector<float>& values : grams) {
    CHECK(values == std::vector<float>{0.0f, 0.0f, 0.0f});
  }
}

TEST_CASE("Emission totals sum the bins") {
  const Network net = three_links();
  EmissionTotals totals;
  const LinkEmissions first = link_emissions(one_link_bin(10.0f, 20.0f / 3.6f), net,
                                             ClassEmissions{EmissionClass::petrol_car});
  const LinkEmissions second = link_emissions(one_link_bin(5.0f, 100.0f / 3.6f), net,
                                              ClassEmissions{EmissionClass::petrol_car});
  totals.add(first);
  totals.add(second);
  // 20 vehicle-km at 20 km/h (340.937 g/km) and 10 at 100 km/h (164.832 g/km) on the 2 km road.
  CHECK(totals.grams[at(Pollutant::co2)] == Approx(20 * 340.937 + 10 * 164.832).epsilon(1e-5));
}

TEST_CASE("Each class's outflow is charged as its category, the rest as the car class") {
  // 30 vehicles leave the 2 km road at 50 km/h: 12 cars (petrol), 8 trucks (diesel, Euro VI),
  // 6 electric cars and 4 in no class (transit vehicles), charged as the car class: CO2 is
  // (12 + 4) × 2 km of petrol car at 150.803 g/km (4825.7 g) and 8 × 2 km of truck at 995.322
  // g/km (15925.2 g).
  LinkBin bin = one_link_bin(30.0f, 50.0f / 3.6f);
  VehicleClasses classes = builtin_vehicle_classes();
  bin.class_outflow.assign(classes.count(), std::vector<float>(3, 0.0f));
  bin.class_outflow[car_class][0] = 12.0f;
  bin.class_outflow[truck_class][0] = 8.0f;
  bin.class_outflow[electric_car_class][0] = 6.0f;
  ClassEmissionTotals by_class;
  const LinkEmissions grams = link_emissions(bin, three_links(), classes.emission, &by_class);
  CHECK(grams[at(Pollutant::co2)][0] == Approx(16 * 2 * 150.803 + 16 * 995.322).epsilon(1e-5));
  CHECK(grams[at(Pollutant::co2)][1] == 0.0f);
  REQUIRE(by_class.vehicle_km.size() == classes.count());
  CHECK(by_class.vehicle_km[car_class] == 32.0);
  CHECK(by_class.vehicle_km[truck_class] == 16.0);
  CHECK(by_class.vehicle_km[electric_car_class] == 12.0);
  CHECK(by_class.vehicle_km[bus_class] == 0.0);
  CHECK(by_class.grams[car_class][at(Pollutant::co2)] == Approx(32 * 150.803).epsilon(1e-5));
  CHECK(by_class.grams[truck_class][at(Pollutant::co2)] == Approx(16 * 995.322).epsilon(1e-5));
  CHECK(by_class.grams[electric_car_class][at(Pollutant::co2)] == 0.0);

  // A class left out (emission "none") drives its vehicle-km and emits nothing.
  classes.emission[truck_class] = std::nullopt;
  ClassEmissionTotals without_trucks;
  const LinkEmissions cars_only =
      link_emissions(bin, three_links(), classes.emission, &without_trucks);
  CHECK(cars_only[at(Pollutant::co2)][0] == Approx(16 * 2 * 150.803).epsilon(1e-5));
  CHECK(without_trucks.vehicle_km[truck_class] == 16.0);
  CHECK(without_trucks.grams[truck_class][at(Pollutant::co2)] == 0.0);
}
