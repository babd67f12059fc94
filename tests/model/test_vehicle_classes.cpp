// The vehicle class table: built-ins, the scenario's own classes and their banned links.
#include <catch2/catch.hpp>

#include "model/vehicle_classes.hpp"
#include "toy_scenarios.hpp"

using namespace arteria;

TEST_CASE("the built-in vehicle classes have fixed indices and their defaults") {
  const VehicleClasses classes = builtin_vehicle_classes();
  REQUIRE(classes.count() == 5);
  CHECK(classes.name[car_class] == "car");
  CHECK(classes.name[truck_class] == "truck");
  CHECK(classes.name[bus_class] == "bus");
  CHECK(classes.name[emergency_class] == "emergency");
  CHECK(classes.name[electric_car_class] == "electric_car");
  CHECK(classes.pcu[car_class] == 1.0f);
  CHECK(classes.pcu[truck_class] == 2.5f);
  CHECK(classes.max_speed_mps[car_class] == no_speed_limit_mps);
  CHECK(classes.max_speed_mps[truck_class] == Approx(25.0f));
  CHECK(classes.emission[car_class] == EmissionClass::petrol_car);
  CHECK(classes.emission[electric_car_class] == EmissionClass::electric_car);
  CHECK(classes.emission[truck_class] == EmissionClass::diesel_truck);
  CHECK(classes.emission[bus_class] == EmissionClass::urban_bus);
  CHECK(classes.find("bus") == bus_class);
  CHECK(classes.find("tram") == classes.count());
}

TEST_CASE("a scenario's classes change built-ins in place and add new ones after them") {
  const Network net = compile_network(testing::two_way_square());
  VehicleClassSpec truck;
  truck.name = "truck";
  truck.pcu = 3.0;
  truck.banned_links = {"C>D", "A>C", "C>D"};
  VehicleClassSpec van;
  van.name = "van";
  van.max_speed_kmh = 36.0;
  van.emission = std::optional<EmissionClass>(EmissionClass::diesel_car);
  const VehicleClasses classes = compile_vehicle_classes({truck, van}, net, {});
  REQUIRE(classes.count() == 6);
  CHECK(classes.pcu[truck_class] == 3.0f);
  CHECK(classes.max_speed_mps[truck_class] == Approx(25.0f));  // kept
  const ClassIndex v = static_cast<ClassIndex>(classes.find("van"));
  CHECK(v == 5);
  CHECK(classes.pcu[v] == 1.0f);  // a new class starts as a car
  CHECK(classes.max_speed_mps[v] == Approx(10.0f));
  CHECK(classes.emission[v] == EmissionClass::diesel_car);
  // Banned links: sorted, each once; only the truck's.
  CHECK(classes.first_banned_link[truck_class + 1] - classes.first_banned_link[truck_class] == 2);
  CHECK_FALSE(classes.allows(net, truck_class, net.find_link("A>C")));
  CHECK_FALSE(classes.allows(net, truck_class, net.find_link("C>D")));
  CHECK(classes.allows(net, truck_class, net.find_link("A>B")));
  CHECK(classes.allows(net, car_class, net.find_link("A>C")));
  // The square's links run at 10 m/s: the van (10 m/s) restricts nothing, the truck does.
  CHECK(classes.restricts(net, truck_class));
  CHECK_FALSE(classes.restricts(net, v));
  CHECK_FALSE(classes.restricts(net, car_class));
}
