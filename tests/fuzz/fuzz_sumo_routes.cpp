// SUMO demand (routes, trips, flows, vehicle types and distributions) read against a network.
// Input: net --8<-- routes; the net is read and compiled first, as `source = "sumo"` does.
#include "formats/sumo/sumo_reader.hpp"
#include "fuzz_input.hpp"
#include "model/demand.hpp"
#include "model/network.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const auto parts = fuzz::split_files(data, size, 2);
  if (parts.size() < 2) return 0;
  const std::string net = fuzz::write_input("input.net.xml", parts[0]);
  const std::string routes = fuzz::write_input("input.rou.xml", parts[1]);
  fuzz::expect_input_error([&] {
    const Network network = compile_network(read_sumo_network(net).spec);
    Demand demand;
    DemandBuilder builder(network, demand);
    SumoBusData bus;
    read_sumo_routes({routes}, network, builder, {}, &bus);
  });
  return 0;
}
